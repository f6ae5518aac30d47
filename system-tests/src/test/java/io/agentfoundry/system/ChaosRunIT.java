package io.agentfoundry.system;

import io.agentfoundry.system.chaos.ChaosRun;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chaos harness, short: a few jobs while every service is killed once, PostgreSQL and the broker restart and the
 * engine pauses. Every job ends, each step of each job has exactly one outcome event, no job has two containers or
 * image tags, nothing is left running and nothing is dead-lettered. {@code scripts/chaos.sh} runs the full one.
 */
class ChaosRunIT {

    @Test
    void aShortChaosRunEndsEveryJobWithOneOutcomePerStepAndLeavesNothingBehind() throws Exception {
        ChaosRun.Options options = new ChaosRun.Options(8, 5, 1, 1, 1, Duration.ofSeconds(3), Duration.ofMinutes(15),
                20261202L, Path.of("target", "chaos-short").toAbsolutePath(),
                Path.of("target", "chaos-short", "chaos-report.json").toAbsolutePath());

        ChaosRun.Report report = new ChaosRun(options).run();

        assertThat(report.violations()).isEmpty();
        assertThat(report.submitted()).isEqualTo(8);
        assertThat(report.notTerminal()).isZero();
        assertThat(report.terminalByStatus()).containsEntry("SUCCEEDED", 8);
        assertThat(report.faults()).containsEntry("kills", 5).containsEntry("postgres restarts", 1)
                .containsEntry("broker restarts", 1).containsEntry("engine pauses", 1);
        assertThat(report.maxContainersPerJob()).isLessThanOrEqualTo(1);
        assertThat(report.containersLeft()).isZero();
        assertThat(report.deadLetters()).isZero();
    }
}
