package io.agentfoundry.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A job was cancelled: no service starts a step for it after receiving this. A step already running finishes, but its
 * output is not acted on by the next service.
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
