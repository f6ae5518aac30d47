package io.agentfoundry.deployer.local;

import io.agentfoundry.engine.ContainerEngine;
import io.agentfoundry.events.AgentSpec;
import io.agentfoundry.events.ImageBuilt;
import io.agentfoundry.events.JobCancelled;
import io.agentfoundry.events.RuntimeCreated;
import io.agentfoundry.events.StepFailed;
import io.agentfoundry.events.Topics;
import io.agentfoundry.testinfra.KafkaTestClient;
import io.agentfoundry.testinfra.LocalRegistry;
import io.agentfoundry.testinfra.PipelineInfrastructure;
import io.agentfoundry.testinfra.PipelineTestResource;
import io.agentfoundry.testinfra.PodmanEngine;
import io.agentfoundry.testinfra.TestImages;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The LOCAL target on real parts: images made on the offline test runtime, pushed to a real registry, pulled and run
 * by a real Podman engine through its Docker-compatible API.
 */
@QuarkusTest
@WithTestResource(value = PipelineTestResource.class, initArgs = @ResourceArg(name = "database", value = "deployer_local"))
@WithTestResource(PodmanTestResource.class)
class LocalTargetTest {

    /** A stand-in agent server (the deployer only needs /ping): real Python and FastAPI in a real container. */
    private static final String ECHO_SERVER = """
            import os

            from fastapi import FastAPI, Request

            app = FastAPI()


            def can_write(path):
                try:
                    with open(path, "w") as written:
                        written.write("x")
                    return True
                except OSError:
                    return False


            @app.get("/sandbox")
            def sandbox():
                with open("/proc/self/status") as status:
                    capabilities = [line.split()[1] for line in status if line.startswith("CapEff:")][0]
                limit = "/sys/fs/cgroup/memory.max"
                if not os.path.exists(limit):
                    limit = "/sys/fs/cgroup/memory/memory.limit_in_bytes"
                with open(limit) as memory:
                    memory_limit = memory.read().strip()
                return {"app": can_write("/app/written"), "tmp": can_write("/tmp/written"),
                        "capabilities": capabilities, "memory": memory_limit}

            @app.get("/ping")
            def ping():
                return {"status": "Healthy", "time_of_last_update": 0}

            @app.post("/invocations")
            async def invocations(request: Request):
                payload = await request.json()
                return {"result": "echo: " + payload["prompt"]}
            """;
    /** Writes a line, then fails to import what it needs, as an agent whose base lacks a package does. */
    private static final String BROKEN_SERVER = """
            print("loading the agent's tools", flush=True)
            import strands_tools_that_are_not_installed
            """;
    /** Up and answering, but never Healthy: a start-up that does not finish. */
    private static final String UNHEALTHY_SERVER = """
            from http.server import BaseHTTPRequestHandler, HTTPServer

            class NeverHealthy(BaseHTTPRequestHandler):
                def do_GET(self):
                    self.send_response(503)
                    self.send_header("Content-Type", "application/json")
                    self.end_headers()
                    self.wfile.write(b'{"status": "Starting"}')

            HTTPServer(("0.0.0.0", 8080), NeverHealthy).serve_forever()
            """;
    private static final List<String> UVICORN =
            List.of("python3", "-m", "uvicorn", "agentcore_server:app", "--host", "0.0.0.0", "--port", "8080");
    private static final Duration WAIT = Duration.ofSeconds(90);
    /** 256 MiB, as PodmanTestResource sets it. */
    private static final long SANDBOX_MEMORY = 256L * 1024 * 1024;

    private static KafkaTestClient kafka;
    private static ContainerEngine engine;
    private static TestImages.Pushed echoImage;
    private static TestImages.Pushed brokenImage;
    private static TestImages.Pushed unhealthyImage;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void setUp() {
        kafka = new KafkaTestClient(PipelineInfrastructure.shared().kafka().bootstrapServers());
        engine = ContainerEngine.connect(PodmanEngine.shared().host(), Duration.ofMinutes(2));
        echoImage = TestImages.push(LocalRegistry.shared(), "test/echo-agent", "1",
                Map.of("agentcore_server.py", ECHO_SERVER), UVICORN);
        brokenImage = TestImages.push(LocalRegistry.shared(), "test/broken-agent", "1",
                Map.of("agentcore_server.py", BROKEN_SERVER), List.of("python3", "agentcore_server.py"));
        unhealthyImage = TestImages.push(LocalRegistry.shared(), "test/unhealthy-agent", "1",
                Map.of("agentcore_server.py", UNHEALTHY_SERVER), List.of("python3", "agentcore_server.py"));
    }

