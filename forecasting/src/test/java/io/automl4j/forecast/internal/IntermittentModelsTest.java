package io.automl4j.forecast.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** CROSTON (SBA) and NPTS (FCST-R10) against hand computations and their defining properties. */
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
}
