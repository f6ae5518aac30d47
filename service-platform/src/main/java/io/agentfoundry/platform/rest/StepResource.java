package io.agentfoundry.platform.rest;

import io.agentfoundry.platform.config.PlatformConfig;
import io.agentfoundry.platform.domain.JobLogEntry;
import io.agentfoundry.platform.mapping.LogLineView;
import io.agentfoundry.platform.mapping.StepView;
import io.agentfoundry.platform.service.JobLogStream;
import io.agentfoundry.platform.service.JobLogger;
import io.agentfoundry.platform.service.StepExecutions;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.logging.Logger;

import java.util.UUID;

/** Every service's own view of its step for a job, and that step's log lines as Server-Sent Events. */
@Path("/api/steps/{jobId}")
public class StepResource {

    private static final Logger LOG = Logger.getLogger(StepResource.class);

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
                .orElseThrow(() -> new NotFoundException("This service has no step for job " + jobId));
    }

    @GET
    @Path("/logs")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "The step's log lines: those already written, then live ones until the step ends",
            description = "Each SSE event has the line's sequence as its id; reconnect with Last-Event-ID to resume.")
    public void logs(@PathParam("jobId") UUID jobId,
                     @Parameter(description = "Resume after this sequence") @HeaderParam("Last-Event-ID") Long lastEventId,
                     @Context SseEventSink sink, @Context Sse sse) {
        new LogStreamSession(jobId, lastEventId == null ? 0 : lastEventId, sink, sse).start();
    }

    /** One client's stream: subscribe first, then replay history, so no line falls between the two. */
    private final class LogStreamSession {
        private final UUID jobId;
        private final SseEventSink sink;
        private final Sse sse;
        private long lastSent;
        private boolean replaying = true;
        private boolean finishedWhileReplaying;
        private AutoCloseable subscription;

        LogStreamSession(UUID jobId, long after, SseEventSink sink, Sse sse) {
            this.jobId = jobId;
            this.lastSent = after;
            this.sink = sink;
            this.sse = sse;
        }

        void start() {
            subscription = stream.subscribe(jobId, this::onItem);
            synchronized (this) {
                for (JobLogEntry line : log.linesAfter(jobId, lastSent)) {
                    send(line);
                }
                replaying = false;
                boolean finished = finishedWhileReplaying
                        || steps.find(jobId).map(step -> step.status.isTerminal()).orElse(false);
                if (finished) {
                    finish();
                }
            }
        }

        private synchronized void onItem(JobLogStream.Item item) {
            if (item instanceof JobLogStream.Line line) {
                send(line.entry());
            } else if (replaying) {
                finishedWhileReplaying = true;
            } else {
                finish();
            }
        }

        private void send(JobLogEntry line) {
            if (line.id <= lastSent || sink.isClosed()) {
                return;
            }
            lastSent = line.id;
            sink.send(sse.newEventBuilder()
                    .id(Long.toString(line.id))
                    .name("log")
                    .mediaType(MediaType.APPLICATION_JSON_TYPE)
                    .data(LogLineView.class, LogLineView.of(line, config.serviceName()))
                    .build());
        }

        private void finish() {
            try {
                if (!sink.isClosed()) {
                    sink.send(sse.newEventBuilder().name("end").data("step finished").build())
                            .whenComplete((ignored, error) -> sink.close());
                }
            } finally {
                try {
                    subscription.close();
                } catch (Exception e) {
                    LOG.debug("Closing a log subscription failed", e);
                }
            }
        }
    }
}
