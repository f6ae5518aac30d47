package io.agentfoundry.builder;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentfoundry.builder.testsupport.AgentBundles;
import io.agentfoundry.builder.testsupport.BuilderTopics;
import io.agentfoundry.builder.testsupport.GeneratorStub;
import io.agentfoundry.testinfra.LocalRegistry;
import io.agentfoundry.builder.testsupport.LocalRegistryResource;
import io.agentfoundry.builder.testsupport.TestRuntimeBase;
import io.agentfoundry.events.ImageBuilt;
import io.agentfoundry.events.StepFailed;
import io.agentfoundry.testinfra.PipelineTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** Builds for linux/arm64 on a labelled base, pushes to a real registry, and looks at the result through its API. */
@QuarkusTest
@EnabledIf(value = LocalRegistry.INSTALLED, disabledReason = LocalRegistry.NOT_INSTALLED)
@WithTestResource(value = PipelineTestResource.class, initArgs = @ResourceArg(name = "database", value = "builder"))
@WithTestResource(LocalRegistryResource.class)
class RegistryPushTest {

    private static final Duration BUILD_WAIT = Duration.ofSeconds(60);

    private static BuilderTopics topics;
    private static GeneratorStub generator;
    private static LocalRegistry registry;

    @BeforeAll
    static void start() {
        topics = new BuilderTopics();
        generator = GeneratorStub.start();
        registry = LocalRegistry.shared();
    }

    @AfterAll
    static void stop() {
        generator.close();
        topics.close();
    }

    @Test
    void pushesAnArm64ImageOfTheBundleOnTheBaseWithItsLabelsLayersAndEntrypoint() throws IOException {
        UUID jobId = UUID.randomUUID();
        SortedMap<String, byte[]> bundle = AgentBundles.generatedStyle(AgentBundles.GENERATED_REQUIREMENTS);
        topics.publish(BuilderTopics.codeGenerated(jobId, "Registry_Agent", generator.publish(bundle), bundle));

        ImageBuilt built = topics.awaitImageBuilt(jobId, 1, BUILD_WAIT);
        String repository = "agentfoundry/registry_agent";
        assertThat(built.imageReference()).isEqualTo(registry.host() + "/" + repository + ":" + jobId);
        assertThat(built.platforms()).containsExactly("linux/arm64");

        JsonNode manifest = registry.manifest(repository, jobId.toString());
        assertThat(registry.manifest(repository, built.digest())).isEqualTo(manifest);
        assertThat(manifest.path("manifests").isMissingNode())
                .as("one platform: an image manifest, not an index").isTrue();

        JsonNode config = registry.blobJson(repository, manifest.path("config").path("digest").asText());
        assertThat(config.path("architecture").asText()).isEqualTo("arm64");
        assertThat(config.path("os").asText()).isEqualTo("linux");
        JsonNode container = config.path("config");
        assertThat(container.path("Entrypoint")).extracting(JsonNode::asText).containsExactly(
                "python3", "-m", "uvicorn", "agentcore_server:app", "--host", "0.0.0.0", "--port", "8080");
        assertThat(container.path("User").asText()).isEqualTo("1000");
        assertThat(container.path("WorkingDir").asText()).isEqualTo("/app");
        assertThat(container.path("ExposedPorts").has("8080/tcp")).isTrue();
        assertThat(container.path("Env").toString()).contains("DOCKER_CONTAINER=1");
        JsonNode labels = container.path("Labels");
        JsonNode baseIndex = registry.manifest(TestRuntimeBase.REPOSITORY, "1");
        String baseDigest = registry.digestOf(TestRuntimeBase.REPOSITORY, "1");
        assertThat(labels.path("io.agentfoundry.job-id").asText()).isEqualTo(jobId.toString());
        assertThat(labels.path("io.agentfoundry.bundle-hash").asText()).isEqualTo(built.bundleHash());
        assertThat(labels.path("io.agentfoundry.spec-hash").asText()).matches("sha256:[0-9a-f]{64}");
        assertThat(labels.path("io.agentfoundry.generator-version").asText()).isEqualTo("0.1.0");
        assertThat(labels.path("org.opencontainers.image.base.digest").asText()).isEqualTo(baseDigest);
        assertThat(labels.path("io.agentfoundry.python-packages").asText())
                .as("inherited from the base").isEqualTo(TestRuntimeBase.PYTHON_PACKAGES);

        // the base's arm64 layer, then one layer with the bundle under /app
        JsonNode layers = manifest.path("layers");
        assertThat(layers).hasSize(2);
        String baseArm64Manifest = platformManifest(baseIndex, "arm64");
        assertThat(layers.get(0).path("digest").asText()).isEqualTo(registry.manifest(TestRuntimeBase.REPOSITORY,
                baseArm64Manifest).path("layers").get(0).path("digest").asText());
        String codeLayer = layers.get(1).path("digest").asText();
        Map<String, byte[]> files = unpack(registry.blob(repository, codeLayer));
        assertThat(files.keySet()).as("the bundle but what its .dockerignore leaves out")
                .containsExactlyInAnyOrder("app/agent.py", "app/agentcore_server.py", "app/requirements.txt");
        assertThat(files.get("app/agent.py")).isEqualTo(bundle.get("agent.py"));

        given().get("/api/builds/{jobId}", jobId).then().statusCode(200)
                .body("repository", equalTo(repository))
                .body("tag", equalTo(jobId.toString()))
                .body("digest", equalTo(built.digest()))
                .body("baseDigest", equalTo(baseDigest))
                .body("sizeBytes", equalTo(layers.get(0).path("size").asInt() + layers.get(1).path("size").asInt()))
                .body("layers", hasSize(2))
                .body("layers[0].fromBase", equalTo(true))
                .body("layers[1].fromBase", equalTo(false))
                .body("layers[1].digest", equalTo(codeLayer));

        List<String> log = topics.logLines(jobId);
        assertThat(log).contains("Left out of the image, as the bundle's .dockerignore says: .dockerignore, Dockerfile");
        assertThat(log).anyMatch(line -> line.startsWith("Pushed blob " + codeLayer + " ("));
        assertThat(log).anyMatch(line -> line.startsWith("Pushed 2 blobs (")
                && line.endsWith("; layers already in the registry: " + layers.get(0).path("digest").asText()
                + " (" + layers.get(0).path("size").asLong() + " bytes)"));
        assertThat(log).anyMatch(line ->
                line.startsWith("Base image linux/arm64 provides every package requirements.txt needs"));
        assertThat(log).anyMatch(line -> line.contains("fastapi: requirements.txt pins 0.163.2, the base has 0.92.0"));
    }

