package io.agentfoundry.tester.service;

import io.agentfoundry.events.RuntimeCreated;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads what a runtime logged during its test run, for the report. Every bean of this type is asked in turn; the first
 * non-empty answer is kept. A reader answers empty for targets it does not serve, so readers for LOCAL (container logs)
 * and AGENTCORE (CloudWatch) can be added independently. With no reader for a target, the report says the runtime's
 * logs are not available for it.
 */
public interface RuntimeLogs {

    /**
     * The longest one reader may take to read a run's logs. It reads in the step's transaction, after the run (the
     * first reader that serves the target is the only one that reads), so the step's work is run-timeout plus this:
     * TesterSettingsCheck counts it.
     */
    Duration READ_BUDGET = Duration.ofSeconds(30);

    /**
     * @return the runtime's log text between {@code from} and {@code to}, or empty when this reader does not serve the
     * runtime's target; the caller keeps only the tail
     */
    Optional<String> read(RuntimeCreated runtime, Instant from, Instant to);

    /** What the report and the job log say when no reader serves the target. */
    static String notAvailable(String target) {
        return "runtime logs: not available for target " + target;
    }
}
