package io.agentfoundry.platform.service;

import io.agentfoundry.events.EventCodec;
import io.agentfoundry.events.EventType;
import io.agentfoundry.events.PipelineEvent;
import io.agentfoundry.events.PipelineStep;
import io.agentfoundry.platform.domain.StepExecution;
import io.agentfoundry.platform.domain.StepStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads and moves this service's step state, leases included. Callers own the transaction. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class StepExecutions {

    private final JobLogStream stream;
    private final EntityManager entityManager;

    StepExecutions(JobLogStream stream, EntityManager entityManager) {
        this.stream = stream;
        this.entityManager = entityManager;
    }

    /**
     * Starts an attempt of the step on this input: RUNNING, the attempt counted, the input stored, the lease given to
     * {@code owner}. Any attempt still running (of an earlier input, or a retried one) is fenced off by the count.
     */
    public StepExecution begin(UUID jobId, PipelineStep step, PipelineEvent input, String owner, Duration lease) {
        StepExecution execution = lockedOrNew(jobId, step);
        execution.status = StepStatus.RUNNING;
        execution.attempts++;
        execution.crashes = 0;
        execution.inputEventId = input.eventId();
        execution.inputEvent = EventCodec.encode(input);
        execution.inputEventType = EventType.of(input).name();
        execution.startedAt = execution.startedAt == null ? Instant.now() : execution.startedAt;
        execution.finishedAt = null;
        execution.result = null;
        execution.errorCode = null;
        execution.errorMessage = null;
        lease(execution, owner, lease);
        return save(execution);
    }

    /** Gives a locked, RUNNING step to {@code owner} as a new attempt (a takeover or a retry). */
    public StepExecution resume(StepExecution execution, String owner, Duration lease) {
        execution.attempts++;
        execution.finishedAt = null;
        lease(execution, owner, lease);
        return save(execution);
    }

    public void succeed(StepExecution execution, PipelineEvent output) {
        execution.status = StepStatus.SUCCEEDED;
        execution.result = EventCodec.encode(output);
        execution.finishedAt = output.occurredAt();
        release(execution);
        finish(save(execution));
    }

    /** Records that the step will not run because its job was cancelled. */
    public void skipCancelled(UUID jobId, PipelineStep step, PipelineEvent input) {
        StepExecution execution = lockedOrNew(jobId, step);
        if (input != null) {
            execution.inputEventId = input.eventId();
            execution.inputEvent = EventCodec.encode(input);
            execution.inputEventType = EventType.of(input).name();
        }
        execution.status = StepStatus.CANCELLED;
        execution.finishedAt = Instant.now();
        release(execution);
        finish(save(execution));
    }

    public StepExecution fail(UUID jobId, PipelineStep step, UUID inputEventId, int attempts, String errorCode,
                              String message) {
        StepExecution execution = lockedOrNew(jobId, step);
        execution.status = StepStatus.FAILED;
        execution.attempts = Math.max(execution.attempts, attempts);
        execution.inputEventId = inputEventId;
        execution.startedAt = execution.startedAt == null ? Instant.now() : execution.startedAt;
        execution.errorCode = errorCode;
        execution.errorMessage = message;
        execution.finishedAt = Instant.now();
        release(execution);
        return finish(save(execution));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<StepExecution> find(UUID jobId) {
        return StepExecution.findByIdOptional(jobId);
    }

    /** The step, locked for this transaction, or null. */
    public StepExecution lock(UUID jobId) {
        return entityManager.find(StepExecution.class, jobId, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * Running steps whose lease has expired and that no other transaction is taking over, locked: at most {@code limit},
     * none of {@code owner}'s (its own work renews them), oldest first.
     */
    @SuppressWarnings("unchecked")
    public List<StepExecution> lockExpiredLeases(String owner, int limit) {
        List<UUID> ids = entityManager.createNativeQuery("select job_id from step_execution where status = 'RUNNING'"
                        + " and (lease_expires_at is null or lease_expires_at < clock_timestamp())"
                        + " and (lease_owner is null or lease_owner <> :owner)"
                        + " order by lease_expires_at nulls first limit :limit for update skip locked", UUID.class)
                .setParameter("owner", owner)
                .setParameter("limit", limit)
                .getResultList();
        return ids.stream().map(id -> entityManager.find(StepExecution.class, id)).toList();
    }

    /** Extends the lease of an attempt that still holds its step; false when it does not any more. */
    public boolean renew(UUID jobId, String owner, int attempt, Duration lease) {
        return entityManager.createNativeQuery("update step_execution set lease_expires_at = clock_timestamp()"
                        + " + make_interval(secs => :seconds), updated_at = :now"
                        + " where job_id = :job and status = 'RUNNING' and lease_owner = :owner and attempts = :attempt")
                .setParameter("seconds", lease.toMillis() / 1000.0)
                .setParameter("now", Instant.now())
                .setParameter("job", jobId)
                .setParameter("owner", owner)
                .setParameter("attempt", attempt)
                .executeUpdate() == 1;
    }

    /** Gives an attempt's lease back (shutdown): the step is taken over at once, and not counted as a crash. */
    public void handBack(UUID jobId, String owner, int attempt) {
        entityManager.createNativeQuery("update step_execution set lease_owner = null,"
                        + " lease_expires_at = clock_timestamp(), updated_at = :now where job_id = :job"
                        + " and status = 'RUNNING' and lease_owner = :owner and attempts = :attempt")
                .setParameter("now", Instant.now())
                .setParameter("job", jobId)
                .setParameter("owner", owner)
                .setParameter("attempt", attempt)
                .executeUpdate();
    }

    private StepExecution lockedOrNew(UUID jobId, PipelineStep step) {
        StepExecution execution = lock(jobId);
        if (execution == null) {
            execution = new StepExecution();
            execution.jobId = jobId;
            execution.step = step;
        }
        return execution;
    }

    /** Lease times are the database's: every instance compares them with the same clock. */
    private void lease(StepExecution execution, String owner, Duration lease) {
        execution.leaseOwner = owner;
        Number micros = (Number) entityManager.createNativeQuery(
                "select cast(extract(epoch from clock_timestamp()) * 1000000 as bigint)").getSingleResult();
        execution.leaseExpiresAt = Instant.EPOCH.plus(micros.longValue(), java.time.temporal.ChronoUnit.MICROS)
                .plus(lease);
    }

    private static void release(StepExecution execution) {
        execution.leaseOwner = null;
        execution.leaseExpiresAt = null;
    }

    /** Persists a new row only once every not-null column is set; an existing row is flushed at commit. */
    private static StepExecution save(StepExecution execution) {
        execution.updatedAt = Instant.now();
        if (!execution.isPersistent()) {
            execution.persist();
        }
        return execution;
    }

    private StepExecution finish(StepExecution execution) {
        stream.stepFinishedAfterCommit(execution.jobId);
        return execution;
    }
}
