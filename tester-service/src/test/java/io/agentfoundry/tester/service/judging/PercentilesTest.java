package io.agentfoundry.tester.service.judging;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PercentilesTest {

    @Test
    void nearestRankPicksAnObservedValue() {
        List<Long> latencies = List.of(40L, 10L, 30L, 20L);
        assertThat(Percentiles.nearestRank(latencies, 50)).isEqualTo(20L);
        assertThat(Percentiles.nearestRank(latencies, 95)).isEqualTo(40L);
    }

    @Test
    void ofTwentyValuesP95IsTheNineteenth() {
        List<Long> latencies = java.util.stream.LongStream.rangeClosed(1, 20).boxed().toList();
        assertThat(Percentiles.nearestRank(latencies, 50)).isEqualTo(10L);
        assertThat(Percentiles.nearestRank(latencies, 95)).isEqualTo(19L);
    }

    @Test
    void oneValueIsEveryPercentileAndNoValueIsNone() {
        assertThat(Percentiles.nearestRank(List.of(7L), 50)).isEqualTo(7L);
        assertThat(Percentiles.nearestRank(List.of(7L), 95)).isEqualTo(7L);
        assertThat(Percentiles.nearestRank(List.of(), 50)).isNull();
    }
}
