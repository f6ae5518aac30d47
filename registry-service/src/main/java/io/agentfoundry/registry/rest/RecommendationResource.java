package io.agentfoundry.registry.rest;

import io.agentfoundry.registry.domain.catalog.UseCase;
import io.agentfoundry.platform.rest.Problem;
import io.agentfoundry.registry.mapping.RecommendationsView;
import io.agentfoundry.registry.service.CatalogService;
import io.agentfoundry.registry.service.InvalidQueryException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
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

@Path("/api/recommendations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Model catalog")
public class RecommendationResource {

    private final CatalogService catalog;
    private final CatalogResponses responses;

    RecommendationResource(CatalogService catalog, CatalogResponses responses) {
        this.catalog = catalog;
        this.responses = responses;
    }

    @GET
    @Operation(summary = "Live models the catalog recommends for a use case, each with the reason",
            description = "A recommended model that is no longer live is replaced by its live successor, and the reason "
                    + "says so; one without a live successor is listed under excluded.")
    @APIResponse(responseCode = "200", description = "The recommendations", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "fast", value = """
            {"useCase": "fast", "catalogVersion": "2026.11.24-1", "recommendations": [
              {"modelId": "bedrock/claude-haiku-4-5", "displayName": "Claude Haiku 4.5", "provider": "BEDROCK",
               "invocationId": "global.anthropic.claude-haiku-4-5-20251001-v1:0", "agentUsable": true, "usedByTool": null,
               "reason": "Claude 3.5 Haiku, the catalog's fast pick, is legacy; Claude Haiku 4.5 is its live successor. ..."},
              {"modelId": "ollama/qwen3:4b", "displayName": "Qwen3 4B", "provider": "OLLAMA", "invocationId": "qwen3:4b",
               "agentUsable": true, "usedByTool": null, "reason": "The seed's light local pick: ..."}],
             "excluded": []}""")))
    @APIResponse(responseCode = "400", description = "useCase missing or unknown", content = @Content(
            mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "unknown use case", value =
            "{\"type\": \"https://agentfoundry.io/problems/bad-request\", \"title\": \"Bad request\", \"status\": 400, "
                    + "\"detail\": \"useCase must be one of [general, fast, coding, reasoning, multimodal, image, video, embedding]\"}")))
    public Response recommendations(@Parameter(description = "general, fast, coding, reasoning, multimodal, image or video",
            required = true, example = "fast") @QueryParam("useCase") String useCase, @Context Request request) {
        UseCase wanted = QueryParameters.enumOf(UseCase.class, useCase, "useCase", UseCase::label);
        if (wanted == null) {
            throw new InvalidQueryException("useCase is required");
        }
        return responses.ok(request, RecommendationsView.of(catalog.recommend(wanted), catalog.catalog().version()));
    }
}
