package io.agentfoundry.testinfra;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentfoundry.events.EventCodec;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;


/** A Server-Sent Events client for tests: reads a stream to its end, event by event, over HTTP/1.1. */
public final class SseReader {

    /**
     * @param rawData the data lines as sent
     * @param data    the data as JSON when it is a JSON object, else null
     */
    public record SseEvent(Long id, String name, String rawData, JsonNode data) {
    }

    private SseReader() {
    }

    public static CompletableFuture<List<SseEvent>> read(URI uri, Long lastEventId, Duration timeout)
            throws IOException, InterruptedException {
        return read(uri, lastEventId, timeout, new CopyOnWriteArrayList<>());
    }

    /** Reads the stream to its end in the background, adding each event to received as it arrives. */
    public static CompletableFuture<List<SseEvent>> read(URI uri, Long lastEventId, Duration timeout,
                                                         List<SseEvent> received)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream")
                .timeout(timeout);
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId.toString());
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<java.util.stream.Stream<String>> response = client.send(request.build(),
                HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + response.statusCode() + ", not 200");
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("text/event-stream")) {
            throw new IllegalStateException(uri + " answered " + type + ", not text/event-stream");
        }
        return CompletableFuture.supplyAsync(() -> {
            Map<String, String> fields = new HashMap<>();
            response.body().forEach(line -> {
                if (line.isEmpty()) {
                    if (!fields.isEmpty()) {
                        received.add(toEvent(fields));
                        fields.clear();
                    }
                    return;
                }
                int colon = line.indexOf(':');
                fields.merge(line.substring(0, colon), line.substring(colon + 1).stripLeading(), (a, b) -> a + "\n" + b);
            });
            if (!fields.isEmpty()) {
                received.add(toEvent(fields));
            }
            return new ArrayList<>(received);
        });
    }

    private static SseEvent toEvent(Map<String, String> fields) {
        String data = fields.getOrDefault("data", "");
        JsonNode json;
        try {
            json = data.startsWith("{") ? EventCodec.mapper().readTree(data) : null;
        } catch (IOException e) {
            throw new IllegalStateException("An SSE event's data starts like JSON but is not: " + data, e);
        }
        return new SseEvent(fields.containsKey("id") ? Long.valueOf(fields.get("id")) : null, fields.get("event"),
                data, json);
    }
}
