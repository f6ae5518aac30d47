package io.agentfoundry.builder.testsupport;

import io.agentfoundry.events.AgentSpec;
import io.agentfoundry.events.CodeGenerated;
import io.agentfoundry.events.EventCodec;
import io.agentfoundry.events.ImageBuilt;
import io.agentfoundry.events.JobCancelled;
import io.agentfoundry.events.StepFailed;
import io.agentfoundry.events.Topics;
import io.agentfoundry.platform.bundle.BundleArchive;
import io.agentfoundry.testinfra.KafkaTestClient;
import io.agentfoundry.testinfra.PipelineInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import java.util.UUID;

/** The builder's topics as its neighbours see them: CodeGenerated, JobCancelled in; ImageBuilt, StepFailed, logs out. */
public final class BuilderTopics implements AutoCloseable {

    private final KafkaTestClient kafka =
            new KafkaTestClient(PipelineInfrastructure.shared().kafka().bootstrapServers());

    /** A CodeGenerated for the bundle, as generator-service announces it (hash computed from the files). */
    public static CodeGenerated codeGenerated(UUID jobId, String agentName, String bundleUrl,
                                              SortedMap<String, byte[]> bundle) {
        return codeGenerated(jobId, agentName, bundleUrl, BundleArchive.contentHash(bundle), bundle.size());
    }

    public static CodeGenerated codeGenerated(UUID jobId, String agentName, String bundleUrl, String contentHash,
                                              int fileCount) {
        AgentSpec spec = new AgentSpec(agentName, "An agent under test", "You answer briefly.",
                "us.amazon.nova-pro-v1:0", List.of(), List.of());
        return new CodeGenerated(UUID.randomUUID(), jobId, UUID.randomUUID(), Instant.now(), 1, Instant.now(), spec,
                bundleUrl, contentHash, fileCount, "0.1.0");
    }

    public void publish(CodeGenerated event) {
        kafka.publish(event);
    }

    public void cancel(UUID jobId) {
        kafka.publish(new JobCancelled(UUID.randomUUID(), jobId, null, Instant.now(), 1,
                "no longer needed", "test"));
    }

    /** Waits for the {@code count}-th ImageBuilt of the job and returns it. */
    public ImageBuilt awaitImageBuilt(UUID jobId, int count, Duration timeout) {
        List<ConsumerRecord<String, String>> records = kafka.awaitRecords(Topics.IMAGE_BUILT, jobId, count, timeout);
        return EventCodec.decode(records.get(count - 1).value(), ImageBuilt.class);
    }

    public StepFailed awaitStepFailed(UUID jobId, Duration timeout) {
        return kafka.awaitEventUnless(StepFailed.class, ImageBuilt.class, jobId, timeout);
    }

    public List<ImageBuilt> imagesBuilt(UUID jobId) {
        return kafka.eventsOf(ImageBuilt.class, jobId);
    }

    public List<String> logLines(UUID jobId) {
        return kafka.logLines(jobId);
    }

    @Override
    public void close() {
        kafka.close();
    }
}
