package io.agentfoundry.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A runtime the deployer had made ready for a job is gone and could not be brought back: its container vanished from
 * the engine and could not be re-created on its address (LOCAL), or AgentCore no longer knows the runtime
 * (AGENTCORE). The job's deployment is marked LOST.
 *
 * @param target    {@code LOCAL} or {@code AGENTCORE}
 * @param causationId the RuntimeCreated that announced the runtime, where recorded
 * @param runtimeId the container id or AgentCore agent runtime id that is gone
 * @param reason    what the deployer found, for a person
 */
public record RuntimeLost(
        UUID eventId,
        UUID jobId,
        UUID causationId,
        Instant occurredAt,
        int schemaVersion,
        String target,
        String runtimeId,
        String reason) implements PipelineEvent {
}
