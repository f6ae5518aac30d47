package io.agentfoundry.registry.service;

import io.agentfoundry.events.CodeGenerated;
import io.agentfoundry.events.EventCodec;
import io.agentfoundry.events.ImageBuilt;
import io.agentfoundry.events.PipelineEvent;
import io.agentfoundry.events.PipelineStep;
import io.agentfoundry.events.RuntimeCreated;
import io.agentfoundry.events.RuntimeLost;
import io.agentfoundry.events.StepFailed;
import io.agentfoundry.events.TestCompleted;
import io.agentfoundry.platform.messaging.DeadLetterWriter;
import io.agentfoundry.registry.domain.AgentJob;
import io.agentfoundry.registry.domain.JobStatus;
import io.agentfoundry.registry.domain.JobStep;
import io.agentfoundry.platform.domain.StepStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the job view from the pipeline's events. Each event only moves its own step forward (a finished step is
 * never reopened, except by a retry) and the job's status is derived from all steps, so duplicates and events that
 * arrive out of the order the steps ran in leave the same view. A cancelled job keeps its status whatever arrives.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class JobProgressService {

    private static final Logger LOG = Logger.getLogger(JobProgressService.class);
    /** Failures the platform infers rather than the step's service reports. */
    static final Set<String> INFERRED_FAILURES = Set.of(StepDeadlines.STEP_TIMEOUT, DeadLetterWriter.DEAD_LETTERED);

    private final JobEventService events;

    JobProgressService(JobEventService events) {
        this.events = events;
    }

    public void codeGenerated(CodeGenerated event) {
        succeed(event, PipelineStep.GENERATE, event.startedAt(),
                result("bundleUrl", event.bundleUrl(), "contentHash", event.contentHash(), "fileCount", event.fileCount()));
    }

    public void imageBuilt(ImageBuilt event) {
        succeed(event, PipelineStep.BUILD, event.startedAt(),
                result("imageReference", event.imageReference(), "digest", event.digest(), "platforms", event.platforms(),
                        "tag", event.tag(), "sizeBytes", event.sizeBytes(), "baseImage", event.baseImage(),
                        "baseDigest", event.baseDigest()));
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

    public void runtimeLost(RuntimeLost event) {
        if (lockJob(event) != null) {
            events.runtimeLost(event);
        }
    }

    private void succeed(PipelineEvent event, PipelineStep step, Instant startedAt, String result) {
        AgentJob job = lockJob(event);
        if (job == null) {
            return;
        }
        PipelineStep next = nextOf(step);
        JobStep following = next == null ? null : JobStep.findById(new JobStep.Key(event.jobId(), next));
        JobStep row = JobStep.findById(new JobStep.Key(event.jobId(), step));
        if (row == null || settled(row)) {
            return;
        }
        row.status = StepStatus.SUCCEEDED;
        row.failureEventId = null;
        row.attempts = Math.max(row.attempts, 1);
        row.startedAt = startedAt != null ? startedAt : row.startedAt;
        row.finishedAt = event.occurredAt();
        row.result = result;
        events.stepChanged(row, step.name().toLowerCase() + " succeeded");
        if (following != null) {
            following.inputEventId = event.eventId();
        }
        if (following != null && following.status == StepStatus.PENDING) {
            following.status = StepStatus.RUNNING;
            following.startedAt = event.occurredAt();
            events.stepChanged(following, next.name().toLowerCase() + " started");
        }
        refresh(job, event.occurredAt());
    }

    private void fail(PipelineEvent event, PipelineStep step, int attempts, String errorCode, String message, String result) {
        AgentJob job = lockJob(event);
        if (job == null) {
            return;
        }
        JobStep row = JobStep.findById(new JobStep.Key(event.jobId(), step));
        if (row == null || settled(row)) {
            return;
        }
        row.status = StepStatus.FAILED;
        row.failureEventId = event.eventId();
        row.attempts = Math.max(row.attempts, attempts);
        row.startedAt = row.startedAt != null ? row.startedAt : event.occurredAt();
        row.finishedAt = event.occurredAt();
        row.errorCode = errorCode;
        row.errorMessage = message;
        row.result = result;
        events.stepChanged(row, step.name().toLowerCase() + " failed [" + errorCode + "]: " + message);
        refresh(job, event.occurredAt());
    }

    /**
     * A finished step is not reopened by what arrives later, except a failure the platform only inferred (the
     * registry's deadline passed, or the step's input was dead-lettered): the step's own outcome replaces it.
     */
    private static boolean settled(JobStep row) {
        return row.status.isTerminal()
                && !(row.status == StepStatus.FAILED && INFERRED_FAILURES.contains(row.errorCode));
    }

    private static AgentJob lockJob(PipelineEvent event) {
        AgentJob job = AgentJob.lock(event.jobId());
        if (job == null) {
            LOG.warnf("Event %s is about job %s, which this registry does not know; ignored", event.eventId(), event.jobId());
        }
        return job;
    }

    /** The job's status follows from its steps: any failure fails it; a passed test run completes it. */
    private void refresh(AgentJob job, Instant at) {
        if (job.status == JobStatus.CANCELLED) {
            return;
        }
        List<JobStep> steps = JobStep.ofJob(job.id);
        JobStep failed = steps.stream().filter(step -> step.status == StepStatus.FAILED).findFirst().orElse(null);
        boolean allSucceeded = steps.stream().allMatch(step -> step.status == StepStatus.SUCCEEDED);
        JobStatus status = failed != null ? JobStatus.FAILED : allSucceeded ? JobStatus.SUCCEEDED : JobStatus.RUNNING;
        job.failure = failed == null ? null
                : failed.key.step.name().toLowerCase() + " failed [" + failed.errorCode + "]: " + failed.errorMessage;
        job.updatedAt = Instant.now();
        job.finishedAt = status.isTerminal() ? (job.finishedAt == null ? at : job.finishedAt) : null;
        if (status != job.status) {
            job.status = status;
            events.jobChanged(job, status == JobStatus.FAILED ? job.failure : "job " + status.name().toLowerCase());
        }
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
