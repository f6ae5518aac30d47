package io.agentfoundry.platform.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.UUID;

/**
 * Insert-first deduplication: the (consumer, eventId) row is written inside the handler's transaction before any
 * work. A second delivery finds the key taken (or waits for the first delivery's transaction and then finds it taken),
 * so "check, then act" races cannot happen.
 */
@ApplicationScoped
public class IdempotencyGuard {

    private final EntityManager entityManager;

    IdempotencyGuard(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** True when this is the first delivery of the event to this consumer; the claim commits with the caller. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean claim(String consumer, UUID eventId) {
        int inserted = entityManager.createNativeQuery(
                        "insert into processed_event (consumer, event_id) values (:consumer, :eventId) on conflict do nothing")
                .setParameter("consumer", consumer)
                .setParameter("eventId", eventId)
                .executeUpdate();
        return inserted == 1;
    }
}
