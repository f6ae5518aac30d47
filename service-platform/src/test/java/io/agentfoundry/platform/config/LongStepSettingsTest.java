package io.agentfoundry.platform.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class LongStepSettingsTest {

    private static final String CHANNEL = LongStepSettings.channelPrefix("agentfoundry.image-built.v1");

    @Test
    void aRecordMustOutwaitEveryAttemptOfItselfAndOfTheRecordsFetchedAheadOfIt() {
        Duration attempt = Duration.ofMinutes(20);
        // 3 attempts x (1 record x factor 2 ahead + itself) x 20 min = 180 min
        assertThat(LongStepSettings.recordAgeProblem(CHANNEL, attempt, 3, 1, 2, Duration.ofMinutes(180).toMillis()))
                .isEmpty();
        assertThat(LongStepSettings.recordAgeProblem(CHANNEL, attempt, 3, 1, 2, Duration.ofMinutes(179).toMillis()))
                .get().asString()
                .startsWith(CHANNEL + "throttled.unprocessed-record-max-age.ms (10740000) must be at least 10800000")
                .contains("max.poll.records 1 x max-queue-size-factor 2");
    }

    @Test
    void zeroDisablesTheConnectorsCheck() {
        assertThat(LongStepSettings.recordAgeProblem(CHANNEL, Duration.ofHours(1), 3, 500, 2, 0)).isEmpty();
    }
}
