package io.agentfoundry.registry.mapping;

import io.agentfoundry.registry.domain.JobStatus;

import java.util.UUID;

/** The answer to a submitted job: where to follow it. */
public record JobAccepted(UUID jobId, JobStatus status, String location) {
}
