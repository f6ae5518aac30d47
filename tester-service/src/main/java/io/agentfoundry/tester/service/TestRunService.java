package io.agentfoundry.tester.service;

import io.agentfoundry.tester.service.judging.Answer;
import io.agentfoundry.tester.service.judging.Expectations;
import io.agentfoundry.tester.service.judging.Percentiles;

import io.agentfoundry.events.AgentSpec;
import io.agentfoundry.events.DeployTarget;
import io.agentfoundry.events.EventType;
import io.agentfoundry.events.PipelineStep;
import io.agentfoundry.events.RuntimeCreated;
import io.agentfoundry.events.TestCompleted;
import io.agentfoundry.platform.domain.Failure;
import io.agentfoundry.platform.messaging.StepContext;
import io.agentfoundry.platform.service.JobLogger;
import io.agentfoundry.tester.config.TesterConfig;
import io.agentfoundry.tester.domain.TestCheck;
import io.agentfoundry.tester.domain.TestRun;
import io.agentfoundry.tester.mapping.TestRunView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The test step: proves the runtime answers. It must become healthy, then each test case (or the smoke prompt) is sent
 * in one session and its answer judged against the case's expectations. The report (run, checks, latency
 * percentiles, the runtime's logs for the run) replaces any earlier report of the job, stored with the step's
 * success. Nothing of it holds a transaction open.
 */
@ApplicationScoped
public class TestRunService {

    /** AgentCore session ids are 33 to 256 characters: this prefix and a UUID make 54. */
    private static final String SESSION_PREFIX = "agentfoundry-test-";
    private static final String HEALTH = "health";
    private static final String CASE_PREFIX = "case:";
    /** TestCompleted.summary allows 2000. */
    private static final int MAX_SUMMARY = 1500;
    private static final int MAX_LOG_LINES = 200;
    private static final int MAX_LOG_CHARS = 64 * 1024;

    private final Map<DeployTarget, RuntimeTransport> transports = new EnumMap<>(DeployTarget.class);
    private final Instance<RuntimeLogs> logReaders;
    private final TesterConfig config;
    private final JobLogger log;

    TestRunService(Instance<RuntimeTransport> transports, Instance<RuntimeLogs> logReaders, TesterConfig config,
                   JobLogger log) {
        transports.forEach(transport -> this.transports.put(transport.target(), transport));
        this.logReaders = logReaders;
        this.config = config;
        this.log = log;
    }

