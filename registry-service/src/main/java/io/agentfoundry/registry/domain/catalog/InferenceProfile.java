package io.agentfoundry.registry.domain.catalog;

/**
 * A Bedrock cross-region inference profile: the base id with a geography prefix.
 *
 * @param scope   {@code global}, {@code us}, {@code eu}, {@code apac}, {@code jp} or {@code au}
 * @param isDefault the profile used when a spec names the model by its catalog or base id
 */
public record InferenceProfile(String id, String scope, @com.fasterxml.jackson.annotation.JsonProperty("default") Boolean isDefault) {
}
