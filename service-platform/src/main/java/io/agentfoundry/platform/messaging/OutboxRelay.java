package io.agentfoundry.platform.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.agentfoundry.events.EventCodec;
import io.agentfoundry.platform.config.PlatformConfig;
import io.agentfoundry.platform.domain.OutboxEvent;
import io.agentfoundry.platform.service.InfrastructureFaults;
import io.agentfoundry.platform.service.InfrastructurePause;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.Logger;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Moves committed outbox rows to Kafka, in id order, with CloudEvents binary-mode headers and the job id as key.
 * One thread per service instance, woken by each commit that wrote to the outbox (so an event leaves within
 * milliseconds) and by a slow sweep that picks up rows left behind by a crash or a Kafka outage. A PostgreSQL advisory
 * lock keeps replicas from relaying at the same time, which would break per-job order.
 */
@ApplicationScoped
public class OutboxRelay {

    public static final String CHANNEL = "outbox";
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long RELAY_LOCK_ID = 0x0A6E17F0L;
    private static final String RELAY = "outbox relay";
    private static final String RELAY_TO_KAFKA = "outbox relay to Kafka";

    private final MutinyEmitter<String> emitter;
    private final EntityManager entityManager;
    private final PlatformConfig config;
    private final InfrastructureFaults faults;
    private final InfrastructurePause pause;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread worker;

    OutboxRelay(@Channel(CHANNEL) MutinyEmitter<String> emitter, EntityManager entityManager, PlatformConfig config,
                InfrastructureFaults faults, InfrastructurePause pause) {
        this.emitter = emitter;
        this.entityManager = entityManager;
        this.config = config;
        this.faults = faults;
        this.pause = pause;
    }

    void start(@Observes StartupEvent startup) {
        running = true;
        worker = new Thread(this::relayUntilStopped, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        wakeUp();
        if (worker != null) {
            try {
                worker.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Asks the relay to look at the outbox now. Cheap; safe to call from any thread. */
    public void wakeUp() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    private void relayUntilStopped() {
        long sweepMillis = config.outbox().sweepInterval().toMillis();
        while (running) {
            try {
                wakeUps.tryAcquire(sweepMillis, TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
                while (running && relayBatch() == config.outbox().batchSize()) {
                    // a full batch: there may be more right behind it
                }
                pause.resumed(RELAY);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (faults.isInfrastructureFault(e)) {
                    pause.pausedBy(RELAY, e); // said once; the sweep tries again
                } else {
                    LOG.warnf(e, "Outbox relay round failed; retrying in %d ms", sweepMillis);
                }
            }
        }
    }

    /** Relays one batch; returns how many rows it looked at. */
    int relayBatch() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Boolean locked = (Boolean) entityManager
                    .createNativeQuery("select pg_try_advisory_xact_lock(:id)")
                    .setParameter("id", RELAY_LOCK_ID)
                    .getSingleResult();
            if (!Boolean.TRUE.equals(locked)) {
                return 0;
            }
            List<OutboxEvent> batch = OutboxEvent.find("publishedAt is null order by id")
                    .page(0, config.outbox().batchSize())
                    .list();
            publish(batch);
            return batch.size();
        });
    }

    private void publish(List<OutboxEvent> batch) {
        if (batch.isEmpty()) {
            return;
        }
        // Sent with the transaction suspended (the advisory lock stays held by it): the acknowledgements run on Kafka's
        // threads, and a transaction context propagated to them could still be active there when this thread commits.
        List<String> failures = QuarkusTransaction.suspendingExisting().call(() -> send(batch));
        int failed = 0;
        for (int i = 0; i < batch.size(); i++) {
            OutboxEvent row = batch.get(i);
            if (failures.get(i) == null) {
                row.publishedAt = Instant.now();
            } else {
                row.publishAttempts++;
                row.lastError = failures.get(i);
                failed++;
            }
        }
        if (failed == batch.size()) {
            // nothing went through: the broker is away (readiness says so until it acknowledges again)
            pause.pausedBy(RELAY_TO_KAFKA, new IllegalStateException("Kafka did not acknowledge: " + failures.get(0)));
        } else {
            pause.resumed(RELAY_TO_KAFKA);
        }
        if (failed > 0) {
            LOG.warnf("%d of %d outbox events were not acknowledged by Kafka; they stay in the outbox", failed, batch.size());
        }
    }

    /** Sends the rows; returns, per row, null when Kafka acknowledged it, else what went wrong. */
    private List<String> send(List<OutboxEvent> batch) {
        // written by Kafka's threads, read here after the wait
        AtomicReferenceArray<String> failures = new AtomicReferenceArray<>(batch.size());
        List<Uni<Void>> acks = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            int index = i;
            failures.set(index, "not acknowledged within " + config.outbox().sendTimeout());
            acks.add(emitter.sendMessage(toMessage(batch.get(i)))
                    .onItem().invoke(() -> failures.set(index, null))
                    .onFailure().invoke(failure -> failures.set(index, String.valueOf(failure.getMessage())))
                    .onFailure().recoverWithNull());
        }
        try {
            // each ack records its own outcome and never fails, so this only waits for all of them
            Uni.join().all(acks).andFailFast().await().atMost(config.outbox().sendTimeout());
        } catch (TimeoutException slow) {
            // the rows Kafka acknowledged in time are recorded as published; the others stay for the next round
        }
        List<String> outcomes = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            outcomes.add(failures.get(i));
        }
        return outcomes;
    }

    private Message<String> toMessage(OutboxEvent row) {
        if (!row.isEvent()) {
            RecordHeaders headers = new RecordHeaders();
            rawHeaders(row).forEach((name, value) -> headers.add(name,
                    value == null ? null : value.getBytes(StandardCharsets.UTF_8)));
            return Message.of(row.payload, Metadata.of(OutgoingKafkaRecordMetadata.<String>builder()
                    .withTopic(row.topic).withKey(row.recordKey).withHeaders(headers).build()));
        }
        OutgoingCloudEventMetadata<Object> cloudEvent = OutgoingCloudEventMetadata.builder()
                .withId(row.eventId.toString())
                .withType(row.cloudEventType)
                .withSource(URI.create(config.serviceName()))
                .withSubject(row.jobId.toString())
                .withTimestamp(row.occurredAt.atZone(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .build();
        OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.topic)
                .withKey(row.jobId.toString())
                .build();
        return Message.of(row.payload, Metadata.of(cloudEvent, kafka));
    }

    private static Map<String, String> rawHeaders(OutboxEvent row) {
        if (row.headers == null) {
            return Map.of();
        }
        try {
            return EventCodec.mapper().readValue(row.headers, new TypeReference<Map<String, String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Outbox row " + row.id + " has headers that are not JSON", e);
        }
    }
}