    public TestCompleted test(RuntimeCreated runtime, StepContext context) {
        RuntimeTransport transport = transportFor(runtime);
        PipelineStep step = context.step();
        Instant startedAt = Instant.now();
        Instant runDeadline = startedAt.plus(config.runTimeout());
        log.info(runtime.jobId(), step, "Testing the " + runtime.target() + " runtime " + transport.endpoint(runtime));

        List<TestCheck> checks = new ArrayList<>();
        Instant healthDeadline = earliest(startedAt.plus(config.healthTimeout()), runDeadline);
        checks.add(logged(step, healthCheck(transport, runtime, healthDeadline)));
        if (checks.get(0).passed) {
            String sessionId = SESSION_PREFIX + UUID.randomUUID();
            for (AgentSpec.TestCase testCase : casesOf(runtime)) {
                checks.add(logged(step, caseCheck(transport, runtime, testCase, sessionId, runDeadline)));
            }
        }
        TestRun run = report(runtime, step, transport.endpoint(runtime), startedAt, checks);
        context.onSuccess(() -> save(run, checks));
        return new TestCompleted(UUID.randomUUID(), run.jobId, runtime.eventId(), Instant.now(),
                EventType.CURRENT_SCHEMA_VERSION, context.startedAt(), run.passed, run.checksPassed, run.checksFailed,
                run.summary, run.latencyP50Ms, run.latencyP95Ms);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<TestRunView> report(UUID jobId) {
        return TestRun.<TestRun>findByIdOptional(jobId).map(run -> TestRunView.of(run, TestCheck.ofJob(jobId)));
    }

    /** An event this step cannot test fails it for good: a retry would carry the same event. */
    private RuntimeTransport transportFor(RuntimeCreated runtime) {
        RuntimeTransport transport = DeployTarget.named(runtime.target()).map(transports::get)
                .orElseThrow(() -> new Failure("UNKNOWN_RUNTIME_TARGET", "Runtime " + runtime.runtimeId()
                        + " has target '" + runtime.target() + "'; the tester knows " + transports.keySet()));
        List<String> missing = transport.missingFields(runtime);
        if (!missing.isEmpty()) {
            throw new Failure("RUNTIME_EVENT_INCOMPLETE", "The RuntimeCreated event of the "
                    + runtime.target() + " runtime lacks " + String.join(", ", missing)
                    + ", without which the runtime cannot be tested");
        }
        List<String> invalid = transport.invalidFields(runtime);
        if (!invalid.isEmpty()) {
            throw new Failure("RUNTIME_EVENT_INVALID", "The RuntimeCreated event of the "
                    + runtime.target() + " runtime is invalid: " + String.join("; ", invalid)
                    + "; the runtime cannot be tested");
        }
        return transport;
    }

    private TestCheck healthCheck(RuntimeTransport transport, RuntimeCreated runtime, Instant deadline) {
        RuntimeTransport.Health health;
        try {
            health = transport.awaitHealthy(runtime, deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for runtime " + runtime.runtimeId(), e);
        }
        String detail = health.healthy() ? health.detail()
                : "not healthy after " + health.latencyMs() + " ms: " + health.detail();
        return check(runtime.jobId(), HEALTH, health.healthy(), detail, null, excerpt(health.excerpt()),
                health.latencyMs());
    }

    private TestCheck caseCheck(RuntimeTransport transport, RuntimeCreated runtime, AgentSpec.TestCase testCase,
                                String sessionId, Instant runDeadline) {
        String name = CASE_PREFIX + testCase.name();
        Duration remaining = Duration.between(Instant.now(), runDeadline);
        if (remaining.isNegative() || remaining.isZero()) {
            return check(runtime.jobId(), name, false, "not run: the test run took longer than "
                    + config.runTimeout().toSeconds() + " s", testCase.prompt(), null, null);
        }
        Duration timeout = remaining.compareTo(config.invocationTimeout()) < 0 ? remaining : config.invocationTimeout();
        Answer answer = transport.invoke(runtime, testCase.prompt(), sessionId, timeout);
        List<String> unmet = Expectations.unmet(testCase, answer, config.excerptLength());
        // only an answer has a latency: a refused connection or a timeout would skew the percentiles
        return check(runtime.jobId(), name, unmet.isEmpty(),
                unmet.isEmpty() ? metDetail(testCase, answer) : String.join("; ", unmet), testCase.prompt(),
                excerpt(answer.body()), answer.status() == 0 ? null : answer.latencyMs());
    }

    private TestRun report(RuntimeCreated runtime, PipelineStep step, String endpoint, Instant startedAt,
                           List<TestCheck> checks) {
        List<Long> latencies = checks.stream()
                .filter(check -> check.name.startsWith(CASE_PREFIX) && check.latencyMs != null)
                .map(check -> check.latencyMs)
                .toList();
        TestRun run = new TestRun();
        run.jobId = runtime.jobId();
        run.target = runtime.target();
        run.runtimeId = runtime.runtimeId();
        run.startedAt = startedAt;
        run.finishedAt = Instant.now();
        run.checksPassed = (int) checks.stream().filter(check -> check.passed).count();
        run.checksFailed = checks.size() - run.checksPassed;
        run.passed = run.checksFailed == 0;
        run.latencyP50Ms = Percentiles.nearestRank(latencies, 50);
        run.latencyP95Ms = Percentiles.nearestRank(latencies, 95);
        run.summary = summary(run, checks, endpoint);
        run.runtimeLogs = runtimeLogs(runtime, step, run.startedAt, run.finishedAt).orElse(null);
        return run;
    }

    /** A retried step's report replaces the earlier one; its checks go with it (on delete cascade). */
    private static void save(TestRun run, List<TestCheck> checks) {
        TestRun.delete("jobId", run.jobId);
        run.persistAndFlush();
        checks.forEach(check -> check.persist());
    }

    private List<AgentSpec.TestCase> casesOf(RuntimeCreated runtime) {
        return runtime.spec() == null || runtime.spec().testCases().isEmpty()
                ? List.of(new AgentSpec.TestCase("smoke", config.smokePrompt(), null))
                : runtime.spec().testCases();
    }

    private static String metDetail(AgentSpec.TestCase testCase, Answer answer) {
        List<String> met = new ArrayList<>();
        if (testCase.expectContains() != null) {
            met.add("contains '" + testCase.expectContains() + "'");
        }
        if (testCase.expectRegex() != null) {
            met.add("matches /" + testCase.expectRegex() + "/");
        }
        if (testCase.expectJsonPath() != null) {
            met.add("has " + testCase.expectJsonPath());
        }
        if (testCase.maxLatencyMs() != null) {
            met.add("within " + testCase.maxLatencyMs() + " ms");
        }
        return "answered HTTP " + answer.status() + " in " + answer.latencyMs() + " ms"
                + (met.isEmpty() ? "" : "; " + String.join(", ", met));
    }

    private TestCheck logged(PipelineStep step, TestCheck check) {
        String latency = check.latencyMs == null ? "" : " (" + check.latencyMs + " ms)";
        if (check.passed) {
            log.info(check.jobId, step, "PASS " + check.name + latency + ": " + check.detail);
        } else {
            log.warn(check.jobId, step, "FAIL " + check.name + latency + ": " + check.detail);
        }
        return check;
    }

    private static String summary(TestRun run, List<TestCheck> checks, String endpoint) {
        int total = run.checksPassed + run.checksFailed;
        String summary = run.passed
                ? total + " checks passed against " + endpoint + " (p50 " + run.latencyP50Ms + " ms, p95 "
                        + run.latencyP95Ms + " ms)"
                : run.checksFailed + " of " + total + " checks failed: " + String.join("; ", checks.stream()
                        .filter(check -> !check.passed)
                        .map(check -> (check.name.startsWith(CASE_PREFIX)
                                ? "case '" + check.name.substring(CASE_PREFIX.length()) + "'" : check.name)
                                + ": " + check.detail)
                        .toList());
        return summary.length() <= MAX_SUMMARY ? summary : summary.substring(0, MAX_SUMMARY - 1) + "…";
    }

    /** The first reader of the runtime's target that answers wins; a reader that fails costs the logs, not the run. */
    private Optional<String> runtimeLogs(RuntimeCreated runtime, PipelineStep step, Instant from, Instant to) {
        Optional<DeployTarget> target = DeployTarget.named(runtime.target());
        for (RuntimeLogs reader : logReaders) {
            if (target.isEmpty() || reader.target() != target.get()) {
                continue;
            }
            try {
                Optional<String> logs = reader.read(runtime, from, to);
                if (logs.isPresent()) {
                    return logs.map(TestRunService::tail);
                }
            } catch (RuntimeException e) {
                log.warn(runtime.jobId(), step, "runtime logs could not be read: " + e);
            }
        }
        log.info(runtime.jobId(), step, RuntimeLogs.notAvailable(runtime.target()));
        return Optional.empty();
    }

    /** The last lines are the ones that explain a failure. */
    static String tail(String logs) {
        String[] lines = logs.split("\n", -1);
        String kept = lines.length <= MAX_LOG_LINES ? logs
                : String.join("\n", List.of(lines).subList(lines.length - MAX_LOG_LINES, lines.length));
        return kept.length() <= MAX_LOG_CHARS ? kept : kept.substring(kept.length() - MAX_LOG_CHARS);
    }

    private String excerpt(String text) {
        int length = config.excerptLength();
        return text == null || text.length() <= length ? text : text.substring(0, length) + "…";
    }

    private static Instant earliest(Instant one, Instant other) {
        return one.isBefore(other) ? one : other;
    }

    private static TestCheck check(UUID jobId, String name, boolean passed, String detail, String prompt,
                                   String excerpt, Long latencyMs) {
        TestCheck check = new TestCheck();
        check.jobId = jobId;
        check.name = name;
        check.passed = passed;
        check.detail = detail;
        check.prompt = prompt;
        check.excerpt = excerpt;
        check.latencyMs = latencyMs;
        check.checkedAt = Instant.now();
        return check;
    }
}