    @AfterAll
    static void tearDown() {
        kafka.close();
        engine.close();
    }

    private static ImageBuilt imageBuilt(UUID jobId, String agentName, TestImages.Pushed image) {
        AgentSpec spec = new AgentSpec(agentName, null, "prompt", "bedrock/nova-pro", List.of(), List.of());
        return new ImageBuilt(UUID.randomUUID(), jobId, UUID.randomUUID(), Instant.now(), 1, Instant.now(), spec,
                image.reference(), image.digest(), List.of(image.platform()), "sha256:" + "01".repeat(32));
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void runsTheImageAnswersOnLoopbackAndTearsItDown() throws Exception {
        UUID jobId = UUID.randomUUID();
        kafka.publish(imageBuilt(jobId, "echo_agent", echoImage));

        RuntimeCreated created = kafka.awaitEvent(RuntimeCreated.class, jobId, WAIT);
        assertThat(created.target()).isEqualTo("LOCAL");
        assertThat(created.invocationUrl()).matches("http://127\\.0\\.0\\.1:\\d+");
        assertThat(created.runtimeArn()).isNull();
        assertThat(get(created.invocationUrl() + "/ping").body()).contains("Healthy");
        ContainerEngine.ContainerState state = engine.inspect(created.runtimeId()).orElseThrow();
        assertThat(state.running()).isTrue();
        // the sandbox, as the engine's inspect API tells it
        assertThat(state.host().getMemory()).isEqualTo(SANDBOX_MEMORY);
        assertThat(state.host().getMemorySwap()).isEqualTo(SANDBOX_MEMORY);
        assertThat(state.host().getNanoCPUs()).isEqualTo(500_000_000L);
        assertThat(state.host().getPidsLimit()).isEqualTo(128L);
        assertThat(state.host().getReadonlyRootfs()).isTrue();
        // Podman lists the capabilities it dropped one by one; Docker says ALL
        List<String> dropped = java.util.Arrays.stream(state.host().getCapDrop()).map(Enum::name).toList();
        assertThat(dropped.contains("ALL") || dropped.containsAll(List.of("CHOWN", "DAC_OVERRIDE", "KILL", "NET_RAW",
                "SETUID", "SETGID", "SYS_CHROOT"))).as("dropped capabilities %s", dropped).isTrue();
        assertThat(state.host().getCapAdd()).isNullOrEmpty();
        assertThat(state.host().getSecurityOpts()).anyMatch(option -> option.startsWith("no-new-privileges"));
        // Podman adds its own tmpfs at /run and /var/tmp to a read-only container: charged to its memory limit
        assertThat(state.host().getTmpFs()).containsKey("/tmp");
        assertThat(state.host().getTmpFs().get("/tmp")).contains("size=67108864", "nosuid", "nodev");
        // and as the agent finds it: nothing writable but /tmp, no capabilities, the memory limit
        String sandbox = get(created.invocationUrl() + "/sandbox").body();
        assertThat(sandbox).contains("\"app\":false", "\"tmp\":true", "\"capabilities\":\"0000000000000000\"",
                "\"memory\":\"" + SANDBOX_MEMORY + "\"");

        given().get("/api/deployments/{jobId}", jobId).then().statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("target", equalTo("LOCAL"))
                .body("runtimeId", equalTo(created.runtimeId()))
                .body("invocationUrl", equalTo(created.invocationUrl()));
        given().accept("text/event-stream").get("/api/steps/{jobId}/logs", jobId).then().statusCode(200)
                .body(containsString("Pulling " + echoImage.reference().replace(":1", "") + "@" + echoImage.digest()))
                .body(containsString("is ready at " + created.invocationUrl()));

        given().delete("/api/deployments/{jobId}", jobId).then().statusCode(200).body("status", equalTo("REMOVED"));
        assertThat(engine.inspect(created.runtimeId())).isEmpty();
        given().delete("/api/deployments/{jobId}", jobId).then().statusCode(200).body("status", equalTo("REMOVED"));
        given().delete("/api/deployments/{jobId}", UUID.randomUUID()).then().statusCode(404);
    }

    /** Where the deployer may load docker-archive images from (PodmanTestResource makes it). */
    private static Path archiveDir() {
        return Path.of(ConfigProvider.getConfig().getValue("agentfoundry.deployer.local.archive-dir", String.class));
    }

    @Test
    void loadsAnImageWrittenAsADockerArchive() throws Exception {
        TestImages.Pushed archived = TestImages.archive(archiveDir().resolve("echo.tar"),
                "agentfoundry/archived_agent:1", Map.of("agentcore_server.py", ECHO_SERVER), UVICORN);
        UUID jobId = UUID.randomUUID();
        kafka.publish(imageBuilt(jobId, "archived_agent", archived));

        RuntimeCreated created = kafka.awaitEvent(RuntimeCreated.class, jobId, WAIT);
        assertThat(get(created.invocationUrl() + "/ping").body()).contains("Healthy");
        given().accept("text/event-stream").get("/api/steps/{jobId}/logs", jobId).then().statusCode(200)
                .body(containsString("Loading " + archived.reference().substring("docker-archive:".length())));
        given().delete("/api/deployments/{jobId}", jobId).then().statusCode(200);
    }

    @Test
    void anImageBuiltTheDeployerCannotTrustFailsTheStepBeforeTheEngineIsAsked() throws Exception {
        // a readable file outside the archive directory, reached directly, by "..", and through a symbolic link in it
        Path outside = Files.createTempFile(archiveDir().getParent(), "not-an-archive", ".tar");
        Files.writeString(outside, "secret");
        Path link = Files.createSymbolicLink(archiveDir().resolve("link-" + UUID.randomUUID() + ".tar"), outside);
        Map<String, ImageBuilt> refused = new java.util.LinkedHashMap<>();
        AgentSpec spec = new AgentSpec("untrusted_agent", null, "prompt", "bedrock/nova-pro", List.of(), List.of());
        refused.put("ImageBuilt has no spec", new ImageBuilt(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                Instant.now(), 1, Instant.now(), null, echoImage.reference(), echoImage.digest(),
                List.of(echoImage.platform()), "sha256:" + "01".repeat(32)));
        refused.put("spec.name '../escape' is not an agent name", imageBuilt(UUID.randomUUID(), "../escape", echoImage));
        refused.put("ImageBuilt has no imageReference", new ImageBuilt(UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), Instant.now(), 1, Instant.now(), spec, " ", echoImage.digest(),
                List.of(echoImage.platform()), "sha256:" + "01".repeat(32)));
        for (String path : List.of(outside.toString(), archiveDir() + "/../" + outside.getFileName(), link.toString(),
                "/etc/hostname", archiveDir().toString())) {
            refused.put("docker-archive " + path + " is not a file under agentfoundry.deployer.local.archive-dir",
                    new ImageBuilt(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), Instant.now(), 1,
                            Instant.now(), spec, "docker-archive:" + path, echoImage.digest(),
                            List.of(echoImage.platform()), "sha256:" + "01".repeat(32)));
        }
        refused.values().forEach(kafka::publish);

