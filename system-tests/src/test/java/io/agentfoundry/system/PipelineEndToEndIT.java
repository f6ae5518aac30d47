package io.agentfoundry.system;

import io.agentfoundry.events.AgentRequested;
import io.agentfoundry.events.CodeGenerated;
import io.agentfoundry.events.EventCodec;
import io.agentfoundry.events.AgentSpec;
import io.agentfoundry.events.ImageBuilt;
import io.agentfoundry.events.PipelineStep;
import io.agentfoundry.events.RuntimeCreated;
import io.agentfoundry.events.StepFailed;
import io.agentfoundry.events.TestCompleted;
import io.agentfoundry.events.Topics;
import io.agentfoundry.testinfra.KafkaTestClient;
import io.agentfoundry.testinfra.LocalRegistry;
import io.agentfoundry.testinfra.PipelineInfrastructure;
import io.agentfoundry.testinfra.TestImages;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The five packaged services, each in its own JVM with its own database, on a real Kafka broker and a real PostgreSQL:
 * a job submitted over REST must travel the whole pipeline. Agents are built on the offline test runtime (Debian's
 * python3, FastAPI and uvicorn with a test double of strands that echoes the prompt), pushed to a real registry, run as
 * containers by a real Podman engine and tested over HTTP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineEndToEndIT {

    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(180);
    private final List<UUID> jobs = new ArrayList<>();
    private Pipeline pipeline;
    private KafkaTestClient kafka;

    @BeforeAll
    void startPipeline() throws Exception {
        kafka = new KafkaTestClient(PipelineInfrastructure.shared().kafka().bootstrapServers());
        pipeline = Pipeline.start(Path.of("target", "e2e").toAbsolutePath(), Map.of());
    }

    @AfterAll
    void stopPipeline() {
        // the agents' containers go with the pipeline
        jobs.forEach(jobId -> RestAssured.delete(pipeline.url(PipelineStep.DEPLOY) + "/api/deployments/" + jobId));
        if (pipeline != null) {
            for (PipelineStep step : PipelineStep.values()) {
                System.out.printf("%s resident memory: %d MB%n", step.service(),
                        pipeline.service(step).residentKilobytes() / 1024);
            }
            pipeline.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    private String registry() {
        return pipeline.registry();
    }

    private UUID submit(String name) {
        return submit(name, List.of(Map.of("name", "greets", "prompt", "Hello? Say hello back.",
                "expectContains", "hello", "expectRegex", "(?i)say\\s+hello", "maxLatencyMs", 30000)));
    }

    private UUID submit(String name, List<Map<String, Object>> testCases) {
        String location = RestAssured.given().contentType(ContentType.JSON)
                .body(Map.of(
                        "name", name,
                        "systemPrompt", "You answer questions about the weather. Never reveal \"\"\" secrets.",
                        "modelId", "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
                        "tools", List.of("http_request"),
                        "testCases", testCases))
                .post(registry() + "/api/agents")
                .then().statusCode(202).extract().header("Location");
        UUID jobId = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        jobs.add(jobId);
        return jobId;
    }

    private JsonPath awaitFinished(UUID jobId) {
        return await().atMost(JOB_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(
                () -> RestAssured.get(registry() + "/api/agents/" + jobId).then().statusCode(200).extract().jsonPath(),
                job -> List.of("SUCCEEDED", "FAILED").contains(job.getString("status")));
    }

    @Test
    void aJobSubmittedOverRestReachesTestCompletedThroughAllFiveServices() {
        UUID jobId = submit("weather_agent");

        JsonPath job = awaitFinished(jobId);
        assertThat(job.getString("status")).as(job.prettify()).isEqualTo("SUCCEEDED");
        assertThat(job.getList("steps.step")).containsExactly("REQUEST", "GENERATE", "BUILD", "DEPLOY", "TEST");
        assertThat(job.getList("steps.status")).containsOnly("SUCCEEDED");
        assertThat(job.getList("steps.startedAt")).doesNotContainNull();
        assertThat(job.getList("steps.finishedAt")).doesNotContainNull();
        assertThat(job.getString("steps[2].result.digest")).matches("sha256:[0-9a-f]{64}");

        RuntimeCreated runtime = kafka.eventsOf(RuntimeCreated.class, jobId).get(0);
        assertThat(runtime.target()).isEqualTo("LOCAL");
        assertThat(runtime.imageReference()).startsWith(LocalRegistry.shared().host() + "/agentfoundry/weather_agent:");
        assertThat(RestAssured.given().get(runtime.invocationUrl() + "/ping").then().statusCode(200).extract()
                .jsonPath().getString("status")).startsWith("Healthy");
        RestAssured.get(pipeline.url(PipelineStep.DEPLOY) + "/api/deployments/" + jobId).then()
                .statusCode(200).body("status", org.hamcrest.Matchers.equalTo("ACTIVE"))
                .body("runtimeId", org.hamcrest.Matchers.equalTo(runtime.runtimeId()));

        List<ConsumerRecord<String, String>> completed = kafka.recordsOf(Topics.TEST_COMPLETED, jobId);
        assertThat(completed).hasSize(1);
        TestCompleted tested = EventCodec.decode(completed.get(0).value(), TestCompleted.class);
        assertThat(tested.passed()).as(tested.summary()).isTrue();
        assertThat(tested.latencyP50Ms()).isNotNull();
        // the agent in the container answered: the strands test double echoes the prompt
        JsonPath report = RestAssured.get(pipeline.url(PipelineStep.TEST) + "/api/test-runs/" + jobId)
                .then().statusCode(200).extract().jsonPath();
        assertThat(report.getBoolean("passed")).isTrue();
        assertThat(report.getList("checks.name", String.class)).hasSize(2);
        assertThat(report.getString("checks[1].excerpt")).contains("Hello? Say hello back.");
        // uvicorn's access log, from the container, for the test window
        assertThat(report.getString("runtimeLogs")).contains("POST /invocations");
        assertThat(KafkaTestClient.header(completed.get(0), "ce_source")).isEqualTo("tester-service");
        assertThat(KafkaTestClient.header(completed.get(0), "ce_type")).isEqualTo("io.agentfoundry.TestCompleted.v1");

        // each service serves its own step and logs
        RestAssured.get(pipeline.url(PipelineStep.GENERATE) + "/api/steps/" + jobId).then().statusCode(200);
        String log = RestAssured.given().accept("text/event-stream")
                .get(pipeline.url(PipelineStep.BUILD) + "/api/steps/" + jobId + "/logs")
                .then().statusCode(200).extract().asString();
        assertThat(log).contains("event:log").contains("Built ").contains("event:end");
        assertThat(kafka.recordsOf(Topics.JOB_LOGS, jobId))
                .extracting(record -> KafkaTestClient.header(record, "ce_source"))
                .contains("registry-service", "generator-service", "builder-service", "deployer-service", "tester-service");
    }

    @Test
    void aJobWhoseAgentDoesNotSayWhatItsTestExpectsEndsTestCompletedFailedWithTheReason() {
        UUID jobId = submit("forecaster", List.of(
                Map.of("name", "echoes the city", "prompt", "Will it rain in Lisbon tomorrow?", "expectContains", "Lisbon"),
                Map.of("name", "promises sun", "prompt", "Will it rain in Lisbon tomorrow?", "expectContains", "sunny")));

        JsonPath job = awaitFinished(jobId);
        assertThat(job.getString("status")).isEqualTo("FAILED");
        assertThat(job.getList("steps.status")).containsExactly("SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "FAILED");
        TestCompleted tested = kafka.eventsOf(TestCompleted.class, jobId).get(0);
        assertThat(tested.passed()).isFalse();
        assertThat(tested.checksFailed()).isEqualTo(1);
        assertThat(tested.summary()).contains("promises sun").contains("sunny");

        JsonPath report = RestAssured.get(pipeline.url(PipelineStep.TEST) + "/api/test-runs/" + jobId)
                .then().statusCode(200).extract().jsonPath();
        assertThat(report.getBoolean("passed")).isFalse();
        assertThat(report.getList("checks.passed", Boolean.class)).containsExactly(true, true, false);
        assertThat(report.getString("checks[2].detail"))
                .contains("expected the answer to contain 'sunny'")
                .contains("Will it rain in Lisbon tomorrow?");
    }

    @Test
    void anImageThatCannotStartEndsInStepFailedWithTheContainersLastLogLines() {
        TestImages.Pushed broken = TestImages.push(LocalRegistry.shared(), "agentfoundry/broken_agent", "e2e",
                Map.of("agentcore_server.py", "print('importing the agent', flush=True)\nimport strands_missing_provider\n"),
                List.of("python3", "agentcore_server.py"));
        UUID jobId = UUID.randomUUID();
        jobs.add(jobId);
        // published as another platform service would: straight onto the deployer's input topic
        kafka.publish(new ImageBuilt(UUID.randomUUID(), jobId, UUID.randomUUID(), Instant.now(), 1, Instant.now(),
                new AgentSpec("broken_agent", null, "prompt", "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
                        List.of(), List.of()),
                broken.reference(), broken.digest(), List.of(broken.platform()), "sha256:" + "0".repeat(64)));

        StepFailed failed = kafka.awaitEventUnless(StepFailed.class, RuntimeCreated.class, jobId, JOB_TIMEOUT);
        assertThat(failed.step()).isEqualTo(PipelineStep.DEPLOY);
        assertThat(failed.errorCode()).isEqualTo("CONTAINER_NOT_READY");
        assertThat(failed.message()).contains("exited with code 1")
                .contains("importing the agent")
                .contains("ModuleNotFoundError: No module named 'strands_missing_provider'");
        assertThat(kafka.recordsOf(Topics.RUNTIME_CREATED, jobId)).isEmpty();
    }

    @Test
    void aMalformedRecordOnEachServicesInputLandsOnItsDeadLetterTopicAndTheNextJobCompletes() {
        Map<String, String> inputOf = Map.of(
                "generator-service", Topics.AGENT_REQUESTED,
                "builder-service", Topics.CODE_GENERATED,
                "deployer-service", Topics.IMAGE_BUILT,
                "tester-service", Topics.RUNTIME_CREATED,
                "registry-service", Topics.STEP_FAILED);
        String key = "poison-" + UUID.randomUUID();
        inputOf.forEach((service, topic) -> kafka.send(topic, key, "{\"eventId\": \"not-a-uuid\"", Map.of()));

        // The registry also reads code-generated, image-built and runtime-created, so its dead-letter topic gets those
        // poison records too: each service must have dead-lettered the one from its own input.
        inputOf.forEach((service, topic) -> {
            ConsumerRecord<String, String> record = await().atMost(Duration.ofSeconds(30)).until(
                    () -> kafka.readAll(Topics.deadLetter(service), dead -> key.equals(dead.key())
                            && topic.equals(KafkaTestClient.header(dead, "dead-letter-topic"))),
                    records -> !records.isEmpty()).get(0);
            assertThat(KafkaTestClient.header(record, "dead-letter-reason")).as(service).contains("Not a valid");
            assertThat(record.value()).isEqualTo("{\"eventId\": \"not-a-uuid\"");
        });

        UUID jobId = submit("after_poison");
        assertThat(awaitFinished(jobId).getString("status")).isEqualTo("SUCCEEDED");
    }

    @Test
    void anEventDeliveredTwiceDoesNotRepeatTheStep() throws Exception {
        UUID jobId = submit("delivered_twice");
        assertThat(awaitFinished(jobId).getString("status")).isEqualTo("SUCCEEDED");

        // Redeliver the job's AgentRequested and CodeGenerated records exactly as they were (same eventId, headers).
        for (String topic : List.of(Topics.AGENT_REQUESTED, Topics.CODE_GENERATED)) {
            ConsumerRecord<String, String> original = kafka.recordsOf(topic, jobId).get(0);
            Map<String, String> headers = new HashMap<>();
            for (Header header : original.headers()) {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
            var sent = kafka.send(topic, original.key(), original.value(), headers);
            String consumer = topic.equals(Topics.AGENT_REQUESTED) ? "generator-service" : "builder-service";
            kafka.awaitConsumed(consumer, topic, sent.partition(), sent.offset(), Duration.ofSeconds(30));
        }

        // both deliveries are on the topics, but each step ran once: one output event each, from one eventId
        assertThat(eventIdsOn(Topics.AGENT_REQUESTED, jobId)).hasSize(1);
        assertThat(kafka.recordsOf(Topics.AGENT_REQUESTED, jobId)).hasSize(2);
        assertThat(eventIdsOn(Topics.CODE_GENERATED, jobId)).hasSize(1);
        assertThat(kafka.recordsOf(Topics.CODE_GENERATED, jobId)).hasSize(2);
        assertThat(kafka.recordsOf(Topics.IMAGE_BUILT, jobId)).hasSize(1);
        assertThat(kafka.recordsOf(Topics.RUNTIME_CREATED, jobId)).hasSize(1);
        assertThat(kafka.recordsOf(Topics.TEST_COMPLETED, jobId)).hasSize(1);
        RestAssured.get(pipeline.url(PipelineStep.BUILD) + "/api/steps/" + jobId)
                .then().statusCode(200).body("attempts", org.hamcrest.Matchers.equalTo(1));
        JsonPath generate = RestAssured.get(pipeline.url(PipelineStep.GENERATE) + "/api/steps/" + jobId)
                .then().statusCode(200).extract().jsonPath();
        assertThat(generate.getInt("attempts")).isEqualTo(1);
        CodeGenerated generated = kafka.eventsOf(CodeGenerated.class, jobId).get(0);
        AgentRequested requested = kafka.eventsOf(AgentRequested.class, jobId).get(0);
        assertThat(generated.causationId()).isEqualTo(requested.eventId());
    }

    private java.util.Set<String> eventIdsOn(String topic, UUID jobId) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        kafka.recordsOf(topic, jobId).forEach(record -> ids.add(KafkaTestClient.header(record, "ce_id")));
        return ids;
    }
}
