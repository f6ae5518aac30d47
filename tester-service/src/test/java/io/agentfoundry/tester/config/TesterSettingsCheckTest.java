package io.agentfoundry.tester.config;

import io.agentfoundry.events.Topics;
import io.agentfoundry.platform.config.LongStepSettings;
import io.agentfoundry.platform.config.PlatformConfig;
import io.agentfoundry.tester.service.RuntimeLogs;
import io.agentfoundry.tester.testsupport.ShippedSettings;
import io.smallrye.config.SmallRyeConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The step's work is the run and the reading of the runtime's logs after it, in the same transaction. */
class TesterSettingsCheckTest {

    private static final String TRANSACTION_TIMEOUT = "quarkus.transaction-manager.default-transaction-timeout";
    private static final String MAX_AGE = LongStepSettings.channelPrefix(Topics.RUNTIME_CREATED)
            + "throttled.unprocessed-record-max-age.ms";

    private static List<String> problems(SmallRyeConfig config) {
        return TesterSettingsCheck.problems(config.getConfigMapping(TesterConfig.class),
                config.getConfigMapping(PlatformConfig.class), config);
    }

    @Test
    void theShippedSettingsHoldARunAndTheReadingOfItsLogs() {
        SmallRyeConfig shipped = ShippedSettings.shipped();
        assertThat(shipped.getConfigMapping(TesterConfig.class).runTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(problems(shipped)).isEmpty();
    }

    @Test
    void aTransactionThatOutlastsOnlyTheRunIsRefused() {
        // the run and the attempt's overhead, but not the 30 s of log reading after the run
        Duration runOnly = Duration.ofMinutes(10).plus(LongStepSettings.ATTEMPT_OVERHEAD);
        List<String> problems = problems(ShippedSettings.with(Map.of(TRANSACTION_TIMEOUT, runOnly.toString())));

        assertThat(problems).singleElement().asString().startsWith(TRANSACTION_TIMEOUT + " (PT10M5S) must be at least"
                + " run-timeout + the runtime-log read budget (30s) + 5s = PT10M35S");
        assertThat(RuntimeLogs.READ_BUDGET).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aRecordAgeLimitThatOutlastsOnlyTheRunsIsRefused() {
        // 3 attempts of (10m + 5s) for the record and the 2 fetched ahead of it: the log reading left out
        long runsOnly = Duration.ofMinutes(10).plusSeconds(5).multipliedBy(3 * 3).toMillis();
        List<String> problems = problems(ShippedSettings.with(Map.of(MAX_AGE, Long.toString(runsOnly))));

        assertThat(problems).singleElement().asString().contains("must be at least "
                + Duration.ofMinutes(10).plusSeconds(35).multipliedBy(9).toMillis());
    }
}
