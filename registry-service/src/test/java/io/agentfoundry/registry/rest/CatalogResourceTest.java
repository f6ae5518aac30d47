package io.agentfoundry.registry.rest;

import io.agentfoundry.testinfra.PipelineTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@WithTestResource(value = PipelineTestResource.class, initArgs = @ResourceArg(name = "database", value = "registry"))
class CatalogResourceTest {

    @Test
    void theModelListPagesTheWholeCatalog() {
        given().get("/api/models?size=20&page=2").then().statusCode(200)
                .body("totalItems", equalTo(49)).body("totalPages", equalTo(3)).body("page", equalTo(2))
                .body("items", hasSize(9)).body("catalogVersion", notNullValue());
        given().get("/api/models?size=0").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void eachModelFilterNarrowsTheList() {
        given().get("/api/models?provider=OLLAMA&size=100").then().statusCode(200)
                .body("totalItems", equalTo(32)).body("items.provider", everyItem(equalTo("OLLAMA")));
        given().get("/api/models?capability=VIDEO_GENERATION").then().statusCode(200)
                .body("items.id", contains("bedrock/nova-reel"));
        given().get("/api/models?useCase=embedding").then().statusCode(200)
                .body("items.id", contains("ollama/qwen3-embedding:4b", "ollama/qwen3-embedding:8b"));
        given().get("/api/models?recommended=true&size=100").then().statusCode(200)
                .body("items.recommendedFor", everyItem(not(empty())))
                .body("items.id", hasItems("bedrock/claude-sonnet-4-5", "ollama/qwen3:8b", "bedrock/nova-canvas"));
        given().get("/api/models?lifecycle=EOL").then().statusCode(200)
                .body("items.id", hasItems("bedrock/claude-3-7-sonnet", "bedrock/nova-reel"))
                .body("items.lifecycleStatus", everyItem(equalTo("EOL")));
        given().get("/api/models?agentUsable=false&size=100").then().statusCode(200)
                .body("totalItems", equalTo(5)).body("items.agentUsable", everyItem(equalTo(false)));
        given().get("/api/models?provider=BEDROCK&capability=tool_use&lifecycle=active&size=100").then().statusCode(200)
                .body("items.id", hasItem("bedrock/claude-haiku-4-5"))
                .body("items.id", not(hasItem("bedrock/claude-3-5-haiku")));
        given().get("/api/models?provider=AZURE").then().statusCode(400)
                .body("detail", containsString("[BEDROCK, OLLAMA]"));
    }

    @Test
    void modelsSortByAnyKeyBothWays() {
        given().get("/api/models?provider=BEDROCK&sort=-contextWindow&size=3").then().statusCode(200)
                .body("items.id", contains("bedrock/nova-premier", "bedrock/nova-lite", "bedrock/nova-pro"));
        given().get("/api/models?provider=BEDROCK&agentUsable=true&sort=inputPrice&size=2").then().statusCode(200)
                .body("items.id", contains("bedrock/nova-micro", "bedrock/nova-lite"));
        given().get("/api/models?sort=popularity").then().statusCode(400).body("detail", containsString("sort must be one of"));
    }

    @Test
    void aModelIsFoundByAnyOfItsNames() {
        for (String name : List.of("bedrock/claude-sonnet-4-5", "anthropic.claude-sonnet-4-5-20250929-v1:0",
                "us.anthropic.claude-sonnet-4-5-20250929-v1:0", "global.anthropic.claude-sonnet-4-5-20250929-v1:0")) {
            given().get("/api/models/" + name).then().statusCode(200).body("id", equalTo("bedrock/claude-sonnet-4-5"))
                    .body("inferenceProfiles.find { it.default }.id", equalTo("global.anthropic.claude-sonnet-4-5-20250929-v1:0"));
        }
        given().get("/api/models/qwen3:8b").then().statusCode(200).body("id", equalTo("ollama/qwen3:8b"))
                .body("numCtx", equalTo(32768)).body("tag", equalTo("qwen3:8b"));
        given().get("/api/models/gpt-5").then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404)).body("detail", containsString("gpt-5"));
    }

    @Test
    void catalogAnswersCarryAnEtagAndAnswer304WhenUnchanged() {
        String etag = given().get("/api/models/ollama/qwen3:8b").then().statusCode(200)
                .header("Cache-Control", containsString("max-age=")).extract().header("ETag");
        given().header("If-None-Match", etag).get("/api/models/ollama/qwen3:8b").then().statusCode(304);
        given().header("If-None-Match", etag).get("/api/models/ollama/qwen3:4b").then().statusCode(200);
        String listTag = given().get("/api/tools?category=web").then().statusCode(200).extract().header("ETag");
        given().header("If-None-Match", listTag).get("/api/tools?category=web").then().statusCode(304);
    }

    @Test
    void fastRecommendsTheLiveSuccessorOfTheLegacyClaudeHaikuAndSaysWhy() {
        given().get("/api/recommendations?useCase=fast").then().statusCode(200)
                .body("recommendations.modelId", contains("bedrock/claude-haiku-4-5", "ollama/qwen3:4b"))
                .body("recommendations[0].reason", containsString("Claude 3.5 Haiku"))
                .body("recommendations[0].reason", containsString("legacy"))
                .body("recommendations[0].reason", containsString("live successor"));
    }

    @Test
    void recommendationsAreLiveModelsOnlyWithTheirReason() {
        given().get("/api/recommendations?useCase=general").then().statusCode(200)
                .body("recommendations.modelId", contains("bedrock/claude-sonnet-4-5", "ollama/qwen3:8b"))
                .body("recommendations.reason", everyItem(notNullValue()));
        given().get("/api/recommendations?useCase=coding").then().statusCode(200)
                .body("recommendations.modelId", contains("ollama/qwen3-coder:30b", "ollama/codegemma:7b",
                        "ollama/deepseek-coder:6.7b"));
        given().get("/api/recommendations?useCase=image").then().statusCode(200)
                .body("recommendations.modelId", contains("bedrock/nova-canvas"))
                .body("recommendations[0].usedByTool", equalTo("generate_image"));
        given().get("/api/recommendations?useCase=video").then().statusCode(200)
                .body("recommendations", empty())
                .body("excluded[0].modelId", equalTo("bedrock/nova-reel"))
                .body("excluded[0].reason", containsString("end of life"));
        given().get("/api/recommendations").then().statusCode(400);
        given().get("/api/recommendations?useCase=poetry").then().statusCode(400);
    }

    @Test
    void eachToolFilterNarrowsTheList() {
        given().get("/api/tools").then().statusCode(200).body("items", hasSize(43));
        given().get("/api/tools?platform=windows").then().statusCode(200).body("items", hasSize(40))
                .body("items.name", not(hasItems("shell", "python_repl", "cron")));
        given().get("/api/tools?deprecated=true").then().statusCode(200).body("items", hasSize(16))
                .body("items.replacement", everyItem(notNullValue()));
        given().get("/api/tools?category=search&deprecated=false").then().statusCode(200)
                .body("items.name", contains("tavily", "exa", "bright_data"));
        given().get("/api/tools/python_repl").then().statusCode(200).body("requiresConsent", equalTo(true))
                .body("unsupportedPlatforms", contains("windows"));
        given().get("/api/tools/weather").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void toolSuggestionsAreRankedWithReasonsAndTriggerWords() {
        given().contentType(ContentType.JSON)
                .body(Map.of("text", "Search the web for the latest news and save the report to a file"))
                .post("/api/tools/suggestions").then().statusCode(200)
                .body("suggestions[0].tool", equalTo("tavily"))
                .body("suggestions[0].matchedWords", hasItems("search the web", "latest news"))
                .body("suggestions.tool", hasItem("file_write"))
                .body("suggestions[0].reason", containsString("search the web"));
        given().contentType(ContentType.JSON).body(Map.of("text", " ")).post("/api/tools/suggestions")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void theOpenApiDocumentHasExamplesForEveryEndpoint() {
        String document = given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        for (String path : List.of("/api/models", "/api/models/{id}", "/api/recommendations", "/api/tools",
                "/api/tools/{name}", "/api/tools/suggestions", "/api/agents", "/api/agents/validate",
                "/api/agents/{jobId}", "/api/agents/{jobId}/events", "/api/agents/{jobId}/retry")) {
            org.assertj.core.api.Assertions.assertThat(document).as(path).contains("\"" + path + "\"");
        }
        io.restassured.path.json.JsonPath openApi = io.restassured.path.json.JsonPath.from(document);
        Map<String, Map<String, Map<String, Object>>> paths = openApi.getMap("paths");
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            if (path.startsWith("/api/agents") || path.startsWith("/api/models") || path.startsWith("/api/tools")
                    || path.startsWith("/api/recommendations")) {
                org.assertj.core.api.Assertions.assertThat(String.valueOf(operation.get("responses")))
                        .as(method + " " + path).contains("examples");
            }
        }));
    }
}
