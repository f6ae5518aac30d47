package io.agentfoundry.events;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The agent a job turns into a running runtime. Travels inside every step event so that each step has what it needs
 * without asking another service. Fields after {@code testCases} are optional: absent means the documented default.
 *
 * @param name          AgentCore-compatible name, {@code [a-zA-Z][a-zA-Z0-9_]{0,47}}
 * @param description   optional one-line description
 * @param systemPrompt  the agent's system prompt
 * @param modelId       a model id from the registry's model catalog
 * @param tools         names of tools from the registry's tool catalog
 * @param testCases     prompts the tester sends to the running agent; empty means a default smoke prompt
 * @param modelSettings sampling settings; absent means the model's defaults
 * @param customTools   tools defined by the spec itself; each becomes {@code tools/<name>.py} in the bundle
 * @param mcpServer     true to also expose the custom tools through an MCP server in the bundle (default false)
 * @param monitoring    opt-in observability; absent means none
 * @param deployTarget  {@code LOCAL} or {@code AGENTCORE}; absent means the deployer's configured default
 * @param platform      operating system the agent will run on, {@code linux} (default) or {@code windows}
 */
public record AgentSpec(
        String name,
        String description,
        String systemPrompt,
        String modelId,
        List<String> tools,
        List<TestCase> testCases,
        ModelSettings modelSettings,
        List<CustomTool> customTools,
        Boolean mcpServer,
        Monitoring monitoring,
        String deployTarget,
        String platform) {

    public AgentSpec {
        tools = tools == null ? List.of() : List.copyOf(tools);
        testCases = testCases == null ? List.of() : List.copyOf(testCases);
        customTools = customTools == null ? List.of() : List.copyOf(customTools);
    }

    /** The six fields every spec has; the optional ones left out. */
    public AgentSpec(String name, String description, String systemPrompt, String modelId, List<String> tools,
                     List<TestCase> testCases) {
        this(name, description, systemPrompt, modelId, tools, testCases, null, null, null, null, null, null);
    }

    public boolean wantsMcpServer() {
        return Boolean.TRUE.equals(mcpServer);
    }

    /**
     * @param name           short label for reports
     * @param prompt         what is sent to the agent
     * @param expectContains text the answer must contain (case-insensitive); null for no such check
     * @param expectRegex    a regular expression the answer must match somewhere; null for no such check
     * @param expectJsonPath a JSON path ({@code $.a.b}) that must exist in the JSON answer; null for no such check
     * @param maxLatencyMs   the longest the answer may take; null for no limit
     */
    public record TestCase(String name, String prompt, String expectContains, String expectRegex, String expectJsonPath,
                           Long maxLatencyMs) {

        public TestCase(String name, String prompt, String expectContains) {
            this(name, prompt, expectContains, null, null, null);
        }
    }

    /** Sampling settings passed to the model class; null fields keep the provider's defaults. */
    public record ModelSettings(Double temperature, Integer maxTokens, Double topP) {
    }

    /** Opt-in observability. Only environment-variable names ever reach the bundle, never values. */
    public record Monitoring(Boolean openTelemetry, Boolean langsmith) {

        public boolean wantsOpenTelemetry() {
            return Boolean.TRUE.equals(openTelemetry);
        }

        public boolean wantsLangsmith() {
            return Boolean.TRUE.equals(langsmith);
        }
    }

    /**
     * A tool the spec defines: exactly one of {@code http} and {@code pythonBody} is set.
     *
     * @param name        a Python identifier, {@code [a-z][a-z0-9_]{0,63}}
     * @param description what the tool does, shown to the model
     * @param parameters  the tool's typed parameters
     * @param http        an HTTP call made with the parameters
     * @param pythonBody  the body of the tool function, Python source written by the user
     */
    public record CustomTool(String name, String description, List<ToolParameter> parameters, HttpCall http,
                             String pythonBody) {

        public CustomTool {
            parameters = parameters == null ? List.of() : List.copyOf(parameters);
        }
    }

    /**
     * @param type     {@code string}, {@code integer}, {@code number} or {@code boolean}
     * @param required absent means false
     */
    public record ToolParameter(String name, String type, String description, Boolean required) {
    }

    /**
     * @param method      GET, POST, PUT, PATCH or DELETE
     * @param urlTemplate a URL with {@code {parameter}} placeholders, filled URL-encoded
     * @param headers     header values may name environment variables as {@code ${ENV_NAME}}; values are never
     *                    secrets themselves. Kept sorted by name.
     */
    public record HttpCall(String method, String urlTemplate, Map<String, String> headers) {

        public HttpCall {
            // sorted, so that a bundle rendered from these headers is the same in every JVM
            headers = headers == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(headers));
        }
    }
}
