package io.automl4j.forecast.internal;

import io.automl4j.forecast.ForecastAlgorithm;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.PowellOptimizer;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * ARIMA skips missing observations instead of seeing interpolated values (FCST-R11). R is not installed here, so the
 * exact likelihood is checked against the hand-derived AR(1) likelihood with gaps: after a gap of g steps the next
 * value has mean μ + φ^(g+1)(y_last − μ) and variance σ²(1 + φ² + … + φ^(2g)).
 */
class ArimaMissingValuesTest {
    private static final double NA = Double.NaN;

    /** Concentrated −log-likelihood / n_obs of an AR(1) with mean μ (the ML objective), by hand. */
    private static double handObjective(double[] y, double phi, double mu, double[] sigma2Out) {
        double ssq = 0;
        double sumLog = 0;
        int n = 0;
        int last = -1;
        for (int t = 0; t < y.length; t++) {
            if (Double.isNaN(y[t])) {
                continue;
            }
            double mean;
            double f;
            if (last < 0) {
                mean = mu;
                f = 1 / (1 - phi * phi);
            } else {
                int steps = t - last;
                mean = mu + Math.pow(phi, steps) * (y[last] - mu);
                f = 0;
                for (int j = 0; j < steps; j++) {
                    f += Math.pow(phi, 2 * j);
                }
            }
            double v = y[t] - mean;
            ssq += v * v / f;
            sumLog += Math.log(f);
            n++;
            last = t;
        }
        if (sigma2Out != null) {
            sigma2Out[0] = ssq / n;
        }
        return 0.5 * Math.log(ssq / n) + 0.5 * sumLog / n;
    }

    private static double[] ar1(int n, double phi, double mu, long seed) {
        Random rnd = new Random(seed);
        double[] y = new double[n];
        double x = rnd.nextGaussian() / Math.sqrt(1 - phi * phi);
        for (int t = 0; t < n; t++) {
            y[t] = mu + x;
            x = phi * x + rnd.nextGaussian();
        }
        return y;
    }

