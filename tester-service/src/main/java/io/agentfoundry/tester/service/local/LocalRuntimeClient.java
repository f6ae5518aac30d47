package io.agentfoundry.tester.service.local;

import io.agentfoundry.tester.service.judging.Answer;
import io.agentfoundry.tester.service.judging.Json;
import io.agentfoundry.tester.service.RuntimeCreatedRules;
import io.agentfoundry.tester.service.RuntimeTransport;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentfoundry.events.DeployTarget;
import io.agentfoundry.events.RuntimeCreated;
import io.agentfoundry.platform.http.BoundedHttp;
import io.agentfoundry.tester.config.TesterConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import static io.agentfoundry.tester.service.RuntimeTransport.isBlank;
import static io.agentfoundry.tester.service.RuntimeTransport.millisSince;

/**
 * A LOCAL runtime, over the AgentCore HTTP contract: {@code GET /ping}, {@code POST /invocations}. HTTP/1.1 on purpose:
 * Java's default HTTP/2 upgrade request ({@code Upgrade: h2c}) is refused by uvicorn.
 */
@ApplicationScoped
class LocalRuntimeClient implements RuntimeTransport {

    static final String SESSION_HEADER = "X-Amzn-Bedrock-AgentCore-Runtime-Session-Id";
    private static final Set<String> HEALTHY = Set.of("Healthy", "HealthyBusy");
    /** The whole /ping answer, headers and body, within this. */
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(5);
    private static final long MAX_PING_BYTES = 64 * 1024;
    private static final Set<String> HTTP_SCHEMES = Set.of("http", "https");

    private final HttpClient http;
    private final TesterConfig config;

    LocalRuntimeClient(TesterConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    @Override
    public DeployTarget target() {
        return DeployTarget.LOCAL;
    }

    @Override
    public List<String> missingFields(RuntimeCreated runtime) {
        return isBlank(runtime.invocationUrl()) ? List.of("invocationUrl") : List.of();
    }

    @Override
    public List<String> invalidFields(RuntimeCreated runtime) {
        return invocationUrlProblem(runtime.invocationUrl(), config.local().allowedHosts()).map(List::of)
                .orElse(List.of());
    }

    /**
     * An absolute http or https base URL with a host, no query or fragment (the tester appends /ping and
     * /invocations), and, when {@code allowedHosts} is set, one of those hosts.
     */
    static Optional<String> invocationUrlProblem(String url, Optional<List<String>> allowedHosts) {
        String field = "invocationUrl " + RuntimeCreatedRules.quoted(url);
        if (url.length() > RuntimeCreatedRules.INVOCATION_URL_MAX_LENGTH) {
            return Optional.of(field + " is longer than " + RuntimeCreatedRules.INVOCATION_URL_MAX_LENGTH
                    + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of(field + " is not a URI: " + e.getReason() + " at index " + e.getIndex());
        }
        if (!uri.isAbsolute() || !HTTP_SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
            return Optional.of(field + " is not an absolute http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return Optional.of(field + " names no host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return Optional.of(field + " has a query or fragment; it must be the runtime's base URL");
        }
        if (allowedHosts.isPresent()
                && allowedHosts.get().stream().map(String::trim).noneMatch(uri.getHost()::equalsIgnoreCase)) {
            return Optional.of(field + " names host " + RuntimeCreatedRules.quoted(uri.getHost())
                    + ", which is not in agentfoundry.tester.local.allowed-hosts");
        }
        return Optional.empty();
    }

    @Override
    public String endpoint(RuntimeCreated runtime) {
        return baseUrl(runtime);
    }

    @Override
    public Health awaitHealthy(RuntimeCreated runtime, Instant deadline) throws InterruptedException {
        URI ping = URI.create(baseUrl(runtime) + "/ping");
        long start = System.nanoTime();
        String lastProblem;
        String lastBody = null;
        while (true) {
            try {
                BoundedHttp.Response response = BoundedHttp.read(http, HttpRequest.newBuilder(ping).GET().build(),
                        PING_TIMEOUT, MAX_PING_BYTES, BoundedHttp.Overflow.FAIL);
                String body = new String(response.body(), StandardCharsets.UTF_8);
                String status = statusOf(body);
                if (response.status() == 200 && HEALTHY.contains(status)) {
                    return new Health(true, "/ping answered " + status, body, millisSince(start));
                }
                lastProblem = "/ping answered HTTP " + response.status() + " with status "
                        + (status.isEmpty() ? "(none)" : status);
                lastBody = body;
            } catch (IOException e) {
                lastProblem = "/ping did not answer (" + e + ")";
            }
            if (Instant.now().plus(config.healthPollInterval()).isAfter(deadline)) {
                return new Health(false, lastProblem, lastBody, millisSince(start));
            }
            Thread.sleep(config.healthPollInterval().toMillis());
        }
    }

    @Override
    public Answer invoke(RuntimeCreated runtime, String prompt, String sessionId, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl(runtime) + "/invocations"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header(SESSION_HEADER, sessionId)
                .POST(HttpRequest.BodyPublishers.ofString(Json.prompt(prompt), StandardCharsets.UTF_8))
                .build();
        long start = System.nanoTime();
        // the whole answer, streamed or not, must arrive within the timeout; past the cap the rest is dropped
        try {
            BoundedHttp.Response response = BoundedHttp.read(http, request, timeout, Answer.MAX_BODY_BYTES,
                    BoundedHttp.Overflow.TRUNCATE);
            return Answer.of(response.status(), response.headers().firstValue("Content-Type").orElse(null),
                    new String(response.body(), StandardCharsets.UTF_8), millisSince(start));
        } catch (HttpTimeoutException e) {
            return Answer.none("no complete answer within " + timeout.toMillis() + " ms", millisSince(start));
        } catch (IOException e) {
            return Answer.none(e.getCause() == null ? e.toString() : e.getCause().toString(), millisSince(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.none("interrupted", millisSince(start));
        }
    }

    private static String baseUrl(RuntimeCreated runtime) {
        String url = runtime.invocationUrl();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String statusOf(String json) {
        JsonNode parsed = Json.parse(json);
        return parsed == null ? "" : parsed.path("status").asText("");
    }
}
