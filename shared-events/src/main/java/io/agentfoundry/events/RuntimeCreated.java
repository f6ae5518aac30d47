package io.agentfoundry.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A runtime for the image exists.
 *
 * @param target         where it runs: {@code RECORDED} (no engine configured), {@code LOCAL} or {@code AGENTCORE}
 * @param runtimeId      the container id or AgentCore runtime ARN; for {@code RECORDED}, the deployer's own id
 * @param invocationUrl  base URL that serves {@code /ping} and {@code /invocations}; null where none is reachable
 */
public record RuntimeCreated(
        UUID eventId,
        UUID jobId,
        UUID causationId,
        Instant occurredAt,
        int schemaVersion,
        Instant startedAt,
        AgentSpec spec,
        String target,
        String runtimeId,
        String invocationUrl,
        String imageReference,
        String imageDigest) implements PipelineEvent {
}
