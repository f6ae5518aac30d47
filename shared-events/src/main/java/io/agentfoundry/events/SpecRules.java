package io.agentfoundry.events;

import java.util.regex.Pattern;

/**
 * Identifier rules of {@link AgentSpec} that every producer and consumer enforces alike; the JSON Schema
 * (agent-spec.v1.schema.json) states the same patterns. These values become code or names in generated bundles, so
 * they are checked, never escaped.
 */
public final class SpecRules {

    /** AgentCore's runtime-name rule; also a safe Python identifier. */
    public static final Pattern AGENT_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]{0,47}");

    /** Catalog tool names, custom tool names and tool parameter names: lowercase Python identifiers. */
    public static final Pattern PYTHON_NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private SpecRules() {
    }
}
