package io.agentfoundry.generator.service.bundle;

import io.agentfoundry.events.AgentSpec;
import io.agentfoundry.events.AgentSpec.CustomTool;
import io.agentfoundry.events.AgentSpec.HttpCall;
import io.agentfoundry.events.AgentSpec.ModelSettings;
import io.agentfoundry.events.AgentSpec.Monitoring;
import io.agentfoundry.events.AgentSpec.ToolParameter;
import io.agentfoundry.events.EventCodec;
import io.agentfoundry.events.ModelBinding;
import io.agentfoundry.generator.service.python.Identifiers;
import io.agentfoundry.generator.service.source.CustomToolSource;
import io.agentfoundry.generator.testing.BundleChecker;
import io.agentfoundry.generator.testing.BundleChecker.Expectation;
import io.agentfoundry.generator.testing.HostileInputs;
import io.agentfoundry.generator.testing.Requests;
import io.agentfoundry.generator.testing.StandaloneRenderer;
import io.agentfoundry.platform.domain.Failure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.agentfoundry.generator.testing.HostileInputs.CANARY;
import static io.agentfoundry.generator.testing.HostileInputs.excerpt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Hostile specs against the real Python parser: every user string is built from quotes, triple quotes, backslashes,
 * {@code \N{...}} and {@code \\u} sequences, NUL and other controls, line and paragraph separators, braces, Qute-like
 * {@code {x}} text, comment starters, lone surrogates and very long runs, with a canary word inside (see
 * {@link HostileInputs}). Python's ast module then checks that every generated .py file parses, that each literal
 * evaluates to exactly the input, and that the canary appears nowhere outside string literals (nor anywhere in the
 * Dockerfile, requirements or README).
 *
 * <p>The inputs are random but seeded: every failure message names the seed and the case, and
 * {@code -Dhostile.seed=N -Dhostile.case=I} runs that case again, alone.
 */
class HostileSpecPropertyTest {

    /** 1,000 batches of 10 specs each: 10,000 hostile specs. */
    private static final int BATCHES = 1_000;
    private static final int BATCH_SIZE = 10;
    /** Names checked (cases an agent name cannot test, being a valid one, are skipped and not counted). */
    private static final int NAMES = 1_000;

    private static final List<String> PYTHON_BODIES = List.of(
            "return 'ok'",
            "total = 0\nfor step in range(3):\n    total += step\nreturn str(total)\n",
            "\r\n  \nreturn None  # a comment\n\n",
            "if True:\n\treturn 'tab-indented'",
            "text = \"\"\"a\nmultiline\nstring\"\"\"\nreturn text");
    private static final List<String> CATALOG_TOOLS = List.of("http_request", "shell", "calculator", "file_write",
            "tavily", "use_aws", "code_interpreter", "python_repl");
    private static final List<String> ODD_NAMES = List.of("import", "class", "lambda", "", " name", "name ", "Name",
            "1abc", "a-b", "a.b", "a;b", "a\nb", "_private", "x".repeat(65));
    private static final String PYTHON_NAME_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_";
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final Pattern FOLDED_WHITESPACE = Pattern.compile("[\\p{javaWhitespace}\\x85]+");

    private static BundleRenderer renderer;
    private static BundleChecker python;

    @BeforeAll
    static void start() {
        renderer = StandaloneRenderer.create();
        python = new BundleChecker(2);
    }

    @AfterAll
    static void stop() {
        python.close();
    }

    /**
     * A batch lets two Python processes parse side by side while Java renders, which keeps 10,000 specs well under a
     * minute on two cores.
     */
    @Test
    void everyLiteralIsExactAndNoInputEscapesIt() throws IOException {
        int checked = 0;
        for (int b = 0; b < BATCHES; b++) {
            if (!HostileInputs.selected(b)) {
                continue;
            }
            HostileInputs inputs = HostileInputs.forCase("hostileBatches", b);
            List<AgentSpec> specs = new ArrayList<>();
            List<ModelBinding> models = new ArrayList<>();
            for (int i = 0; i < BATCH_SIZE; i++) {
                specs.add(hostileSpec(inputs));
                models.add(inputs.bool() ? Requests.bedrock() : Requests.ollama());
            }

            BundleChecker.Batch checks = python.batch();
            List<RenderedBundle> bundles = new ArrayList<>();
            for (int i = 0; i < BATCH_SIZE; i++) {
                AgentSpec spec = specs.get(i);
                RenderedBundle bundle;
                try {
                    bundle = renderer.render(Requests.request(spec, models.get(i)));
                } catch (RuntimeException e) {
                    throw new AssertionError(what(inputs, i, spec, models.get(i)) + " could not be rendered: " + e, e);
                }
                bundles.add(bundle);
                // the manifest holds the spec itself, as JSON: it is checked by reading the spec back
                SortedMap<String, byte[]> files = new TreeMap<>(bundle.files());
                files.remove("agentfoundry-manifest.json");
                checks.submit(files, expectations(spec), List.of(CANARY));
            }
            List<List<String>> problems = checks.problems();

            for (int i = 0; i < BATCH_SIZE; i++) {
                AgentSpec spec = specs.get(i);
                RenderedBundle bundle = bundles.get(i);
                String what = what(inputs, i, spec, models.get(i));
                assertThat(problems.get(i)).as("problems in the bundle of %s", what).isEmpty();
                String agent = new String(bundle.files().get("agent.py"), StandardCharsets.UTF_8);
                assertThat(agent.substring(0, agent.indexOf("\"\"\"\n", 3))).as("the header docstring of %s", what)
                        .doesNotContain(CANARY);
                assertThat(bundle.files().containsKey("mcp_server.py")).as("mcp_server.py in the bundle of %s", what)
                        .isEqualTo(spec.wantsMcpServer() && !spec.customTools().isEmpty());
                assertThat(EventCodec.mapper().readValue(bundle.files().get("agentfoundry-manifest.json"),
                        ManifestSpec.class).spec()).as("the spec in the manifest of %s", what).isEqualTo(spec);
                checked++;
            }
        }
        assertThat(checked).as("hostile specs checked (seed %s)", HostileInputs.SEED)
                .isEqualTo(HostileInputs.allCases() ? BATCHES * BATCH_SIZE : BATCH_SIZE);
    }

