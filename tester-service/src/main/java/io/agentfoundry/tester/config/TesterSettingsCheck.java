package io.agentfoundry.tester.config;

import io.agentfoundry.events.Topics;
import io.agentfoundry.platform.config.LongStepSettings;
import io.agentfoundry.platform.config.PlatformConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;

/** Refuses to start when the transaction or the input record cannot outlast the longest test run allowed. */
@ApplicationScoped
class TesterSettingsCheck {

    void check(@Observes StartupEvent started, TesterConfig tester, PlatformConfig platform, Config config) {
        LongStepSettings.requireNone("tester-service", LongStepSettings.problems(Topics.RUNTIME_CREATED,
                tester.runTimeout(), "run-timeout", platform, config));
    }
}
