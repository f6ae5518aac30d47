package io.agentfoundry.tester.testsupport;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.agentfoundry.testinfra.agentcore.AgentCoreFake;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * Amazon Bedrock AgentCore and CloudWatch Logs, offline: the {@link AgentCoreFake} the tester's AgentCore clients and
 * CloudWatch Logs client are pointed at. Each test stubs the runtimes it needs (with the fake's request and answer
 * builders); a runtime's log group is missing unless a test stubs it, as in an account where the runtime never
 * logged. Every tester test class uses this resource too, so that they all share one application.
 */
public class AgentCoreResource implements QuarkusTestResourceLifecycleManager {

    /** Below every stub a test adds (WireMock's default priority is 5). */
    private static final int FALLBACK = 10;

    private static WireMockServer server;

    public static WireMockServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(AgentCoreFake.filterLogEvents().atPriority(FALLBACK)
                .willReturn(AgentCoreFake.logsError("ResourceNotFoundException", "The specified log group does not exist.")));
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
