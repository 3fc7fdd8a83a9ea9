package io.automl4j.forecast.internal;

import org.apache.commons.math3.distribution.NormalDistribution;

import java.util.Arrays;

/** Small numeric helpers shared by the models. */
final class Stats {
    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

    private Stats() {
    }

    static double normalQuantile(double p) {
        return NORMAL.inverseCumulativeProbability(p);
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    static boolean isConstant(double[] x) {
        for (double v : x) {
            if (v != x[0]) {
                return false;
            }
        }
        return true;
    }

    /** Sample autocorrelations r_1..r_maxLag as R's {@code acf()} (denominator Σ(x − x̄)² over all n). */
    static double[] acf(double[] x, int maxLag) {
        int n = x.length;
        double m = mean(x);
        double d = 0;
        for (double v : x) {
            d += (v - m) * (v - m);
        }
        double[] r = new double[maxLag + 1];
        for (int k = 1; k <= maxLag; k++) {
            double s = 0;
            for (int t = 0; t + k < n; t++) {
                s += (x[t] - m) * (x[t + k] - m);
            }
            r[k] = d == 0 ? 0 : s / d;
        }
        return r;
    }

    /**
     * The 90% seasonality test of {@code thetaf()} and M4's Naive2: |r_m| &gt; 1.645·√((1 + 2Σ_{k&lt;m} r_k²)/n),
     * applied when m &gt; 1, n &gt; 2m (thetaf uses ≥ 3m … here n &gt; 2m as thetaf) and the series is not
     * constant.
     */
    static boolean seasonalityTest(double[] x, int m) {
        int n = x.length;
        if (m <= 1 || n <= 2 * m || isConstant(x)) {
            return false;
        }
        double[] r = acf(x, m);
        double s = 0;
        for (int k = 1; k < m; k++) {
            s += r[k] * r[k];
        }
        double stat = Math.sqrt((1 + 2 * s) / n);
        return Math.abs(r[m]) / stat > normalQuantile(0.95);
    }

    /** OLS of x on t = 0..n−1: returns {intercept, slope}. */
    static double[] ols(double[] x, int n) {
        double tm = (n - 1) / 2.0;
        double xm = 0;
        for (int t = 0; t < n; t++) {
            xm += x[t];
        }
        xm /= n;
        double sxy = 0;
        double sxx = 0;
        for (int t = 0; t < n; t++) {
            sxy += (t - tm) * (x[t] - xm);
            sxx += (t - tm) * (t - tm);
        }
        double slope = sxx == 0 ? 0 : sxy / sxx;
        return new double[] {xm - slope * tm, slope};
    }

    /** Quantile of sorted data by R's type 7 (linear interpolation). */
    static double quantileSorted(double[] sorted, double p) {
        int n = sorted.length;
        if (n == 1) {
            return sorted[0];
        }
        double h = (n - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, n - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /** Linear interpolation of NaNs (ends carried), FCST-R11. */
    static double[] interpolate(double[] y) {
        boolean any = false;
        for (double v : y) {
            if (Double.isNaN(v)) {
                any = true;
                break;
            }
        }
        if (!any) {
            return y;
        }
        double[] out = y.clone();
        int n = y.length;
        int prev = -1;
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(y[i])) {
                if (prev < 0) {
                    Arrays.fill(out, 0, i, y[i]);
                } else {
                    for (int k = prev + 1; k < i; k++) {
                        out[k] = y[prev] + (y[i] - y[prev]) * (k - prev) / (i - prev);
                    }
                }
                prev = i;
            }
        }
        if (prev < 0) {
            Arrays.fill(out, 0.0);
        } else {
            Arrays.fill(out, prev + 1, n, y[prev]);
        }
        return out;
    }

    /**
     * Classical decomposition as R's {@code decompose()}: centred moving average trend (2×m MA for even m),
     * seasonal figure = mean of detrended values per phase (phase 0 = first observation), normalised to mean 1
     * (multiplicative) or 0 (additive).
     *
     * @return the seasonal figure, length m (index = phase)
     */
    static double[] seasonalFigure(double[] x, int m, boolean multiplicative) {
        int n = x.length;
        double[] trend = movingAverage(x, m);
        double[] figure = new double[m];
        int[] count = new int[m];
        for (int t = 0; t < n; t++) {
            if (!Double.isNaN(trend[t])) {
                double v = multiplicative ? x[t] / trend[t] : x[t] - trend[t];
                if (!Double.isNaN(v)) {
                    figure[t % m] += v;
                    count[t % m]++;
                }
            }
        }
        double avg = 0;
        for (int i = 0; i < m; i++) {
            figure[i] = count[i] == 0 ? (multiplicative ? 1 : 0) : figure[i] / count[i];
            avg += figure[i];
        }
        avg /= m;
        for (int i = 0; i < m; i++) {
            figure[i] = multiplicative ? figure[i] / avg : figure[i] - avg;
        }
        return figure;
    }

    /** Centred moving average of order m (2×m for even m) as R's {@code decompose()}; NaN where undefined. */
    static double[] movingAverage(double[] x, int m) {
        int n = x.length;
        double[] trend = new double[n];
        Arrays.fill(trend, Double.NaN);
        if (m % 2 == 0) {
            int half = m / 2;
            for (int t = half; t + half < n; t++) {
                double s = 0.5 * x[t - half] + 0.5 * x[t + half];
                for (int k = -half + 1; k < half; k++) {
                    s += x[t + k];
                }
                trend[t] = s / m;
            }
        } else {
            int half = m / 2;
            for (int t = half; t + half < n; t++) {
                double s = 0;
                for (int k = -half; k <= half; k++) {
                    s += x[t + k];
                }
                trend[t] = s / m;
            }
        }
        return trend;
    }
}
