package io.agentfoundry.system;

import io.agentfoundry.engine.ContainerEngine;
import io.agentfoundry.events.PipelineStep;
import io.agentfoundry.events.Topics;
import io.agentfoundry.testinfra.KafkaTestClient;
import io.agentfoundry.testinfra.PipelineInfrastructure;
import io.agentfoundry.testinfra.PodmanEngine;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a crash does, on the whole system: kill -9 of a service mid-step. Leases are short here (4 s), so a step whose
 * worker died is taken over within seconds of its service's restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultToleranceIT {

    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(240);
    private static final String JOB_LABEL = "io.agentfoundry.job-id";
    private Pipeline pipeline;
    private KafkaTestClient kafka;
    private ContainerEngine engine;

    @BeforeAll
    void startPipeline() throws Exception {
        kafka = new KafkaTestClient(PipelineInfrastructure.shared().kafka().bootstrapServers());
        engine = ContainerEngine.connect(PodmanEngine.shared().host(), Duration.ofSeconds(30));
        pipeline = Pipeline.start(Path.of("target", "faults").toAbsolutePath(), Map.of(
                "agentfoundry.platform.step.lease", "4s",
                "agentfoundry.platform.step.takeover-interval", "500ms",
                "agentfoundry.platform.step.max-crashes", "3",
                "agentfoundry.deployer.reconcile.interval", "2s",
                "agentfoundry.deployer.reconcile.grace", "2s"));
    }

    @AfterAll
    void stopPipeline() {
        if (pipeline != null) {
            pipeline.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    private UUID submit(String name) {
        String location = RestAssured.given().contentType(ContentType.JSON)
                .body(Map.of("name", name, "systemPrompt", "You greet people.",
                        "modelId", "us.anthropic.claude-sonnet-4-5-20250929-v1:0", "tools", List.of(),
                        "testCases", List.of(Map.of("name", "greets", "prompt", "Hello?", "expectContains", "hello"))))
                .post(pipeline.registry() + "/api/agents")
                .then().statusCode(202).extract().header("Location");
        return UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
    }

    private JsonPath step(PipelineStep step, UUID jobId) {
        Response response = RestAssured.get(pipeline.url(step) + "/api/steps/" + jobId);
        return response.statusCode() == 200 ? response.jsonPath() : null;
    }

    /** Waits until the step's service works on the job's given attempt. */
    private void awaitRunning(PipelineStep step, UUID jobId, int attempt) {
        await().atMost(JOB_TIMEOUT).pollInterval(Duration.ofMillis(50)).until(() -> {
            JsonPath state = step(step, jobId);
            return state != null && "RUNNING".equals(state.getString("status")) && state.getInt("attempts") == attempt;
        });
    }

    private JsonPath awaitJob(UUID jobId, String status) {
        return await().atMost(JOB_TIMEOUT).pollInterval(Duration.ofMillis(300)).until(
                () -> RestAssured.get(pipeline.registry() + "/api/agents/" + jobId).then().extract().jsonPath(),
                job -> status.equals(job.getString("status")));
    }

    private int distinctEvents(String topic, UUID jobId) {
        return (int) kafka.recordsOf(topic, jobId).stream()
                .map(record -> KafkaTestClient.header(record, "ce_id")).distinct().count();
    }

    @Test
    void aBuildWhoseServiceIsKilledIsTakenOverWhenItsLeaseExpiresAndRunsOnceMore() throws Exception {
        UUID jobId = submit("killed_build");
        awaitRunning(PipelineStep.BUILD, jobId, 1);
        pipeline.kill(PipelineStep.BUILD);
        pipeline.restart(PipelineStep.BUILD);

        JsonPath job = awaitJob(jobId, "SUCCEEDED");
        assertThat(job.getList("steps.status")).containsOnly("SUCCEEDED");
        JsonPath build = step(PipelineStep.BUILD, jobId);
        assertThat(build.getInt("attempts")).as("the killed attempt and the one that took over").isEqualTo(2);
        assertThat(build.getInt("crashes")).isEqualTo(1);
        assertThat(distinctEvents(Topics.IMAGE_BUILT, jobId)).isEqualTo(1);
        assertThat(distinctEvents(Topics.STEP_FAILED, jobId)).isZero();
        assertThat(RestAssured.given().accept("text/event-stream")
                .get(pipeline.url(PipelineStep.BUILD) + "/api/steps/" + jobId + "/logs").asString())
                .contains("build resumes: its worker", "stopped renewing its lease (crash 1 of at most 3)");
        RestAssured.delete(pipeline.url(PipelineStep.DEPLOY) + "/api/deployments/" + jobId);
    }

    @Test
    void aStepWhoseServiceCrashesEveryTimeFailsWithStepCrashedAfterThreeCrashes() throws Exception {
        UUID jobId = submit("crash_looping");
        for (int attempt = 1; attempt <= 3; attempt++) {
            awaitRunning(PipelineStep.BUILD, jobId, attempt);
            pipeline.kill(PipelineStep.BUILD);
            pipeline.restart(PipelineStep.BUILD);
        }

        JsonPath job = awaitJob(jobId, "FAILED");
        assertThat(job.getString("steps[2].errorCode")).isEqualTo("STEP_CRASHED");
        JsonPath build = step(PipelineStep.BUILD, jobId);
        assertThat(build.getString("status")).isEqualTo("FAILED");
        assertThat(build.getInt("crashes")).isEqualTo(3);
        assertThat(build.getInt("attempts")).isEqualTo(3);
        assertThat(build.getString("errorMessage")).contains("stopped 3 times");
        assertThat(distinctEvents(Topics.IMAGE_BUILT, jobId)).isZero();
        assertThat(distinctEvents(Topics.STEP_FAILED, jobId)).isEqualTo(1);
    }

    @Test
    void aJobCancelledWhileTheDeployerIsDownLeavesNoRuntimeOnceItIsBack() throws Exception {
        UUID jobId = submit("cancelled_while_down");
        // the deployer has started the job's container
        await().atMost(JOB_TIMEOUT).pollInterval(Duration.ofMillis(50))
                .until(() -> !engine.list(JOB_LABEL, jobId.toString()).isEmpty());
        pipeline.kill(PipelineStep.DEPLOY);
        RestAssured.given().header("X-Client-Id", "ops").delete(pipeline.registry() + "/api/agents/" + jobId)
                .then().statusCode(200);
        assertThat(engine.list(JOB_LABEL, jobId.toString())).as("the container outlives its deployer").isNotEmpty();

        pipeline.restart(PipelineStep.DEPLOY);

        await().atMost(JOB_TIMEOUT).pollInterval(Duration.ofMillis(500))
                .until(() -> engine.list(JOB_LABEL, jobId.toString()).isEmpty());
        Response deployment = RestAssured.get(pipeline.url(PipelineStep.DEPLOY) + "/api/deployments/" + jobId);
        if (deployment.statusCode() == 200) {
            assertThat(deployment.jsonPath().getString("status")).isNotEqualTo("ACTIVE");
        }
        assertThat(RestAssured.get(pipeline.registry() + "/api/agents/" + jobId).jsonPath().getString("status"))
                .isEqualTo("CANCELLED");
    }
}
