package io.agentfoundry.registry.rest;

import io.agentfoundry.events.AgentSpec;
import io.agentfoundry.registry.config.RegistryConfig;
import io.agentfoundry.registry.domain.AgentJob;
import io.agentfoundry.registry.domain.JobStatus;
import io.agentfoundry.registry.mapping.CatalogBindings;
import io.agentfoundry.registry.mapping.JobAccepted;
import io.agentfoundry.registry.mapping.JobSummary;
import io.agentfoundry.registry.mapping.JobView;
import io.agentfoundry.registry.mapping.PageView;
import io.agentfoundry.platform.rest.Problem;
import java.util.function.Consumer;
import io.agentfoundry.registry.mapping.JobEventView;
import io.agentfoundry.registry.domain.JobEvent;
import io.agentfoundry.platform.rest.ReplayingStream;
import io.agentfoundry.registry.mapping.ValidationResult;
import io.agentfoundry.registry.service.CatalogService;
import io.agentfoundry.registry.service.CostEstimator;
import io.agentfoundry.registry.service.InvalidQueryException;
import io.agentfoundry.registry.service.JobEventService;
import io.agentfoundry.registry.service.JobEventStream;
import io.agentfoundry.registry.service.JobNotFoundException;
import io.agentfoundry.registry.service.JobService;
import io.agentfoundry.registry.service.SpecValidator;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.UUID;

@Path("/api/agents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Jobs", description = "Submit agent specs and follow the jobs that turn them into tested runtimes")
public class AgentJobResource {

    static final int MAX_IDEMPOTENCY_KEY = 200;
    static final String SPEC_EXAMPLE = """
            {"name": "weather_agent", "description": "Answers questions about the weather",
             "systemPrompt": "You are a concise weather assistant. Use http_request to fetch forecasts from api.weather.gov.",
             "modelId": "us.anthropic.claude-sonnet-4-5-20250929-v1:0", "tools": ["http_request"],
             "testCases": [{"name": "greets", "prompt": "Hello! What can you do?"}]}""";
    static final String INVALID_EXAMPLE = """
            {"type": "https://agentfoundry.io/problems/invalid-agent-spec", "title": "Invalid agent spec", "status": 400,
             "detail": "2 violation(s); each names its JSON path",
             "violations": [{"path": "$.name", "message": "must start with a letter and contain only letters, digits and underscores (at most 48): AgentCore's rule"},
                            {"path": "$.tools[1]", "message": "unknown tool 'weather': see GET /api/tools"}]}""";
    static final String JOB_EXAMPLE = """
            {"jobId": "3fa179f0-cf65-460d-8e84-caed58ec38ee", "agentName": "weather_agent",
             "modelId": "us.anthropic.claude-sonnet-4-5-20250929-v1:0", "catalogModelId": "bedrock/claude-sonnet-4-5",
             "catalogVersion": "2026.11.24-1", "status": "RUNNING", "failure": null, "requestedBy": "api",
             "createdAt": "2026-11-24T10:00:00Z", "updatedAt": "2026-11-24T10:00:03Z", "finishedAt": null,
             "violations": null, "warnings": [],
             "steps": [
               {"step": "REQUEST", "service": "registry-service", "status": "SUCCEEDED", "attempts": 1, "durationMs": 0},
               {"step": "GENERATE", "service": "generator-service", "status": "SUCCEEDED", "attempts": 1,
                "durationMs": 840, "result": {"bundleUrl": "http://generator:8081/api/generations/3fa1.../bundle",
                "contentHash": "sha256:ab...", "fileCount": 5}},
               {"step": "BUILD", "service": "builder-service", "status": "RUNNING", "attempts": 1},
               {"step": "DEPLOY", "service": "deployer-service", "status": "PENDING", "attempts": 0},
               {"step": "TEST", "service": "tester-service", "status": "PENDING", "attempts": 0}]}""";
    static final String CONFLICT_EXAMPLE = """
            {"type": "https://agentfoundry.io/problems/conflict", "title": "Conflict", "status": 409,
             "detail": "Only a FAILED job can be retried; job 3fa179f0-cf65-460d-8e84-caed58ec38ee is RUNNING"}""";
    static final String NOT_FOUND_EXAMPLE = """
            {"type": "https://agentfoundry.io/problems/not-found", "title": "Not found", "status": 404,
             "detail": "No job 3fa179f0-cf65-460d-8e84-caed58ec38ee"}""";

    private final JobService jobs;
    private final JobEventService events;
    private final JobEventStream stream;
    private final CatalogService catalog;
    private final RegistryConfig config;

