package io.agentfoundry.builder;

import io.agentfoundry.builder.testsupport.BuilderTopics;
import io.agentfoundry.builder.testsupport.GeneratorStub;
import io.agentfoundry.events.ImageBuilt;
import io.agentfoundry.events.StepFailed;
import io.agentfoundry.testinfra.PipelineTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** The shipped defaults: no registry (a docker-archive tar on disk), scratch base, linux/arm64. */
@QuarkusTest
@WithTestResource(value = PipelineTestResource.class, initArgs = @ResourceArg(name = "database", value = "builder"))
class CodeGeneratedConsumerTest {

    private static final SortedMap<String, byte[]> BUNDLE = new TreeMap<>(Map.of(
            "agent.py", "from strands import Agent\n".getBytes(StandardCharsets.UTF_8),
            "agentcore_server.py", "app = None\n".getBytes(StandardCharsets.UTF_8),
            "requirements.txt", "strands-agents==1.62.0\nfastapi==0.163.2\n".getBytes(StandardCharsets.UTF_8)));

    private static BuilderTopics topics;
    private static GeneratorStub generator;

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
    void writesAnArm64ImageTarAndTheSameBundleAlwaysGivesTheSameDigest() {
        UUID jobId = UUID.randomUUID();
        String link = generator.publish(BUNDLE);
        topics.publish(BuilderTopics.codeGenerated(jobId, "Image_Agent", link, BUNDLE));
        ImageBuilt first = topics.awaitImageBuilt(jobId, 1, Duration.ofSeconds(60));
        assertThat(first.digest()).matches("sha256:[0-9a-f]{64}");
        assertThat(first.platforms()).containsExactly("linux/arm64");
        assertThat(first.imageReference()).startsWith("docker-archive:").endsWith(jobId + ".tar");
        assertThat(Files.exists(Path.of(first.imageReference().substring("docker-archive:".length())))).isTrue();
        // scratch declares no Python packages: the shipped settings build anyway, and say so
        assertThat(topics.logLines(jobId)).anyMatch(line -> line.contains("does not declare its Python packages")
                && line.contains("strands-agents, fastapi")
                && line.endsWith("Building anyway (agentfoundry.builder.require-base-packages=false)."));
        given().get("/api/builds/{jobId}", jobId).then().statusCode(200)
                .body("tag", equalTo(jobId.toString()))
                .body("baseImage", equalTo("scratch"))
                .body("layers", hasSize(1))
                .body("layers[0].fromBase", equalTo(false));

        // the job is built again (a new request event for the same bundle): same bytes, same digest
        topics.publish(BuilderTopics.codeGenerated(jobId, "Image_Agent", link, BUNDLE));
        assertThat(topics.awaitImageBuilt(jobId, 2, Duration.ofSeconds(60)).digest()).isEqualTo(first.digest());
    }

    @Test
    void aBundleThatDoesNotMatchItsAnnouncedHashFailsTheStep() {
        UUID jobId = UUID.randomUUID();
        topics.publish(BuilderTopics.codeGenerated(jobId, "Image_Agent", generator.publish(BUNDLE),
                "sha256:" + "0".repeat(64), BUNDLE.size()));
        StepFailed failed = topics.awaitStepFailed(jobId, Duration.ofSeconds(30));
        assertThat(failed.errorCode()).isEqualTo("BUNDLE_HASH_MISMATCH");
        assertThat(topics.imagesBuilt(jobId)).isEmpty();
    }
}