    @Test
    void hostileNamesAreRefusedNeverRendered() {
        int checked = 0;
        for (int c = 0; checked < NAMES && c < 10 * NAMES; c++) {
            if (!HostileInputs.selected(c)) {
                continue;
            }
            HostileInputs inputs = HostileInputs.forCase("hostileNames", c);
            String name = inputs.bool() ? inputs.hostileText() : inputs.of(ODD_NAMES);
            String slot = inputs.of("agent", "tool", "parameter");
            // agent names are not Python identifiers: "import" or the bare canary are fine there
            if (slot.equals("agent") && Identifiers.AGENT_NAME.matcher(name).matches()) {
                continue;
            }
            AgentSpec spec = switch (slot) {
                case "agent" -> Requests.simpleSpec(name, "Be brief.");
                case "tool" -> Requests.spec("agent", "Be brief.", List.of(),
                        List.of(Requests.pythonTool(name, "d", "return 1")), null, null, null);
                default -> Requests.spec("agent", "Be brief.", List.of(),
                        List.of(Requests.pythonTool("lookup", "d", "return 1",
                                Requests.parameter(name, "string", "d", true))), null, null, null);
            };

            Throwable thrown = catchThrowable(() -> renderer.render(Requests.request(spec, Requests.bedrock())));
            String what = inputs.where() + ": " + slot + " name " + excerpt(name);
            assertThat(thrown).as("the failure rendering %s", what).isInstanceOf(Failure.class);
            assertThat(((Failure) thrown).errorCode()).as("the error code for %s", what)
                    .isEqualTo(switch (slot) {
                        case "agent" -> "INVALID_AGENT_NAME";
                        case "tool" -> "INVALID_TOOL_NAME";
                        default -> "INVALID_TOOL_PARAMETER";
                    });
            checked++;
        }
        assertThat(checked).as("hostile names checked (seed %s)", HostileInputs.SEED)
                .isEqualTo(HostileInputs.allCases() ? NAMES : checked);
    }

    /** The part of agentfoundry-manifest.json this test reads back. */
    record ManifestSpec(AgentSpec spec) {
    }

    /** What each user string must evaluate to, read back from the generated modules by Python. */
    private static List<Expectation> expectations(AgentSpec spec) {
        List<Expectation> expected = new ArrayList<>();
        expected.add(Expectation.assignment("agent.py", "SYSTEM_PROMPT", spec.systemPrompt()));
        expected.add(Expectation.assignment("agent.py", "AGENT_NAME", spec.name()));
        if (spec.description() != null) {
            expected.add(Expectation.assignment("agent.py", "AGENT_DESCRIPTION", spec.description()));
        }
        for (CustomTool tool : spec.customTools()) {
            String path = "tools/" + tool.name() + ".py";
            expected.add(Expectation.docstring(path, tool.name(), docstring(tool)));
            if (tool.http() != null) {
                expected.add(Expectation.assignment(path, "URL_TEMPLATE", tool.http().urlTemplate()));
                expected.add(Expectation.assignment(path, "HTTP_METHOD", tool.http().method()));
                expected.add(Expectation.assignment(path, "HEADERS", tool.http().headers()));
            }
        }
        return expected;
    }

    /**
     * The documented docstring format: the description exactly, then an Args line per described parameter, whitespace
     * folded so that the entry stays one line for Python.
     */
    private static String docstring(CustomTool tool) {
        StringBuilder doc = new StringBuilder(tool.description() == null ? "" : tool.description());
        StringBuilder args = new StringBuilder();
        for (ToolParameter parameter : tool.parameters()) {
            String folded = parameter.description() == null ? ""
                    : FOLDED_WHITESPACE.matcher(parameter.description()).replaceAll(" ").strip();
            if (!folded.isEmpty()) {
                args.append("    ").append(parameter.name()).append(": ").append(folded).append('\n');
            }
        }
        return args.isEmpty() ? doc.toString() : doc.append("\n\nArgs:\n").append(args).toString();
    }

