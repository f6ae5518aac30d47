package io.agentfoundry.deployer.service;

import io.agentfoundry.deployer.config.DeployerConfig;
import io.agentfoundry.events.DeployTarget;
import io.agentfoundry.deployer.domain.Deployment;
import io.agentfoundry.deployer.domain.DeploymentStatus;
import io.agentfoundry.events.EventType;
import io.agentfoundry.events.ImageBuilt;
import io.agentfoundry.events.PipelineStep;
import io.agentfoundry.events.RuntimeCreated;
import io.agentfoundry.events.SpecRules;
import io.agentfoundry.platform.domain.Failure;
import io.agentfoundry.platform.messaging.StepContext;
import io.agentfoundry.platform.rest.ProblemException;
import io.agentfoundry.platform.service.JobLogger;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The deploy step: image in, a ready runtime and {@code RuntimeCreated} out. One runtime per agent and target: a later
 * job of the same agent replaces the container (LOCAL) or updates the runtime to a new version (AGENTCORE). The
 * deployment runs outside any transaction; the deployment row is written with the step's success.
 */
@ApplicationScoped
public class DeploymentService {

    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    private final DeployerConfig config;
    private final Map<DeployTarget, RuntimeTarget> targets = new EnumMap<>(DeployTarget.class);
    private final JobLogger log;

    DeploymentService(DeployerConfig config, Instance<RuntimeTarget> targets, JobLogger log) {
        this.config = config;
        targets.forEach(target -> this.targets.put(target.target(), target));
        this.log = log;
    }

    public RuntimeCreated deploy(ImageBuilt image, StepContext context) {
        requireValid(image);
        if (image.digest() == null || !DIGEST.matcher(image.digest()).matches()) {
            throw new Failure("INVALID_IMAGE_DIGEST", "ImageBuilt carries no sha256 digest: " + image.digest());
        }
        DeployTarget target = targetOf(image);
        String agentName = image.spec().name();
        Optional<Deployment> current = QuarkusTransaction.requiringNew().call(
                () -> Deployment.activeOf(agentName, target.name(), image.jobId()));
        Consumer<String> progress = line -> log.info(image.jobId(), context.step(), line);
        progress.accept("Deploying " + image.imageReference() + "@" + image.digest() + " to " + target
                + current.map(previous -> " (replacing the runtime of job " + previous.jobId + ")").orElse(""));

        // StepRunner only looks before the step starts; the target asks again while it waits
        String[] made = new String[1];
        DeployContext deploying = new DeployContext(progress, line -> log.warn(image.jobId(), context.step(), line),
                context::cancelled, runtimeId -> {
                    made[0] = runtimeId;
                    recordMade(image, target, runtimeId);
                });
        RuntimeTarget.RuntimePlacement placed;
        try {
            placed = targets.get(target).deploy(image, current, deploying);
        } catch (RuntimeException failure) {
            if (made[0] != null) {
                removeMade(image.jobId(), target, failure, progress);
            }
            throw failure;
        }

        Deployment deployment = new Deployment();
        deployment.jobId = image.jobId();
        deployment.agentName = agentName;
        deployment.target = target.name();
        deployment.runtimeId = placed.runtimeId();
        deployment.invocationUrl = placed.invocationUrl();
        deployment.runtimeArn = placed.runtimeArn();
        deployment.runtimeVersion = placed.runtimeVersion();
        deployment.qualifier = placed.qualifier();
        deployment.region = placed.region();
        deployment.imageReference = image.imageReference();
        deployment.imageDigest = image.digest();
        deployment.status = DeploymentStatus.ACTIVE;
        deployment.createdAt = Instant.now();
        RuntimeCreated created = new RuntimeCreated(UUID.randomUUID(), image.jobId(), image.eventId(), Instant.now(),
                EventType.CURRENT_SCHEMA_VERSION, context.startedAt(), image.spec(), target.name(),
                placed.runtimeId(), placed.invocationUrl(), image.imageReference(), image.digest(),
                placed.runtimeArn(), placed.runtimeVersion(), placed.qualifier(), placed.region());
        deployment.announcedEventId = created.eventId();
        context.onSuccess(() -> activate(deployment));
        progress.accept("Runtime " + placed.runtimeId() + " is ready"
                + (placed.invocationUrl() == null ? "" : " at " + placed.invocationUrl()));

        return created;
    }

    /** A runtime this attempt created, recorded before the attempt ends: if it never does, the reaper removes it. */
    private static void recordMade(ImageBuilt image, DeployTarget target, String runtimeId) {
        QuarkusTransaction.requiringNew().run(() -> {
            Deployment made = Deployment.<Deployment>findByIdOptional(image.jobId()).orElseGet(Deployment::new);
            if (DeploymentStatus.ACTIVE == made.status) {
                return;
            }
            made.jobId = image.jobId();
            made.agentName = image.spec().name();
            made.target = target.name();
            made.runtimeId = runtimeId;
            made.imageReference = image.imageReference();
            made.imageDigest = image.digest();
            made.status = DeploymentStatus.DEPLOYING;
            made.createdAt = Instant.now();
            made.persist();
        });
    }

