package io.agentfoundry.generator.service.bundle;

import io.agentfoundry.events.AgentSpec;
import io.agentfoundry.events.AgentSpec.ModelSettings;
import io.agentfoundry.events.AgentSpec.Monitoring;
import io.agentfoundry.generator.testing.Requests;
import io.agentfoundry.generator.testing.StandaloneRenderer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.agentfoundry.generator.testing.Requests.parameter;

/**
 * How long rendering a whole bundle takes (every template, the manifest and the content hash), for a plain agent and
 * for one with everything (catalog and custom tools, MCP, monitoring). Not a test: run it with
 * {@code java -cp <test classpath> io.agentfoundry.generator.service.BundleRenderBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BundleRenderBenchmark {

    @Param({"plain", "everything"})
    String agent;

    private BundleRenderer renderer;
    private BundleRequest request;

    @Setup
    public void setUp() {
        renderer = StandaloneRenderer.create();
        AgentSpec spec = agent.equals("plain") ? Requests.simpleSpec("plain_agent", "Answer briefly.", "http_request")
                : Requests.spec("busy_agent", "Answer briefly, cite your sources.\n".repeat(20),
                List.of("http_request", "shell", "tavily", "code_interpreter"),
                List.of(Requests.httpTool("get_forecast", "The forecast for a city.", "https://api.example.com/{city}",
                                "GET", Map.of("Authorization", "Bearer ${TOKEN}"),
                                parameter("city", "string", "The city", true),
                                parameter("days", "integer", "Days ahead", false)),
                        Requests.pythonTool("add", "Adds.", "return a + b", parameter("a", "number", "a", true),
                                parameter("b", "number", "b", true))),
                new ModelSettings(0.2, 2048, 0.9), true, new Monitoring(true, true));
        request = Requests.request(spec, Requests.bedrock());
    }

    @Benchmark
    public String renderBundle() {
        return renderer.render(request).contentHash();
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(BundleRenderBenchmark.class.getSimpleName()).build()).run();
    }
}
