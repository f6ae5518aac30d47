package io.agentfoundry.deployer.local;

import io.agentfoundry.events.AgentSpec;
import io.agentfoundry.events.ImageBuilt;
import io.agentfoundry.events.RuntimeCreated;
import io.agentfoundry.events.Topics;
import io.agentfoundry.testinfra.KafkaTestClient;
import io.agentfoundry.testinfra.LocalRegistry;
import io.agentfoundry.testinfra.PipelineInfrastructure;
import io.agentfoundry.testinfra.PipelineTestResource;
import io.agentfoundry.testinfra.PostgresServer;
import io.agentfoundry.testinfra.TestImages;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * PostgreSQL goes away for ten seconds while a deployment is under way: the work goes on without it (its log lines
 * wait, its cancellation checks say no), the step's result waits for the database, the service says it is not ready
 * and why, and once PostgreSQL is back the job finishes with one RuntimeCreated. Nothing is dead-lettered.
 */
@QuarkusTest
@WithTestResource(value = PipelineTestResource.class, initArgs = @ResourceArg(name = "database", value = "deployer_local"))
@WithTestResource(PodmanTestResource.class)
class DatabaseOutageTest {

    /** Healthy only after a few seconds: the deployment is still waiting for it when the database goes. */
    private static final String SLOW_SERVER = """
            import time
            time.sleep(8)
            from fastapi import FastAPI

            app = FastAPI()

            @app.get("/ping")
            def ping():
                return {"status": "Healthy", "time_of_last_update": 0}
            """;
    private static final Duration OUTAGE = Duration.ofSeconds(10);
    private static final Duration WAIT = Duration.ofSeconds(120);

    private static KafkaTestClient kafka;
    private static TestImages.Pushed slowImage;

    @BeforeAll
    static void setUp() {
        kafka = new KafkaTestClient(PipelineInfrastructure.shared().kafka().bootstrapServers());
        slowImage = TestImages.push(LocalRegistry.shared(), "test/slow-agent", "1",
                Map.of("agentcore_server.py", SLOW_SERVER),
                List.of("python3", "-m", "uvicorn", "agentcore_server:app", "--host", "0.0.0.0", "--port", "8080"));
    }

    @AfterAll
    static void tearDown() {
        kafka.close();
    }

    @Test
    void postgresDownForTenSecondsDuringADeployDelaysTheJobButDoesNotLoseOrStrandIt() throws Exception {
        UUID jobId = UUID.randomUUID();
        AgentSpec spec = new AgentSpec("outage_agent", null, "prompt", "bedrock/nova-pro", List.of(), List.of());
        kafka.publish(new ImageBuilt(UUID.randomUUID(), jobId, UUID.randomUUID(), Instant.now(), 1, Instant.now(),
                spec, slowImage.reference(), slowImage.digest(), List.of(slowImage.platform()),
                "sha256:" + "01".repeat(32)));
        await().atMost(WAIT).until(() -> {
            Response step = given().get("/api/steps/{jobId}", jobId);
            return step.statusCode() == 200 && "RUNNING".equals(step.jsonPath().getString("status"));
        });

        PostgresServer postgres = PipelineInfrastructure.shared().postgres();
        long stoppedAt = System.nanoTime();
        postgres.stop();
        try {
            // the service is alive but not ready, and says what it waits for
            await().atMost(OUTAGE).until(() -> {
                Response readiness = given().get("/q/health/ready");
                return readiness.statusCode() == 503 && readiness.asString().contains("paused since");
            });
            assertThat(given().get("/q/health/ready").jsonPath().getString(
                    "checks.find { it.name == 'agentfoundry-infrastructure' }.status")).isEqualTo("DOWN");
            given().get("/q/health/live").then().statusCode(200);
            Thread.sleep(Math.max(0, OUTAGE.toMillis() - Duration.ofNanos(System.nanoTime() - stoppedAt).toMillis()));
        } finally {
            postgres.resume();
        }

        RuntimeCreated runtime = kafka.awaitEvent(RuntimeCreated.class, jobId, WAIT);
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/steps/{jobId}", jobId).then()
                .body("status", equalTo("SUCCEEDED")).body("attempts", equalTo(1)));
        given().get("/api/deployments/{jobId}", jobId).then().statusCode(200)
                .body("status", equalTo("ACTIVE")).body("runtimeId", equalTo(runtime.runtimeId()));
        await().atMost(WAIT).until(() -> given().get("/q/health/ready").statusCode() == 200);
        // the lines logged while the database was away were kept and written once it was back
        assertThat(given().accept("text/event-stream").get("/api/steps/{jobId}/logs", jobId).asString())
                .contains("is ready at " + runtime.invocationUrl());
        Thread.sleep(2_000);
        assertThat(kafka.recordsOf(Topics.RUNTIME_CREATED, jobId)).hasSize(1);
        assertThat(kafka.recordsOf(Topics.deadLetter("deployer-service"), jobId)).isEmpty();
        assertThat(kafka.recordsOf(Topics.STEP_FAILED, jobId)).isEmpty();
        given().delete("/api/deployments/{jobId}", jobId).then().statusCode(200);
    }
}
