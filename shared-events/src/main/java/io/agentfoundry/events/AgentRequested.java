package io.agentfoundry.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A request to turn {@code spec} into a running, tested agent.
 *
 * <p>Two kinds travel on the topic. A <em>submission</em> — published by another platform service — has no
 * {@code model}: the registry validates it and either records a job that failed validation or publishes an
 * <em>accepted</em> request for the same job, with {@code causationId} pointing at the submission and the catalog's
 * resolution of the model and tools filled in. Only accepted requests are worked on by the generator.
 *
 * @param requestedBy    who asked (a gateway client id, or the publishing service's name)
 * @param model          the catalog's resolution of {@code spec.modelId}; null on a submission
 * @param tools          the catalog's resolution of {@code spec.tools}, in the same order; empty on a submission
 * @param catalogVersion the version of the catalogs used to resolve them; null on a submission
 */
public record AgentRequested(
        UUID eventId,
        UUID jobId,
        UUID causationId,
        Instant occurredAt,
        int schemaVersion,
        String requestedBy,
        AgentSpec spec,
        ModelBinding model,
        List<ToolBinding> tools,
        String catalogVersion) implements PipelineEvent {

    public AgentRequested {
        tools = tools == null ? List.of() : List.copyOf(tools);
    }

    /** A submission: what a platform service publishes before the registry has validated it. */
    public static AgentRequested submission(UUID eventId, UUID jobId, Instant occurredAt, String requestedBy,
                                            AgentSpec spec) {
        return new AgentRequested(eventId, jobId, null, occurredAt, EventType.CURRENT_SCHEMA_VERSION, requestedBy, spec,
                null, List.of(), null);
    }

    /** True once the registry has validated the request and resolved its model. Not a property of the event. */
    @JsonIgnore
    public boolean isAccepted() {
        return model != null;
    }
}
