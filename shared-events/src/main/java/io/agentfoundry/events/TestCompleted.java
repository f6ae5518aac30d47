package io.agentfoundry.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The tester finished checking the runtime. A job ends here: passed or not.
 *
 * @param checksPassed number of checks (health and test cases) that passed
 * @param checksFailed number that failed
 * @param summary      one line a person can read
 * @param latencyP50Ms median latency of the test-case invocations; null when none was invoked
 * @param latencyP95Ms 95th-percentile (nearest rank) latency of the test-case invocations; null when none was invoked
 */
public record TestCompleted(
        UUID eventId,
        UUID jobId,
        UUID causationId,
        Instant occurredAt,
        int schemaVersion,
        Instant startedAt,
        boolean passed,
        int checksPassed,
        int checksFailed,
        String summary,
        Long latencyP50Ms,
        Long latencyP95Ms) implements PipelineEvent {
}
