package io.agentfoundry.generator;

import io.agentfoundry.events.AgentRequested;
import io.agentfoundry.events.CodeGenerated;
import io.agentfoundry.events.EventCodec;
import io.agentfoundry.events.JobCancelled;
import io.agentfoundry.events.JobRetried;
import io.agentfoundry.events.PipelineStep;
import io.agentfoundry.events.StepFailed;
import io.agentfoundry.events.Topics;
import io.agentfoundry.generator.testing.Requests;
import io.agentfoundry.platform.domain.DeadLetter;
import io.agentfoundry.testinfra.KafkaTestClient;
import io.agentfoundry.testinfra.PipelineInfrastructure;
import io.agentfoundry.testinfra.PipelineTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
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
import static org.hamcrest.Matchers.hasSize;

/**
 * What the platform does with records it cannot process and with retries, in a service that runs a step: dead
 * letters are kept, listed and replayed once; a dead-lettered step input fails the job's step; a retry runs the step
 * again from the input the service stored; a retry and a cancellation decide by their times, not their arrival.
 */
@QuarkusTest
@WithTestResource(value = PipelineTestResource.class, initArgs = @ResourceArg(name = "database", value = "generator"))
class DeadLettersAndRetriesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static KafkaTestClient kafka;

    @BeforeAll
    static void connect() {
        kafka = new KafkaTestClient(PipelineInfrastructure.shared().kafka().bootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    private static AgentRequested request(UUID jobId) {
        return Requests.accepted(jobId, Requests.simpleSpec("retried_agent", "Be brief.", "calculator"),
                Requests.bedrock());
    }

    private static void awaitConsumed(RecordMetadata sent) {
        try {
            kafka.awaitConsumed("generator-service", sent.topic(), sent.partition(), sent.offset(), WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aStepInputThatCannotBeReadIsKeptListedAndFailsItsJobsStepAndAReplayOfItFailsAgain() {
        UUID jobId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        kafka.send(Topics.AGENT_REQUESTED, jobId.toString(), "{\"jobId\": 42", Map.of("ce_id", eventId.toString()));

        StepFailed failed = kafka.awaitEvent(StepFailed.class, jobId, WAIT);
        assertThat(failed.step()).isEqualTo(PipelineStep.GENERATE);
        assertThat(failed.errorCode()).isEqualTo("DEAD_LETTERED");
        assertThat(failed.causationId()).isEqualTo(eventId);
        given().get("/api/steps/{jobId}", jobId).then().statusCode(200).body("errorCode", equalTo("DEAD_LETTERED"));

        long id = given().queryParam("jobId", jobId).get("/api/dead-letters").then().statusCode(200)
                .body("$", hasSize(1))
                .body("[0].topic", equalTo(Topics.AGENT_REQUESTED))
                .body("[0].service", equalTo("generator-service"))
                .body("[0].replayedAt", equalTo(null))
                .extract().jsonPath().getLong("[0].id");
        given().get("/api/dead-letters/{id}", id).then().statusCode(200).body("payload", equalTo("{\"jobId\": 42"));

        given().post("/api/dead-letters/{id}/replay", id).then().statusCode(422)
                .contentType("application/problem+json").body("code", equalTo("REPLAY_FAILED"));
        given().get("/api/dead-letters/{id}", id).then().body("replayAttempts", equalTo(1))
                .body("replayedAt", equalTo(null));
        given().get("/api/dead-letters/{id}", Long.MAX_VALUE).then().statusCode(404)
                .body("code", equalTo("DEAD_LETTER_NOT_FOUND"));
        given().queryParam("status", "sideways").get("/api/dead-letters").then().statusCode(400);
    }

    @Test
    void aDeadLetterReplayedIsHandledOnceAndASecondReplayChangesNothing() {
        // a valid request that an earlier version of the service could not handle, kept as it was read
        UUID jobId = UUID.randomUUID();
        AgentRequested request = request(jobId);
        long id = QuarkusTransaction.requiringNew().call(() -> {
            DeadLetter letter = new DeadLetter();
            letter.topic = Topics.AGENT_REQUESTED;
            letter.partition = 0;
            letter.offset = Math.abs(jobId.getMostSignificantBits() % 1_000_000_000L);
            letter.key = jobId.toString();
            letter.payload = EventCodec.encode(request);
            letter.headers = "{}";
            letter.jobId = jobId;
            letter.reason = "a bug since fixed";
            letter.deadLetteredAt = Instant.now();
            letter.persist();
            return letter.id;
        });

        given().header("X-Replayed-By", "ops").post("/api/dead-letters/{id}/replay", id).then().statusCode(200)
                .body("outcome", equalTo("REPLAYED")).body("deadLetter.replayedBy", equalTo("ops"));
        await().atMost(WAIT).until(() -> kafka.recordsOf(Topics.CODE_GENERATED, jobId).size() == 1);

        given().post("/api/dead-letters/{id}/replay", id).then().statusCode(200)
                .body("outcome", equalTo("ALREADY_REPLAYED"));
        given().queryParam("status", "replayed").queryParam("jobId", jobId).get("/api/dead-letters").then()
                .body("$", hasSize(1));
        assertThat(kafka.recordsOf(Topics.CODE_GENERATED, jobId)).hasSize(1);
    }

    @Test
    void aRetryRunsTheStepAgainFromTheInputTheServiceStoredAsANewAttempt() {
        UUID jobId = UUID.randomUUID();
        AgentRequested request = request(jobId);
        kafka.publish(request);
        await().atMost(WAIT).until(() -> kafka.recordsOf(Topics.CODE_GENERATED, jobId).size() == 1);

        // another service's step retried: nothing to do here
        awaitConsumed(kafka.publish(new JobRetried(UUID.randomUUID(), jobId, null, Instant.now(), 1,
                PipelineStep.BUILD, "build again", "ops")));
        assertThat(kafka.recordsOf(Topics.CODE_GENERATED, jobId)).hasSize(1);

        kafka.publish(new JobRetried(UUID.randomUUID(), jobId, null, Instant.now(), 1, PipelineStep.GENERATE,
                "generate again", "ops"));
        List<ConsumerRecord<String, String>> generated = await().atMost(WAIT)
                .until(() -> kafka.recordsOf(Topics.CODE_GENERATED, jobId), records -> records.size() == 2);
        CodeGenerated first = EventCodec.decode(generated.get(0).value(), CodeGenerated.class);
        CodeGenerated again = EventCodec.decode(generated.get(1).value(), CodeGenerated.class);
        assertThat(again.eventId()).isNotEqualTo(first.eventId());
        assertThat(again.causationId()).isEqualTo(request.eventId());
        assertThat(again.contentHash()).isEqualTo(first.contentHash());
        given().get("/api/steps/{jobId}", jobId).then().body("status", equalTo("SUCCEEDED"))
                .body("attempts", equalTo(2));
    }

    @Test
    void aRetryLaterThanACancellationLiftsItWhicheverArrivesFirst() {
        Instant earlier = Instant.now().minusSeconds(60);
        Instant later = Instant.now().minusSeconds(30);

        // the retry came after the cancellation, but arrives first: the job runs
        UUID resumed = UUID.randomUUID();
        awaitConsumed(kafka.publish(new JobRetried(UUID.randomUUID(), resumed, null, later, 1, PipelineStep.GENERATE,
                "resumed", "ops")));
        awaitConsumed(kafka.publish(new JobCancelled(UUID.randomUUID(), resumed, null, earlier, 1, "stop", "ops")));
        kafka.publish(request(resumed));
        await().atMost(WAIT).until(() -> kafka.recordsOf(Topics.CODE_GENERATED, resumed).size() == 1);

        // the cancellation came after the retry: the job stays cancelled
        UUID cancelled = UUID.randomUUID();
        awaitConsumed(kafka.publish(new JobRetried(UUID.randomUUID(), cancelled, null, earlier, 1,
                PipelineStep.GENERATE, "resumed", "ops")));
        awaitConsumed(kafka.publish(new JobCancelled(UUID.randomUUID(), cancelled, null, later, 1, "stop", "ops")));
        awaitConsumed(kafka.publish(request(cancelled)));
        given().get("/api/steps/{jobId}", cancelled).then().statusCode(200).body("status", equalTo("CANCELLED"));
        assertThat(kafka.recordsOf(Topics.CODE_GENERATED, cancelled)).isEmpty();
    }
}
