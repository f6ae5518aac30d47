package io.agentfoundry.generator.service;

import io.agentfoundry.platform.messaging.StepFailureException;

import java.util.regex.Pattern;

/**
 * Which Strands model class an agent uses. Catalog ids of Ollama models start with {@code ollama/} (the tag follows);
 * every other id is a Bedrock model or inference-profile id.
 */
public record ModelTarget(Provider provider, String providerModelId) {

    public enum Provider { BEDROCK, OLLAMA }

    private static final String OLLAMA_PREFIX = "ollama/";
    /** Bedrock ids and Ollama tags use only these characters; anything else is refused, not escaped. */
    private static final Pattern MODEL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,199}");

    public static ModelTarget of(String catalogModelId) {
        if (catalogModelId == null || !MODEL_ID.matcher(catalogModelId).matches()) {
            throw new StepFailureException("INVALID_MODEL_ID", "Not a model id: " + catalogModelId);
        }
        if (catalogModelId.startsWith(OLLAMA_PREFIX)) {
            return new ModelTarget(Provider.OLLAMA, catalogModelId.substring(OLLAMA_PREFIX.length()));
        }
        return new ModelTarget(Provider.BEDROCK, catalogModelId);
    }

    public boolean isBedrock() {
        return provider == Provider.BEDROCK;
    }

    public boolean isOllama() {
        return provider == Provider.OLLAMA;
    }
}
