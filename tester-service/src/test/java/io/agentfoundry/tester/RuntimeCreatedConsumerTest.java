package io.agentfoundry.tester;

import com.sun.net.httpserver.HttpServer;
import io.agentfoundry.events.AgentSpec;
import io.agentfoundry.events.EventCodec;
import io.agentfoundry.events.RuntimeCreated;
import io.agentfoundry.events.TestCompleted;
import io.agentfoundry.events.Topics;
import io.agentfoundry.testinfra.KafkaTestClient;
import io.agentfoundry.testinfra.PipelineInfrastructure;
import io.agentfoundry.testinfra.PipelineTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(value = PipelineTestResource.class, initArgs = @ResourceArg(name = "database", value = "tester"))
class RuntimeCreatedConsumerTest {

    private static KafkaTestClient kafka;
    private static HttpServer runtime;
    private static final List<String> SESSION_IDS = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        kafka = new KafkaTestClient(PipelineInfrastructure.shared().kafka().bootstrapServers());
        // a runtime that speaks the AgentCore HTTP contract and always answers the same
        runtime = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        runtime.createContext("/ping", exchange -> respond(exchange, "{\"status\": \"Healthy\"}"));
        runtime.createContext("/invocations", exchange -> {
            SESSION_IDS.add(exchange.getRequestHeaders().getFirst("X-Amzn-Bedrock-AgentCore-Runtime-Session-Id"));
            respond(exchange, "{\"result\": \"Hello! I can tell you the weather.\"}");
        });
        runtime.start();
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @AfterAll
    static void stop() {
        runtime.stop(0);
        kafka.close();
    }

    private static TestCompleted testRuntime(UUID jobId, String expectContains) {
        AgentSpec spec = new AgentSpec("weather_agent", null, "prompt", "us.amazon.nova-pro-v1:0", List.of(),
                List.of(new AgentSpec.TestCase("greets", "Hello?", expectContains)));
        RuntimeCreated created = new RuntimeCreated(UUID.randomUUID(), jobId, UUID.randomUUID(), Instant.now(), 1,
                Instant.now(), spec, "LOCAL", "container-1", "http://127.0.0.1:" + runtime.getAddress().getPort(),
                "agentfoundry/weather_agent:" + jobId, "sha256:" + "cd".repeat(32));
        kafka.publish(created);
        return EventCodec.decode(await().atMost(Duration.ofSeconds(30))
                .until(() -> kafka.readAll(Topics.TEST_COMPLETED, r -> jobId.toString().equals(r.key())),
                        records -> !records.isEmpty()).get(0).value(), TestCompleted.class);
    }

    @Test
    void aRuntimeThatAnswersAsExpectedPasses() {
        UUID jobId = UUID.randomUUID();
        TestCompleted completed = testRuntime(jobId, "weather");
        assertThat(completed.passed()).as(completed.summary()).isTrue();
        assertThat(completed.checksPassed()).isEqualTo(2);
        assertThat(SESSION_IDS).allSatisfy(id -> assertThat(id).hasSizeGreaterThanOrEqualTo(33));
        given().get("/api/test-runs/{jobId}", jobId).then().statusCode(200)
                .body("checks.name", org.hamcrest.Matchers.contains("health", "case:greets"));
    }

    @Test
    void anAnswerWithoutTheExpectedTextFailsWithTheReason() {
        UUID jobId = UUID.randomUUID();
        TestCompleted completed = testRuntime(jobId, "tomorrow's forecast");
        assertThat(completed.passed()).isFalse();
        assertThat(completed.summary()).contains("case:greets");
        given().get("/api/test-runs/{jobId}", jobId).then().statusCode(200)
                .body("passed", equalTo(false))
                .body("checks[1].detail", org.hamcrest.Matchers.containsString("expected the answer to contain 'tomorrow's forecast'"));
    }
}
