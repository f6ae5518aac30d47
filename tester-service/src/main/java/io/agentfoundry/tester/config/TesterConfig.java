package io.agentfoundry.tester.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "agentfoundry.tester")
public interface TesterConfig {

    /** How long /ping may take to answer Healthy after the runtime was created. */
    @WithDefault("60s")
    Duration healthTimeout();

    @WithDefault("120s")
    Duration invocationTimeout();

    /** Sent when the spec has no test cases. */
    @WithDefault("Say hello in one short sentence.")
    String smokePrompt();
}
