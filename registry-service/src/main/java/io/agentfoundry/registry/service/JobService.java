package io.agentfoundry.registry.service;

import io.agentfoundry.events.Sha256;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.agentfoundry.events.AgentRequested;
import io.agentfoundry.events.AgentSpec;
import io.agentfoundry.events.EventCodec;
import io.agentfoundry.events.EventType;
import io.agentfoundry.events.JobCancelled;
import io.agentfoundry.events.JobRetried;
import io.agentfoundry.events.ModelBinding;
import io.agentfoundry.events.PipelineStep;
import io.agentfoundry.platform.messaging.OutboxWriter;
import io.agentfoundry.platform.service.JobLogger;
import io.agentfoundry.registry.domain.AgentJob;
import io.agentfoundry.registry.domain.JobStatus;
import io.agentfoundry.registry.domain.JobStep;
import io.agentfoundry.platform.domain.StepStatus;
import io.agentfoundry.registry.mapping.CatalogBindings;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Accepts, rejects, retries and cancels jobs. Every change of a job is written in one transaction with the events it
 * causes (through the outbox) and the entries of the job's event stream.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRED)
public class JobService {

    static final String INVALID_SPEC = "INVALID_SPEC";
    private static final int MAX_TEXT_COLUMN = 200;

    private final SpecValidator validator;
    private final CatalogService catalog;
    private final OutboxWriter outbox;
    private final JobLogger log;
    private final JobEventService events;
    private final EntityManager entityManager;

    JobService(SpecValidator validator, CatalogService catalog, OutboxWriter outbox, JobLogger log,
               JobEventService events, EntityManager entityManager) {
        this.validator = validator;
        this.catalog = catalog;
        this.outbox = outbox;
        this.log = log;
        this.events = events;
        this.entityManager = entityManager;
    }

    /**
     * @param replayed true when an earlier request with the same idempotency key and body created the job
     */
    public record Submitted(AgentJob job, ModelBinding model, List<SpecValidator.Warning> warnings, boolean replayed) {
    }

    /** Filters of the job list; null means any. {@code model} may be any name of a catalog model. */
    public record JobFilter(JobStatus status, String model, Instant from, Instant to) {
    }

    public record JobPage(List<AgentJob> jobs, long total) {
    }

    /**
     * @param idempotencyKey null for none; the same key and spec from the same client give the same job
     * @throws InvalidSpecException  listing every violation when the spec is not acceptable
     * @throws JobConflictException when the key was used before with another spec
     */
    public Submitted submit(AgentSpec spec, String requestedBy, String idempotencyKey) {
        SpecValidator.Report report = validator.validate(spec);
        if (!report.valid()) {
            throw new InvalidSpecException(report.violations());
        }
        UUID jobId = UUID.randomUUID();
        if (idempotencyKey != null) {
            Optional<AgentJob> earlier = claimIdempotencyKey(requestedBy, idempotencyKey, Sha256.hex(json(spec)), jobId);
            if (earlier.isPresent()) {
                return new Submitted(earlier.get(), bindingOf(earlier.get()), warningsOf(earlier.get()), true);
            }
        }
        AgentRequested request = accepted(UUID.randomUUID(), jobId, null, requestedBy, spec, report);
        return new Submitted(createAcceptedJob(request, report, null), request.model(), report.warnings(), false);
    }

    /**
     * A submission another service published on the topic: validated like a REST request. A valid one becomes a job
     * with the submission's job id and an accepted {@code AgentRequested} caused by it; an invalid one (or one whose job
     * id is taken) becomes a job whose request step failed with the violations, so it is never silently dropped.
     */
    public AgentJob acceptSubmission(AgentRequested submission) {
        SpecValidator.Report report = validator.validate(submission.spec());
        List<SpecValidator.Violation> violations = new ArrayList<>(report.violations());
        boolean jobIdTaken = AgentJob.findById(submission.jobId()) != null;
        if (jobIdTaken) {
            violations.add(new SpecValidator.Violation("$.jobId", "job " + submission.jobId()
                    + " already exists: a submission needs a new job id"));
        }
        String requestedBy = submission.requestedBy() == null ? "kafka" : submission.requestedBy();
        if (violations.isEmpty()) {
            AgentRequested request = accepted(UUID.randomUUID(), submission.jobId(), submission.eventId(), requestedBy,
                    submission.spec(), report);
            return createAcceptedJob(request, report, submission.eventId());
        }
        return createRejectedJob(jobIdTaken ? UUID.randomUUID() : submission.jobId(), submission, requestedBy, violations);
    }

