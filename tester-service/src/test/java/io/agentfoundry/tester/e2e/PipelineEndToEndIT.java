package io.agentfoundry.tester.e2e;

import io.agentfoundry.events.AgentRequested;
import io.agentfoundry.events.CodeGenerated;
import io.agentfoundry.events.EventCodec;
import io.agentfoundry.events.PipelineStep;
import io.agentfoundry.events.TestCompleted;
import io.agentfoundry.events.Topics;
import io.agentfoundry.testinfra.FreePorts;
import io.agentfoundry.testinfra.KafkaTestClient;
import io.agentfoundry.testinfra.LocalInfrastructure;
import io.agentfoundry.testinfra.PipelineInfrastructure;
import io.agentfoundry.testinfra.PostgresServer;
import io.agentfoundry.testinfra.ServiceProcess;
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
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The five packaged services, each in its own JVM with its own database, on a real Kafka broker and a real PostgreSQL:
 * a job submitted over REST must travel the whole pipeline.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineEndToEndIT {

    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(90);
    private final Map<PipelineStep, ServiceProcess> services = new EnumMap<>(PipelineStep.class);
    private KafkaTestClient kafka;

    @BeforeAll
    void startPipeline() throws Exception {
        PipelineInfrastructure infrastructure = PipelineInfrastructure.shared();
        kafka = new KafkaTestClient(infrastructure.kafka().bootstrapServers());
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path logs = Path.of("target", "e2e-logs").toAbsolutePath();
        Map<PipelineStep, Integer> ports = new EnumMap<>(PipelineStep.class);
        for (PipelineStep step : PipelineStep.values()) {
            ports.put(step, FreePorts.find());
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (PipelineStep step : PipelineStep.values()) {
            Map<String, String> properties = new HashMap<>();
            properties.put("kafka.bootstrap.servers", infrastructure.kafka().bootstrapServers());
            properties.put("quarkus.datasource.jdbc.url",
                    infrastructure.postgres().database(LocalInfrastructure.databaseOf(step) + "_e2e_" + run));
            properties.put("quarkus.datasource.username", PostgresServer.SERVICE_USER);
            properties.put("quarkus.datasource.password", PostgresServer.SERVICE_PASSWORD);
            properties.put("agentfoundry.generator.public-url", "http://127.0.0.1:" + ports.get(PipelineStep.GENERATE));
            properties.put("agentfoundry.builder.output-dir", Path.of("target", "e2e-images").toAbsolutePath().toString());
            services.put(step, ServiceProcess.start(step.service(), root.resolve(step.service()), ports.get(step),
                    properties, logs));
        }
        for (ServiceProcess service : services.values()) {
            service.awaitReady(Duration.ofSeconds(90));
        }
    }

    @AfterAll
    void stopPipeline() {
        services.values().forEach(service -> System.out.printf("%s resident memory: %d MB%n", service.name(),
                service.residentKilobytes() / 1024));
        services.values().forEach(ServiceProcess::close);
        if (kafka != null) {
            kafka.close();
        }
    }

    private String registry() {
        return services.get(PipelineStep.REQUEST).baseUrl();
    }

    private UUID submit(String name) {
        String location = RestAssured.given().contentType(ContentType.JSON)
                .body(Map.of(
                        "name", name,
                        "systemPrompt", "You answer questions about the weather. Never reveal \"\"\" secrets.",
                        "modelId", "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
                        "tools", List.of("http_request"),
                        "testCases", List.of(Map.of("name", "greets", "prompt", "Hello?"))))
                .post(registry() + "/api/agents")
                .then().statusCode(202).extract().header("Location");
        return UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
    }

    private JsonPath awaitFinished(UUID jobId) {
        return await().atMost(JOB_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(
                () -> RestAssured.get(registry() + "/api/agents/" + jobId).then().statusCode(200).extract().jsonPath(),
                job -> List.of("SUCCEEDED", "FAILED").contains(job.getString("status")));
    }

    private List<ConsumerRecord<String, String>> recordsOf(String topic, UUID jobId) {
        return kafka.readAll(topic, record -> jobId.toString().equals(record.key()));
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

        List<ConsumerRecord<String, String>> completed = recordsOf(Topics.TEST_COMPLETED, jobId);
        assertThat(completed).hasSize(1);
        assertThat(EventCodec.decode(completed.get(0).value(), TestCompleted.class).passed()).isTrue();
        assertThat(KafkaTestClient.header(completed.get(0), "ce_source")).isEqualTo("tester-service");
        assertThat(KafkaTestClient.header(completed.get(0), "ce_type")).isEqualTo("io.agentfoundry.TestCompleted.v1");

        // each service serves its own step and logs
        RestAssured.get(services.get(PipelineStep.GENERATE).baseUrl() + "/api/steps/" + jobId).then().statusCode(200);
        String log = RestAssured.given().accept("text/event-stream")
                .get(services.get(PipelineStep.BUILD).baseUrl() + "/api/steps/" + jobId + "/logs")
                .then().statusCode(200).extract().asString();
        assertThat(log).contains("event:log").contains("Built ").contains("event:end");
        assertThat(kafka.readAll(Topics.JOB_LOGS, record -> jobId.toString().equals(record.key())))
                .extracting(record -> KafkaTestClient.header(record, "ce_source"))
                .contains("registry-service", "generator-service", "builder-service", "deployer-service", "tester-service");
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
            ConsumerRecord<String, String> original = recordsOf(topic, jobId).get(0);
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
        assertThat(recordsOf(Topics.AGENT_REQUESTED, jobId)).hasSize(2);
        assertThat(eventIdsOn(Topics.CODE_GENERATED, jobId)).hasSize(1);
        assertThat(recordsOf(Topics.CODE_GENERATED, jobId)).hasSize(2);
        assertThat(recordsOf(Topics.IMAGE_BUILT, jobId)).hasSize(1);
        assertThat(recordsOf(Topics.RUNTIME_CREATED, jobId)).hasSize(1);
        assertThat(recordsOf(Topics.TEST_COMPLETED, jobId)).hasSize(1);
        RestAssured.get(services.get(PipelineStep.BUILD).baseUrl() + "/api/steps/" + jobId)
                .then().statusCode(200).body("attempts", org.hamcrest.Matchers.equalTo(1));
        JsonPath generate = RestAssured.get(services.get(PipelineStep.GENERATE).baseUrl() + "/api/steps/" + jobId)
                .then().statusCode(200).extract().jsonPath();
        assertThat(generate.getInt("attempts")).isEqualTo(1);
        CodeGenerated generated = EventCodec.decode(recordsOf(Topics.CODE_GENERATED, jobId).get(0).value(),
                CodeGenerated.class);
        AgentRequested requested = EventCodec.decode(recordsOf(Topics.AGENT_REQUESTED, jobId).get(0).value(),
                AgentRequested.class);
        assertThat(generated.causationId()).isEqualTo(requested.eventId());
    }

    private java.util.Set<String> eventIdsOn(String topic, UUID jobId) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        recordsOf(topic, jobId).forEach(record -> ids.add(KafkaTestClient.header(record, "ce_id")));
        return ids;
    }
}
