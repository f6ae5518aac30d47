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
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClientBuilder;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SDK clients for AgentCore runtimes, one set per region (a runtime's region comes with its event): the AgentCore
 * control and data planes, and CloudWatch Logs for the runtimes' logs. Credentials come from the SDK's default chain
 * (system properties, environment, profile, container or instance role), also with an endpoint override: an override
 * may be a proxy that needs real credentials. The one override serves the three APIs: their requests do not collide
 * (GET /runtimes/{id}/, POST /runtimes/{arn}/invocations, and CloudWatch Logs' JSON 1.1 POST / with X-Amz-Target).
 */
@ApplicationScoped
class AgentCoreClients {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration LOGS_READ_TIMEOUT = Duration.ofSeconds(10);

    private final TesterConfig config;
    private final Map<String, BedrockAgentCoreControlClient> controls = new ConcurrentHashMap<>();
    private final Map<String, BedrockAgentCoreClient> dataPlanes = new ConcurrentHashMap<>();
    private final Map<String, CloudWatchLogsClient> logs = new ConcurrentHashMap<>();

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

    /** FilterLogEvents on the runtimes' log groups. A page comes at once: no long reads to wait for. */
    CloudWatchLogsClient logs(String region) {
        return logs.computeIfAbsent(region, name -> {
            CloudWatchLogsClientBuilder builder = CloudWatchLogsClient.builder()
                    .region(Region.of(name))
                    .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(CONNECT_TIMEOUT)
                            .socketTimeout(LOGS_READ_TIMEOUT));
            config.agentcore().endpointOverride().ifPresent(builder::endpointOverride);
            return builder.build();
        });
    }

    @PreDestroy
    void close() {
        controls.values().forEach(BedrockAgentCoreControlClient::close);
        dataPlanes.values().forEach(BedrockAgentCoreClient::close);
        logs.values().forEach(CloudWatchLogsClient::close);
    }
}
