package io.agentfoundry.events;

import java.time.Instant;
import java.util.UUID;

/**
 * One log line a service wrote while working on a job. Published to {@link Topics#JOB_LOGS}.
 *
 * @param sequence per-service, increasing: with {@code service} it orders and deduplicates lines
 */
public record JobLogRecord(
        UUID eventId,
        UUID jobId,
        UUID causationId,
        Instant occurredAt,
        int schemaVersion,
        String service,
        PipelineStep step,
        long sequence,
        Level level,
        String message) implements PipelineEvent {

    public enum Level { DEBUG, INFO, WARN, ERROR }
}
