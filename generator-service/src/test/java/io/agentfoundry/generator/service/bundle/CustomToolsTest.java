package io.agentfoundry.generator.service.bundle;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.agentfoundry.events.AgentSpec;
import io.agentfoundry.events.AgentSpec.CustomTool;
import io.agentfoundry.generator.testing.BundleChecker;
import io.agentfoundry.generator.testing.BundleFiles;
import io.agentfoundry.generator.testing.Requests;
import io.agentfoundry.generator.testing.StandaloneRenderer;
import io.agentfoundry.generator.testing.SystemPython;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static io.agentfoundry.generator.testing.Requests.parameter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Custom tools as the agent runs them: the generated tools/*.py executed by the real python3 (only strands' @tool is
 * a test double), the HTTP tool calling a local server; and the MCP server file that serves them.
 */
class CustomToolsTest {

    /** What the local server received: method, raw path and query, the headers that matter, and the body. */
    record Received(String method, String rawPath, String rawQuery, String authorization, String trace, String body) {
    }

    private static HttpServer api;
    private static final ConcurrentLinkedQueue<Received> RECEIVED = new ConcurrentLinkedQueue<>();

    @TempDir
    Path bundle;

    @BeforeAll
    static void startApi() throws IOException {
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/", CustomToolsTest::answer);
        api.start();
    }

    @AfterAll
    static void stopApi() {
        api.stop(0);
    }

    private static void answer(HttpExchange exchange) throws IOException {
        RECEIVED.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("X-Trace"),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        int status = exchange.getRequestURI().getRawPath().contains("missing") ? 404 : 200;
        byte[] body = (status == 200 ? "{\"forecast\": \"sunny\"}" : "no such city").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static String apiUrl() {
        return "http://127.0.0.1:" + api.getAddress().getPort();
    }

    private static CustomTool forecastTool(String method) {
        return Requests.httpTool("get_forecast", "The weather forecast for a city.",
                apiUrl() + "/v1/{city}/forecast", method,
                Map.of("Authorization", "Bearer ${WEATHER_TOKEN}", "X-Trace", "agent {not a placeholder}"),
                parameter("city", "string", "The city's name", true),
                parameter("days", "integer", "How many days ahead", false));
    }

    private RenderedBundle render(boolean mcpServer, CustomTool... tools) {
        AgentSpec spec = Requests.spec("tool_agent", "Use your tools.", List.of(), List.of(tools), null, mcpServer,
                null);
        RenderedBundle rendered = StandaloneRenderer.create().render(Requests.request(spec, Requests.bedrock()));
        BundleFiles.write(rendered.files(), bundle);
        return rendered;
    }

    /** Runs Python code in the bundle directory, with the strands test double importable; returns its output. */
    private String python(String code) throws Exception {
        ProcessBuilder python = new ProcessBuilder(SystemPython.EXECUTABLE, "-c", code)
                .directory(bundle.toFile()).redirectErrorStream(true);
        python.environment().put("PYTHONPATH", bundle + ":" + BundleFiles.testDoubles());
        python.environment().put("WEATHER_TOKEN", "token-from-the-environment");
        Process process = python.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.strip();
    }

    @Test
    void anHttpToolFillsItsUrlEncodedAndSendsTheRestAsQuery() throws Exception {
        RECEIVED.clear();
        render(false, forecastTool("GET"));

        String answer = python("from tools.get_forecast import get_forecast; print(get_forecast('São Paulo/Centro', 3))");

        assertThat(answer).isEqualTo("{\"forecast\": \"sunny\"}");
        assertThat(RECEIVED).singleElement().isEqualTo(new Received("GET", "/v1/S%C3%A3o%20Paulo%2FCentro/forecast",
                "days=3", "Bearer token-from-the-environment", "agent {not a placeholder}", ""));
    }

    @Test
    void anHttpToolPostsItsOtherArgumentsAsJsonAndReportsHttpErrors() throws Exception {
        RECEIVED.clear();
        render(false, forecastTool("POST"));

        assertThat(python("from tools.get_forecast import get_forecast; print(get_forecast('Lisbon', days=2))"))
                .isEqualTo("{\"forecast\": \"sunny\"}");
        assertThat(python("from tools.get_forecast import get_forecast; print(get_forecast('missing'))"))
                .isEqualTo("HTTP 404: no such city");
        assertThat(RECEIVED).extracting(Received::method, Received::rawPath, Received::body).containsExactly(
                tuple("POST", "/v1/Lisbon/forecast", "{\"days\": 2}"),
                tuple("POST", "/v1/missing/forecast", "{}"));
    }

    @Test
    void aPythonToolRunsTheUsersBodyWithTypedParametersAndADocstring() throws Exception {
        render(false, Requests.pythonTool("add_numbers", "Adds two numbers.",
                "total = a + b\nreturn f\"{a} + {b} = {total}\"", parameter("a", "integer", "the first", true),
                parameter("b", "number", "the\nsecond", true)));

        String answer = python("""
                import inspect
                from tools.add_numbers import add_numbers
                print(add_numbers(2, 0.5))
                print(inspect.signature(add_numbers.__wrapped__))
                print(repr(add_numbers.__doc__))
                """);

        assertThat(answer.lines()).containsExactly("2 + 0.5 = 2.5", "(a: int, b: float)",
                "'Adds two numbers.\\n\\nArgs:\\n    a: the first\\n    b: the second\\n'");
    }

    @Test
    void theAgentImportsCustomToolsItselfWithoutAnMcpServer() throws Exception {
        RenderedBundle rendered = render(false, forecastTool("GET"));

        assertThat(rendered.files()).doesNotContainKey("mcp_server.py");
        assertThat(python("import agent; print([t.__name__ for t in agent.create_agent().tools])"))
                .isEqualTo("['get_forecast']");
    }

    @Test
    void withAnMcpServerTheToolsAreServedOverMcpAndReachedThroughStrandsMcpClient() {
        RenderedBundle rendered = render(true, forecastTool("GET"),
                Requests.pythonTool("add_numbers", "Adds.", "return a + 1", parameter("a", "integer", "a", true)));
        String agent = new String(rendered.files().get("agent.py"), StandardCharsets.UTF_8);
        String server = new String(rendered.files().get("mcp_server.py"), StandardCharsets.UTF_8);

        assertThat(agent).contains("from strands.tools.mcp import MCPClient")
                .contains("from mcp import StdioServerParameters, stdio_client")
                .contains("*custom_tools_over_mcp()")
                .doesNotContain("from tools.");
        assertThat(server).contains("from mcp.server.fastmcp import FastMCP")
                .contains("server.add_tool(get_forecast.__wrapped__)")
                .contains("server.add_tool(add_numbers.__wrapped__)");
        assertThat(new String(rendered.files().get("requirements.txt"), StandardCharsets.UTF_8)).contains("mcp==1.");
        try (BundleChecker python = new BundleChecker()) {
            assertThat(python.check(rendered.files(), List.of(), List.of())).isEmpty();
        }
    }
}
