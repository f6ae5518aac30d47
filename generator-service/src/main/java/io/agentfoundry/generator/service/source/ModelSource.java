package io.agentfoundry.generator.service.source;

import io.agentfoundry.generator.service.python.Identifiers;
import io.agentfoundry.generator.service.python.PythonLiteral;
import io.agentfoundry.events.AgentSpec.ModelSettings;
import io.agentfoundry.events.ModelBinding;
import io.agentfoundry.platform.domain.Failure;

import java.util.ArrayList;
import java.util.List;

/**
 * The model class an agent uses, as the registry's catalog bound it, with the spec's sampling settings: what
 * {@code agent.py} prints, every value already a checked number or an escaped literal.
 *
 * @param catalogId  the catalog's id (checked against {@link Identifiers#MODEL_ID}), shown in the header
 * @param idLiteral  the provider's model id as a Python literal
 * @param numCtx     Ollama's context length; null for Bedrock
 * @param settings   config keys of the model class with their Python values, in a fixed order
 */
public record ModelSource(String catalogId, Provider provider, String idLiteral, Integer numCtx,
                          List<Setting> settings) {

    public enum Provider { BEDROCK, OLLAMA }

    /** One config key of BedrockModel or OllamaModel and its value, already Python source. */
    public record Setting(String key, String value) {
    }

    public boolean isBedrock() {
        return provider == Provider.BEDROCK;
    }

    public boolean isOllama() {
        return provider == Provider.OLLAMA;
    }

    /** Ollama's {@code options}: the context length the catalog sets, since Ollama's default is far too small. */
    public String optionsLiteral() {
        return "{\"num_ctx\": " + numCtx + "}";
    }

    static ModelSource of(ModelBinding binding, ModelSettings settings) {
        if (binding == null) {
            throw new Failure("INVALID_MODEL_BINDING", "The request has no model binding");
        }
        Provider provider;
        try {
            provider = Provider.valueOf(String.valueOf(binding.provider()));
        } catch (IllegalArgumentException e) {
            throw new Failure("INVALID_MODEL_BINDING",
                    "The model's provider must be BEDROCK or OLLAMA: " + Identifiers.quoted(binding.provider()));
        }
        String catalogId = Identifiers.modelId(binding.catalogId(), "catalog id");
        String providerModelId = Identifiers.modelId(binding.providerModelId(), "provider model id");
        Integer numCtx = null;
        if (provider == Provider.OLLAMA) {
            if (binding.numCtx() == null || binding.numCtx() < 1) {
                throw new Failure("INVALID_MODEL_BINDING", "The Ollama model " + catalogId
                        + " has no num_ctx in the catalog; Ollama's default would silently cut the context");
            }
            numCtx = binding.numCtx();
        }
        return new ModelSource(catalogId, provider, PythonLiteral.of(providerModelId), numCtx,
                settings(settings, provider, binding));
    }

    private static List<Setting> settings(ModelSettings settings, Provider provider, ModelBinding binding) {
        List<Setting> keys = new ArrayList<>();
        if (settings == null) {
            return keys;
        }
        if (settings.temperature() != null) {
            // Bedrock's models take 0..1; Ollama's samplers accept up to 2
            double highest = provider == Provider.BEDROCK ? 1.0 : 2.0;
            keys.add(new Setting("temperature", number("temperature", settings.temperature(), 0.0, highest)));
        }
        if (settings.maxTokens() != null) {
            int limit = binding.maxOutputTokens() == null ? Integer.MAX_VALUE : binding.maxOutputTokens();
            if (settings.maxTokens() < 1 || settings.maxTokens() > limit) {
                throw new Failure("INVALID_MODEL_SETTINGS", "maxTokens must be between 1 and " + limit
                        + " for " + binding.catalogId() + ": " + settings.maxTokens());
            }
            keys.add(new Setting("max_tokens", Integer.toString(settings.maxTokens())));
        }
        if (settings.topP() != null) {
            if (settings.topP() <= 0.0) {
                throw new Failure("INVALID_MODEL_SETTINGS", "topP must be above 0: " + settings.topP());
            }
            keys.add(new Setting("top_p", number("topP", settings.topP(), 0.0, 1.0)));
        }
        return keys;
    }

    private static String number(String name, double value, double lowest, double highest) {
        if (!(value >= lowest && value <= highest)) {
            throw new Failure("INVALID_MODEL_SETTINGS",
                    name + " must be between " + lowest + " and " + highest + ": " + value);
        }
        // Double.toString always gives a valid Python float literal ("0.7", "1.0E-4")
        return Double.toString(value);
    }
}
