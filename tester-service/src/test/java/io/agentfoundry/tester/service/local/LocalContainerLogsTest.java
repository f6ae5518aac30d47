package io.agentfoundry.tester.service.local;

import io.agentfoundry.tester.service.RuntimeLogs;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.agentfoundry.engine.ContainerEngine;
import io.agentfoundry.events.RuntimeCreated;
import io.agentfoundry.tester.testsupport.TesterEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * LOCAL runtime logs come from the container the event names only when the deployer started it for the event's job
 * (its io.agentfoundry.job-id label): against a WireMock Docker Engine API.
 */
class LocalContainerLogsTest {

    private static final String CONTAINER_ID = "4f2a9c".repeat(10) + "0123";
    private static WireMockServer engineApi;
    private static LocalContainerLogs logs;

    @BeforeAll
    static void start() {
        engineApi = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        engineApi.start();
        logs = new LocalContainerLogs(Optional.of(ContainerEngine.connect("tcp://127.0.0.1:" + engineApi.port(),
                RuntimeLogs.READ_BUDGET)));
    }

    @AfterAll
    static void stop() {
        logs.close();
        engineApi.stop();
    }

    @AfterEach
    void reset() {
        engineApi.resetAll();
    }

    private static RuntimeCreated localRuntime(UUID jobId, String runtimeId) {
        RuntimeCreated local = TesterEvents.local(jobId, List.of(), "http://127.0.0.1:49153");
        return new RuntimeCreated(local.eventId(), jobId, local.causationId(), local.occurredAt(), 1,
                local.startedAt(), local.spec(), local.target(), runtimeId, local.invocationUrl(),
                local.imageReference(), local.imageDigest(), null, null, null, null);
    }

    /** The container as GET /containers/{id}/json describes it; labels null for none. */
    private static void stubContainer(String idOrName, String labelsJson) {
        engineApi.stubFor(get(urlPathMatching("(/v[0-9.]+)?/containers/" + idOrName + "/json"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                        {"Id": "%s", "Name": "/weather_agent",
                         "State": {"Status": "running", "Running": true, "ExitCode": 0, "OOMKilled": false},
                         "Config": {"Image": "agentfoundry/weather_agent", "Labels": %s},
                         "NetworkSettings": {"Ports": {}}}""".formatted(CONTAINER_ID, labelsJson))));
    }

    /** stdout frames as the engine multiplexes a container's output without a TTY. */
    private static void stubLogs(String... lines) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String line : lines) {
            byte[] payload = (line + "\n").getBytes(StandardCharsets.UTF_8);
            body.writeBytes(ByteBuffer.allocate(8).put((byte) 1).position(4).putInt(payload.length).array());
            body.writeBytes(payload);
        }
        engineApi.stubFor(get(urlPathMatching("(/v[0-9.]+)?/containers/" + CONTAINER_ID + "/logs"))
                .willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/vnd.docker.multiplexed-stream")
                        .withBody(body.toByteArray())));
    }

    private static int logRequests() {
        return engineApi.findAll(getRequestedFor(urlPathMatching(".*/logs"))).size();
    }

    @Test
    void theLogsOfTheJobsOwnContainerAreRead() {
        UUID jobId = UUID.randomUUID();
        stubContainer("weather_agent", "{\"io.agentfoundry.job-id\": \"" + jobId + "\"}");
        stubLogs("INFO Uvicorn running on http://0.0.0.0:8080", "INFO POST /invocations 200");

        Optional<String> read = logs.read(localRuntime(jobId, "weather_agent"), Instant.now().minusSeconds(60),
                Instant.now());

        assertThat(read).contains("INFO Uvicorn running on http://0.0.0.0:8080\nINFO POST /invocations 200");
        // by the id the inspection found, not by the name the event gave
        assertThat(logRequests()).isEqualTo(1);
    }

    @Test
    void aContainerOfAnotherJobIsNotRead() {
        UUID jobId = UUID.randomUUID();
        stubContainer(CONTAINER_ID, "{\"io.agentfoundry.job-id\": \"" + UUID.randomUUID() + "\"}");
        stubLogs("secret of another job");

        Optional<String> read = logs.read(localRuntime(jobId, CONTAINER_ID), Instant.now().minusSeconds(60),
                Instant.now());

        assertThat(read).contains("runtime logs: container " + CONTAINER_ID + " does not belong to job " + jobId
                + " (its io.agentfoundry.job-id label names another job); its logs were not read");
        assertThat(logRequests()).isZero();
    }

    @Test
    void aContainerWithoutJobLabelIsNotRead() {
        UUID jobId = UUID.randomUUID();
        stubContainer("postgres", "null");
        stubLogs("password=hunter2");

        Optional<String> read = logs.read(localRuntime(jobId, "postgres"), Instant.now().minusSeconds(60),
                Instant.now());

        assertThat(read).contains("runtime logs: container postgres does not belong to job " + jobId
                + " (its io.agentfoundry.job-id label is missing); its logs were not read");
        assertThat(logRequests()).isZero();
    }

    @Test
    void aRuntimeIdThatIsNoContainerIdOrNameReachesNoEngineApi() {
        Optional<String> read = logs.read(localRuntime(UUID.randomUUID(), "../../images/json"),
                Instant.now().minusSeconds(60), Instant.now());

        assertThat(read).contains("runtime logs: not read: runtimeId '../../images/json' is not a container id or"
                + " name");
        assertThat(engineApi.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void aContainerNoLongerThereIsSaid() {
        Optional<String> read = logs.read(localRuntime(UUID.randomUUID(), "gone"), Instant.now().minusSeconds(60),
                Instant.now());

        assertThat(read).contains("runtime logs: no container gone on the engine at tcp://127.0.0.1:"
                + engineApi.port());
    }
}
