package io.automl4j.core.internal.ensemble;

import io.automl4j.api.eval.Metric;
import io.automl4j.core.internal.metrics.Metrics;

import java.util.List;

/**
 * Caruana et al. (2004) ensemble selection (AUTOML-R28b): start empty; each round adds, with replacement, the
 * member whose inclusion gives the best objective of the averaged out-of-fold predictions (ties to the lower
 * index); weights are selection counts / rounds. Hard-label metrics are computed on labels from the averaged
 * probabilities. Pure and deterministic.
 */
public final class GreedyEnsemble {
    private GreedyEnsemble() {
    }

    /**
     * @param predictions   out-of-fold predictions per member (rows x width), same shape
     * @param numClasses    0 for regression
     * @param y             targets
     * @param weights       sample weights or null
     * @param positiveClass positive class index (binary)
     * @param metric        objective (not INFERENCE_LATENCY)
     * @param rounds        selection rounds (&gt;= 1)
     * @return selection counts per member (sum = rounds)
     */
    public static int[] select(List<double[][]> predictions, int numClasses, double[] y, double[] weights,
                               int positiveClass, Metric metric, int rounds) {
        int m = predictions.size();
        if (m == 0) {
            throw new IllegalArgumentException("no members to select from");
        }
        int n = y.length;
        int width = predictions.get(0)[0].length;
        double[][] sum = new double[n][width];
        double[][] trial = new double[n][width];
        int[] counts = new int[m];
        // a member predicting the same for every row (e.g. a learner stopped before its first step) adds nothing,
        // yet leaves a ranking metric such as AUC unchanged, so it could win ties and take weight (adult at 60 s:
        // 0.88); it is never selected unless every member is constant
        boolean[] constant = new boolean[m];
        boolean allConstant = true;
        for (int c = 0; c < m; c++) {
            double[][] p = predictions.get(c);
            boolean same = true;
            for (int i = 1; i < n && same; i++) {
                same = java.util.Arrays.equals(p[i], p[0]);
            }
            constant[c] = same;
            allConstant &= same;
        }
        for (int r = 0; r < rounds; r++) {
            int best = -1;
            double bestValue = Double.NaN;
            for (int c = 0; c < m; c++) {
                if (constant[c] && !allConstant) {
                    continue;
                }
                double[][] p = predictions.get(c);
                double inv = 1.0 / (r + 1);
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < width; j++) {
                        trial[i][j] = (sum[i][j] + p[i][j]) * inv;
                    }
                }
                double v = Metrics.evaluate(metric, numClasses, y, trial, weights, positiveClass);
                if (best < 0 || metric.direction().isBetter(v, bestValue)) {
                    best = c;
                    bestValue = v;
                }
            }
            counts[best]++;
            double[][] p = predictions.get(best);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < width; j++) {
                    sum[i][j] += p[i][j];
                }
            }
        }
        return counts;
    }

    /**
     * @param predictions member predictions
     * @param weights     member weights (sum 1)
     * @return the weighted average
     */
    public static double[][] blend(List<double[][]> predictions, double[] weights) {
        int n = predictions.get(0).length;
        int width = predictions.get(0)[0].length;
        double[][] out = new double[n][width];
        for (int c = 0; c < predictions.size(); c++) {
            if (weights[c] == 0) {
                continue;
            }
            double[][] p = predictions.get(c);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < width; j++) {
                    out[i][j] += weights[c] * p[i][j];
                }
            }
        }
        return out;
    }
}
