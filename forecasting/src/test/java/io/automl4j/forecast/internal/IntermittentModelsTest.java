package io.automl4j.forecast.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** CROSTON (SBA), TSB and NPTS (FCST-R10) against hand computations and their defining properties. */
class IntermittentModelsTest {
    @Test
    void crostonSbaByHand() {
        // demands 4 at t=1 (interval 2), 6 at t=4 (interval 3), 2 at t=5 (interval 1)
        double[] y = {0, 4, 0, 0, 6, 2, 0};
        // z: 4 → 4 + 0.1·(6 − 4) = 4.2 → 4.2 + 0.1·(2 − 4.2) = 3.98
        // p: 2 → 2 + 0.1·(3 − 2) = 2.1 → 2.1 + 0.1·(1 − 2.1) = 1.99
        Prediction p = new Croston().forecast(y, 3, 1, new double[] {0.5}, 1);
        assertThat(p.mean()).containsOnly((1 - 0.05) * 3.98 / 1.99);
        assertThat(p.quantiles()[0][0]).isGreaterThanOrEqualTo(0);
    }

    @Test
    void crostonOnlyForIntermittentSeries() {
        assertThat(Croston.intermittent(new double[] {0, 0, 0, 1, 2, 3, 4, 5, 6, 7})).isTrue();
        assertThat(Croston.intermittent(new double[] {0, 0, 1, 1, 2, 3, 4, 5, 6, 7})).isFalse();
        assertThat(new Croston().forecast(new double[] {1, 2, 3, 4}, 2, 1, new double[] {0.5}, 1)).isNull();
    }

    @Test
    void nptsSamplesPastValuesReproducibly() {
        double[] y = {10, 20, 30, 40, 50};
        Prediction a = new Npts().forecast(y, 4, 1, new double[] {0.1, 0.9}, 11);
        Prediction b = new Npts().forecast(y, 4, 1, new double[] {0.1, 0.9}, 11);
        assertThat(a.mean()).containsExactly(b.mean());
        // λ = 1: the last value has weight 1/(1 + e^−1 + e^−2 + …) ≈ 0.63, so the mean of step 1 is near 50
        double w = 0;
        double m = 0;
        for (int j = 0; j < 5; j++) {
            w += Math.exp(-j);
            m += Math.exp(-j) * y[4 - j];
        }
        assertThat(a.mean()[0]).isCloseTo(m / w, within(4.0));
        for (int k = 0; k < 4; k++) {
            assertThat(a.quantiles()[0][k]).isBetween(10.0, 50.0);
            assertThat(a.quantiles()[1][k]).isEqualTo(50.0);
        }
    }

    @Test
    void tsbRecursionByHand() {
        double[] y = {0, 4, 0, 0, 6, 2, 0};
        // p0 = 3 non-zero of 7, z0 = (4 + 6 + 2) / 3 = 4; α = 0.2 (size), β = 0.3 (probability)
        double p = 3 / 7.0;
        double z = 4;
        double[] fitted = new double[7];
        fitted[0] = p * z;   // 1.714…; y = 0: p ← 0.7·p = 0.3
        p = 0.3;
        fitted[1] = p * z;   // 1.2; y = 4: p ← 0.3 + 0.3·0.7 = 0.51, z ← 4 + 0.2·0 = 4
        p = 0.51;
        fitted[2] = p * z;   // 2.04; y = 0: p ← 0.357
        p = 0.357;
        fitted[3] = p * z;   // y = 0: p ← 0.2499
        p = 0.2499;
        fitted[4] = p * z;   // y = 6: p ← 0.2499 + 0.3·0.7501 = 0.47493, z ← 4 + 0.2·2 = 4.4
        p = 0.47493;
        z = 4.4;
        fitted[5] = p * z;   // y = 2: p ← 0.47493 + 0.3·0.52507 = 0.632451, z ← 4.4 − 0.2·2.4 = 3.92
        p = 0.632451;
        z = 3.92;
        fitted[6] = p * z;   // y = 0: p ← 0.7·0.632451 = 0.4427157
        Tsb.Fit fit = Tsb.recursion(y, 0.2, 0.3);
        for (int t = 0; t < 7; t++) {
            assertThat(fit.fitted()[t]).as("t=%d", t).isCloseTo(fitted[t], within(1e-12));
        }
        assertThat(fit.p()).isCloseTo(0.4427157, within(1e-12));
        assertThat(fit.z()).isCloseTo(3.92, within(1e-12));
        assertThat(fit.forecast()).isCloseTo(0.4427157 * 3.92, within(1e-12));
    }

    @Test
    void tsbParametersMinimiseTheInSampleErrorWithinBounds() {
        int[] pattern = {0, 0, 3, 0, 5, 0, 0, 0, 2, 4, 0, 1, 0, 0, 6};
        double[] y = new double[60];
        for (int t = 0; t < y.length; t++) {
            y[t] = pattern[(t * 7) % pattern.length];
        }
        double[] ab = Tsb.optimise(y);
        assertThat(ab[0]).isBetween(Tsb.MIN_PARAM, Tsb.MAX_PARAM);
        assertThat(ab[1]).isBetween(Tsb.MIN_PARAM, Tsb.MAX_PARAM);
        double best = Tsb.mse(y, ab[0], ab[1]);
        // no point of a 0.02 grid over the bounds does better (beyond the optimiser's tolerance)
        for (double a = Tsb.MIN_PARAM; a <= Tsb.MAX_PARAM; a += 0.02) {
            for (double b = Tsb.MIN_PARAM; b <= Tsb.MAX_PARAM; b += 0.02) {
                assertThat(best).as("α=%.2f β=%.2f", a, b).isLessThanOrEqualTo(Tsb.mse(y, a, b) + 1e-6);
            }
        }
    }

    @Test
    void tsbForecastDecaysThroughTrailingZerosWhereCrostonStaysFlat() {
        // demand 5 every other period for 30 periods, then 20 periods without demand (an item going obsolete)
        double[] y = new double[50];
        for (int t = 0; t < 30; t += 2) {
            y[t] = 5;
        }
        Prediction tsb = new Tsb().forecast(y, 3, 1, new double[] {0.1, 0.5, 0.9}, 1);
        Prediction croston = new Croston().forecast(y, 3, 1, new double[] {0.5}, 1);
        // Croston still forecasts ≈ 0.95·5/2; TSB's demand probability has decayed over the 20 zeros
        assertThat(croston.mean()[0]).isGreaterThan(2.0);
        assertThat(tsb.mean()[0]).isLessThan(0.5);
        assertThat(tsb.mean()).containsOnly(tsb.mean()[0]);
        for (double[] q : tsb.quantiles()) {
            for (double v : q) {
                assertThat(v).isGreaterThanOrEqualTo(0);
            }
        }
        // only intermittent series; an all-zero one forecasts 0
        assertThat(new Tsb().forecast(new double[] {1, 2, 3, 4}, 2, 1, new double[] {0.5}, 1)).isNull();
        assertThat(new Tsb().forecast(new double[] {0, 0, 0}, 2, 1, new double[] {0.5}, 1).mean()).containsOnly(0.0);
    }
}
