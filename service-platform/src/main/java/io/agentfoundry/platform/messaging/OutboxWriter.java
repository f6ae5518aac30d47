package io.agentfoundry.platform.messaging;

import io.agentfoundry.events.EventCodec;
import io.agentfoundry.events.EventType;
import io.agentfoundry.events.PipelineEvent;
import io.agentfoundry.platform.domain.OutboxEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Puts an event in the outbox inside the caller's transaction, so the event exists exactly when the state change that
 * caused it does. The relay is woken when that transaction commits.
 */
@ApplicationScoped
public class OutboxWriter {

    private final OutboxRelay relay;
    private final TransactionSynchronizationRegistry transactions;

    OutboxWriter(OutboxRelay relay, TransactionSynchronizationRegistry transactions) {
        this.relay = relay;
        this.transactions = transactions;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void append(PipelineEvent event) {
        EventType type = EventType.of(event);
        OutboxEvent row = new OutboxEvent();
        row.eventId = event.eventId();
        row.jobId = event.jobId();
        row.topic = type.topic();
        row.cloudEventType = type.cloudEventType();
        row.payload = EventCodec.encode(event);
        row.occurredAt = event.occurredAt();
        persist(row);
    }

    /** A raw record (a dead letter): sent with this key and these headers, without CloudEvents headers of its own. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void appendRecord(String topic, String key, String value, Map<String, String> headers) {
        OutboxEvent row = new OutboxEvent();
        row.eventId = UUID.randomUUID();
        row.topic = topic;
        row.recordKey = key;
        row.payload = value == null ? "" : value;
        row.headers = DeadLetterWriter.json(headers);
        row.occurredAt = Instant.now();
        persist(row);
    }

    private void persist(OutboxEvent row) {
        row.persist();
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wakeUp();
                }
            }
        });
    }
}
