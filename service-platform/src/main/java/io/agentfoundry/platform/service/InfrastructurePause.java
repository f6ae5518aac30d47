package io.agentfoundry.platform.service;

import io.agentfoundry.platform.config.PlatformConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Waiting out an infrastructure fault: whoever meets one (a consumer, a step's worker, the outbox relay) backs off and
 * tries again, without a limit, and says so here, so that the service's readiness shows what it waits for and since
 * when. The wait ends by itself when the database (or, for the relay, the broker) answers again.
 */
@ApplicationScoped
public class InfrastructurePause {

    private static final Logger LOG = Logger.getLogger(InfrastructurePause.class);

    /** What waits, for what, since when. */
    public record Paused(String reason, Instant since) {
    }

    private final Map<String, Paused> paused = new ConcurrentHashMap<>();
    private final InfrastructureFaults faults;
    private final PlatformConfig config;

    InfrastructurePause(InfrastructureFaults faults, PlatformConfig config) {
        this.faults = faults;
        this.config = config;
    }

    /**
     * Runs {@code action} until it succeeds or fails for a reason other than the infrastructure: infrastructure faults
     * are waited out with backoff, without a limit.
     *
     * @param who what is waiting, for readiness and the log (e.g. {@code consumer agentfoundry.image-built.v1})
     */
    public <T> T untilAvailable(String who, Supplier<T> action) {
        long backoff = config.consumer().initialBackoff().toMillis();
        while (true) {
            try {
                T result = action.get();
                resumed(who);
                return result;
            } catch (RuntimeException e) {
                if (!faults.isInfrastructureFault(e)) {
                    throw e;
                }
                pausedBy(who, e);
                sleep(backoff);
                backoff = Math.min(backoff * 2, config.consumer().maxBackoff().toMillis());
            }
        }
    }

    public void untilAvailable(String who, Runnable action) {
        untilAvailable(who, () -> {
            action.run();
            return null;
        });
    }

    /** Records that {@code who} waits for the infrastructure because of {@code failure}. */
    public void pausedBy(String who, Throwable failure) {
        Paused before = paused.putIfAbsent(who, new Paused(describe(failure), Instant.now()));
        if (before == null) {
            LOG.warnf("%s paused: %s; trying again until it answers", who, describe(failure));
        }
    }

    public void resumed(String who) {
        Paused was = paused.remove(who);
        if (was != null) {
            LOG.infof("%s resumed after %d ms", who, Duration.between(was.since(), Instant.now()).toMillis());
        }
    }

    public Map<String, Paused> paused() {
        return Map.copyOf(paused);
    }

    static String describe(Throwable failure) {
        Throwable deepest = failure;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        String message = deepest.getMessage();
        return deepest.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the database", e);
        }
    }
}
