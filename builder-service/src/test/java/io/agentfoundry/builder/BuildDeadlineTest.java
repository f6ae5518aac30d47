package io.agentfoundry.builder;

import io.agentfoundry.builder.testsupport.AgentBundles;
import io.agentfoundry.builder.testsupport.BuilderTopics;
import io.agentfoundry.builder.testsupport.GeneratorStub;
import io.agentfoundry.builder.testsupport.StalledRegistryResource;
import io.agentfoundry.events.Topics;
import io.agentfoundry.events.StepFailed;
import io.agentfoundry.testinfra.PipelineTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.SortedMap;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** A build that hangs (its registry never answers) is stopped by its deadline or by the job's cancellation. */
@QuarkusTest
@WithTestResource(value = PipelineTestResource.class, initArgs = @ResourceArg(name = "database", value = "builder"))
@WithTestResource(StalledRegistryResource.class)
class BuildDeadlineTest {

    private static BuilderTopics topics;
    private static GeneratorStub generator;
    private static final SortedMap<String, byte[]> BUNDLE =
            AgentBundles.generatedStyle(AgentBundles.GENERATED_REQUIREMENTS);

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
    void aBuildPastItsDeadlineFailsWithBuildTimeoutAndTheConsumerStaysHealthy() {
        UUID jobId = UUID.randomUUID();
        long publishedAt = System.nanoTime();
        topics.publish(BuilderTopics.codeGenerated(jobId, "Slow_Agent", generator.publish(BUNDLE), BUNDLE));

        StepFailed failed = topics.awaitStepFailed(jobId, Duration.ofSeconds(30));
        Duration took = Duration.ofNanos(System.nanoTime() - publishedAt);
        assertThat(failed.errorCode()).isEqualTo("BUILD_TIMEOUT");
        assertThat(failed.message()).contains("PT" + StalledRegistryResource.BUILD_TIMEOUT.toUpperCase());
        assertThat(took).isGreaterThanOrEqualTo(Duration.parse("PT" + StalledRegistryResource.BUILD_TIMEOUT));
        assertThat(topics.imagesBuilt(jobId)).isEmpty();

        // still consuming: the next record is processed (and fails on its own merits)
        UUID next = UUID.randomUUID();
        topics.publish(BuilderTopics.codeGenerated(next, "Next_Agent", generator.publish(BUNDLE),
                "sha256:" + "0".repeat(64), BUNDLE.size()));
        assertThat(topics.awaitStepFailed(next, Duration.ofSeconds(30)).errorCode()).isEqualTo("BUNDLE_HASH_MISMATCH");
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'SmallRye Reactive Messaging - readiness check' }.data.'"
                        + Topics.CODE_GENERATED + "'", equalTo("[OK]"));
    }

    @Test
    void cancellingTheJobStopsItsBuildBeforeTheDeadline() {
        UUID jobId = UUID.randomUUID();
        topics.publish(BuilderTopics.codeGenerated(jobId, "Cancelled_Agent", generator.publish(BUNDLE), BUNDLE));
        await().atMost(Duration.ofSeconds(30)).until(() -> topics.logLines(jobId).stream()
                .anyMatch(line -> line.startsWith("Downloaded bundle")));

        topics.cancel(jobId);
        StepFailed failed = topics.awaitStepFailed(jobId, Duration.ofSeconds(30));
        assertThat(failed.errorCode()).isEqualTo("BUILD_CANCELLED");
        assertThat(failed.retryable()).isFalse();
    }
}
