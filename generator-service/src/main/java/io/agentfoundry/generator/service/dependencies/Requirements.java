package io.agentfoundry.generator.service.dependencies;

import io.agentfoundry.generator.service.python.Identifiers;
import io.agentfoundry.events.ToolBinding;
import io.agentfoundry.platform.domain.Failure;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines of a bundle's {@code requirements.txt}: what the model provider, the tools' extras, MCP and monitoring
 * need, each pinned from {@link DependencyPins}. Version ranges that come with the catalog's requirements are
 * replaced by the pins: a bundle always installs the same versions.
 */
public final class Requirements {

    /** A PEP 508 requirement as the catalog writes it: a name, optional extras, and an ignored version part. */
    private static final Pattern CATALOG_REQUIREMENT =
            Pattern.compile("\\s*([A-Za-z0-9][A-Za-z0-9._-]*)\\s*(?:\\[([A-Za-z0-9._,\\s-]*)])?\\s*(?:[<>=!~(;].*)?");

    private final Map<String, Set<String>> extrasByDistribution = new TreeMap<>();

    public Requirements require(String distribution, String... extras) {
        Set<String> known = extrasByDistribution.computeIfAbsent(normalized(distribution), name -> new TreeSet<>());
        for (String extra : extras) {
            if (!Identifiers.DISTRIBUTION_NAME.matcher(extra).matches()) {
                throw new Failure("INVALID_CATALOG_REQUIREMENT",
                        "Not a Python extra name: " + Identifiers.quoted(extra));
            }
            known.add(normalized(extra));
        }
        return this;
    }

    /** One of the model binding's {@code pipRequirements}, e.g. {@code strands-agents[ollama]>=1.0}. */
    public Requirements requireFromCatalog(String requirement) {
        Matcher parts = requirement == null ? null : CATALOG_REQUIREMENT.matcher(requirement);
        if (parts == null || !parts.matches()) {
            throw new Failure("INVALID_CATALOG_REQUIREMENT",
                    "Not a Python requirement: " + Identifiers.quoted(requirement));
        }
        String[] extras = parts.group(2) == null || parts.group(2).isBlank() ? new String[0]
                : parts.group(2).strip().split("\\s*,\\s*");
        return require(parts.group(1), extras);
    }

    public Requirements requireToolExtras(List<ToolBinding> tools) {
        if (!tools.isEmpty()) {
            require("strands-agents-tools", tools.stream()
                    .map(ToolBinding::pipExtra)
                    .filter(extra -> extra != null && !extra.isBlank())
                    .toArray(String[]::new));
        }
        return this;
    }

    public List<String> pinned(DependencyPins pins) {
        return extrasByDistribution.entrySet().stream()
                .map(requirement -> pins.pinned(requirement.getKey(), requirement.getValue()))
                .toList();
    }

    /** PEP 503 normalization, so that {@code Strands_Agents} and {@code strands-agents} are one requirement. */
    private static String normalized(String name) {
        if (name == null || !Identifiers.DISTRIBUTION_NAME.matcher(name).matches()) {
            throw new Failure("INVALID_CATALOG_REQUIREMENT",
                    "Not a Python distribution name: " + Identifiers.quoted(name));
        }
        return name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
    }
}
