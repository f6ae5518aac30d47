package io.agentfoundry.events;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of {@link AgentSpec} that every producer and consumer enforces alike, stated once: the registry validates
 * specs against them, the generator relies on them, and the JSON Schema (agent-spec.v1.schema.json) states the same
 * values ({@code SpecRulesTest} holds the two together). Names become code or names in generated bundles, so they are
 * checked, never escaped.
 */
public final class SpecRules {

    /** AgentCore's runtime-name rule; also a safe Python identifier. */
    public static final Pattern AGENT_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]{0,47}");

    /** Catalog tool names, custom tool names and tool parameter names: lowercase Python identifiers. */
    public static final Pattern PYTHON_NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    /** Python's reserved words: no custom tool or parameter may be named one. */
    public static final Set<String> PYTHON_KEYWORDS = Set.of("False", "None", "True", "and", "as", "assert", "async",
            "await", "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from",
            "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try",
            "while", "with", "yield");

    public static final Set<String> PLATFORMS = Set.of("linux", "windows");
    public static final Set<String> PARAMETER_TYPES = Set.of("string", "integer", "number", "boolean");
    public static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    public static final int MAX_DESCRIPTION = 500;
    public static final int MAX_PROMPT = 20_000;
    public static final int MAX_MODEL_ID = 200;
    public static final int MAX_TOOLS = 50;
    public static final int MAX_TEST_CASES = 20;
    public static final int MAX_TEST_NAME = 100;
    public static final int MAX_TEST_TEXT = 4_000;
    public static final int MAX_REGEX = 1_000;
    public static final int MAX_JSON_PATH = 500;
    public static final long MAX_LATENCY_MS = 600_000;
    public static final int MAX_CUSTOM_TOOLS = 20;
    public static final int MAX_CUSTOM_DESCRIPTION = 1_000;
    public static final int MAX_PARAMETERS = 20;
    public static final int MAX_PARAMETER_DESCRIPTION = 500;
    public static final int MAX_PYTHON_BODY = 20_000;
    public static final int MAX_URL = 2_000;
    public static final int MAX_HEADERS = 20;
    public static final int MAX_HEADER_VALUE = 1_000;
    /**
     * The whole spec as UTF-8 JSON, in bytes. Every event of a job carries the spec, and each event is one Kafka record,
     * which the broker and the producers take up to 1 MiB: half of that leaves room for the rest of each event. Each
     * field's own limit allows far more in all (twenty custom tools with 20,000-character bodies, say).
     */
    public static final int MAX_SPEC_BYTES = 512 * 1024;

    /** The spec's size as the contract writes it (UTF-8 JSON, as in the events). */
    public static int jsonSize(AgentSpec spec) {
        try {
            return EventCodec.mapper().writeValueAsBytes(spec).length;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("The spec cannot be written as JSON", e);
        }
    }

    private SpecRules() {
    }
}
