package io.agentfoundry.registry.domain.catalog;

import java.util.List;

/**
 * One entry of {@code catalog/tools.json}: a module of strands_tools.
 *
 * @param environment         variables the tool needs (names only)
 * @param optionalEnvironment variables it reads when they are set
 * @param setupNote           what else it needs (credentials, a bucket, a desktop); null for nothing
 * @param requiresConsent     asks before acting unless {@code BYPASS_TOOL_CONSENT=true}, which a container must set
 * @param replacement         for a deprecated tool: what to use instead, a catalog tool name or a sentence
 * @param keywords            words and phrases that show a prompt needs this tool (tool suggestions)
 */
public record CatalogTool(
        String name,
        String module,
        String importLine,
        String pipExtra,
        List<String> environment,
        List<String> optionalEnvironment,
        String setupNote,
        Boolean requiresConsent,
        List<String> unsupportedPlatforms,
        Boolean deprecated,
        String replacement,
        String category,
        String description,
        List<String> keywords,
        String notes) {

    public CatalogTool {
        environment = environment == null ? List.of() : List.copyOf(environment);
        optionalEnvironment = optionalEnvironment == null ? List.of() : List.copyOf(optionalEnvironment);
        unsupportedPlatforms = unsupportedPlatforms == null ? List.of() : List.copyOf(unsupportedPlatforms);
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
    }

    public boolean markedDeprecated() {
        return Boolean.TRUE.equals(deprecated);
    }

    public boolean asksForConsent() {
        return Boolean.TRUE.equals(requiresConsent);
    }

    public boolean worksOn(String platform) {
        return unsupportedPlatforms.stream().noneMatch(unsupported -> unsupported.equalsIgnoreCase(platform));
    }
}
