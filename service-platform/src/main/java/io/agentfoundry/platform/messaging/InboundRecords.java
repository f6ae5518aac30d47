package io.agentfoundry.platform.messaging;

import io.agentfoundry.events.EventCodec;
import io.agentfoundry.events.EventType;
import io.agentfoundry.events.MalformedEventException;
import io.agentfoundry.events.PipelineEvent;
import io.agentfoundry.platform.config.PlatformConfig;
import io.agentfoundry.platform.service.InfrastructureFaults;
import io.agentfoundry.platform.service.InfrastructurePause;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * How every service handles a record it reads, whatever the topic: a record that cannot be read as the event it
 * should be is dead-lettered at once; one whose handling fails for a reason of its own is tried a bounded number of
 * times with backoff, then dead-lettered; one that cannot be handled because the database cannot be reached waits,
 * without a limit, until it can (the consumer pauses, readiness says why). So only records that are themselves bad
 * become dead letters, and the consumer acknowledges a record only once it is handled or dead-lettered.
 *
 * <p>Each consumer registers its topic's handler, so that a dead letter can be replayed through the same code.
 */
@ApplicationScoped
public class InboundRecords {

    private static final Logger LOG = Logger.getLogger(InboundRecords.class);

    /** Handles one record; throws {@link MalformedEventException} when its value is not the event it should be. */
    @FunctionalInterface
    public interface RecordHandler {
        void handle(InboundRecord record);
    }

    private final Map<String, RecordHandler> handlers = new ConcurrentHashMap<>();
    private final IdempotentConsumer consumer;
    private final DeadLetterWriter deadLetters;
    private final InfrastructureFaults faults;
    private final InfrastructurePause pause;
    private final PlatformConfig config;

    InboundRecords(IdempotentConsumer consumer, DeadLetterWriter deadLetters, InfrastructureFaults faults,
                   InfrastructurePause pause, PlatformConfig config) {
        this.consumer = consumer;
        this.deadLetters = deadLetters;
        this.faults = faults;
        this.pause = pause;
        this.config = config;
    }

    /** The handler of a topic this service consumes: one per topic. */
    public void register(String topic, RecordHandler handler) {
        RecordHandler earlier = handlers.putIfAbsent(topic, handler);
        if (earlier != null && earlier != handler) {
            throw new IllegalStateException("A handler for " + topic + " is registered already");
        }
    }

    /**
     * The handler of the topic of one event type: each record is decoded as that event and {@code action} runs once per
     * event, in the transaction that claims it.
     */
    public <E extends PipelineEvent> void register(Class<E> type, Consumer<E> action) {
        register(EventType.of(type).topic(), record -> {
            E event = EventCodec.decode(record.value(), type);
            consumer.processOnce(event, () -> action.accept(event));
        });
    }

    public void process(ConsumerRecord<String, String> record) {
        process(InboundRecord.of(record));
    }

    /** Returns once the record is handled or dead-lettered. */
    public void process(InboundRecord record) {
        RecordHandler handler = handlerOf(record.topic());
        String who = "consumer " + record.topic();
        int failures = 0;
        long backoff = config.consumer().initialBackoff().toMillis();
        while (true) {
            try {
                handler.handle(record);
                pause.resumed(who);
                return;
            } catch (MalformedEventException bad) {
                deadLetter(record, bad);
                return;
            } catch (StepRunner.ShuttingDown stopping) {
                // not the record's fault: it stays unacknowledged and is read again after the restart
                throw stopping;
            } catch (RuntimeException e) {
                if (faults.isInfrastructureFault(e)) {
                    pause.pausedBy(who, e);
                    sleep(backoff);
                    backoff = Math.min(backoff * 2, config.consumer().maxBackoff().toMillis());
                    continue;
                }
                failures++;
                if (failures >= Math.max(1, config.consumer().maxAttempts())) {
                    deadLetter(record, e);
                    return;
                }
                LOG.warnf("%s: try %d of %d of %s failed (%s); trying again", config.serviceName(), failures,
                        config.consumer().maxAttempts(), record, e.toString());
                sleep(backoff);
                backoff *= 2;
            }
        }
    }

    /** Handles a kept record once more, as it was read; a failure propagates to the caller. */
    void replay(InboundRecord record) {
        handlerOf(record.topic()).handle(record);
    }

    boolean handles(String topic) {
        return handlers.containsKey(topic);
    }

    private RecordHandler handlerOf(String topic) {
        RecordHandler handler = handlers.get(topic);
        if (handler == null) {
            throw new IllegalStateException(config.serviceName() + " has no handler for topic " + topic);
        }
        return handler;
    }

    private void deadLetter(InboundRecord record, RuntimeException failure) {
        pause.untilAvailable("dead-lettering " + record.topic(), () -> deadLetters.write(record, failure));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to try a record again", e);
        }
    }
}
