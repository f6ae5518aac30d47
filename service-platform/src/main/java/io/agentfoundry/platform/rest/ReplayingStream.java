package io.agentfoundry.platform.rest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A Server-Sent Events stream of a job's items that a client can resume (a job's events, a step's log lines): the
 * items stored after {@code Last-Event-ID}, then live ones, then an {@code end} event once the job or step has ended.
 *
 * <p>Each client's session subscribes to live items first, then replays the stored ones, so that no item falls
 * between the two; live items that arrive during the replay wait their turn. Items commit in concurrent transactions
 * whose live hand-overs may swap: an item is skipped by its id once sent, never dropped for being older. The replay
 * reads the database on a worker thread (the session starts on the event loop, once RESTEasy Reactive has written the
 * SSE headers, so ending it at once is safe); the live subscription is closed when the stream ends, fails or the
 * client goes away.
 */
public final class ReplayingStream {

    private static final Logger LOG = Logger.getLogger(ReplayingStream.class);

    /** What a stream is made of. */
    public interface Source<T> {

        /** Live items, from now on. */
        AutoCloseable subscribe(Consumer<T> live);

        /**
         * Read in one transaction: whether the job or step has ended first (so that an ended one has its last item in
         * what is read next), then the stored items after {@code afterId}, in id order.
         */
        Stored<T> stored(long afterId);

        /** The item's id (its SSE id); null for an item that only says the stream is over. */
        Long id(T item);

        /** Whether the stream ends once this item has been sent. */
        boolean ends(T item);

        /** The SSE event an item is sent as. */
        OutboundSseEvent event(Sse sse, T item);

        /** The data of the final {@code end} event, e.g. {@code job ended}. */
        String endData();
    }

    public record Stored<T>(List<T> items, boolean ended) {
    }

    private ReplayingStream() {
    }

    public static <T> Multi<OutboundSseEvent> of(Source<T> source, Long lastEventId, Sse sse) {
        long after = lastEventId == null ? 0 : lastEventId;
        return Multi.createFrom().emitter(emitter -> new Session<>(source, after, emitter, sse).start());
    }

    private static final class Session<T> {
        private final Source<T> source;
        private final long resumedAfter;
        private final MultiEmitter<? super OutboundSseEvent> emitter;
        private final Sse sse;
        private final Set<Long> sent = new HashSet<>();
        private List<T> pending = new ArrayList<>();
        private boolean ended;
        private AutoCloseable subscription;

        Session(Source<T> source, long after, MultiEmitter<? super OutboundSseEvent> emitter, Sse sse) {
            this.source = source;
            this.resumedAfter = after;
            this.emitter = emitter;
            this.sse = sse;
        }

        void start() {
            subscription = source.subscribe(this::onLive);
            emitter.onTermination(this::unsubscribe);
            Infrastructure.getDefaultWorkerPool().execute(this::replay);
        }

        private void replay() {
            if (emitter.isCancelled()) {
                return;
            }
            try {
                Stored<T> stored = QuarkusTransaction.joiningExisting().call(() -> source.stored(resumedAfter));
                synchronized (this) {
                    stored.items().forEach(this::handle);
                    List<T> live = pending;
                    pending = null;
                    live.forEach(this::handle);
                    if (stored.ended()) {
                        finish();
                    }
                }
            } catch (RuntimeException e) {
                emitter.fail(e);
            }
        }

        private synchronized void onLive(T item) {
            if (pending != null) {
                pending.add(item);
            } else {
                handle(item);
            }
        }

        private void handle(T item) {
            if (ended) {
                return;
            }
            Long id = source.id(item);
            if (id != null) {
                if (id <= resumedAfter || !sent.add(id)) {
                    return;
                }
                emitter.emit(source.event(sse, item));
            }
            if (source.ends(item)) {
                finish();
            }
        }

        private void finish() {
            if (ended) {
                return;
            }
            ended = true;
            emitter.emit(sse.newEventBuilder().name("end").data(source.endData()).build());
            emitter.complete();
        }

        private void unsubscribe() {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.debug("Closing a live subscription failed", e);
            }
        }
    }
}
