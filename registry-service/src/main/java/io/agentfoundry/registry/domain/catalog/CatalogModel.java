package io.agentfoundry.registry.domain.catalog;

import java.time.LocalDate;
import java.util.List;

/**
 * One entry of {@code catalog/models.json}. Fields that do not apply to the provider are null (numCtx, tag and
 * parameterSize for Bedrock; inference profiles for Ollama); a field whose value could not be found is null and named in
 * {@code unknownFields}; a value taken from a secondary source is named in {@code unverifiedFields}.
 *
 * @param providerModelId         the Bedrock base id, or the Ollama tag
 * @param requiresInferenceProfile true where Bedrock refuses on-demand calls by the base id
 * @param aliases                 further names that resolve to this model (e.g. {@code llama3.3:70b})
 * @param numCtx                  Ollama's {@code num_ctx} a generated agent sets
 * @param usedByTool              for a model that cannot be an agent's LLM: the catalog tool that calls it
 */
public record CatalogModel(
        String id,
        Provider provider,
        String family,
        String displayName,
        String providerModelId,
        Boolean requiresInferenceProfile,
        List<InferenceProfile> inferenceProfiles,
        List<String> aliases,
        Integer contextWindow,
        Integer maxOutputTokens,
        Integer numCtx,
        String tag,
        String parameterSize,
        Modalities modalities,
        List<Capability> capabilities,
        Boolean agentUsable,
        String usedByTool,
        Pricing pricing,
        Lifecycle lifecycle,
        List<UseCase> useCases,
        List<UseCase> recommendedFor,
        String recommendationReason,
        LocalDate checkedAt,
        String source,
        Boolean verified,
        List<String> unverifiedFields,
        List<String> unknownFields,
        String notes) {

    public CatalogModel {
        inferenceProfiles = inferenceProfiles == null ? List.of() : List.copyOf(inferenceProfiles);
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        unverifiedFields = unverifiedFields == null ? List.of() : List.copyOf(unverifiedFields);
        unknownFields = unknownFields == null ? List.of() : List.copyOf(unknownFields);
    }

    public boolean canBeAgentLlm() {
        return Boolean.TRUE.equals(agentUsable);
    }

    public boolean has(Capability capability) {
        return capabilities != null && capabilities.contains(capability);
    }

    /** The status on {@code day}; null where the catalog does not know it. */
    public LifecycleStatus lifecycleOn(LocalDate day) {
        return lifecycle == null ? null : lifecycle.statusOn(day);
    }

    /** What the provider is called with when a spec names the model without choosing a profile. */
    public String defaultInvocationId() {
        return inferenceProfiles.stream().filter(profile -> Boolean.TRUE.equals(profile.isDefault()))
                .map(InferenceProfile::id).findFirst().orElse(providerModelId);
    }
}
