package io.agentfoundry.deployer.service;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Platforms compare by os/arch wherever the deployer matches them: LOCAL's pull and AgentCore's arm64 check alike. */
class PlatformsTest {

    @Test
    void aVariantNeverHidesTheArchitecture() {
        assertThat(Platforms.osArch("linux/arm64/v8")).isEqualTo("linux/arm64");
        assertThat(Platforms.osArch("linux/arm64")).isEqualTo("linux/arm64");
        assertThat(Platforms.osArch(" Linux/AMD64/v3 ")).isEqualTo("linux/amd64");
        assertThat(Platforms.osArch("linux/arm/v7")).isEqualTo("linux/arm");
        assertThat(Platforms.osArch("linux")).isEqualTo("linux");
    }

    @Test
    void theLocalEngineRunsItsOwnArchitectureWhateverTheVariant() {
        List<String> progress = new ArrayList<>();
        assertThat(LocalContainerTarget.platformFor(List.of("linux/amd64", "linux/arm64/v8"), "linux/arm64",
                progress::add)).isEqualTo("linux/arm64");
        assertThat(LocalContainerTarget.platformFor(List.of("linux/amd64/v2"), "linux/amd64", progress::add))
                .isEqualTo("linux/amd64");
        assertThat(LocalContainerTarget.platformFor(List.of(), "linux/arm64", progress::add)).isEqualTo("linux/arm64");
        assertThat(progress).isEmpty();

        // another architecture: the first, under emulation, and the job's log says so
        assertThat(LocalContainerTarget.platformFor(List.of("linux/arm64/v8"), "linux/amd64", progress::add))
                .isEqualTo("linux/arm64/v8");
        assertThat(progress).singleElement().asString().contains("emulation");
    }

    @Test
    void agentCoreAcceptsTheSameArm64Platforms() {
        AgentCoreNames.requireArm64(List.of("linux/arm64/v8"));
        AgentCoreNames.requireArm64(List.of("linux/ARM64"));
    }
}
