package io.agentfoundry.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;

/**
 * The model a job uses, as the registry's catalog resolved it: what the generator needs to write the model class
 * without a catalog of its own.
 *
 * @param catalogId        the id in the registry's catalog
 * @param provider         {@code BEDROCK} or {@code OLLAMA}
 * @param providerModelId  what the provider is called with: for Bedrock the inference-profile id where one is needed
 *                         (else the base id); for Ollama the tag
 * @param contextWindow    tokens; null where unknown
 * @param maxOutputTokens  tokens; null where unknown
 * @param numCtx           Ollama's {@code num_ctx} to set; null for Bedrock
 * @param pipRequirements  the Python distributions this provider needs, e.g. {@code strands-agents[ollama]}
 */
public record ModelBinding(
        String catalogId,
        String provider,
        String providerModelId,
        Integer contextWindow,
        Integer maxOutputTokens,
        Integer numCtx,
        List<String> pipRequirements) {

    public ModelBinding {
        pipRequirements = pipRequirements == null ? List.of() : List.copyOf(pipRequirements);
    }

    /** True for a model Ollama serves. Not a property of the event. */
    @JsonIgnore
    public boolean isOllama() {
        return "OLLAMA".equals(provider);
    }
}
