package io.agentfoundry.registry.mapping;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.agentfoundry.events.EventCodec;
import io.agentfoundry.events.PipelineStep;
import io.agentfoundry.registry.domain.AgentJob;
import io.agentfoundry.registry.domain.JobStatus;
import io.agentfoundry.registry.domain.JobStep;
import io.agentfoundry.platform.domain.StepStatus;
import io.agentfoundry.registry.service.SpecValidator;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * A job as gateway clients see it: overall status and each step's status, attempts, timings, error and result.
 *
 * @param violations why the request step failed, for a submission that failed validation
 * @param warnings   what the accepted spec should know (legacy model, deprecated tools, environment)
 */
public record JobView(UUID jobId, String agentName, String modelId, String catalogModelId, String catalogVersion,
                      JobStatus status, String failure, String requestedBy, Instant createdAt, Instant updatedAt,
                      Instant finishedAt, List<SpecValidator.Violation> violations,
                      List<SpecValidator.Warning> warnings, List<StepView> steps) {

    public record StepView(PipelineStep step, String service, StepStatus status, int attempts, Instant startedAt,
                           Instant finishedAt, Long durationMs, JsonNode result, String errorCode, String errorMessage) {
    }

    public static JobView of(AgentJob job, List<JobStep> steps) {
        return new JobView(job.id, job.agentName, job.modelId, job.catalogModelId, job.catalogVersion, job.status,
                job.failure, job.requestedBy, job.createdAt, job.updatedAt, job.finishedAt,
                read(job.violations, new TypeReference<>() { }), read(job.warnings, new TypeReference<>() { }),
                steps.stream().sorted(Comparator.comparing(step -> step.key.step)).map(JobView::step).toList());
    }

    private static StepView step(JobStep step) {
        Long duration = step.startedAt != null && step.finishedAt != null
                ? Duration.between(step.startedAt, step.finishedAt).toMillis() : null;
        return new StepView(step.key.step, step.key.step.service(), step.status, step.attempts, step.startedAt,
                step.finishedAt, duration, read(step.result, new TypeReference<>() { }), step.errorCode,
                step.errorMessage);
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return json == null ? null : EventCodec.mapper().readValue(json, type);
        } catch (IOException e) {
            throw new IllegalStateException("Stored JSON of a job cannot be read", e);
        }
    }
}
