package io.automl4j.forecast.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** ETS skips missing observations in the likelihood instead of seeing interpolated values (FCST-R11). */
class EtsMissingValuesTest {
    @Test
    void simpleSmoothingSkipsAMissingStepByHand() {
        // ETS(A,N,N), l0 = 10, α = 0.5: errors 0, 2, (skipped), 0, 2; the level stays 11 over the gap
        double[] y = {10, 12, Double.NaN, 11, 13};
        double[] e = new double[5];
        Ets.Workspace ws = new Ets.Workspace(1);
        Ets.Result r = Ets.calc(y, new double[] {10}, new Ets.Spec('A', 'N', false, 'N'), 1, 0.5, 0, 0, 1, e, ws);
        assertThat(e).containsExactly(0, 2, Double.NaN, 0, 2);
        assertThat(r.lik()).isCloseTo(4 * Math.log(8), within(1e-12));
        assertThat(r.mse()).isCloseTo(2.0, within(1e-12));
        assertThat(ws.l).isEqualTo(12.0);
    }

    @Test
    void seasonalStatesStayAlignedOverAMissingStepByHand() {
        // ETS(A,N,A), m = 2, l0 = 10, s = (1, −1) with −1 due first, α = 0.5, γ = 0.1
        // t0 missing: ŷ = 9, level stays 10, the season moves on; t1: ŷ = 10 + 1 = 11, y = 12, e = 1,
        // l = 10 + 0.5·(11 − 10) = 10.5, s ← 1 + 0.1·(12 − 10 − 1) = 1.1; t2: ŷ = 10.5 − 1 = 9.5, y = 9, e = −0.5,
        // l = 10.5 + 0.5·(10 − 10.5) = 10.25, s ← −1 + 0.1·(9 − 10.5 + 1) = −1.05
        double[] y = {Double.NaN, 12, 9};
        double[] e = new double[3];
        Ets.Workspace ws = new Ets.Workspace(2);
        Ets.Result r = Ets.calc(y, new double[] {10, 1, -1}, new Ets.Spec('A', 'N', false, 'A'), 2, 0.5, 0, 0.1, 1, e,
                ws);
        assertThat(e[1]).isCloseTo(1, within(1e-12));
        assertThat(e[2]).isCloseTo(-0.5, within(1e-12));
        assertThat(r.lik()).isCloseTo(2 * Math.log(1.25), within(1e-12));
        assertThat(ws.l).isCloseTo(10.25, within(1e-12));
        assertThat(ws.s).containsExactly(new double[] {-1.05, 1.1}, within(1e-12));
    }

    @Test
    void aSeasonalSeriesWithGapsIsFitOnItsObservationsOnly() {
        // 60 months of 100 + 10·sin(2πt/12) + t/10 with every 7th value missing
        double[] y = new double[60];
        int missing = 0;
        for (int t = 0; t < y.length; t++) {
            y[t] = t % 7 == 3 ? Double.NaN : 100 + 10 * Math.sin(2 * Math.PI * t / 12) + t / 10.0;
            missing += Double.isNaN(y[t]) ? 1 : 0;
        }
        Ets.Fit fit = Ets.auto(y, 12);
        assertThat(fit.n).isEqualTo(60 - missing);
        assertThat(fit.spec.season()).isNotEqualTo('N');
        // the engine passes the gaps through to ETS (it is MissingAware) and the forecasts follow the pattern
        Models.Outcome o = Models.run(io.automl4j.forecast.ForecastAlgorithm.ETS, y, 12, 12, new double[] {0.5}, 1);
        assertThat(o.fallback()).isFalse();
        assertThat(o.prediction().mean()).containsExactly(new Ets().forecast(y, 12, 12, new double[] {0.5}, 1).mean());
        for (int k = 0; k < 12; k++) {
            int t = 60 + k;
            double truth = 100 + 10 * Math.sin(2 * Math.PI * t / 12) + t / 10.0;
            assertThat(o.prediction().mean()[k]).as("step %d", k + 1).isCloseTo(truth, within(1.5));
        }
    }
}
