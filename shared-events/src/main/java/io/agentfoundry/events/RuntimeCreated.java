package io.agentfoundry.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A runtime for the image exists and answered its health check.
 *
 * @param target         where it runs: {@code LOCAL} (a container on a local engine) or {@code AGENTCORE}
 * @param runtimeId      the container id ({@code LOCAL}) or the AgentCore agent runtime id
 * @param invocationUrl  {@code LOCAL}: base URL serving {@code /ping} and {@code /invocations}; {@code AGENTCORE}: the
 *                       data-plane {@code InvokeAgentRuntime} URL (signed requests only; ARN and qualifier say the same)
 * @param runtimeArn     {@code AGENTCORE}: the agent runtime ARN to pass to {@code InvokeAgentRuntime}; else null
 * @param runtimeVersion {@code AGENTCORE}: the version this deployment created; else null
 * @param qualifier      {@code AGENTCORE}: the endpoint to invoke ({@code DEFAULT} or a pinned endpoint); else null
 * @param region         {@code AGENTCORE}: the AWS region of the runtime; else null
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
        String imageDigest,
        String runtimeArn,
        String runtimeVersion,
        String qualifier,
        String region) implements PipelineEvent {

    /** The endpoint every AgentCore runtime has, serving its latest version: the qualifier when none is pinned. */
    public static final String DEFAULT_QUALIFIER = "DEFAULT";
}
