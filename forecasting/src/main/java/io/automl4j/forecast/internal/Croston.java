package io.automl4j.forecast.internal;

import java.util.Arrays;

/**
 * Croston's method with the Syntetos–Boylan approximation (FCST-R10) for intermittent demand: simple exponential
 * smoothing (α = 0.1) of the non-zero demand sizes z and of the intervals p between them, forecast
 * (1 − α/2)·ẑ/p̂ for every step. Quantiles are empirical: the in-sample one-step residual quantiles scaled by √k,
 * clipped at 0 for non-negative data. Only for series whose zero share is at least 30%; other series get null (the
 * engine falls back to NAIVE and counts it).
 */
final class Croston implements LocalModel.Univariate {
    static final double ALPHA = 0.1;
    static final double MIN_ZERO_SHARE = 0.3;

    static boolean intermittent(double[] y) {
        int zeros = 0;
        for (double v : y) {
            if (v == 0) {
                zeros++;
            }
        }
        return zeros >= MIN_ZERO_SHARE * y.length;
    }

    @Override
    public Prediction forecast(double[] y, int h, int period, double[] levels, long seed) {
        if (!intermittent(y)) {
            return null;
        }
        int n = y.length;
        double z = Double.NaN;
        double p = Double.NaN;
        int sinceLast = 0;
        double[] resid = new double[n];
        int nr = 0;
        boolean nonNegative = true;
        for (int t = 0; t < n; t++) {
            nonNegative &= y[t] >= 0;
            sinceLast++;
            if (!Double.isNaN(z)) {
                double f = (1 - ALPHA / 2) * z / p;
                resid[nr++] = y[t] - f;
            }
            if (y[t] != 0) {
                if (Double.isNaN(z)) {
                    z = y[t];
                    p = sinceLast;
                } else {
                    z += ALPHA * (y[t] - z);
                    p += ALPHA * (sinceLast - p);
                }
                sinceLast = 0;
            }
        }
        if (Double.isNaN(z)) {
            // all zero: forecast zero
            double[] zeros = new double[h];
            return Prediction.gaussian(zeros, new double[h], levels);
        }
        double f = (1 - ALPHA / 2) * z / p;
        double[] mean = new double[h];
        Arrays.fill(mean, f);
        double[] r = Arrays.copyOf(resid, nr);
        Arrays.sort(r);
        double[][] q = new double[levels.length][h];
        for (int i = 0; i < levels.length; i++) {
            double rq = r.length == 0 ? 0 : Stats.quantileSorted(r, levels[i]);
            for (int k = 0; k < h; k++) {
                double v = f + rq * Math.sqrt(k + 1);
                q[i][k] = nonNegative ? Math.max(0, v) : v;
            }
        }
        return new Prediction(mean, q);
    }
}
