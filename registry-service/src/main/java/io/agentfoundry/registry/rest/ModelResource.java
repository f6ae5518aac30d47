package io.agentfoundry.registry.rest;

import io.agentfoundry.registry.config.RegistryConfig;
import io.agentfoundry.registry.domain.catalog.Capability;
import io.agentfoundry.registry.domain.catalog.LifecycleStatus;
import io.agentfoundry.registry.domain.catalog.Provider;
import io.agentfoundry.registry.domain.catalog.UseCase;
import io.agentfoundry.registry.mapping.ModelView;
import io.agentfoundry.registry.mapping.PageView;
import io.agentfoundry.platform.rest.Problem;
import io.agentfoundry.registry.service.CatalogService;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.util.List;

@Path("/api/models")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Model catalog", description = "Models an agent can use, or call through a tool")
public class ModelResource {

    static final String MODEL_EXAMPLE = """
            {"id": "bedrock/claude-sonnet-4-5", "provider": "BEDROCK", "family": "claude",
             "displayName": "Claude Sonnet 4.5", "providerModelId": "anthropic.claude-sonnet-4-5-20250929-v1:0",
             "requiresInferenceProfile": true,
             "inferenceProfiles": [{"id": "global.anthropic.claude-sonnet-4-5-20250929-v1:0", "scope": "global", "default": true},
                                   {"id": "us.anthropic.claude-sonnet-4-5-20250929-v1:0", "scope": "us", "default": false}],
             "contextWindow": 200000, "maxOutputTokens": 64000, "numCtx": null, "tag": null, "parameterSize": null,
             "modalities": {"input": ["text", "image", "pdf"], "output": ["text"]},
             "capabilities": ["TOOL_USE", "VISION", "REASONING", "CODING"], "agentUsable": true, "usedByTool": null,
             "pricing": {"unit": "PER_MILLION_TOKENS", "currency": "USD", "inputPerMillionTokens": 3,
                         "outputPerMillionTokens": 15, "regionalPremiumPercent": 10},
             "lifecycle": {"status": "ACTIVE", "eolDate": null, "successor": null}, "lifecycleStatus": "ACTIVE",
             "useCases": ["general", "coding", "reasoning", "multimodal"], "recommendedFor": ["general"],
             "checkedAt": "2026-11-24", "verified": true, "unverifiedFields": [], "unknownFields": [],
             "names": ["bedrock/claude-sonnet-4-5", "anthropic.claude-sonnet-4-5-20250929-v1:0",
                       "global.anthropic.claude-sonnet-4-5-20250929-v1:0", "us.anthropic.claude-sonnet-4-5-20250929-v1:0"]}""";

    private final CatalogService catalog;
    private final CatalogResponses responses;
    private final RegistryConfig config;

    ModelResource(CatalogService catalog, CatalogResponses responses, RegistryConfig config) {
        this.catalog = catalog;
        this.responses = responses;
        this.config = config;
    }

    @GET
    @Operation(summary = "Models of the catalog, filtered, sorted and paged",
            description = "Lifecycle filters judge each model on today's date. Answers carry an ETag; send it back in "
                    + "If-None-Match to get 304 while the catalog is unchanged.")
    @APIResponse(responseCode = "200", description = "A page of models", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "first page", value =
            "{\"catalogVersion\": \"2026.11.24-1\", \"items\": [" + MODEL_EXAMPLE
                    + "], \"page\": 0, \"size\": 20, \"totalItems\": 49, \"totalPages\": 3}")))
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag in If-None-Match")
    @APIResponse(responseCode = "400", description = "A filter, sort or page value that does not fit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "bad provider", value =
                    "{\"type\": \"https://agentfoundry.io/problems/bad-request\", \"title\": \"Bad request\", "
                            + "\"status\": 400, \"detail\": \"provider must be one of [BEDROCK, OLLAMA]\"}")))
    public Response models(
            @Parameter(description = "BEDROCK or OLLAMA", example = "OLLAMA") @QueryParam("provider") String provider,
            @Parameter(description = "TOOL_USE, VISION, REASONING, CODING, EMBEDDING, IMAGE_GENERATION or VIDEO_GENERATION",
                    example = "TOOL_USE") @QueryParam("capability") String capability,
            @Parameter(description = "general, fast, coding, reasoning, multimodal, image, video or embedding",
                    example = "coding") @QueryParam("useCase") String useCase,
            @Parameter(description = "true: only models the catalog recommends for some use case")
            @QueryParam("recommended") Boolean recommended,
            @Parameter(description = "ACTIVE, LEGACY or EOL, as of today", example = "ACTIVE")
            @QueryParam("lifecycle") String lifecycle,
            @Parameter(description = "true: only models that can be an agent's LLM") @QueryParam("agentUsable") Boolean agentUsable,
            @Parameter(description = "id, displayName, provider, family, contextWindow, maxOutputTokens, inputPrice, "
                    + "outputPrice or checkedAt; a leading '-' sorts descending", example = "-contextWindow")
            @QueryParam("sort") String sort,
            @Parameter(description = "Page number, from 0") @QueryParam("page") @DefaultValue("0") int page,
            @Parameter(description = "Page size") @QueryParam("size") Integer size,
            @Context Request request) {
        int pageSize = size == null ? config.paging().defaultSize() : size;
        QueryParameters.requirePage(page, pageSize, config.paging().maxSize());
        CatalogService.ModelFilter filter = new CatalogService.ModelFilter(
                QueryParameters.enumOf(Provider.class, provider, "provider"),
                QueryParameters.enumOf(Capability.class, capability, "capability"),
                QueryParameters.enumOf(UseCase.class, useCase, "useCase", UseCase::label),
                recommended,
                QueryParameters.enumOf(LifecycleStatus.class, lifecycle, "lifecycle"),
                agentUsable);
        LocalDate today = catalog.today();
        List<ModelView> models = catalog.models(filter, sort).stream().map(model -> ModelView.of(model, today)).toList();
        return responses.ok(request, PageView.of(catalog.catalog().version(), models, page, pageSize));
    }

    @GET
    @Path("/{id: .+}")
    @Operation(summary = "One model, by catalog id or any of its names",
            description = "Catalog ids contain a slash (bedrock/claude-sonnet-4-5, ollama/qwen3:8b); the Bedrock base "
                    + "id, each inference-profile id and the bare Ollama tag find the same model.")
    @APIResponse(responseCode = "200", description = "The model", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "Claude Sonnet 4.5", value = MODEL_EXAMPLE)))
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag in If-None-Match")
    @APIResponse(responseCode = "404", description = "No model of that name", content = @Content(
            mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "unknown", value =
            "{\"type\": \"https://agentfoundry.io/problems/not-found\", \"title\": \"Not found\", \"status\": 404, "
                    + "\"detail\": \"No model 'gpt-5' in catalog 2026.11.24-1\"}")))
    public Response model(@Parameter(description = "Catalog id, base id, profile id or Ollama tag",
            example = "us.anthropic.claude-sonnet-4-5-20250929-v1:0") @PathParam("id") String id,
                          @Context Request request) {
        return catalog.catalog().model(id)
                .map(model -> responses.ok(request, ModelView.of(model, catalog.today())))
                .orElseThrow(() -> new NotFoundException("No model '" + id + "' in catalog " + catalog.catalog().version()));
    }
}
