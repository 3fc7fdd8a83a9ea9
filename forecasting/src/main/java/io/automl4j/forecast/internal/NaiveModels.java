package io.automl4j.forecast.internal;

/**
 * NAIVE (last value, σ√k) and SEASONAL_NAIVE (value one period back, σ√(⌊(k−1)/m⌋+1)) with σ the root mean square of
 * the in-sample one-step (resp. one-period) naive errors (FCST-R10).
 */
final class NaiveModels {
    private NaiveModels() {
    }

    static final LocalModel.Univariate NAIVE = (y, h, period, levels, seed) -> seasonal(y, h, 1, levels);

    static final LocalModel.Univariate SEASONAL_NAIVE = (y, h, period, levels, seed) ->
            seasonal(y, h, period > 1 && y.length >= 2 * period ? period : 1, levels);

    static Prediction seasonal(double[] y, int h, int m, double[] levels) {
        int n = y.length;
        double ss = 0;
        int cnt = 0;
        for (int t = m; t < n; t++) {
            double d = y[t] - y[t - m];
            ss += d * d;
            cnt++;
        }
        double sigma = cnt == 0 ? 0 : Math.sqrt(ss / cnt);
        double[] mean = new double[h];
        double[] sd = new double[h];
        for (int k = 1; k <= h; k++) {
            int back = n - m + (k - 1) % m;
            mean[k - 1] = y[Math.max(0, back)];
            sd[k - 1] = sigma * Math.sqrt((k - 1) / m + 1);
        }
        return Prediction.gaussian(mean, sd, levels);
    }

    /**
     * M4's Naive2: naive forecast of the seasonally adjusted series (classical multiplicative decomposition when the
     * 90% autocorrelation test passes), reseasonalised. Mean only.
     */
    static double[] naive2(double[] y, int h, int m) {
        int n = y.length;
        double[] out = new double[h];
        if (m > 1 && Stats.seasonalityTest(y, m)) {
            double[] fig = Stats.seasonalFigure(y, m, true);
            double last = y[n - 1] / fig[(n - 1) % m];
            for (int k = 0; k < h; k++) {
                out[k] = last * fig[(n + k) % m];
            }
        } else {
            java.util.Arrays.fill(out, y[n - 1]);
        }
        return out;
    }
}
