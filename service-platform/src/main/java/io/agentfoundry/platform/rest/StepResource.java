package io.agentfoundry.platform.rest;

import io.agentfoundry.platform.config.PlatformConfig;
import io.agentfoundry.platform.domain.JobLogEntry;
import io.agentfoundry.platform.mapping.LogLineView;
import io.agentfoundry.platform.mapping.StepView;
import io.agentfoundry.platform.service.JobLogStream;
import io.agentfoundry.platform.service.JobLogger;
import io.agentfoundry.platform.service.StepExecutions;
import io.quarkus.resteasy.reactive.server.EndpointDisabled;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A step service's own view of its step for a job, and that step's log lines as Server-Sent Events. Only services that
 * run a step serve it: they say so with {@code agentfoundry.platform.step-api=on} (the registry runs none).
 */
@Path("/api/steps/{jobId}")
@EndpointDisabled(name = "agentfoundry.platform.step-api", stringValue = "off", disableIfMissing = true)
public class StepResource {

    private final StepExecutions steps;
    private final JobLogger log;
    private final JobLogStream stream;
    private final PlatformConfig config;

    StepResource(StepExecutions steps, JobLogger log, JobLogStream stream, PlatformConfig config) {
        this.steps = steps;
        this.log = log;
        this.stream = stream;
        this.config = config;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "This service's step of the job: status, attempts, timings, result or error")
    public StepView step(@PathParam("jobId") UUID jobId) {
        return steps.find(jobId).map(StepView::of)
                .orElseThrow(() -> ProblemException.notFound("STEP_NOT_FOUND",
                        "This service has no step for job " + jobId));
    }

    @GET
    @Path("/logs")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "The step's log lines: those already written, then live ones until the step ends",
            description = "Each SSE event has the line's sequence as its id; reconnect with Last-Event-ID to resume. "
                    + "Events named log carry a line; the stream ends with an event named end once the step has ended.")
    @APIResponse(responseCode = "200", description = "The log lines as Server-Sent Events", content = @Content(
            mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(implementation = LogLineView.class)))
    public Multi<OutboundSseEvent> logs(@PathParam("jobId") UUID jobId,
                                        @Parameter(description = "Resume after this sequence") @HeaderParam("Last-Event-ID") Long lastEventId,
                                        @Context Sse sse) {
        return ReplayingStream.of(new ReplayingStream.Source<JobLogStream.Item>() {
            @Override
            public AutoCloseable subscribe(Consumer<JobLogStream.Item> live) {
                return stream.subscribe(jobId, live);
            }

            @Override
            public ReplayingStream.Stored<JobLogStream.Item> stored(long afterId) {
                // a step that has ended has all its lines in what is read next
                boolean ended = steps.find(jobId).map(step -> step.status.isTerminal()).orElse(false);
                List<JobLogStream.Item> lines = log.linesAfter(jobId, afterId).stream()
                        .<JobLogStream.Item>map(JobLogStream.Line::new).toList();
                return new ReplayingStream.Stored<>(lines, ended);
            }

            @Override
            public Long id(JobLogStream.Item item) {
                return item instanceof JobLogStream.Line line ? line.entry().id : null;
            }

            @Override
            public boolean ends(JobLogStream.Item item) {
                return item instanceof JobLogStream.StepFinished;
            }

            @Override
            public OutboundSseEvent event(Sse sse, JobLogStream.Item item) {
                JobLogEntry line = ((JobLogStream.Line) item).entry();
                return sse.newEventBuilder()
                        .id(Long.toString(line.id))
                        .name("log")
                        .mediaType(MediaType.APPLICATION_JSON_TYPE)
                        .data(LogLineView.class, LogLineView.of(line, config.serviceName()))
                        .build();
            }

            @Override
            public String endData() {
                return "step finished";
            }
        }, lastEventId, sse);
    }
}
