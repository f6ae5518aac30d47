package io.agentfoundry.tester.config;

import io.agentfoundry.events.Topics;
import io.agentfoundry.platform.config.LongStepSettings;
import io.agentfoundry.platform.config.PlatformConfig;
import io.agentfoundry.tester.service.RuntimeLogs;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;

import java.time.Duration;
import java.util.List;

/**
 * Refuses to start when the transaction or the input record cannot outlast the longest test run allowed and the reading
 * of the runtime's logs that follows it in the same transaction.
 */
@ApplicationScoped
class TesterSettingsCheck {

    void check(@Observes StartupEvent started, TesterConfig tester, PlatformConfig platform, Config config) {
        LongStepSettings.requireNone("tester-service", problems(tester, platform, config));
    }

    static List<String> problems(TesterConfig tester, PlatformConfig platform, Config config) {
        return LongStepSettings.problems(Topics.RUNTIME_CREATED, work(tester),
                "run-timeout + the runtime-log read budget (" + RuntimeLogs.READ_BUDGET.toSeconds() + "s)", platform,
                config);
    }

    /** The run, then its runtime's logs. */
    static Duration work(TesterConfig tester) {
        return tester.runTimeout().plus(RuntimeLogs.READ_BUDGET);
    }
}
