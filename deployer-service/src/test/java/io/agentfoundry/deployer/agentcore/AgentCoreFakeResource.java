package io.agentfoundry.deployer.agentcore;

import io.agentfoundry.testinfra.agentcore.AgentCoreFake;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * Bedrock AgentCore, offline: starts the {@link AgentCoreFake} and points the deployer's AGENTCORE target at it, as
 * the default target, with short poll intervals. Init args: {@code endpoint-name} (pin an endpoint),
 * {@code ready-timeout} (default 60s).
 */
public class AgentCoreFakeResource implements QuarkusTestResourceLifecycleManager {

    private static AgentCoreFake fake;

    private String endpointName;
    private String readyTimeout = "60s";

    public static AgentCoreFake fake() {
        return fake;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        endpointName = initArgs.get("endpoint-name");
        readyTimeout = initArgs.getOrDefault("ready-timeout", readyTimeout);
    }

    @Override
    public Map<String, String> start() {
        WireMockServer server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        fake = new AgentCoreFake(server).refuseUnexpectedRequests();
        // the SDK signs with whatever its default chain finds; system properties come first in that chain
        System.setProperty("aws.accessKeyId", AgentCoreFake.ACCESS_KEY_ID);
        System.setProperty("aws.secretAccessKey", "agentcore-fake-secret");
        Map<String, String> config = new HashMap<>(Map.of(
                "agentfoundry.deployer.default-target", "AGENTCORE",
                "agentfoundry.deployer.agentcore.endpoint-override", server.baseUrl(),
                "agentfoundry.deployer.agentcore.region", AgentCoreFake.REGION,
                "agentfoundry.deployer.agentcore.role-arn", AgentCoreFake.ROLE_ARN,
                "agentfoundry.deployer.agentcore.environment.LOG_LEVEL", "INFO",
                "agentfoundry.deployer.agentcore.poll-initial-interval", "50ms",
                "agentfoundry.deployer.agentcore.poll-max-interval", "200ms",
                "agentfoundry.deployer.agentcore.ready-timeout", readyTimeout));
        if (endpointName != null) {
            config.put("agentfoundry.deployer.agentcore.endpoint-name", endpointName);
        }
        return config;
    }

    @Override
    public void stop() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        if (fake != null) {
            fake.server().stop();
        }
    }
}
