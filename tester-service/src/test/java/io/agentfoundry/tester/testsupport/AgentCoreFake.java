package io.agentfoundry.tester.testsupport;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * Amazon Bedrock AgentCore and CloudWatch Logs, offline: a WireMock server the AgentCore clients and the CloudWatch Logs
 * client are pointed at. Each test stubs the runtimes it needs (GetAgentRuntime, GetAgentRuntimeEndpoint and
 * FilterLogEvents have request builders here); a runtime's log group is missing unless a test stubs it, as in an
 * account where the runtime never logged. Every tester test class uses this resource too, so that they all share one
 * application.
 */
public class AgentCoreFake implements QuarkusTestResourceLifecycleManager {

    /** CloudWatch Logs speaks JSON 1.1: every operation is a POST to / naming itself in this header. */
    public static final String TARGET_HEADER = "X-Amz-Target";
    public static final String FILTER_LOG_EVENTS = "Logs_20140328.FilterLogEvents";
    /** Below every stub a test adds (WireMock's default priority is 5). */
    private static final int FALLBACK = 10;

    private static WireMockServer server;

    /** FilterLogEvents requests, to be narrowed (a log group, a token) by the caller. */
    public static MappingBuilder filterLogEvents() {
        return post(urlEqualTo("/")).withHeader(TARGET_HEADER, equalTo(FILTER_LOG_EVENTS));
    }

    /** A CloudWatch Logs error as the service sends it: HTTP 400, the error code in {@code __type}. */
    public static ResponseDefinitionBuilder logsError(String code, String message) {
        return aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"__type\": \"" + code + "\", \"message\": \"" + message + "\"}");
    }

    /**
     * GetAgentRuntime of one runtime, any version: {@code GET /runtimes/{id}/}, the version asked for in the query
     * parameter {@code version} (none for the latest).
     */
    public static MappingBuilder getAgentRuntime(String runtimeId) {
        return get(urlPathEqualTo("/runtimes/" + runtimeId + "/"));
    }

    /** GetAgentRuntimeEndpoint: {@code GET /runtimes/{id}/runtime-endpoints/{endpointName}/}. */
    public static MappingBuilder getAgentRuntimeEndpoint(String runtimeId, String endpointName) {
        return get(urlPathEqualTo("/runtimes/" + runtimeId + "/runtime-endpoints/" + endpointName + "/"));
    }

    /** A GetAgentRuntimeEndpoint answer: the endpoint's status and the version it serves. */
    public static ResponseDefinitionBuilder endpointDescribed(String runtimeId, String endpointName, String status,
                                                              String liveVersion) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                {"id": "%2$s-id", "name": "%2$s", "status": "%3$s", "liveVersion": "%4$s",
                 "agentRuntimeArn": "arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/%1$s",
                 "agentRuntimeEndpointArn":
                    "arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/%1$s/runtime-endpoint/%2$s",
                 "createdAt": "2025-06-01T10:00:00Z", "lastUpdatedAt": "2025-06-01T10:00:00Z"}"""
                .formatted(runtimeId, endpointName, status, liveVersion));
    }

    public static WireMockServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(filterLogEvents().atPriority(FALLBACK)
                .willReturn(logsError("ResourceNotFoundException", "The specified log group does not exist.")));
        // the SDK signs with whatever its default chain finds; system properties come first in that chain
        System.setProperty("aws.accessKeyId", "AKIDFAKEFORTESTS");
        System.setProperty("aws.secretAccessKey", "fake-secret-for-tests");
        return Map.of("agentfoundry.tester.agentcore.endpoint-override", server.baseUrl());
    }

    @Override
    public void stop() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        server.stop();
    }
}
