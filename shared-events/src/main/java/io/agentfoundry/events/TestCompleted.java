package io.agentfoundry.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The tester finished checking the runtime. A job ends here: passed or not.
 *
 * @param checksPassed number of checks (health and test cases) that passed
 * @param checksFailed number that failed
 * @param summary      one line a person can read
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
        String summary) implements PipelineEvent {
}
