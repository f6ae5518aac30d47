package io.agentfoundry.generator.service.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentfoundry.events.ModelBinding;
import io.agentfoundry.generator.testing.BundleChecker;
import io.agentfoundry.generator.testing.BundleChecker.Expectation;
import io.agentfoundry.generator.testing.Requests;
import io.agentfoundry.generator.testing.StandaloneRenderer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A bundle for one Bedrock and one Ollama model of every family in the registry's model catalog (read from the
 * registry module, which owns it), each checked by Python's parser.
 */
class CatalogFamiliesBundleTest {

    private static final Path CATALOG = Path.of("../registry-service/src/main/resources/catalog/models.json");

    @Test
    void everyFamilyOfTheCatalogGetsAWorkingBundle() throws Exception {
        assumeTrue(Files.exists(CATALOG), "the registry's model catalog is not there yet: " + CATALOG.toAbsolutePath());
        JsonNode catalog = new ObjectMapper().readTree(CATALOG.toFile());
        Map<String, ModelBinding> onePerFamily = new LinkedHashMap<>();
        for (JsonNode model : catalog.path("models")) {
            if (model.path("agentUsable").asBoolean()) {
                onePerFamily.putIfAbsent(model.path("provider").asText() + "/" + model.path("family").asText(),
                        binding(model));
            }
        }
        assertThat(onePerFamily.keySet()).as("families in %s", CATALOG)
                .anySatisfy(family -> assertThat(family).startsWith("BEDROCK/"))
                .anySatisfy(family -> assertThat(family).startsWith("OLLAMA/"));

        BundleRenderer renderer = StandaloneRenderer.create();
        List<String> problems = new ArrayList<>();
        List<String> bundles = new ArrayList<>();
        try (BundleChecker python = new BundleChecker()) {
            onePerFamily.forEach((family, model) -> {
                RenderedBundle bundle = renderer.render(Requests.request(
                        Requests.simpleSpec("family_agent", "Answer briefly.", "http_request"), model));
                python.check(bundle.files(), List.of(Expectation.assignment("agent.py", "MODEL_ID",
                        model.providerModelId())), List.of()).forEach(problem -> problems.add(family + ": " + problem));
                String agent = new String(bundle.files().get("agent.py"), StandardCharsets.UTF_8);
                assertThat(agent).as(family).contains(model.isOllama()
                        ? "options={\"num_ctx\": " + model.numCtx() + "}" : "BedrockModel(");
                bundles.add(family);
            });
        }
        assertThat(problems).isEmpty();
        assertThat(bundles).containsExactlyElementsOf(onePerFamily.keySet());
    }

    /** The binding the registry publishes for a catalog entry: the default inference profile where one is needed. */
    private static ModelBinding binding(JsonNode model) {
        String providerModelId = model.path("providerModelId").asText();
        if (model.path("requiresInferenceProfile").asBoolean()) {
            for (JsonNode profile : model.path("inferenceProfiles")) {
                if (profile.path("default").asBoolean()) {
                    providerModelId = profile.path("id").asText();
                }
            }
        }
        List<String> requirements = new ArrayList<>();
        model.path("pipRequirements").forEach(requirement -> requirements.add(requirement.asText()));
        return new ModelBinding(model.path("id").asText(), model.path("provider").asText(),
                providerModelId, integer(model.path("contextWindow")),
                integer(model.path("maxOutputTokens")), integer(model.path("numCtx")), requirements);
    }

    private static Integer integer(JsonNode value) {
        return value.isNumber() ? value.asInt() : null;
    }
}