    // ---- inputs

    private static AgentSpec hostileSpec(HostileInputs in) {
        String name = agentName(in);
        String description = in.bool() ? in.hostileText() : null;
        String prompt = in.hostileText();
        List<String> tools = in.uniqueList(4, () -> in.of(CATALOG_TOOLS), tool -> tool);
        ModelSettings settings = in.bool() ? null : new ModelSettings(
                in.orNull(0.3, () -> in.decimal(0, 1)),
                in.orNull(0.3, () -> in.between(1, 8192)),
                in.orNull(0.3, () -> in.decimal(0.01, 1)));
        List<CustomTool> customTools = in.uniqueList(3, () -> customTool(in), CustomTool::name);
        boolean mcp = in.bool();
        Monitoring monitoring = in.orNull(0.3, () -> new Monitoring(
                in.orNull(0.2, in::bool), in.orNull(0.2, in::bool)));
        return new AgentSpec(name, description, prompt, "model", tools, List.of(), settings, customTools, mcp,
                monitoring, "AGENTCORE", mcp ? "windows" : "linux");
    }

    /** Valid names: the prefix x keeps them clear of keywords, builtins and the generated code's own names. */
    private static String pythonName(HostileInputs in) {
        return "x" + in.chars(PYTHON_NAME_CHARS, 20);
    }

    private static String agentName(HostileInputs in) {
        return in.of(LETTERS.split("")) + in.chars(LETTERS + "0123456789_", 47);
    }

    private static CustomTool customTool(HostileInputs in) {
        String name = pythonName(in);
        String description = in.bool() ? in.hostileText() : null;
        List<ToolParameter> declared = in.uniqueList(4, () -> new ToolParameter(pythonName(in),
                in.of("string", "integer", "number", "boolean"), in.bool() ? in.hostileText() : null, in.bool()),
                ToolParameter::name);
        boolean isHttp = in.bool();
        String method = in.of("GET", "POST", "PUT", "PATCH", "DELETE");
        String path = withoutPlaceholders(withoutControls(in.hostileText()));
        String headerValue = withoutControls(in.hostileText()).replace('$', 'S');
        String body = in.of(PYTHON_BODIES);
        if (!isHttp) {
            return new CustomTool(name, description, declared, null, body);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Trace", headerValue);
        headers.put("Authorization", "Bearer ${API_TOKEN}");
        // put each parameter's placeholder into the URL, so that filling it is exercised too
        StringBuilder url = new StringBuilder("https://api.example.com/" + path);
        declared.forEach(p -> url.append("/{").append(p.name()).append('}'));
        return new CustomTool(name, description, declared, new HttpCall(method, url.toString(), headers), null);
    }

    /** Keeps hostile URL text from naming a placeholder the tool has no parameter for (a refused spec). */
    private static String withoutPlaceholders(String text) {
        return CustomToolSource.URL_PLACEHOLDER.matcher(text).replaceAll("[$1]");
    }

    private static String withoutControls(String text) {
        StringBuilder kept = new StringBuilder();
        text.codePoints().filter(c -> !Character.isISOControl(c)).forEach(kept::appendCodePoint);
        return kept.toString();
    }

    // ---- failure messages

    /** Which spec of which case, and the spec itself with every string escaped and shortened. */
    private static String what(HostileInputs inputs, int index, AgentSpec spec, ModelBinding model) {
        StringBuilder text = new StringBuilder("spec ").append(index).append(" of ").append(inputs.where())
                .append(", on ").append(model.provider()).append(":\n  name=").append(excerpt(spec.name()))
                .append("\n  description=").append(excerpt(spec.description()))
                .append("\n  systemPrompt=").append(excerpt(spec.systemPrompt()))
                .append("\n  tools=").append(spec.tools())
                .append(", modelSettings=").append(spec.modelSettings())
                .append(", mcpServer=").append(spec.mcpServer())
                .append(", monitoring=").append(spec.monitoring())
                .append(", platform=").append(spec.platform());
        for (CustomTool tool : spec.customTools()) {
            text.append("\n  customTool ").append(tool.name()).append(": description=")
                    .append(excerpt(tool.description()));
            for (ToolParameter parameter : tool.parameters()) {
                text.append("\n    parameter ").append(parameter.name()).append(' ').append(parameter.type())
                        .append(parameter.required() ? " required" : "").append(": description=")
                        .append(excerpt(parameter.description()));
            }
            if (tool.http() != null) {
                text.append("\n    http ").append(tool.http().method()).append(' ')
                        .append(excerpt(tool.http().urlTemplate())).append(" headers ")
                        .append(tool.http().headers().entrySet().stream()
                                .map(header -> header.getKey() + "=" + excerpt(header.getValue()))
                                .collect(Collectors.joining(", ")));
            } else {
                text.append("\n    body ").append(excerpt(tool.pythonBody()));
            }
        }
        return text.append('\n').toString();
    }
}
