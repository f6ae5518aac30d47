package io.agentfoundry.registry.service;

import io.agentfoundry.events.CodeGenerated;
import io.agentfoundry.events.EventCodec;
import io.agentfoundry.events.ImageBuilt;
import io.agentfoundry.events.PipelineEvent;
import io.agentfoundry.events.PipelineStep;
import io.agentfoundry.events.RuntimeCreated;
import io.agentfoundry.events.StepFailed;
import io.agentfoundry.events.TestCompleted;
import io.agentfoundry.platform.domain.StepStatus;
import io.agentfoundry.registry.domain.AgentJob;
import io.agentfoundry.registry.domain.JobStatus;
import io.agentfoundry.registry.domain.JobStep;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the job view from the pipeline's events. Each event only moves its own step forward (a finished step is
 * never reopened) and the job's status is derived from all steps, so duplicates and events that arrive out of the
 * order the steps ran in leave the same view.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class JobProgressService {

    private static final Logger LOG = Logger.getLogger(JobProgressService.class);

    public void codeGenerated(CodeGenerated event) {
        succeed(event, PipelineStep.GENERATE, event.startedAt(),
                result("bundleUrl", event.bundleUrl(), "contentHash", event.contentHash(), "fileCount", event.fileCount()));
    }

    public void imageBuilt(ImageBuilt event) {
        succeed(event, PipelineStep.BUILD, event.startedAt(),
                result("imageReference", event.imageReference(), "digest", event.digest(), "platforms", event.platforms()));
    }

    public void runtimeCreated(RuntimeCreated event) {
        succeed(event, PipelineStep.DEPLOY, event.startedAt(), result("target", event.target(), "runtimeId",
                event.runtimeId(), "invocationUrl", event.invocationUrl()));
    }

    public void testCompleted(TestCompleted event) {
        String result = result("passed", event.passed(), "checksPassed", event.checksPassed(), "checksFailed",
                event.checksFailed(), "summary", event.summary());
        if (event.passed()) {
            succeed(event, PipelineStep.TEST, event.startedAt(), result);
        } else {
            fail(event, PipelineStep.TEST, 1, "TESTS_FAILED", event.summary(), result);
        }
    }

    public void stepFailed(StepFailed event) {
        fail(event, event.step(), event.attempt(), event.errorCode(), event.message(), null);
    }

    private void succeed(PipelineEvent event, PipelineStep step, Instant startedAt, String result) {
        JobStep row = stepOf(event, step);
        if (row == null || row.status.isTerminal()) {
            return;
        }
        row.status = StepStatus.SUCCEEDED;
        row.attempts = Math.max(row.attempts, 1);
        row.startedAt = startedAt != null ? startedAt : row.startedAt;
        row.finishedAt = event.occurredAt();
        row.result = result;
        PipelineStep next = nextOf(step);
        if (next != null) {
            JobStep following = JobStep.findById(new JobStep.Key(event.jobId(), next));
            if (following != null && following.status == StepStatus.PENDING) {
                following.status = StepStatus.RUNNING;
                following.startedAt = event.occurredAt();
            }
        }
        refresh(event.jobId(), event.occurredAt());
    }

    private void fail(PipelineEvent event, PipelineStep step, int attempts, String errorCode, String message, String result) {
        JobStep row = stepOf(event, step);
        if (row == null || row.status.isTerminal()) {
            return;
        }
        row.status = StepStatus.FAILED;
        row.attempts = Math.max(row.attempts, attempts);
        row.startedAt = row.startedAt != null ? row.startedAt : event.occurredAt();
        row.finishedAt = event.occurredAt();
        row.errorCode = errorCode;
        row.errorMessage = message;
        row.result = result;
        refresh(event.jobId(), event.occurredAt());
    }

    private JobStep stepOf(PipelineEvent event, PipelineStep step) {
        JobStep row = JobStep.findById(new JobStep.Key(event.jobId(), step));
        if (row == null) {
            LOG.warnf("Event %s is about job %s, which this registry does not know; ignored", event.eventId(), event.jobId());
        }
        return row;
    }

    /** The job's status follows from its steps: any failure fails it; a passed test run completes it. */
    private void refresh(java.util.UUID jobId, Instant at) {
        AgentJob job = AgentJob.findById(jobId);
        List<JobStep> steps = JobStep.ofJob(jobId);
        JobStep failed = steps.stream().filter(step -> step.status == StepStatus.FAILED).findFirst().orElse(null);
        boolean allSucceeded = steps.stream().allMatch(step -> step.status == StepStatus.SUCCEEDED);
        JobStatus status = failed != null ? JobStatus.FAILED : allSucceeded ? JobStatus.SUCCEEDED : JobStatus.RUNNING;
        job.status = status;
        job.failure = failed == null ? null
                : failed.key.step.name().toLowerCase() + " failed [" + failed.errorCode + "]: " + failed.errorMessage;
        job.updatedAt = Instant.now();
        job.finishedAt = status.isTerminal() ? (job.finishedAt == null ? at : job.finishedAt) : null;
    }

    private static PipelineStep nextOf(PipelineStep step) {
        PipelineStep[] steps = PipelineStep.values();
        return step.ordinal() + 1 < steps.length ? steps[step.ordinal() + 1] : null;
    }

    private static String result(Object... keysAndValues) {
        Map<String, Object> result = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                result.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        try {
            return EventCodec.mapper().writeValueAsString(result);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
