package io.agentfoundry.deployer.mapping;

import io.agentfoundry.deployer.domain.Deployment;
import io.agentfoundry.deployer.domain.DeploymentStatus;

import java.time.Instant;
import java.util.UUID;

public record DeploymentView(UUID jobId, String agentName, String target, String runtimeId, String invocationUrl,
                             String runtimeArn, String runtimeVersion, String qualifier, String region,
                             String imageReference, String imageDigest, DeploymentStatus status, UUID supersededBy,
                             Instant createdAt, Instant removedAt) {

    public static DeploymentView of(Deployment deployment) {
        return new DeploymentView(deployment.jobId, deployment.agentName, deployment.target, deployment.runtimeId,
                deployment.invocationUrl, deployment.runtimeArn, deployment.runtimeVersion, deployment.qualifier,
                deployment.region, deployment.imageReference, deployment.imageDigest, deployment.status,
                deployment.supersededBy, deployment.createdAt, deployment.removedAt);
    }
}
