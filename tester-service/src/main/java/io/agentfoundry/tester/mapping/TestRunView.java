package io.agentfoundry.tester.mapping;

import io.agentfoundry.tester.domain.TestCheck;
import io.agentfoundry.tester.domain.TestRun;
import io.agentfoundry.tester.service.RuntimeLogs;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A job's test report.
 *
 * @param runtimeLogs     the runtime's logs during the run (their tail); null when not available
 * @param runtimeLogsNote why {@code runtimeLogs} is null; null when they are there
 */
public record TestRunView(UUID jobId, String target, String runtimeId, Instant startedAt, Instant finishedAt,
                          boolean passed, int checksPassed, int checksFailed, Long latencyP50Ms, Long latencyP95Ms,
                          String summary, String runtimeLogs, String runtimeLogsNote, List<CheckView> checks) {

    /**
     * @param prompt  what was sent; null for the health check
     * @param excerpt the start of the raw response
     */
    public record CheckView(String name, boolean passed, String detail, String prompt, String excerpt, Long latencyMs,
                            Instant checkedAt) {
    }

    public static TestRunView of(TestRun run, List<TestCheck> checks) {
        return new TestRunView(run.jobId, run.target, run.runtimeId, run.startedAt, run.finishedAt, run.passed,
                run.checksPassed, run.checksFailed, run.latencyP50Ms, run.latencyP95Ms, run.summary, run.runtimeLogs,
                run.runtimeLogs == null ? RuntimeLogs.notAvailable(run.target) : null,
                checks.stream().map(check -> new CheckView(check.name, check.passed, check.detail, check.prompt,
                        check.excerpt, check.latencyMs, check.checkedAt)).toList());
    }
}
