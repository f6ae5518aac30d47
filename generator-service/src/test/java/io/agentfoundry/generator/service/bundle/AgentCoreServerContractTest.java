package io.agentfoundry.generator.service.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentfoundry.events.AgentSpec;
import io.agentfoundry.generator.testing.BundleFiles;
import io.agentfoundry.generator.testing.Requests;
import io.agentfoundry.generator.testing.StandaloneRenderer;
import io.agentfoundry.generator.testing.SystemPython;
import io.agentfoundry.testinfra.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated agentcore_server.py under Debian's real FastAPI 0.92, uvicorn 0.17 and pydantic 1.10, with the real
 * botocore, against the AgentCore Runtime contract. Only strands and strands_tools are test doubles
 * (src/test/resources/python-test-doubles).
 */
class AgentCoreServerContractTest {

    private static final String SESSION_HEADER = "X-Amzn-Bedrock-AgentCore-Runtime-Session-Id";
    private static final ObjectMapper JSON = new ObjectMapper();
    // uvicorn 0.17 answers the h2c upgrade Java sends by default with 400
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    static Path bundle;
    private static Process server;
    private static String baseUrl;

    @BeforeAll
    static void startServer() throws Exception {
        AgentSpec spec = Requests.spec("contract_agent", "You answer in \"one\" line.\n# not a comment",
                List.of("http_request", "shell"), List.of(), new AgentSpec.ModelSettings(0.2, 1024, null), false, null);
        BundleFiles.write(StandaloneRenderer.create().render(Requests.request(spec, Requests.bedrock())).files(), bundle);
        int port = FreePorts.find();
        baseUrl = "http://127.0.0.1:" + port;
        ProcessBuilder uvicorn = new ProcessBuilder(SystemPython.EXECUTABLE, "-m", "uvicorn", "agentcore_server:app",
                "--host", "127.0.0.1", "--port", Integer.toString(port))
                .directory(bundle.toFile())
                .redirectErrorStream(true)
                .redirectOutput(bundle.resolve("uvicorn.log").toFile());
        uvicorn.environment().put("PYTHONPATH", BundleFiles.testDoubles().toString());
        uvicorn.environment().put("AWS_REGION", "eu-west-1");
        server = uvicorn.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                if (get("/ping").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                if (!server.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("uvicorn did not start; see " + bundle.resolve("uvicorn.log"),
                            notYet);
                }
                Thread.sleep(100);
            }
        }
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        if (server != null) {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder invocation(String body) {
        return HttpRequest.newBuilder(URI.create(baseUrl + "/invocations"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static HttpResponse<String> invoke(String prompt, String session) throws Exception {
        HttpRequest.Builder request = invocation(JSON.writeValueAsString(Map.of("prompt", prompt)))
                .header("Accept", "application/json");
        if (session != null) {
            request.header(SESSION_HEADER, session);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String session(char fill) {
        return "contract-test-session-" + String.valueOf(fill).repeat(20);
    }

    @Test
    void pingSaysHealthyWithTheTimeOfTheLastUpdate() throws Exception {
        HttpResponse<String> ping = get("/ping");

        assertThat(ping.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(ping.body());
        assertThat(body.path("status").asText()).isEqualTo("Healthy");
        assertThat(body.path("time_of_last_update").asLong()).isPositive();
    }

    @Test
    void anInvocationRunsTheAgentThatAgentPyBuilds() throws Exception {
        HttpResponse<String> answer = invoke("describe", null);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("content-type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
        JsonNode agent = JSON.readTree(JSON.readTree(answer.body()).path("result").asText());
        assertThat(agent.path("model").asText()).isEqualTo("BedrockModel");
        assertThat(agent.path("model_config").path("model_id").asText())
                .isEqualTo("global.anthropic.claude-sonnet-4-5-20250929-v1:0");
        assertThat(agent.path("model_config").path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(agent.path("system_prompt").asText()).isEqualTo("You answer in \"one\" line.\n# not a comment");
        assertThat(agent.path("callback_handler_is_none").asBoolean()).isTrue();
        assertThat(agent.path("name").asText()).isEqualTo("contract_agent");
        assertThat(agent.path("tools")).extracting(JsonNode::asText)
                .containsExactly("strands_tools.http_request", "strands_tools.shell");
    }

    @Test
    void oneSessionKeepsItsAgentAndAnotherSessionGetsItsOwn() throws Exception {
        String first = JSON.readTree(invoke("hello", session('a')).body()).path("result").asText();
        String again = JSON.readTree(invoke("hello", session('a')).body()).path("result").asText();
        String other = JSON.readTree(invoke("hello", session('b')).body()).path("result").asText();

        String agent = first.substring(0, first.indexOf(" call "));
        assertThat(first).endsWith("call 1: hello");
        assertThat(again).isEqualTo(agent + " call 2: hello");
        assertThat(other).doesNotStartWith(agent + " ").endsWith("call 1: hello");
    }

    @Test
    void concurrentCallsInOneSessionTakeTurnsInsteadOfFailing() throws Exception {
        CompletableFuture<HttpResponse<String>> one = CompletableFuture.supplyAsync(() -> quietly("slow 0.3", 'c'));
        CompletableFuture<HttpResponse<String>> two = CompletableFuture.supplyAsync(() -> quietly("slow 0.3", 'c'));

        assertThat(List.of(one.get(10, TimeUnit.SECONDS).statusCode(), two.get(10, TimeUnit.SECONDS).statusCode()))
                .containsExactly(200, 200);
    }

    @Test
    void streamsServerSentEventsWhenTheClientAcceptsThem() throws Exception {
        HttpResponse<String> stream = HTTP.send(invocation("{\"prompt\": \"stream me please\"}")
                .header("Accept", "text/event-stream")
                .header(SESSION_HEADER, session('d'))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("content-type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/event-stream"));
        List<String> frames = List.of(stream.body().split("\n\n"));
        assertThat(frames).hasSizeGreaterThan(1).allSatisfy(frame -> assertThat(frame).startsWith("data: "));
        StringBuilder text = new StringBuilder();
        for (String frame : frames) {
            text.append(JSON.readTree(frame.substring("data: ".length())).path("data").asText());
        }
        assertThat(text.toString()).endsWith("call 1: stream me please");
    }

    @Test
    void malformedJsonIsA400WithAnError() throws Exception {
        HttpResponse<String> answer = HTTP.send(invocation("{not json").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(answer.body()).path("error").asText()).startsWith("Malformed JSON");
    }

    @Test
    void aFailingAgentIsA500WithTheError() throws Exception {
        HttpResponse<String> answer = invoke("fail", session('e'));

        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(JSON.readTree(answer.body()).path("error").asText()).isEqualTo("the model is unavailable");
    }

    @Test
    void aFailureWhileStreamingBecomesAnErrorFrame() throws Exception {
        HttpResponse<String> stream = HTTP.send(invocation("{\"prompt\": \"fail\"}")
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(stream.body().strip()).isEqualTo("data: {\"error\": \"the model is unavailable\"}");
    }

    @Test
    void pingSaysHealthyBusyWhileAnInvocationIsInFlight() throws Exception {
        long before = JSON.readTree(get("/ping").body()).path("time_of_last_update").asLong();
        CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(() -> quietly("slow 1.5", 'f'));

        String status = "";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (!status.equals("HealthyBusy") && System.nanoTime() < deadline) {
            status = JSON.readTree(get("/ping").body()).path("status").asText();
        }
        assertThat(status).isEqualTo("HealthyBusy");
        assertThat(slow.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        JsonNode after = JSON.readTree(get("/ping").body());
        assertThat(after.path("status").asText()).isEqualTo("Healthy");
        assertThat(after.path("time_of_last_update").asLong()).isGreaterThanOrEqualTo(before);
    }

    private static HttpResponse<String> quietly(String prompt, char session) {
        try {
            return invoke(prompt, session(session));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
