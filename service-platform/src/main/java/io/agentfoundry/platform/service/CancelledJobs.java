package io.agentfoundry.platform.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.UUID;

/**
 * The jobs this service was told are cancelled, and the retries that lifted a cancellation. Both keep the latest time
 * they were told, so the later of a cancellation and a retry wins whatever order their events arrive in.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class CancelledJobs {

    private final EntityManager entityManager;

    CancelledJobs(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public void record(UUID jobId, Instant cancelledAt, String reason) {
        entityManager.createNativeQuery("insert into cancelled_job (job_id, cancelled_at, reason) values (:job, :at, :reason)"
                        + " on conflict (job_id) do update set cancelled_at = greatest(cancelled_job.cancelled_at,"
                        + " excluded.cancelled_at), reason = excluded.reason")
                .setParameter("job", jobId)
                .setParameter("at", cancelledAt)
                .setParameter("reason", reason)
                .executeUpdate();
    }

    /** A retry at {@code resumedAt} lifts any cancellation older than it. */
    public void resume(UUID jobId, Instant resumedAt) {
        entityManager.createNativeQuery("insert into cancelled_job (job_id, resumed_at) values (:job, :at)"
                        + " on conflict (job_id) do update set resumed_at = greatest(cancelled_job.resumed_at,"
                        + " excluded.resumed_at)")
                .setParameter("job", jobId)
                .setParameter("at", resumedAt)
                .executeUpdate();
    }

    public boolean isCancelled(UUID jobId) {
        return !entityManager.createNativeQuery("select 1 from cancelled_job where job_id = :job"
                        + " and cancelled_at is not null and (resumed_at is null or resumed_at < cancelled_at)")
                .setParameter("job", jobId)
                .getResultList()
                .isEmpty();
    }
}
