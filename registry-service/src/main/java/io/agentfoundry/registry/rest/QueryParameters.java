package io.agentfoundry.registry.rest;

import io.agentfoundry.registry.service.InvalidQueryException;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.function.Function;

/** Reads optional query parameters; a value that does not fit is a 400 naming the parameter and what it takes. */
final class QueryParameters {

    private QueryParameters() {
    }

    static <E extends Enum<E>> E enumOf(Class<E> type, String value, String parameter) {
        return enumOf(type, value, parameter, constant -> constant.name());
    }

    /** @param label how the API spells a constant */
    static <E extends Enum<E>> E enumOf(Class<E> type, String value, String parameter, Function<E, String> label) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return Arrays.stream(type.getEnumConstants()).filter(constant -> label.apply(constant).equalsIgnoreCase(value))
                .findFirst()
                .orElseThrow(() -> new InvalidQueryException(parameter + " must be one of "
                        + Arrays.stream(type.getEnumConstants()).map(label).toList()));
    }

    static Instant instantOf(String value, String parameter) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidQueryException(parameter + " must be an ISO-8601 instant such as 2026-11-24T10:00:00Z");
        }
    }

    static void requirePage(int page, int size, int maxSize) {
        if (page < 0) {
            throw new InvalidQueryException("page counts from 0");
        }
        if (size < 1 || size > maxSize) {
            throw new InvalidQueryException("size must be between 1 and " + maxSize);
        }
    }
}
