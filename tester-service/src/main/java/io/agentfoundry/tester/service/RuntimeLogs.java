package io.agentfoundry.tester.service;

import io.agentfoundry.events.RuntimeCreated;

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
     * @return the runtime's log text between {@code from} and {@code to}, or empty when this reader does not serve the
     * runtime's target; the caller keeps only the tail
     */
    Optional<String> read(RuntimeCreated runtime, Instant from, Instant to);

    /** What the report and the job log say when no reader serves the target. */
    static String notAvailable(String target) {
        return "runtime logs: not available for target " + target;
    }
}
