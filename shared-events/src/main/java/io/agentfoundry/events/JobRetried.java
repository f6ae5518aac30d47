package io.agentfoundry.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A job that has not succeeded is to run again from one step. Every service lifts the job's cancellation (a retry
 * later than the cancellation wins, whichever of the two events arrives first); the service that performs
 * {@code step} runs it again from the input it stored when it first received it, as a new attempt that fences off any
 * attempt still running. No other service's event is re-sent: only each step's own service writes its topic.
 *
 * @param step      the step to run again
 * @param reason    why, in a person's words
 * @param retriedBy who asked
 */
public record JobRetried(
        UUID eventId,
        UUID jobId,
        UUID causationId,
        Instant occurredAt,
        int schemaVersion,
        PipelineStep step,
        String reason,
        String retriedBy) implements PipelineEvent {
}
