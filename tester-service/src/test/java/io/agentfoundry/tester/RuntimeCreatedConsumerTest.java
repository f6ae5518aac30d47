package io.agentfoundry.tester;

import io.agentfoundry.events.DeployTarget;
import io.agentfoundry.events.AgentSpec.TestCase;
import io.agentfoundry.events.RuntimeCreated;
import io.agentfoundry.events.StepFailed;
import io.agentfoundry.events.TestCompleted;
import io.agentfoundry.tester.testsupport.AgentCoreResource;
import io.agentfoundry.tester.testsupport.FakeLocalRuntime;
import io.agentfoundry.tester.testsupport.FakeLocalRuntime.Behaviour;
import io.agentfoundry.tester.testsupport.FakeLocalRuntime.Invocation;
import io.agentfoundry.tester.testsupport.ScriptedRuntimeLogs;
import io.agentfoundry.tester.testsupport.TesterEvents;
import io.agentfoundry.testinfra.PipelineTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** LOCAL runtimes: the tester probes /ping, sends each case over HTTP and reports what it found. */
@QuarkusTest
@WithTestResource(value = PipelineTestResource.class, initArgs = @ResourceArg(name = "database", value = "tester"))
@WithTestResource(AgentCoreResource.class)
class RuntimeCreatedConsumerTest {

    private static FakeLocalRuntime runtime;
    private static TesterEvents events;

    @BeforeAll
    static void start() {
        runtime = new FakeLocalRuntime();
        events = new TesterEvents();
    }

    @AfterAll
    static void stop() {
        runtime.close();
        events.close();
    }

