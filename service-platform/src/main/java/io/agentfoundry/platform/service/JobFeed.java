package io.agentfoundry.platform.service;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

/**
 * Live fan-out of items about a job to the subscribers on this instance (SSE clients). Items are handed over only
 * after the transaction that produced them commits, all of one transaction together and in the order produced, so a
 * subscriber never sees something that was rolled back.
 */
public final class JobFeed<T> {

    private final Map<UUID, Set<Consumer<T>>> subscribers = new ConcurrentHashMap<>();
    private final TransactionSynchronizationRegistry transactions;
    private final Object pendingKey = new Object();

    public JobFeed(TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
    }

    /** @return closes the subscription */
    public AutoCloseable subscribe(UUID jobId, Consumer<T> subscriber) {
        subscribers.computeIfAbsent(jobId, id -> new CopyOnWriteArraySet<>()).add(subscriber);
        return () -> subscribers.computeIfPresent(jobId, (id, set) -> {
            set.remove(subscriber);
            return set.isEmpty() ? null : set;
        });
    }

    /** Must be called inside a transaction. */
    public void publishAfterCommit(UUID jobId, T item) {
        @SuppressWarnings("unchecked")
        List<Map.Entry<UUID, T>> pending = (List<Map.Entry<UUID, T>>) transactions.getResource(pendingKey);
        if (pending == null) {
            List<Map.Entry<UUID, T>> produced = new ArrayList<>();
            transactions.putResource(pendingKey, produced);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        produced.forEach(entry -> subscribers.getOrDefault(entry.getKey(), Set.of())
                                .forEach(subscriber -> subscriber.accept(entry.getValue())));
                    }
                }
            });
            pending = produced;
        }
        pending.add(Map.entry(jobId, item));
    }
}