    /**
     * The attempt that created a runtime failed (or its job was cancelled): nothing will serve from that runtime, so it
     * is removed now. A removal that fails is left to the reconciler, which removes DEPLOYING runtimes of steps that
     * are not running.
     */
    private void removeMade(UUID jobId, DeployTarget target, RuntimeException failure, Consumer<String> progress) {
        Deployment made = QuarkusTransaction.requiringNew().call(() -> Deployment.<Deployment>findById(jobId));
        if (made == null || DeploymentStatus.DEPLOYING != made.status) {
            return;
        }
        String why = failure instanceof Failure step && "DEPLOY_CANCELLED".equals(step.errorCode())
                ? "the job was cancelled" : "the deployment failed (" + failure.getMessage() + ")";
        progress.accept("Removing runtime " + made.runtimeId + ", which this job created: " + why);
        try {
            targets.get(target).remove(made, progress);
        } catch (RuntimeException notRemoved) {
            log.warn(jobId, PipelineStep.DEPLOY, "Runtime " + made.runtimeId + " could not be removed now ("
                    + notRemoved.getMessage() + "); the deployer tries again later");
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            Deployment current = Deployment.findById(jobId);
            if (current != null && DeploymentStatus.DEPLOYING == current.status) {
                current.status = DeploymentStatus.REMOVED;
                current.removedAt = Instant.now();
                current.statusReason = "removed when its deployment ended without it: " + why;
            }
        });
    }

    /**
     * With the step's success: this job's runtime is the agent's one on its target, and whichever was before (read
     * again here, locked) is superseded. The database allows one ACTIVE deployment per agent and target.
     */
    private static void activate(Deployment deployment) {
        // deploys of one agent commit one after the other: each sees the ACTIVE row the one before committed
        Deployment.getEntityManager().createNativeQuery(
                        "select count(*) from (select pg_advisory_xact_lock(hashtext(:agent))) as locked")
                .setParameter("agent", deployment.agentName + "/" + deployment.target).getSingleResult();
        // a deployment that succeeds is wanted, whatever an earlier attempt of the job said
        Deployment.getEntityManager().createNativeQuery("delete from unwanted_runtime where job_id = :job")
                .setParameter("job", deployment.jobId).executeUpdate();
        Deployment.<Deployment>find("agentName = ?1 and target = ?2 and status = ?3 and jobId <> ?4",
                        deployment.agentName, deployment.target, DeploymentStatus.ACTIVE, deployment.jobId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list()
                .forEach(previous -> {
                    previous.status = DeploymentStatus.SUPERSEDED;
                    previous.supersededBy = deployment.jobId;
                });
        Deployment.getEntityManager().flush();
        Deployment.getEntityManager().merge(deployment);
    }

    /** Tears the job's runtime down. Idempotent: a removed deployment stays removed. */
    @Transactional(Transactional.TxType.REQUIRED)
    public Optional<Deployment> remove(UUID jobId) {
        Optional<Deployment> found = Deployment.findByIdOptional(jobId);
        found.filter(deployment -> DeploymentStatus.REMOVED != deployment.status).ifPresent(deployment -> {
            if (DeploymentStatus.SUPERSEDED == deployment.status) {
                throw new DeploymentConflictException("The runtime of job " + jobId + " was replaced by job "
                        + deployment.supersededBy + "; tear that one down instead");
            }
            Consumer<String> progress = line -> log.info(jobId, PipelineStep.DEPLOY, line);
            Optional<DeployTarget> known = DeployTarget.named(deployment.target);
            if (known.isEmpty()) {
                // a target this deployer no longer has (RECORDED made no runtime): there is nothing to tear down
                progress.accept("Deployment target " + deployment.target + " is not one this deployer runs: nothing "
                        + "to tear down");
            } else if (!targets.containsKey(known.get())) {
                throw new TeardownFailedException("This deployer has no " + known.get() + " target to remove runtime "
                        + deployment.runtimeId + " from", true, null);
            } else {
                targets.get(known.get()).remove(deployment, progress);
            }
            deployment.status = DeploymentStatus.REMOVED;
            deployment.removedAt = Instant.now();
            progress.accept("Runtime " + deployment.runtimeId + " removed");
        });
        return found;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Deployment> find(UUID jobId) {
        return Deployment.findByIdOptional(jobId);
    }

    /**
     * What the deploy step relies on, checked before anything else: ImageBuilt comes from Kafka, where other services
     * than the builder may publish, so its fields are not trusted to be well-formed.
     */
    private static void requireValid(ImageBuilt image) {
        if (image.spec() == null) {
            throw invalid("ImageBuilt has no spec");
        }
        String name = image.spec().name();
        if (name == null || !SpecRules.AGENT_NAME.matcher(name).matches()) {
            throw invalid("ImageBuilt's spec.name " + (name == null ? "is missing" : "'" + abbreviate(name)
                    + "' is not an agent name") + ": it must match " + SpecRules.AGENT_NAME.pattern());
        }
        if (image.imageReference() == null || image.imageReference().isBlank()) {
            throw invalid("ImageBuilt has no imageReference");
        }
        if (image.platforms() == null) {
            throw invalid("ImageBuilt has no platforms");
        }
    }

    private static Failure invalid(String message) {
        return new Failure("INVALID_IMAGE_BUILT", message, false, null);
    }

    /** Keeps what a producer sent from swamping the message. */
    private static String abbreviate(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100) + "…";
    }

    private DeployTarget targetOf(ImageBuilt image) {
        String requested = image.spec().deployTarget();
        DeployTarget target;
        if (requested == null || requested.isBlank()) {
            target = config.defaultTarget();
        } else {
            target = DeployTarget.named(requested).orElseThrow(() -> new Failure("UNKNOWN_DEPLOY_TARGET", "deployTarget " + requested
                            + " is not one of " + Arrays.toString(DeployTarget.values())));
        }
        if (!targets.containsKey(target)) {
            throw new Failure("DEPLOY_TARGET_UNAVAILABLE", "This deployer has no " + target + " target");
        }
        return target;
    }

    /** A tear-down that would remove a runtime another deployment now owns: 409. */
    public static class DeploymentConflictException extends ProblemException {
        public DeploymentConflictException(String message) {
            super(409, "DEPLOYMENT_SUPERSEDED", message);
        }
    }
}
