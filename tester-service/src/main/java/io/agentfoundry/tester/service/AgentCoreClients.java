package io.agentfoundry.tester.service;

import io.agentfoundry.tester.config.TesterConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockagentcore.BedrockAgentCoreClient;
import software.amazon.awssdk.services.bedrockagentcore.BedrockAgentCoreClientBuilder;
import software.amazon.awssdk.services.bedrockagentcorecontrol.BedrockAgentCoreControlClient;
import software.amazon.awssdk.services.bedrockagentcorecontrol.BedrockAgentCoreControlClientBuilder;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The AgentCore SDK clients, one pair per region (a runtime's region comes with its event). Credentials come from the
 * SDK's default chain (system properties, environment, profile, container or instance role), also with an endpoint
 * override: an override may be a VPC endpoint that needs real credentials.
 */
@ApplicationScoped
class AgentCoreClients {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final TesterConfig config;
    private final Map<String, BedrockAgentCoreControlClient> controls = new ConcurrentHashMap<>();
    private final Map<String, BedrockAgentCoreClient> dataPlanes = new ConcurrentHashMap<>();

    AgentCoreClients(TesterConfig config) {
        this.config = config;
    }

    /** GetAgentRuntime and the other control-plane calls. */
    BedrockAgentCoreControlClient control(String region) {
        return controls.computeIfAbsent(region, name -> {
            BedrockAgentCoreControlClientBuilder builder = BedrockAgentCoreControlClient.builder()
                    .region(Region.of(name))
                    .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(CONNECT_TIMEOUT));
            config.agentcore().endpointOverride().ifPresent(builder::endpointOverride);
            return builder.build();
        });
    }

    /** InvokeAgentRuntime. Reads may pause while the agent thinks: as long as an invocation may take. */
    BedrockAgentCoreClient dataPlane(String region) {
        return dataPlanes.computeIfAbsent(region, name -> {
            BedrockAgentCoreClientBuilder builder = BedrockAgentCoreClient.builder()
                    .region(Region.of(name))
                    .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(CONNECT_TIMEOUT)
                            .socketTimeout(config.invocationTimeout()));
            config.agentcore().endpointOverride().ifPresent(builder::endpointOverride);
            return builder.build();
        });
    }

    @PreDestroy
    void close() {
        controls.values().forEach(BedrockAgentCoreControlClient::close);
        dataPlanes.values().forEach(BedrockAgentCoreClient::close);
    }
}
