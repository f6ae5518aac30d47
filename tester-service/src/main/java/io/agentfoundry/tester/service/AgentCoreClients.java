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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SDK clients for AgentCore runtimes, one set per region (a runtime's region comes with its event): the AgentCore
 * control and data planes, and CloudWatch Logs for the runtimes' logs. Credentials come from the SDK's default chain
 * (system properties, environment, profile, container or instance role), also with an endpoint override: an override
 * may be a proxy that needs real credentials. The one override serves the three APIs: their requests do not collide
 * (GET /runtimes/{id}/, POST /runtimes/{arn}/invocations, and CloudWatch Logs' JSON 1.1 POST / with X-Amz-Target).
 * The clients of at most {@link #MAX_REGIONS} regions are kept open; all are closed when the application stops.
 */
@ApplicationScoped
class AgentCoreClients {

    /**
     * Regions whose clients are kept; the least recently used beyond that are closed. AWS has a few dozen regions and a
     * tester serves the few its deployer uses, so this only bounds what a stream of crafted (well-formed) regions could
     * make the tester hold. Runs are one at a time, so the region of the run under way is never the one closed.
     */
    static final int MAX_REGIONS = 16;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration LOGS_READ_TIMEOUT = Duration.ofSeconds(10);

    private final TesterConfig config;
    /** In access order: the eldest entry is the least recently used region. Guarded by {@code this}. */
    private final LinkedHashMap<String, RegionClients> regions = new LinkedHashMap<>(MAX_REGIONS, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RegionClients> eldest) {
            if (size() <= MAX_REGIONS) {
                return false;
            }
            eldest.getValue().close();
            return true;
        }
    };
    private boolean closed;

    AgentCoreClients(TesterConfig config) {
        this.config = config;
    }

    /** GetAgentRuntime and the other control-plane calls. */
    BedrockAgentCoreControlClient control(String region) {
        return of(region).control;
    }

    /** InvokeAgentRuntime. Reads may pause while the agent thinks: as long as an invocation may take. */
    BedrockAgentCoreClient dataPlane(String region) {
        return of(region).dataPlane;
    }

    /** FilterLogEvents on the runtimes' log groups. A page comes at once: no long reads to wait for. */
    CloudWatchLogsClient logs(String region) {
        return of(region).logs;
    }

    /** The regions whose clients are open, least recently used first. */
    synchronized List<String> openRegions() {
        return List.copyOf(regions.keySet());
    }

    /** The region goes into the SDK's endpoint host name: only a region of the schema's form gets a client. */
    private synchronized RegionClients of(String region) {
        if (!RuntimeCreatedRules.matches(RuntimeCreatedRules.REGION, RuntimeCreatedRules.REGION_MAX_LENGTH, region)) {
            throw new IllegalArgumentException(RuntimeCreatedRules.mismatch("region", RuntimeCreatedRules.REGION,
                    RuntimeCreatedRules.REGION_MAX_LENGTH, String.valueOf(region)));
        }
        if (closed) {
            throw new IllegalStateException("The AgentCore clients are closed: the tester is shutting down");
        }
        return regions.computeIfAbsent(region, name -> new RegionClients(Region.of(name), config));
    }

    @PreDestroy
    synchronized void close() {
        closed = true;
        regions.values().forEach(RegionClients::close);
        regions.clear();
    }

    /** The three clients of one region, made together: a run needs all three. */
    private static final class RegionClients {

        final BedrockAgentCoreControlClient control;
        final BedrockAgentCoreClient dataPlane;
        final CloudWatchLogsClient logs;

        RegionClients(Region region, TesterConfig config) {
            BedrockAgentCoreControlClientBuilder control = BedrockAgentCoreControlClient.builder()
                    .region(region)
                    .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(CONNECT_TIMEOUT));
            config.agentcore().endpointOverride().ifPresent(control::endpointOverride);
            BedrockAgentCoreClientBuilder dataPlane = BedrockAgentCoreClient.builder()
                    .region(region)
                    .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(CONNECT_TIMEOUT)
                            .socketTimeout(config.invocationTimeout()));
            config.agentcore().endpointOverride().ifPresent(dataPlane::endpointOverride);
            CloudWatchLogsClientBuilder logs = CloudWatchLogsClient.builder()
                    .region(region)
                    .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(CONNECT_TIMEOUT)
                            .socketTimeout(LOGS_READ_TIMEOUT));
            config.agentcore().endpointOverride().ifPresent(logs::endpointOverride);
            this.control = control.build();
            this.dataPlane = dataPlane.build();
            this.logs = logs.build();
        }

        void close() {
            control.close();
            dataPlane.close();
            logs.close();
        }
    }
}
