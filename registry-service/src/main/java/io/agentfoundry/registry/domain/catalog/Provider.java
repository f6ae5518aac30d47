package io.agentfoundry.registry.domain.catalog;

import java.util.List;

/** Where a model runs, and the Python distributions a generated agent needs to call it. */
public enum Provider {
    BEDROCK("bedrock/", List.of("strands-agents", "boto3")),
    OLLAMA("ollama/", List.of("strands-agents[ollama]"));

    private final String idPrefix;
    private final List<String> pipRequirements;

    Provider(String idPrefix, List<String> pipRequirements) {
        this.idPrefix = idPrefix;
        this.pipRequirements = pipRequirements;
    }

    /** Catalog ids of this provider start with it: {@code bedrock/claude-sonnet-4-5}, {@code ollama/qwen3:8b}. */
    public String idPrefix() {
        return idPrefix;
    }

    public List<String> pipRequirements() {
        return pipRequirements;
    }
}
