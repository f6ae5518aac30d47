package io.agentfoundry.deployer.config;

import io.agentfoundry.events.Topics;
import io.agentfoundry.platform.config.LongStepSettings;
import io.agentfoundry.platform.config.PlatformConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;

import java.time.Duration;

/** Refuses to start when the transaction or the input record cannot outlast the slowest deployment the deadlines allow. */
@ApplicationScoped
class DeployerSettingsCheck {

    void check(@Observes StartupEvent started, DeployerConfig deployer, PlatformConfig platform, Config config) {
        Duration local = deployer.local().pullTimeout().plus(deployer.local().readyTimeout());
        Duration agentCore = deployer.agentcore().readyTimeout();
        boolean localIsLonger = local.compareTo(agentCore) >= 0;
        LongStepSettings.requireNone("deployer-service", LongStepSettings.problems(Topics.IMAGE_BUILT,
                localIsLonger ? local : agentCore,
                localIsLonger ? "local.pull-timeout + local.ready-timeout" : "agentcore.ready-timeout", platform, config));
    }
}
