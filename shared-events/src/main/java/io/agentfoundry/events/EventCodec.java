package io.agentfoundry.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The wire format of the contract: JSON, ISO-8601 instants, unknown properties ignored (newer writers may add optional
 * fields), null properties left out. Owned here rather than by each service's ObjectMapper so that the format cannot
 * drift with a service's configuration.
 */
public final class EventCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private EventCodec() {
    }

    public static String encode(PipelineEvent event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode " + event.getClass().getSimpleName(), e);
        }
    }

    /**
     * Reads an event and checks what every event must have.
     *
     * @throws MalformedEventException when the text is not JSON, not of this type, lacks a required field or has a
     *                                 schema version newer than this build understands
     */
    public static <T extends PipelineEvent> T decode(String json, Class<T> type) {
        if (json == null || json.isBlank()) {
            throw new MalformedEventException("Empty record where a " + type.getSimpleName() + " was expected");
        }
        T event;
        try {
            event = MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("Not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
        if (event == null) {
            throw new MalformedEventException("JSON null where a " + type.getSimpleName() + " was expected");
        }
        requirePresent(event.eventId(), "eventId", type);
        requirePresent(event.jobId(), "jobId", type);
        requirePresent(event.occurredAt(), "occurredAt", type);
        if (event.schemaVersion() < 1 || event.schemaVersion() > EventType.CURRENT_SCHEMA_VERSION) {
            throw new MalformedEventException(type.getSimpleName() + " has schemaVersion " + event.schemaVersion()
                    + "; this service reads versions 1 to " + EventType.CURRENT_SCHEMA_VERSION);
        }
        return event;
    }

    /** The mapper of the contract, for tools and tests that read events as trees. */
    public static ObjectMapper mapper() {
        return MAPPER.copy();
    }

    private static void requirePresent(Object value, String field, Class<?> type) {
        if (value == null) {
            throw new MalformedEventException(type.getSimpleName() + " lacks the required field '" + field + "'");
        }
    }
}
