package io.agentfoundry.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A job was cancelled: no service starts a step for it after receiving this. The long steps (build, deploy) stop at
 * their next check, within a second, and fail with a {@code *_CANCELLED} error code (the deployer removes what it
 * started); a step that still finishes has its output ignored by the next service.
 *
 * @param reason      why, in a person's words
 * @param cancelledBy who asked
 */
public record JobCancelled(
        UUID eventId,
        UUID jobId,
        UUID causationId,
        Instant occurredAt,
        int schemaVersion,
        String reason,
        String cancelledBy) implements PipelineEvent {
}
