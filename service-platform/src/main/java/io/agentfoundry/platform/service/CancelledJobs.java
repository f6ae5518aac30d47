package io.agentfoundry.platform.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.UUID;

/** The jobs this service was told are cancelled. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class CancelledJobs {

    private final EntityManager entityManager;

    CancelledJobs(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public void record(UUID jobId, Instant cancelledAt, String reason) {
        entityManager.createNativeQuery("insert into cancelled_job (job_id, cancelled_at, reason) values (:job, :at, :reason)"
                        + " on conflict do nothing")
                .setParameter("job", jobId)
                .setParameter("at", cancelledAt)
                .setParameter("reason", reason)
                .executeUpdate();
    }

    public boolean isCancelled(UUID jobId) {
        return !entityManager.createNativeQuery("select 1 from cancelled_job where job_id = :job")
                .setParameter("job", jobId)
                .getResultList()
                .isEmpty();
    }
}
