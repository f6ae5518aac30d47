package io.agentfoundry.registry.rest;

import io.agentfoundry.events.JobRetried;
import io.agentfoundry.events.PipelineStep;
import io.agentfoundry.platform.service.JobLogger;
import io.agentfoundry.platform.service.StepExecutions;
import io.agentfoundry.registry.testsupport.SseReader;
import io.agentfoundry.registry.testsupport.SseReader.SseEvent;
import io.agentfoundry.testinfra.PipelineTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The two SSE endpoints a registry has: its own step's log lines ({@code /api/steps/{jobId}/logs}, from the service
 * platform) and a job's events. A stream of something that has already ended is written whole and ended at once; that
 * must not make the server log an error afterwards.
 */
@QuarkusTest
@WithTestResource(value = PipelineTestResource.class, initArgs = @ResourceArg(name = "database", value = "registry"))
class EventStreamsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Map<String, Object> SPEC = Map.of("name", "stream_bot", "systemPrompt", "You help.",
            "modelId", "us.anthropic.claude-sonnet-4-5-20250929-v1:0", "tools", List.of("http_request"));

    @TestHTTPResource("/")
    URI base;

    @Inject
    JobLogger log;

    @Inject
    StepExecutions steps;

    private final List<LogRecord> errors = new CopyOnWriteArrayList<>();
    private final Handler errorCapture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureErrors() {
        Logger.getLogger("").addHandler(errorCapture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger("").removeHandler(errorCapture);
    }

    @Test
    void aFinishedStepsLogIsSentWholeAndEndedWithoutAnErrorOnTheServer() throws Exception {
        UUID jobId = UUID.randomUUID();
        log.info(jobId, PipelineStep.REQUEST, "first line");
        log.info(jobId, PipelineStep.REQUEST, "second line");
        log.warn(jobId, PipelineStep.REQUEST, "third line");
        QuarkusTransaction.requiringNew().run(() -> steps.fail(jobId, PipelineStep.REQUEST, null, 1, "TEST", "ended"));

        List<SseEvent> events = read(stepLogs(jobId), null).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(events).extracting(SseEvent::name).containsExactly("log", "log", "log", "end");
        List<SseEvent> lines = events.subList(0, 3);
        assertThat(lines).extracting(SseEvent::id).isSorted().doesNotHaveDuplicates().doesNotContainNull();
        assertThat(lines).extracting(event -> event.data().path("sequence").asLong())
                .containsExactlyElementsOf(lines.stream().map(SseEvent::id).toList());
        assertThat(lines).extracting(event -> event.data().path("message").asText())
                .containsExactly("first line", "second line", "third line");
        assertThat(lines).allSatisfy(event -> {
            assertThat(event.data().path("jobId").asText()).isEqualTo(jobId.toString());
            assertThat(event.data().path("service").asText()).isEqualTo("registry-service");
            assertThat(event.data().path("step").asText()).isEqualTo("REQUEST");
        });
        assertThat(lines.get(2).data().path("level").asText()).isEqualTo("WARN");
        assertThat(events.get(3).rawData()).isEqualTo("step finished");

        List<SseEvent> resumed = read(stepLogs(jobId), lines.get(0).id()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(resumed).extracting(SseEvent::id).containsExactly(lines.get(1).id(), lines.get(2).id(), null);
        assertThat(resumed).extracting(SseEvent::name).last().isEqualTo("end");

        assertNoResponseErrors();
    }

    @Test
    void aRunningStepsLogSendsLinesAsTheyAreLoggedAndEndsWhenTheStepEnds() throws Exception {
        UUID jobId = UUID.randomUUID();
        log.info(jobId, PipelineStep.REQUEST, "logged before");
        QuarkusTransaction.requiringNew().run(() -> steps.begin(jobId, PipelineStep.REQUEST,
                new JobRetried(UUID.randomUUID(), jobId, null, Instant.now(), 1, PipelineStep.REQUEST, "test", "test"),
                "test-owner", Duration.ofMinutes(1)));
        List<SseEvent> received = new CopyOnWriteArrayList<>();
        CompletableFuture<List<SseEvent>> stream = read(stepLogs(jobId), null, received);
        await().atMost(WAIT).until(() -> received.size() == 1);

        log.info(jobId, PipelineStep.REQUEST, "logged while watched");
        await().atMost(WAIT).until(() -> received.size() == 2);
        assertThat(stream).isNotDone();
        QuarkusTransaction.requiringNew().run(() -> steps.fail(jobId, PipelineStep.REQUEST, null, 1, "TEST", "ended"));

        List<SseEvent> events = stream.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(events).extracting(SseEvent::name).containsExactly("log", "log", "end");
        assertThat(events).extracting(event -> event.data() == null ? event.rawData() : event.data().path("message").asText())
                .containsExactly("logged before", "logged while watched", "step finished");
        assertThat(events.get(1).id()).isGreaterThan(events.get(0).id());
        assertNoResponseErrors();
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
                .untilAsserted(() -> assertThat(errors).extracting(EventStreamsTest::describe)
                        .noneMatch(text -> text.contains("already been written") || text.contains("failed, error id")));
    }

    private static String describe(LogRecord record) {
        StringBuilder text = new StringBuilder(String.valueOf(record.getMessage()));
        for (Throwable thrown = record.getThrown(); thrown != null; thrown = thrown.getCause()) {
            text.append(" / ").append(thrown);
        }
        return text.toString();
    }

    private static UUID submit() {
        String location = given().contentType(ContentType.JSON).body(SPEC).post("/api/agents")
                .then().statusCode(202).extract().header("Location");
        return UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
    }

    private URI stepLogs(UUID jobId) {
        return base.resolve("/api/steps/" + jobId + "/logs");
    }

    private URI jobEvents(UUID jobId) {
        return base.resolve("/api/agents/" + jobId + "/events");
    }

    private static CompletableFuture<List<SseEvent>> read(URI uri, Long lastEventId) throws Exception {
        return SseReader.read(uri, lastEventId, WAIT);
    }

    private static CompletableFuture<List<SseEvent>> read(URI uri, Long lastEventId, List<SseEvent> received)
            throws Exception {
        return SseReader.read(uri, lastEventId, WAIT, received);
    }
}
