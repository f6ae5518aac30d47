package io.agentfoundry.tester.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentfoundry.events.EventCodec;
import io.agentfoundry.tester.config.TesterConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * Talks to an agent runtime over the AgentCore HTTP contract. HTTP/1.1 on purpose: Java's default HTTP/2 upgrade
 * request ({@code Upgrade: h2c}) is refused by uvicorn.
 */
@ApplicationScoped
public class RuntimeClient {

    static final String SESSION_HEADER = "X-Amzn-Bedrock-AgentCore-Runtime-Session-Id";

    private final HttpClient http;
    private final TesterConfig config;

    RuntimeClient(TesterConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    public record Answer(int status, String body, long latencyMillis) {
    }

    /** Polls /ping until it answers Healthy or HealthyBusy, or the health deadline passes. */
    public Answer awaitHealthy(String baseUrl) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + config.healthTimeout().toNanos();
        String lastProblem = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/ping"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                String status = statusOf(response.body());
                if (response.statusCode() == 200 && status.startsWith("Healthy")) {
                    return new Answer(200, response.body(), (System.nanoTime() - start) / 1_000_000);
                }
                lastProblem = "HTTP " + response.statusCode() + " " + response.body();
            } catch (IOException e) {
                lastProblem = e.toString();
            }
            Thread.sleep(500);
        }
        return new Answer(0, lastProblem, (System.nanoTime() - start) / 1_000_000);
    }

    public Answer invoke(String baseUrl, String prompt, UUID sessionId) throws IOException, InterruptedException {
        String body = EventCodec.mapper().writeValueAsString(Map.of("prompt", prompt));
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/invocations"))
                        .timeout(config.invocationTimeout())
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json")
                        // AgentCore session ids are 33 to 256 characters
                        .header(SESSION_HEADER, "agentfoundry-test-" + sessionId)
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body(), (System.nanoTime() - start) / 1_000_000);
    }

    private static String statusOf(String json) {
        try {
            JsonNode status = EventCodec.mapper().readTree(json).path("status");
            return status.asText("");
        } catch (IOException e) {
            return "";
        }
    }
}
