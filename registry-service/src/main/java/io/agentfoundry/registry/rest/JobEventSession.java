package io.agentfoundry.registry.rest;

import io.agentfoundry.registry.domain.JobEvent;
import io.agentfoundry.registry.domain.JobStatus;
import io.agentfoundry.registry.mapping.JobEventView;
import io.agentfoundry.registry.service.JobEventService;
import io.agentfoundry.registry.service.JobEventStream;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.jboss.logging.Logger;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * One client's stream of a job's events: subscribe first, then replay what is stored after Last-Event-ID, so no event
 * falls between the two (ids already sent are skipped). Two transactions of a job commit in order, but their live
 * hand-overs run on different threads and may swap: an event older than the last one sent is still sent, never dropped.
 * Ends after the job's terminal status has been sent.
 */
final class JobEventSession {

    private static final Logger LOG = Logger.getLogger(JobEventSession.class);

    private final UUID jobId;
    private final SseEventSink sink;
    private final Sse sse;
    private final long resumedAfter;
    private final Set<Long> sent = new HashSet<>();
    private boolean finished;
    private AutoCloseable subscription;

    JobEventSession(UUID jobId, long after, SseEventSink sink, Sse sse) {
        this.jobId = jobId;
        this.resumedAfter = after;
        this.sink = sink;
        this.sse = sse;
    }

    /** @param jobHasEnded asked after the replay, for jobs whose terminal event is older than Last-Event-ID */
    synchronized void start(JobEventStream stream, JobEventService events, BooleanSupplier jobHasEnded) {
        subscription = stream.subscribe(jobId, this::onEvent);
        for (JobEvent event : events.after(jobId, resumedAfter)) {
            onEvent(event);
        }
        if (!finished && jobHasEnded.getAsBoolean()) {
            finish();
        }
    }

    synchronized void onEvent(JobEvent event) {
        if (finished || event.id <= resumedAfter || !sent.add(event.id)) {
            return;
        }
        if (sink.isClosed()) {
            finish();
            return;
        }
        sink.send(sse.newEventBuilder()
                .id(Long.toString(event.id))
                .name(event.kind)
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(JobEventView.class, JobEventView.of(event))
                .build());
        if (JobEvent.JOB.equals(event.kind) && JobStatus.valueOf(event.status).isTerminal()) {
            finish();
        }
    }

    private void finish() {
        finished = true;
        try {
            if (!sink.isClosed()) {
                sink.send(sse.newEventBuilder().name("end").data("job ended").build())
                        .whenComplete((ignored, error) -> sink.close());
            }
        } finally {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.debug("Closing a job event subscription failed", e);
            }
        }
    }
}
