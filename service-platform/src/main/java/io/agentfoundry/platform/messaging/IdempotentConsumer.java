package io.agentfoundry.platform.messaging;

import io.agentfoundry.events.EventType;
import io.agentfoundry.events.MalformedEventException;
import io.agentfoundry.events.PipelineEvent;
import io.agentfoundry.platform.config.PlatformConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.function.Consumer;

/**
 * How every service handles an incoming event: in one transaction, claim the event (skip it if already processed),
 * then act. An unexpected failure rolls the transaction back and is tried again, with backoff, a bounded number of
 * times; then the exception propagates, the message is nacked, and the connector's dead-letter strategy moves the
 * record to this service's dead-letter topic with the reason in its headers.
 */
@ApplicationScoped
public class IdempotentConsumer {

    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);

    private final IdempotencyGuard guard;
    private final PlatformConfig config;

    IdempotentConsumer(IdempotencyGuard guard, PlatformConfig config) {
        this.guard = guard;
        this.config = config;
    }

    /** The name under which this service records what it processed of one event type. */
    public String consumerName(PipelineEvent event) {
        return config.serviceName() + "/" + EventType.of(event).cloudEventType();
    }

    /**
     * Runs {@code action} once per event id, retrying unexpected failures.
     *
     * @param onExhausted called, outside the failed transaction, with the last error when every try failed; it may record
     *                    the failure (for instance emit {@code StepFailed}) before the record is dead-lettered
     * @return false when the event had been processed before and nothing was done
     */
    public <E extends PipelineEvent> boolean process(E event, AttemptAction<E> action, Consumer<FailedAttempt> onExhausted) {
        String consumer = consumerName(event);
        int maxAttempts = Math.max(1, config.consumer().maxAttempts());
        long backoff = config.consumer().initialBackoff().toMillis();
        for (int attempt = 1; ; attempt++) {
            int currentAttempt = attempt;
            try {
                return QuarkusTransaction.requiringNew().call(() -> {
                    if (!guard.claim(consumer, event.eventId())) {
                        LOG.debugf("%s already processed %s; skipping", consumer, event.eventId());
                        return false;
                    }
                    action.run(event, currentAttempt);
                    return true;
                });
            } catch (MalformedEventException | StepFailureException e) {
                throw e;
            } catch (RuntimeException e) {
                if (attempt >= maxAttempts) {
                    onExhausted.accept(new FailedAttempt(attempt, e));
                    throw e;
                }
                LOG.warnf("%s: attempt %d of %d for event %s failed (%s); trying again", consumer, attempt, maxAttempts,
                        event.eventId(), e.toString());
                sleep(backoff);
                backoff *= 2;
            }
        }
    }

    /** Claims the event for this consumer and runs {@code action} in one new transaction, without retries. */
    public <E extends PipelineEvent> boolean processOnce(E event, Runnable action) {
        String consumer = consumerName(event);
        return QuarkusTransaction.requiringNew().call(() -> {
            if (!guard.claim(consumer, event.eventId())) {
                return false;
            }
            action.run();
            return true;
        });
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to retry", interrupted);
        }
    }

    @FunctionalInterface
    public interface AttemptAction<E> {
        void run(E event, int attempt);
    }

    public record FailedAttempt(int attempt, RuntimeException error) {
    }
}