    AgentJobResource(JobService jobs, JobEventService events, JobEventStream stream, CatalogService catalog,
                     RegistryConfig config) {
        this.jobs = jobs;
        this.events = events;
        this.stream = stream;
        this.catalog = catalog;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit an agent spec; the pipeline turns it into a tested runtime",
            description = "Validates the whole spec against the catalogs. With an Idempotency-Key, a repeated request with "
                    + "the same body returns the job of the first (200), and one with another body is refused (409).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "weather agent", value = SPEC_EXAMPLE)))
    @APIResponse(responseCode = "202", description = "Accepted; follow the job at Location", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "accepted", value = """
            {"jobId": "3fa179f0-cf65-460d-8e84-caed58ec38ee", "status": "ACCEPTED",
             "location": "http://localhost:8080/api/agents/3fa179f0-cf65-460d-8e84-caed58ec38ee",
             "model": {"catalogId": "bedrock/claude-sonnet-4-5", "provider": "BEDROCK",
                       "providerModelId": "us.anthropic.claude-sonnet-4-5-20250929-v1:0", "contextWindow": 200000,
                       "maxOutputTokens": 64000, "pipRequirements": ["strands-agents", "boto3"]},
             "warnings": [{"path": "$.tools[0]", "code": "TOOL_CONSENT",
                           "message": "'http_request' asks for consent before some actions: a container needs BYPASS_TOOL_CONSENT=true"}]}""")))
    @APIResponse(responseCode = "200", description = "The same Idempotency-Key and body were submitted before: that job")
    @APIResponse(responseCode = "400", description = "Every violation of the spec, with its JSON path", content = @Content(
            mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "invalid", value = INVALID_EXAMPLE)))
    @APIResponse(responseCode = "409", description = "The Idempotency-Key was used with another body", content = @Content(
            mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "key reused", value = """
            {"type": "https://agentfoundry.io/problems/conflict", "title": "Conflict", "status": 409,
             "detail": "Idempotency-Key 'order-42' was used before with a different spec"}""")))
    public Response submit(AgentSpec spec,
                           @Parameter(description = "Who submits; idempotency keys are kept per client")
                           @HeaderParam("X-Client-Id") String clientId,
                           @Parameter(description = "Makes retries safe: same key and body, same job", example = "order-42")
                           @HeaderParam("Idempotency-Key") String idempotencyKey,
                           @Context UriInfo uri) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY)) {
            throw new InvalidQueryException("Idempotency-Key must have 1 to " + MAX_IDEMPOTENCY_KEY + " characters");
        }
        JobService.Submitted submitted = jobs.submit(spec, clientId == null || clientId.isBlank() ? "api" : clientId,
                idempotencyKey);
        AgentJob job = submitted.job();
        URI location = locationOf(uri, job.id);
        return Response.status(submitted.replayed() ? Response.Status.OK : Response.Status.ACCEPTED)
                .location(location)
                .entity(new JobAccepted(job.id, job.status, location.toString(), submitted.model(), submitted.warnings()))
                .build();
    }

    @POST
    @Path("/validate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Run every check of POST /api/agents without creating a job, and estimate the cost",
            description = "Answers 200 whether or not the spec is valid: valid, violations and warnings say. The cost "
                    + "estimate is the on-demand price of 1,000 invocations with the given tokens per invocation.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "weather agent", value = SPEC_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The verdict", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "valid", value = """
            {"valid": true, "violations": [], "warnings": [], "catalogVersion": "2026.11.24-1",
             "model": {"catalogId": "bedrock/claude-sonnet-4-5", "provider": "BEDROCK",
                       "providerModelId": "us.anthropic.claude-sonnet-4-5-20250929-v1:0"},
             "tools": [{"name": "http_request", "module": "http_request", "requiresConsent": true}],
             "costEstimate": {"invocations": 1000, "inputTokensPerInvocation": 2000, "outputTokensPerInvocation": 500,
                              "inputUsd": 6.6, "outputUsd": 8.25, "totalUsd": 14.85,
                              "basis": "On-demand price of us.anthropic.claude-sonnet-4-5-20250929-v1:0, a regional profile: 10% above the global price"}}""")))
    public ValidationResult validate(AgentSpec spec,
                                     @Parameter(description = "Input tokens per invocation (system prompt, tools, question)",
                                             example = "2000") @QueryParam("expectedInputTokens") Long inputTokens,
                                     @Parameter(description = "Output tokens per invocation", example = "500")
                                     @QueryParam("expectedOutputTokens") Long outputTokens) {
        long input = inputTokens == null ? config.estimates().defaultInputTokens() : inputTokens;
        long output = outputTokens == null ? config.estimates().defaultOutputTokens() : outputTokens;
        if (input < 0 || output < 0) {
            throw new InvalidQueryException("expected tokens cannot be negative");
        }
        SpecValidator.Report report = jobs.validate(spec);
        return new ValidationResult(report.valid(), report.violations(), report.warnings(), catalog.catalog().version(),
                report.model() == null ? null : CatalogBindings.model(report.model()),
                report.tools().stream().map(CatalogBindings::tool).toList(),
                report.model() == null ? null : CostEstimator.estimate(report.model(), input, output));
    }

    @GET
    @Operation(summary = "Jobs, newest first, filtered and paged")
    @APIResponse(responseCode = "200", description = "A page of jobs", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "failed jobs", value = """
            {"items": [{"jobId": "3fa179f0-cf65-460d-8e84-caed58ec38ee", "agentName": "weather_agent",
                        "modelId": "us.anthropic.claude-sonnet-4-5-20250929-v1:0", "catalogModelId": "bedrock/claude-sonnet-4-5",
                        "status": "FAILED", "requestedBy": "api", "createdAt": "2026-11-24T10:00:00Z",
                        "finishedAt": "2026-11-24T10:00:09Z", "failure": "build failed [BUNDLE_HASH_MISMATCH]: ..."}],
             "page": 0, "size": 20, "totalItems": 1, "totalPages": 1}""")))
    @APIResponse(responseCode = "400", description = "A filter or page value that does not fit", content = @Content(
            mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "bad status", value =
            "{\"type\": \"https://agentfoundry.io/problems/bad-request\", \"title\": \"Bad request\", \"status\": 400, "
                    + "\"detail\": \"status must be one of [ACCEPTED, RUNNING, SUCCEEDED, FAILED, CANCELLED]\"}")))
    public PageView<JobSummary> list(
            @Parameter(description = "ACCEPTED, RUNNING, SUCCEEDED, FAILED or CANCELLED", example = "FAILED")
            @QueryParam("status") String status,
            @Parameter(description = "Any name of a catalog model", example = "bedrock/claude-sonnet-4-5")
            @QueryParam("model") String model,
            @Parameter(description = "Created at or after (ISO-8601)", example = "2026-11-24T00:00:00Z")
            @QueryParam("from") String from,
            @Parameter(description = "Created before (ISO-8601)", example = "2026-11-25T00:00:00Z") @QueryParam("to") String to,
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") Integer size) {
        int pageSize = size == null ? config.paging().defaultSize() : size;
        QueryParameters.requirePage(page, pageSize, config.paging().maxSize());
        JobService.JobPage found = jobs.list(new JobService.JobFilter(
                QueryParameters.enumOf(JobStatus.class, status, "status"), model == null || model.isBlank() ? null : model,
                QueryParameters.instantOf(from, "from"), QueryParameters.instantOf(to, "to")), page, pageSize);
        return PageView.of(found.jobs().stream().map(JobSummary::of).toList(), found.total(), page, pageSize);
    }

    @GET
    @Path("/{jobId}")
    @Operation(summary = "A job's overall status and each step's status, attempts, timings, error and result")
    @APIResponse(responseCode = "200", description = "The job", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "running", value = JOB_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such job", content = @Content(mediaType = Problem.MEDIA_TYPE,
            examples = @ExampleObject(name = "unknown", value = NOT_FOUND_EXAMPLE)))
    public JobView job(@PathParam("jobId") UUID jobId) {
        return view(jobs.find(jobId).orElseThrow(() -> new JobNotFoundException(jobId)));
    }

    @GET
    @Path("/{jobId}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "The job's step transitions and the log lines of all five services, as they happen",
            description = "Server-Sent Events named step, job and log; each id is the registry's sequence number, so a "
                    + "client that reconnects with Last-Event-ID gets only what it missed. The stream ends with an 'end' "
                    + "event once the job has ended.")
    @APIResponse(responseCode = "200", description = "The event stream", content = @Content(
            mediaType = MediaType.SERVER_SENT_EVENTS, examples = @ExampleObject(name = "stream", value = """
            id:41
            event:step
            data:{"sequence":41,"jobId":"3fa179f0-...","kind":"step","service":"builder-service","step":"BUILD","status":"RUNNING","attempts":0,"message":"build started","occurredAt":"2026-11-24T10:00:03Z"}

            id:42
            event:log
            data:{"sequence":42,"jobId":"3fa179f0-...","kind":"log","service":"builder-service","step":"BUILD","level":"INFO","message":"build started (attempt 1)","occurredAt":"2026-11-24T10:00:03Z"}
            """)))
    @APIResponse(responseCode = "404", description = "No such job", content = @Content(mediaType = Problem.MEDIA_TYPE,
            examples = @ExampleObject(name = "unknown", value = NOT_FOUND_EXAMPLE)))
    @Blocking
    public Multi<OutboundSseEvent> events(@PathParam("jobId") UUID jobId,
                                          @Parameter(description = "Resume after this sequence number") @HeaderParam("Last-Event-ID") Long lastEventId,
                                          @Context Sse sse) {
        if (jobs.find(jobId).isEmpty()) {
            throw new JobNotFoundException(jobId);
        }
        return ReplayingStream.of(new ReplayingStream.Source<JobEvent>() {
            @Override
            public AutoCloseable subscribe(Consumer<JobEvent> live) {
                return stream.subscribe(jobId, live);
            }

            @Override
            public ReplayingStream.Stored<JobEvent> stored(long afterId) {
                // the job's status first: a job that had ended by then has its terminal event in what is read next
                boolean ended = jobs.find(jobId).map(job -> job.status.isTerminal()).orElse(true);
                return new ReplayingStream.Stored<>(events.after(jobId, afterId), ended);
            }

            @Override
            public Long id(JobEvent event) {
                return event.id;
            }

            @Override
            public boolean ends(JobEvent event) {
                return JobEvent.JOB.equals(event.kind) && JobStatus.valueOf(event.status).isTerminal();
            }

            @Override
            public OutboundSseEvent event(Sse sse, JobEvent event) {
                return sse.newEventBuilder()
                        .id(Long.toString(event.id))
                        .name(event.kind)
                        .mediaType(MediaType.APPLICATION_JSON_TYPE)
                        .data(JobEventView.class, JobEventView.of(event))
                        .build();
            }

            @Override
            public String endData() {
                return "job ended";
            }
        }, lastEventId, sse);
    }

    @POST
    @Path("/{jobId}/retry")
    @Operation(summary = "Run a job that has not succeeded again, from its first step that has not succeeded",
            description = "For a FAILED, CANCELLED or still RUNNING job. Publishes JobRetried: every service lifts the "
                    + "job's cancellation, and the step's own service runs it again from the input it stored, as a new "
                    + "attempt (one still running there is fenced off). The step's attempts count up.")
    @APIResponse(responseCode = "202", description = "The job, running again", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "retried", value = JOB_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such job", content = @Content(mediaType = Problem.MEDIA_TYPE,
            examples = @ExampleObject(name = "unknown", value = NOT_FOUND_EXAMPLE)))
    @APIResponse(responseCode = "409", description = "The job succeeded, or failed validation", content = @Content(
            mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not failed", value = CONFLICT_EXAMPLE)))
    public Response retry(@PathParam("jobId") UUID jobId, @HeaderParam("X-Client-Id") String clientId,
                          @Context UriInfo uri) {
        AgentJob job = jobs.retry(jobId, clientId == null || clientId.isBlank() ? "api" : clientId);
        return Response.accepted(view(job)).location(locationOf(uri, jobId)).build();
    }

    @DELETE
    @Path("/{jobId}")
    @Operation(summary = "Cancel a job that has not ended",
            description = "The job becomes CANCELLED at once; JobCancelled tells every service to start no further step.")
    @APIResponse(responseCode = "200", description = "The cancelled job", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "cancelled", value = JOB_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such job", content = @Content(mediaType = Problem.MEDIA_TYPE,
            examples = @ExampleObject(name = "unknown", value = NOT_FOUND_EXAMPLE)))
    @APIResponse(responseCode = "409", description = "The job has already ended", content = @Content(
            mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "ended", value = """
            {"type": "https://agentfoundry.io/problems/conflict", "title": "Conflict", "status": 409,
             "detail": "Job 3fa179f0-cf65-460d-8e84-caed58ec38ee has already ended: SUCCEEDED"}""")))
    public JobView cancel(@PathParam("jobId") UUID jobId, @HeaderParam("X-Client-Id") String clientId) {
        return view(jobs.cancel(jobId, clientId == null || clientId.isBlank() ? "api" : clientId));
    }

    private JobView view(AgentJob job) {
        return JobView.of(job, jobs.steps(job.id));
    }

    private static URI locationOf(UriInfo uri, UUID jobId) {
        return uri.getBaseUriBuilder().path("api/agents/{jobId}").build(jobId);
    }
}
