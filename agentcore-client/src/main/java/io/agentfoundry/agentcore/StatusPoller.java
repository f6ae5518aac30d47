package io.agentfoundry.agentcore;

import software.amazon.awssdk.core.exception.SdkException;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Waits for an AgentCore resource to reach a status, looking again after each pause: logs each new status once, looks
 * past a failed look that a later one may outlast (see {@link AgentCoreErrors#transientOrRethrow}), and ends the wait
 * with a failure when a look says so ({@link Look#ending}) or throws (a resource gone).
 */
public final class StatusPoller {

    /** Sleeps until the next look; false once the time for the wait is up. */
    @FunctionalInterface
    public interface Pause {
        boolean next();
    }

    /**
     * What one look saw.
     *
     * @param status the status, compared with the last one to log only changes
     * @param line   the log line for a new status
     * @param done   the wait is over
     * @param end    thrown once the line is logged: a status the resource cannot become ready from; null otherwise
     */
    public record Look(String status, String line, boolean done, RuntimeException end) {

        public static Look of(String status, String line, boolean done) {
            return new Look(status, line, done, null);
        }

        /** The wait ends with this failure, after the status is logged. */
        public static Look ending(String status, String line, RuntimeException end) {
            return new Look(status, line, true, end);
        }
    }

    /** @param reached the wait is over; else time ran out with {@code lastStatus} the last status or failure seen */
    public record Outcome(boolean reached, String lastStatus) {
    }

    private StatusPoller() {
    }

    /**
     * @param operation  the call a look makes, for a failed look's line
     * @param waitingFor what is awaited, for a failed look's line ("AgentCore runtime x version 2")
     * @param lastStatus the status known before the first look (not logged again)
     */
    public static Outcome await(String operation, String waitingFor, String lastStatus, Pause pause,
                                Supplier<Look> look, Consumer<String> progress) {
        String last = lastStatus;
        while (pause.next()) {
            Look seen;
            try {
                seen = look.get();
            } catch (SdkException unanswered) {
                String failure = AgentCoreErrors.transientOrRethrow(operation, unanswered);
                if (!Objects.equals(failure, last)) {
                    progress.accept(failure + "; still waiting for " + waitingFor);
                    last = failure;
                }
                continue;
            }
            if (!Objects.equals(seen.status(), last)) {
                progress.accept(seen.line());
                last = seen.status();
            }
            if (seen.end() != null) {
                throw seen.end();
            }
            if (seen.done()) {
                return new Outcome(true, last);
            }
        }
        return new Outcome(false, last);
    }
}
