package io.agentfoundry.tester.service.judging;

import java.util.List;

/** Latency percentiles by nearest rank: the smallest value with at least p% of the values at or below it. */
public final class Percentiles {

    private Percentiles() {
    }

    /** @return null when there are no values */
    public static Long nearestRank(List<Long> values, int percent) {
        if (values.isEmpty()) {
            return null;
        }
        List<Long> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }
}
