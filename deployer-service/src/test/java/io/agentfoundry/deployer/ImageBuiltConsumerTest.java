package io.agentfoundry.deployer;

import io.agentfoundry.events.AgentSpec;
import io.agentfoundry.events.EventCodec;
import io.agentfoundry.events.ImageBuilt;
import io.agentfoundry.events.JobCancelled;
import io.agentfoundry.events.PipelineEvent;
import io.agentfoundry.events.RuntimeCreated;
import io.agentfoundry.events.Topics;
import io.agentfoundry.testinfra.KafkaTestClient;
import io.agentfoundry.testinfra.PipelineInfrastructure;
import io.agentfoundry.testinfra.PipelineTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(value = PipelineTestResource.class, initArgs = @ResourceArg(name = "database", value = "deployer"))
class ImageBuiltConsumerTest {

    private static KafkaTestClient kafka;

    @BeforeAll
    static void connect() {
        kafka = new KafkaTestClient(PipelineInfrastructure.shared().kafka().bootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    private static ImageBuilt imageBuilt(UUID jobId) {
        AgentSpec spec = new AgentSpec("deploy_me", null, "prompt", "bedrock/nova-pro", List.of(), List.of());
        return new ImageBuilt(UUID.randomUUID(), jobId, UUID.randomUUID(), Instant.now(), 1, Instant.now(), spec,
                "agentfoundry/deploy_me:" + jobId, "sha256:" + "ef".repeat(32), List.of("linux/arm64"),
                "sha256:" + "01".repeat(32));
    }

    private static org.apache.kafka.clients.producer.RecordMetadata publish(PipelineEvent event) {
        return kafka.publish(event);
    }

    @Test
    void recordsARuntimeForTheImage() {
        UUID jobId = UUID.randomUUID();
        publish(imageBuilt(jobId));
        RuntimeCreated created = EventCodec.decode(await().atMost(Duration.ofSeconds(30))
                .until(() -> kafka.readAll(Topics.RUNTIME_CREATED, r -> jobId.toString().equals(r.key())),
                        records -> !records.isEmpty()).get(0).value(), RuntimeCreated.class);
        assertThat(created.target()).isEqualTo("RECORDED");
        assertThat(created.imageDigest()).isEqualTo("sha256:" + "ef".repeat(32));
        given().get("/api/deployments/{jobId}", jobId).then().statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("runtimeId", equalTo("recorded-" + jobId));
    }

    @Test
    void noStepStartsForACancelledJob() throws Exception {
        UUID jobId = UUID.randomUUID();
        var cancelled = publish(new JobCancelled(UUID.randomUUID(), jobId, null, Instant.now(), 1, "changed my mind",
                "test"));
        kafka.awaitConsumed("deployer-service", Topics.JOB_CANCELLED, cancelled.partition(), cancelled.offset(),
                Duration.ofSeconds(30));
        var input = publish(imageBuilt(jobId));
        kafka.awaitConsumed("deployer-service", Topics.IMAGE_BUILT, input.partition(), input.offset(),
                Duration.ofSeconds(30));

        assertThat(kafka.readAll(Topics.RUNTIME_CREATED, r -> jobId.toString().equals(r.key()))).isEmpty();
        given().get("/api/deployments/{jobId}", jobId).then().statusCode(404);
        given().accept("text/event-stream").get("/api/steps/{jobId}/logs", jobId).then().statusCode(200)
                .body(containsString("not started: the job was cancelled"));
    }
}
