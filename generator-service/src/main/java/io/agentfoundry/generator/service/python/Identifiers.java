package io.agentfoundry.generator.service.python;

import io.agentfoundry.events.SpecRules;
import io.agentfoundry.platform.domain.Failure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The few values that reach generated files as code or as plain text rather than as escaped literals: each is checked
 * against a strict pattern and refused, never repaired or pasted raw.
 */
public final class Identifiers {

    public static final Pattern AGENT_NAME = SpecRules.AGENT_NAME;
    /** Tool modules, custom tools and their parameters: lowercase Python identifiers. */
    static final Pattern PYTHON_NAME = SpecRules.PYTHON_NAME;
    static final Pattern ENVIRONMENT_VARIABLE = Pattern.compile("[A-Z_][A-Z0-9_]{0,127}");
    /** Bedrock ids, inference-profile ids and Ollama tags use only these characters. */
    static final Pattern MODEL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,199}");
    /** Versions of the generator and the catalogs. */
    static final Pattern VERSION_LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,63}");
    /** Python distribution names and extras (PEP 508 names). */
    public static final Pattern DISTRIBUTION_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]{0,98}[A-Za-z0-9])?");

    private static final String RESERVED_FILE = "bundle/reserved-python-names.txt";
    private static final Map<String, Set<String>> RESERVED = loadReservedNames();

    private Identifiers() {
    }

    public static String agentName(String name) {
        if (name == null || !AGENT_NAME.matcher(name).matches()) {
            throw new Failure("INVALID_AGENT_NAME",
                    "Agent name must match " + AGENT_NAME.pattern() + ": " + quoted(name));
        }
        return name;
    }

    /** A custom tool's name: a Python identifier bound at module level, so it may not shadow what modules use. */
    public static String toolName(String name) {
        return pythonName(name, "INVALID_TOOL_NAME", "custom tool name", "tool names");
    }

    /** A strands_tools module from a catalog binding. */
    public static String toolModule(String module, String tool) {
        return pythonName(module, "INVALID_TOOL_BINDING", "strands_tools module of tool " + quoted(tool), "tool names");
    }

    /** A parameter of a custom tool: a local name, so only keywords and the parameters Strands fills are refused. */
    public static String parameterName(String name, String tool) {
        return pythonName(name, "INVALID_TOOL_PARAMETER", "parameter name of custom tool " + tool, "parameter names");
    }

    private static String pythonName(String name, String errorCode, String what, String reservedSection) {
        if (name == null || !PYTHON_NAME.matcher(name).matches()) {
            throw new Failure(errorCode,
                    "The " + what + " must match " + PYTHON_NAME.pattern() + ": " + quoted(name));
        }
        if (RESERVED.get("keywords").contains(name) || RESERVED.get(reservedSection).contains(name)) {
            throw new Failure(errorCode, "The " + what + " '" + name + "' is reserved ("
                    + (RESERVED.get("keywords").contains(name) ? "a Python keyword" : "see " + RESERVED_FILE
                    + ", [" + reservedSection + "]") + "); choose another");
        }
        return name;
    }

    public static boolean isEnvironmentVariable(String name) {
        return name != null && ENVIRONMENT_VARIABLE.matcher(name).matches();
    }

    public static String modelId(String id, String what) {
        if (id == null || !MODEL_ID.matcher(id).matches()) {
            throw new Failure("INVALID_MODEL_BINDING",
                    "The model's " + what + " must match " + MODEL_ID.pattern() + ": " + quoted(id));
        }
        return id;
    }

    public static String versionLabel(String version, String errorCode, String what) {
        if (version == null || !VERSION_LABEL.matcher(version).matches()) {
            throw new Failure(errorCode, "The " + what + " must match " + VERSION_LABEL.pattern() + ": "
                    + quoted(version));
        }
        return version;
    }

    /** User text shown in an error message: quoted, cut short and free of control characters. */
    public static String quoted(String text) {
        if (text == null) {
            return "null";
        }
        String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return PythonLiteral.of(shown);
    }

    /** The sections of reserved-python-names.txt: "[section]" lines start one; names follow, '#' starts a comment. */
    private static Map<String, Set<String>> loadReservedNames() {
        try (InputStream in = Identifiers.class.getResourceAsStream("/" + RESERVED_FILE)) {
            if (in == null) {
                throw new IllegalStateException(RESERVED_FILE + " is missing from the classpath");
            }
            Map<String, Set<String>> sections = new HashMap<>();
            String section = null;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String content = line.replaceFirst("#.*", "").trim();
                if (content.startsWith("[")) {
                    section = content.substring(1, content.length() - 1);
                    sections.put(section, new HashSet<>());
                } else if (!content.isEmpty()) {
                    sections.get(section).addAll(Arrays.asList(content.split("\\s+")));
                }
            }
            return Map.copyOf(sections);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
