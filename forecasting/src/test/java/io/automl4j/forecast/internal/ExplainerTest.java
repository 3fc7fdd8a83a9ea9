package io.automl4j.forecast.internal;

import io.automl4j.forecast.ForecastExplanation;
import io.automl4j.forecast.Frequency;
import io.automl4j.forecast.Holidays;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Attribution arithmetic of FCST-R20: scopes, normalisation and PROPHET_LIKE's linear terms. */
class ExplainerTest {
    @Test
    void scores_signedMeansPerScopeDividedByTheLargestAbsoluteMean() {
        // 2 series × 2 steps × attributes (p, q); values in units of y
        double[][][] a = {
            {{4, -1}, {2, -3}},     // series x: means p 3, q −2
            {{-2, 0}, {0, 0}},      // series z: means p −1, q 0
        };
        LocalDateTime t = LocalDateTime.of(2024, 1, 1, 0, 0);
        List<Series> series = List.of(new Series("x", t, new double[0]), new Series("z", t, new double[0]));
        ForecastExplanation e = Explainer.scores(List.of("p", "q"), series, a);
        // overall means: p (4 + 2 − 2 + 0)/4 = 1, q (−1 − 3 + 0 + 0)/4 = −1
        assertThat(e.overall()).containsExactly(Map.entry("p", 1.0), Map.entry("q", -1.0));
        assertThat(e.perSeries().get("x")).containsExactly(Map.entry("p", 1.0), Map.entry("q", -2.0 / 3));
        assertThat(e.perSeries().get("z")).containsExactly(Map.entry("p", -1.0), Map.entry("q", 0.0));
        // step 1: p (4 − 2)/2 = 1, q −0.5; step 2: p 1, q −1.5
        assertThat(e.perStep().get(0)).containsExactly(Map.entry("p", 1.0), Map.entry("q", -0.5));
        assertThat(e.perStep().get(1)).containsExactly(Map.entry("p", 1.0 / 1.5), Map.entry("q", -1.0));
        // a scope without any attribution scores 0, not NaN
        ForecastExplanation zero = Explainer.scores(List.of("p"), List.of(series.get(0)), new double[][][] {{{0}}});
        assertThat(zero.overall()).containsEntry("p", 0.0);
    }

    /** Daily 2016-06-01 … 2019-06-27: 100, −10 on Saturdays, +50 on US public holidays, N(0, 2²) noise. */
    @Test
    void prophetHolidays_recoversTheHolidayEffectInUnitsOfTheTarget() {
        LocalDate first = LocalDate.of(2016, 6, 1);
        LocalDate last = LocalDate.of(2019, 6, 27);
        Random rnd = new Random(5);
        int n = (int) (last.toEpochDay() - first.toEpochDay()) + 1;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            LocalDate d = first.plusDays(i);
            boolean holiday = Holidays.holidays("US", d.getYear()).containsKey(d);
            y[i] = 100 + (d.getDayOfWeek().getValue() == 6 ? -10 : 0) + (holiday ? 50 : 0) + 2 * rnd.nextGaussian();
        }
        TimeAxis axis = new TimeAxis(first.atStartOfDay(), Frequency.parse("D"), "US");
        double[] attribution = Explainer.prophetHolidays(y, axis, 14);
        // forecast days 2019-06-28 … 07-11: Independence Day is step 7 (index 6)
        assertThat(attribution[6]).isCloseTo(50, within(5.0));
        for (int k = 0; k < 14; k++) {
            if (k != 6) {
                // minus the coefficients times the holidays' share of history days (~11 in 365 → about −1.5)
                assertThat(attribution[k]).isBetween(-4.0, 0.0);
            }
        }
        // equal to Σ coefficient × (x − history mean) over the fit's holiday columns
        ProphetLike.Fit fit = ProphetLike.fit(y, axis, 14);
        double expected = 0;
        for (int j = 0; j < fit.design.p(); j++) {
            if (fit.design.kinds.get(j) == ProphetLike.Kind.HOLIDAY) {
                double mean = 0;
                for (int i = 0; i < n; i++) {
                    mean += fit.design.x[i][j] / n;
                }
                expected += fit.coefficient(fit.design.names.get(j)) * (fit.design.x[n + 6][j] - mean);
            }
        }
        assertThat(attribution[6]).isCloseTo(expected, within(1e-9));
        // a one-point series is forecast by NAIVE: nothing to attribute
        assertThat(Explainer.prophetHolidays(new double[] {3}, axis, 14)).isNull();
    }
}