        refused.forEach((message, event) -> {
            StepFailed failed = kafka.awaitEvent(StepFailed.class, event.jobId(), WAIT);
            assertThat(failed.errorCode()).as(message).isEqualTo("INVALID_IMAGE_BUILT");
            assertThat(failed.message()).contains(message);
            assertThat(failed.retryable()).isFalse();
            assertThat(kafka.recordsOf(Topics.RUNTIME_CREATED, event.jobId())).isEmpty();
            // refused before the engine was asked anything: nothing pulled, loaded or started
            assertThat(kafka.logLines(event.jobId())).noneMatch(line -> line.startsWith("Container engine")
                    || line.startsWith("Loading") || line.startsWith("Pulling"));
            assertThat(engine.inspect("agentfoundry-untrusted_agent-" + event.jobId().toString().substring(0, 8)))
                    .isEmpty();
        });
    }

    @Test
    void aLaterJobOfTheSameAgentReplacesItsContainer() {
        UUID first = UUID.randomUUID();
        kafka.publish(imageBuilt(first, "replaced_agent", echoImage));
        RuntimeCreated firstRuntime = kafka.awaitEvent(RuntimeCreated.class, first, WAIT);
        UUID second = UUID.randomUUID();
        kafka.publish(imageBuilt(second, "replaced_agent", echoImage));
        RuntimeCreated secondRuntime = kafka.awaitEvent(RuntimeCreated.class, second, WAIT);

        assertThat(secondRuntime.runtimeId()).isNotEqualTo(firstRuntime.runtimeId());
        assertThat(engine.inspect(firstRuntime.runtimeId())).isEmpty();
        assertThat(engine.inspect(secondRuntime.runtimeId()).orElseThrow().running()).isTrue();
        given().get("/api/deployments/{jobId}", first).then().statusCode(200)
                .body("status", equalTo("SUPERSEDED"))
                .body("supersededBy", equalTo(second.toString()));
        given().delete("/api/deployments/{jobId}", first).then().statusCode(409);
        given().delete("/api/deployments/{jobId}", second).then().statusCode(200);
    }

    @Test
    void anImageThatCannotStartFailsTheStepWithItsLastLogLines() {
        UUID jobId = UUID.randomUUID();
        kafka.publish(imageBuilt(jobId, "broken_agent", brokenImage));

        StepFailed failed = kafka.awaitEvent(StepFailed.class, jobId, WAIT);
        assertThat(failed.errorCode()).isEqualTo("CONTAINER_NOT_READY");
        assertThat(failed.message())
                .contains("exited with code 1; its last ")
                .contains("loading the agent's tools")
                .contains("strands_tools_that_are_not_installed");
        assertThat(kafka.recordsOf(Topics.RUNTIME_CREATED, jobId)).isEmpty();
        given().get("/api/deployments/{jobId}", jobId).then().statusCode(404);
        assertThat(engine.inspect("agentfoundry-broken_agent-" + jobId.toString().substring(0, 8))).isEmpty();
    }

    @Test
    void cancellingTheJobWhileItsContainerStartsRemovesTheContainerAndFailsTheStep() {
        UUID jobId = UUID.randomUUID();
        String container = "agentfoundry-unhealthy_agent-" + jobId.toString().substring(0, 8);
        kafka.publish(imageBuilt(jobId, "unhealthy_agent", unhealthyImage));
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> kafka.logLines(jobId).stream()
                .anyMatch(line -> line.contains("started; waiting for")));
        assertThat(engine.inspect(container).orElseThrow().running()).isTrue();

        long cancelledAt = System.nanoTime();
        kafka.publish(new JobCancelled(UUID.randomUUID(), jobId, null, Instant.now(), 1, "changed my mind", "test"));
        StepFailed failed = kafka.awaitEvent(StepFailed.class, jobId, WAIT);

        // well before the 45s ready timeout: the wait noticed the cancellation
        assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt)).isLessThan(Duration.ofSeconds(15));
        assertThat(failed.errorCode()).isEqualTo("DEPLOY_CANCELLED");
        assertThat(failed.retryable()).isFalse();
        assertThat(failed.message()).contains("cancelled", container);
        assertThat(engine.inspect(container)).isEmpty();
        assertThat(kafka.recordsOf(Topics.RUNTIME_CREATED, jobId)).isEmpty();
        given().get("/api/deployments/{jobId}", jobId).then().statusCode(404);
    }

    @Test
    void noStepStartsForACancelledJob() throws Exception {
        UUID jobId = UUID.randomUUID();
        var cancelled = kafka.publish(new JobCancelled(UUID.randomUUID(), jobId, null, Instant.now(), 1,
                "changed my mind", "test"));
        kafka.awaitConsumed("deployer-service", Topics.JOB_CANCELLED, cancelled.partition(), cancelled.offset(), WAIT);
        var input = kafka.publish(imageBuilt(jobId, "cancelled_agent", echoImage));
        kafka.awaitConsumed("deployer-service", Topics.IMAGE_BUILT, input.partition(), input.offset(), WAIT);

        assertThat(kafka.recordsOf(Topics.RUNTIME_CREATED, jobId)).isEmpty();
        given().get("/api/deployments/{jobId}", jobId).then().statusCode(404);
        given().accept("text/event-stream").get("/api/steps/{jobId}/logs", jobId).then().statusCode(200)
                .body(containsString("not started: the job was cancelled"));
    }
}
