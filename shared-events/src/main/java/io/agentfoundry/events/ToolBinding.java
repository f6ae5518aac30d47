package io.agentfoundry.events;

import java.util.List;

/**
 * A catalog tool as the registry resolved it for a job.
 *
 * @param name                 the tool's catalog name
 * @param module               the Python module to import from {@code strands_tools}, e.g. {@code http_request}
 * @param pipExtra             the {@code strands-agents-tools} extra it needs; null for none
 * @param environment          names of environment variables it reads (never their values)
 * @param requiresConsent      asks for consent unless {@code BYPASS_TOOL_CONSENT=true}
 * @param unsupportedPlatforms operating systems it does not work on, e.g. {@code windows}
 * @param deprecated           deprecated in strands_tools (warning now, error in a later release)
 */
public record ToolBinding(
        String name,
        String module,
        String pipExtra,
        List<String> environment,
        boolean requiresConsent,
        List<String> unsupportedPlatforms,
        boolean deprecated) {

    public ToolBinding {
        environment = environment == null ? List.of() : List.copyOf(environment);
        unsupportedPlatforms = unsupportedPlatforms == null ? List.of() : List.copyOf(unsupportedPlatforms);
    }
}
