package io.agentfoundry.registry.service;

import io.agentfoundry.events.AgentRequested;
import io.agentfoundry.events.AgentSpec;
import io.agentfoundry.events.EventCodec;
import io.agentfoundry.events.EventType;
import io.agentfoundry.events.ModelBinding;
import io.agentfoundry.events.ToolBinding;
import io.agentfoundry.events.PipelineStep;
import io.agentfoundry.platform.domain.StepStatus;
import io.agentfoundry.platform.messaging.OutboxWriter;
import io.agentfoundry.platform.service.JobLogger;
import io.agentfoundry.registry.domain.AgentJob;
import io.agentfoundry.registry.domain.JobStatus;
import io.agentfoundry.registry.domain.JobStep;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Accepts jobs: the job, its steps and {@code AgentRequested} are written in one transaction. */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRED)
public class JobService {

    private final SpecValidator validator;
    private final OutboxWriter outbox;
    private final JobLogger log;

    JobService(SpecValidator validator, OutboxWriter outbox, JobLogger log) {
        this.validator = validator;
        this.outbox = outbox;
        this.log = log;
    }

    /** @throws InvalidSpecException listing every violation when the spec is not acceptable */
    public AgentJob submit(AgentSpec spec, String requestedBy) {
        List<SpecValidator.Violation> violations = validator.validate(spec);
        if (!violations.isEmpty()) {
            throw new InvalidSpecException(violations);
        }
        Instant now = Instant.now();
        ModelBinding model = new ModelBinding(spec.modelId(), spec.modelId().startsWith("ollama/") ? "OLLAMA" : "BEDROCK",
                spec.modelId().startsWith("ollama/") ? spec.modelId().substring("ollama/".length()) : spec.modelId(),
                null, null, null, List.of());
        List<ToolBinding> tools = spec.tools().stream()
                .map(tool -> new ToolBinding(tool, tool, null, List.of(), false, List.of(), false)).toList();
        AgentRequested request = new AgentRequested(UUID.randomUUID(), UUID.randomUUID(), null, now,
                EventType.CURRENT_SCHEMA_VERSION, requestedBy, spec, model, tools, null);

        AgentJob job = new AgentJob();
        job.id = request.jobId();
        job.agentName = spec.name();
        job.modelId = spec.modelId();
        job.spec = specJson(spec);
        job.status = JobStatus.ACCEPTED;
        job.requestedBy = requestedBy;
        job.requestEventId = request.eventId();
        job.createdAt = now;
        job.updatedAt = now;
        job.persist();
        for (PipelineStep step : PipelineStep.values()) {
            JobStep row = new JobStep();
            row.key = new JobStep.Key(job.id, step);
            boolean isRequest = step == PipelineStep.REQUEST;
            row.status = isRequest ? StepStatus.SUCCEEDED : StepStatus.PENDING;
            row.attempts = isRequest ? 1 : 0;
            row.startedAt = isRequest ? now : null;
            row.finishedAt = isRequest ? now : null;
            row.persist();
        }
        outbox.append(request);
        log.info(job.id, PipelineStep.REQUEST, "Accepted agent '" + spec.name() + "' on model " + spec.modelId()
                + " from " + requestedBy);
        return job;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<AgentJob> find(UUID jobId) {
        return AgentJob.findByIdOptional(jobId);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<JobStep> steps(UUID jobId) {
        return JobStep.ofJob(jobId);
    }

    private static String specJson(AgentSpec spec) {
        try {
            return EventCodec.mapper().writeValueAsString(spec);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Cannot store the spec", e);
        }
    }
}
