package io.agentfoundry.testinfra.agentcore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * A WireMock fake of the Bedrock AgentCore control plane (REST-JSON protocol, SigV4 service {@code bedrock-agentcore})
 * and of CloudWatch Logs' FilterLogEvents (JSON 1.1), where AgentCore runtimes log, with the wire shapes of the AWS
 * SDK's model (2.40.2 marshallers; response codes as in the service model). The deployer's and the tester's tests
 * point their clients at it (one endpoint override serves the APIs: their requests do not collide).
 * <ul>
 *   <li>CreateAgentRuntime: {@code PUT /runtimes/} → 201</li>
 *   <li>UpdateAgentRuntime: {@code PUT /runtimes/{agentRuntimeId}/} → 201</li>
 *   <li>GetAgentRuntime: {@code GET /runtimes/{agentRuntimeId}/?version=N} → 200</li>
 *   <li>ListAgentRuntimes: {@code POST /runtimes/?maxResults=&nextToken=} → 200</li>
 *   <li>DeleteAgentRuntime: {@code DELETE /runtimes/{agentRuntimeId}/?clientToken=} → 200</li>
 *   <li>CreateAgentRuntimeEndpoint: {@code PUT /runtimes/{agentRuntimeId}/runtime-endpoints/} → 200</li>
 *   <li>UpdateAgentRuntimeEndpoint: {@code PUT /runtimes/{agentRuntimeId}/runtime-endpoints/{endpointName}/} → 200</li>
 *   <li>GetAgentRuntimeEndpoint: {@code GET /runtimes/{agentRuntimeId}/runtime-endpoints/{endpointName}/} → 200</li>
 *   <li>errors: the status of the error shape (ValidationException 400, AccessDeniedException 403,
 *       ResourceNotFoundException 404, ConflictException 409, ThrottlingException 429, InternalServerException 500)
 *       with its name in {@code X-Amzn-ErrorType} and {@code {"message": ...}} as the body</li>
 * </ul>
 * Each test stubs the answers for its own agent; with {@link #refuseUnexpectedRequests()}, anything else answers a
 * ValidationException naming the request.
 */
public final class AgentCoreFake {

    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "123456789012";
    public static final String ECR_REGISTRY = ACCOUNT + ".dkr.ecr." + REGION + ".amazonaws.com";
    public static final String ROLE_ARN = "arn:aws:iam::" + ACCOUNT + ":role/AgentFoundryRuntimeRole";
    public static final String ACCESS_KEY_ID = "AKIDAGENTCOREFAKE";

    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final WireMockServer server;

    /** CloudWatch Logs speaks JSON 1.1: every operation is a POST to / naming itself in this header. */
    public static final String TARGET_HEADER = "X-Amz-Target";
    public static final String FILTER_LOG_EVENTS = "Logs_20140328.FilterLogEvents";

    public AgentCoreFake(WireMockServer server) {
        this.server = server;
    }

    /** A request no test expected gets an answer that says so (at the lowest priority, below every stub). */
    public AgentCoreFake refuseUnexpectedRequests() {
        server.stubFor(any(anyUrl()).atPriority(100)
                .willReturn(error(400, "ValidationException", "The AgentCore fake has no answer for this request")));
        return this;
    }

    public WireMockServer server() {
        return server;
    }

    /** An agent runtime id as AgentCore makes them: the name, a hyphen, 10 random characters. */
    public static String runtimeId(String name) {
        StringBuilder id = new StringBuilder(name).append('-');
        for (int i = 0; i < 10; i++) {
            id.append(ALPHANUMERIC.charAt(ThreadLocalRandom.current().nextInt(ALPHANUMERIC.length())));
        }
        return id.toString();
    }

    public static String arn(String runtimeId) {
        return "arn:aws:bedrock-agentcore:" + REGION + ":" + ACCOUNT + ":runtime/" + runtimeId;
    }

    public static String endpointArn(String runtimeId, String endpoint) {
        return arn(runtimeId) + "/runtime-endpoint/" + endpoint;
    }

    // ---- requests, for a test's own stubs ------------------------------------------------------------------------

    /** GetAgentRuntime of one runtime, any version: {@code GET /runtimes/{id}/} ({@code ?version=N}, none for the latest). */
    public static MappingBuilder getAgentRuntime(String runtimeId) {
        return get(urlPathEqualTo("/runtimes/" + runtimeId + "/"));
    }

    /** GetAgentRuntimeEndpoint: {@code GET /runtimes/{id}/runtime-endpoints/{endpointName}/}. */
    public static MappingBuilder getAgentRuntimeEndpoint(String runtimeId, String endpointName) {
        return get(urlPathEqualTo("/runtimes/" + runtimeId + "/runtime-endpoints/" + endpointName + "/"));
    }

    /** FilterLogEvents requests, to be narrowed (a log group, a token) by the caller. */
    public static MappingBuilder filterLogEvents() {
        return post(urlEqualTo("/")).withHeader(TARGET_HEADER, equalTo(FILTER_LOG_EVENTS));
    }

    // ---- stubs -------------------------------------------------------------------------------------------------

    /** CreateAgentRuntime for this name answers these, one per call; the last one for every further call. */
    public void createAnswers(String name, ResponseDefinitionBuilder... answers) {
        sequence("create-" + name, () -> put(urlEqualTo("/runtimes/"))
                .withRequestBody(matchingJsonPath("$.agentRuntimeName", equalTo(name))), answers);
    }

    /** UpdateAgentRuntime of this runtime answers these. */
    public void updateAnswers(String runtimeId, ResponseDefinitionBuilder... answers) {
        sequence("update-" + runtimeId, () -> put(urlEqualTo("/runtimes/" + runtimeId + "/")), answers);
    }

    /** GetAgentRuntime of this version answers these, one per poll; the last one for every further poll. */
    public void getAnswers(String runtimeId, String version, ResponseDefinitionBuilder... answers) {
        sequence("get-" + runtimeId + "-v" + version, () -> get(urlPathEqualTo("/runtimes/" + runtimeId + "/"))
                .withQueryParam("version", equalTo(version)), answers);
    }

    /** ListAgentRuntimes answers these pages: the first without a nextToken, then {@code page-2}, {@code page-3}... */
    public void listPages(List<List<Map<String, Object>>> pages) {
        for (int page = 0; page < pages.size(); page++) {
            String nextToken = page + 1 < pages.size() ? "page-" + (page + 2) : null;
            MappingBuilder request = post(urlPathEqualTo("/runtimes/")).withQueryParam("nextToken",
                    page == 0 ? absent() : equalTo("page-" + (page + 1)));
            server.stubFor(request.willReturn(json(200, Json.object(
                    "agentRuntimes", pages.get(page), "nextToken", nextToken))));
        }
    }

    public void deleteAnswers(String runtimeId, ResponseDefinitionBuilder... answers) {
        sequence("delete-" + runtimeId, () -> delete(urlPathEqualTo("/runtimes/" + runtimeId + "/")), answers);
    }

    public void createEndpointAnswers(String runtimeId, ResponseDefinitionBuilder... answers) {
        sequence("create-endpoint-" + runtimeId,
                () -> put(urlEqualTo("/runtimes/" + runtimeId + "/runtime-endpoints/")), answers);
    }

    public void updateEndpointAnswers(String runtimeId, String endpoint, ResponseDefinitionBuilder... answers) {
        sequence("update-endpoint-" + runtimeId + "-" + endpoint,
                () -> put(urlEqualTo("/runtimes/" + runtimeId + "/runtime-endpoints/" + endpoint + "/")), answers);
    }

    public void getEndpointAnswers(String runtimeId, String endpoint, ResponseDefinitionBuilder... answers) {
        sequence("get-endpoint-" + runtimeId + "-" + endpoint,
                () -> get(urlEqualTo("/runtimes/" + runtimeId + "/runtime-endpoints/" + endpoint + "/")), answers);
    }

    /** A WireMock scenario: the i-th matching request gets the i-th answer, later ones the last answer. */
    private void sequence(String scenario, Supplier<MappingBuilder> request, ResponseDefinitionBuilder... answers) {
        String name = scenario + "-" + UUID.randomUUID();
        for (int i = 0; i < answers.length; i++) {
            ScenarioMappingBuilder step = request.get().atPriority(1).inScenario(name)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "answer-" + i);
            if (i + 1 < answers.length) {
                step = step.willSetStateTo("answer-" + (i + 1));
            }
            server.stubFor(step.willReturn(answers[i]));
        }
    }

    // ---- answers (response shapes of the API model) -------------------------------------------------------------

    /** CreateAgentRuntimeResponse. */
    public static ResponseDefinitionBuilder created(String runtimeId, String version) {
        return json(201, Json.object(
                "agentRuntimeArn", arn(runtimeId),
                "workloadIdentityDetails", Map.of("workloadIdentityArn", workloadIdentityArn(runtimeId)),
                "agentRuntimeId", runtimeId,
                "agentRuntimeVersion", version,
                "createdAt", now(),
                "status", "CREATING"));
    }

    /** UpdateAgentRuntimeResponse. */
    public static ResponseDefinitionBuilder updated(String runtimeId, String version) {
        return json(201, Json.object(
                "agentRuntimeArn", arn(runtimeId),
                "agentRuntimeId", runtimeId,
                "workloadIdentityDetails", Map.of("workloadIdentityArn", workloadIdentityArn(runtimeId)),
                "agentRuntimeVersion", version,
                "createdAt", now(3600),
                "lastUpdatedAt", now(),
                "status", "UPDATING"));
    }

    /** GetAgentRuntimeResponse. */
    public static ResponseDefinitionBuilder runtime(String name, String runtimeId, String version, String status,
                                                    String failureReason) {
        return json(200, Json.object(
                "agentRuntimeArn", arn(runtimeId),
                "agentRuntimeName", name,
                "agentRuntimeId", runtimeId,
                "agentRuntimeVersion", version,
                "createdAt", now(60),
                "lastUpdatedAt", now(),
                "roleArn", ROLE_ARN,
                "networkConfiguration", Map.of("networkMode", "PUBLIC"),
                "status", status,
                "failureReason", failureReason,
                "description", "Agent Foundry",
                "workloadIdentityDetails", Map.of("workloadIdentityArn", workloadIdentityArn(runtimeId)),
                "agentRuntimeArtifact", Map.of("containerConfiguration",
                        Map.of("containerUri", ECR_REGISTRY + "/agentfoundry/" + name.toLowerCase() + "@sha256:0")),
                "protocolConfiguration", Map.of("serverProtocol", "HTTP")));
    }

    public static ResponseDefinitionBuilder runtime(String name, String runtimeId, String version, String status) {
        return runtime(name, runtimeId, version, status, null);
    }

    /** An entry of ListAgentRuntimesResponse.agentRuntimes. */
    public static Map<String, Object> summary(String name, String runtimeId, String version) {
        return Json.object(
                "agentRuntimeArn", arn(runtimeId),
                "agentRuntimeId", runtimeId,
                "agentRuntimeVersion", version,
                "agentRuntimeName", name,
                "description", "made elsewhere",
                "lastUpdatedAt", now(),
                "status", "READY");
    }

    /** DeleteAgentRuntimeResponse. */
    public static ResponseDefinitionBuilder deleting(String runtimeId) {
        return json(200, Json.object("status", "DELETING", "agentRuntimeId", runtimeId));
    }

    /** CreateAgentRuntimeEndpointResponse. */
    public static ResponseDefinitionBuilder endpointCreated(String runtimeId, String endpoint, String version) {
        return json(200, Json.object(
                "targetVersion", version,
                "agentRuntimeEndpointArn", endpointArn(runtimeId, endpoint),
                "agentRuntimeArn", arn(runtimeId),
                "agentRuntimeId", runtimeId,
                "endpointName", endpoint,
                "status", "CREATING",
                "createdAt", now()));
    }

    /** UpdateAgentRuntimeEndpointResponse. */
    public static ResponseDefinitionBuilder endpointUpdated(String runtimeId, String endpoint, String liveVersion,
                                                            String targetVersion) {
        return json(200, Json.object(
                "liveVersion", liveVersion,
                "targetVersion", targetVersion,
                "agentRuntimeEndpointArn", endpointArn(runtimeId, endpoint),
                "agentRuntimeArn", arn(runtimeId),
                "status", "UPDATING",
                "createdAt", now(3600),
                "lastUpdatedAt", now()));
    }

    /** GetAgentRuntimeEndpointResponse. */
    public static ResponseDefinitionBuilder endpoint(String runtimeId, String endpoint, String status,
                                                     String liveVersion, String targetVersion) {
        return endpoint(runtimeId, endpoint, status, liveVersion, targetVersion, null);
    }

    public static ResponseDefinitionBuilder endpoint(String runtimeId, String endpoint, String status,
                                                     String liveVersion, String targetVersion, String failureReason) {
        return json(200, Json.object(
                "liveVersion", liveVersion,
                "targetVersion", targetVersion,
                "agentRuntimeEndpointArn", endpointArn(runtimeId, endpoint),
                "agentRuntimeArn", arn(runtimeId),
                "description", "Agent Foundry",
                "status", status,
                "createdAt", now(60),
                "lastUpdatedAt", now(),
                "failureReason", failureReason,
                "name", endpoint,
                "id", endpoint + "-" + runtimeId.hashCode()));
    }

    /** An error of the API: its type in X-Amzn-ErrorType, the HTTP status of its shape, a message. */
    public static ResponseDefinitionBuilder error(int status, String type, String message) {
        return aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("X-Amzn-ErrorType", type)
                .withHeader("x-amzn-RequestId", UUID.randomUUID().toString())
                .withBody(Json.write(Map.of("message", message)));
    }

    /** A CloudWatch Logs error as the service sends it: HTTP 400, the error code in {@code __type}. */
    public static ResponseDefinitionBuilder logsError(String code, String message) {
        return aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody(Json.write(Map.of("__type", code, "message", message)));
    }

    public static ResponseDefinitionBuilder throttled() {
        return error(429, "ThrottlingException", "Rate exceeded");
    }

    public static ResponseDefinitionBuilder internalError() {
        return error(500, "InternalServerException", "Internal server error");
    }

    public static ResponseDefinitionBuilder notFound(String what) {
        return error(404, "ResourceNotFoundException", what + " not found");
    }

    private static ResponseDefinitionBuilder json(int status, Map<String, Object> body) {
        return aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-RequestId", UUID.randomUUID().toString())
                .withBody(Json.write(body));
    }

    private static String workloadIdentityArn(String runtimeId) {
        return "arn:aws:bedrock-agentcore:" + REGION + ":" + ACCOUNT
                + ":workload-identity-directory/default/workload-identity/" + runtimeId;
    }

    /** The model's timestamps are ISO-8601 strings ({@code timestampFormat: iso8601}), not epoch seconds. */
    private static String now() {
        return now(0);
    }

    private static String now(long secondsAgo) {
        return Instant.now().minusSeconds(secondsAgo).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    // ---- recorded requests ----------------------------------------------------------------------------------------

    public List<LoggedRequest> creates(String name) {
        return server.findAll(putRequestedFor(urlEqualTo("/runtimes/"))
                .withRequestBody(matchingJsonPath("$.agentRuntimeName", equalTo(name))));
    }

    public List<LoggedRequest> updates(String runtimeId) {
        return server.findAll(putRequestedFor(urlEqualTo("/runtimes/" + runtimeId + "/")));
    }

    public List<LoggedRequest> gets(String runtimeId) {
        return server.findAll(getRequestedFor(urlPathEqualTo("/runtimes/" + runtimeId + "/")));
    }

    public List<LoggedRequest> lists() {
        return server.findAll(postRequestedFor(urlPathEqualTo("/runtimes/")));
    }

    public List<LoggedRequest> deletes(String runtimeId) {
        return server.findAll(deleteRequestedFor(urlPathEqualTo("/runtimes/" + runtimeId + "/")));
    }

    public List<LoggedRequest> endpointCreates(String runtimeId) {
        return server.findAll(putRequestedFor(urlEqualTo("/runtimes/" + runtimeId + "/runtime-endpoints/")));
    }

    public List<LoggedRequest> endpointUpdates(String runtimeId, String endpoint) {
        return server.findAll(putRequestedFor(
                urlEqualTo("/runtimes/" + runtimeId + "/runtime-endpoints/" + endpoint + "/")));
    }

    /** Every request whose URL or body mentions the text. */
    public List<LoggedRequest> mentioning(String text) {
        List<LoggedRequest> found = new ArrayList<>();
        for (LoggedRequest request : server.findAll(anyRequestedFor(anyUrl()))) {
            if (request.getUrl().contains(text) || request.getBodyAsString().contains(text)) {
                found.add(request);
            }
        }
        return found;
    }

    public static Map<String, Object> body(LoggedRequest request) {
        return Json.read(request.getBodyAsString());
    }

    public static String describe(List<LoggedRequest> requests) {
        return requests.stream().map(request -> request.getMethod() + " " + request.getUrl())
                .collect(Collectors.joining(", ", "[", "]"));
    }

    /** JSON bodies: objects are built from name/value pairs, leaving out null values as AWS does. */
    private static final class Json {

        private static final ObjectMapper MAPPER = new ObjectMapper();

        private Json() {
        }

        static Map<String, Object> object(Object... namesAndValues) {
            Map<String, Object> object = new LinkedHashMap<>();
            for (int i = 0; i < namesAndValues.length; i += 2) {
                if (namesAndValues[i + 1] != null) {
                    object.put((String) namesAndValues[i], namesAndValues[i + 1]);
                }
            }
            return object;
        }

        static String write(Object value) {
            try {
                return MAPPER.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        static Map<String, Object> read(String json) {
            try {
                return MAPPER.readValue(json, new TypeReference<>() {
                });
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Not JSON: " + json, e);
            }
        }
    }
}
