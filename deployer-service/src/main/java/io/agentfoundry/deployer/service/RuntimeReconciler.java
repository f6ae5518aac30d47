package io.agentfoundry.deployer.service;

import io.agentfoundry.deployer.config.DeployerConfig;
import io.agentfoundry.events.DeployTarget;
import io.agentfoundry.deployer.domain.Deployment;
import io.agentfoundry.deployer.domain.DeploymentStatus;
import io.agentfoundry.events.EventType;
import io.agentfoundry.events.PipelineStep;
import io.agentfoundry.events.RuntimeLost;
import io.agentfoundry.platform.messaging.OutboxWriter;
import io.agentfoundry.platform.service.JobLogger;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Holds what runs against what the deployer recorded, on start and every {@code reconcile.interval}:
 * <ul>
 *   <li>an ACTIVE runtime that vanished is brought back (a LOCAL container re-created at its address) or marked LOST,
 *   with {@code RuntimeLost};</li>
 *   <li>the runtime of a job that was cancelled, failed its test, or whose deploy or test step ended without its
 *   outcome is removed once {@code reconcile.grace} has passed since, unless the job was retried later;</li>
 *   <li>what an attempt that never finished left is removed: a DEPLOYING runtime, and any container of this deployer's
 *   that no ACTIVE deployment and no running deploy step owns.</li>
 * </ul>
 * Rounds of replicas do not conflict: each removal and each change of a deployment is idempotent and re-checked.
 */
@ApplicationScoped
public class RuntimeReconciler {

    private static final Logger LOG = Logger.getLogger(RuntimeReconciler.class);

