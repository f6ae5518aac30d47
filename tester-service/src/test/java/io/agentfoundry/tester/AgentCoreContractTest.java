package io.agentfoundry.tester;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.agentfoundry.events.AgentSpec.TestCase;
import io.agentfoundry.events.RuntimeCreated;
import io.agentfoundry.events.StepFailed;
import io.agentfoundry.events.TestCompleted;
import io.agentfoundry.testinfra.agentcore.AgentCoreFake;
import io.agentfoundry.tester.service.RuntimeCreatedRules;
import io.agentfoundry.tester.testsupport.AgentCoreResource;
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

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/**
 * AGENTCORE runtimes, against a WireMock AgentCore speaking the wire format the SDK expects: health is GetAgentRuntime
 * ({@code GET /runtimes/{id}/?version=...}) READY for the event's version and, for a pinned endpoint,
 * GetAgentRuntimeEndpoint ({@code GET /runtimes/{id}/runtime-endpoints/{name}/}) READY serving it; each case an
 * InvokeAgentRuntime
 * ({@code POST /runtimes/{url-encoded ARN}/invocations?qualifier=...}) answering JSON or an event stream; the report's
 * runtime logs come from CloudWatch Logs' FilterLogEvents ({@code POST /}, JSON 1.1) on the runtime's log group.
 */
@QuarkusTest
@WithTestResource(value = PipelineTestResource.class, initArgs = @ResourceArg(name = "database", value = "tester"))
@WithTestResource(AgentCoreResource.class)
class AgentCoreContractTest {

    private static final String REGION = "us-east-1";
    private static final String SESSION_HEADER = "X-Amzn-Bedrock-AgentCore-Runtime-Session-Id";
    private static TesterEvents events;

    @BeforeAll
    static void start() {
        events = new TesterEvents();
    }

    @AfterAll
    static void stop() {
        events.close();
    }

    /** A runtime id and ARN no other test uses. */
    private record Runtime(String id, String arn) {
        static Runtime unique(String name) {
            String id = name + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
            return new Runtime(id, "arn:aws:bedrock-agentcore:" + REGION + ":123456789012:runtime/" + id);
        }

        String invocationsPath() {
            return "/runtimes/" + URLEncoder.encode(arn, StandardCharsets.UTF_8) + "/invocations";
        }

        /** Where AgentCore writes the logs of the runtime's endpoint. */
        String logGroup(String endpoint) {
            return "/aws/bedrock-agentcore/runtimes/" + id + "-" + endpoint;
        }
    }

    /** One event as FilterLogEvents returns it. */
    private record LogEvent(Instant timestamp, String message) {
        String json() {
            String escaped = message.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
            return """
                    {"logStreamName": "2025/06/01/[runtime-logs]0f3c", "timestamp": %d, "ingestionTime": %d,
                     "eventId": "%d", "message": "%s"}""".formatted(timestamp.toEpochMilli(),
                    timestamp.toEpochMilli() + 900, timestamp.toEpochMilli(), escaped);
        }
    }

