package io.agentfoundry.deployer.agentcore;

import io.agentfoundry.testinfra.agentcore.AgentCoreFake;
import io.agentfoundry.events.Sha256;
import io.agentfoundry.events.AgentSpec;
import io.agentfoundry.events.ImageBuilt;
import io.agentfoundry.events.JobCancelled;
import io.agentfoundry.events.RuntimeCreated;
import io.agentfoundry.events.StepFailed;
import io.agentfoundry.events.Topics;
import io.agentfoundry.testinfra.KafkaTestClient;
import io.agentfoundry.testinfra.PipelineInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** The deployer's side of the pipeline, as the builder and the orchestrator see it: events in, events out. */
final class AgentCorePipeline implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String ARM64 = "linux/arm64";

    private final KafkaTestClient kafka = new KafkaTestClient(PipelineInfrastructure.shared().kafka().bootstrapServers());

    /** An image the builder pushed to ECR. */
    static ImageBuilt imageBuilt(UUID jobId, String agent, List<String> platforms) {
        String repository = "agentfoundry/" + agent.toLowerCase();
        return imageBuilt(jobId, agent, AgentCoreFake.ECR_REGISTRY + "/" + repository + ":" + jobId, platforms);
    }

    static ImageBuilt imageBuilt(UUID jobId, String agent, String imageReference, List<String> platforms) {
        AgentSpec spec = new AgentSpec(agent, null, "You answer briefly.", "bedrock/nova-pro", List.of(), List.of());
        String repository = "agentfoundry/" + agent.toLowerCase();
        return new ImageBuilt(UUID.randomUUID(), jobId, UUID.randomUUID(), Instant.now(), 1, Instant.now(), spec,
                imageReference, digestOf(jobId), platforms, "sha256:" + "01".repeat(32), repository,
                jobId.toString(), 4096L, "agentfoundry/python-runtime:3.11", "sha256:" + "02".repeat(32));
    }

    /** A digest of its own for each job's image. */
    static String digestOf(UUID jobId) {
        return Sha256.prefixed(jobId.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Where AgentCore pulls the job's image from: the repository, by digest. */
    static String containerUri(UUID jobId, String agent) {
        return AgentCoreFake.ECR_REGISTRY + "/agentfoundry/" + agent.toLowerCase() + "@" + digestOf(jobId);
    }

    RecordMetadata publish(ImageBuilt event) {
        return kafka.publish(event);
    }

    /** The registry's JobCancelled for the job. */
    void cancel(UUID jobId) {
        kafka.publish(new JobCancelled(UUID.randomUUID(), jobId, null, Instant.now(), 1, "no longer needed", "test"));
    }

    void awaitConsumed(RecordMetadata record) throws InterruptedException {
        kafka.awaitConsumed("deployer-service", Topics.IMAGE_BUILT, record.partition(), record.offset(), WAIT);
    }

    RuntimeCreated awaitRuntimeCreated(UUID jobId) {
        return kafka.awaitEvent(RuntimeCreated.class, jobId, WAIT);
    }

    StepFailed awaitStepFailed(UUID jobId) {
        return kafka.awaitEventUnless(StepFailed.class, RuntimeCreated.class, jobId, WAIT);
    }

    List<ConsumerRecord<String, String>> records(String topic, UUID jobId) {
        return kafka.recordsOf(topic, jobId);
    }

    /** The deploy step's log lines for the job (the stream ends with the step). */
    static String logs(UUID jobId) {
        return given().accept("text/event-stream").get("/api/steps/{jobId}/logs", jobId).then().statusCode(200)
                .extract().asString();
    }

    @Override
    public void close() {
        kafka.close();
    }
}
