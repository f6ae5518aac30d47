package io.agentfoundry.registry.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentfoundry.events.AgentRequested;
import io.agentfoundry.events.AgentSpec;
import io.agentfoundry.events.EventCodec;
import io.agentfoundry.events.EventType;
import io.agentfoundry.events.JobCancelled;
import io.agentfoundry.events.ModelBinding;
import io.agentfoundry.events.PipelineEvent;
import io.agentfoundry.events.PipelineStep;
import io.agentfoundry.platform.messaging.OutboxWriter;
import io.agentfoundry.platform.service.JobLogger;
import io.agentfoundry.registry.domain.AgentJob;
import io.agentfoundry.registry.domain.JobStatus;
import io.agentfoundry.registry.domain.JobStep;
import io.agentfoundry.registry.domain.JobStepStatus;
import io.agentfoundry.registry.mapping.CatalogBindings;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
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
            Optional<AgentJob> earlier = claimIdempotencyKey(requestedBy, idempotencyKey, sha256(json(spec)), jobId);
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

    /** Re-publishes the input of the step that failed, as a new event caused by the old one. */
    public AgentJob retry(UUID jobId) {
        AgentJob job = lockedJob(jobId);
        if (job.status != JobStatus.FAILED) {
            throw new JobConflictException("Only a FAILED job can be retried; job " + jobId + " is " + job.status);
        }
        JobStep failed = JobStep.ofJob(jobId).stream().filter(step -> step.status == JobStepStatus.FAILED).findFirst()
                .orElseThrow(() -> new IllegalStateException("Job " + jobId + " is FAILED without a failed step"));
        PipelineStep step = failed.key.step;
        if (step == PipelineStep.REQUEST) {
            throw new JobConflictException("Job " + jobId + " failed validation; submit a corrected spec as a new job");
        }
        if (failed.inputEvent == null) {
            throw new JobConflictException("The registry has not seen the event that starts " + step
                    + " for job " + jobId + ", so it cannot publish it again");
        }
        PipelineEvent again = republished(failed.inputEvent, EventType.valueOf(failed.inputEventType));
        outbox.append(again);
        Instant now = Instant.now();
        failed.inputEvent = EventCodec.encode(again);
        failed.status = JobStepStatus.RUNNING;
        failed.attempts++;
        failed.startedAt = now;
        failed.finishedAt = null;
        failed.errorCode = null;
        failed.errorMessage = null;
        failed.result = null;
        job.status = JobStatus.RUNNING;
        job.failure = null;
        job.finishedAt = null;
        job.updatedAt = now;
        events.stepChanged(failed, step.name().toLowerCase() + " retried (attempt " + failed.attempts + ")");
        events.jobChanged(job, "retried from " + step.name().toLowerCase());
        log.info(jobId, step, "Retrying " + step.name().toLowerCase() + ": published " + EventType.of(again).name()
                + " " + again.eventId() + " again, caused by " + again.causationId());
        return job;
    }

    /** Stops a job that has not finished: no later step starts, and the job keeps the status CANCELLED. */
    public AgentJob cancel(UUID jobId, String cancelledBy) {
        AgentJob job = lockedJob(jobId);
        if (job.status.isTerminal()) {
            throw new JobConflictException("Job " + jobId + " has already ended: " + job.status);
        }
        Instant now = Instant.now();
        for (JobStep step : JobStep.ofJob(jobId)) {
            if (step.status == JobStepStatus.RUNNING) {
                step.status = JobStepStatus.CANCELLED;
                step.finishedAt = now;
                events.stepChanged(step, step.key.step.name().toLowerCase() + " cancelled");
            } else if (step.status == JobStepStatus.PENDING) {
                step.status = JobStepStatus.SKIPPED;
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
                row.status = JobStepStatus.SUCCEEDED;
                row.attempts = 1;
                row.startedAt = job.createdAt;
                row.finishedAt = job.createdAt;
            } else if (step == PipelineStep.GENERATE) {
                // handed to the generator: running from the registry's point of view
                row.status = JobStepStatus.RUNNING;
                row.startedAt = job.createdAt;
                row.inputEvent = EventCodec.encode(request);
                row.inputEventType = EventType.AGENT_REQUESTED.name();
            }
            row.persist();
        }
        outbox.append(request);
        events.jobChanged(job, "accepted");
        JobStep.ofJob(job.id).stream().filter(step -> step.status != JobStepStatus.PENDING)
                .forEach(step -> events.stepChanged(step, step.key.step.name().toLowerCase()
                        + (step.status == JobStepStatus.SUCCEEDED ? " succeeded" : " started")));
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
                row.status = JobStepStatus.FAILED;
                row.attempts = 1;
                row.startedAt = job.createdAt;
                row.finishedAt = job.createdAt;
                row.errorCode = INVALID_SPEC;
                row.errorMessage = reasons;
            } else {
                row.status = JobStepStatus.SKIPPED;
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
        row.status = JobStepStatus.PENDING;
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
            throw new JobConflictException("Idempotency-Key '" + key + "' was used before with a different spec");
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

    private static PipelineEvent republished(String json, EventType type) {
        try {
            ObjectNode event = (ObjectNode) EventCodec.mapper().readTree(json);
            event.put("causationId", event.path("eventId").asText());
            event.put("eventId", UUID.randomUUID().toString());
            event.put("occurredAt", Instant.now().toString());
            return EventCodec.decode(event.toString(), type.recordType());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The stored input event is not JSON", e);
        }
    }

    private static String cut(String text) {
        return text == null || text.length() <= MAX_TEXT_COLUMN ? text : text.substring(0, MAX_TEXT_COLUMN);
    }

    private static String json(Object value) {
        try {
            return EventCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
