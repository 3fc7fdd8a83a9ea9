package io.automl4j.forecast.internal;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Non-parametric time series forecaster (NPTS, as in GluonTS; FCST-R10): each future value is drawn from the past
 * observations (and earlier draws of the same path) with probability ∝ exp(−λ·age), λ = 1; 100 seeded sample paths;
 * the mean and the quantiles are those of the paths. Observations older than 64 steps get weight below e^−64 and
 * are ignored.
 */
final class Npts implements LocalModel.Univariate {
    static final int PATHS = 100;
    static final double LAMBDA = 1.0;
    static final int WINDOW = 64;

    @Override
    public Prediction forecast(double[] y, int h, int period, double[] levels, long seed) {
        int n = y.length;
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] samples = new double[h][PATHS];
        double[] buf = new double[n + h];
        System.arraycopy(y, 0, buf, 0, n);
        double[] w = new double[WINDOW];
        for (int path = 0; path < PATHS; path++) {
            for (int k = 0; k < h; k++) {
                int t = n + k;
                int from = Math.max(0, t - WINDOW);
                double total = 0;
                for (int j = from; j < t; j++) {
                    double wj = Math.exp(-LAMBDA * (t - 1 - j));
                    w[j - from] = wj;
                    total += wj;
                }
                double u = rnd.nextDouble() * total;
                int pick = t - 1;
                double acc = 0;
                for (int j = from; j < t; j++) {
                    acc += w[j - from];
                    if (u < acc) {
                        pick = j;
                        break;
                    }
                }
                buf[t] = buf[pick];
                samples[k][path] = buf[t];
            }
        }
        double[] mean = new double[h];
        double[][] q = new double[levels.length][h];
        for (int k = 0; k < h; k++) {
            double s = 0;
            for (double v : samples[k]) {
                s += v;
            }
            mean[k] = s / PATHS;
            Arrays.sort(samples[k]);
            for (int i = 0; i < levels.length; i++) {
                q[i][k] = Stats.quantileSorted(samples[k], levels[i]);
            }
        }
        return new Prediction(mean, q);
    }
}
