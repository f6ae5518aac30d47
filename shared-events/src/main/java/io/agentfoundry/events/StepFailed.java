package io.agentfoundry.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A step could not do its work. The job stops at this step.
 *
 * @param errorCode machine-readable reason, e.g. {@code BUNDLE_HASH_MISMATCH}
 * @param retryable whether trying the same step again may succeed (a transient fault rather than a bad input)
 * @param attempt   how many times the step was tried
 */
public record StepFailed(
        UUID eventId,
        UUID jobId,
        UUID causationId,
        Instant occurredAt,
        int schemaVersion,
        PipelineStep step,
        String errorCode,
        String message,
        boolean retryable,
        int attempt) implements PipelineEvent {
}
