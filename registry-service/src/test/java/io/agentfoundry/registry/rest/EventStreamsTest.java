package io.agentfoundry.registry.rest;

import io.agentfoundry.testinfra.SseReader;
import io.agentfoundry.testinfra.SseReader.SseEvent;
import io.agentfoundry.testinfra.PipelineTestResource;
import io.agentfoundry.testinfra.SevereLogRecords;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A job's event stream. A stream of a job that has already ended is written whole and ended at once; that must not
 * make the server log an error afterwards. The registry runs no step, so it serves no step API.
 */
@QuarkusTest
@WithTestResource(value = PipelineTestResource.class, initArgs = @ResourceArg(name = "database", value = "registry"))
class EventStreamsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Map<String, Object> SPEC = Map.of("name", "stream_bot", "systemPrompt", "You help.",
            "modelId", "us.anthropic.claude-sonnet-4-5-20250929-v1:0", "tools", List.of("http_request"));

    @TestHTTPResource("/")
    URI base;

    private final SevereLogRecords errors = new SevereLogRecords();

    @BeforeEach
    void captureErrors() {
        errors.start();
    }

    @AfterEach
    void stopCapturing() {
        errors.stop();
    }

    @Test
    void theRegistryRunsNoStepSoItServesNoStepApi() {
        UUID jobId = submit();
        given().get("/api/steps/" + jobId).then().statusCode(404);
        given().accept("text/event-stream").get("/api/steps/" + jobId + "/logs").then().statusCode(404);
    }

    @Test
    void anEndedJobsEventStreamIsSentWholeAndEndedWithoutAnErrorOnTheServer() throws Exception {
        UUID jobId = submit();
        given().delete("/api/agents/" + jobId).then().statusCode(200);

        List<SseEvent> events = read(jobEvents(jobId), null).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(events).extracting(SseEvent::name).last().isEqualTo("end");
        List<SseEvent> withIds = events.stream().filter(event -> event.id() != null).toList();
        assertThat(withIds).extracting(SseEvent::id).doesNotHaveDuplicates();
        SseEvent last = withIds.get(withIds.size() - 1);
        assertThat(last.name()).isEqualTo("job");
        assertThat(last.data().path("status").asText()).isEqualTo("CANCELLED");

        List<SseEvent> resumed = read(jobEvents(jobId), last.id()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        // what arrives after the job's end (its services' last log lines) is only sent to a client that resumes
        assertThat(resumed).extracting(SseEvent::name).last().isEqualTo("end");
        assertThat(resumed).extracting(SseEvent::id).filteredOn(java.util.Objects::nonNull)
                .allSatisfy(id -> assertThat(id).isGreaterThan(last.id()));

        given().accept("text/event-stream").get("/api/agents/" + UUID.randomUUID() + "/events").then().statusCode(404);
        assertNoResponseErrors();
    }

    /** The server logs a failed response after the body has gone, so give it a moment to do so. */
    private void assertNoResponseErrors() {
        await().pollDelay(Duration.ofMillis(200)).during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(errors.described())
                        .noneMatch(text -> text.contains("already been written") || text.contains("failed, error id")));
    }

    private static UUID submit() {
        String location = given().contentType(ContentType.JSON).body(SPEC).post("/api/agents")
                .then().statusCode(202).extract().header("Location");
        return UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
    }

    private URI jobEvents(UUID jobId) {
        return base.resolve("/api/agents/" + jobId + "/events");
    }

    private static CompletableFuture<List<SseEvent>> read(URI uri, Long lastEventId) throws Exception {
        return SseReader.read(uri, lastEventId, WAIT);
    }
}
