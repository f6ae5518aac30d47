package io.agentfoundry.registry;

import io.agentfoundry.events.AgentRequested;
import io.agentfoundry.events.CodeGenerated;
import io.agentfoundry.events.EventCodec;
import io.agentfoundry.events.EventType;
import io.agentfoundry.events.ImageBuilt;
import io.agentfoundry.events.PipelineEvent;
import io.agentfoundry.events.RuntimeCreated;
import io.agentfoundry.events.TestCompleted;
import io.agentfoundry.events.Topics;
import io.agentfoundry.testinfra.KafkaTestClient;
import io.agentfoundry.testinfra.PipelineInfrastructure;
import io.agentfoundry.testinfra.PipelineTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
@WithTestResource(value = PipelineTestResource.class, initArgs = @ResourceArg(name = "database", value = "registry"))
class AgentJobResourceTest {

    private static KafkaTestClient kafka;

    @BeforeAll
    static void connect() {
        kafka = new KafkaTestClient(PipelineInfrastructure.shared().kafka().bootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    private static final Map<String, Object> VALID = Map.of(
            "name", "support_bot",
            "systemPrompt", "You help customers.",
            "modelId", "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
            "tools", List.of("http_request"));

    @Test
    void aSpecThatBreaksFiveRulesGetsFiveViolationsWithTheirPaths() {
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "name", "bad-name",
                        "systemPrompt", " ",
                        "modelId", "model id with spaces",
                        "tools", List.of("http_request", "http_request"),
                        "testCases", List.of(Map.of("name", "empty prompt", "prompt", ""))))
                .post("/api/agents")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("violations", hasSize(5))
                .body("violations.path", containsInAnyOrder("$.name", "$.systemPrompt", "$.modelId", "$.tools[1]",
                        "$.testCases[0].prompt"));
    }

    @Test
    void anAcceptedJobIsAnnouncedWithAgentRequestedAndCloudEventHeaders() {
        String location = given().contentType(ContentType.JSON).body(VALID)
                .post("/api/agents")
                .then().statusCode(202).body("status", equalTo("ACCEPTED"))
                .extract().header("Location");
        UUID jobId = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));

        ConsumerRecord<String, String> record = await().atMost(Duration.ofSeconds(20)).until(
                () -> kafka.readAll(Topics.AGENT_REQUESTED, r -> jobId.toString().equals(r.key())),
                records -> !records.isEmpty()).get(0);
        AgentRequested event = EventCodec.decode(record.value(), AgentRequested.class);
        assertThat(event.spec().name()).isEqualTo("support_bot");
        assertThat(KafkaTestClient.header(record, "ce_id")).isEqualTo(event.eventId().toString());
        assertThat(KafkaTestClient.header(record, "ce_type")).isEqualTo("io.agentfoundry.AgentRequested.v1");
        assertThat(KafkaTestClient.header(record, "ce_source")).isEqualTo("registry-service");
        assertThat(KafkaTestClient.header(record, "ce_subject")).isEqualTo(jobId.toString());

        given().get(location).then().statusCode(200)
                .body("status", equalTo("ACCEPTED"))
                .body("steps.step", org.hamcrest.Matchers.contains("REQUEST", "GENERATE", "BUILD", "DEPLOY", "TEST"))
                .body("steps[0].status", equalTo("SUCCEEDED"));
    }

    @Test
    void theJobViewIsRightWhenEventsArriveTwiceAndOutOfOrder() {
        String location = given().contentType(ContentType.JSON).body(VALID).post("/api/agents")
                .then().statusCode(202).extract().header("Location");
        UUID jobId = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        UUID cause = UUID.randomUUID();
        Instant now = Instant.now();
        String digest = "sha256:" + "ab".repeat(32);

        TestCompleted tested = new TestCompleted(UUID.randomUUID(), jobId, cause, now.plusSeconds(4), 1,
                now.plusSeconds(3), true, 2, 0, "2 checks passed");
        publish(tested);
        publish(new RuntimeCreated(UUID.randomUUID(), jobId, cause, now.plusSeconds(3), 1, now.plusSeconds(2), null,
                "RECORDED", "recorded-" + jobId, null, "agentfoundry/support_bot:" + jobId, digest));
        publish(new CodeGenerated(UUID.randomUUID(), jobId, cause, now.plusSeconds(1), 1, now, null,
                "http://generator/api/generations/" + jobId + "/bundle", digest, 5, "0.1.0"));
        publish(tested);
        publish(new ImageBuilt(UUID.randomUUID(), jobId, cause, now.plusSeconds(2), 1, now.plusSeconds(1), null,
                "agentfoundry/support_bot:" + jobId, digest, List.of("linux/arm64"), digest));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get(location).then().statusCode(200)
                .body("status", equalTo("SUCCEEDED"))
                .body("steps.status", everyItem(equalTo("SUCCEEDED")))
                .body("steps[4].result.summary", equalTo("2 checks passed"))
                .body("steps[2].result.digest", equalTo(digest))
                .body("steps[1].durationMs", equalTo(1000)));
    }

    private static void publish(PipelineEvent event) {
        kafka.send(EventType.of(event).topic(), event.jobId().toString(), EventCodec.encode(event), Map.of(
                "ce_id", event.eventId().toString(), "ce_type", EventType.of(event).cloudEventType(),
                "ce_source", "test", "ce_specversion", "1.0", "ce_subject", event.jobId().toString()));
    }
}
