package io.agentfoundry.registry.service;

import io.agentfoundry.events.AgentSpec;
import io.agentfoundry.events.AgentSpec.CustomTool;
import io.agentfoundry.events.AgentSpec.HttpCall;
import io.agentfoundry.events.AgentSpec.ModelSettings;
import io.agentfoundry.events.AgentSpec.TestCase;
import io.agentfoundry.events.AgentSpec.ToolParameter;
import io.agentfoundry.events.SpecRules;
import io.agentfoundry.registry.domain.catalog.Catalog;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SpecValidatorTest {

    private static final Catalog CATALOG = CatalogLoaderTest.catalog();
    private static final SpecValidator VALIDATOR = new SpecValidator(CATALOG, () -> LocalDate.of(2026, 11, 24),
            new ToolSuggester(CATALOG, 1), 2);
    private static final String SONNET = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";

    private static AgentSpec spec(String modelId, List<String> tools) {
        return new AgentSpec("support_bot", "Helps customers", "You help customers politely.", modelId, tools, List.of());
    }

    private static AgentSpec withCustomTools(List<CustomTool> customTools) {
        return new AgentSpec("support_bot", null, "You help customers.", SONNET, List.of(), List.of(), null, customTools,
                null, null, null, null);
    }

    private static SpecValidator.Report validate(AgentSpec spec) {
        return VALIDATOR.validate(spec);
    }

    private static List<String> paths(SpecValidator.Report report) {
        return report.violations().stream().map(SpecValidator.Violation::path).toList();
    }

    private static List<String> warningCodes(SpecValidator.Report report) {
        return report.warnings().stream().map(SpecValidator.Warning::code).toList();
    }

    @Test
    void theSampleSpecIsValidAndResolvesItsProfile() {
        SpecValidator.Report report = validate(new AgentSpec("weather_agent", "Answers questions about the weather",
                "You are a concise weather assistant. Use http_request to fetch forecasts from api.weather.gov.",
                SONNET, List.of("http_request"), List.of(new TestCase("greets", "Hello! What can you do?", null))));
        assertThat(report.violations()).isEmpty();
        assertThat(report.model().invocationId()).isEqualTo(SONNET);
        assertThat(report.tools()).extracting(tool -> tool.name()).containsExactly("http_request");
        assertThat(warningCodes(report)).containsExactly("TOOL_CONSENT");
    }

    @Test
    void aSpecThatBreaksFiveRulesGetsFiveViolations() {
        SpecValidator.Report report = validate(new AgentSpec("bad-name", null, " ", "gpt-5",
                List.of("http_request", "http_request"), List.of(new TestCase("t", "", null))));
        assertThat(paths(report)).containsExactlyInAnyOrder("$.name", "$.systemPrompt", "$.modelId", "$.tools[1]",
                "$.testCases[0].prompt");
    }

    @Test
    void unknownModelIsRejected() {
        assertThat(validate(spec("gpt-5", List.of())).violations())
                .containsExactly(new SpecValidator.Violation("$.modelId", "unknown model 'gpt-5': see GET /api/models"));
        assertThat(paths(validate(spec(null, List.of())))).containsExactly("$.modelId");
    }

    @Test
    void aModelThatCannotBeAnLlmNamesTheToolThatUsesIt() {
        SpecValidator.Report canvas = validate(spec("amazon.nova-canvas-v1:0", List.of()));
        assertThat(canvas.violations()).singleElement().satisfies(violation -> {
            assertThat(violation.path()).isEqualTo("$.modelId");
            assertThat(violation.message()).contains("cannot be an agent's LLM").contains("'generate_image'");
        });
        assertThat(validate(spec("qwen3-embedding:8b", List.of())).violations()).singleElement()
                .satisfies(violation -> assertThat(violation.message()).contains("embedding model"));
    }

    @Test
    void anEndOfLifeModelIsRejectedAndALegacyOneAcceptedWithAWarning() {
        SpecValidator.Report eol = validate(spec("bedrock/claude-3-7-sonnet", List.of()));
        assertThat(eol.violations()).singleElement().satisfies(violation -> assertThat(violation.message())
                .contains("end of life on 2026-04-28").contains("bedrock/claude-sonnet-4-5"));

        SpecValidator.Report legacy = validate(spec("anthropic.claude-3-5-haiku-20241022-v1:0", List.of()));
        assertThat(legacy.violations()).isEmpty();
        assertThat(legacy.warnings()).filteredOn(warning -> warning.code().equals("LEGACY_MODEL")).singleElement()
                .satisfies(warning -> assertThat(warning.message()).contains("bedrock/claude-haiku-4-5"));
    }

    @Test
    void aLegacyModelWhoseEndOfLifeDateHasComeIsEndOfLife() {
        SpecValidator later = new SpecValidator(CATALOG, () -> LocalDate.of(2027, 1, 1), new ToolSuggester(CATALOG, 1), 2);
        SpecValidator earlier = new SpecValidator(CATALOG, () -> LocalDate.of(2026, 9, 1), new ToolSuggester(CATALOG, 1), 2);
        AgentSpec reel = spec("bedrock/nova-reel", List.of());
        assertThat(later.validate(reel).violations()).extracting(SpecValidator.Violation::message)
                .anySatisfy(message -> assertThat(message).contains("end of life on 2026-09-30"));
        assertThat(earlier.validate(reel).violations()).extracting(SpecValidator.Violation::message)
                .noneSatisfy(message -> assertThat(message).contains("end of life"));
    }

    @Test
    void unknownAndDuplicateToolsAreRejected() {
        SpecValidator.Report report = validate(spec(SONNET, List.of("weather", "file_read", "file_read", "Bad Name")));
        assertThat(report.violations()).containsExactly(
                new SpecValidator.Violation("$.tools[0]", "unknown tool 'weather': see GET /api/tools"),
                new SpecValidator.Violation("$.tools[2]", "repeats 'file_read'"),
                new SpecValidator.Violation("$.tools[3]", "is not a tool name"));
    }

    @Test
    void aToolThatDoesNotWorkOnThePlatformIsRejected() {
        AgentSpec onWindows = new AgentSpec("ops_bot", null, "You run commands.", SONNET, List.of("python_repl", "file_read"),
                List.of(), null, null, null, null, null, "windows");
        assertThat(validate(onWindows).violations())
                .containsExactly(new SpecValidator.Violation("$.tools[0]", "'python_repl' does not work on windows"));
        AgentSpec onMars = new AgentSpec("ops_bot", null, "You run commands.", SONNET, List.of(), List.of(), null, null,
                null, null, "MARS", "beos");
        assertThat(paths(validate(onMars))).containsExactly("$.platform", "$.deployTarget");
    }

    @Test
    void deprecatedToolsAndWhatToolsNeedComeBackAsWarnings() {
        SpecValidator.Report report = validate(spec(SONNET, List.of("calculator", "tavily")));
        assertThat(report.violations()).isEmpty();
        assertThat(report.warnings()).extracting(SpecValidator.Warning::path, SpecValidator.Warning::code).contains(
                org.assertj.core.groups.Tuple.tuple("$.tools[0]", "DEPRECATED_TOOL"),
                org.assertj.core.groups.Tuple.tuple("$.tools[1]", "TOOL_ENVIRONMENT"));
        assertThat(report.warnings()).filteredOn(warning -> warning.code().equals("TOOL_ENVIRONMENT"))
                .singleElement().satisfies(warning -> assertThat(warning.message()).contains("TAVILY_API_KEY"));
    }

    @Test
    void aPromptThatClearlyNeedsAToolItDidNotSelectGetsAWarning() {
        AgentSpec spec = new AgentSpec("news_bot", null, "Search the web for the latest news and summarize it.", SONNET,
                List.of(), List.of());
        assertThat(validate(spec).warnings()).filteredOn(warning -> warning.code().equals("SUGGESTED_TOOL_MISSING"))
                .singleElement().satisfies(warning -> assertThat(warning.message()).contains("'tavily'"));
    }

    @Test
    void theAgentCoreNameRuleIsEnforced() {
        for (String name : List.of("1abc", "has-hyphen", "a".repeat(49), "")) {
            AgentSpec spec = new AgentSpec(name, null, "p", SONNET, List.of(), List.of());
            assertThat(paths(validate(spec))).as(name).containsExactly("$.name");
        }
        assertThat(validate(new AgentSpec("A" + "b".repeat(47), null, "p", SONNET, List.of(), List.of())).violations())
                .isEmpty();
    }

    @Test
    void everyStringAndListHasASizeLimit() {
        AgentSpec spec = new AgentSpec("big", "d".repeat(501), "p".repeat(20_001), "m".repeat(201),
                Collections.nCopies(51, "file_read"), Collections.nCopies(21, new TestCase("n".repeat(101), "q", "x".repeat(4_001))));
        assertThat(paths(validate(spec))).contains("$.description", "$.systemPrompt", "$.modelId", "$.tools",
                "$.testCases", "$.testCases[0].name", "$.testCases[0].expectContains");
    }

    @Test
    void modelSettingsMustBeInRange() {
        AgentSpec spec = new AgentSpec("tuned", null, "p", "bedrock/claude-3-haiku", List.of(), List.of(),
                new ModelSettings(2.5, 4_097, -0.1), null, null, null, null, null);
        assertThat(validate(spec).violations()).containsExactlyInAnyOrder(
                new SpecValidator.Violation("$.modelSettings.temperature", "must be between 0 and 2"),
                new SpecValidator.Violation("$.modelSettings.maxTokens", "must be between 1 and 4096, the model's output limit"),
                new SpecValidator.Violation("$.modelSettings.topP", "must be between 0 and 1"));
        AgentSpec fine = new AgentSpec("tuned", null, "p", "bedrock/claude-3-haiku", List.of(), List.of(),
                new ModelSettings(0.0, 4_096, 1.0), null, null, null, null, null);
        assertThat(validate(fine).violations()).isEmpty();
    }

    @Test
    void testCasesMustBeWellFormed() {
        AgentSpec spec = new AgentSpec("tested", null, "p", SONNET, List.of(), List.of(
                new TestCase("regex", "hi", null, "([unclosed", null, null),
                new TestCase("json", "hi", null, null, "items[0]", null),
                new TestCase("slow", "hi", null, null, null, 0L),
                new TestCase("fine", "hi", "hello", "h(e|a)llo", "$.answer.items[0]", 5_000L)));
        assertThat(paths(validate(spec))).containsExactly("$.testCases[0].expectRegex", "$.testCases[1].expectJsonPath",
                "$.testCases[2].maxLatencyMs");
    }

    @Test
    void aModelWithoutToolUseCannotTakeTools() {
        assertThat(validate(spec("gemma3:12b", List.of("file_read"))).violations()).singleElement()
                .satisfies(violation -> assertThat(violation.path()).isEqualTo("$.tools"));
        assertThat(validate(spec("gemma3:12b", List.of())).violations()).isEmpty();
    }

    @Test
    void aSpecTooLargeForOneKafkaRecordIsRefusedNamingTheLimitThoughEachFieldIsWithinItsOwn() {
        String body = "return " + "1 + ".repeat(4_500) + "1"; // under MAX_PYTHON_BODY
        List<CustomTool> tools = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            tools.add(new CustomTool("tool_" + i, "d".repeat(1_000), List.of(), null, body));
        }
        AgentSpec large = new AgentSpec("support_bot", null, "p".repeat(20_000), SONNET, List.of(), List.of(), null,
                tools, null, null, null, null);
        assertThat(SpecRules.jsonSize(large)).isBetween(SpecRules.MAX_SPEC_BYTES / 2, SpecRules.MAX_SPEC_BYTES);
        assertThat(validate(large).violations()).isEmpty();

        List<CustomTool> more = new java.util.ArrayList<>(tools);
        more.replaceAll(tool -> new CustomTool(tool.name(), tool.description(), List.of(), null,
                "return " + "\"\\u00e9\" + ".repeat(1_800) + "1")); // JSON escapes count as the bytes they are
        AgentSpec tooLarge = new AgentSpec("support_bot", null, "p".repeat(20_000), SONNET, List.of(), List.of(), null,
                more, null, null, null, null);
        assertThat(tooLarge.customTools().get(0).pythonBody().length()).isLessThan(SpecRules.MAX_PYTHON_BODY);
        assertThat(validate(tooLarge).violations()).singleElement().satisfies(violation -> {
            assertThat(violation.path()).isEqualTo("$");
            assertThat(violation.message()).contains(String.valueOf(SpecRules.MAX_SPEC_BYTES), "Kafka record");
        });
    }

    @Test
    void customToolsMustBeWellFormed() {
        ToolParameter city = new ToolParameter("city", "string", "City name", true);
        ToolParameter days = new ToolParameter("days", "integer", null, false);
        CustomTool good = new CustomTool("forecast", "Gets a forecast", List.of(city, days),
                new HttpCall("GET", "https://api.example.com/forecast/{city}", Map.of("Authorization", "Bearer ${FORECAST_TOKEN}")),
                null);
        assertThat(validate(withCustomTools(List.of(good))).violations()).isEmpty();

        List<CustomTool> bad = List.of(
                new CustomTool("Bad-Name", "x", List.of(), null, "return 1"),
                new CustomTool("http_request", "clashes with the catalog", List.of(), null, "return 1"),
                new CustomTool("both", "x", List.of(), new HttpCall("GET", "https://x.example", null), "return 1"),
                new CustomTool("neither", "x", List.of(), null, null),
                new CustomTool("lookup", "x", List.of(new ToolParameter("class", "string", null, true),
                        new ToolParameter("q", "date", null, true), new ToolParameter("q", "string", null, true)),
                        new HttpCall("FETCH", "ftp://x.example/{missing}/{days}", Map.of()), null),
                new CustomTool("optional_in_url", "x", List.of(days, new ToolParameter("page", "integer", null, null)),
                        new HttpCall("GET", "https://x.example/{days}/{page}", Map.of()), null),
                new CustomTool("leaky", "x", List.of(), new HttpCall("POST", "https://x.example", Map.of(
                        "Authorization", "Bearer abc", "X-Trace", "sk-live0123456789abcdefXYZ", "X-Env", "${lower}")), null),
                new CustomTool("leaky", "twice", List.of(), null, "return 2"));
        List<String> paths = paths(validate(withCustomTools(bad)));
        assertThat(paths).containsExactlyInAnyOrder(
                "$.customTools[0].name",
                "$.customTools[1].name",
                "$.customTools[2]",
                "$.customTools[3]",
                "$.customTools[4].parameters[0].name",
                "$.customTools[4].parameters[1].type",
                "$.customTools[4].parameters[2].name",
                "$.customTools[4].http.method",
                "$.customTools[4].http.urlTemplate",
                "$.customTools[4].http.urlTemplate",
                "$.customTools[4].http.urlTemplate",
                "$.customTools[5].http.urlTemplate",
                "$.customTools[5].http.urlTemplate",
                "$.customTools[6].http.headers['Authorization']",
                "$.customTools[6].http.headers['X-Trace']",
                "$.customTools[6].http.headers['X-Env']",
                "$.customTools[7].name");
    }
}
