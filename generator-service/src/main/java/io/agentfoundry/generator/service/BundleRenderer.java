package io.agentfoundry.generator.service;

import io.agentfoundry.events.AgentSpec;
import io.agentfoundry.platform.messaging.StepFailureException;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Renders a spec into the bundle's files. Pure: the same spec, job id and generator version always give the same
 * bytes (nothing time- or machine-dependent is written).
 */
@ApplicationScoped
public class BundleRenderer {

    /** AgentCore's runtime-name rule, which also makes a safe Python identifier. */
    static final Pattern AGENT_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]{0,47}");
    /** strands_tools module names. */
    static final Pattern TOOL_MODULE = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    public SortedMap<String, byte[]> render(UUID jobId, AgentSpec spec, String generatorVersion) {
        AgentSource source = toSource(jobId, spec, generatorVersion);
        SortedMap<String, byte[]> files = new TreeMap<>();
        files.put("agent.py", bytes(BundleTemplates.agent(source).render()));
        files.put("agentcore_server.py", bytes(BundleTemplates.agentcore_server(source).render()));
        files.put("requirements.txt", bytes(BundleTemplates.requirements(source).render()));
        files.put("Dockerfile", bytes(BundleTemplates.dockerfile(source).render()));
        files.put(".dockerignore", bytes("__pycache__/\n*.pyc\n.venv/\n"));
        return files;
    }

    AgentSource toSource(UUID jobId, AgentSpec spec, String generatorVersion) {
        if (spec == null) {
            throw new StepFailureException("INVALID_SPEC", "The request has no agent spec");
        }
        if (spec.name() == null || !AGENT_NAME.matcher(spec.name()).matches()) {
            throw new StepFailureException("INVALID_AGENT_NAME",
                    "Agent name must match " + AGENT_NAME.pattern() + ": " + spec.name());
        }
        if (spec.systemPrompt() == null || spec.systemPrompt().isBlank()) {
            throw new StepFailureException("INVALID_SPEC", "The agent has no system prompt");
        }
        List<String> tools = new ArrayList<>();
        for (String tool : spec.tools()) {
            if (tool == null || !TOOL_MODULE.matcher(tool).matches()) {
                throw new StepFailureException("INVALID_TOOL_NAME", "Not a tool module name: " + tool);
            }
            if (!tools.contains(tool)) {
                tools.add(tool);
            }
        }
        ModelTarget model = ModelTarget.of(spec.modelId());
        return new AgentSource(spec.name(), jobId, generatorVersion, model, PythonLiteral.of(model.providerModelId()),
                PythonLiteral.of(spec.systemPrompt()), List.copyOf(tools));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
