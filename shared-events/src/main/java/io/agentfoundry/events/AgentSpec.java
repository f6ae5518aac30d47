package io.agentfoundry.events;

import java.util.List;

/**
 * The agent a job turns into a running runtime. Travels inside every step event so that each step has what it needs
 * without asking another service.
 *
 * @param name          AgentCore-compatible name, {@code [a-zA-Z][a-zA-Z0-9_]{0,47}}
 * @param description   optional one-line description
 * @param systemPrompt  the agent's system prompt
 * @param modelId       a model id from the registry's model catalog
 * @param tools         names of tools from the registry's tool catalog
 * @param testCases     prompts the tester sends to the running agent; empty means a default smoke prompt
 */
public record AgentSpec(
        String name,
        String description,
        String systemPrompt,
        String modelId,
        List<String> tools,
        List<TestCase> testCases) {

    public AgentSpec {
        tools = tools == null ? List.of() : List.copyOf(tools);
        testCases = testCases == null ? List.of() : List.copyOf(testCases);
    }

    /**
     * @param name           short label for reports
     * @param prompt         what is sent to the agent
     * @param expectContains text the answer must contain (case-insensitive); null to only require an answer
     */
    public record TestCase(String name, String prompt, String expectContains) {
    }
}
