package io.agentfoundry.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A job was accepted: turn {@code spec} into a running, tested agent.
 *
 * @param requestedBy who asked (a gateway client id, or the publishing service's name)
 */
public record AgentRequested(
        UUID eventId,
        UUID jobId,
        UUID causationId,
        Instant occurredAt,
        int schemaVersion,
        String requestedBy,
        AgentSpec spec) implements PipelineEvent {
}
