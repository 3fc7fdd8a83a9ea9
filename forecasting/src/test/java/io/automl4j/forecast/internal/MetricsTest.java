package io.automl4j.forecast.internal;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** FCST-R17 formulas against hand computations. */
class MetricsTest {
    // series A: train 1,2,3,4,5 ; actual 10, 20 ; mean 12, 18 ; q10 8, 15 ; q90 14, 25 ; naive2 5, 5
    // series B: train 2,2,4,4   ; actual 0, 5  ; mean 1, 5  ; q10 0, 4  ; q90 2, 6  ; naive2 4, 4
    private static final Metrics.Scored A = new Metrics.Scored(new double[] {10, 20}, new double[] {12, 18},
            new double[][] {{8, 15}, {14, 25}}, new double[] {1, 2, 3, 4, 5}, new double[] {5, 5});
    private static final Metrics.Scored B = new Metrics.Scored(new double[] {0, 5}, new double[] {1, 5},
            new double[][] {{0, 4}, {2, 6}}, new double[] {2, 2, 4, 4}, new double[] {4, 4});
    private static final List<Metrics.Scored> W = List.of(A, B);

    @Test
    void weightedQuantileLoss() {
        // τ=0.1: A: (0.1·2 + 0) + (0.1·5) = 0.7 ; B: 0 + 0.1·1 = 0.1 → 2·0.8/35
        assertThat(Metrics.wql(W, 0, 0.1)).isCloseTo(2 * 0.8 / 35, within(1e-12));
        // τ=0.9: A: 0.1·4 + 0.1·5 = 0.9 ; B: 0.1·2 + 0.1·1 = 0.3 → 2·1.2/35
        assertThat(Metrics.wql(W, 1, 0.9)).isCloseTo(2 * 1.2 / 35, within(1e-12));
        assertThat(Metrics.averageWql(W, new double[] {0.1, 0.9})).isCloseTo((1.6 + 2.4) / 35 / 2, within(1e-12));
    }

    @Test
    void wapeRmseMape() {
        // |e| = 2, 2, 1, 0 ; Σ|y| = 35
        assertThat(Metrics.wape(W)).isCloseTo(5.0 / 35, within(1e-12));
        assertThat(Metrics.rmse(W)).isCloseTo(Math.sqrt((4 + 4 + 1 + 0) / 4.0), within(1e-12));
        // y = 0 excluded: (2/10 + 2/20 + 0/5) / 3
        assertThat(Metrics.mape(W)).isCloseTo((0.2 + 0.1 + 0) / 3, within(1e-12));
    }

    @Test
    void maseWithSeasonalScale() {
        // m = 1: A scale = mean(1,1,1,1) = 1, error mean 2 → 2 ; B scale = (0+2+0)/3, error mean 0.5 → 0.75
        assertThat(Metrics.mase(W, 1, false)).isCloseTo((2 + 0.75) / 2, within(1e-12));
        // m = 2: A scale = (2+2+2)/3 = 2 → 1 ; B scale = (2+2)/2 = 2 → 0.25
        assertThat(Metrics.mase(W, 2, false)).isCloseTo((1 + 0.25) / 2, within(1e-12));
        // m = 4: B has no scale (n − m = 0) and is excluded: A scale = 4 → 0.5
        assertThat(Metrics.mase(W, 4, false)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void smapeM4ConventionAndOwa() {
        // A: 200/2·(2/22 + 2/38) ; B: 200/2·(1/1 + 0/10)
        double a = 100 * (2.0 / 22 + 2.0 / 38);
        double b = 100 * (1.0 + 0);
        assertThat(Metrics.smape(W, false)).isCloseTo((a + b) / 2, within(1e-10));
        // 0/0 terms count as 0
        Metrics.Scored zero = new Metrics.Scored(new double[] {0, 0}, new double[] {0, 0},
                new double[][] {{0, 0}}, new double[] {1, 1}, null);
        assertThat(Metrics.smape(List.of(zero), false)).isZero();
        // Naive2: A 100·(5/15 + 15/25) ; B 100·(4/4 + 1/9)
        double n2 = (100 * (5.0 / 15 + 15.0 / 25) + 100 * (4.0 / 4 + 1.0 / 9)) / 2;
        double maseN2 = ((5 + 15) / 2.0 / 1 + (4 + 1) / 2.0 / (2.0 / 3)) / 2;
        double owa = 0.5 * (Metrics.smape(W, false) / n2 + Metrics.mase(W, 1, false) / maseN2);
        assertThat(Metrics.all(W, new double[] {0.1, 0.9}, 1).get(io.automl4j.forecast.ForecastMetric.OWA))
                .isCloseTo(owa, within(1e-12));
    }

    @Test
    void zeroDenominatorIsUndefined() {
        Metrics.Scored zero = new Metrics.Scored(new double[] {0, 0}, new double[] {1, 1},
                new double[][] {{0, 0}}, new double[] {1, 2}, null);
        assertThat(Metrics.wape(List.of(zero))).isNaN();
        assertThat(Metrics.wql(List.of(zero), 0, 0.5)).isNaN();
        assertThat(Metrics.mape(List.of(zero))).isNaN();
    }
}
