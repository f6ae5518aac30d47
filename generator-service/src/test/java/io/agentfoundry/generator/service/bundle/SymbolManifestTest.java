package io.agentfoundry.generator.service.bundle;

import io.agentfoundry.events.AgentSpec;
import io.agentfoundry.events.AgentSpec.CustomTool;
import io.agentfoundry.events.AgentSpec.ModelSettings;
import io.agentfoundry.events.AgentSpec.Monitoring;
import io.agentfoundry.events.ModelBinding;
import io.agentfoundry.generator.testing.BundleChecker;
import io.agentfoundry.generator.testing.Requests;
import io.agentfoundry.generator.testing.StandaloneRenderer;
import io.agentfoundry.generator.testing.SymbolManifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import static io.agentfoundry.generator.testing.Requests.parameter;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fidelity to the real SDKs: every import and every constructor keyword in the generated code of many bundles (each
 * provider, with and without settings, catalog tools, custom tools, MCP and monitoring) is one the symbol manifest,
 * written from the facts file and the public sources, allows.
 */
class SymbolManifestTest {

    private static final SymbolManifest MANIFEST = new SymbolManifest();
    @RegisterExtension
    static final BundleChecker python = new BundleChecker();

    @Test
    void everyImportAndKeywordOfGeneratedCodeIsInTheManifest() {
        BundleRenderer renderer = StandaloneRenderer.create();
        List<String> modules = MANIFEST.strandsToolModules();
        Set<String> checked = new HashSet<>();
        List<String> violations = new ArrayList<>();
        int bundles = 0;
        for (int variant = 0; variant < 64; variant++) {
            for (ModelBinding model : List.of(Requests.bedrock(), Requests.ollama())) {
                // every strands_tools module appears in some bundle, a few at a time
                List<String> tools = List.of(modules.get(variant % modules.size()),
                        modules.get((variant + 17) % modules.size()), modules.get((variant + 31) % modules.size()));
                AgentSpec spec = Requests.spec("fidelity_agent", "Be exact.", List.copyOf(new LinkedHashSet<>(tools)),
                        customTools(variant), variant % 3 == 0 ? null : new ModelSettings(0.5, 512, 0.9),
                        (variant & 4) != 0, new Monitoring((variant & 8) != 0, (variant & 16) != 0));
                SortedMap<String, byte[]> files = renderer.render(Requests.request(spec, model)).files();
                violations.addAll(MANIFEST.violations(python.symbols(files), checked));
                files.values().forEach(content -> assertThat(new String(content, StandardCharsets.UTF_8))
                        .doesNotContain("strandsagents").doesNotContainPattern("(?m)^\\s*@agent\\b"));
                bundles++;
            }
        }

        assertThat(new LinkedHashSet<>(violations)).as("uses the manifest does not allow, in %d bundles", bundles)
                .isEmpty();
        assertThat(checked).as("what was checked").contains("strands.Agent", "strands.models.BedrockModel",
                "strands.models.ollama.OllamaModel", "botocore.config.Config", "strands.tools.mcp.MCPClient",
                "mcp.StdioServerParameters", "mcp.server.fastmcp.FastMCP", "strands.telemetry.StrandsTelemetry",
                "fastapi.FastAPI", "boto3.client", "control.create_agent_runtime", "client.invoke_agent_runtime");
    }

    @Test
    void namesThatOnlyLookRightAreCaught() {
        SortedMap<String, byte[]> files = new TreeMap<>(Map.of("agent.py", """
                from strandsagents import Agent
                from strands import agent, Agent as RealAgent
                from strands.models import BedrockModel
                from strands.models.ollama import OllamaModel

                model = BedrockModel(model_id="m", streaming_mode=True)
                ollama = OllamaModel("http://localhost:11434", "qwen3", streaming=True)
                settings = {"model_id": "m"}
                agent_ = RealAgent(model=model, **settings)
                """.getBytes(StandardCharsets.UTF_8)));

        List<String> violations = MANIFEST.violations(python.symbols(files), new HashSet<>());

        assertThat(violations).containsExactlyInAnyOrder(
                "agent.py: imports strandsagents, which is not in the manifest",
                "agent.py: strands has no agent",
                "agent.py: strands.models.BedrockModel has no keyword streaming_mode",
                "agent.py: strands.models.ollama.OllamaModel takes at most 1 positional arguments, got 2",
                "agent.py: strands.models.ollama.OllamaModel has no keyword streaming",
                "agent.py: strands.Agent is called with *args or **kwargs, which cannot be checked");
    }

    private static List<CustomTool> customTools(int variant) {
        if (variant % 2 == 0) {
            return List.of();
        }
        return List.of(
                Requests.httpTool("get_forecast", "Forecast.", "https://api.example.com/{city}", "GET",
                        Map.of("Authorization", "Bearer ${TOKEN}"), parameter("city", "string", "City", true),
                        parameter("days", "integer", "Days", false)),
                Requests.pythonTool("double_it", "Doubles.", "return x * 2", parameter("x", "number", "x", true)));
    }
}
