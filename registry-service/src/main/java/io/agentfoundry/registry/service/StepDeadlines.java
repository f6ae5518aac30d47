package io.agentfoundry.registry.service;

import io.agentfoundry.events.EventType;
import io.agentfoundry.events.PipelineStep;
import io.agentfoundry.events.StepFailed;
import io.agentfoundry.platform.messaging.IdempotentConsumer;
import io.agentfoundry.platform.messaging.OutboxWriter;
import io.agentfoundry.platform.service.JobLogger;
import io.agentfoundry.registry.config.RegistryConfig;
import io.agentfoundry.registry.domain.AgentJob;
import io.agentfoundry.registry.domain.JobStep;
import io.agentfoundry.platform.domain.StepStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The watchdog: no job stays RUNNING for ever. A step that has run longer than its deadline (from the moment it was
 * handed to its service) fails with {@code STEP_TIMEOUT}, retryable: the registry publishes {@code StepFailed} for it
 * (so that the deployer, say, knows the job's runtime is not wanted) and applies it to the job at once. If the step's
 * service reports the step's outcome later, that outcome replaces the timeout.
 */
@ApplicationScoped
public class StepDeadlines {

    public static final String STEP_TIMEOUT = "STEP_TIMEOUT";
    private static final Logger LOG = Logger.getLogger(StepDeadlines.class);
    private static final int BATCH = 100;

    private final RegistryConfig config;
    private final EntityManager entityManager;
    private final JobProgressService progress;
    private final IdempotentConsumer consumer;
    private final OutboxWriter outbox;
    private final JobLogger log;
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "step-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    StepDeadlines(RegistryConfig config, EntityManager entityManager, JobProgressService progress,
                  IdempotentConsumer consumer, OutboxWriter outbox, JobLogger log) {
        this.config = config;
        this.entityManager = entityManager;
        this.progress = progress;
        this.consumer = consumer;
        this.outbox = outbox;
        this.log = log;
    }

    void start(@Observes StartupEvent started) {
        long interval = Math.max(100, config.deadlines().checkInterval().toMillis());
        schedule.scheduleWithFixedDelay(this::checkQuietly, interval, interval, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        schedule.shutdownNow();
    }

    public Duration deadlineOf(PipelineStep step) {
        return switch (step) {
            case REQUEST, GENERATE -> config.deadlines().generate();
            case BUILD -> config.deadlines().build();
            case DEPLOY -> config.deadlines().deploy();
            case TEST -> config.deadlines().test();
        };
    }

    /** Fails every overdue step; returns how many. */
    public int failOverdueSteps() {
        int failed = 0;
        for (PipelineStep step : PipelineStep.values()) {
            if (step == PipelineStep.REQUEST) {
                continue;
            }
            List<UUID> overdue = overdue(step);
            for (UUID jobId : overdue) {
                if (QuarkusTransaction.requiringNew().call(() -> failIfOverdue(jobId, step))) {
                    failed++;
                    log.error(jobId, step, step.name().toLowerCase() + " failed [" + STEP_TIMEOUT + "]: it did not end"
                            + " within " + deadlineOf(step));
                }
            }
        }
        return failed;
    }

    private void checkQuietly() {
        try {
            failOverdueSteps();
        } catch (RuntimeException e) {
            LOG.debugf("Checking step deadlines failed (tried again at the next round): %s", e.toString());
        }
    }

    @SuppressWarnings("unchecked")
    private List<UUID> overdue(PipelineStep step) {
        Instant startedBefore = Instant.now().minus(deadlineOf(step));
        return new ArrayList<>(QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                        "select job_id from job_step where step = :step and status = 'RUNNING' and started_at < :before"
                                + " order by started_at limit :limit", UUID.class)
                .setParameter("step", step.name())
                .setParameter("before", startedBefore)
                .setParameter("limit", BATCH)
                .getResultList()));
    }

    /** Under the job's lock, so that it does not race the step's own outcome. */
    private boolean failIfOverdue(UUID jobId, PipelineStep step) {
        AgentJob job = AgentJob.lock(jobId);
        JobStep row = JobStep.findById(new JobStep.Key(jobId, step));
        Duration deadline = deadlineOf(step);
        if (job == null || row == null || row.status != StepStatus.RUNNING || row.startedAt == null
                || row.startedAt.isAfter(Instant.now().minus(deadline))) {
            return false;
        }
        UUID cause = row.inputEventId != null ? row.inputEventId : job.requestEventId;
        StepFailed timedOut = new StepFailed(UUID.randomUUID(), jobId, cause, Instant.now(),
                EventType.CURRENT_SCHEMA_VERSION, step, STEP_TIMEOUT, step.name().toLowerCase() + " did not end within "
                + deadline + " of being handed to " + step.service() + " (agentfoundry.registry.deadlines."
                + step.name().toLowerCase() + "); retry the job to run it again", true,
                Math.max(1, row.attempts));
        // applied here, and claimed, so that its own delivery back to this registry changes nothing
        consumer.claim(timedOut);
        progress.stepFailed(timedOut);
        outbox.append(timedOut);
        return true;
    }
}
