package io.agentfoundry.tester.service.agentcore;

import io.agentfoundry.tester.service.RuntimeCreatedRules;

import io.agentfoundry.agentcore.AgentCoreSdk;
import io.agentfoundry.tester.config.TesterConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockagentcore.BedrockAgentCoreClient;
import software.amazon.awssdk.services.bedrockagentcorecontrol.BedrockAgentCoreControlClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SDK clients for AgentCore runtimes, one set per region (a runtime's region comes with its event), made by
 * {@link AgentCoreSdk}: the AgentCore control and data planes, and CloudWatch Logs for the runtimes' logs.
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
    /** A control-plane answer comes at once; each call's own timeout bounds the whole call. */
    private static final Duration CONTROL_READ_TIMEOUT = Duration.ofSeconds(30);
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
            Optional<URI> endpoint = config.agentcore().endpointOverride();
            this.control = AgentCoreSdk.control(region, endpoint, CONTROL_READ_TIMEOUT, AgentCoreSdk.SDK_DEFAULTS);
            this.dataPlane = AgentCoreSdk.dataPlane(region, endpoint, config.invocationTimeout());
            this.logs = AgentCoreSdk.logs(region, endpoint, LOGS_READ_TIMEOUT);
        }

        void close() {
            control.close();
            dataPlane.close();
            logs.close();
        }
    }
}
