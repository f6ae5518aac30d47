package io.agentfoundry.builder.config;

import io.agentfoundry.builder.testsupport.BuilderSettings;
import io.agentfoundry.events.Topics;
import io.agentfoundry.platform.config.LongStepSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BuilderSettingsCheckTest {

    private static final String CHANNEL = LongStepSettings.channelPrefix(Topics.CODE_GENERATED);
    private static final Duration SHIPPED_ATTEMPT = Duration.ofSeconds(30).plus(Duration.ofMinutes(5))
            .plus(LongStepSettings.ATTEMPT_OVERHEAD);

    @Test
    void theConnectorsDefaultSixtySecondsCannotHoldAFiveMinuteBuild() {
        assertThat(LongStepSettings.recordAgeProblem(CHANNEL, SHIPPED_ATTEMPT, 3, 500, 2, 60_000)).get().asString()
                .contains("throttled.unprocessed-record-max-age.ms (60000) must be at least");
    }

    @Test
    void theShippedSettingsHoldThreeAttemptsOfTheRecordAndOfTheTwoFetchedAheadOfIt() {
        // application.properties: max.poll.records=1, default queue factor 2, one hour; 3 x 3 x 335 s = 3015 s
        assertThat(LongStepSettings.recordAgeProblem(CHANNEL, SHIPPED_ATTEMPT, 3, 1, 2, 3_600_000)).isEmpty();
        assertThat(LongStepSettings.recordAgeProblem(CHANNEL, SHIPPED_ATTEMPT, 3, 1, 2, 3_014_000)).isPresent();
    }

    @Test
    void severalPlatformsNeedARegistryToPushAnIndexTo() {
        BuilderConfig tarTarget = BuilderSettings.of(
                Map.of("agentfoundry.builder.platforms", "linux/arm64,linux/amd64"));
        assertThat(BuilderSettingsCheck.platformProblems(tarTarget)).singleElement().asString()
                .contains("set a registry");

        BuilderConfig badPlatform = BuilderSettings.of(Map.of("agentfoundry.builder.platforms", "arm64",
                "agentfoundry.builder.registry", "localhost:5000"));
        assertThat(BuilderSettingsCheck.platformProblems(badPlatform)).singleElement().asString()
                .contains("A platform is os/architecture, e.g. linux/arm64, not 'arm64'");
    }
}
