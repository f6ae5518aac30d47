package io.agentfoundry.platform.messaging;

import io.agentfoundry.events.EventType;
import io.agentfoundry.events.PipelineEvent;
import io.agentfoundry.platform.config.PlatformConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Each event is acted on once per service: its (consumer, eventId) is claimed in the transaction of the action, so a
 * redelivered event finds the claim and does nothing. Retrying, pausing and dead-lettering are {@link InboundRecords}'.
 */
@ApplicationScoped
public class IdempotentConsumer {

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

    /** Claims the event in the caller's transaction; false when it was processed before. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean claim(PipelineEvent event) {
        return guard.claim(consumerName(event), event.eventId());
    }

    /** Claims the event and runs {@code action} in one new transaction; false when it was processed before. */
    public <E extends PipelineEvent> boolean processOnce(E event, Runnable action) {
        return QuarkusTransaction.requiringNew().call(() -> {
            if (!claim(event)) {
                return false;
            }
            action.run();
            return true;
        });
    }
}
