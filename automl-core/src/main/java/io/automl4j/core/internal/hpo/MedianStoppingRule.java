package io.automl4j.core.internal.hpo;

import java.util.Arrays;
import java.util.List;

/**
 * AUTOML-R37, the median stopping rule. After step s of a trial, take the earlier COMPLETED trials of the same
 * algorithm that reported step s (at least {@value #MIN_PEERS}, else no decision), each one's running average of its
 * values over steps 1..s, and their median; stop the trial when its best value up to s is worse than that median
 * (strictly lower when maximising, strictly higher when minimising). Pure.
 */
public final class MedianStoppingRule {
    /** Fewest comparable completed trials for a decision. */
    public static final int MIN_PEERS = 3;

    private MedianStoppingRule() {
    }

    /**
     * @param completed  per-step values of earlier completed trials of the algorithm (index 0 = step 1)
     * @param current    the current trial's values so far; s = current.length
     * @param maximising whether larger values are better
     * @return true when the trial should stop at step s
     */
    public static boolean shouldStop(List<double[]> completed, double[] current, boolean maximising) {
        int s = current.length;
        if (s == 0) {
            return false;
        }
        double[] averages = completed.stream().filter(h -> h.length >= s).mapToDouble(h -> {
            double sum = 0;
            for (int i = 0; i < s; i++) {
                sum += h[i];
            }
            return sum / s;
        }).toArray();
        if (averages.length < MIN_PEERS) {
            return false;
        }
        Arrays.sort(averages);
        int n = averages.length;
        double median = n % 2 == 1 ? averages[n / 2] : 0.5 * (averages[n / 2 - 1] + averages[n / 2]);
        double best = current[0];
        for (double v : current) {
            best = maximising ? Math.max(best, v) : Math.min(best, v);
        }
        return maximising ? best < median : best > median;
    }
}
