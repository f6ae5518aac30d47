package io.agentfoundry.registry.service;

import io.agentfoundry.events.JobLogRecord;
import io.agentfoundry.events.PipelineStep;
import io.agentfoundry.events.RuntimeLost;
import io.agentfoundry.registry.domain.AgentJob;
import io.agentfoundry.registry.domain.JobEvent;
import io.agentfoundry.registry.domain.JobStep;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Records a job's event stream: the registry's transitions as they happen, other services' log lines as they arrive. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class JobEventService {

    private final JobEventStream stream;

    JobEventService(JobEventStream stream) {
        this.stream = stream;
    }

    /** The caller holds the job's lock ({@link AgentJob#lock}). */
    public void stepChanged(JobStep step, String message) {
        JobEvent event = newEvent(step.key.jobId, JobEvent.STEP);
        event.step = step.key.step.name();
        event.service = step.key.step.service();
        event.status = step.status.name();
        event.attempts = step.attempts;
        event.message = message;
        record(event);
    }

    /** The caller holds the job's lock ({@link AgentJob#lock}). */
    public void jobChanged(AgentJob job, String message) {
        JobEvent event = newEvent(job.id, JobEvent.JOB);
        event.status = job.status.name();
        event.message = message;
        record(event);
    }

    /** A log line from any of the five services; the job is locked here so its events keep their order. */
    public void logLine(JobLogRecord line) {
        AgentJob.lock(line.jobId());
        JobEvent event = newEvent(line.jobId(), JobEvent.LOG);
        event.service = line.service();
        event.step = line.step() == null ? null : line.step().name();
        event.level = line.level() == null ? null : line.level().name();
        event.message = line.message();
        event.occurredAt = line.occurredAt();
        event.sourceEventId = line.eventId();
        record(event);
    }

    /** The deployer found the job's runtime gone; the job's outcome stays what it was. */
    public void runtimeLost(RuntimeLost lost) {
        JobEvent event = newEvent(lost.jobId(), JobEvent.LOG);
        event.service = PipelineStep.DEPLOY.service();
        event.step = PipelineStep.DEPLOY.name();
        event.level = JobLogRecord.Level.ERROR.name();
        event.message = "The " + lost.target() + " runtime " + lost.runtimeId() + " is lost: " + lost.reason();
        event.occurredAt = lost.occurredAt();
        event.sourceEventId = lost.eventId();
        record(event);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<JobEvent> after(UUID jobId, long afterId) {
        return JobEvent.after(jobId, afterId);
    }

    private static JobEvent newEvent(UUID jobId, String kind) {
        JobEvent event = new JobEvent();
        event.jobId = jobId;
        event.kind = kind;
        event.occurredAt = Instant.now();
        return event;
    }

    private void record(JobEvent event) {
        event.persistAndFlush();
        stream.publishAfterCommit(event);
    }
}
