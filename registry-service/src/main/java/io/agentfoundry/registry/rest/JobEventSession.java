package io.agentfoundry.registry.rest;

import io.agentfoundry.registry.domain.JobEvent;
import io.agentfoundry.registry.domain.JobStatus;
import io.agentfoundry.registry.mapping.JobEventView;
import io.agentfoundry.registry.service.JobEventService;
import io.agentfoundry.registry.service.JobEventStream;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * One client's stream of a job's events: subscribe first, then replay what is stored after Last-Event-ID, so no event
 * falls between the two (ids already sent are skipped). Two transactions of a job commit in order, but their live
 * hand-overs run on different threads and may swap: an event older than the last one sent is still sent, never dropped.
 * Ends after the job's terminal status has been sent.
 * <p>
 * Started when RESTEasy Reactive subscribes to the stream, after it has written the SSE headers, on the event loop: the
 * replay reads the database on a worker thread, and live events that arrive meanwhile wait in {@code pending} until it
 * has been sent. The live subscription is closed when the stream ends, fails or the client goes away.
 */
final class JobEventSession {

    private static final Logger LOG = Logger.getLogger(JobEventSession.class);

    private final UUID jobId;
    private final MultiEmitter<? super OutboundSseEvent> emitter;
    private final Sse sse;
    private final long resumedAfter;
    private final Set<Long> sent = new HashSet<>();
    private List<JobEvent> pending = new ArrayList<>();
    private boolean finished;
    private AutoCloseable subscription;

    JobEventSession(UUID jobId, long after, MultiEmitter<? super OutboundSseEvent> emitter, Sse sse) {
        this.jobId = jobId;
        this.resumedAfter = after;
        this.emitter = emitter;
        this.sse = sse;
    }

    /** @param jobHasEnded asked before the replay, for jobs whose terminal event is older than Last-Event-ID */
    void start(JobEventStream stream, JobEventService events, BooleanSupplier jobHasEnded) {
        subscription = stream.subscribe(jobId, this::onLiveEvent);
        emitter.onTermination(this::unsubscribe);
        Infrastructure.getDefaultWorkerPool().execute(() -> replay(events, jobHasEnded));
    }

    private void replay(JobEventService events, BooleanSupplier jobHasEnded) {
        if (emitter.isCancelled()) {
            return;
        }
        try {
            // the job's status first: a job that had ended by then has its terminal event in what is read next
            Replay stored = QuarkusTransaction.joiningExisting().call(() -> {
                boolean ended = jobHasEnded.getAsBoolean();
                return new Replay(events.after(jobId, resumedAfter), ended);
            });
            synchronized (this) {
                stored.events().forEach(this::send);
                List<JobEvent> live = pending;
                pending = null;
                live.forEach(this::send);
                if (stored.jobEnded()) {
                    finish();
                }
            }
        } catch (RuntimeException e) {
            emitter.fail(e);
        }
    }

    private synchronized void onLiveEvent(JobEvent event) {
        if (pending != null) {
            pending.add(event);
        } else {
            send(event);
        }
    }

    private void send(JobEvent event) {
        if (finished || event.id <= resumedAfter || !sent.add(event.id)) {
            return;
        }
        emitter.emit(sse.newEventBuilder()
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
        if (finished) {
            return;
        }
        finished = true;
        emitter.emit(sse.newEventBuilder().name("end").data("job ended").build());
        emitter.complete();
    }

    private void unsubscribe() {
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.debug("Closing a job event subscription failed", e);
        }
    }

    private record Replay(List<JobEvent> events, boolean jobEnded) {
    }
}
