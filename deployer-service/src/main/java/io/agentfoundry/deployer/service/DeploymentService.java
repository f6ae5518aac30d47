package io.agentfoundry.deployer.service;

import io.agentfoundry.deployer.config.DeployerConfig;
import io.agentfoundry.deployer.domain.Deployment;
import io.agentfoundry.events.EventType;
import io.agentfoundry.events.ImageBuilt;
import io.agentfoundry.events.RuntimeCreated;
import io.agentfoundry.platform.messaging.StepFailureException;
import io.agentfoundry.platform.messaging.StepRunner.StepContext;
import io.agentfoundry.platform.service.JobLogger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** The deploy step: image in, runtime and {@code RuntimeCreated} out. */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRED)
public class DeploymentService {

    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    private final DeployerConfig config;
    private final JobLogger log;

    DeploymentService(DeployerConfig config, JobLogger log) {
        this.config = config;
        this.log = log;
    }

    public RuntimeCreated deploy(ImageBuilt image, StepContext context) {
        if (image.digest() == null || !DIGEST.matcher(image.digest()).matches()) {
            throw new StepFailureException("INVALID_IMAGE_DIGEST", "ImageBuilt carries no sha256 digest: " + image.digest());
        }
        Deployment deployment = Deployment.<Deployment>findByIdOptional(image.jobId()).orElseGet(Deployment::new);
        deployment.jobId = image.jobId();
        deployment.target = config.target().name();
        deployment.runtimeId = "recorded-" + image.jobId();
        deployment.invocationUrl = null;
        deployment.imageReference = image.imageReference();
        deployment.imageDigest = image.digest();
        deployment.status = "ACTIVE";
        deployment.createdAt = Instant.now();
        deployment.removedAt = null;
        deployment.persist();
        log.info(image.jobId(), context.step(), "Recorded runtime " + deployment.runtimeId + " for "
                + image.imageReference() + "@" + image.digest() + " (target " + deployment.target
                + ": no container engine configured, nothing was started)");

        return new RuntimeCreated(UUID.randomUUID(), image.jobId(), image.eventId(), Instant.now(),
                EventType.CURRENT_SCHEMA_VERSION, context.startedAt(), image.spec(), deployment.target,
                deployment.runtimeId, deployment.invocationUrl, image.imageReference(), image.digest());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Deployment> find(UUID jobId) {
        return Deployment.findByIdOptional(jobId);
    }
}
