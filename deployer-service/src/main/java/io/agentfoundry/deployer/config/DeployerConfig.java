package io.agentfoundry.deployer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "agentfoundry.deployer")
public interface DeployerConfig {

    enum Target {
        /** No engine: the runtime is recorded, not started. */
        RECORDED
    }

    @WithDefault("RECORDED")
    Target target();
}
