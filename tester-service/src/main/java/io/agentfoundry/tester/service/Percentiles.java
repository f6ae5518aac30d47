package io.agentfoundry.tester.service;

import java.util.List;

/** Latency percentiles by nearest rank: the smallest value with at least p% of the values at or below it. */
final class Percentiles {

    private Percentiles() {
    }

    /** @return null when there are no values */
    static Long nearestRank(List<Long> values, int percent) {
        if (values.isEmpty()) {
            return null;
        }
        List<Long> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }
}
