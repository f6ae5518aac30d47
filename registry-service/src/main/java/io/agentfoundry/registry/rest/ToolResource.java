package io.agentfoundry.registry.rest;

import io.agentfoundry.registry.domain.catalog.CatalogTool;
import io.agentfoundry.platform.rest.Problem;
import io.agentfoundry.registry.service.CatalogService;
import io.agentfoundry.registry.service.InvalidQueryException;
import io.agentfoundry.registry.service.ToolSuggester;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/tools")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tool catalog", description = "The tools of strands_tools an agent can use")
public class ToolResource {

    static final int MAX_SUGGESTION_TEXT = 40_000;
    static final String TOOL_EXAMPLE = """
            {"name": "http_request", "module": "http_request", "importLine": "from strands_tools import http_request",
             "pipExtra": null, "environment": [], "optionalEnvironment": ["STRANDS_HTTP_ALLOW_INSECURE_SSL"],
             "setupNote": null, "requiresConsent": true, "unsupportedPlatforms": [], "deprecated": false,
             "replacement": null, "category": "web",
             "description": "Makes HTTP requests (any method, auth, JSON) to APIs and web pages.",
             "keywords": ["http", "api", "fetch", "url"],
             "notes": "Asks before POST, PUT, PATCH and DELETE unless BYPASS_TOOL_CONSENT=true."}""";

    private final CatalogService catalog;
    private final CatalogResponses responses;
    private final ToolSuggester suggester;

    ToolResource(CatalogService catalog, CatalogResponses responses, ToolSuggester suggester) {
        this.catalog = catalog;
        this.responses = responses;
        this.suggester = suggester;
    }

    public record ToolList(String catalogVersion, List<CatalogTool> items) {
    }

    public record SuggestionRequest(String text) {
    }

    public record Suggestions(List<ToolSuggester.ToolSuggestion> suggestions) {
    }

    @GET
    @Operation(summary = "Tools of the catalog, filtered")
    @APIResponse(responseCode = "200", description = "The tools", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "web tools", value = "{\"catalogVersion\": \"2026.11.24-1\", \"items\": ["
                    + TOOL_EXAMPLE + "]}")))
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag in If-None-Match")
    public Response tools(
            @Parameter(description = "file, web, code, agents, aws, media, memory, search, communication, browser or utility",
                    example = "web") @QueryParam("category") String category,
            @Parameter(description = "Only tools that work on this operating system", example = "windows")
            @QueryParam("platform") String platform,
            @Parameter(description = "true: only deprecated tools; false: only current ones") @QueryParam("deprecated")
            Boolean deprecated,
            @Context Request request) {
        return responses.ok(request, new ToolList(catalog.catalog().version(), catalog.tools(category, platform, deprecated)));
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "One tool")
    @APIResponse(responseCode = "200", description = "The tool", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "http_request", value = TOOL_EXAMPLE)))
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag in If-None-Match")
    @APIResponse(responseCode = "404", description = "No tool of that name", content = @Content(
            mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "unknown", value =
            "{\"type\": \"https://agentfoundry.io/problems/not-found\", \"title\": \"Not found\", \"status\": 404, "
                    + "\"detail\": \"No tool 'weather' in catalog 2026.11.24-1\"}")))
    public Response tool(@Parameter(example = "http_request") @PathParam("name") String name, @Context Request request) {
        return catalog.catalog().tool(name).map(tool -> responses.ok(request, tool))
                .orElseThrow(() -> new NotFoundException("No tool '" + name + "' in catalog " + catalog.catalog().version()));
    }

    @POST
    @Path("/suggestions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Tools a text (a system prompt, a description) seems to need, best first",
            description = "Deterministic: keywords and phrases of the tool catalog, no model is asked. A phrase scores 2, "
                    + "a word 1, the tool's own name 3; deprecated tools are not suggested.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "news",
            value = "{\"text\": \"Search the web for the latest news and save the report to a file\"}")))
    @APIResponse(responseCode = "200", description = "The suggestions", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "news", value = """
            {"suggestions": [
              {"tool": "tavily", "score": 5, "reason": "The text mentions 'search the web', 'latest news', 'news'; ...",
               "matchedWords": ["search the web", "latest news", "news"]},
              {"tool": "file_write", "score": 4, "reason": "The text mentions 'save the report', 'to a file'; ...",
               "matchedWords": ["save the report", "to a file"]}]}""")))
    @APIResponse(responseCode = "400", description = "No text, or too long", content = @Content(
            mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "no text", value =
            "{\"type\": \"https://agentfoundry.io/problems/bad-request\", \"title\": \"Bad request\", \"status\": 400, "
                    + "\"detail\": \"text is required\"}")))
    public Suggestions suggest(SuggestionRequest request) {
        if (request == null || request.text() == null || request.text().isBlank()) {
            throw new InvalidQueryException("text is required");
        }
        if (request.text().length() > MAX_SUGGESTION_TEXT) {
            throw new InvalidQueryException("text must be at most " + MAX_SUGGESTION_TEXT + " characters");
        }
        return new Suggestions(suggester.suggest(request.text()));
    }
}
