package io.agentfoundry.deployer.mapping;

import io.agentfoundry.deployer.domain.Deployment;

import java.time.Instant;
import java.util.UUID;

public record DeploymentView(UUID jobId, String target, String runtimeId, String invocationUrl, String imageReference,
                             String imageDigest, String status, Instant createdAt, Instant removedAt) {

    public static DeploymentView of(Deployment deployment) {
        return new DeploymentView(deployment.jobId, deployment.target, deployment.runtimeId, deployment.invocationUrl,
                deployment.imageReference, deployment.imageDigest, deployment.status, deployment.createdAt,
                deployment.removedAt);
    }
}
