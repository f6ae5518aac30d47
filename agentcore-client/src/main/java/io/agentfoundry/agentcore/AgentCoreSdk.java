package io.agentfoundry.agentcore;

import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.bedrockagentcore.BedrockAgentCoreClient;
import software.amazon.awssdk.services.bedrockagentcorecontrol.BedrockAgentCoreControlClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The SDK clients Agent Foundry talks to AgentCore with, built one way: the URL-connection HTTP client (a few calls
 * per deployment or test run need no pool), a connection that is made within {@link #CONNECT_TIMEOUT} and reads that
 * end, the SDK's default credentials chain (system properties, environment, profile, web identity, container or
 * instance role; also with an endpoint override, which may be a proxy that needs real credentials), and an optional
 * endpoint override that serves all three APIs (their requests do not collide).
 */
public final class AgentCoreSdk {

    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** How a client's calls end: the SDK's own defaults. */
    public static final Consumer<ClientOverrideConfiguration.Builder> SDK_DEFAULTS = calls -> { };

    private AgentCoreSdk() {
    }

    /**
     * Calls that end: the standard retry strategy (backoff with jitter, throttling aware) with at most
     * {@code maxAttempts} attempts (1: no retries), each within {@code attemptTimeout}, all within {@code callTimeout}.
     */
    public static Consumer<ClientOverrideConfiguration.Builder> bounded(int maxAttempts, Duration attemptTimeout,
                                                                       Duration callTimeout) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1 (1: no retries), not " + maxAttempts);
        }
        return calls -> calls.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(maxAttempts).build())
                .apiCallAttemptTimeout(attemptTimeout)
                .apiCallTimeout(callTimeout);
    }

    /** The control plane: create, update, get, list and delete runtimes and their endpoints. */
    public static BedrockAgentCoreControlClient control(Region region, Optional<URI> endpointOverride,
                                                        Duration readTimeout,
                                                        Consumer<ClientOverrideConfiguration.Builder> calls) {
        return build(BedrockAgentCoreControlClient.builder(), region, endpointOverride, readTimeout, calls);
    }

    /** The data plane: InvokeAgentRuntime. Reads may pause while the agent thinks: give it what an invocation may take. */
    public static BedrockAgentCoreClient dataPlane(Region region, Optional<URI> endpointOverride, Duration readTimeout) {
        return build(BedrockAgentCoreClient.builder(), region, endpointOverride, readTimeout, SDK_DEFAULTS);
    }

    /** CloudWatch Logs, where AgentCore runtimes log. */
    public static CloudWatchLogsClient logs(Region region, Optional<URI> endpointOverride, Duration readTimeout) {
        return build(CloudWatchLogsClient.builder(), region, endpointOverride, readTimeout, SDK_DEFAULTS);
    }

    /** The configured region, else the one the SDK's default chain finds (AWS_REGION, profile, instance); empty if none. */
    public static Optional<Region> region(Optional<String> configured) {
        Optional<String> named = configured.map(String::trim).filter(name -> !name.isEmpty());
        if (named.isPresent()) {
            return named.map(Region::of);
        }
        try {
            return Optional.of(DefaultAwsRegionProviderChain.builder().build().getRegion());
        } catch (SdkClientException none) {
            return Optional.empty();
        }
    }

    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
            B builder, Region region, Optional<URI> endpointOverride, Duration readTimeout,
            Consumer<ClientOverrideConfiguration.Builder> calls) {
        builder.region(region)
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(readTimeout))
                .overrideConfiguration(calls);
        endpointOverride.ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
