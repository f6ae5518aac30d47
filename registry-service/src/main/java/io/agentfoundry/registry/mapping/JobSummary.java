package io.agentfoundry.registry.mapping;

import io.agentfoundry.registry.domain.AgentJob;
import io.agentfoundry.registry.domain.JobStatus;

import java.time.Instant;
import java.util.UUID;

/** A job in GET /api/agents. */
public record JobSummary(UUID jobId, String agentName, String modelId, String catalogModelId, JobStatus status,
                         String requestedBy, Instant createdAt, Instant finishedAt, String failure) {

    public static JobSummary of(AgentJob job) {
        return new JobSummary(job.id, job.agentName, job.modelId, job.catalogModelId, job.status, job.requestedBy,
                job.createdAt, job.finishedAt, job.failure);
    }
}
