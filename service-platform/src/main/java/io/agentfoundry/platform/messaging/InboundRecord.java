package io.agentfoundry.platform.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A record as a service read it from Kafka (or as it was kept in a dead letter, for a replay): where it came from,
 * its key, value and headers.
 */
public record InboundRecord(String topic, int partition, long offset, String key, String value,
                            Map<String, String> headers) {

    public InboundRecord {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    public static InboundRecord of(ConsumerRecord<String, String> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        return new InboundRecord(record.topic(), record.partition(), record.offset(), record.key(), record.value(),
                headers);
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /** The job the record is about, from its key or its ce_subject, whether or not the value can be read. */
    public Optional<UUID> jobId() {
        return uuid(key).or(() -> header("ce_subject").flatMap(InboundRecord::uuid));
    }

    private static Optional<UUID> uuid(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException notAUuid) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}
