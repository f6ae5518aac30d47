package io.agentfoundry.generator;

import io.agentfoundry.events.AgentRequested;
import io.agentfoundry.events.AgentSpec;
import io.agentfoundry.events.CodeGenerated;
import io.agentfoundry.events.EventCodec;
import io.agentfoundry.events.StepFailed;
import io.agentfoundry.events.Topics;
import io.agentfoundry.generator.testing.Requests;
import io.agentfoundry.platform.bundle.BundleArchive;
import io.agentfoundry.testinfra.KafkaTestClient;
import io.agentfoundry.testinfra.PipelineInfrastructure;
import io.agentfoundry.testinfra.PipelineTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@WithTestResource(value = PipelineTestResource.class, initArgs = @ResourceArg(name = "database", value = "generator"))
class AgentRequestedConsumerTest {

    private static KafkaTestClient kafka;

    @BeforeAll
    static void connect() {
        kafka = new KafkaTestClient(PipelineInfrastructure.shared().kafka().bootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    private static AgentRequested request(UUID jobId, String systemPrompt) {
        return Requests.accepted(jobId, Requests.simpleSpec("weather_agent", systemPrompt, "http_request", "calculator"),
                Requests.bedrock());
    }

    private static void publish(AgentRequested request) {
        kafka.publish(request);
    }

    @Test
    void generatesABundleAndAnnouncesItWithCloudEventHeaders() {
        UUID jobId = UUID.randomUUID();
        AgentRequested request = request(jobId, "You are \"helpful\"\n\"\"\" ; import os  # \\N{BULLET} \u2028");
        publish(request);

        List<ConsumerRecord<String, String>> generated = kafka.awaitRecords(Topics.CODE_GENERATED, jobId, 1, Duration.ofSeconds(30));
        ConsumerRecord<String, String> record = generated.get(0);
        CodeGenerated event = EventCodec.decode(record.value(), CodeGenerated.class);
        assertThat(event.causationId()).isEqualTo(request.eventId());
        assertThat(event.bundleUrl()).endsWith("/api/generations/" + jobId + "/bundle");
        assertThat(KafkaTestClient.header(record, "ce_id")).isEqualTo(event.eventId().toString());
        assertThat(KafkaTestClient.header(record, "ce_type")).isEqualTo("io.agentfoundry.CodeGenerated.v1");
        assertThat(KafkaTestClient.header(record, "ce_source")).isEqualTo("generator-service");
        assertThat(KafkaTestClient.header(record, "ce_subject")).isEqualTo(jobId.toString());

        byte[] archive = given().get("/api/generations/{jobId}/bundle", jobId)
                .then().statusCode(200).extract().asByteArray();
        var files = BundleArchive.read(new ByteArrayInputStream(archive));
        assertThat(BundleArchive.contentHash(files)).isEqualTo(event.contentHash());
        assertThat(new String(files.get("agent.py"))).contains("from strands import Agent")
                .contains("from strands.models import BedrockModel")
                .contains("from strands_tools import http_request, calculator")
                // the hostile prompt stays inside one escaped, single-line literal
                .contains("SYSTEM_PROMPT = \"You are \\\"helpful\\\"\\n\\\"\\\"\\\" ; import os  # \\\\N{BULLET} \\u2028\"\n");

        given().get("/api/steps/{jobId}", jobId).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("SUCCEEDED"))
                .body("attempts", org.hamcrest.Matchers.equalTo(1));
        given().get("/api/generations/{jobId}", jobId).then().statusCode(200)
                .body("modelId", org.hamcrest.Matchers.equalTo("claude-sonnet-4-5"))
                .body("modelProvider", org.hamcrest.Matchers.equalTo("BEDROCK"))
                .body("catalogVersion", org.hamcrest.Matchers.equalTo("2026-11-24"))
                .body("contentHash", org.hamcrest.Matchers.equalTo(event.contentHash()))
                .body("files.path", org.hamcrest.Matchers.hasItems("agent.py", "agentfoundry-manifest.json"));
    }

    @Test
    void aRedeliveredEventDoesNotGenerateTwice() {
        UUID jobId = UUID.randomUUID();
        AgentRequested request = request(jobId, "Be brief.");
        publish(request);
        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.recordsOf(Topics.CODE_GENERATED, jobId).size() == 1);

        publish(request);
        UUID marker = UUID.randomUUID();
        publish(request(marker, "Marker job, published after the duplicate."));
        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.recordsOf(Topics.CODE_GENERATED, marker).size() == 1);

        assertThat(kafka.recordsOf(Topics.CODE_GENERATED, jobId)).hasSize(1);
        given().get("/api/steps/{jobId}", jobId).then().statusCode(200)
                .body("attempts", org.hamcrest.Matchers.equalTo(1));
    }

    @Test
    void aMalformedRecordIsDeadLetteredAndTheNextJobStillCompletes() {
        String key = UUID.randomUUID().toString();
        kafka.send(Topics.AGENT_REQUESTED, key, "{not json", Map.of());

        List<ConsumerRecord<String, String>> dead = await().atMost(Duration.ofSeconds(30))
                .until(() -> kafka.readAll(Topics.deadLetter("generator-service"), r -> key.equals(r.key())),
                        records -> !records.isEmpty());
        assertThat(KafkaTestClient.header(dead.get(0), "dead-letter-reason")).contains("Not a valid AgentRequested");
        assertThat(dead.get(0).value()).isEqualTo("{not json");

        UUID jobId = UUID.randomUUID();
        publish(request(jobId, "Still working?"));
        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.recordsOf(Topics.CODE_GENERATED, jobId).size() == 1);
    }

    @Test
    void anInvalidSpecFailsTheStepWithStepFailed() {
        UUID jobId = UUID.randomUUID();
        publish(Requests.accepted(jobId, Requests.simpleSpec("bad-name; rm -rf /", "prompt"), Requests.bedrock()));

        StepFailed event = kafka.awaitEvent(StepFailed.class, jobId, Duration.ofSeconds(30));
        assertThat(event.errorCode()).isEqualTo("INVALID_AGENT_NAME");
        assertThat(event.retryable()).isFalse();
        given().get("/api/steps/{jobId}", jobId).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("FAILED"));
    }

    @Test
    void aToolBodyThatDoesNotParseFailsTheStepWithWhereItBreaks() {
        UUID jobId = UUID.randomUUID();
        AgentSpec spec = Requests.spec("body_agent", "Use the tool.", List.of(), List.of(Requests.pythonTool("compute",
                "Computes.", "value = x * 2\nreturn value +", Requests.parameter("x", "integer", "x", true))),
                null, false, null);
        publish(Requests.accepted(jobId, spec, Requests.bedrock()));

        StepFailed event = kafka.awaitEvent(StepFailed.class, jobId, Duration.ofSeconds(30));
        assertThat(event.errorCode()).isEqualTo("INVALID_PYTHON_BODY");
        assertThat(event.message()).contains("compute", "line 2");
        assertThat(kafka.recordsOf(Topics.CODE_GENERATED, jobId)).isEmpty();
    }
}
