package io.agentfoundry.registry.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentfoundry.events.EventCodec;
import io.agentfoundry.events.PipelineStep;
import io.agentfoundry.platform.domain.StepStatus;
import io.agentfoundry.registry.domain.AgentJob;
import io.agentfoundry.registry.domain.JobStatus;
import io.agentfoundry.registry.domain.JobStep;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** A job as gateway clients see it: overall status and each step's status, timings and result. */
public record JobView(UUID jobId, String agentName, String modelId, JobStatus status, String failure,
                      Instant createdAt, Instant updatedAt, Instant finishedAt, List<StepView> steps) {

    public record StepView(PipelineStep step, String service, StepStatus status, int attempts, Instant startedAt,
                           Instant finishedAt, Long durationMs, JsonNode result, String errorCode, String errorMessage) {
    }

    public static JobView of(AgentJob job, List<JobStep> steps) {
        return new JobView(job.id, job.agentName, job.modelId, job.status, job.failure, job.createdAt, job.updatedAt,
                job.finishedAt, steps.stream()
                .sorted(Comparator.comparing(step -> step.key.step))
                .map(JobView::step)
                .toList());
    }

    private static StepView step(JobStep step) {
        Long duration = step.startedAt != null && step.finishedAt != null
                ? Duration.between(step.startedAt, step.finishedAt).toMillis() : null;
        return new StepView(step.key.step, step.key.step.service(), step.status, step.attempts, step.startedAt,
                step.finishedAt, duration, parse(step.result), step.errorCode, step.errorMessage);
    }

    private static JsonNode parse(String json) {
        try {
            return json == null ? null : EventCodec.mapper().readTree(json);
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
