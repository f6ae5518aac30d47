package io.agentfoundry.tester.mapping;

import io.agentfoundry.tester.domain.TestCheck;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record TestRunView(UUID jobId, boolean passed, int checksPassed, int checksFailed, List<CheckView> checks) {

    public record CheckView(String name, boolean passed, String detail, Long latencyMs, Instant checkedAt) {
    }

    public static TestRunView of(UUID jobId, List<TestCheck> checks) {
        int passed = (int) checks.stream().filter(check -> check.passed).count();
        return new TestRunView(jobId, passed == checks.size(), passed, checks.size() - passed, checks.stream()
                .map(check -> new CheckView(check.name, check.passed, check.detail, check.latencyMs, check.checkedAt))
                .toList());
    }
}
