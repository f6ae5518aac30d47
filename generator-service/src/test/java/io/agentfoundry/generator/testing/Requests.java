package io.agentfoundry.generator.testing;

import io.agentfoundry.events.AgentRequested;
import io.agentfoundry.events.AgentSpec;
import io.agentfoundry.events.AgentSpec.CustomTool;
import io.agentfoundry.events.AgentSpec.HttpCall;
import io.agentfoundry.events.AgentSpec.ModelSettings;
import io.agentfoundry.events.AgentSpec.Monitoring;
import io.agentfoundry.events.AgentSpec.ToolParameter;
import io.agentfoundry.events.ModelBinding;
import io.agentfoundry.events.ToolBinding;
import io.agentfoundry.generator.service.bundle.BundleRequest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Specs and catalog bindings as the registry publishes them, for tests. */
public final class Requests {

    public static final String GENERATOR_VERSION = "0.2.0-test";
    public static final UUID JOB = UUID.fromString("3f2c9a4e-8b1d-4c6e-9f7a-2d5b8e1c0a94");

    private Requests() {
    }

    public static ModelBinding bedrock() {
        return new ModelBinding("claude-sonnet-4-5", "BEDROCK", "global.anthropic.claude-sonnet-4-5-20250929-v1:0",
                200_000, 64_000, null, List.of("strands-agents", "boto3"));
    }

    public static ModelBinding ollama() {
        return new ModelBinding("ollama/qwen3:8b", "OLLAMA", "qwen3:8b", 40_960, 8_192, 40_960,
                List.of("strands-agents[ollama]"));
    }

    /** A catalog tool; {@code shell}, {@code python_repl} and {@code cron} are POSIX-only and shell asks for consent. */
    public static ToolBinding catalogTool(String module) {
        boolean posixOnly = List.of("shell", "python_repl", "cron").contains(module);
        boolean consent = List.of("shell", "file_write", "python_repl").contains(module);
        boolean deprecated = List.of("calculator", "shell", "current_time").contains(module);
        List<String> environment = switch (module) {
            case "tavily" -> List.of("TAVILY_API_KEY");
            case "use_aws" -> List.of("AWS_REGION");
            default -> List.of();
        };
        String extra = module.equals("code_interpreter") ? "agent-core-code-interpreter" : null;
        return new ToolBinding(module, module, extra, environment, consent, posixOnly ? List.of("windows") : List.of(),
                deprecated);
    }

    public static AgentSpec spec(String name, String systemPrompt, List<String> tools, List<CustomTool> customTools,
                                 ModelSettings settings, Boolean mcpServer, Monitoring monitoring) {
        return new AgentSpec(name, "Answers questions about the weather.", systemPrompt, "model", tools, List.of(),
                settings, customTools, mcpServer, monitoring, "AGENTCORE", "linux");
    }

    public static AgentSpec onPlatform(AgentSpec spec, String platform) {
        return new AgentSpec(spec.name(), spec.description(), spec.systemPrompt(), spec.modelId(), spec.tools(),
                spec.testCases(), spec.modelSettings(), spec.customTools(), spec.mcpServer(), spec.monitoring(),
                spec.deployTarget(), platform);
    }

    public static AgentSpec simpleSpec(String name, String systemPrompt, String... tools) {
        return spec(name, systemPrompt, List.of(tools), List.of(), null, null, null);
    }

    public static BundleRequest request(AgentSpec spec, ModelBinding model) {
        return new BundleRequest(JOB, spec, model, spec.tools().stream().map(Requests::catalogTool).toList(),
                "2026-11-24", GENERATOR_VERSION);
    }

    /** An accepted AgentRequested with the same bindings as {@link #request}. */
    public static AgentRequested accepted(UUID jobId, AgentSpec spec, ModelBinding model) {
        return new AgentRequested(UUID.randomUUID(), jobId, UUID.randomUUID(), Instant.now(), 1, "test", spec, model,
                spec.tools().stream().map(Requests::catalogTool).toList(), "2026-11-24");
    }

    public static CustomTool httpTool(String name, String description, String urlTemplate, String method,
                                      Map<String, String> headers, ToolParameter... parameters) {
        return new CustomTool(name, description, List.of(parameters), new HttpCall(method, urlTemplate, headers), null);
    }

    public static CustomTool pythonTool(String name, String description, String body, ToolParameter... parameters) {
        return new CustomTool(name, description, List.of(parameters), null, body);
    }

    public static ToolParameter parameter(String name, String type, String description, boolean required) {
        return new ToolParameter(name, type, description, required);
    }
}
