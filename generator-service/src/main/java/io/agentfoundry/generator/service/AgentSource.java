package io.agentfoundry.generator.service;

import java.util.List;
import java.util.UUID;

/**
 * Everything the templates print, already made safe: identifiers validated, user text turned into Python literals.
 * Templates never see raw user input.
 */
public record AgentSource(
        String name,
        UUID jobId,
        String generatorVersion,
        ModelTarget model,
        String modelIdLiteral,
        String systemPromptLiteral,
        List<String> toolModules) {

    public boolean hasTools() {
        return !toolModules.isEmpty();
    }

    public String toolList() {
        return String.join(", ", toolModules);
    }
}
