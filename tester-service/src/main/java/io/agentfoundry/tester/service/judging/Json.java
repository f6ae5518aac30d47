package io.agentfoundry.tester.service.judging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads what runtimes answer and writes what they are sent. */
public final class Json {

    /** Strict: text that merely starts with JSON is not JSON. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    /** @return null when the text is not JSON */
    public static JsonNode parse(String text) {
        try {
            JsonNode json = MAPPER.readTree(text);
            return json == null || json.isMissingNode() ? null : json;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The payload runtimes take by convention. */
    public static String prompt(String prompt) {
        return MAPPER.createObjectNode().put("prompt", prompt).toString();
    }
}
