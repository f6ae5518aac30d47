package io.agentfoundry.tester.service.judging;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What a runtime answered to one invocation, whatever the transport.
 *
 * @param status      HTTP status; 0 when no answer came (connection refused, timeout)
 * @param contentType the response's content type; null when unknown
 * @param text        what the agent said: a JSON answer's {@code result} (else the whole body), or the concatenated
 *                    {@code data} of a stream's frames
 * @param error       the error the runtime reported: an {@code error} frame of a stream, the {@code error} of a failed
 *                    JSON answer, or why no answer came; null when none
 * @param body        the raw response, at most {@link #MAX_BODY_BYTES}
 * @param latencyMs   time from sending to the complete answer
 */
public record Answer(int status, String contentType, String text, String error, String body, long latencyMs) {

    /** More than any test needs to see; keeps a runaway stream from filling the heap. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    public static Answer of(int status, String contentType, String body, long latencyMs) {
        boolean stream = contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
        return stream ? fromStream(status, contentType, body, latencyMs)
                : fromJson(status, contentType, body, latencyMs);
    }

    public static Answer none(String problem, long latencyMs) {
        return new Answer(0, null, "", problem, "", latencyMs);
    }

    public boolean succeeded() {
        return status >= 200 && status < 300 && error == null;
    }

    /** Reads a response body up to {@link #MAX_BODY_BYTES}; the rest is left unread. */
    public static String read(InputStream in) throws IOException {
        return new String(in.readNBytes(MAX_BODY_BYTES), StandardCharsets.UTF_8);
    }

    private static Answer fromJson(int status, String contentType, String body, long latencyMs) {
        JsonNode json = Json.parse(body);
        boolean ok = status >= 200 && status < 300;
        JsonNode result = json == null ? null : json.get("result");
        JsonNode error = json == null || ok ? null : json.get("error");
        return new Answer(status, contentType, result == null ? body : textOf(result),
                error == null ? null : textOf(error), body, latencyMs);
    }

    /** Server-sent events: {@code data:} lines make a frame, a blank line ends it (the last one may lack it). */
    private static Answer fromStream(int status, String contentType, String body, long latencyMs) {
        StringBuilder text = new StringBuilder();
        StringBuilder frame = new StringBuilder();
        String error = null;
        for (String line : (body + "\n\n").split("\r\n|\r|\n", -1)) {
            if (line.isEmpty()) {
                if (!frame.isEmpty()) {
                    error = error != null ? error : addFrame(frame.toString(), text);
                    frame.setLength(0);
                }
            } else if (line.startsWith("data:")) {
                String data = line.substring(line.startsWith("data: ") ? 6 : 5);
                frame.append(frame.isEmpty() ? "" : "\n").append(data);
            }
            // comments (":") and the event, id and retry fields carry no answer text
        }
        return new Answer(status, contentType, text.toString(), error, body, latencyMs);
    }

    /** Adds a frame's text; returns the frame's error, if it is an error frame. */
    private static String addFrame(String data, StringBuilder text) {
        JsonNode json = Json.parse(data);
        if (json == null || json.isValueNode()) {
            text.append(json == null ? data : textOf(json));
        } else if (json.has("error")) {
            return textOf(json.get("error"));
        } else if (json.has("data")) {
            text.append(textOf(json.get("data")));
        }
        // other JSON frames (a runtime may stream its framework's raw events) are not answer text
        return null;
    }

    private static String textOf(JsonNode node) {
        return node.isTextual() ? node.asText() : node.toString();
    }
}
