package io.agentfoundry.generator;

import io.agentfoundry.events.PipelineStep;
import io.agentfoundry.generator.testing.Requests;
import io.agentfoundry.platform.service.JobLogger;
import io.agentfoundry.platform.service.StepExecutions;
import io.agentfoundry.testinfra.PipelineTestResource;
import io.agentfoundry.testinfra.SevereLogRecords;
import io.agentfoundry.testinfra.SseReader;
import io.agentfoundry.testinfra.SseReader.SseEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A step service's own step log ({@code /api/steps/{jobId}/logs}, from the service platform): the lines written, then
 * live ones, then {@code end} once the step has ended; resumable with Last-Event-ID. A stream of a step that has
 * already ended is written whole and ended at once; that must not make the server log an error afterwards.
 */
@QuarkusTest
@WithTestResource(value = PipelineTestResource.class, initArgs = @ResourceArg(name = "database", value = "generator"))
class StepLogStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TestHTTPResource("/")
    URI base;

    @Inject
    JobLogger log;

    @Inject
    StepExecutions steps;

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
    void aFinishedStepsLogIsSentWholeAndEndedWithoutAnErrorOnTheServer() throws Exception {
        UUID jobId = UUID.randomUUID();
        log.info(jobId, PipelineStep.GENERATE, "first line");
        log.info(jobId, PipelineStep.GENERATE, "second line");
        log.warn(jobId, PipelineStep.GENERATE, "third line");
        QuarkusTransaction.requiringNew().run(() -> steps.fail(jobId, PipelineStep.GENERATE, null, 1, "TEST", "ended"));

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
            assertThat(event.data().path("service").asText()).isEqualTo("generator-service");
            assertThat(event.data().path("step").asText()).isEqualTo("GENERATE");
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
        log.info(jobId, PipelineStep.GENERATE, "logged before");
        QuarkusTransaction.requiringNew().run(() -> steps.begin(jobId, PipelineStep.GENERATE,
                Requests.accepted(jobId, Requests.simpleSpec("watched_agent", "Be brief."), Requests.bedrock()),
                "test-owner", Duration.ofMinutes(1)));
        List<SseEvent> received = new CopyOnWriteArrayList<>();
        CompletableFuture<List<SseEvent>> stream = read(stepLogs(jobId), null, received);
        await().atMost(WAIT).until(() -> received.size() == 1);

        log.info(jobId, PipelineStep.GENERATE, "logged while watched");
        await().atMost(WAIT).until(() -> received.size() == 2);
        assertThat(stream).isNotDone();
        QuarkusTransaction.requiringNew().run(() -> steps.fail(jobId, PipelineStep.GENERATE, null, 1, "TEST", "ended"));

        List<SseEvent> events = stream.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(events).extracting(SseEvent::name).containsExactly("log", "log", "end");
        assertThat(events).extracting(event -> event.data() == null ? event.rawData() : event.data().path("message").asText())
                .containsExactly("logged before", "logged while watched", "step finished");
        assertThat(events.get(1).id()).isGreaterThan(events.get(0).id());
        assertNoResponseErrors();
    }

    /** The server logs a failed response after the body has gone, so give it a moment to do so. */
    private void assertNoResponseErrors() {
        await().pollDelay(Duration.ofMillis(200)).during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(errors.described())
                        .noneMatch(text -> text.contains("already been written") || text.contains("failed, error id")));
    }

    private URI stepLogs(UUID jobId) {
        return base.resolve("/api/steps/" + jobId + "/logs");
    }

    private static CompletableFuture<List<SseEvent>> read(URI uri, Long lastEventId) throws Exception {
        return SseReader.read(uri, lastEventId, WAIT);
    }

    private static CompletableFuture<List<SseEvent>> read(URI uri, Long lastEventId, List<SseEvent> received)
            throws Exception {
        return SseReader.read(uri, lastEventId, WAIT, received);
    }
}
