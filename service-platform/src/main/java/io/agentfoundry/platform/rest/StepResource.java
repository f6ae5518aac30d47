package io.agentfoundry.platform.rest;

import io.agentfoundry.platform.config.PlatformConfig;
import io.agentfoundry.platform.domain.JobLogEntry;
import io.agentfoundry.platform.mapping.LogLineView;
import io.agentfoundry.platform.mapping.StepView;
import io.agentfoundry.platform.service.JobLogStream;
import io.agentfoundry.platform.service.JobLogger;
import io.agentfoundry.platform.service.StepExecutions;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
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
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
            description = "Each SSE event has the line's sequence as its id; reconnect with Last-Event-ID to resume. "
                    + "Events named log carry a line; the stream ends with an event named end once the step has ended.")
    @APIResponse(responseCode = "200", description = "The log lines as Server-Sent Events", content = @Content(
            mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(implementation = LogLineView.class)))
    public Multi<OutboundSseEvent> logs(@PathParam("jobId") UUID jobId,
                                        @Parameter(description = "Resume after this sequence") @HeaderParam("Last-Event-ID") Long lastEventId,
                                        @Context Sse sse) {
        long after = lastEventId == null ? 0 : lastEventId;
        // RESTEasy Reactive subscribes once the SSE headers are written, so ending the stream at once is safe
        return Multi.createFrom().emitter(emitter -> new LogStreamSession(jobId, after, emitter, sse).start());
    }

    /**
     * One client's stream: subscribe to live lines first, then replay the stored ones, so no line falls between the
     * two. Live items that arrive during the replay wait in {@code pending} and follow it. The replay reads the
     * database on a worker thread (subscription happens on the event loop); the subscription to live lines is closed
     * when the stream ends, fails or the client goes away.
     */
    private final class LogStreamSession {
        private final UUID jobId;
        private final long resumedAfter;
        private final MultiEmitter<? super OutboundSseEvent> emitter;
        private final Sse sse;
        /** Lines are committed by concurrent transactions, so live ones can arrive out of order: skip by id, not by order. */
        private final Set<Long> sent = new HashSet<>();
        private List<JobLogStream.Item> pending = new ArrayList<>();
        private boolean ended;
        private AutoCloseable subscription;

        LogStreamSession(UUID jobId, long after, MultiEmitter<? super OutboundSseEvent> emitter, Sse sse) {
            this.jobId = jobId;
            this.resumedAfter = after;
            this.emitter = emitter;
            this.sse = sse;
        }

        void start() {
            subscription = stream.subscribe(jobId, this::onItem);
            emitter.onTermination(this::unsubscribe);
            Infrastructure.getDefaultWorkerPool().execute(this::replay);
        }

        private void replay() {
            if (emitter.isCancelled()) {
                return;
            }
            try {
                // the step's state first: a step that had ended by then has all its lines in what is read next
                Replay stored = QuarkusTransaction.joiningExisting().call(() -> {
                    boolean stepEnded = steps.find(jobId).map(step -> step.status.isTerminal()).orElse(false);
                    return new Replay(log.linesAfter(jobId, resumedAfter), stepEnded);
                });
                synchronized (this) {
                    stored.lines().forEach(this::send);
                    List<JobLogStream.Item> live = pending;
                    pending = null;
                    live.forEach(this::handle);
                    if (stored.stepEnded()) {
                        finish();
                    }
                }
            } catch (RuntimeException e) {
                emitter.fail(e);
            }
        }

        private synchronized void onItem(JobLogStream.Item item) {
            if (pending != null) {
                pending.add(item);
            } else {
                handle(item);
            }
        }

        private void handle(JobLogStream.Item item) {
            if (item instanceof JobLogStream.Line line) {
                send(line.entry());
            } else {
                finish();
            }
        }

        private void send(JobLogEntry line) {
            if (ended || line.id <= resumedAfter || !sent.add(line.id)) {
                return;
            }
            emitter.emit(sse.newEventBuilder()
                    .id(Long.toString(line.id))
                    .name("log")
                    .mediaType(MediaType.APPLICATION_JSON_TYPE)
                    .data(LogLineView.class, LogLineView.of(line, config.serviceName()))
                    .build());
        }

        private void finish() {
            if (ended) {
                return;
            }
            ended = true;
            emitter.emit(sse.newEventBuilder().name("end").data("step finished").build());
            emitter.complete();
        }

        private void unsubscribe() {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.debug("Closing a log subscription failed", e);
            }
        }
    }

    private record Replay(List<JobLogEntry> lines, boolean stepEnded) {
    }
}
