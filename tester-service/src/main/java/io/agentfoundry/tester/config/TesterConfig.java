package io.agentfoundry.tester.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "agentfoundry.tester")
public interface TesterConfig {

    /** How long the runtime may take to become healthy: /ping Healthy (LOCAL) or status READY (AGENTCORE). */
    @WithDefault("60s")
    Duration healthTimeout();

    /** Pause between two health probes. */
    @WithDefault("1s")
    Duration healthPollInterval();

    /** The longest one test-case invocation may take, to the complete answer. */
    @WithDefault("120s")
    Duration invocationTimeout();

    /**
     * The longest a whole test run (health and every case) may take; cases not started by then fail as not run. Bounds
     * how long the step's transaction and Kafka record stay open (see application.properties).
     */
    @WithDefault("10m")
    Duration runTimeout();

    /** Sent when the spec has no test cases. */
    @WithDefault("Say hello in one short sentence.")
    String smokePrompt();

    /** Characters of an answer kept in the report and quoted in failure details. */
    @WithDefault("300")
    int excerptLength();

    Local local();

    AgentCore agentcore();

    interface Local {
        /**
         * The Docker Engine API of the engine LOCAL runtimes run on (the deployer's
         * {@code agentfoundry.deployer.local.engine-host}), to read the container's logs for the report. Unset: the
         * report says LOCAL runtime logs are not available.
         */
        Optional<String> engineHost();

        /**
         * The hosts a LOCAL runtime's invocationUrl may name (host names or IP literals as written in the URL,
         * compared ignoring case). Unset: any host, since testing a URL means reaching it; set it where the tester can
         * reach hosts that RuntimeCreated publishers should not make it call.
         */
        Optional<List<String>> allowedHosts();
    }

    interface AgentCore {
        /**
         * Another endpoint for every AWS API the tester calls for AgentCore runtimes: the AgentCore control and data
         * planes, and CloudWatch Logs (the runtime's logs for the report). So one endpoint serves all three: a proxy, or
         * a fake in tests. Credentials always come from the SDK's default chain.
         */
        Optional<URI> endpointOverride();
    }
}