    private final DeployerConfig config;
    private final Map<DeployTarget, RuntimeTarget> targets = new EnumMap<>(DeployTarget.class);
    private final EntityManager entityManager;
    private final OutboxWriter outbox;
    private final JobLogger log;
    private final String instance = "deployer-" + UUID.randomUUID();
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "runtime-reconciler");
        thread.setDaemon(true);
        return thread;
    });

    /** What one round did. */
    public record Round(int recreated, int lost, int reaped, int leftovers) {
    }

    RuntimeReconciler(DeployerConfig config, Instance<RuntimeTarget> targets, EntityManager entityManager,
                      OutboxWriter outbox, JobLogger log) {
        this.config = config;
        targets.forEach(target -> this.targets.put(target.target(), target));
        this.entityManager = entityManager;
        this.outbox = outbox;
        this.log = log;
    }

    void start(@Observes StartupEvent started) {
        if (!config.reconcile().enabled()) {
            return;
        }
        long interval = Math.max(1_000, config.reconcile().interval().toMillis());
        schedule.scheduleWithFixedDelay(this::roundQuietly, Math.min(5_000, interval), interval, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        schedule.shutdownNow();
    }

    /** The job's runtime is not wanted any more (unless a retry comes later); idempotent. */
    public void unwanted(UUID jobId, Instant since, String reason) {
        entityManager.createNativeQuery("insert into unwanted_runtime (job_id, since, reason) values (:job, :since,"
                        + " :reason) on conflict (job_id) do update set since = greatest(unwanted_runtime.since,"
                        + " excluded.since), reason = excluded.reason")
                .setParameter("job", jobId).setParameter("since", since).setParameter("reason", cut(reason))
                .executeUpdate();
    }

    /** The job's test passed: its runtime serves. */
    public void wanted(UUID jobId) {
        entityManager.createNativeQuery("delete from unwanted_runtime where job_id = :job")
                .setParameter("job", jobId).executeUpdate();
    }

    /**
     * One round, by one instance at a time: replicas share the deployer's database, and a round takes a lease on it
     * for three intervals first (renewed by the next round of the same instance).
     */
    public synchronized Round round() {
        if (!QuarkusTransaction.requiringNew().call(this::leaseRound)) {
            return new Round(0, 0, 0, 0);
        }
        int[] counts = new int[4];
        for (Deployment deployment : deployments("status = ?1", DeploymentStatus.ACTIVE)) {
            reconcile(deployment, counts);
        }
        for (UUID jobId : unwantedActive()) {
            if (reap(jobId, DeploymentStatus.ACTIVE, "its job no longer wants it")) {
                counts[2]++;
            }
        }
        for (UUID jobId : abandonedDeploying()) {
            if (reap(jobId, DeploymentStatus.DEPLOYING, "the deployment that created it never finished")) {
                counts[3]++;
            }
        }
        counts[3] += removeLeftoverContainers();
        return new Round(counts[0], counts[1], counts[2], counts[3]);
    }

    private boolean leaseRound() {
        return entityManager.createNativeQuery("update reconcile_lease set owner = :owner, expires_at = clock_timestamp()"
                        + " + make_interval(secs => :seconds) where id = 1 and (owner = :owner or owner is null"
                        + " or expires_at < clock_timestamp())")
                .setParameter("owner", instance)
                .setParameter("seconds", config.reconcile().interval().toMillis() * 3 / 1000.0)
                .executeUpdate() == 1;
    }

    private void roundQuietly() {
        try {
            Round round = round();
            if (round.recreated() + round.lost() + round.reaped() + round.leftovers() > 0) {
                LOG.infof("Reconciled runtimes: %d re-created, %d lost, %d removed as unwanted, %d leftovers removed",
                        round.recreated(), round.lost(), round.reaped(), round.leftovers());
            }
        } catch (RuntimeException e) {
            LOG.warnf("A reconciliation round failed; the next one tries again: %s", e.toString());
        }
    }

    private void reconcile(Deployment deployment, int[] counts) {
        RuntimeTarget target = targetOf(deployment).orElse(null);
        if (target == null) {
            return;
        }
        Consumer<String> progress = line -> log.info(deployment.jobId, PipelineStep.DEPLOY, line);
        RuntimeTarget.Reconciled found = target.reconcile(deployment, progress);
        switch (found.outcome()) {
            case RUNNING, UNKNOWN -> {
                if (found.outcome() == RuntimeTarget.Reconciled.Outcome.UNKNOWN) {
                    LOG.debugf("Runtime %s of job %s not reconciled: %s", deployment.runtimeId, deployment.jobId,
                            found.detail());
                }
            }
            case RECREATED -> {
                boolean updated = QuarkusTransaction.requiringNew().call(() -> {
                    Deployment current = Deployment.findById(deployment.jobId);
                    if (current == null || DeploymentStatus.ACTIVE != current.status
                            || !current.runtimeId.equals(deployment.runtimeId)) {
                        return false;
                    }
                    current.runtimeId = found.runtimeId();
                    current.statusReason = found.detail();
                    return true;
                });
                if (updated) {
                    counts[0]++;
                    log.warn(deployment.jobId, PipelineStep.DEPLOY, "Reconciled: " + found.detail());
                } else {
                    // the deployment changed meanwhile (superseded, torn down): the new container is not wanted
                    removeQuietly(target, found.runtimeId());
                }
            }
            case LOST -> {
                boolean marked = QuarkusTransaction.requiringNew().call(() -> {
                    Deployment current = Deployment.findById(deployment.jobId);
                    if (current == null || DeploymentStatus.ACTIVE != current.status
                            || !current.runtimeId.equals(deployment.runtimeId)) {
                        return false;
                    }
                    current.status = DeploymentStatus.LOST;
                    current.statusReason = cut(found.detail());
                    current.removedAt = Instant.now();
                    outbox.append(new RuntimeLost(UUID.randomUUID(), current.jobId, current.announcedEventId,
                            Instant.now(), EventType.CURRENT_SCHEMA_VERSION, current.target, current.runtimeId,
                            cut(found.detail())));
                    return true;
                });
                if (marked) {
                    counts[1]++;
                    log.error(deployment.jobId, PipelineStep.DEPLOY, "Runtime " + deployment.runtimeId + " is lost: "
                            + found.detail());
                }
            }
        }
    }

    /** Removes a runtime in the given status and records it REMOVED; false when there was nothing to do. */
    private boolean reap(UUID jobId, DeploymentStatus status, String why) {
        Deployment deployment = QuarkusTransaction.requiringNew().call(() -> Deployment.<Deployment>findById(jobId));
        if (deployment == null || status != deployment.status) {
            return false;
        }
        Optional<RuntimeTarget> target = targetOf(deployment);
        if (target.isEmpty()) {
            return false;
        }
        Consumer<String> progress = line -> log.info(jobId, PipelineStep.DEPLOY, line);
        try {
            target.get().remove(deployment, progress);
        } catch (RuntimeException e) {
            LOG.warnf("Could not remove runtime %s of job %s (%s); tried again next round", deployment.runtimeId, jobId,
                    e.getMessage());
            return false;
        }
        boolean recorded = QuarkusTransaction.requiringNew().call(() -> {
            Deployment current = Deployment.findById(jobId);
            if (current == null || status != current.status) {
                return false;
            }
            current.status = DeploymentStatus.REMOVED;
            current.removedAt = Instant.now();
            current.statusReason = "removed by the deployer: " + why;
            return true;
        });
        if (recorded) {
            log.info(jobId, PipelineStep.DEPLOY, "Runtime " + deployment.runtimeId + " removed: " + why);
        }
        return recorded;
    }

    /** Containers of this deployer's that no ACTIVE deployment and no running deploy step accounts for. */
    private int removeLeftoverContainers() {
        RuntimeTarget local = targets.get(DeployTarget.LOCAL);
        if (!(local instanceof LocalContainerTarget containers)) {
            return 0;
        }
        List<LocalContainerTarget.OwnContainer> own;
        try {
            own = containers.ownContainers();
        } catch (RuntimeException e) {
            LOG.debugf("Could not list the engine's containers: %s", e.toString());
            return 0;
        }
        if (own.isEmpty()) {
            return 0;
        }
        Set<String> accounted = accountedFor(own);
        int removed = 0;
        for (LocalContainerTarget.OwnContainer container : own) {
            if (accounted.contains(container.id())) {
                continue;
            }
            try {
                if (containers.removeContainer(container.id())) {
                    removed++;
                    LOG.infof("Removed container %s (%s): no deployment or running step of this deployer owns it",
                            container.name(), container.id());
                    if (container.jobId() != null) {
                        log.info(container.jobId(), PipelineStep.DEPLOY, "Removed container " + container.name()
                                + ", which an attempt that did not finish left");
                    }
                }
            } catch (RuntimeException e) {
                LOG.debugf("Could not remove leftover container %s: %s", container.id(), e.toString());
            }
        }
        return removed;
    }

    /**
     * The containers an ACTIVE (or DEPLOYING) deployment has, or whose job's deploy step is running now: one statement,
     * so one snapshot, in which a deployment that commits meanwhile is seen either way (RUNNING or ACTIVE).
     */
    @SuppressWarnings("unchecked")
    private Set<String> accountedFor(List<LocalContainerTarget.OwnContainer> own) {
        List<String> ids = own.stream().map(LocalContainerTarget.OwnContainer::id).toList();
        List<String> jobs = own.stream().map(LocalContainerTarget.OwnContainer::jobId).filter(job -> job != null)
                .map(UUID::toString).toList();
        List<String> owned = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                        "select 'container:' || runtime_id from deployment where status in ('ACTIVE', 'DEPLOYING')"
                                + " and runtime_id in (:ids)"
                                + " union all select 'job:' || cast(job_id as text) from step_execution"
                                + " where status = 'RUNNING' and cast(job_id as text) in (:jobs)", String.class)
                .setParameter("ids", ids).setParameter("jobs", jobs.isEmpty() ? List.of("-") : jobs)
                .getResultList());
        Set<String> accounted = new HashSet<>();
        for (LocalContainerTarget.OwnContainer container : own) {
            if (owned.contains("container:" + container.id())
                    || (container.jobId() != null && owned.contains("job:" + container.jobId()))) {
                accounted.add(container.id());
            }
        }
        return accounted;
    }

    @SuppressWarnings("unchecked")
    private List<UUID> unwantedActive() {
        Instant before = Instant.now().minus(config.reconcile().grace());
        return QuarkusTransaction.requiringNew().call(() -> new ArrayList<>(entityManager.createNativeQuery(
                        "select d.job_id from deployment d"
                                + " left join unwanted_runtime u on u.job_id = d.job_id"
                                + " left join cancelled_job c on c.job_id = d.job_id"
                                + " where d.status = 'ACTIVE' and ("
                                + "   (c.cancelled_at is not null and (c.resumed_at is null or c.resumed_at < c.cancelled_at)"
                                + "    and c.cancelled_at < :before)"
                                + "   or (u.since is not null and u.since < :before"
                                + "    and (c.resumed_at is null or c.resumed_at < u.since)))", UUID.class)
                .setParameter("before", before).getResultList()));
    }

    @SuppressWarnings("unchecked")
    private List<UUID> abandonedDeploying() {
        return QuarkusTransaction.requiringNew().call(() -> new ArrayList<>(entityManager.createNativeQuery(
                        "select d.job_id from deployment d left join step_execution s on s.job_id = d.job_id"
                                + " where d.status = 'DEPLOYING' and (s.job_id is null or s.status <> 'RUNNING')",
                        UUID.class)
                .getResultList()));
    }

    private List<Deployment> deployments(String query, Object... parameters) {
        return QuarkusTransaction.requiringNew().call(() -> Deployment.<Deployment>list(query, parameters));
    }

    private Optional<RuntimeTarget> targetOf(Deployment deployment) {
        return DeployTarget.named(deployment.target).map(targets::get);
    }

    private static void removeQuietly(RuntimeTarget target, String runtimeId) {
        if (target instanceof LocalContainerTarget containers) {
            try {
                containers.removeContainer(runtimeId);
            } catch (RuntimeException e) {
                LOG.debugf("Could not remove container %s: %s", runtimeId, e.toString());
            }
        }
    }

    private static String cut(String text) {
        return text == null || text.length() <= 4_000 ? text : text.substring(0, 4_000) + "…";
    }
}
