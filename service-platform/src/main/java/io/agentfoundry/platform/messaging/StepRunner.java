package io.agentfoundry.platform.messaging;

import io.agentfoundry.events.EventType;
import io.agentfoundry.events.PipelineEvent;
import io.agentfoundry.events.PipelineStep;
import io.agentfoundry.events.StepFailed;
import io.agentfoundry.platform.domain.StepExecution;
import io.agentfoundry.platform.service.CancelledJobs;
import io.agentfoundry.platform.service.JobLogger;
import io.agentfoundry.platform.service.StepExecutions;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/**
 * Runs a pipeline step for one incoming event, the same way in every service: claim the event, mark the step running,
 * do the work, store the result and put the output event in the outbox — all in one transaction. A
 * {@link StepFailureException} fails the step with {@code StepFailed}; an unexpected error is retried, then fails the
 * step with a retryable {@code StepFailed} and dead-letters the record. No step starts for a cancelled job.
 */
@ApplicationScoped
public class StepRunner {

    private final IdempotentConsumer consumer;
    private final StepExecutions steps;
    private final OutboxWriter outbox;
    private final JobLogger log;
    private final CancelledJobs cancelled;

    StepRunner(IdempotentConsumer consumer, StepExecutions steps, OutboxWriter outbox, JobLogger log,
               CancelledJobs cancelled) {
        this.consumer = consumer;
        this.steps = steps;
        this.outbox = outbox;
        this.log = log;
        this.cancelled = cancelled;
    }

    /** The work of a step: turn the input event into the output event. */
    @FunctionalInterface
    public interface StepWork<I extends PipelineEvent> {
        PipelineEvent perform(I input, StepContext context);
    }

    /** What a step's work knows about its run. */
    public record StepContext(PipelineStep step, int attempt, Instant startedAt) {
    }

    public <I extends PipelineEvent> void run(PipelineStep step, I input, StepWork<I> work) {
        try {
            consumer.process(input, (event, attempt) -> {
                if (cancelled.isCancelled(event.jobId())) {
                    log.info(event.jobId(), step, step.name().toLowerCase() + " not started: the job was cancelled");
                    steps.skipCancelled(event.jobId(), step, event.eventId());
                    return;
                }
                StepExecution execution = steps.start(event.jobId(), step, event.eventId(), attempt);
                log.info(event.jobId(), step, step.name().toLowerCase() + " started (attempt " + execution.attempts + ")");
                PipelineEvent output = work.perform(event, new StepContext(step, execution.attempts, execution.startedAt));
                steps.succeed(execution, output);
                outbox.append(output);
                log.info(event.jobId(), step, step.name().toLowerCase() + " succeeded: " + EventType.of(output).cloudEventType());
            }, exhausted -> recordFailure(step, input, "UNEXPECTED_ERROR",
                    describe(exhausted.error()), true, exhausted.attempt()));
        } catch (StepFailureException failure) {
            recordFailure(step, input, failure.errorCode(), failure.getMessage(), failure.retryable(), 1);
        }
    }

    private void recordFailure(PipelineStep step, PipelineEvent input, String errorCode, String message, boolean retryable,
                               int attempt) {
        consumer.processOnce(input, () -> {
            StepExecution execution = steps.fail(input.jobId(), step, input.eventId(), attempt, errorCode, message);
            outbox.append(new StepFailed(UUID.randomUUID(), input.jobId(), input.eventId(), Instant.now(),
                    EventType.CURRENT_SCHEMA_VERSION, step, errorCode, message, retryable, execution.attempts));
            log.error(input.jobId(), step, step.name().toLowerCase() + " failed [" + errorCode + "]: " + message);
        });
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
