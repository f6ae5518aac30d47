package io.agentfoundry.tester.service;

import io.agentfoundry.events.DeployTarget;
import io.agentfoundry.events.RuntimeCreated;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads what a runtime logged during its test run, for the report. The readers of the runtime's target are asked in
 * turn; the first non-empty answer is kept. With no reader for a target (or none that can read now), the report says
 * the runtime's logs are not available for it.
 */
public interface RuntimeLogs {

    /** The runtimes this reader reads: those whose {@code RuntimeCreated.target} names it. */
    DeployTarget target();

    /**
     * The longest one reader may take to read a run's logs. It reads in the step's transaction, after the run (the
     * first reader that serves the target is the only one that reads), so the step's work is run-timeout plus this:
     * TesterSettingsCheck counts it.
     */
    Duration READ_BUDGET = Duration.ofSeconds(30);

    /**
     * @return the runtime's log text between {@code from} and {@code to}, or empty when this reader cannot read it
     * (no engine configured); the caller keeps only the tail
     */
    Optional<String> read(RuntimeCreated runtime, Instant from, Instant to);

    /** What the report and the job log say when no reader serves the target. */
    static String notAvailable(String target) {
        return "runtime logs: not available for target " + target;
    }
}
