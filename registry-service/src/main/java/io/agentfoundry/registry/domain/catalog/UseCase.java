package io.agentfoundry.registry.domain.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a model is good for; spelled in lower case in the catalog and the API. */
public enum UseCase {
    @JsonProperty("general") GENERAL,
    @JsonProperty("fast") FAST,
    @JsonProperty("coding") CODING,
    @JsonProperty("reasoning") REASONING,
    @JsonProperty("multimodal") MULTIMODAL,
    @JsonProperty("image") IMAGE,
    @JsonProperty("video") VIDEO,
    @JsonProperty("embedding") EMBEDDING;

    public String label() {
        return name().toLowerCase();
    }
}