    /**
     * Runs a job that has not succeeded again, from the step that failed (or, for a cancelled or running job, its first
     * step that has not succeeded): {@code JobRetried} lifts the
     * job's cancellation in every service, and that step's own service runs it again from the input it stored (an
     * attempt still running there is fenced off). The registry re-sends no other service's event.
     */
    public AgentJob retry(UUID jobId, String retriedBy) {
        AgentJob job = lockedJob(jobId);
        if (job.status == JobStatus.SUCCEEDED) {
            throw new JobConflictException("JOB_SUCCEEDED", "Job " + jobId + " has succeeded; submit its spec again for a new job");
        }
        List<JobStep> steps = JobStep.ofJob(jobId);
        // a failed job from the step that failed; a cancelled or running one from its first step not done
        boolean failed = job.status == JobStatus.FAILED;
        JobStep from = steps.stream().filter(step -> failed ? step.status == StepStatus.FAILED
                        : step.status != StepStatus.SUCCEEDED).findFirst()
                .orElseThrow(() -> new IllegalStateException("Job " + jobId + " is " + job.status
                        + " without a step to run again"));
        PipelineStep step = from.key.step;
        if (step == PipelineStep.REQUEST) {
            throw new JobConflictException("JOB_FAILED_VALIDATION", "Job " + jobId + " failed validation; submit a corrected spec as a new job");
        }
        String reason = switch (job.status) {
            case FAILED -> "retried after: " + job.failure;
            case CANCELLED -> "resumed after its cancellation";
            default -> "retried while " + step.name().toLowerCase() + " was still running";
        };
        Instant now = Instant.now();
        outbox.append(new JobRetried(UUID.randomUUID(), jobId, failed ? from.failureEventId : null, now,
                EventType.CURRENT_SCHEMA_VERSION, step, cut(reason, 2000), cut(retriedBy, MAX_TEXT_COLUMN)));
        from.status = StepStatus.RUNNING;
        from.failureEventId = null;
        from.attempts++;
        from.startedAt = now;
        from.finishedAt = null;
        from.errorCode = null;
        from.errorMessage = null;
        from.result = null;
        events.stepChanged(from, step.name().toLowerCase() + " retried (attempt " + from.attempts + ")");
        for (JobStep later : steps) {
            if (later.key.step.ordinal() > step.ordinal() && later.status != StepStatus.PENDING) {
                later.status = StepStatus.PENDING;
                later.startedAt = null;
                later.finishedAt = null;
                later.errorCode = null;
                later.errorMessage = null;
                later.result = null;
                events.stepChanged(later, later.key.step.name().toLowerCase() + " pending again");
            }
        }
        job.status = JobStatus.RUNNING;
        job.failure = null;
        job.finishedAt = null;
        job.updatedAt = now;
        events.jobChanged(job, "retried from " + step.name().toLowerCase() + " by " + retriedBy);
        log.info(jobId, step, "Retrying " + step.name().toLowerCase() + " (" + reason + "), asked by " + retriedBy);
        return job;
    }

