package io.agentfoundry.platform.service;

import io.agentfoundry.platform.domain.JobLogEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Live fan-out of committed log lines to the SSE clients watching a job on this instance. Lines are handed over only
 * after their transaction commits, so a client never sees a line that was rolled back.
 */
@ApplicationScoped
public class JobLogStream {

    private final Map<UUID, Set<Listener>> listeners = new ConcurrentHashMap<>();
    private final TransactionSynchronizationRegistry transactions;

    JobLogStream(TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
    }

    public interface Listener {
        void onLine(JobLogEntry line);

        /** The step reached a terminal state: no more lines are expected. */
        void onStepFinished();
    }

    public AutoCloseable subscribe(UUID jobId, Listener listener) {
        listeners.computeIfAbsent(jobId, id -> new CopyOnWriteArraySet<>()).add(listener);
        return () -> listeners.computeIfPresent(jobId, (id, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    void lineAfterCommit(JobLogEntry line) {
        afterCommit(() -> listenersOf(line.jobId).forEach(listener -> listener.onLine(line)));
    }

    void stepFinishedAfterCommit(UUID jobId) {
        afterCommit(() -> listenersOf(jobId).forEach(Listener::onStepFinished));
    }

    private Set<Listener> listenersOf(UUID jobId) {
        return listeners.getOrDefault(jobId, Set.of());
    }

    private void afterCommit(Runnable action) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    action.run();
                }
            }
        });
    }
}
