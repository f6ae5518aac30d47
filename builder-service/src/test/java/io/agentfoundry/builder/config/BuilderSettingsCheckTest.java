package io.agentfoundry.builder.config;

import io.agentfoundry.builder.testsupport.BuilderSettings;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BuilderSettingsCheckTest {

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
