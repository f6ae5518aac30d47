package io.agentfoundry.generator.service.bundle;

import io.agentfoundry.events.AgentSpec;
import io.agentfoundry.events.AgentSpec.ModelSettings;
import io.agentfoundry.events.AgentSpec.Monitoring;
import io.agentfoundry.events.ModelBinding;
import io.agentfoundry.events.ToolBinding;
import io.agentfoundry.generator.testing.Requests;
import io.agentfoundry.generator.testing.StandaloneRenderer;
import io.agentfoundry.platform.bundle.BundleArchive;
import io.agentfoundry.platform.domain.Failure;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static io.agentfoundry.generator.testing.Requests.parameter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BundleRendererTest {

    private final BundleRenderer renderer = StandaloneRenderer.create();

    private RenderedBundle render(AgentSpec spec, ModelBinding model) {
        return renderer.render(Requests.request(spec, model));
    }

    private static String file(RenderedBundle bundle, String path) {
        assertThat(bundle.files()).containsKey(path);
        return new String(bundle.files().get(path), StandardCharsets.UTF_8);
    }

    @Test
    void aBedrockAgentUsesBedrockModelWithAdaptiveRetriesAndTheCatalogsProfileId() {
        RenderedBundle bundle = render(Requests.spec("weather_agent", "Be brief.", List.of("http_request"), List.of(),
                new ModelSettings(0.3, 2048, 0.9), false, null), Requests.bedrock());
        String agent = file(bundle, "agent.py");

        assertThat(bundle.files().keySet()).containsExactly(".dockerignore", "Dockerfile", "README.md",
                "agent.py", "agentcore_server.py", "agentfoundry-manifest.json", "deploy_to_agentcore.py",
                "invoke_agent.py", "requirements.txt");
        assertThat(agent).contains("from botocore.config import Config\n", "from strands import Agent\n",
                        "from strands.models import BedrockModel\n", "from strands_tools import http_request\n",
                        "MODEL_ID = \"global.anthropic.claude-sonnet-4-5-20250929-v1:0\"\n",
                        "region_name=os.environ.get(\"AWS_REGION\"),",
                        "boto_client_config=Config(retries={\"max_attempts\": 3, \"mode\": \"adaptive\"}),",
                        "temperature=0.3,", "max_tokens=2048,", "top_p=0.9,",
                        "tools=[http_request],", "callback_handler=None,", "def create_agent():")
                .doesNotContain("Ollama", "platform", "mcp");
        assertThat(file(bundle, "requirements.txt")).contains("boto3==", "strands-agents==1.", "fastapi==",
                "uvicorn==", "strands-agents-tools==").doesNotContain(">=", "ollama");
    }

    @Test
    void anOllamaAgentUsesTheHostFromTheEnvironmentAndTheCatalogsNumCtx() {
        RenderedBundle bundle = render(Requests.simpleSpec("local_agent", "Be brief."), Requests.ollama());
        String agent = file(bundle, "agent.py");

        assertThat(agent).contains("from strands.models.ollama import OllamaModel\n",
                        "    return OllamaModel(\n        os.environ.get(\"OLLAMA_HOST\", \"http://localhost:11434\"),\n",
                        "model_id=MODEL_ID,", "options={\"num_ctx\": 40960},", "tools=[],")
                .doesNotContain("streaming", "BedrockModel", "botocore");
        assertThat(file(bundle, "requirements.txt")).contains("strands-agents[ollama]==", "ollama==")
                .doesNotContain("boto3");
        assertThat(bundle.warnings()).anySatisfy(warning -> assertThat(warning).contains("OLLAMA_HOST"));
    }

    @Test
    void toolsThatFailOnWindowsAreImportedBehindAPlatformGuardAndConsentIsBypassedInTheContainer() {
        RenderedBundle bundle = render(Requests.onPlatform(Requests.spec("ops_agent", "Be careful.",
                List.of("shell", "http_request"), List.of(), null, false, null), "windows"), Requests.bedrock());

        assertThat(file(bundle, "agent.py")).contains("from strands_tools import http_request\n",
                "if platform.system() != \"Windows\":\n    from strands_tools import shell\n",
                "tools=[http_request, *POSIX_ONLY_TOOLS],");
        assertThat(file(bundle, "Dockerfile")).contains("ENV BYPASS_TOOL_CONSENT=true\n");
        assertThat(bundle.warnings()).anySatisfy(warning -> assertThat(warning).contains("shell", "Windows"))
                .anySatisfy(warning -> assertThat(warning).contains("shell", "deprecated"));
        assertThat(file(bundle, "README.md")).contains("## Notes");
    }

    @Test
    void theDockerfileBuildsANonRootArm64ImageFromADigestPinnedBase() {
        String dockerfile = file(render(Requests.simpleSpec("plain_agent", "Hi.", "http_request"), Requests.bedrock()),
                "Dockerfile");

        assertThat(dockerfile).containsPattern("ARG BASE_IMAGE=ghcr\\.io/astral-sh/uv:python3\\.12-bookworm-slim"
                        + "@sha256:[0-9a-f]{64}\n")
                .contains("FROM --platform=linux/arm64 ${BASE_IMAGE}\n", "ENV DOCKER_CONTAINER=1\n",
                        "RUN useradd --uid 1000", "USER 1000\n", "EXPOSE 8080\n", "HEALTHCHECK ",
                        "CMD [\"python\", \"-m\", \"uvicorn\", \"agentcore_server:app\", \"--host\", \"0.0.0.0\", "
                                + "\"--port\", \"8080\"]\n")
                .doesNotContain("BYPASS_TOOL_CONSENT", "opentelemetry");
    }

    @Test
    void openTelemetryWrapsTheContainerCommandAndLangsmithIsConfiguredByVariableNamesOnly() {
        RenderedBundle bundle = render(Requests.spec("watched_agent", "Hi.", List.of(), List.of(), null, false,
                new Monitoring(true, true)), Requests.bedrock());

        assertThat(file(bundle, "Dockerfile")).contains("CMD [\"opentelemetry-instrument\", \"python\", \"-m\"");
        assertThat(file(bundle, "requirements.txt")).contains("aws-opentelemetry-distro==",
                "strands-agents[otel]==");
        assertThat(file(bundle, "agent.py")).contains("os.environ.get(\"LANGSMITH_API_KEY\")",
                "StrandsTelemetry(", "configure_langsmith()\n");
        assertThat(file(bundle, "README.md")).contains("`LANGSMITH_API_KEY`", "`LANGSMITH_PROJECT`");
    }

    @Test
    void credentialsReachTheBundleOnlyAsNamesOfEnvironmentVariables() {
        AgentSpec spec = Requests.spec("api_agent", "Hi.", List.of("tavily"), List.of(Requests.httpTool("search",
                "Searches.", "https://api.example.com/search?q={q}", "GET",
                Map.of("Authorization", "Bearer ${SEARCH_TOKEN}", "X-Api-Key", "${SEARCH_KEY}"),
                parameter("q", "string", "The query", true))), null, false, null);
        RenderedBundle bundle = render(spec, Requests.bedrock());

        assertThat(file(bundle, "tools/search.py"))
                .contains("HEADERS = {\"Authorization\": \"Bearer ${SEARCH_TOKEN}\", \"X-Api-Key\": \"${SEARCH_KEY}\"}");
        assertThat(file(bundle, "README.md")).contains("`SEARCH_TOKEN`", "`SEARCH_KEY`", "`TAVILY_API_KEY`");
        assertThat(file(bundle, "deploy_to_agentcore.py")).contains("\"SEARCH_KEY\"", "\"TAVILY_API_KEY\"")
                .doesNotContain("\"AWS_REGION\", ");
        assertThatThrownBy(() -> render(Requests.spec("leaky_agent", "Hi.", List.of(), List.of(Requests.httpTool(
                "search", "Searches.", "https://api.example.com/", "GET", Map.of("Authorization", "Bearer sk-live-123"))),
                null, false, null), Requests.bedrock()))
                .isInstanceOf(Failure.class).hasMessageContaining("${ENV_NAME}")
                .extracting(failure -> ((Failure) failure).errorCode()).isEqualTo("SECRET_IN_HEADER");
    }

    @Test
    void theSameRequestAlwaysGivesTheSameBytes() {
        Function<Map<String, String>, AgentSpec> spec = headers -> Requests.spec("same_agent", "Hi \u2028 there.",
                List.of("http_request", "shell"), List.of(Requests.httpTool("lookup", "Looks up.",
                        "https://example.com/{id}", "GET", headers, parameter("id", "string", "Id", true))),
                new ModelSettings(0.1, null, null), true, new Monitoring(true, false));
        Map<String, String> oneOrder = new LinkedHashMap<>();
        oneOrder.put("Accept", "application/json");
        oneOrder.put("X-Client", "agent");
        Map<String, String> otherOrder = new LinkedHashMap<>();
        otherOrder.put("X-Client", "agent");
        otherOrder.put("Accept", "application/json");

        RenderedBundle first = render(spec.apply(oneOrder), Requests.ollama());
        RenderedBundle again = render(spec.apply(otherOrder), Requests.ollama());

        assertThat(again.contentHash()).isEqualTo(first.contentHash());
        assertThat(BundleArchive.write(again.files())).isEqualTo(BundleArchive.write(first.files()));
        assertThat(BundleZip.write(again.files())).isEqualTo(BundleZip.write(first.files()));
    }

    @Test
    void theManifestHoldsTheSpecTheVersionsAndTheHashOfEveryOtherFile() {
        RenderedBundle bundle = render(Requests.simpleSpec("manifest_agent", "Hi.", "http_request"), Requests.bedrock());
        String manifest = file(bundle, "agentfoundry-manifest.json");

        assertThat(manifest).contains("\"catalogVersion\": \"2026-11-24\"", "\"generatorVersion\": \"0.2.0-test\"",
                "\"pinsVersion\": \"", "\"systemPrompt\": \"Hi.\"", "\"module\": \"http_request\"");
        bundle.files().forEach((path, content) -> {
            if (!path.equals("agentfoundry-manifest.json")) {
                assertThat(manifest).contains("\"" + path + "\": \"" + BundleArchive.fileHash(content) + "\"");
            }
        });
    }

    @Test
    void aPreviewIsLabelledAsSuch() {
        AgentSpec spec = Requests.simpleSpec("preview_agent", "Hi.");
        RenderedBundle bundle = renderer.render(new BundleRequest(null, spec, Requests.bedrock(), List.of(), null,
                "0.2.0"));

        assertThat(file(bundle, "agent.py")).contains("Job: preview\n", "catalog unknown\n");
    }

    @Test
    void anMcpServerWithoutCustomToolsIsLeftOutWithAWarning() {
        RenderedBundle bundle = render(Requests.spec("mcp_agent", "Hi.", List.of(), List.of(), null, true, null),
                Requests.bedrock());

        assertThat(bundle.files()).doesNotContainKey("mcp_server.py");
        assertThat(bundle.warnings()).anySatisfy(warning -> assertThat(warning).contains("MCP server"));
    }

    @Test
    void requestsThatCannotBecomeASafeBundleFailWithAClearCode() {
        ModelBinding bedrock = Requests.bedrock();
        assertFailure("INVALID_AGENT_NAME", Requests.simpleSpec("bad-name; rm -rf /", "Hi."), bedrock);
        assertFailure("INVALID_SPEC", Requests.simpleSpec("agent", " "), bedrock);
        assertFailure("INVALID_TOOL_NAME", withCustomTool(Requests.pythonTool("str", "d", "return 1")), bedrock);
        assertFailure("INVALID_TOOL_NAME", withCustomTool(Requests.pythonTool("Upper", "d", "return 1")), bedrock);
        assertFailure("DUPLICATE_TOOL_NAME", Requests.spec("agent", "Hi.", List.of("http_request"),
                List.of(Requests.pythonTool("http_request", "d", "return 1")), null, false, null), bedrock);
        assertFailure("INVALID_TOOL_PARAMETER", withCustomTool(Requests.pythonTool("t", "d", "return 1",
                parameter("x", "list", "d", true))), bedrock);
        assertFailure("INVALID_TOOL_PARAMETER", withCustomTool(Requests.pythonTool("t", "d", "return 1",
                parameter("agent", "string", "d", true))), bedrock);
        assertFailure("INVALID_TOOL_PARAMETER", withCustomTool(Requests.pythonTool("t", "d", "return 1",
                parameter("x", "string", "d", true), parameter("x", "integer", "d", false))), bedrock);
        assertFailure("INVALID_TOOL_NAME", withCustomTool(Requests.pythonTool("create_agent", "d", "return 1")),
                bedrock);
        assertFailure("INVALID_CUSTOM_TOOL", withCustomTool(new AgentSpec.CustomTool("t", "d", List.of(),
                new AgentSpec.HttpCall("GET", "https://example.com", null), "return 1")), bedrock);
        assertFailure("INVALID_HTTP_CALL", withCustomTool(Requests.httpTool("t", "d", "ftp://example.com", "GET",
                null)), bedrock);
        assertFailure("INVALID_HTTP_CALL", withCustomTool(Requests.httpTool("t", "d", "https://example.com/{city}",
                "GET", null)), bedrock);
        assertFailure("INVALID_HTTP_CALL", withCustomTool(Requests.httpTool("t", "d", "https://example.com", "GET",
                Map.of("X-Header", "a\r\nInjected: yes"))), bedrock);
        assertFailure("INVALID_HTTP_CALL", withCustomTool(Requests.httpTool("t", "d", "https://example.com", "TRACE",
                null)), bedrock);
        assertFailure("INVALID_MODEL_SETTINGS", Requests.spec("agent", "Hi.", List.of(), List.of(),
                new ModelSettings(1.5, null, null), false, null), bedrock);
        assertFailure("INVALID_MODEL_SETTINGS", Requests.spec("agent", "Hi.", List.of(), List.of(),
                new ModelSettings(null, 100_000, null), false, null), bedrock);
        assertFailure("INVALID_MODEL_BINDING", Requests.simpleSpec("agent", "Hi."),
                new ModelBinding("x", "OPENAI", "gpt", null, null, null, List.of()));
        assertFailure("INVALID_MODEL_BINDING", Requests.simpleSpec("agent", "Hi."),
                new ModelBinding("ollama/x", "OLLAMA", "x:1b", null, null, null, List.of()));
        assertFailure("INVALID_MODEL_BINDING", Requests.simpleSpec("agent", "Hi."),
                new ModelBinding("x", "BEDROCK", "model\"); import os", null, null, null, List.of()));
        assertFailure("UNPINNED_REQUIREMENT", Requests.simpleSpec("agent", "Hi."),
                new ModelBinding("x", "BEDROCK", "x", null, null, null, List.of("langchain>=0.3")));
        assertFailure("INVALID_CATALOG_REQUIREMENT", Requests.simpleSpec("agent", "Hi."),
                new ModelBinding("x", "BEDROCK", "x", null, null, null, List.of("--index-url https://evil")));
    }

    @Test
    void toolBindingsMustMatchTheSpecsTools() {
        AgentSpec spec = Requests.simpleSpec("agent", "Hi.", "http_request", "shell");
        BundleRequest oneBindingMissing = new BundleRequest(Requests.JOB, spec, Requests.bedrock(),
                List.of(Requests.catalogTool("http_request")), "1", "0.2.0");
        BundleRequest moduleInjection = new BundleRequest(Requests.JOB, Requests.simpleSpec("agent", "Hi.", "x"),
                Requests.bedrock(), List.of(new ToolBinding("x", "os, sys", null, null, false, null, false)), "1", "0.2.0");

        assertThatThrownBy(() -> renderer.render(oneBindingMissing)).hasMessageContaining("binds 1");
        assertThatThrownBy(() -> renderer.render(moduleInjection)).isInstanceOf(Failure.class)
                .extracting(failure -> ((Failure) failure).errorCode()).isEqualTo("INVALID_TOOL_BINDING");
    }

    private static AgentSpec withCustomTool(AgentSpec.CustomTool tool) {
        return Requests.spec("agent", "Hi.", List.of(), List.of(tool), null, false, null);
    }

    private void assertFailure(String code, AgentSpec spec, ModelBinding model) {
        assertThatThrownBy(() -> render(spec, model)).as(code).isInstanceOf(Failure.class)
                .extracting(failure -> ((Failure) failure).errorCode()).isEqualTo(code);
    }
}
