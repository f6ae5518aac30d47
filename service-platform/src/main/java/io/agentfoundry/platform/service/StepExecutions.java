package io.agentfoundry.platform.service;

import io.agentfoundry.events.EventCodec;
import io.agentfoundry.events.PipelineEvent;
import io.agentfoundry.events.PipelineStep;
import io.agentfoundry.platform.domain.StepExecution;
import io.agentfoundry.platform.domain.StepStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Reads and moves this service's step state. Callers own the transaction. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class StepExecutions {

    private final JobLogStream stream;

    StepExecutions(JobLogStream stream) {
        this.stream = stream;
    }

    public StepExecution start(UUID jobId, PipelineStep step, UUID inputEventId, int attempt) {
        StepExecution execution = findOrNew(jobId, step);
        execution.status = StepStatus.RUNNING;
        execution.attempts = Math.max(execution.attempts + 1, attempt);
        execution.inputEventId = inputEventId;
        execution.startedAt = execution.startedAt == null ? Instant.now() : execution.startedAt;
        execution.finishedAt = null;
        execution.errorCode = null;
        execution.errorMessage = null;
        return save(execution);
    }

    public void succeed(StepExecution execution, PipelineEvent output) {
        execution.status = StepStatus.SUCCEEDED;
        execution.result = EventCodec.encode(output);
        execution.finishedAt = output.occurredAt();
        finish(save(execution));
    }

    /** Records that the step will not run because its job was cancelled. */
    public void skipCancelled(UUID jobId, PipelineStep step, UUID inputEventId) {
        StepExecution execution = findOrNew(jobId, step);
        execution.status = StepStatus.CANCELLED;
        execution.inputEventId = inputEventId;
        execution.finishedAt = Instant.now();
        finish(save(execution));
    }

    public StepExecution fail(UUID jobId, PipelineStep step, UUID inputEventId, int attempts, String errorCode,
                              String message) {
        StepExecution execution = findOrNew(jobId, step);
        execution.status = StepStatus.FAILED;
        execution.attempts = Math.max(execution.attempts, attempts);
        execution.inputEventId = inputEventId;
        execution.startedAt = execution.startedAt == null ? Instant.now() : execution.startedAt;
        execution.errorCode = errorCode;
        execution.errorMessage = message;
        execution.finishedAt = Instant.now();
        return finish(save(execution));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<StepExecution> find(UUID jobId) {
        return StepExecution.findByIdOptional(jobId);
    }

    private static StepExecution findOrNew(UUID jobId, PipelineStep step) {
        StepExecution execution = StepExecution.findById(jobId);
        if (execution == null) {
            execution = new StepExecution();
            execution.jobId = jobId;
            execution.step = step;
        }
        return execution;
    }

    /** Persists a new row only once every not-null column is set; an existing row is flushed at commit. */
    private static StepExecution save(StepExecution execution) {
        execution.updatedAt = Instant.now();
        if (!execution.isPersistent()) {
            execution.persist();
        }
        return execution;
    }

    private StepExecution finish(StepExecution execution) {
        stream.stepFinishedAfterCommit(execution.jobId);
        return execution;
    }
}
