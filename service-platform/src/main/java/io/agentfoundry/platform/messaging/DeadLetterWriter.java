package io.agentfoundry.platform.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.agentfoundry.events.EventCodec;
import io.agentfoundry.events.EventType;
import io.agentfoundry.events.PipelineStep;
import io.agentfoundry.events.StepFailed;
import io.agentfoundry.events.Topics;
import io.agentfoundry.platform.config.PlatformConfig;
import io.agentfoundry.platform.domain.DeadLetter;
import io.agentfoundry.platform.domain.StepExecution;
import io.agentfoundry.platform.service.JobLogger;
import io.agentfoundry.platform.service.StepExecutions;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Dead-letters a record, in one transaction: kept in {@code dead_letter} (for operators to list and replay), put in
 * the outbox for this service's dead-letter topic with the original key, value and headers and the dead-letter-*
 * headers, and, when it was the input of this service's step for a job that step never started for, the step fails
 * with {@code StepFailed DEAD_LETTERED}, so that the job does not wait for it. A record dead-lettered before (read
 * again after a crash) is not dead-lettered twice.
 */
@ApplicationScoped
public class DeadLetterWriter {

    public static final String DEAD_LETTERED = "DEAD_LETTERED";
    private static final Logger LOG = Logger.getLogger(DeadLetterWriter.class);
    private static final int MAX_REASON = 4_000;

    private final EntityManager entityManager;
    private final OutboxWriter outbox;
    private final StepInputs stepInputs;
    private final StepExecutions steps;
    private final JobLogger log;
    private final PlatformConfig config;

    DeadLetterWriter(EntityManager entityManager, OutboxWriter outbox, StepInputs stepInputs, StepExecutions steps,
                     JobLogger log, PlatformConfig config) {
        this.entityManager = entityManager;
        this.outbox = outbox;
        this.stepInputs = stepInputs;
        this.steps = steps;
        this.log = log;
        this.config = config;
    }

    public void write(InboundRecord record, RuntimeException failure) {
        String reason = cut(failure.getMessage() == null ? failure.toString() : failure.getMessage());
        String cause = failure.getCause() == null ? null : cut(String.valueOf(failure.getCause().getMessage()));
        Optional<UUID> jobId = record.jobId();
        Optional<PipelineStep> failedStep = QuarkusTransaction.requiringNew().call(() -> {
            int inserted = entityManager.createNativeQuery("insert into dead_letter (topic, record_partition,"
                            + " record_offset, record_key, payload, headers, job_id, reason, cause, dead_lettered_at)"
                            + " values (:topic, :partition, :offset, :key, :payload, :headers, :job, :reason, :cause,"
                            + " :at) on conflict (topic, record_partition, record_offset) do nothing")
                    .setParameter("topic", record.topic())
                    .setParameter("partition", record.partition())
                    .setParameter("offset", record.offset())
                    .setParameter("key", record.key())
                    .setParameter("payload", record.value())
                    .setParameter("headers", json(record.headers()))
                    .setParameter("job", jobId.orElse(null))
                    .setParameter("reason", reason)
                    .setParameter("cause", cause)
                    .setParameter("at", Instant.now())
                    .executeUpdate();
            if (inserted == 0) {
                return Optional.<PipelineStep>empty();
            }
            outbox.appendRecord(Topics.deadLetter(config.serviceName()), record.key(), record.value(),
                    deadLetterHeaders(record, failure, reason, cause));
            return failStepNeverStarted(record, jobId, reason);
        });
        LOG.warnf("%s dead-lettered %s (key %s) to %s: %s", config.serviceName(), record, record.key(),
                Topics.deadLetter(config.serviceName()), reason);
        failedStep.ifPresent(step -> log.error(jobId.get(), step, step.name().toLowerCase() + " failed ["
                + DEAD_LETTERED + "]: its input " + record + " could not be processed: " + reason));
    }

    /**
     * The StepFailed of a job whose step input could not be read: when the step has no state yet, or has ended on
     * another input (the step was to run again). A step that is running keeps running: this record does not stop it.
     */
    private Optional<PipelineStep> failStepNeverStarted(InboundRecord record, Optional<UUID> jobId, String reason) {
        Optional<PipelineStep> step = stepInputs.stepStartedBy(record.topic());
        if (step.isEmpty() || jobId.isEmpty()) {
            return Optional.empty();
        }
        // the record's own event id when it carries one; else one derived from where it was read, the same every time
        UUID causation = record.header("ce_id").flatMap(DeadLetterWriter::uuid).orElseGet(() -> UUID.nameUUIDFromBytes(
                record.toString().getBytes(StandardCharsets.UTF_8)));
        Optional<StepExecution> existing = steps.find(jobId.get());
        if (existing.isPresent() && (!existing.get().status.isTerminal()
                || causation.equals(existing.get().inputEventId))) {
            return Optional.empty();
        }
        String message = "Its input " + record + " could not be processed and was dead-lettered: " + reason;
        StepExecution failed = steps.fail(jobId.get(), step.get(), causation, 1, DEAD_LETTERED, message);
        outbox.append(new StepFailed(UUID.randomUUID(), jobId.get(), causation, Instant.now(),
                EventType.CURRENT_SCHEMA_VERSION, step.get(), DEAD_LETTERED, message, false, failed.attempts));
        return step;
    }

    private static Map<String, String> deadLetterHeaders(InboundRecord record, RuntimeException failure, String reason,
                                                         String cause) {
        Map<String, String> headers = new LinkedHashMap<>(record.headers());
        headers.put("dead-letter-reason", reason);
        if (cause != null) {
            headers.put("dead-letter-cause", cause);
        }
        headers.put("dead-letter-topic", record.topic());
        headers.put("dead-letter-partition", Integer.toString(record.partition()));
        headers.put("dead-letter-offset", Long.toString(record.offset()));
        headers.put("dead-letter-exception-class-name", failure.getClass().getName());
        return headers;
    }

    static String json(Map<String, String> headers) {
        try {
            return EventCodec.mapper().writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write headers as JSON", e);
        }
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String cut(String text) {
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON) + "…";
    }
}