    /** Stops a job that has not finished: no later step starts, and the job keeps the status CANCELLED. */
    public AgentJob cancel(UUID jobId, String cancelledBy) {
        AgentJob job = lockedJob(jobId);
        if (job.status.isTerminal()) {
            throw new JobConflictException("JOB_ENDED", "Job " + jobId + " has already ended: " + job.status);
        }
        Instant now = Instant.now();
        for (JobStep step : JobStep.ofJob(jobId)) {
            if (step.status == StepStatus.RUNNING) {
                step.status = StepStatus.CANCELLED;
                step.finishedAt = now;
                events.stepChanged(step, step.key.step.name().toLowerCase() + " cancelled");
            } else if (step.status == StepStatus.PENDING) {
                step.status = StepStatus.SKIPPED;
                events.stepChanged(step, step.key.step.name().toLowerCase() + " skipped: the job was cancelled");
            }
        }
        job.status = JobStatus.CANCELLED;
        job.finishedAt = now;
        job.updatedAt = now;
        events.jobChanged(job, "cancelled by " + cancelledBy);
        outbox.append(new JobCancelled(UUID.randomUUID(), jobId, job.requestEventId, now,
                EventType.CURRENT_SCHEMA_VERSION, "cancelled through the registry's API", cancelledBy));
        log.info(jobId, PipelineStep.REQUEST, "Job cancelled by " + cancelledBy);
        return job;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public SpecValidator.Report validate(AgentSpec spec) {
        return validator.validate(spec);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<AgentJob> find(UUID jobId) {
        return AgentJob.findByIdOptional(jobId);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<JobStep> steps(UUID jobId) {
        return JobStep.ofJob(jobId);
    }

    /** Newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public JobPage list(JobFilter filter, int page, int size) {
        List<String> clauses = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (filter.status() != null) {
            clauses.add("status = :status");
            parameters.and("status", filter.status());
        }
        if (filter.model() != null) {
            clauses.add("(catalogModelId = :catalogModel or modelId = :model)");
            parameters.and("catalogModel", catalog.catalog().model(filter.model()).map(model -> model.id())
                    .orElse(filter.model()));
            parameters.and("model", filter.model());
        }
        if (filter.from() != null) {
            clauses.add("createdAt >= :from");
            parameters.and("from", filter.from());
        }
        if (filter.to() != null) {
            clauses.add("createdAt < :to");
            parameters.and("to", filter.to());
        }
        Sort newestFirst = Sort.descending("createdAt").and("id");
        PanacheQuery<AgentJob> query = clauses.isEmpty() ? AgentJob.findAll(newestFirst)
                : AgentJob.find(String.join(" and ", clauses), newestFirst, parameters);
        return new JobPage(query.page(page, size).list(), query.count());
    }

    private AgentRequested accepted(UUID eventId, UUID jobId, UUID causationId, String requestedBy, AgentSpec spec,
                                    SpecValidator.Report report) {
        return new AgentRequested(eventId, jobId, causationId, Instant.now(), EventType.CURRENT_SCHEMA_VERSION,
                requestedBy, spec, CatalogBindings.model(report.model()),
                report.tools().stream().map(CatalogBindings::tool).toList(), catalog.catalog().version());
    }

    private AgentJob createAcceptedJob(AgentRequested request, SpecValidator.Report report, UUID submissionEventId) {
        AgentSpec spec = request.spec();
        AgentJob job = newJob(request.jobId(), spec, request.requestedBy(), request.occurredAt());
        job.status = JobStatus.ACCEPTED;
        job.catalogModelId = report.model().model().id();
        job.catalogVersion = request.catalogVersion();
        job.requestEventId = request.eventId();
        job.submissionEventId = submissionEventId;
        job.warnings = json(report.warnings());
        job.persist();
        for (PipelineStep step : PipelineStep.values()) {
            JobStep row = newStep(job.id, step);
            if (step == PipelineStep.REQUEST) {
                row.status = StepStatus.SUCCEEDED;
                row.attempts = 1;
                row.startedAt = job.createdAt;
                row.finishedAt = job.createdAt;
            } else if (step == PipelineStep.GENERATE) {
                // handed to the generator: running from the registry's point of view
                row.status = StepStatus.RUNNING;
                row.startedAt = job.createdAt;
                row.inputEventId = request.eventId();
            }
            row.persist();
        }
        outbox.append(request);
        events.jobChanged(job, "accepted");
        JobStep.ofJob(job.id).stream().filter(step -> step.status != StepStatus.PENDING)
                .forEach(step -> events.stepChanged(step, step.key.step.name().toLowerCase()
                        + (step.status == StepStatus.SUCCEEDED ? " succeeded" : " started")));
        log.info(job.id, PipelineStep.REQUEST, "Accepted agent '" + spec.name() + "' on model " + job.catalogModelId
                + " (" + request.model().providerModelId() + ") from " + request.requestedBy()
                + (submissionEventId == null ? "" : ", submitted on Kafka as " + submissionEventId));
        return job;
    }

    private AgentJob createRejectedJob(UUID jobId, AgentRequested submission, String requestedBy,
                                       List<SpecValidator.Violation> violations) {
        AgentSpec spec = submission.spec();
        AgentJob job = newJob(jobId, spec, requestedBy, Instant.now());
        String reasons = violations.stream().map(violation -> violation.path() + " " + violation.message())
                .collect(Collectors.joining("; "));
        job.status = JobStatus.FAILED;
        job.submissionEventId = submission.eventId();
        job.catalogModelId = spec == null ? null : catalog.catalog().model(spec.modelId()).map(model -> model.id()).orElse(null);
        job.violations = json(violations);
        job.failure = "request failed [" + INVALID_SPEC + "]: " + reasons;
        job.finishedAt = job.createdAt;
        job.persist();
        for (PipelineStep step : PipelineStep.values()) {
            JobStep row = newStep(job.id, step);
            if (step == PipelineStep.REQUEST) {
                row.status = StepStatus.FAILED;
                row.attempts = 1;
                row.startedAt = job.createdAt;
                row.finishedAt = job.createdAt;
                row.errorCode = INVALID_SPEC;
                row.errorMessage = reasons;
            } else {
                row.status = StepStatus.SKIPPED;
            }
            row.persist();
            events.stepChanged(row, step == PipelineStep.REQUEST ? "request failed validation" : "skipped");
        }
        events.jobChanged(job, job.failure);
        log.error(job.id, PipelineStep.REQUEST, "Rejected submission " + submission.eventId() + " from " + requestedBy
                + ": " + reasons);
        return job;
    }

    private static AgentJob newJob(UUID jobId, AgentSpec spec, String requestedBy, Instant createdAt) {
        AgentJob job = new AgentJob();
        job.id = jobId;
        job.agentName = spec == null ? null : cut(spec.name());
        job.modelId = spec == null ? null : cut(spec.modelId());
        job.spec = spec == null ? null : json(spec);
        job.requestedBy = cut(requestedBy);
        job.createdAt = createdAt;
        job.updatedAt = createdAt;
        return job;
    }

    private static JobStep newStep(UUID jobId, PipelineStep step) {
        JobStep row = new JobStep();
        row.key = new JobStep.Key(jobId, step);
        row.status = StepStatus.PENDING;
        return row;
    }

    private AgentJob lockedJob(UUID jobId) {
        AgentJob job = AgentJob.lock(jobId);
        if (job == null) {
            throw new JobNotFoundException(jobId);
        }
        return job;
    }

    /**
     * Claims the key for this request, insert-first: a concurrent request with the same key waits for this one's
     * transaction and then finds the key taken.
     *
     * @return the job of an earlier request with the same key and body; empty when the key is new
     */
    private Optional<AgentJob> claimIdempotencyKey(String client, String key, String requestHash, UUID jobId) {
        int claimed = entityManager.createNativeQuery("insert into idempotency_key (client_id, idempotency_key, "
                        + "request_hash, job_id, created_at) values (:client, :key, :hash, :jobId, now()) on conflict do nothing")
                .setParameter("client", client).setParameter("key", key).setParameter("hash", requestHash)
                .setParameter("jobId", jobId)
                .executeUpdate();
        if (claimed == 1) {
            return Optional.empty();
        }
        Object[] earlier = (Object[]) entityManager.createNativeQuery("select request_hash, job_id from idempotency_key "
                        + "where client_id = :client and idempotency_key = :key")
                .setParameter("client", client).setParameter("key", key)
                .getSingleResult();
        if (!requestHash.equals(earlier[0])) {
            throw new JobConflictException("IDEMPOTENCY_KEY_REUSED",
                    "Idempotency-Key '" + key + "' was used before with a different spec");
        }
        return AgentJob.findByIdOptional((UUID) earlier[1]);
    }

    private ModelBinding bindingOf(AgentJob job) {
        return catalog.catalog().resolve(job.modelId).map(CatalogBindings::model).orElse(null);
    }

    private static List<SpecValidator.Warning> warningsOf(AgentJob job) {
        if (job.warnings == null) {
            return List.of();
        }
        try {
            return List.of(EventCodec.mapper().readValue(job.warnings, SpecValidator.Warning[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored warnings of job " + job.id + " are not JSON", e);
        }
    }

    private static String cut(String text) {
        return cut(text, MAX_TEXT_COLUMN);
    }

    private static String cut(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }

    private static String json(Object value) {
        try {
            return EventCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
