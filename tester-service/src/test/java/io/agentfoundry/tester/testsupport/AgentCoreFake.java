package io.agentfoundry.tester.testsupport;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * Amazon Bedrock AgentCore, offline: a WireMock server both AgentCore clients are pointed at. Each test stubs the
 * runtimes it needs. Every tester test class uses this resource too, so that they all share one application.
 */
public class AgentCoreFake implements QuarkusTestResourceLifecycleManager {

    private static WireMockServer server;

    public static WireMockServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        server.start();
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
