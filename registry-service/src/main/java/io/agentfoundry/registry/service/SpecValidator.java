package io.agentfoundry.registry.service;

import io.agentfoundry.events.AgentSpec;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a whole spec and reports every violation with its JSON path, not just the first. */
@ApplicationScoped
public class SpecValidator {

    /** AgentCore's runtime-name rule. */
    static final Pattern AGENT_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]{0,47}");
    static final Pattern MODEL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,199}");
    static final Pattern TOOL_NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    static final int MAX_PROMPT = 20_000;
    static final int MAX_DESCRIPTION = 500;
    static final int MAX_TOOLS = 50;
    static final int MAX_TEST_CASES = 20;
    static final int MAX_TEST_TEXT = 4_000;

    public record Violation(String path, String message) {
    }

    public List<Violation> validate(AgentSpec spec) {
        List<Violation> violations = new ArrayList<>();
        if (spec == null) {
            violations.add(new Violation("$", "an agent spec is required"));
            return violations;
        }
        if (spec.name() == null || !AGENT_NAME.matcher(spec.name()).matches()) {
            violations.add(new Violation("$.name",
                    "must start with a letter and contain only letters, digits and underscores (at most 48): AgentCore's rule"));
        }
        if (spec.description() != null && spec.description().length() > MAX_DESCRIPTION) {
            violations.add(new Violation("$.description", "must be at most " + MAX_DESCRIPTION + " characters"));
        }
        if (spec.systemPrompt() == null || spec.systemPrompt().isBlank()) {
            violations.add(new Violation("$.systemPrompt", "is required"));
        } else if (spec.systemPrompt().length() > MAX_PROMPT) {
            violations.add(new Violation("$.systemPrompt", "must be at most " + MAX_PROMPT + " characters"));
        }
        if (spec.modelId() == null || !MODEL_ID.matcher(spec.modelId()).matches()) {
            violations.add(new Violation("$.modelId", "must be a model id from the catalog"));
        }
        if (spec.tools().size() > MAX_TOOLS) {
            violations.add(new Violation("$.tools", "must list at most " + MAX_TOOLS + " tools"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < spec.tools().size(); i++) {
            String tool = spec.tools().get(i);
            if (tool == null || !TOOL_NAME.matcher(tool).matches()) {
                violations.add(new Violation("$.tools[" + i + "]", "is not a tool name"));
            } else if (!seen.add(tool)) {
                violations.add(new Violation("$.tools[" + i + "]", "repeats '" + tool + "'"));
            }
        }
        if (spec.testCases().size() > MAX_TEST_CASES) {
            violations.add(new Violation("$.testCases", "must list at most " + MAX_TEST_CASES + " test cases"));
        }
        for (int i = 0; i < spec.testCases().size(); i++) {
            AgentSpec.TestCase testCase = spec.testCases().get(i);
            String path = "$.testCases[" + i + "]";
            if (testCase == null) {
                violations.add(new Violation(path, "must be an object"));
                continue;
            }
            if (testCase.name() == null || testCase.name().isBlank() || testCase.name().length() > 100) {
                violations.add(new Violation(path + ".name", "is required, at most 100 characters"));
            }
            if (testCase.prompt() == null || testCase.prompt().isBlank() || testCase.prompt().length() > MAX_TEST_TEXT) {
                violations.add(new Violation(path + ".prompt", "is required, at most " + MAX_TEST_TEXT + " characters"));
            }
            if (testCase.expectContains() != null && testCase.expectContains().length() > MAX_TEST_TEXT) {
                violations.add(new Violation(path + ".expectContains", "must be at most " + MAX_TEST_TEXT + " characters"));
            }
        }
        return violations;
    }
}
