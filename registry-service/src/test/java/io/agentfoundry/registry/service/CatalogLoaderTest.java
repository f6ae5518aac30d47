package io.agentfoundry.registry.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentfoundry.registry.domain.catalog.Catalog;
import io.agentfoundry.registry.domain.catalog.CatalogModel;
import io.agentfoundry.registry.domain.catalog.Provider;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CatalogLoaderTest {

    static final String MODELS = "catalog/models.json";
    static final String TOOLS = "catalog/tools.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every tool module of strands_tools named in the facts (strands-and-agentcore.md). */
    static final List<String> STRANDS_TOOLS = List.of("file_read", "file_write", "http_request", "image_reader",
            "journal", "load_tool", "handoff_to_user", "stop", "workflow", "swarm", "graph", "agent_graph", "use_llm",
            "use_agent", "mcp_client", "editor", "shell", "python_repl", "calculator", "current_time", "sleep",
            "environment", "think", "batch", "cron", "use_aws", "generate_image", "nova_reels", "speak", "retrieve",
            "memory", "tavily", "exa", "bright_data", "slack", "generate_image_stability", "code_interpreter", "browser",
            "a2a_client", "mem0_memory", "diagram", "rss", "use_computer");

    static Catalog catalog() {
        return CatalogLoader.fromClassPath(MODELS, TOOLS);
    }

    @Test
    void loadsTheFortyNineModelsOfTheFacts() {
        Catalog catalog = catalog();
        assertThat(catalog.models()).hasSize(49);
        assertThat(catalog.models()).filteredOn(model -> model.provider() == Provider.BEDROCK).hasSize(17);
        assertThat(catalog.models()).filteredOn(model -> model.provider() == Provider.OLLAMA).hasSize(32);
        assertThat(catalog.version()).isNotBlank();
    }

    /** Read as plain JSON, as the generator's tests do: every field is there, filled or named unknown. */
    @Test
    void everyModelHasEveryFieldFilledOrExplicitlyUnknown() throws IOException {
        JsonNode models = readTree(MODELS).get("models");
        List<String> problems = new ArrayList<>();
        List<String> always = List.of("id", "provider", "family", "displayName", "providerModelId", "contextWindow",
                "maxOutputTokens", "numCtx", "agentUsable", "inferenceProfiles", "modalities", "capabilities", "pricing",
                "lifecycle", "checkedAt", "source", "useCases", "recommendedFor", "verified", "unknownFields",
                "unverifiedFields", "tag", "parameterSize", "usedByTool", "notes");
        for (JsonNode model : models) {
            String id = model.path("id").asText();
            Set<String> unknown = new HashSet<>();
            model.path("unknownFields").forEach(field -> unknown.add(field.asText()));
            for (String field : always) {
                if (!model.has(field)) {
                    problems.add(id + " lacks the key " + field);
                }
            }
            List<String> filled = new ArrayList<>(List.of("id", "provider", "family", "displayName", "providerModelId",
                    "checkedAt", "source"));
            boolean llm = model.path("agentUsable").asBoolean();
            if (llm) {
                filled.addAll(List.of("contextWindow", "maxOutputTokens"));
            } else if (!model.path("capabilities").toString().contains("EMBEDDING")) {
                filled.add("usedByTool");
            }
            if ("OLLAMA".equals(model.path("provider").asText())) {
                filled.addAll(List.of("tag", "parameterSize", "numCtx"));
            }
            for (String field : filled) {
                if (model.path(field).isNull() && !unknown.contains(field)) {
                    problems.add(id + " has no " + field + " and does not name it unknown");
                }
            }
            if (model.path("lifecycle").path("status").isNull() && !unknown.contains("lifecycle.status")) {
                problems.add(id + " has no lifecycle.status");
            }
            if (model.path("modalities").path("input").isEmpty() || model.path("modalities").path("output").isEmpty()) {
                problems.add(id + " has no modalities");
            }
            if (!model.path("verified").asBoolean() && model.path("unverifiedFields").isEmpty() && unknown.isEmpty()
                    && model.path("notes").isNull()) {
                problems.add(id + " is unverified without saying what");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyNameOfAModelResolvesToIt() {
        Catalog catalog = catalog();
        Catalog.ResolvedModel byProfile = catalog.resolve("us.anthropic.claude-sonnet-4-5-20250929-v1:0").orElseThrow();
        assertThat(byProfile.model().id()).isEqualTo("bedrock/claude-sonnet-4-5");
        assertThat(byProfile.invocationId()).isEqualTo("us.anthropic.claude-sonnet-4-5-20250929-v1:0");
        assertThat(catalog.resolve("bedrock/claude-sonnet-4-5").orElseThrow().invocationId())
                .isEqualTo("global.anthropic.claude-sonnet-4-5-20250929-v1:0");
        assertThat(catalog.resolve("anthropic.claude-sonnet-4-5-20250929-v1:0").orElseThrow().invocationId())
                .as("a base id that cannot be called on demand resolves to the default profile")
                .isEqualTo("global.anthropic.claude-sonnet-4-5-20250929-v1:0");
        assertThat(catalog.resolve("amazon.nova-pro-v1:0").orElseThrow().invocationId())
                .as("Nova Pro works on demand by its base id").isEqualTo("amazon.nova-pro-v1:0");
        assertThat(catalog.resolve("qwen3:8b").orElseThrow().model().id()).isEqualTo("ollama/qwen3:8b");
        assertThat(catalog.resolve("ollama/qwen3:8b").orElseThrow().invocationId()).isEqualTo("qwen3:8b");
        assertThat(catalog.resolve("llama3.3:70b").orElseThrow().invocationId()).isEqualTo("llama3.3");
        assertThat(catalog.resolve("gpt-5")).isEmpty();
    }

    @Test
    void theToolCatalogHasEveryStrandsToolsModule() {
        Catalog catalog = catalog();
        assertThat(catalog.tools()).extracting(tool -> tool.name()).containsExactlyInAnyOrderElementsOf(STRANDS_TOOLS);
        assertThat(catalog.tool("shell").orElseThrow().unsupportedPlatforms()).containsExactly("windows");
        assertThat(catalog.tool("shell").orElseThrow().markedDeprecated()).isTrue();
        assertThat(catalog.tool("file_write").orElseThrow().asksForConsent()).isTrue();
        assertThat(catalog.tool("tavily").orElseThrow().environment()).containsExactly("TAVILY_API_KEY");
        assertThat(catalog.tool("mem0_memory").orElseThrow().pipExtra()).isEqualTo("mem0-memory");
        assertThat(catalog.tool("http_request").orElseThrow().importLine()).isEqualTo("from strands_tools import http_request");
    }

    @Test
    void aBrokenCatalogFailsNamingTheEntryAndTheField() throws IOException {
        ObjectNode models = (ObjectNode) readTree(MODELS);
        ObjectNode sonnet = (ObjectNode) models.get("models").get(0);
        sonnet.putNull("contextWindow");
        ObjectNode qwen = (ObjectNode) find((ArrayNode) models.get("models"), "ollama/qwen3:8b");
        ((ArrayNode) qwen.get("capabilities")).add("TELEPATHY");
        ObjectNode canvas = (ObjectNode) find((ArrayNode) models.get("models"), "bedrock/nova-canvas");
        canvas.put("usedByTool", "paint_brush");

        assertThatThrownBy(() -> load(models, readTree(TOOLS)))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("3 problem(s)")
                .hasMessageContaining("catalog/models.json models[0] (bedrock/claude-sonnet-4-5): contextWindow is missing")
                .hasMessageContaining("(ollama/qwen3:8b): capabilities[2]")
                .hasMessageContaining("(bedrock/nova-canvas): usedByTool 'paint_brush' is not in the tool catalog");
    }

    @Test
    void aBrokenToolCatalogAndDifferentVersionsFailTheLoad() throws IOException {
        ObjectNode tools = (ObjectNode) readTree(TOOLS);
        tools.put("catalogVersion", "older");
        ObjectNode shell = (ObjectNode) find((ArrayNode) tools.get("tools"), "shell");
        shell.putNull("replacement");
        assertThatThrownBy(() -> load(readTree(MODELS), tools))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("catalogVersion must equal the model catalog's")
                .hasMessageContaining("tools[16] (shell): replacement is missing");
    }

    private static JsonNode find(ArrayNode entries, String idOrName) {
        for (JsonNode entry : entries) {
            if (idOrName.equals(entry.path("id").asText()) || idOrName.equals(entry.path("name").asText())) {
                return entry;
            }
        }
        throw new AssertionError("No entry " + idOrName);
    }

    private static Catalog load(JsonNode models, JsonNode tools) throws IOException {
        return CatalogLoader.load(MODELS, stream(models), TOOLS, stream(tools));
    }

    private static InputStream stream(JsonNode tree) throws IOException {
        return new ByteArrayInputStream(JSON.writeValueAsString(tree).getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode readTree(String resource) throws IOException {
        try (InputStream in = CatalogLoaderTest.class.getClassLoader().getResourceAsStream(resource)) {
            return JSON.readTree(in);
        }
    }

    static CatalogModel model(String id) {
        return catalog().model(id).orElseThrow();
    }
}
