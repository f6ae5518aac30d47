package io.agentfoundry.generator;

import io.agentfoundry.events.AgentRequested;
import io.agentfoundry.events.AgentSpec;
import io.agentfoundry.events.EventCodec;
import io.agentfoundry.events.Topics;
import io.agentfoundry.generator.mapping.PreviewRequest;
import io.agentfoundry.generator.testing.Requests;
import io.agentfoundry.platform.bundle.BundleArchive;
import io.agentfoundry.platform.messaging.InboundRecord;
import io.agentfoundry.platform.messaging.InboundRecords;
import io.agentfoundry.testinfra.PipelineTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@WithTestResource(value = PipelineTestResource.class, initArgs = @ResourceArg(name = "database", value = "generator"))
class GenerationResourceTest {

    @Inject
    InboundRecords inbound;

    private UUID generatedJob() {
        UUID jobId = UUID.randomUUID();
        AgentSpec spec = Requests.spec("resource_agent", "Be brief.", List.of("http_request"),
                List.of(Requests.pythonTool("echo_text", "Echoes.", "return text",
                        Requests.parameter("text", "string", "What to echo", true))), null, false, null);
        AgentRequested request = Requests.accepted(jobId, spec, Requests.ollama());
        // as the consumer hands it over: the step runs on a worker, and is done once the step API says so
        inbound.process(new InboundRecord(Topics.AGENT_REQUESTED, 0, 0, jobId.toString(), EventCodec.encode(request),
                Map.of()));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/api/steps/" + jobId).statusCode() == 200
                && "SUCCEEDED".equals(given().get("/api/steps/" + jobId).jsonPath().getString("status")));
        return jobId;
    }

    private static String previewBody(AgentSpec spec) throws IOException {
        return EventCodec.mapper().writeValueAsString(new PreviewRequest(spec, Requests.bedrock(),
                spec.tools().stream().map(Requests::catalogTool).toList(), "2026-11-24"));
    }

    @Test
    void aPreviewRendersTheBundleWithoutAJob() throws IOException {
        AgentSpec spec = Requests.simpleSpec("preview_agent", "Be brief.", "calculator");

        given().contentType(ContentType.JSON).body(previewBody(spec))
                .post("/api/generations/preview")
                .then().statusCode(200)
                .body("contentHash", startsWith("sha256:"))
                .body("files.path", hasItems("agent.py", "Dockerfile", "agentfoundry-manifest.json"))
                .body("files.find { it.path == 'agent.py' }.content", containsString("Job: preview"))
                .body("warnings[0]", containsString("calculator is deprecated"));
    }

    @Test
    void aPreviewThatCannotBecomeABundleIsA400ProblemNamingTheCheck() throws IOException {
        AgentSpec badName = Requests.simpleSpec("bad name", "Be brief.");
        AgentSpec badBody = Requests.spec("body_agent", "Be brief.", List.of(), List.of(Requests.pythonTool("broken",
                "Breaks.", "return (")), null, false, null);

        given().contentType(ContentType.JSON).body(previewBody(badName)).post("/api/generations/preview")
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("code", equalTo("INVALID_AGENT_NAME"));
        given().contentType(ContentType.JSON).body(previewBody(badBody)).post("/api/generations/preview")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("INVALID_PYTHON_BODY"))
                .body("detail", containsString("line 1"));
        given().contentType(ContentType.JSON).body("{}").post("/api/generations/preview")
                .then().statusCode(400).body("code", equalTo("INVALID_SPEC"));
    }

    @Test
    void theBundleComesAsTarGzOrZipWithTheSameFiles() throws IOException {
        UUID jobId = generatedJob();

        byte[] tarGz = given().get("/api/generations/{jobId}/bundle", jobId)
                .then().statusCode(200).contentType("application/gzip").extract().asByteArray();
        byte[] zip = given().queryParam("format", "zip").get("/api/generations/{jobId}/bundle", jobId)
                .then().statusCode(200).contentType("application/zip")
                .header("Content-Disposition", endsWith(".zip\""))
                .extract().asByteArray();
        byte[] zipByAccept = given().accept("application/zip").get("/api/generations/{jobId}/bundle", jobId)
                .then().statusCode(200).contentType("application/zip").extract().asByteArray();

        SortedMap<String, byte[]> files = BundleArchive.read(new ByteArrayInputStream(tarGz));
        assertThat(files).containsKeys("tools/echo_text.py", "tools/__init__.py", "agent.py");
        assertThat(BundleArchive.contentHash(unzip(zip))).isEqualTo(BundleArchive.contentHash(files));
        assertThat(zipByAccept).isEqualTo(zip);
        given().queryParam("format", "rar").get("/api/generations/{jobId}/bundle", jobId).then().statusCode(400);
    }

    @Test
    void oneFileOfTheBundleCanBeReadByItsPath() {
        UUID jobId = generatedJob();

        String tool = given().get("/api/generations/{jobId}/files/tools/echo_text.py", jobId)
                .then().statusCode(200).extract().asString();
        assertThat(tool).contains("@tool\ndef echo_text(text: str):\n");
        given().get("/api/generations/{jobId}/files/nothing.py", jobId).then().statusCode(404);
        given().get("/api/generations/{jobId}", UUID.randomUUID()).then().statusCode(404);
    }

    private static SortedMap<String, byte[]> unzip(byte[] zip) throws IOException {
        SortedMap<String, byte[]> files = new TreeMap<>();
        try (ZipInputStream entries = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                files.put(entry.getName(), entries.readAllBytes());
            }
        }
        return files;
    }
}
