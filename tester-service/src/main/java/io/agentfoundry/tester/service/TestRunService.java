package io.agentfoundry.tester.service;

import io.agentfoundry.events.AgentSpec;
import io.agentfoundry.events.EventType;
import io.agentfoundry.events.RuntimeCreated;
import io.agentfoundry.events.TestCompleted;
import io.agentfoundry.platform.messaging.StepRunner.StepContext;
import io.agentfoundry.platform.service.JobLogger;
import io.agentfoundry.tester.config.TesterConfig;
import io.agentfoundry.tester.domain.TestCheck;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The test step: proves the runtime answers. With an invocation URL: /ping must be healthy, then each test case (or a
 * smoke prompt) must get a 200 answer containing what it expects. Without one (a runtime that was only recorded), the
 * checks are limited to what the event itself can prove, and the summary says so.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRED)
public class TestRunService {

    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final int EXCERPT_LENGTH = 300;

    private final RuntimeClient runtime;
    private final TesterConfig config;
    private final JobLogger log;

    TestRunService(RuntimeClient runtime, TesterConfig config, JobLogger log) {
        this.runtime = runtime;
        this.config = config;
        this.log = log;
    }

    public TestCompleted test(RuntimeCreated created, StepContext context) {
        UUID jobId = created.jobId();
        TestCheck.delete("jobId", jobId);
        List<TestCheck> checks = new ArrayList<>();
        if (created.invocationUrl() == null || created.invocationUrl().isBlank()) {
            checks.add(check(jobId, "runtime-recorded", created.runtimeId() != null && !created.runtimeId().isBlank(),
                    "Runtime " + created.runtimeId() + " on target " + created.target(), null));
            checks.add(check(jobId, "image-digest", created.imageDigest() != null && DIGEST.matcher(created.imageDigest()).matches(),
                    "Image " + created.imageReference() + "@" + created.imageDigest(), null));
        } else {
            checks.addAll(probe(created));
        }
        checks.forEach(check -> log.info(jobId, context.step(),
                (check.passed ? "PASS " : "FAIL ") + check.name + ": " + check.detail));

        long passed = checks.stream().filter(check -> check.passed).count();
        long failed = checks.size() - passed;
        String summary = failed == 0
                ? passed + " checks passed" + (created.invocationUrl() == null
                        ? "; the runtime was recorded without an endpoint (target " + created.target() + "), so it was not invoked"
                        : " against " + created.invocationUrl())
                : failed + " of " + checks.size() + " checks failed: " + checks.stream().filter(check -> !check.passed)
                        .map(check -> check.name).toList();
        return new TestCompleted(UUID.randomUUID(), jobId, created.eventId(), Instant.now(),
                EventType.CURRENT_SCHEMA_VERSION, context.startedAt(), failed == 0, (int) passed, (int) failed, summary);
    }

    private List<TestCheck> probe(RuntimeCreated created) {
        UUID jobId = created.jobId();
        String baseUrl = created.invocationUrl().endsWith("/")
                ? created.invocationUrl().substring(0, created.invocationUrl().length() - 1) : created.invocationUrl();
        List<TestCheck> checks = new ArrayList<>();
        try {
            RuntimeClient.Answer health = runtime.awaitHealthy(baseUrl);
            checks.add(check(jobId, "health", health.status() == 200, excerpt(health.body()), health.latencyMillis()));
            if (health.status() != 200) {
                return checks;
            }
            List<AgentSpec.TestCase> cases = created.spec() == null || created.spec().testCases().isEmpty()
                    ? List.of(new AgentSpec.TestCase("smoke", config.smokePrompt(), null))
                    : created.spec().testCases();
            UUID session = UUID.randomUUID();
            for (AgentSpec.TestCase testCase : cases) {
                RuntimeClient.Answer answer = runtime.invoke(baseUrl, testCase.prompt(), session);
                boolean answered = answer.status() == 200;
                boolean matches = testCase.expectContains() == null || answer.body().toLowerCase(Locale.ROOT)
                        .contains(testCase.expectContains().toLowerCase(Locale.ROOT));
                String detail = !answered ? "HTTP " + answer.status() + ": " + excerpt(answer.body())
                        : matches ? excerpt(answer.body())
                        : "expected the answer to contain '" + testCase.expectContains() + "' but it said: " + excerpt(answer.body());
                checks.add(check(jobId, "case:" + testCase.name(), answered && matches, detail, answer.latencyMillis()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Invoking the runtime at " + baseUrl + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while testing " + baseUrl, e);
        }
        return checks;
    }

    private static TestCheck check(UUID jobId, String name, boolean passed, String detail, Long latencyMs) {
        TestCheck check = new TestCheck();
        check.jobId = jobId;
        check.name = name;
        check.passed = passed;
        check.detail = detail;
        check.latencyMs = latencyMs;
        check.checkedAt = Instant.now();
        check.persist();
        return check;
    }

    private static String excerpt(String text) {
        return text == null ? "" : text.length() <= EXCERPT_LENGTH ? text : text.substring(0, EXCERPT_LENGTH) + "…";
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<TestCheck> checks(UUID jobId) {
        return TestCheck.ofJob(jobId);
    }
}
