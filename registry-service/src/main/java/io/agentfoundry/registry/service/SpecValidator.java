package io.agentfoundry.registry.service;

import io.agentfoundry.events.AgentSpec;
import io.agentfoundry.events.DeployTarget;
import io.agentfoundry.events.SpecRules;
import io.agentfoundry.registry.config.RegistryConfig;
import io.agentfoundry.registry.domain.catalog.Capability;
import io.agentfoundry.registry.domain.catalog.Catalog;
import io.agentfoundry.registry.domain.catalog.CatalogModel;
import io.agentfoundry.registry.domain.catalog.CatalogTool;
import io.agentfoundry.registry.domain.catalog.LifecycleStatus;
import io.agentfoundry.registry.domain.catalog.Provider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

import static io.agentfoundry.events.SpecRules.*;

/**
 * Checks a whole spec against the catalogs and reports every violation with its JSON path, not just the first, and the
 * warnings an accepted spec still deserves (legacy model, deprecated tool, what the tools need at run time, tools the
 * prompt seems to need but does not select).
 */
@ApplicationScoped
public class SpecValidator {

    static final Pattern AGENT_NAME = SpecRules.AGENT_NAME;
    static final Pattern TOOL_NAME = SpecRules.PYTHON_NAME;
    static final Pattern PARAMETER_NAME = SpecRules.PYTHON_NAME;
    static final Pattern JSON_PATH = Pattern.compile("\\$((\\.[A-Za-z_][A-Za-z0-9_]*)|(\\[\\d+]))*");
    static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)}");
    static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9-]{1,100}");
    /** Header names whose value is a credential: it must come from the environment. */
    static final Pattern SENSITIVE_HEADER = Pattern.compile("(?i)authorization|proxy-authorization|cookie|.*(api-?key|token|secret|auth).*");
    /** Literal text that looks like a credential: known key formats, or a long mix of letters and digits. */
    static final List<Pattern> SECRET_SHAPES = List.of(
            Pattern.compile("\\b(sk|pk|rk)-[A-Za-z0-9_-]{16,}"),
            Pattern.compile("\\bAKIA[0-9A-Z]{16}\\b"),
            Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{20,}"),
            Pattern.compile("\\bxox[abposr]-[A-Za-z0-9-]{10,}"),
            Pattern.compile("\\beyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}"),
            Pattern.compile("(?=[A-Za-z0-9+/=_-]*[0-9])(?=[A-Za-z0-9+/=_-]*[A-Za-z])[A-Za-z0-9+/=_-]{24,}"));
    static final Pattern AUTH_SCHEME = Pattern.compile("(?i)\\b(bearer|basic|token|digest)\\b");

    public record Violation(String path, String message) {
    }

    /** Something an accepted spec should know: {@code code} is stable, {@code message} is for people. */
    public record Warning(String path, String code, String message) {
    }

    /**
     * @param model the catalog's resolution of the spec's model; null when it does not resolve
     * @param tools the catalog's entries for the spec's tools, in order, unknown ones left out
     */
    public record Report(List<Violation> violations, List<Warning> warnings, Catalog.ResolvedModel model,
                         List<CatalogTool> tools) {

        public boolean valid() {
            return violations.isEmpty();
        }
    }

    private final Catalog catalog;
    private final Supplier<LocalDate> today;
    private final ToolSuggester suggester;
    private final int suggestionWarningScore;

    @Inject
    SpecValidator(CatalogService catalog, ToolSuggester suggester, RegistryConfig config) {
        this(catalog.catalog(), catalog::today, suggester, config.suggestions().warningScore());
    }

    public SpecValidator(Catalog catalog, Supplier<LocalDate> today, ToolSuggester suggester, int suggestionWarningScore) {
        this.catalog = catalog;
        this.today = today;
        this.suggester = suggester;
        this.suggestionWarningScore = suggestionWarningScore;
    }

    public Report validate(AgentSpec spec) {
        Check check = new Check();
        if (spec == null) {
            check.violation("$", "an agent spec is required");
            return check.report(null, List.of());
        }
        int size = SpecRules.jsonSize(spec);
        if (size > SpecRules.MAX_SPEC_BYTES) {
            // checked first and alone: nothing else of a spec this large is worth reading
            check.violation("$", "the spec is " + size + " bytes as JSON, over the limit of " + SpecRules.MAX_SPEC_BYTES
                    + " bytes (every event of the job carries it, and an event must fit in one Kafka record)");
            return check.report(null, List.of());
        }
        if (spec.name() == null || !AGENT_NAME.matcher(spec.name()).matches()) {
            check.violation("$.name",
                    "must start with a letter and contain only letters, digits and underscores (at most 48): AgentCore's rule");
        }
        check.maxLength("$.description", spec.description(), MAX_DESCRIPTION);
        check.requiredText("$.systemPrompt", spec.systemPrompt(), MAX_PROMPT);
        if (spec.platform() != null && !PLATFORMS.contains(spec.platform())) {
            check.violation("$.platform", "must be one of " + PLATFORMS);
        }
        if (spec.deployTarget() != null && DeployTarget.named(spec.deployTarget()).isEmpty()) {
            check.violation("$.deployTarget", "must be one of " + Arrays.toString(DeployTarget.values()));
        }
        Catalog.ResolvedModel model = checkModel(spec, check);
        List<CatalogTool> tools = checkTools(spec, check);
        checkModelSettings(spec.modelSettings(), model == null ? null : model.model(), check);
        checkTestCases(spec.testCases(), check);
        checkCustomTools(spec.customTools(), check);
        if (model != null && !model.model().has(Capability.TOOL_USE)
                && (!spec.tools().isEmpty() || !spec.customTools().isEmpty())) {
            check.violation(spec.tools().isEmpty() ? "$.customTools" : "$.tools", "'" + model.model().displayName()
                    + "' cannot call tools (the catalog lists no tool use for it): remove the tools or choose a model with TOOL_USE");
        }
        if (spec.wantsMcpServer() && spec.customTools().isEmpty()) {
            check.warning("$.mcpServer", "MCP_WITHOUT_CUSTOM_TOOLS", "mcpServer exposes custom tools, and the spec has none");
        }
        suggestMissingTools(spec, check);
        return check.report(model, tools);
    }

    private Catalog.ResolvedModel checkModel(AgentSpec spec, Check check) {
        String modelId = spec.modelId();
        if (modelId == null || modelId.isBlank()) {
            check.violation("$.modelId", "is required: a model id from GET /api/models");
            return null;
        }
        if (modelId.length() > MAX_MODEL_ID) {
            check.violation("$.modelId", "must be at most " + MAX_MODEL_ID + " characters");
            return null;
        }
        Optional<Catalog.ResolvedModel> resolved = catalog.resolve(modelId);
        if (resolved.isEmpty()) {
            check.violation("$.modelId", "unknown model '" + modelId + "': see GET /api/models");
            return null;
        }
        CatalogModel model = resolved.get().model();
        if (!model.canBeAgentLlm()) {
            check.violation("$.modelId", model.usedByTool() != null
                    ? "'" + model.displayName() + "' produces " + String.join(" and ", model.modalities().output())
                    + " and cannot be an agent's LLM (Strands' BedrockModel uses the Converse API): add the tool '"
                    + model.usedByTool() + "' and choose an LLM"
                    : "'" + model.displayName() + "' is an embedding model and cannot be an agent's LLM; no catalog "
                    + "tool calls it: use it from a custom tool");
        }
        LifecycleStatus status = model.lifecycleOn(today.get());
        String successor = Optional.ofNullable(model.lifecycle()).map(lifecycle -> lifecycle.successor())
                .flatMap(catalog::model).map(next -> "; use " + next.displayName() + " (" + next.id() + ")").orElse("");
        if (status == LifecycleStatus.EOL) {
            check.violation("$.modelId", "'" + model.displayName() + "' reached its end of life"
                    + (model.lifecycle().eolDate() == null ? "" : " on " + model.lifecycle().eolDate()) + successor);
        } else if (status == LifecycleStatus.LEGACY) {
            check.warning("$.modelId", "LEGACY_MODEL", "'" + model.displayName() + "' is legacy"
                    + (model.lifecycle().eolDate() == null ? " (no end-of-life date announced)"
                    : " and reaches its end of life on " + model.lifecycle().eolDate()) + successor);
        } else if (status == null) {
            check.warning("$.modelId", "LIFECYCLE_UNKNOWN", "the catalog does not know whether '"
                    + model.displayName() + "' is still offered");
        }
        if (model.provider() == Provider.OLLAMA) {
            check.warning("$.modelId", "OLLAMA_HOST", "an Ollama agent needs OLLAMA_HOST pointing at an Ollama server "
                    + "reachable from where it runs" + (DeployTarget.AGENTCORE.name().equals(spec.deployTarget())
                    ? ": a runtime on AgentCore cannot reach an Ollama on a laptop" : ""));
        }
        return resolved.get();
    }

    private List<CatalogTool> checkTools(AgentSpec spec, Check check) {
        List<CatalogTool> resolved = new ArrayList<>();
        if (spec.tools().size() > MAX_TOOLS) {
            check.violation("$.tools", "must list at most " + MAX_TOOLS + " tools");
        }
        String platform = spec.platform() == null ? "linux" : spec.platform();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < spec.tools().size(); i++) {
            String name = spec.tools().get(i);
            String path = "$.tools[" + i + "]";
            if (name == null || !TOOL_NAME.matcher(name).matches()) {
                check.violation(path, "is not a tool name");
                continue;
            }
            if (!seen.add(name)) {
                check.violation(path, "repeats '" + name + "'");
                continue;
            }
            Optional<CatalogTool> found = catalog.tool(name);
            if (found.isEmpty()) {
                check.violation(path, "unknown tool '" + name + "': see GET /api/tools");
                continue;
            }
            CatalogTool tool = found.get();
            resolved.add(tool);
            if (!tool.worksOn(platform)) {
                check.violation(path, "'" + name + "' does not work on " + platform);
            }
            if (tool.markedDeprecated()) {
                check.warning(path, "DEPRECATED_TOOL", "'" + name + "' is deprecated in strands_tools; instead: "
                        + tool.replacement());
            }
            if (!tool.environment().isEmpty() || tool.setupNote() != null) {
                check.warning(path, "TOOL_ENVIRONMENT", "'" + name + "' needs at run time: " + String.join("; ",
                        Stream.concat(tool.environment().stream().map(env -> "environment variable " + env),
                                Stream.ofNullable(tool.setupNote())).toList()));
            }
            if (tool.asksForConsent()) {
                check.warning(path, "TOOL_CONSENT", "'" + name + "' asks for consent before some actions: a container "
                        + "needs BYPASS_TOOL_CONSENT=true");
            }
        }
        return resolved;
    }

    private static void checkModelSettings(AgentSpec.ModelSettings settings, CatalogModel model, Check check) {
        if (settings == null) {
            return;
        }
        if (settings.temperature() != null && !(settings.temperature() >= 0 && settings.temperature() <= 2)) {
            check.violation("$.modelSettings.temperature", "must be between 0 and 2");
        }
        if (settings.topP() != null && !(settings.topP() >= 0 && settings.topP() <= 1)) {
            check.violation("$.modelSettings.topP", "must be between 0 and 1");
        }
        if (settings.maxTokens() != null) {
            Integer limit = model == null ? null : model.maxOutputTokens();
            if (settings.maxTokens() < 1 || (limit != null && settings.maxTokens() > limit)) {
                check.violation("$.modelSettings.maxTokens", "must be between 1 and "
                        + (limit == null ? "the model's output limit" : limit + ", the model's output limit"));
            }
        }
    }

    private static void checkTestCases(List<AgentSpec.TestCase> testCases, Check check) {
        if (testCases.size() > MAX_TEST_CASES) {
            check.violation("$.testCases", "must list at most " + MAX_TEST_CASES + " test cases");
        }
        for (int i = 0; i < testCases.size(); i++) {
            AgentSpec.TestCase testCase = testCases.get(i);
            String path = "$.testCases[" + i + "]";
            if (testCase == null) {
                check.violation(path, "must be an object");
                continue;
            }
            check.requiredText(path + ".name", testCase.name(), MAX_TEST_NAME);
            check.requiredText(path + ".prompt", testCase.prompt(), MAX_TEST_TEXT);
            check.maxLength(path + ".expectContains", testCase.expectContains(), MAX_TEST_TEXT);
            if (testCase.expectRegex() != null && check.maxLength(path + ".expectRegex", testCase.expectRegex(), MAX_REGEX)) {
                try {
                    Pattern.compile(testCase.expectRegex());
                } catch (PatternSyntaxException e) {
                    check.violation(path + ".expectRegex", "is not a regular expression: " + e.getDescription());
                }
            }
            if (testCase.expectJsonPath() != null && check.maxLength(path + ".expectJsonPath", testCase.expectJsonPath(),
                    MAX_JSON_PATH) && !JSON_PATH.matcher(testCase.expectJsonPath()).matches()) {
                check.violation(path + ".expectJsonPath", "must be a JSON path like $.a.b or $.items[0].name");
            }
            if (testCase.maxLatencyMs() != null && (testCase.maxLatencyMs() < 1 || testCase.maxLatencyMs() > MAX_LATENCY_MS)) {
                check.violation(path + ".maxLatencyMs", "must be between 1 and " + MAX_LATENCY_MS);
            }
        }
    }

    private void checkCustomTools(List<AgentSpec.CustomTool> customTools, Check check) {
        if (customTools.size() > MAX_CUSTOM_TOOLS) {
            check.violation("$.customTools", "must list at most " + MAX_CUSTOM_TOOLS + " custom tools");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < customTools.size(); i++) {
            AgentSpec.CustomTool tool = customTools.get(i);
            String path = "$.customTools[" + i + "]";
            if (tool == null) {
                check.violation(path, "must be an object");
                continue;
            }
            if (tool.name() == null || !TOOL_NAME.matcher(tool.name()).matches()) {
                check.violation(path + ".name", "must match " + TOOL_NAME.pattern());
            } else if (!names.add(tool.name())) {
                check.violation(path + ".name", "repeats '" + tool.name() + "'");
            } else if (catalog.tool(tool.name()).isPresent()) {
                check.violation(path + ".name", "'" + tool.name() + "' is a catalog tool: choose another name");
            }
            check.requiredText(path + ".description", tool.description(), MAX_CUSTOM_DESCRIPTION);
            Set<String> parameters = checkParameters(tool.parameters(), path, check);
            boolean hasBody = tool.pythonBody() != null;
            if ((tool.http() == null) == !hasBody) {
                check.violation(path, "must have exactly one of http and pythonBody");
            }
            if (hasBody) {
                check.requiredText(path + ".pythonBody", tool.pythonBody(), MAX_PYTHON_BODY);
            }
            if (tool.http() != null) {
                checkHttpCall(tool.http(), tool.parameters(), parameters, path + ".http", check);
            }
        }
    }

    private static Set<String> checkParameters(List<AgentSpec.ToolParameter> parameters, String toolPath, Check check) {
        Set<String> names = new HashSet<>();
        if (parameters.size() > MAX_PARAMETERS) {
            check.violation(toolPath + ".parameters", "must list at most " + MAX_PARAMETERS + " parameters");
        }
        for (int p = 0; p < parameters.size(); p++) {
            AgentSpec.ToolParameter parameter = parameters.get(p);
            String path = toolPath + ".parameters[" + p + "]";
            if (parameter == null) {
                check.violation(path, "must be an object");
                continue;
            }
            if (parameter.name() == null || !PARAMETER_NAME.matcher(parameter.name()).matches()
                    || PYTHON_KEYWORDS.contains(parameter.name())) {
                check.violation(path + ".name", "must be a Python identifier matching " + PARAMETER_NAME.pattern()
                        + ", not a keyword");
            } else if (!names.add(parameter.name())) {
                check.violation(path + ".name", "repeats '" + parameter.name() + "'");
            }
            if (parameter.type() == null || !PARAMETER_TYPES.contains(parameter.type())) {
                check.violation(path + ".type", "must be one of " + PARAMETER_TYPES);
            }
            check.maxLength(path + ".description", parameter.description(), MAX_PARAMETER_DESCRIPTION);
        }
        return names;
    }

    private static void checkHttpCall(AgentSpec.HttpCall http, List<AgentSpec.ToolParameter> parameters,
                                      Set<String> parameterNames, String path, Check check) {
        if (http.method() == null || !HTTP_METHODS.contains(http.method())) {
            check.violation(path + ".method", "must be one of " + HTTP_METHODS);
        }
        String url = http.urlTemplate();
        if (check.requiredText(path + ".urlTemplate", url, MAX_URL)) {
            if (!url.startsWith("https://") && !url.startsWith("http://")) {
                check.violation(path + ".urlTemplate", "must start with https:// or http://");
            }
            Matcher placeholder = PLACEHOLDER.matcher(url);
            while (placeholder.find()) {
                String name = placeholder.group(1);
                if (!parameterNames.contains(name)) {
                    check.violation(path + ".urlTemplate", "placeholder {" + name + "} is not a parameter of the tool");
                } else if (parameters.stream().anyMatch(parameter -> parameter != null && name.equals(parameter.name())
                        && !Boolean.TRUE.equals(parameter.required()))) {
                    check.violation(path + ".urlTemplate", "placeholder {" + name + "} names an optional parameter "
                            + "(required is absent or false): a URL cannot leave it out");
                }
            }
        }
        if (http.headers().size() > MAX_HEADERS) {
            check.violation(path + ".headers", "must have at most " + MAX_HEADERS + " headers");
        }
        for (Map.Entry<String, String> header : http.headers().entrySet()) {
            String headerPath = path + ".headers['" + header.getKey() + "']";
            if (!HEADER_NAME.matcher(header.getKey()).matches()) {
                check.violation(headerPath, "is not a header name");
            }
            String value = header.getValue();
            if (value == null || !check.maxLength(headerPath, value, MAX_HEADER_VALUE)) {
                continue;
            }
            String literal = ENV_REFERENCE.matcher(value).replaceAll(" ");
            if (literal.contains("${")) {
                check.violation(headerPath, "names an environment variable wrongly: write ${UPPER_CASE_NAME}");
            } else if (SECRET_SHAPES.stream().anyMatch(shape -> shape.matcher(literal).find())) {
                check.violation(headerPath, "looks like a literal secret: put it in an environment variable and "
                        + "write ${NAME}");
            } else if (SENSITIVE_HEADER.matcher(header.getKey()).matches()
                    && !AUTH_SCHEME.matcher(literal).replaceAll("").isBlank()) {
                check.violation(headerPath, "carries a credential: its value must come from an environment variable "
                        + "(e.g. \"Bearer ${API_TOKEN}\")");
            }
        }
    }

    private void suggestMissingTools(AgentSpec spec, Check check) {
        String text = String.join("\n", Stream.of(spec.systemPrompt(), spec.description())
                .filter(Objects::nonNull).toList());
        Set<String> chosen = new HashSet<>(spec.tools());
        spec.customTools().stream().filter(Objects::nonNull).forEach(tool -> chosen.add(tool.name()));
        for (ToolSuggester.ToolSuggestion suggestion : suggester.suggest(text)) {
            if (suggestion.score() >= suggestionWarningScore && !chosen.contains(suggestion.tool())) {
                check.warning("$.tools", "SUGGESTED_TOOL_MISSING", "consider adding '" + suggestion.tool() + "': "
                        + suggestion.reason());
            }
        }
    }

    /** Collects violations and warnings in the order they are found. */
    private static final class Check {
        private final List<Violation> violations = new ArrayList<>();
        private final List<Warning> warnings = new ArrayList<>();

        void violation(String path, String message) {
            violations.add(new Violation(path, message));
        }

        void warning(String path, String code, String message) {
            warnings.add(new Warning(path, code, message));
        }

        /** @return true when the text is present and within the limit */
        boolean requiredText(String path, String text, int max) {
            if (text == null || text.isBlank()) {
                violation(path, "is required");
                return false;
            }
            return maxLength(path, text, max);
        }

        /** @return true when the text is absent or within the limit */
        boolean maxLength(String path, String text, int max) {
            if (text != null && text.length() > max) {
                violation(path, "must be at most " + max + " characters");
                return false;
            }
            return true;
        }

        Report report(Catalog.ResolvedModel model, List<CatalogTool> tools) {
            return new Report(List.copyOf(violations), List.copyOf(warnings), model, List.copyOf(tools));
        }
    }
}
