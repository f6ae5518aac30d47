package io.agentfoundry.testinfra;

import io.agentfoundry.events.EventCodec;
import io.agentfoundry.events.EventType;
import io.agentfoundry.events.JobLogRecord;
import io.agentfoundry.events.PipelineEvent;
import io.agentfoundry.events.StepFailed;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

/** A plain Kafka producer and reader, as another platform service or an ops dashboard would use them. */
public final class KafkaTestClient implements AutoCloseable {

    private final String bootstrapServers;
    private final KafkaProducer<String, String> producer;

    public KafkaTestClient(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    /** Sends a record and waits for the broker's acknowledgement. */
    public RecordMetadata send(String topic, String key, String value, Map<String, String> headers) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, headerValue) ->
                record.headers().add(new RecordHeader(name, headerValue.getBytes(StandardCharsets.UTF_8))));
        try {
            return producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused the record", e.getCause());
        }
    }

    /**
     * Publishes an event of the contract the way the services do: on its topic, keyed by job id, with CloudEvents
     * binary-mode headers ({@code ce_source} = {@code test}).
     */
    public RecordMetadata publish(PipelineEvent event) {
        EventType type = EventType.of(event);
        return send(type.topic(), event.jobId().toString(), EventCodec.encode(event), Map.of(
                "ce_id", event.eventId().toString(), "ce_type", type.cloudEventType(), "ce_source", "test",
                "ce_specversion", "1.0", "ce_subject", event.jobId().toString()));
    }

    /** Every record now on the topic (from the beginning, all partitions) that matches. */
    public List<ConsumerRecord<String, String>> readAll(String topic, Predicate<ConsumerRecord<String, String>> filter) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(10))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (!reached(consumer, end) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (filter.test(record)) {
                        records.add(record);
                    }
                }
            }
            return records;
        }
    }

    /** The job's records now on the topic (keyed by its id), in offset order per partition. */
    public List<ConsumerRecord<String, String>> recordsOf(String topic, UUID jobId) {
        return readAll(topic, record -> jobId.toString().equals(record.key()));
    }

    /** The job's events of this type now on their topic, decoded. */
    public <T extends PipelineEvent> List<T> eventsOf(Class<T> type, UUID jobId) {
        return recordsOf(EventType.of(type).topic(), jobId).stream()
                .map(record -> EventCodec.decode(record.value(), type)).toList();
    }

    /** The messages of the job's log lines now on the log topic, in the order each service wrote them. */
    public List<String> logLines(UUID jobId) {
        return eventsOf(JobLogRecord.class, jobId).stream().map(JobLogRecord::message).toList();
    }

    /** Waits until the topic holds at least {@code atLeast} of the job's records, and returns them all. */
    public List<ConsumerRecord<String, String>> awaitRecords(String topic, UUID jobId, int atLeast, Duration timeout) {
        return Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(300))
                .until(() -> recordsOf(topic, jobId), records -> records.size() >= atLeast);
    }

    /**
     * Waits for the job's first event of this type. Waiting for anything but a StepFailed ends at once when the job's
     * step fails instead, with the failure's code and message: a test then says why, not only that time ran out.
     */
    public <T extends PipelineEvent> T awaitEvent(Class<T> type, UUID jobId, Duration timeout) {
        return type == StepFailed.class ? awaitEventUnless(type, null, jobId, timeout)
                : awaitEventUnless(type, StepFailed.class, jobId, timeout);
    }

    /**
     * Waits for the job's first event of {@code type}; ends at once, with what arrived, when an event of
     * {@code instead} (the other outcome, null for none) arrives for the job first.
     */
    public <T extends PipelineEvent> T awaitEventUnless(Class<T> type, Class<? extends PipelineEvent> instead,
                                                        UUID jobId, Duration timeout) {
        String topic = EventType.of(type).topic();
        ConsumerRecord<String, String> record = Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    List<ConsumerRecord<String, String>> found = recordsOf(topic, jobId);
                    if (found.isEmpty() && instead != null) {
                        eventsOf(instead, jobId).stream().findFirst().ifPresent(other -> {
                            throw new AssertionError("Waiting for " + type.getSimpleName() + " of job " + jobId
                                    + ", got " + describe(other) + " instead");
                        });
                    }
                    return found;
                }, records -> !records.isEmpty()).get(0);
        return EventCodec.decode(record.value(), type);
    }

    private static String describe(PipelineEvent event) {
        return event instanceof StepFailed failed
                ? "StepFailed of the " + failed.step() + " step [" + failed.errorCode() + "] " + failed.message()
                : EventCodec.encode(event);
    }

    /**
     * Waits until the consumer group has committed past {@code offset} on the partition: it has processed that record.
     */
    public void awaitConsumed(String group, String topic, int partition, long offset, Duration timeout)
            throws InterruptedException {
        TopicPartition target = new TopicPartition(topic, partition);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            while (System.nanoTime() < deadline) {
                try {
                    OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                            .get().get(target);
                    if (committed != null && committed.offset() > offset) {
                        return;
                    }
                } catch (ExecutionException e) {
                    // the group may not exist yet
                }
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException(group + " did not consume " + topic + "-" + partition + "@" + offset + " within " + timeout);
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(entry -> consumer.position(entry.getKey()) >= entry.getValue());
    }

    @Override
    public void close() {
        producer.close();
    }
}