    private static ResponseDefinitionBuilder logEvents(String nextToken, LogEvent... events) {
        String token = nextToken == null ? "" : ", \"nextToken\": \"" + nextToken + "\"";
        return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"events\": [" + Stream.of(events).map(LogEvent::json).collect(Collectors.joining(", "))
                        + "], \"searchedLogStreams\": []" + token + "}");
    }

    private static void stubAnswering(Runtime runtime) {
        AgentCoreResource.server().stubFor(post(urlPathEqualTo(runtime.invocationsPath()))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"result\": \"Sunny.\"}")));
    }

    private static List<LoggedRequest> logRequestsOf(String logGroup) {
        return AgentCoreResource.server().findAll(postRequestedFor(urlEqualTo("/"))
                .withHeader(AgentCoreFake.TARGET_HEADER, equalTo(AgentCoreFake.FILTER_LOG_EVENTS))
                .withRequestBody(matchingJsonPath("$.logGroupName", equalTo(logGroup))));
    }

    private static String missingLogGroup(String logGroup) {
        return "runtime logs: no log group " + logGroup + " in " + REGION + " yet: AgentCore creates it when the"
                + " runtime first logs (its execution role needs logs:CreateLogGroup, logs:CreateLogStream and"
                + " logs:PutLogEvents on it)";
    }

    private static JsonPath report(UUID jobId) {
        return given().get("/api/test-runs/{jobId}", jobId).then().statusCode(200).extract().jsonPath();
    }

    private static ResponseDefinitionBuilder described(Runtime runtime, String status, String failureReason) {
        String reason = failureReason == null ? "" : ", \"failureReason\": \"" + failureReason + "\"";
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                {"agentRuntimeId": "%s", "agentRuntimeArn": "%s", "agentRuntimeName": "weather_agent",
                 "agentRuntimeVersion": "1", "status": "%s"%s}"""
                .formatted(runtime.id(), runtime.arn(), status, reason));
    }

    private static void stubReady(Runtime runtime) {
        AgentCoreResource.server().stubFor(AgentCoreFake.getAgentRuntime(runtime.id())
                .willReturn(described(runtime, "READY", null)));
    }

    private static List<LoggedRequest> describesOf(Runtime runtime) {
        return AgentCoreResource.server().findAll(getRequestedFor(urlPathEqualTo("/runtimes/" + runtime.id() + "/")));
    }

    private static List<LoggedRequest> endpointDescribesOf(Runtime runtime, String endpoint) {
        return AgentCoreResource.server().findAll(getRequestedFor(
                urlPathEqualTo("/runtimes/" + runtime.id() + "/runtime-endpoints/" + endpoint + "/")));
    }

    /** Any request the fake got about the runtime, by its id or its URL-encoded ARN. */
    private static List<LoggedRequest> anyRequestAbout(String runtimeId) {
        return AgentCoreResource.server().getAllServeEvents().stream().map(event -> event.getRequest())
                .filter(request -> request.getUrl().contains(runtimeId)).toList();
    }

    private static RuntimeCreated withVersion(RuntimeCreated event, String runtimeVersion) {
        return new RuntimeCreated(event.eventId(), event.jobId(), event.causationId(), event.occurredAt(),
                event.schemaVersion(), event.startedAt(), event.spec(), event.target(), event.runtimeId(),
                event.invocationUrl(), event.imageReference(), event.imageDigest(), event.runtimeArn(), runtimeVersion,
                event.qualifier(), event.region());
    }

    private static List<LoggedRequest> invocationsOf(Runtime runtime) {
        return AgentCoreResource.server().findAll(postRequestedFor(urlPathEqualTo(runtime.invocationsPath())));
    }

    @Test
    void aReadyRuntimeAnsweringJsonPassesAndGetsTheContractsRequest() {
        Runtime runtime = Runtime.unique("weather_json");
        stubReady(runtime);
        AgentCoreResource.server().stubFor(post(urlPathEqualTo(runtime.invocationsPath()))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"result\": \"It is sunny in Paris, 23 degrees.\"}")));

        UUID jobId = UUID.randomUUID();
        TestCompleted completed = events.test(TesterEvents.agentCore(jobId, List.of(
                new TestCase("weather", "Weather in \"Paris\"?", "sunny", "\\d+ degrees", null, 60_000L)),
                runtime.id(), runtime.arn(), "DEFAULT", REGION));

        assertThat(completed.passed()).as(completed.summary()).isTrue();
        assertThat(completed.summary()).startsWith("2 checks passed against " + runtime.arn() + " (endpoint DEFAULT)");
        assertThat(completed.latencyP50Ms()).isNotNull();
        LoggedRequest request = invocationsOf(runtime).get(0);
        assertThat(request.getHeader(SESSION_HEADER)).hasSizeGreaterThanOrEqualTo(33);
        assertThat(request.queryParameter("qualifier").firstValue()).isEqualTo("DEFAULT");
        assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(request.getHeader("Accept")).isEqualTo("application/json, text/event-stream");
        assertThat(request.getHeader("Authorization")).startsWith("AWS4-HMAC-SHA256")
                .contains("/" + REGION + "/bedrock-agentcore/aws4_request");
        assertThat(request.getBodyAsString()).isEqualTo("{\"prompt\":\"Weather in \\\"Paris\\\"?\"}");
        // the health of this job's version, not of whatever version the runtime has reached since
        assertThat(describesOf(runtime)).isNotEmpty().allSatisfy(describe ->
                assertThat(describe.queryParameter("version").values()).containsExactly("1"));
        // DEFAULT follows the runtime's versions: no endpoint to look at
        assertThat(endpointDescribesOf(runtime, "DEFAULT")).isEmpty();
        given().get("/api/test-runs/{jobId}", jobId).then().statusCode(200)
                .body("target", is("AGENTCORE"))
                .body("checks[0].detail", is("runtime " + runtime.id() + " version 1 is READY"))
                .body("checks[1].prompt", is("Weather in \"Paris\"?"));
    }

    @Test
    void aStreamedAnswerIsReadFromItsFramesAndTheCasesShareOneSession() {
        Runtime runtime = Runtime.unique("weather_stream");
        // the runtime is still being created when the tester first asks
        AgentCoreResource.server().stubFor(AgentCoreFake.getAgentRuntime(runtime.id()).inScenario(runtime.id())
                .whenScenarioStateIs(STARTED).willReturn(described(runtime, "CREATING", null))
                .willSetStateTo("ready"));
        AgentCoreResource.server().stubFor(AgentCoreFake.getAgentRuntime(runtime.id()).inScenario(runtime.id())
                .whenScenarioStateIs("ready").willReturn(described(runtime, "READY", null)));
        AgentCoreResource.server().stubFor(AgentCoreFake.getAgentRuntimeEndpoint(runtime.id(), "blue")
                .willReturn(AgentCoreFake.endpoint(runtime.id(), "blue", "READY", "1", null)));
        AgentCoreResource.server().stubFor(post(urlPathEqualTo(runtime.invocationsPath()))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream")
                        .withBody("data: {\"data\": \"Sunny \"}\n\ndata: {\"data\": \"and warm\"}\n\n")));

        TestCompleted completed = events.test(TesterEvents.agentCore(UUID.randomUUID(), List.of(
                new TestCase("first", "Weather?", "sunny and warm"), new TestCase("second", "And tomorrow?", "warm")),
                runtime.id(), runtime.arn(), "blue", REGION));

        assertThat(completed.passed()).as(completed.summary()).isTrue();
        List<LoggedRequest> requests = invocationsOf(runtime);
        assertThat(requests).hasSize(2);
        assertThat(requests).extracting(request -> request.queryParameter("qualifier").firstValue())
                .containsOnly("blue");
        assertThat(requests).extracting(request -> request.getHeader(SESSION_HEADER))
                .containsOnly(requests.get(0).getHeader(SESSION_HEADER));
        // the logs of the endpoint invoked; the fake has no log group for it
        assertThat(logRequestsOf(runtime.logGroup("blue"))).hasSize(1);
        assertThat(report(completed.jobId()).getString("runtimeLogs"))
                .isEqualTo(missingLogGroup(runtime.logGroup("blue")));
        // the pinned endpoint serves this job's version
        assertThat(endpointDescribesOf(runtime, "blue")).hasSize(1);
        assertThat(report(completed.jobId()).getString("checks[0].detail")).isEqualTo("runtime " + runtime.id()
                + " version 1 is READY; endpoint blue is READY serving version 1");
    }

    @Test
    void aPinnedEndpointServingAnotherVersionFailsHealthSayingSoAndIsNotInvoked() {
        Runtime runtime = Runtime.unique("weather_moved");
        stubReady(runtime);
        stubAnswering(runtime);
        // job N+1 of the same agent has moved the endpoint to its version 2 before job N's test
        AgentCoreResource.server().stubFor(AgentCoreFake.getAgentRuntimeEndpoint(runtime.id(), "live")
                .willReturn(AgentCoreFake.endpoint(runtime.id(), "live", "READY", "2", null)));

        UUID jobId = UUID.randomUUID();
        TestCompleted completed = events.test(TesterEvents.agentCore(jobId,
                List.of(new TestCase("weather", "Weather?", null)), runtime.id(), runtime.arn(), "live", REGION));

        assertThat(completed.passed()).isFalse();
        assertThat(completed.checksFailed()).isEqualTo(1);
        String detail = "runtime " + runtime.id() + " version 1 is READY; endpoint live is READY serving version 2,"
                + " not this job's version 1: another deployment moved the endpoint on";
        assertThat(completed.summary()).startsWith("1 of 1 checks failed: health: not healthy after ").endsWith(detail);
        assertThat(report(jobId).getString("checks[0].detail")).endsWith(detail);
        assertThat(describesOf(runtime)).extracting(describe -> describe.queryParameter("version").firstValue())
                .containsOnly("1");
        assertThat(invocationsOf(runtime)).isEmpty();
    }

    @Test
    void anEventWithoutRuntimeVersionAsksForTheLatestVersion() {
        Runtime runtime = Runtime.unique("weather_latest");
        stubReady(runtime);
        stubAnswering(runtime);

        TestCompleted completed = events.test(withVersion(TesterEvents.agentCore(UUID.randomUUID(),
                List.of(new TestCase("weather", "Weather?", "sunny")), runtime.id(), runtime.arn(), "DEFAULT", REGION),
                null));

        assertThat(completed.passed()).as(completed.summary()).isTrue();
        assertThat(describesOf(runtime)).isNotEmpty()
                .allSatisfy(describe -> assertThat(describe.queryParameter("version").isPresent()).isFalse());
    }

    @Test
    void aRegionOrArnNotOfTheSchemasFormFailsTheStepBeforeAnyCall() {
        // a crafted region would become part of the SDK's endpoint host name
        UUID jobId = UUID.randomUUID();
        String runtimeId = "weather_crafted-" + UUID.randomUUID().toString().substring(0, 8);
        events.publish(TesterEvents.agentCore(jobId, List.of(new TestCase("weather", "Weather?", null)), runtimeId,
                "arn:aws:iam::123456789012:role/" + runtimeId, "DEFAULT", "attacker.example.com/us-east-1"));

        StepFailed failed = events.stepFailed(jobId);
        assertThat(failed.errorCode()).isEqualTo("RUNTIME_EVENT_INVALID");
        assertThat(failed.retryable()).isFalse();
        assertThat(failed.attempt()).isEqualTo(1);
        // both fields named, with what they were and the pattern they must match
        assertThat(failed.message()).contains("region 'attacker.example.com/us-east-1'",
                RuntimeCreatedRules.REGION.pattern(), "runtimeArn 'arn:aws:iam::123456789012:role/" + runtimeId + "'",
                RuntimeCreatedRules.RUNTIME_ARN.pattern());
        assertThat(anyRequestAbout(runtimeId)).isEmpty();
    }

    @Test
    void theReportHasWhatTheRuntimeLoggedToCloudWatchInTheTestWindowReadPageByPage() {
        Runtime runtime = Runtime.unique("weather_logs");
        stubReady(runtime);
        stubAnswering(runtime);
        // the event names no qualifier: the DEFAULT endpoint's group
        String logGroup = runtime.logGroup("DEFAULT");
        Instant t = Instant.parse("2025-06-01T10:00:00Z");
        AgentCoreResource.server().stubFor(AgentCoreFake.filterLogEvents().atPriority(2)
                .withRequestBody(matchingJsonPath("$.logGroupName", equalTo(logGroup)))
                .willReturn(logEvents("page-2", new LogEvent(t, "Starting weather agent\n"),
                        new LogEvent(t.plusMillis(1250), "INFO POST /invocations \"Weather?\""))));
        AgentCoreResource.server().stubFor(AgentCoreFake.filterLogEvents().atPriority(1)
                .withRequestBody(matchingJsonPath("$.logGroupName", equalTo(logGroup)))
                .withRequestBody(matchingJsonPath("$.nextToken", equalTo("page-2")))
                .willReturn(logEvents(null, new LogEvent(t.plusMillis(2500), "INFO answered in 1.2 s"))));

        UUID jobId = UUID.randomUUID();
        TestCompleted completed = events.test(TesterEvents.agentCore(jobId, List.of(
                new TestCase("first", "Weather?", "sunny"), new TestCase("second", "Tomorrow?", "sunny")),
                runtime.id(), runtime.arn(), null, REGION));

        assertThat(completed.passed()).as(completed.summary()).isTrue();
        JsonPath report = report(jobId);
        assertThat(report.getString("runtimeLogs")).isEqualTo("""
                2025-06-01T10:00:00.000Z Starting weather agent
                2025-06-01T10:00:01.250Z INFO POST /invocations "Weather?"
                2025-06-01T10:00:02.500Z INFO answered in 1.2 s""");
        assertThat(report.getString("runtimeLogsNote")).isNull();

        List<LoggedRequest> pages = logRequestsOf(logGroup);
        assertThat(pages).hasSize(2);
        List<LoggedRequest> invocations = invocationsOf(runtime);
        assertThat(invocations).hasSize(2);
        long firstInvocation = invocations.stream().mapToLong(request -> request.getLoggedDate().getTime()).min()
                .orElseThrow();
        long lastInvocation = invocations.stream().mapToLong(request -> request.getLoggedDate().getTime()).max()
                .orElseThrow();
        JsonPath first = JsonPath.from(pages.get(0).getBodyAsString());
        JsonPath second = JsonPath.from(pages.get(1).getBodyAsString());
        assertThat(first.getLong("startTime")).isPositive().isLessThanOrEqualTo(firstInvocation);
        assertThat(first.getLong("endTime")).isGreaterThanOrEqualTo(lastInvocation);
        assertThat(first.getString("nextToken")).isNull();
        assertThat(second.getString("nextToken")).isEqualTo("page-2");
        assertThat(second.getLong("startTime")).isEqualTo(first.getLong("startTime"));
        assertThat(second.getLong("endTime")).isEqualTo(first.getLong("endTime"));
        assertThat(pages.get(0).getHeader("Content-Type")).startsWith("application/x-amz-json-1.1");
        assertThat(pages.get(0).getHeader("Authorization")).startsWith("AWS4-HMAC-SHA256")
                .contains("/" + REGION + "/logs/aws4_request");
    }

    @Test
    void aRuntimeWithoutLogGroupYetPassesAndItsReportSaysSo() {
        Runtime runtime = Runtime.unique("weather_nologs");
        stubReady(runtime);
        stubAnswering(runtime);
        String logGroup = runtime.logGroup("DEFAULT");
        AgentCoreResource.server().stubFor(AgentCoreFake.filterLogEvents()
                .withRequestBody(matchingJsonPath("$.logGroupName", equalTo(logGroup)))
                .willReturn(AgentCoreFake.logsError("ResourceNotFoundException",
                        "The specified log group does not exist.")));

        UUID jobId = UUID.randomUUID();
        TestCompleted completed = events.test(TesterEvents.agentCore(jobId,
                List.of(new TestCase("weather", "Weather?", "sunny")), runtime.id(), runtime.arn(), "DEFAULT", REGION));

        assertThat(completed.passed()).as(completed.summary()).isTrue();
        assertThat(logRequestsOf(logGroup)).hasSize(1);
        given().get("/api/test-runs/{jobId}", jobId).then().statusCode(200)
                .body("passed", is(true))
                .body("runtimeLogs", is(missingLogGroup(logGroup)))
                .body("runtimeLogsNote", nullValue());
    }

    @Test
    void onlyTheReadersOfTheRuntimesTargetAreAskedForItsLogs() {
        Runtime runtime = Runtime.unique("weather_readers");
        stubReady(runtime);
        stubAnswering(runtime);
        String logGroup = runtime.logGroup("DEFAULT");
        AgentCoreResource.server().stubFor(AgentCoreFake.filterLogEvents()
                .withRequestBody(matchingJsonPath("$.logGroupName", equalTo(logGroup)))
                .willReturn(logEvents(null, new LogEvent(Instant.parse("2025-06-01T10:00:00Z"), "from CloudWatch"))));
        UUID jobId = UUID.randomUUID();
        // a LOCAL reader that would answer for this job if it were asked
        ScriptedRuntimeLogs.answer(jobId, "from a container");

        TestCompleted completed = events.test(TesterEvents.agentCore(jobId,
                List.of(new TestCase("weather", "Weather?", "sunny")), runtime.id(), runtime.arn(), "DEFAULT", REGION));

        assertThat(completed.passed()).as(completed.summary()).isTrue();
        assertThat(report(jobId).getString("runtimeLogs")).isEqualTo("2025-06-01T10:00:00.000Z from CloudWatch");
        assertThat(ScriptedRuntimeLogs.windowOf(jobId)).as("the LOCAL reader was not asked").isNull();
    }

    @Test
    void logsTheTesterMayNotReadAreReportedAsDeniedAndTheRunStillPasses() {
        Runtime runtime = Runtime.unique("weather_denied");
        stubReady(runtime);
        stubAnswering(runtime);
        String logGroup = runtime.logGroup("DEFAULT");
        AgentCoreResource.server().stubFor(AgentCoreFake.filterLogEvents()
                .withRequestBody(matchingJsonPath("$.logGroupName", equalTo(logGroup)))
                .willReturn(AgentCoreFake.logsError("AccessDeniedException", "User: arn:aws:sts::123456789012:"
                        + "assumed-role/tester/i-0abc is not authorized to perform: logs:FilterLogEvents")));

        UUID jobId = UUID.randomUUID();
        TestCompleted completed = events.test(TesterEvents.agentCore(jobId,
                List.of(new TestCase("weather", "Weather?", "sunny")), runtime.id(), runtime.arn(), "DEFAULT", REGION));

        assertThat(completed.passed()).as(completed.summary()).isTrue();
        assertThat(report(jobId).getString("runtimeLogs")).startsWith("runtime logs: access denied")
                .contains(logGroup, REGION, "AccessDeniedException", "logs:FilterLogEvents");
    }

    @Test
    void readingStopsAtThePageCapAndSaysTheLaterEventsWereNotRead() {
        Runtime runtime = Runtime.unique("weather_chatty");
        stubReady(runtime);
        stubAnswering(runtime);
        String logGroup = runtime.logGroup("DEFAULT");
        // a group that always has one more page
        AgentCoreResource.server().stubFor(AgentCoreFake.filterLogEvents()
                .withRequestBody(matchingJsonPath("$.logGroupName", equalTo(logGroup)))
                .willReturn(logEvents("more", new LogEvent(Instant.parse("2025-06-01T10:00:00Z"), "busy"))));

        UUID jobId = UUID.randomUUID();
        TestCompleted completed = events.test(TesterEvents.agentCore(jobId,
                List.of(new TestCase("weather", "Weather?", "sunny")), runtime.id(), runtime.arn(), "DEFAULT", REGION));

        assertThat(completed.passed()).as(completed.summary()).isTrue();
        assertThat(logRequestsOf(logGroup)).hasSize(20);
        String logs = report(jobId).getString("runtimeLogs");
        assertThat(logs.lines()).hasSize(21).first().isEqualTo("2025-06-01T10:00:00.000Z busy");
        assertThat(logs).endsWith("\nruntime logs: stopped after 20 pages of " + logGroup
                + "; the later events of the test window were not read");
    }

    @Test
    void anErrorFrameFailsTheCaseWithTheError() {
        Runtime runtime = Runtime.unique("weather_error");
        stubReady(runtime);
        AgentCoreResource.server().stubFor(post(urlPathEqualTo(runtime.invocationsPath()))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream")
                        .withBody("data: {\"data\": \"Let me\"}\n\ndata: {\"error\": \"Model access denied\"}\n\n")));

        TestCompleted completed = events.test(TesterEvents.agentCore(UUID.randomUUID(),
                List.of(new TestCase("weather", "Weather?", null)), runtime.id(), runtime.arn(), "DEFAULT", REGION));

        assertThat(completed.passed()).isFalse();
        assertThat(completed.summary()).isEqualTo("1 of 2 checks failed: case 'weather': the agent reported an error:"
                + " \"Model access denied\"");
    }

    @Test
    void throttlingIsRetriedByTheSdkAndTheCasePasses() {
        Runtime runtime = Runtime.unique("weather_throttled");
        stubReady(runtime);
        AgentCoreResource.server().stubFor(post(urlPathEqualTo(runtime.invocationsPath())).inScenario(runtime.id())
                .whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withHeader("x-amzn-ErrorType", "ThrottlingException")
                        .withBody("{\"message\": \"Rate exceeded\"}"))
                .willSetStateTo("throttled once"));
        AgentCoreResource.server().stubFor(post(urlPathEqualTo(runtime.invocationsPath())).inScenario(runtime.id())
                .whenScenarioStateIs("throttled once")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"result\": \"Sunny.\"}")));

        TestCompleted completed = events.test(TesterEvents.agentCore(UUID.randomUUID(),
                List.of(new TestCase("weather", "Weather?", "sunny")), runtime.id(), runtime.arn(), "DEFAULT", REGION));

        assertThat(completed.passed()).as(completed.summary()).isTrue();
        List<LoggedRequest> requests = invocationsOf(runtime);
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).getHeader(SESSION_HEADER)).isEqualTo(requests.get(0).getHeader(SESSION_HEADER));
    }

    @Test
    void aRuntimeThatFailedToBeCreatedFailsHealthWithTheReasonAndIsNotInvoked() {
        Runtime runtime = Runtime.unique("weather_failed");
        AgentCoreResource.server().stubFor(AgentCoreFake.getAgentRuntime(runtime.id())
                .willReturn(described(runtime, "CREATE_FAILED", "Access denied while validating ECR URI")));

        TestCompleted completed = events.test(TesterEvents.agentCore(UUID.randomUUID(),
                List.of(new TestCase("weather", "Weather?", null)), runtime.id(), runtime.arn(), "DEFAULT", REGION));

        assertThat(completed.passed()).isFalse();
        assertThat(completed.checksFailed()).isEqualTo(1);
        assertThat(completed.summary()).startsWith("1 of 1 checks failed: health: not healthy after ")
                .endsWith("runtime " + runtime.id() + " version 1 is CREATE_FAILED: "
                        + "Access denied while validating ECR URI");
        assertThat(invocationsOf(runtime)).isEmpty();
    }

    @Test
    void anAgentCoreRuntimeWithoutArnOrRegionFailsTheStepSayingWhatIsMissing() {
        UUID jobId = UUID.randomUUID();
        events.publish(TesterEvents.agentCore(jobId, List.of(new TestCase("weather", "Weather?", null)),
                "weather_agent-abc", null, "DEFAULT", null));

        StepFailed failed = events.stepFailed(jobId);
        assertThat(failed.errorCode()).isEqualTo("RUNTIME_EVENT_INCOMPLETE");
        assertThat(failed.message()).contains("AGENTCORE", "lacks runtimeArn, region");
        assertThat(failed.retryable()).isFalse();
    }
}
