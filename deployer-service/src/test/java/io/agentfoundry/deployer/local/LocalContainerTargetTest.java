package io.agentfoundry.deployer.local;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import io.agentfoundry.deployer.config.DeployerConfig;
import io.agentfoundry.deployer.domain.Deployment;
import io.agentfoundry.deployer.domain.DeploymentStatus;
import io.agentfoundry.deployer.service.DeployContext;
import io.agentfoundry.deployer.service.LocalContainerTarget;
import io.agentfoundry.deployer.service.RuntimeTarget.RuntimePlacement;
import io.agentfoundry.deployer.service.TeardownFailedException;
import io.agentfoundry.events.AgentSpec;
import io.agentfoundry.events.ImageBuilt;
import io.agentfoundry.platform.domain.Failure;
import io.agentfoundry.testinfra.PodmanEngine;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The LOCAL target alone: what it says when there is no engine to talk to, a pull cut short by a cancellation, and,
 * against a fake engine (the Docker Engine API on WireMock, which also answers the container's /ping), what an engine
 * failing mid-deployment does.
 */
class LocalContainerTargetTest {

    /** The Docker Engine API's paths, with or without the API version docker-java may put first. */
    private static final String API = "(/v[0-9.]+)?";
    private static final String NEW_ID = "a".repeat(64);
    private static final String PREVIOUS_ID = "b".repeat(64);

    @TempDir
    Path archiveDir;
    private WireMockServer engine;
    private final List<String> progress = new CopyOnWriteArrayList<>();
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    private static LocalContainerTarget target(String engineHost) {
        return target(engineHost, null);
    }

    private static LocalContainerTarget target(String engineHost, Path archiveDir) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .withMapping(DeployerConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter()) // "60s", as Quarkus reads it
                .withConverter(MemorySize.class, 100, new MemorySizeConverter()) // "1G"
                .withDefaultValue("agentfoundry.deployer.local.engine-host", engineHost)
                .withDefaultValue("agentfoundry.deployer.local.ready-timeout", "10s")
                // an engine that does not answer is given up on after a second here
                .withDefaultValue("agentfoundry.deployer.local.engine-wait", "1s");
        if (archiveDir != null) {
            builder.withDefaultValue("agentfoundry.deployer.local.archive-dir", archiveDir.toString());
        }
        return new LocalContainerTarget(builder.build().getConfigMapping(DeployerConfig.class));
    }

    /**
     * A fake engine on which everything works: the archive loads, no container is left by an earlier attempt, the new
     * container starts and publishes port 8080 on the fake's own port, where /ping answers Healthy.
     */
    @BeforeEach
    void startFakeEngine() {
        engine = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        engine.start();
        engine.stubFor(get(urlPathMatching(API + "/version")).willReturn(okJson("""
                {"Version": "0.0.1", "ApiVersion": "1.41", "Components": [{"Name": "Fake Engine", "Version": "0.0.1"}]}
                """)));
        engine.stubFor(post(urlPathMatching(API + "/images/load")).willReturn(okJson("""
                {"stream": "Loaded image ID: sha256:%s\\n"}""".formatted("ab".repeat(32)))));
        engine.stubFor(delete(urlPathMatching(API + "/containers/agentfoundry-.*"))
                .willReturn(engineError(404, "no such container")));
        engine.stubFor(post(urlPathMatching(API + "/containers/create")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"Id\": \"" + NEW_ID + "\", \"Warnings\": []}")));
        engine.stubFor(post(urlPathMatching(API + "/containers/" + NEW_ID + "/start"))
                .willReturn(aResponse().withStatus(204)));
        engine.stubFor(get(urlPathMatching(API + "/containers/" + NEW_ID + "/json")).willReturn(okJson("""
                {"Id": "%s", "State": {"Status": "running", "Running": true},
                 "NetworkSettings": {"Ports": {"8080/tcp": [{"HostIp": "127.0.0.1", "HostPort": "%d"}]}},
                 "Config": {"Labels": {}}}""".formatted(NEW_ID, engine.port()))));
        engine.stubFor(delete(urlPathMatching(API + "/containers/(" + NEW_ID + "|" + PREVIOUS_ID + ")"))
                .willReturn(aResponse().withStatus(204)));
        engine.stubFor(get(urlEqualTo("/ping")).willReturn(okJson("{\"status\": \"Healthy\"}")));
    }

    @AfterEach
    void stopFakeEngine() {
        engine.stop();
    }

    /** An error as the engine answers one: its status, and the message in a JSON body. */
    private static ResponseDefinitionBuilder engineError(int status, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"message\": \"" + message + "\"}");
    }

    private LocalContainerTarget fakeEngineTarget() {
        return target("tcp://127.0.0.1:" + engine.port(), archiveDir);
    }

    private ImageBuilt archivedImage() throws IOException {
        Path tar = Files.write(archiveDir.resolve("agent.tar"), new byte[]{1, 2, 3});
        return image("fake_agent", "docker-archive:" + tar);
    }

    private DeployContext context() {
        return new DeployContext(progress::add, warnings::add, () -> false);
    }

    private static Deployment previous() {
        Deployment previous = new Deployment();
        previous.jobId = UUID.randomUUID();
        previous.runtimeId = PREVIOUS_ID;
        previous.target = "LOCAL";
        previous.status = DeploymentStatus.ACTIVE;
        return previous;
    }

    private boolean removed(String containerId) {
        return !engine.findAll(deleteRequestedFor(urlPathMatching(API + "/containers/" + containerId))).isEmpty();
    }

    private static ImageBuilt image(String agent, String reference) {
        return new ImageBuilt(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), Instant.now(), 1,
                Instant.now(), new AgentSpec(agent, null, "prompt", "bedrock/nova-pro", List.of(), List.of()),
                reference, "sha256:" + "ab".repeat(32), List.of("linux/amd64"), "sha256:" + "01".repeat(32));
    }

    @Test
    void anEngineThatDoesNotAnswerFailsTheStepRetryablyNamingTheSetting() {
        Path missing = Path.of(System.getProperty("java.io.tmpdir"), "no-engine-" + UUID.randomUUID() + ".sock");
        LocalContainerTarget target = target("unix://" + missing);
        ImageBuilt image = image("some_agent", "127.0.0.1:5000/agentfoundry/some_agent:1");
        List<String> progress = new ArrayList<>();

        assertThatThrownBy(() -> target.deploy(image, Optional.empty(), DeployContext.uncancellable(progress::add)))
                .isInstanceOfSatisfying(Failure.class, failure -> {
                    assertThat(failure.errorCode()).isEqualTo("ENGINE_UNREACHABLE");
                    assertThat(failure.retryable()).isTrue();
                    assertThat(failure.getMessage()).contains(missing.toString())
                            .contains("agentfoundry.deployer.local.engine-host");
                });
        assertThat(progress).isEmpty();
    }

    @Test
    void aJobCancelledWhileItsImageIsPulledStopsWaitingForThePull() throws Exception {
        // a registry that accepts connections and never answers: the engine's pull hangs (over a minute, here)
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket registry = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(registry.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            LocalContainerTarget target = target(PodmanEngine.shared().host());
            ImageBuilt image = image("stalled_agent", "127.0.0.1:" + registry.getLocalPort()
                    + "/agentfoundry/stalled_agent:1");
            List<String> progress = new CopyOnWriteArrayList<>();
            long start = System.nanoTime();
            // cancelled once the engine has been waiting on the registry for a second
            DeployContext context = new DeployContext(progress::add, () -> !held.isEmpty()
                    && System.nanoTime() - start > Duration.ofSeconds(1).toNanos());

            assertThatThrownBy(() -> target.deploy(image, Optional.empty(), context))
                    .isInstanceOfSatisfying(Failure.class, failure -> {
                        assertThat(failure.errorCode()).isEqualTo("DEPLOY_CANCELLED");
                        assertThat(failure.retryable()).isFalse();
                        assertThat(failure.getMessage()).contains("being pulled");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(progress).anyMatch(line -> line.startsWith("Pulling 127.0.0.1:" + registry.getLocalPort()));
            assertThat(held).isNotEmpty();
            target.close();
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void aDeploymentOnTheFakeEngineWorks() throws Exception {
        LocalContainerTarget target = fakeEngineTarget();
        RuntimePlacement placed = target.deploy(archivedImage(), Optional.of(previous()), context());

        assertThat(placed.runtimeId()).isEqualTo(NEW_ID);
        assertThat(placed.invocationUrl()).isEqualTo("http://127.0.0.1:" + engine.port());
        assertThat(progress).anyMatch(line -> line.startsWith("Container engine: Fake Engine 0.0.1"))
                .anyMatch(line -> line.startsWith("Removed container " + PREVIOUS_ID));
        assertThat(warnings).isEmpty();
        assertThat(removed(NEW_ID)).isFalse();
        target.close();
    }

    @Test
    void aPreviousContainerTheEngineCannotRemoveIsAWarningNotAFailedDeployment() throws Exception {
        engine.stubFor(delete(urlPathMatching(API + "/containers/" + PREVIOUS_ID)).atPriority(1)
                .willReturn(engineError(500, "container is busy")));
        LocalContainerTarget target = fakeEngineTarget();
        Deployment previous = previous();

        RuntimePlacement placed = target.deploy(archivedImage(), Optional.of(previous), context());

        assertThat(placed.runtimeId()).isEqualTo(NEW_ID);
        assertThat(removed(PREVIOUS_ID)).isTrue();
        assertThat(removed(NEW_ID)).isFalse();
        assertThat(warnings).singleElement().asString().contains("Could not remove container " + PREVIOUS_ID,
                "of job " + previous.jobId, "container is busy", "docker rm -f " + PREVIOUS_ID);
        target.close();
    }

    @Test
    void anEngineFailingWhileTheContainerStartsFailsTheStepRetryablyAndRemovesTheContainer() throws Exception {
        engine.stubFor(get(urlPathMatching(API + "/containers/" + NEW_ID + "/json")).atPriority(1)
                .willReturn(engineError(500, "database is locked")));
        LocalContainerTarget target = fakeEngineTarget();

        assertThatThrownBy(() -> target.deploy(archivedImage(), Optional.of(previous()), context()))
                .isInstanceOfSatisfying(Failure.class, failure -> {
                    assertThat(failure.errorCode()).isEqualTo("ENGINE_FAILED");
                    assertThat(failure.retryable()).isTrue();
                    assertThat(failure.getMessage()).contains("database is locked", "was starting",
                            "the container was removed");
                });
        assertThat(removed(NEW_ID)).isTrue();
        // the agent's running container stays: this job's did not become ready
        assertThat(removed(PREVIOUS_ID)).isFalse();
        target.close();
    }

    @Test
    void anEngineThatStopsAnsweringMidDeploymentIsUnreachableNamingTheSetting() throws Exception {
        engine.stubFor(get(urlPathMatching(API + "/containers/" + NEW_ID + "/json")).atPriority(1)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        LocalContainerTarget target = fakeEngineTarget();

        assertThatThrownBy(() -> target.deploy(archivedImage(), Optional.empty(), context()))
                .isInstanceOfSatisfying(Failure.class, failure -> {
                    assertThat(failure.errorCode()).isEqualTo("ENGINE_UNREACHABLE");
                    assertThat(failure.retryable()).isTrue();
                    assertThat(failure.getMessage()).contains("agentfoundry.deployer.local.engine-host");
                });
        assertThat(removed(NEW_ID)).isTrue();
        target.close();
    }

    @Test
    void aContainerLeftByAnEarlierAttemptThatCannotBeRemovedFailsTheStepRetryably() throws Exception {
        engine.stubFor(delete(urlPathMatching(API + "/containers/agentfoundry-.*")).atPriority(1)
                .willReturn(engineError(500, "removal already in progress")));
        LocalContainerTarget target = fakeEngineTarget();

        assertThatThrownBy(() -> target.deploy(archivedImage(), Optional.empty(), context()))
                .isInstanceOfSatisfying(Failure.class, failure -> {
                    assertThat(failure.errorCode()).isEqualTo("ENGINE_FAILED");
                    assertThat(failure.retryable()).isTrue();
                    assertThat(failure.getMessage()).contains("removal already in progress",
                            "left by an earlier attempt");
                });
        assertThat(engine.findAll(postRequestedFor(urlPathMatching(API + "/containers/create")))).isEmpty();
        target.close();
    }

    @Test
    void aContainerThatIsCreatedButDoesNotStartIsRemoved() throws Exception {
        engine.stubFor(post(urlPathMatching(API + "/containers/" + NEW_ID + "/start")).atPriority(1)
                .willReturn(engineError(500, "cannot bind port")));
        LocalContainerTarget target = fakeEngineTarget();

        assertThatThrownBy(() -> target.deploy(archivedImage(), Optional.empty(), context()))
                .isInstanceOfSatisfying(Failure.class, failure -> {
                    assertThat(failure.errorCode()).isEqualTo("CONTAINER_START_FAILED");
                    assertThat(failure.getMessage()).contains("cannot bind port");
                });
        assertThat(removed(NEW_ID)).isTrue();
        target.close();
    }

    @Test
    void anArchiveOutsideTheArchiveDirectoryIsNeverSentToTheEngine() throws Exception {
        Path outside = Files.writeString(Files.createTempFile("outside", ".tar"), "secret");
        try {
            assertThatThrownBy(() -> fakeEngineTarget().deploy(image("fake_agent", "docker-archive:" + outside),
                    Optional.empty(), context()))
                    .isInstanceOfSatisfying(Failure.class, failure -> {
                        assertThat(failure.errorCode()).isEqualTo("INVALID_IMAGE_BUILT");
                        assertThat(failure.retryable()).isFalse();
                        assertThat(failure.getMessage()).contains(outside.toString(),
                                "agentfoundry.deployer.local.archive-dir (" + archiveDir + ")");
                    });
            // without the setting, no archive at all
            assertThatThrownBy(() -> target("tcp://127.0.0.1:" + engine.port()).deploy(archivedImage(),
                    Optional.empty(), context()))
                    .isInstanceOfSatisfying(Failure.class, failure -> {
                        assertThat(failure.errorCode()).isEqualTo("ARCHIVE_DIR_NOT_CONFIGURED");
                        assertThat(failure.getMessage()).contains("agentfoundry.deployer.local.archive-dir");
                    });
            assertThat(engine.findAll(anyRequestedFor(anyUrl()))).isEmpty();
        } finally {
            Files.delete(outside);
        }
    }

    @Test
    void aTearDownTheEngineFailsIsABadGatewayAndOneItCannotReachIsUnavailable() {
        engine.stubFor(delete(urlPathMatching(API + "/containers/" + PREVIOUS_ID)).atPriority(1)
                .willReturn(engineError(500, "container is busy")));
        assertThatThrownBy(() -> fakeEngineTarget().remove(previous(), progress::add))
                .isInstanceOfSatisfying(TeardownFailedException.class, failure -> {
                    assertThat(failure.unavailable()).isFalse();
                    assertThat(failure.getMessage()).contains(PREVIOUS_ID, "container is busy");
                });

        Path missing = Path.of(System.getProperty("java.io.tmpdir"), "no-engine-" + UUID.randomUUID() + ".sock");
        assertThatThrownBy(() -> target("unix://" + missing).remove(previous(), progress::add))
                .isInstanceOfSatisfying(TeardownFailedException.class, failure -> {
                    assertThat(failure.unavailable()).isTrue();
                    assertThat(failure.getMessage()).contains(PREVIOUS_ID, "agentfoundry.deployer.local.engine-host");
                });
    }
}
