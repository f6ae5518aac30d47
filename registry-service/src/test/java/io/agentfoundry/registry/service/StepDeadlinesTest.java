package io.agentfoundry.registry.service;

import io.agentfoundry.events.CodeGenerated;
import io.agentfoundry.events.EventCodec;
import io.agentfoundry.events.JobRetried;
import io.agentfoundry.events.PipelineStep;
import io.agentfoundry.events.StepFailed;
import io.agentfoundry.events.Topics;
import io.agentfoundry.testinfra.KafkaTestClient;
import io.agentfoundry.testinfra.PipelineInfrastructure;
import io.agentfoundry.testinfra.PipelineTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
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
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** No job stays RUNNING for ever: a step past its deadline fails the job, retryably, and says which deadline. */
@QuarkusTest
@TestProfile(StepDeadlinesTest.ShortDeadlines.class)
@WithTestResource(value = PipelineTestResource.class, initArgs = @ResourceArg(name = "database", value = "registry"))
class StepDeadlinesTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static KafkaTestClient kafka;

    public static class ShortDeadlines implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("agentfoundry.registry.deadlines.generate", "2s",
                    "agentfoundry.registry.deadlines.build", "3s",
                    "agentfoundry.registry.deadlines.check-interval", "200ms");
        }
    }

    @BeforeAll
    static void connect() {
        kafka = new KafkaTestClient(PipelineInfrastructure.shared().kafka().bootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void aStepPastItsDeadlineFailsTheJobWithStepTimeoutAndTheStepsOwnLateOutcomeReplacesIt() {
        String location = given().contentType(ContentType.JSON).body(Map.of("name", "slow_agent", "systemPrompt",
                        "You help.", "modelId", "us.anthropic.claude-sonnet-4-5-20250929-v1:0", "tools", List.of()))
                .post("/api/agents").then().statusCode(202).extract().header("Location");
        UUID jobId = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));

        // nobody generates: the watchdog fails the job once the generate deadline has passed
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/agents/" + jobId).then()
                .body("status", equalTo("FAILED"))
                .body("steps[1].status", equalTo("FAILED"))
                .body("steps[1].errorCode", equalTo("STEP_TIMEOUT"))
                .body("failure", containsString("agentfoundry.registry.deadlines.generate")));
        ConsumerRecord<String, String> record = kafka.awaitRecords(Topics.STEP_FAILED, jobId, 1, WAIT).get(0);
        StepFailed timedOut = EventCodec.decode(record.value(), StepFailed.class);
        assertThat(timedOut.step()).isEqualTo(PipelineStep.GENERATE);
        assertThat(timedOut.errorCode()).isEqualTo("STEP_TIMEOUT");
        assertThat(timedOut.retryable()).isTrue();
        assertThat(KafkaTestClient.header(record, "ce_source")).isEqualTo("registry-service");

        // the generator answers after all: its outcome replaces the timeout, and the job goes on
        Instant now = Instant.now();
        kafka.publish(new CodeGenerated(UUID.randomUUID(), jobId, UUID.randomUUID(), now, 1, now.minusSeconds(5), null,
                "http://generator/api/generations/" + jobId + "/bundle", "sha256:" + "ab".repeat(32), 5, "0.1.0"));
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/agents/" + jobId).then()
                .body("steps[1].status", equalTo("SUCCEEDED"))
                .body("steps[2].status", equalTo("RUNNING")));

        // then the build passes its own deadline, and the job can be retried from there
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/agents/" + jobId).then()
                .body("status", equalTo("FAILED")).body("steps[2].errorCode", equalTo("STEP_TIMEOUT")));
        given().post("/api/agents/" + jobId + "/retry").then().statusCode(202).body("steps[2].status", equalTo("RUNNING"));
        JobRetried retried = kafka.awaitEvent(JobRetried.class, jobId, WAIT);
        assertThat(retried.step()).isEqualTo(PipelineStep.BUILD);
        // the timeout the registry published, delivered back to it, changed nothing
        assertThat(kafka.recordsOf(Topics.STEP_FAILED, jobId)).hasSize(2);
        given().get("/api/agents/" + jobId).then().body("steps[2].status", equalTo("RUNNING"));
    }
}