    private static JsonPath report(UUID jobId) {
        return given().get("/api/test-runs/{jobId}", jobId).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aRuntimeThatMeetsEveryExpectationPassesWithLatencyPercentiles() {
        UUID jobId = UUID.randomUUID();
        String url = runtime.baseUrl(Behaviour.AGENT, jobId);
        TestCompleted completed = events.test(TesterEvents.local(jobId, List.of(
                new TestCase("greets", "Hello?", "WEATHER", "tell you the \\w+", null, 60_000L),
                new TestCase("forecast", "Forecast as JSON", "paris", null, "$.days[1].high", null)), url));

        assertThat(completed.passed()).as(completed.summary()).isTrue();
        assertThat(completed.checksPassed()).isEqualTo(3);
        assertThat(completed.checksFailed()).isZero();
        assertThat(completed.latencyP50Ms()).isNotNull().isLessThanOrEqualTo(completed.latencyP95Ms());
        assertThat(completed.summary()).isEqualTo("3 checks passed against " + url + " (p50 "
                + completed.latencyP50Ms() + " ms, p95 " + completed.latencyP95Ms() + " ms)");

        JsonPath report = report(jobId);
        assertThat(report.getBoolean("passed")).isTrue();
        assertThat(report.getString("target")).isEqualTo(DeployTarget.LOCAL.name());
        assertThat(report.getString("runtimeId")).isEqualTo("container-" + jobId);
        assertThat(report.getList("checks.name")).containsExactly("health", "case:greets", "case:forecast");
        assertThat(report.getList("checks.prompt")).containsExactly(null, "Hello?", "Forecast as JSON");
        assertThat(report.getString("checks[1].excerpt")).contains(FakeLocalRuntime.WEATHER);
        assertThat(report.getString("checks[2].detail")).contains("contains 'paris'").contains("has $.days[1].high");
        assertThat(report.getLong("latencyP95Ms")).isEqualTo(completed.latencyP95Ms());
        assertThat(report.getString("summary")).isEqualTo(completed.summary());
        assertThat(report.getString("runtimeLogs")).isNull();
        assertThat(report.getString("runtimeLogsNote")).isEqualTo("runtime logs: not available for target LOCAL");
    }

    @Test
    void everyCaseOfARunIsOneSessionWithAnAgentCoreSessionId() {
        UUID jobId = UUID.randomUUID();
        events.test(TesterEvents.local(jobId, List.of(new TestCase("one", "Hello?", null),
                new TestCase("two", "Hello again?", null), new TestCase("three", "Bye?", null)),
                runtime.baseUrl(Behaviour.AGENT, jobId)));

        List<Invocation> invocations = runtime.invocationsOf(jobId);
        assertThat(invocations).extracting(Invocation::prompt).containsExactly("Hello?", "Hello again?", "Bye?");
        assertThat(invocations).extracting(Invocation::sessionId).doesNotContainNull().containsOnly(
                invocations.get(0).sessionId());
        assertThat(invocations.get(0).sessionId()).hasSizeGreaterThanOrEqualTo(33);
        assertThat(invocations).extracting(Invocation::accept).containsOnly("application/json");

        UUID otherJob = UUID.randomUUID();
        events.test(TesterEvents.local(otherJob, List.of(new TestCase("one", "Hello?", null)),
                runtime.baseUrl(Behaviour.AGENT, otherJob)));
        assertThat(runtime.invocationsOf(otherJob).get(0).sessionId()).isNotEqualTo(invocations.get(0).sessionId());
    }

    @Test
    void aFailedRunNamesEachUnmetExpectationWithWhatTheAgentSaid() {
        UUID jobId = UUID.randomUUID();
        TestCompleted completed = events.test(TesterEvents.local(jobId, List.of(
                new TestCase("greets", "Hello slowly?", "tomorrow's forecast", "\\d{5}", null, 1L),
                new TestCase("forecast", "Forecast as JSON", null, null, "$.days[5].high", null),
                new TestCase("plain", "Hello?", null, null, "$.city", null),
                new TestCase("fine", "Hello?", "weather")), runtime.baseUrl(Behaviour.AGENT, jobId)));

        assertThat(completed.passed()).isFalse();
        assertThat(completed.checksPassed()).isEqualTo(2);
        assertThat(completed.checksFailed()).isEqualTo(3);
        String said = "it said: \"" + FakeLocalRuntime.WEATHER + "\"";
        assertThat(completed.summary()).startsWith("3 of 5 checks failed: case 'greets': expected the answer to contain"
                + " 'tomorrow's forecast' but " + said).contains("; case 'forecast': ").contains("; case 'plain': ")
                .doesNotContain("case 'fine'");

        JsonPath report = report(jobId);
        assertThat(report.getBoolean("passed")).isFalse();
        assertThat(report.getList("checks.passed")).containsExactly(true, false, false, false, true);
        assertThat(report.getString("checks[1].detail"))
                .contains("expected the answer to contain 'tomorrow's forecast' but " + said)
                .contains("expected the answer to match /\\d{5}/ but " + said)
                .containsPattern("took \\d+ ms, over the 1 ms limit");
        assertThat(report.getString("checks[2].detail"))
                .startsWith("expected the JSON answer to have $.days[5].high but it has no such value: ");
        assertThat(report.getString("checks[3].detail"))
                .startsWith("expected a JSON answer with $.city").endsWith(": \"" + FakeLocalRuntime.WEATHER + "\"");
    }

    @Test
    void aRuntimeThatNeverReportsHealthyFailsHealthAndIsNotInvoked() {
        UUID jobId = UUID.randomUUID();
        TestCompleted completed = events.test(TesterEvents.local(jobId, List.of(new TestCase("greets", "Hello?", null)),
                runtime.baseUrl(Behaviour.UNHEALTHY, jobId)));

        assertThat(completed.passed()).isFalse();
        assertThat(completed.checksPassed()).isZero();
        assertThat(completed.checksFailed()).isEqualTo(1);
        assertThat(completed.latencyP50Ms()).isNull();
        assertThat(completed.summary()).startsWith("1 of 1 checks failed: health: not healthy after ")
                .endsWith("/ping answered HTTP 503 with status Unhealthy");
        assertThat(runtime.invocationsOf(jobId)).isEmpty();
        assertThat(report(jobId).getList("checks.name")).containsExactly("health");
    }

    @Test
    void aStreamedAnswerIsTheTextOfItsFrames() {
        UUID jobId = UUID.randomUUID();
        TestCompleted completed = events.test(TesterEvents.local(jobId,
                List.of(new TestCase("streams", "Weather?", "sunny and warm", "^Sunny and warm$", null, null)),
                runtime.baseUrl(Behaviour.STREAM, jobId)));

        assertThat(completed.passed()).as(completed.summary()).isTrue();
        assertThat(report(jobId).getString("checks[1].excerpt")).startsWith("data: {\"data\": \"Sunny \"}");
    }

    @Test
    void theSmokePromptIsSentWhenTheSpecHasNoCases() {
        UUID jobId = UUID.randomUUID();
        TestCompleted completed = events.test(TesterEvents.local(jobId, List.of(),
                runtime.baseUrl(Behaviour.AGENT, jobId)));

        assertThat(completed.passed()).as(completed.summary()).isTrue();
        assertThat(runtime.invocationsOf(jobId)).extracting(Invocation::prompt)
                .containsExactly("Say hello in one short sentence.");
        assertThat(report(jobId).getList("checks.name")).containsExactly("health", "case:smoke");
    }

    @Test
    void aRerunOfTheJobReplacesItsReport() {
        UUID jobId = UUID.randomUUID();
        String url = runtime.baseUrl(Behaviour.AGENT, jobId);
        events.publish(TesterEvents.local(jobId, List.of(new TestCase("a", "Hello?", "nowhere"),
                new TestCase("b", "Hello?", null)), url));
        events.testCompleted(jobId, 1);
        events.publish(TesterEvents.local(jobId, List.of(new TestCase("c", "Hello?", "weather")), url));
        List<TestCompleted> runs = events.testCompleted(jobId, 2);

        assertThat(runs).extracting(TestCompleted::passed).containsExactly(false, true);
        JsonPath report = report(jobId);
        assertThat(report.getBoolean("passed")).isTrue();
        assertThat(report.getList("checks.name")).containsExactly("health", "case:c");
    }

    @Test
    void aRuntimeLogsReaderFillsTheReportWithTheTailOfTheRunsLogs() {
        UUID jobId = UUID.randomUUID();
        ScriptedRuntimeLogs.answer(jobId, IntStream.rangeClosed(1, 250).mapToObj(i -> "line " + i)
                .collect(Collectors.joining("\n")));
        TestCompleted completed = events.test(TesterEvents.local(jobId, List.of(new TestCase("greets", "Hello?", null)),
                runtime.baseUrl(Behaviour.AGENT, jobId)));

        assertThat(completed.passed()).as(completed.summary()).isTrue();
        JsonPath report = report(jobId);
        assertThat(report.getString("runtimeLogs")).startsWith("line 51\n").endsWith("\nline 250");
        assertThat(report.getString("runtimeLogs").lines()).hasSize(200);
        assertThat(report.getString("runtimeLogsNote")).isNull();
        ScriptedRuntimeLogs.Window window = ScriptedRuntimeLogs.windowOf(jobId);
        assertThat(window.from()).isBefore(window.to());
    }

    @Test
    void aRuntimeLogsReaderThatFailsCostsTheLogsNotTheRun() {
        UUID jobId = UUID.randomUUID();
        ScriptedRuntimeLogs.failFor(jobId);
        TestCompleted completed = events.test(TesterEvents.local(jobId, List.of(new TestCase("greets", "Hello?", null)),
                runtime.baseUrl(Behaviour.AGENT, jobId)));

        assertThat(completed.passed()).as(completed.summary()).isTrue();
        assertThat(report(jobId).getString("runtimeLogsNote"))
                .isEqualTo("runtime logs: not available for target LOCAL");
        assertThat(events.jobLogWith(jobId, "runtime logs could not be read"))
                .anyMatch(line -> line.contains("the engine refused the logs request"));
    }

    @Test
    void aLocalRuntimeWithoutInvocationUrlFailsTheStepSayingSo() {
        UUID jobId = UUID.randomUUID();
        events.publish(TesterEvents.local(jobId, List.of(new TestCase("greets", "Hello?", null)), null));

        StepFailed failed = events.stepFailed(jobId);
        assertThat(failed.errorCode()).isEqualTo("RUNTIME_EVENT_INCOMPLETE");
        assertThat(failed.message()).contains("LOCAL", "lacks invocationUrl");
        assertThat(failed.retryable()).isFalse();
    }

    @Test
    void anInvocationUrlThatIsNotAnHttpUrlWithAHostFailsTheStepNamingTheFieldWithoutRetries() {
        UUID notAUri = UUID.randomUUID();
        events.publish(TesterEvents.local(notAUri, List.of(new TestCase("greets", "Hello?", null)), "http://[runtime"));
        UUID notHttp = UUID.randomUUID();
        events.publish(TesterEvents.local(notHttp, List.of(new TestCase("greets", "Hello?", null)),
                "file:///etc/passwd"));
        UUID noHost = UUID.randomUUID();
        events.publish(TesterEvents.local(noHost, List.of(new TestCase("greets", "Hello?", null)), "http:///ping"));

        StepFailed failed = events.stepFailed(notAUri);
        assertThat(failed.errorCode()).isEqualTo("RUNTIME_EVENT_INVALID");
        assertThat(failed.message()).contains("invocationUrl 'http://[runtime' is not a URI");
        assertThat(failed.retryable()).isFalse();
        assertThat(failed.attempt()).isEqualTo(1);
        assertThat(events.stepFailed(notHttp).message())
                .contains("invocationUrl 'file:///etc/passwd' is not an absolute http or https URL");
        assertThat(events.stepFailed(noHost).message()).contains("invocationUrl 'http:///ping' names no host");
    }

    @Test
    void theLongestCaseNameAndRuntimeIdTheContractAllowsAreStoredAndReported() {
        UUID jobId = UUID.randomUUID();
        String name = "n".repeat(200);
        RuntimeCreated local = TesterEvents.local(jobId, List.of(new TestCase(name, "Hello?", "weather")),
                runtime.baseUrl(Behaviour.AGENT, jobId));
        String runtimeId = "c".repeat(2048);
        TestCompleted completed = events.test(new RuntimeCreated(local.eventId(), jobId, local.causationId(),
                local.occurredAt(), 1, local.startedAt(), local.spec(), local.target(), runtimeId,
                local.invocationUrl(), local.imageReference(), local.imageDigest(), null, null, null, null));

        assertThat(completed.passed()).as(completed.summary()).isTrue();
        JsonPath report = report(jobId);
        assertThat(report.getList("checks.name")).containsExactly("health", "case:" + name);
        assertThat(report.getString("runtimeId")).isEqualTo(runtimeId);
    }

    @Test
    void aRuntimeOfAnotherTargetFailsTheStep() {
        UUID jobId = UUID.randomUUID();
        RuntimeCreated local = TesterEvents.local(jobId, List.of(), null);
        events.publish(new RuntimeCreated(local.eventId(), jobId, local.causationId(), local.occurredAt(), 1,
                local.startedAt(), local.spec(), "RECORDED", "runtime-1", null, local.imageReference(),
                local.imageDigest(), null, null, null, null));

        StepFailed failed = events.stepFailed(jobId);
        assertThat(failed.errorCode()).isEqualTo("UNKNOWN_RUNTIME_TARGET");
        assertThat(failed.message()).contains("'RECORDED'", "LOCAL", "AGENTCORE");
        assertThat(failed.retryable()).isFalse();
    }

    @Test
    void aJobWithoutTestRunIsNotFoundWithAMessage() {
        UUID jobId = UUID.randomUUID();
        given().get("/api/test-runs/{jobId}", jobId).then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("detail", containsString("No test run for job " + jobId));
    }
}
