package io.agentfoundry.tester.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.agentfoundry.events.EventCodec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Agent runtimes on the AgentCore HTTP contract (HTTP/1.1, like uvicorn), one per base URL
 * {@code /<behaviour>/<jobId>}: {@link Behaviour#AGENT} answers JSON by the prompt, {@link Behaviour#STREAM} answers
 * server-sent events whatever the Accept header, {@link Behaviour#UNHEALTHY} never reports Healthy.
 */
public final class FakeLocalRuntime implements AutoCloseable {

    public static final String WEATHER = "Hello! I can tell you the weather.";
    public static final String FORECAST_JSON = "{\"city\": \"Paris\", \"days\": [{\"high\": 20}, {\"high\": 23}]}";

    public enum Behaviour { AGENT, STREAM, UNHEALTHY }

    /** One POST /invocations as the runtime saw it. */
    public record Invocation(UUID jobId, String sessionId, String accept, String prompt) {
    }

    private final HttpServer server;
    private final List<Invocation> invocations = new CopyOnWriteArrayList<>();

    public FakeLocalRuntime() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    public String baseUrl(Behaviour behaviour, UUID jobId) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + behaviour.name().toLowerCase() + "/" + jobId;
    }

    public List<Invocation> invocationsOf(UUID jobId) {
        return invocations.stream().filter(invocation -> invocation.jobId().equals(jobId)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String[] path = exchange.getRequestURI().getPath().split("/");
        Behaviour behaviour = Behaviour.valueOf(path[1].toUpperCase());
        UUID jobId = UUID.fromString(path[2]);
        if (path[3].equals("ping")) {
            if (behaviour == Behaviour.UNHEALTHY) {
                respond(exchange, 503, "application/json", "{\"status\": \"Unhealthy\"}");
            } else {
                respond(exchange, 200, "application/json", "{\"status\": \"HealthyBusy\", \"time_of_last_update\": 1}");
            }
            return;
        }
        JsonNode request = EventCodec.mapper().readTree(exchange.getRequestBody());
        String prompt = request.path("prompt").asText();
        invocations.add(new Invocation(jobId,
                exchange.getRequestHeaders().getFirst("X-Amzn-Bedrock-AgentCore-Runtime-Session-Id"),
                exchange.getRequestHeaders().getFirst("Accept"), prompt));
        if (behaviour == Behaviour.STREAM) {
            respond(exchange, 200, "text/event-stream; charset=utf-8",
                    "data: {\"data\": \"Sunny \"}\n\ndata: {\"data\": \"and warm\"}\n\n");
        } else if (prompt.contains("JSON")) {
            respond(exchange, 200, "application/json", EventCodec.mapper().createObjectNode()
                    .put("result", FORECAST_JSON).toString());
        } else {
            if (prompt.contains("slowly")) {
                sleep(30);
            }
            respond(exchange, 200, "application/json", "{\"result\": \"" + WEATHER + "\"}");
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
