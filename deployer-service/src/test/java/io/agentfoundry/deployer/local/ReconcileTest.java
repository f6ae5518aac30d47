package io.agentfoundry.deployer.local;

import io.agentfoundry.deployer.service.LocalContainerTarget;
import io.agentfoundry.engine.ContainerEngine;
import io.agentfoundry.events.AgentSpec;
import io.agentfoundry.events.ImageBuilt;
import io.agentfoundry.events.RuntimeCreated;
import io.agentfoundry.events.RuntimeLost;
import io.agentfoundry.events.TestCompleted;
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
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/**
 * The deployer holds what runs against what it recorded, on real Podman: a vanished container comes back at its
 * address, one that cannot is LOST with RuntimeLost, a failed job's runtime is removed after the grace period, and a
 * container of this deployer's that nothing owns is removed, while another deployer's is left alone. Reconciled every
 * second here, with a two-second grace.
 */
@QuarkusTest
@WithTestResource(value = PipelineTestResource.class, initArgs = @ResourceArg(name = "database", value = "deployer_reconcile"))
@WithTestResource(ReconcileTest.FastReconciliation.class)
class ReconcileTest {

    private static final String ECHO_SERVER = """
            from fastapi import FastAPI

            app = FastAPI()

            @app.get("/ping")
            def ping():
                return {"status": "Healthy", "time_of_last_update": 0}
            """;
    private static final List<String> UVICORN =
            List.of("python3", "-m", "uvicorn", "agentcore_server:app", "--host", "0.0.0.0", "--port", "8080");
    private static final Duration WAIT = Duration.ofSeconds(90);

    private static KafkaTestClient kafka;
    private static ContainerEngine engine;
    private static TestImages.Pushed echoImage;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Inject
    LocalContainerTarget local;

    public static class FastReconciliation extends PodmanTestResource {
        @Override
        public Map<String, String> start() {
            Map<String, String> settings = new HashMap<>(super.start());
            settings.put("agentfoundry.deployer.reconcile.enabled", "true");
            settings.put("agentfoundry.deployer.reconcile.interval", "1s");
            settings.put("agentfoundry.deployer.reconcile.grace", "2s");
            return settings;
        }
    }

    @BeforeAll
    static void setUp() {
        kafka = new KafkaTestClient(PipelineInfrastructure.shared().kafka().bootstrapServers());
        engine = ContainerEngine.connect(PodmanEngine.shared().host(), Duration.ofMinutes(2));
        echoImage = TestImages.push(LocalRegistry.shared(), "test/reconciled-agent", "1",
                Map.of("agentcore_server.py", ECHO_SERVER), UVICORN);
    }

    @AfterAll
    static void tearDown() {
        kafka.close();
        engine.close();
    }

    private static RuntimeCreated deploy(UUID jobId, String agent, TestImages.Pushed image) {
        AgentSpec spec = new AgentSpec(agent, null, "prompt", "bedrock/nova-pro", List.of(), List.of());
        kafka.publish(new ImageBuilt(UUID.randomUUID(), jobId, UUID.randomUUID(), Instant.now(), 1, Instant.now(), spec,
                image.reference(), image.digest(), List.of(image.platform()), "sha256:" + "01".repeat(32)));
        return kafka.awaitEvent(RuntimeCreated.class, jobId, WAIT);
    }

    private String ping(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url + "/ping")).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void aContainerRemovedBehindTheDeployersBackIsReCreatedAtItsAddress() throws Exception {
        UUID jobId = UUID.randomUUID();
        RuntimeCreated created = deploy(jobId, "reconciled_agent", echoImage);

        engine.remove(created.runtimeId());

        await().atMost(WAIT).untilAsserted(() -> given().get("/api/deployments/{jobId}", jobId).then()
                .body("status", equalTo("ACTIVE"))
                .body("runtimeId", not(equalTo(created.runtimeId()))));
        String runtimeId = given().get("/api/deployments/{jobId}", jobId).then().extract().path("runtimeId");
        assertThat(engine.inspect(runtimeId).orElseThrow().running()).isTrue();
        // where the tester and callers were told it is
        assertThat(ping(created.invocationUrl())).contains("Healthy");
        given().delete("/api/deployments/{jobId}", jobId).then().statusCode(200);
    }

    @Test
    void aContainerThatCannotBeReCreatedIsLostWithRuntimeLost() throws Exception {
        Path archiveDir = Path.of(ConfigProvider.getConfig().getValue("agentfoundry.deployer.local.archive-dir",
                String.class));
        Path tar = archiveDir.resolve("vanishing.tar");
        TestImages.Pushed archived = TestImages.archive(tar, "agentfoundry/vanishing_agent:1",
                Map.of("agentcore_server.py", ECHO_SERVER), UVICORN);
        UUID jobId = UUID.randomUUID();
        RuntimeCreated created = deploy(jobId, "vanishing_agent", archived);

        // the image it was made from is gone, then the container
        Files.delete(tar);
        engine.remove(created.runtimeId());

        RuntimeLost lost = kafka.awaitEvent(RuntimeLost.class, jobId, WAIT);
        assertThat(lost.runtimeId()).isEqualTo(created.runtimeId());
        assertThat(lost.target()).isEqualTo("LOCAL");
        assertThat(lost.causationId()).isEqualTo(created.eventId());
        assertThat(lost.reason()).contains("gone from the engine", "could not be re-created");
        ConsumerRecord<String, String> record = kafka.recordsOf(Topics.RUNTIME_LOST, jobId).get(0);
        assertThat(KafkaTestClient.header(record, "ce_source")).isEqualTo("deployer-service");
        given().get("/api/deployments/{jobId}", jobId).then().body("status", equalTo("LOST"));
    }

    @Test
    void theRuntimeOfAJobThatFailedItsTestIsRemovedAfterTheGracePeriod() {
        UUID jobId = UUID.randomUUID();
        RuntimeCreated created = deploy(jobId, "failing_test_agent", echoImage);
        kafka.publish(new TestCompleted(UUID.randomUUID(), jobId, created.eventId(), Instant.now(), 1, Instant.now(),
                false, 1, 1, "1 of 2 checks failed", 10L, 10L));

        await().atMost(WAIT).untilAsserted(() -> given().get("/api/deployments/{jobId}", jobId).then()
                .body("status", equalTo("REMOVED")));
        assertThat(engine.inspect(created.runtimeId())).isEmpty();
    }

    @Test
    void aContainerOfThisDeployersThatNothingOwnsIsRemovedAndAnotherDeployersIsLeftAlone() {
        Map<String, String> mine = Map.of("io.agentfoundry.job-id", UUID.randomUUID().toString(),
                LocalContainerTarget.OWNER_LABEL, local.owner());
        Map<String, String> theirs = Map.of("io.agentfoundry.job-id", UUID.randomUUID().toString(),
                LocalContainerTarget.OWNER_LABEL, "another-deployer");
        engine.pull(echoImage.reference(), null, Duration.ofMinutes(2));
        String leftover = engine.run(new ContainerEngine.ContainerSpec("reconcile-leftover-" + UUID.randomUUID(),
                echoImage.reference(), null, 8080, "127.0.0.1", Map.of(), mine));
        String foreign = engine.run(new ContainerEngine.ContainerSpec("reconcile-foreign-" + UUID.randomUUID(),
                echoImage.reference(), null, 8080, "127.0.0.1", Map.of(), theirs));
        try {
            await().atMost(WAIT).until(() -> engine.inspect(leftover).isEmpty());
            assertThat(engine.inspect(foreign)).isPresent();
        } finally {
            engine.remove(foreign);
            engine.remove(leftover);
        }
    }
}