    @Test
    void kalmanLikelihoodOfAnArOneWithGapsEqualsTheHandLikelihood() {
        double[] y = {10.2, 11.5, NA, 9.1, 9.8, NA, NA, 10.9, 10.4, NA};
        for (double[] par : new double[][] {{0.6, 10}, {-0.3, 9.5}, {0.95, 10.4}}) {
            double[] s2 = new double[1];
            double[] hand = new double[1];
            double value = Arima.mlValue(new double[] {par[0]}, new double[0], par[1], y, s2);
            assertThat(value).as("phi %s", par[0]).isCloseTo(handObjective(y, par[0], par[1], hand), within(1e-10));
            assertThat(s2[0]).isCloseTo(hand[0], within(1e-10));
            // the filter on the undifferenced series (d = 0: no diffuse lags) gives the same
            assertThat(Arima.fullKalman(new double[] {par[0]}, new double[0], par[1], new double[0], y, s2, 0, null))
                    .isCloseTo(value, within(1e-10));
        }
        // gaps only: nothing observed, no likelihood
        assertThat(Arima.mlValue(new double[] {0.5}, new double[0], 0, new double[] {NA, NA}, null))
                .isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void randomWalkLikelihoodWithGapsEqualsTheHandLikelihood() {
        // ARIMA(0,1,0) with drift c: an increment over g steps is N(c·g, σ²·g); the first observation only pins the
        // diffuse initial level and is not counted
        double[] y = {3, 4.5, NA, NA, 9, 8, NA, 11, NA};
        double c = 0.7;
        double[][] jumps = {{1.5, 1}, {4.5, 3}, {-1, 1}, {3, 2}};
        double ssq = 0;
        double sumLog = 0;
        for (double[] j : jumps) {
            ssq += (j[0] - c * j[1]) * (j[0] - c * j[1]) / j[1];
            sumLog += Math.log(j[1]);
        }
        double hand = 0.5 * Math.log(ssq / 4) + 0.5 * sumLog / 4;
        double[] s2 = new double[1];
        assertThat(Arima.fullKalman(new double[0], new double[0], c, new double[] {1}, y, s2, 0, null))
                .isCloseTo(hand, within(1e-8));
        assertThat(s2[0]).isCloseTo(ssq / 4, within(1e-8));
    }

    @Test
    void mlFitOfAnArOneWithGapsMaximisesTheHandLikelihood() {
        double[] y = ar1(80, 0.6, 10, 7);
        for (int t : new int[] {5, 20, 21, 22, 47, 63}) {
            y[t] = NA;
        }
        Arima.Fit css = Arima.css(y, 74, 1, 0, 0, 0, 0, 0, 1, true);
        assertThat(css.aicc).isFinite();
        Arima.Fit ml = Arima.refineMl(css, y);
        // the optimum of the hand likelihood, found independently (Powell, commons-math)
        PointValuePair opt = new PowellOptimizer(1e-13, 1e-15).optimize(new MaxEval(20000),
                new ObjectiveFunction(p -> Math.abs(p[0]) >= 1 ? 1e10 : handObjective(y, p[0], p[1], null)),
                GoalType.MINIMIZE, new InitialGuess(new double[] {0, 10}));
        assertThat(ml.phi[0]).isCloseTo(opt.getPoint()[0], within(1e-3));
        assertThat(ml.c).isCloseTo(opt.getPoint()[1], within(1e-3));
        double[] hand = new double[1];
        handObjective(y, ml.phi[0], ml.c, hand);
        assertThat(ml.sigma2).isCloseTo(hand[0], within(1e-10));
        // and the gaps matter: the fit differs from one on the interpolated series
        Arima.Fit interpolated = Arima.refineMl(Arima.css(Stats.interpolate(y), 80, 1, 0, 0, 0, 0, 0, 1, true), null);
        assertThat(Math.abs(interpolated.phi[0] - ml.phi[0])).isGreaterThan(1e-3);
    }

    @Test
    void cssSkipsResidualsThatInvolveAMissingValueByHand() {
        // AR(1) without constant, φ = 0.5: residuals y_t − 0.5·y_{t−1} for t = 1..5; those touching the gap at t = 2
        // (t = 2 and t = 3) are skipped: e_1 = 2 − 1 = 1, e_4 = 3 − 2 = 1, e_5 = 1 − 1.5 = −0.5 → mean square 0.75
        double[] y = {2, 2, NA, 4, 3, 1};
        Arima.Fit shape = new Arima.Fit();
        shape.p = 1;
        shape.m = 1;
        double[] resid = new double[y.length];
        assertThat(Arima.cssValue(new double[] {0.5}, shape, y, 1, resid)).isCloseTo(0.75, within(1e-15));
        assertThat(resid).containsExactly(new double[] {0, 1, 0, 0, 1, -0.5}, within(1e-15));
        // the CSS fit is least squares over the kept pairs (y_{t−1}, y_t) = (2, 2), (4, 3), (3, 1): φ = 19/29
        Arima.Fit fit = Arima.css(y, 5, 1, 0, 0, 0, 0, 0, 1, false);
        assertThat(fit.phi[0]).isCloseTo(19.0 / 29, within(1e-4));
        // AICc with n = observed − d − D·m = 5 and 2 parameters: 5·log σ̂² + 4 + 2·2·3 / (5 − 2 − 1)
        double s2 = Arima.cssValue(new double[] {fit.phi[0]}, shape, y, 1, null);
        assertThat(fit.aicc).isCloseTo(5 * Math.log(s2) + 4 + 6, within(1e-9));
    }

    @Test
    void aMissingLastValueIsForecastFromTheFilteredStateByHand() {
        // AR(1), μ = 10, φ = 0.5, σ² = 1; the last value is missing: step k is k + 1 steps from y = 12
        Arima.Fit f = new Arima.Fit();
        f.p = 1;
        f.m = 1;
        f.constant = true;
        f.c = 10;
        f.phi = new double[] {0.5};
        f.theta = new double[0];
        f.sigma2 = 1;
        double[] y = {9, 11, 12, NA};
        f.w = y;
        Prediction p = Arima.predict(f, y, 3, new double[] {0.5, 0.8413447460685429});
        double var = 0;
        for (int k = 1; k <= 3; k++) {
            assertThat(p.mean()[k - 1]).isCloseTo(10 + Math.pow(0.5, k + 1) * 2, within(1e-12));
            var = 0;
            for (int j = 0; j <= k; j++) {
                var += Math.pow(0.25, j);
            }
            // the 84.13% quantile is mean + 1 sd
            assertThat(p.quantiles()[1][k - 1] - p.mean()[k - 1]).isCloseTo(Math.sqrt(var), within(1e-6));
        }
        // random walk with drift 0.5: y_{n} is predicted as 7 + 0.5, the forecasts go on from there
        Arima.Fit rw = new Arima.Fit();
        rw.d = 1;
        rw.m = 1;
        rw.constant = true;
        rw.c = 0.5;
        rw.phi = new double[0];
        rw.theta = new double[0];
        rw.sigma2 = 4;
        double[] z = {5, 6, 7, NA};
        rw.w = Arima.diff(z, 1);
        Prediction q = Arima.predict(rw, z, 2, new double[] {0.5, 0.8413447460685429});
        assertThat(q.mean()).containsExactly(new double[] {8, 8.5}, within(1e-8));
        assertThat(q.quantiles()[1][0] - 8).isCloseTo(Math.sqrt(4 * 2), within(1e-6));
        assertThat(q.quantiles()[1][1] - 8.5).isCloseTo(Math.sqrt(4 * 3), within(1e-6));
    }

    @Test
    void aSeasonalSeriesWithEverySeventhValueMissingIsFitOnItsObservations() {
        // 72 months of 100 + 10·sin(2πt/12) + t/10 + N(0, 0.5²) with every 7th value missing
        Random rnd = new Random(11);
        double[] y = new double[72];
        for (int t = 0; t < y.length; t++) {
            double v = 100 + 10 * Math.sin(2 * Math.PI * t / 12) + t / 10.0 + 0.5 * rnd.nextGaussian();
            y[t] = t % 7 == 3 ? NA : v;
        }
        Arima.Fit fit = Arima.auto(y, 12);
        assertThat(fit).isNotNull();
        assertThat(fit.sd).isEqualTo(1);
        assertThat(Arrays.stream(fit.w).filter(Double::isNaN).count()).as("gaps kept in the differences")
                .isGreaterThan(0);
        // the engine passes the gaps through (ARIMA is MissingAware)
        Models.Outcome o = Models.run(ForecastAlgorithm.ARIMA, y, 12, 12, new double[] {0.1, 0.5, 0.9}, 1);
        assertThat(o.fallback()).isFalse();
        assertThat(o.prediction().mean())
                .containsExactly(new Arima().forecast(y, 12, 12, new double[] {0.1, 0.5, 0.9}, 1).mean());
        for (int k = 0; k < 12; k++) {
            int t = 72 + k;
            double truth = 100 + 10 * Math.sin(2 * Math.PI * t / 12) + t / 10.0;
            assertThat(o.prediction().mean()[k]).as("step %d", k + 1).isCloseTo(truth, within(1.5));
            assertThat(o.prediction().quantiles()[0][k]).isLessThan(o.prediction().mean()[k]);
        }
    }

    @Test
    void forecastsAreNeverNaNWhateverTheGaps() {
        Random rnd = new Random(5);
        double[] base = ar1(40, 0.7, 50, 3);
        double[][] cases = new double[6][];
        cases[0] = base.clone();
        cases[0][39] = NA;
        cases[0][38] = NA;
        cases[0][37] = NA;
        cases[1] = base.clone();
        for (int t = 0; t < 40; t++) {
            if (rnd.nextDouble() < 0.3) {
                cases[1][t] = NA;
            }
        }
        cases[2] = base.clone();
        cases[2][0] = NA;
        cases[2][1] = NA;
        cases[3] = new double[] {4, NA, 4, 4, NA, 4, 4, NA};
        cases[4] = new double[] {NA, NA, 7, NA, NA};
        cases[5] = new double[40];
        for (int t = 0; t < 40; t++) {
            cases[5][t] = t % 2 == 1 ? NA : 20 + t + (t % 4 == 0 ? 3 : -3) + rnd.nextGaussian();
        }
        double[] levels = {0.05, 0.5, 0.95};
        for (int i = 0; i < cases.length; i++) {
            Prediction p = new Arima().forecast(cases[i], 6, 4, levels, 1);
            assertThat(p).as("case %d", i).isNotNull();
            assertThat(p.finite()).as("case %d", i).isTrue();
            Models.Outcome o = Models.run(ForecastAlgorithm.ARIMA, cases[i], 6, 4, levels, 1);
            assertThat(o.fallback()).as("case %d", i).isFalse();
        }
        assertThat(new Arima().forecast(cases[3], 3, 1, levels, 1).mean()).containsExactly(4, 4, 4);
        assertThat(new Arima().forecast(cases[4], 2, 1, levels, 1).mean()).containsExactly(7, 7);
        // leading gaps are dropped: the same forecast as the series without them
        assertThat(new Arima().forecast(cases[2], 6, 4, levels, 1).mean()).containsExactly(
                new Arima().forecast(Arrays.copyOfRange(base, 2, 40), 6, 4, levels, 1).mean());
        // nothing observed: no model (the engine falls back)
        assertThat(new Arima().forecast(new double[] {NA, NA, NA}, 2, 1, levels, 1)).isNull();
    }
}
