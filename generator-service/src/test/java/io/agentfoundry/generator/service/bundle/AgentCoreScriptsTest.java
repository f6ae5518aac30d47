package io.agentfoundry.generator.service.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentfoundry.events.AgentSpec;
import io.agentfoundry.generator.testing.BundleFiles;
import io.agentfoundry.generator.testing.Requests;
import io.agentfoundry.generator.testing.StandaloneRenderer;
import io.agentfoundry.generator.testing.SystemPython;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.agentfoundry.generator.testing.Requests.parameter;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundle's deploy_to_agentcore.py and invoke_agent.py run by the real python3 against a boto3 test double that
 * plays AgentCore (src/test/resources/python-test-doubles/boto3) and records each call.
 */
class AgentCoreScriptsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path bundle;

    @BeforeEach
    void render() {
        AgentSpec spec = Requests.spec("deployed_agent", "Hi.", List.of("tavily"), List.of(Requests.httpTool("search",
                "Searches.", "https://api.example.com/?q={q}", "GET", Map.of("Authorization", "Bearer ${SEARCH_TOKEN}"),
                parameter("q", "string", "Query", true))), null, false, null);
        BundleFiles.write(StandaloneRenderer.create().render(Requests.request(spec, Requests.bedrock())).files(), bundle);
    }

    record Run(int exitCode, String output, List<JsonNode> calls) {
    }

    private Run run(String scenario, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(SystemPython.EXECUTABLE));
        command.addAll(List.of(arguments));
        Path calls = bundle.resolve("calls.jsonl");
        Files.deleteIfExists(calls);
        Files.createFile(calls);
        ProcessBuilder python = new ProcessBuilder(command).directory(bundle.toFile()).redirectErrorStream(true);
        python.environment().put("PYTHONPATH", BundleFiles.testDoubles().toString());
        python.environment().put("BOTO3_DOUBLE_SCENARIO", scenario);
        python.environment().put("BOTO3_DOUBLE_CALLS", calls.toString());
        python.environment().put("TAVILY_API_KEY", "tavily-key-from-the-shell");
        python.environment().remove("SEARCH_TOKEN");
        Process process = python.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        List<JsonNode> recorded = new ArrayList<>();
        for (String line : Files.readAllLines(calls)) {
            recorded.add(JSON.readTree(line));
        }
        return new Run(process.exitValue(), output, recorded);
    }

    @Test
    void deployCreatesTheRuntimeWhenThereIsNoneAndWaitsUntilItIsReady() throws Exception {
        Run deploy = run("{\"runtimes\": [], \"statuses\": [\"READY\"]}", "deploy_to_agentcore.py",
                "--image-uri", "123.dkr.ecr.us-west-2.amazonaws.com/deployed_agent@sha256:" + "a".repeat(64),
                "--role-arn", "arn:aws:iam::123:role/runtime", "--region", "us-west-2");

        assertThat(deploy.exitCode()).as(deploy.output()).isZero();
        assertThat(deploy.calls()).extracting(call -> call.path("operation").asText())
                .containsExactly("list_agent_runtimes", "create_agent_runtime", "get_agent_runtime");
        JsonNode create = deploy.calls().get(1).path("arguments");
        assertThat(create.path("agentRuntimeName").asText()).isEqualTo("deployed_agent");
        assertThat(create.path("agentRuntimeArtifact").path("containerConfiguration").path("containerUri").asText())
                .endsWith("@sha256:" + "a".repeat(64));
        assertThat(create.path("networkConfiguration").path("networkMode").asText()).isEqualTo("PUBLIC");
        assertThat(create.path("protocolConfiguration").path("serverProtocol").asText()).isEqualTo("HTTP");
        // only variables set in the deployer's shell travel, and only from the bundle's list of names
        assertThat(create.path("environmentVariables").toString())
                .isEqualTo("{\"TAVILY_API_KEY\":\"tavily-key-from-the-shell\"}");
        assertThat(deploy.output()).contains("READY: arn:aws:bedrock-agentcore:");
    }

    @Test
    void deployUpdatesTheRuntimeOfTheSameName() throws Exception {
        Run deploy = run("{\"runtimes\": [{\"agentRuntimeName\": \"other\", \"agentRuntimeId\": \"r-1\"},"
                        + " {\"agentRuntimeName\": \"deployed_agent\", \"agentRuntimeId\": \"r-2\"}]}",
                "deploy_to_agentcore.py", "--image-uri", "image@sha256:" + "b".repeat(64), "--role-arn", "role");

        assertThat(deploy.exitCode()).as(deploy.output()).isZero();
        assertThat(deploy.calls()).extracting(call -> call.path("operation").asText())
                .containsExactly("list_agent_runtimes", "update_agent_runtime", "get_agent_runtime");
        assertThat(deploy.calls().get(1).path("arguments").path("agentRuntimeId").asText()).isEqualTo("r-2");
    }

    @Test
    void deployFailsWithTheRuntimesFailureReason() throws Exception {
        Run deploy = run("{\"statuses\": [\"CREATE_FAILED\"], \"failureReason\": \"Access denied while validating ECR URI\"}",
                "deploy_to_agentcore.py", "--image-uri", "image", "--role-arn", "role");

        assertThat(deploy.exitCode()).isNotZero();
        assertThat(deploy.output()).contains("CREATE_FAILED", "Access denied while validating ECR URI");
    }

    @Test
    void invokeSendsThePromptWithASessionIdOfAtLeast33Characters() throws Exception {
        Run invoke = run("{\"response\": \"{\\\"result\\\": \\\"sunny\\\"}\"}", "invoke_agent.py",
                "--arn", "arn:aws:bedrock-agentcore:us-west-2:123:runtime/r-2", "Weather in Lisbon?");

        assertThat(invoke.exitCode()).as(invoke.output()).isZero();
        JsonNode call = invoke.calls().get(0).path("arguments");
        assertThat(call.path("runtimeSessionId").asText()).hasSizeGreaterThanOrEqualTo(33);
        assertThat(call.path("qualifier").asText()).isEqualTo("DEFAULT");
        assertThat(call.path("payload").asText()).contains("Weather in Lisbon?");
        assertThat(invoke.output()).contains("session id: " + call.path("runtimeSessionId").asText(),
                "{\"result\": \"sunny\"}");
        assertThat(run("{}", "invoke_agent.py", "--arn", "arn", "--session-id", "too-short", "hi").exitCode())
                .isNotZero();
    }
}
