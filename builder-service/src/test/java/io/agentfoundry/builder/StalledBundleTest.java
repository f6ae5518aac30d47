package io.agentfoundry.builder;

import io.agentfoundry.builder.testsupport.BuilderTopics;
import io.agentfoundry.builder.testsupport.GeneratorStub;
import io.agentfoundry.events.StepFailed;
import io.agentfoundry.testinfra.PipelineTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bundle server that sends the headers and part of the body, then stalls, must not hold the builder: the download
 * has a deadline for the whole response, after which the step fails, and the next job builds. One build at a time
 * here, so that the next job could not pass the stalled one on another worker.
 */
@QuarkusTest
@WithTestResource(value = PipelineTestResource.class, initArgs = @ResourceArg(name = "database", value = "builder"))
@WithTestResource(StalledBundleTest.OneShortDownloadAtATime.class)
class StalledBundleTest {

    private static final SortedMap<String, byte[]> BUNDLE = new TreeMap<>(Map.of(
            "agent.py", "from strands import Agent\n".repeat(2000).getBytes(StandardCharsets.UTF_8),
            "requirements.txt", "strands-agents==1.62.0\n".getBytes(StandardCharsets.UTF_8)));

    private static BuilderTopics topics;
    private static GeneratorStub generator;

    public static class OneShortDownloadAtATime implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of("agentfoundry.builder.download-timeout", "3s", "agentfoundry.platform.step.concurrency", "1");
        }

        @Override
        public void stop() {
        }
    }

    @BeforeAll
    static void start() {
        topics = new BuilderTopics();
        generator = GeneratorStub.start();
    }

    @AfterAll
    static void stop() {
        generator.close();
        topics.close();
    }

    @Test
    void aStalledBundleServerFailsTheBuildWithinTheDownloadDeadlineAndTheNextJobBuilds() {
        UUID stalled = UUID.randomUUID();
        long publishedAt = System.nanoTime();
        topics.publish(BuilderTopics.codeGenerated(stalled, "Stalled_Agent", generator.publishStalling(BUNDLE), BUNDLE));
        UUID next = UUID.randomUUID();
        topics.publish(BuilderTopics.codeGenerated(next, "Next_Agent", generator.publish(BUNDLE), BUNDLE));

        StepFailed failed = topics.awaitStepFailed(stalled, Duration.ofSeconds(30));
        Duration took = Duration.ofNanos(System.nanoTime() - publishedAt);
        assertThat(failed.errorCode()).isEqualTo("BUNDLE_DOWNLOAD_TIMEOUT");
        assertThat(failed.retryable()).isTrue();
        assertThat(failed.message()).contains("agentfoundry.builder.download-timeout");
        // the deadline (3 s) and the step's own work around it, not the server's five-minute stall
        assertThat(took).isLessThan(Duration.ofSeconds(25));
        assertThat(topics.imagesBuilt(stalled)).isEmpty();

        assertThat(topics.awaitImageBuilt(next, 1, Duration.ofSeconds(60)).digest()).startsWith("sha256:");
    }
}
