package io.agentfoundry.builder;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentfoundry.builder.testsupport.AgentBundles;
import io.agentfoundry.builder.testsupport.BuilderTopics;
import io.agentfoundry.builder.testsupport.EcrFakeResource;
import io.agentfoundry.builder.testsupport.GeneratorStub;
import io.agentfoundry.testinfra.LocalRegistry;
import io.agentfoundry.builder.testsupport.TestRuntimeBase;
import io.agentfoundry.events.ImageBuilt;
import io.agentfoundry.testinfra.PipelineTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both platforms on request, from a multi-arch base: one index, each platform on its own base image. Runs on the ECR
 * fake's settings, which ask for both platforms (one Quarkus app for both test classes).
 */
@QuarkusTest
@EnabledIf(value = LocalRegistry.INSTALLED, disabledReason = LocalRegistry.NOT_INSTALLED)
@WithTestResource(value = PipelineTestResource.class, initArgs = @ResourceArg(name = "database", value = "builder"))
@WithTestResource(EcrFakeResource.class)
class MultiArchBuildTest {

    @Test
    void buildsAnIndexWithAnArm64AndAnAmd64ImageOfTheSameBundle() {
        LocalRegistry registry = EcrFakeResource.ecrRegistry();
        LocalRegistry baseRegistry = LocalRegistry.shared();
        UUID jobId = UUID.randomUUID();
        SortedMap<String, byte[]> bundle = AgentBundles.generatedStyle(AgentBundles.GENERATED_REQUIREMENTS);
        ImageBuilt built;
        try (BuilderTopics topics = new BuilderTopics(); GeneratorStub generator = GeneratorStub.start()) {
            topics.publish(BuilderTopics.codeGenerated(jobId, "Multi_Agent", generator.publish(bundle), bundle));
            built = topics.awaitImageBuilt(jobId, 1, Duration.ofSeconds(60));
        }
        assertThat(built.platforms()).containsExactly("linux/arm64", "linux/amd64");

        String repository = "agentfoundry/multi_agent";
        JsonNode index = registry.manifest(repository, jobId.toString());
        assertThat(registry.digestOf(repository, jobId.toString())).isEqualTo(built.digest());
        Map<String, JsonNode> manifests = new HashMap<>();
        for (JsonNode entry : index.path("manifests")) {
            String architecture = entry.path("platform").path("architecture").asText();
            assertThat(entry.path("platform").path("os").asText()).isEqualTo("linux");
            manifests.put(architecture, registry.manifest(repository, entry.path("digest").asText()));
        }
        assertThat(manifests).containsOnlyKeys("arm64", "amd64");

        JsonNode baseIndex = baseRegistry.manifest(TestRuntimeBase.REPOSITORY, "1");
        for (Map.Entry<String, JsonNode> platform : manifests.entrySet()) {
            JsonNode manifest = platform.getValue();
            JsonNode config = registry.blobJson(repository, manifest.path("config").path("digest").asText());
            assertThat(config.path("architecture").asText()).isEqualTo(platform.getKey());
            assertThat(config.path("config").path("Labels").path("io.agentfoundry.job-id").asText())
                    .isEqualTo(jobId.toString());
            assertThat(manifest.path("layers").get(0).path("digest").asText())
                    .as("the %s image starts from the base's %s image", platform.getKey(), platform.getKey())
                    .isEqualTo(baseLayer(baseRegistry, baseIndex, platform.getKey()));
        }
        assertThat(manifests.get("arm64").path("layers").get(1))
                .as("the same code layer on both").isEqualTo(manifests.get("amd64").path("layers").get(1));
    }

    private static String baseLayer(LocalRegistry registry, JsonNode baseIndex, String architecture) {
        for (JsonNode entry : baseIndex.path("manifests")) {
            if (architecture.equals(entry.path("platform").path("architecture").asText())) {
                return registry.manifest(TestRuntimeBase.REPOSITORY, entry.path("digest").asText())
                        .path("layers").get(0).path("digest").asText();
            }
        }
        throw new AssertionError("The base has no " + architecture + " image");
    }
}
