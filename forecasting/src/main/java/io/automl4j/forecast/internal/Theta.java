package io.automl4j.forecast.internal;

import java.util.Arrays;

/**
 * The Theta method as R's {@code forecast::thetaf()} (Hyndman &amp; Billah 2003 formulation of Assimakopoulos &amp;
 * Nikolopoulos 2000): if the 90% autocorrelation test finds seasonality at lag m, the series is divided by the
 * classical multiplicative seasonal figure; simple exponential smoothing (ETS(A,N,N) fitted by one-step MSE, as
 * {@code ses()}) gives the level; the drift is half the OLS slope b: ŷ_{n+k} = ℓ_n + (b/2)·((k−1) + (1 − (1−α)^n)/α);
 * the forecast is reseasonalised. Intervals: ŷ ± z·σ·√((k−1)α² + 1) with σ² of the SES fit.
 */
final class Theta implements LocalModel.Univariate {
    @Override
    public Prediction forecast(double[] y, int h, int period, double[] levels, long seed) {
        int n = y.length;
        if (n < 3 || Stats.isConstant(y)) {
            double[] mean = new double[h];
            Arrays.fill(mean, y[n - 1]);
            return Prediction.gaussian(mean, new double[h], levels);
        }
        int m = period;
        boolean seasonal = Stats.seasonalityTest(y, m);
        double[] x = y;
        double[] figure = null;
        if (seasonal) {
            figure = Stats.seasonalFigure(y, m, true);
            boolean zero = false;
            for (double v : figure) {
                zero |= Math.abs(v) < 1e-4;
            }
            if (zero) {
                figure = null;
            } else {
                x = new double[n];
                for (int t = 0; t < n; t++) {
                    x[t] = y[t] / figure[t % m];
                }
            }
        }
        Ets.Fit ses = Ets.fit(x, new Ets.Spec('A', 'N', false, 'N'), 1, true);
        if (ses == null) {
            return null;
        }
        double slopeHalf = Stats.ols(x, n)[1] / 2;
        double alpha = Math.max(1e-10, ses.alpha);
        double[] mean = new double[h];
        double[] sd = new double[h];
        double sigma = Math.sqrt(ses.sigma2);
        for (int k = 0; k < h; k++) {
            mean[k] = ses.l + slopeHalf * (k + (1 - Math.pow(1 - alpha, n)) / alpha);
            if (figure != null) {
                mean[k] *= figure[(n + k) % m];
            }
            sd[k] = sigma * Math.sqrt(k * alpha * alpha + 1);
        }
        return Prediction.gaussian(mean, sd, levels);
    }
}