    @Test
    void theSameBundleBuiltAgainHasTheSameDigest() {
        UUID jobId = UUID.randomUUID();
        SortedMap<String, byte[]> bundle = AgentBundles.generatedStyle(AgentBundles.GENERATED_REQUIREMENTS);
        String link = generator.publish(bundle);
        topics.publish(BuilderTopics.codeGenerated(jobId, "Twice_Agent", link, bundle));
        ImageBuilt first = topics.awaitImageBuilt(jobId, 1, BUILD_WAIT);

        // the job is built again (a new CodeGenerated for the same bundle): same layers, config and manifest bytes
        topics.publish(BuilderTopics.codeGenerated(jobId, "Twice_Agent", link, bundle));
        ImageBuilt second = topics.awaitImageBuilt(jobId, 2, BUILD_WAIT);

        assertThat(second.digest()).isEqualTo(first.digest());
        assertThat(registry.digestOf("agentfoundry/twice_agent", jobId.toString())).isEqualTo(first.digest());
    }

    @Test
    void aBaseWithoutAPackageTheBundleNeedsFailsTheStepNamingWhatIsMissing() {
        UUID jobId = UUID.randomUUID();
        SortedMap<String, byte[]> bundle = AgentBundles.generatedStyle(
                AgentBundles.GENERATED_REQUIREMENTS + "mcp==1.2.0\nLangSmith>=0.1 ; python_version >= \"3.9\"\n");
        topics.publish(BuilderTopics.codeGenerated(jobId, "Missing_Agent", generator.publish(bundle), bundle));

        StepFailed failed = topics.awaitStepFailed(jobId, BUILD_WAIT);
        assertThat(failed.errorCode()).isEqualTo("BASE_MISSING_PACKAGES");
        assertThat(failed.message()).contains("does not provide mcp, langsmith, which requirements.txt needs")
                .contains(TestRuntimeBase.REPOSITORY).contains("linux/arm64");
        assertThat(topics.imagesBuilt(jobId)).isEmpty();
        assertThat(registry.tags("agentfoundry/missing_agent")).doesNotContain(jobId.toString());
    }

    private static String platformManifest(JsonNode index, String architecture) {
        for (JsonNode entry : index.path("manifests")) {
            if (architecture.equals(entry.path("platform").path("architecture").asText())) {
                return entry.path("digest").asText();
            }
        }
        throw new AssertionError("No " + architecture + " manifest in " + index);
    }

    private static Map<String, byte[]> unpack(byte[] gzippedTar) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new GzipCompressorInputStream(new ByteArrayInputStream(gzippedTar)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (entry.isFile()) {
                    files.put(entry.getName(), tar.readAllBytes());
                }
            }
        }
        return files;
    }
}
