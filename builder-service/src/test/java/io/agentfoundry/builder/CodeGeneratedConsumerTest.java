package io.agentfoundry.builder;

import com.sun.net.httpserver.HttpServer;
import io.agentfoundry.events.AgentSpec;
import io.agentfoundry.events.CodeGenerated;
import io.agentfoundry.events.EventCodec;
import io.agentfoundry.events.EventType;
import io.agentfoundry.events.ImageBuilt;
import io.agentfoundry.events.StepFailed;
import io.agentfoundry.events.Topics;
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

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@WithTestResource(value = PipelineTestResource.class, initArgs = @ResourceArg(name = "database", value = "builder"))
class CodeGeneratedConsumerTest {

    private static KafkaTestClient kafka;
    private static HttpServer generator;
    private static final SortedMap<String, byte[]> BUNDLE = new TreeMap<>(Map.of(
            "agent.py", "from strands import Agent\n".getBytes(StandardCharsets.UTF_8),
            "agentcore_server.py", "app = None\n".getBytes(StandardCharsets.UTF_8)));

    @BeforeAll
    static void start() throws IOException {
        kafka = new KafkaTestClient(PipelineInfrastructure.shared().kafka().bootstrapServers());
        // stands in for generator-service's bundle endpoint
        generator = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] archive = BundleArchive.write(BUNDLE);
        generator.createContext("/bundle", exchange -> {
            exchange.sendResponseHeaders(200, archive.length);
            exchange.getResponseBody().write(archive);
            exchange.close();
        });
        generator.start();
    }

    @AfterAll
    static void stop() {
        generator.stop(0);
        kafka.close();
    }

    private static CodeGenerated generated(UUID jobId, String contentHash) {
        AgentSpec spec = new AgentSpec("Image_Agent", null, "prompt", "us.amazon.nova-pro-v1:0", List.of(), List.of());
        return new CodeGenerated(UUID.randomUUID(), jobId, UUID.randomUUID(), Instant.now(), 1, Instant.now(), spec,
                "http://127.0.0.1:" + generator.getAddress().getPort() + "/bundle", contentHash, BUNDLE.size(), "0.1.0");
    }

    private static void publish(CodeGenerated event) {
        kafka.send(Topics.CODE_GENERATED, event.jobId().toString(), EventCodec.encode(event), Map.of(
                "ce_id", event.eventId().toString(), "ce_type", EventType.CODE_GENERATED.cloudEventType(),
                "ce_source", "test", "ce_specversion", "1.0", "ce_subject", event.jobId().toString()));
    }

    private static List<ConsumerRecord<String, String>> recordsOf(String topic, UUID jobId) {
        return kafka.readAll(topic, record -> jobId.toString().equals(record.key()));
    }

    @Test
    void buildsAnArm64ImageAndTheSameBundleAlwaysGivesTheSameDigest() {
        UUID jobId = UUID.randomUUID();
        publish(generated(jobId, BundleArchive.contentHash(BUNDLE)));
        ImageBuilt first = EventCodec.decode(await().atMost(Duration.ofSeconds(60))
                .until(() -> recordsOf(Topics.IMAGE_BUILT, jobId), records -> records.size() == 1).get(0).value(),
                ImageBuilt.class);
        assertThat(first.digest()).matches("sha256:[0-9a-f]{64}");
        assertThat(first.platforms()).containsExactly("linux/arm64");
        assertThat(first.imageReference()).startsWith("docker-archive:").endsWith(jobId + ".tar");
        assertThat(Files.exists(Path.of(first.imageReference().substring("docker-archive:".length())))).isTrue();

        // the job is built again (a new request event for the same bundle): same bytes, same digest
        publish(generated(jobId, BundleArchive.contentHash(BUNDLE)));
        List<ConsumerRecord<String, String>> both = await().atMost(Duration.ofSeconds(60))
                .until(() -> recordsOf(Topics.IMAGE_BUILT, jobId), records -> records.size() == 2);
        assertThat(EventCodec.decode(both.get(1).value(), ImageBuilt.class).digest()).isEqualTo(first.digest());
    }

    @Test
    void aBundleThatDoesNotMatchItsAnnouncedHashFailsTheStep() {
        UUID jobId = UUID.randomUUID();
        publish(generated(jobId, "sha256:" + "0".repeat(64)));
        StepFailed failed = EventCodec.decode(await().atMost(Duration.ofSeconds(30))
                .until(() -> recordsOf(Topics.STEP_FAILED, jobId), records -> !records.isEmpty()).get(0).value(),
                StepFailed.class);
        assertThat(failed.errorCode()).isEqualTo("BUNDLE_HASH_MISMATCH");
        assertThat(recordsOf(Topics.IMAGE_BUILT, jobId)).isEmpty();
    }
}
