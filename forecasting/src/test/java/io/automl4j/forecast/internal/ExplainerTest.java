package io.automl4j.forecast.internal;

import io.automl4j.forecast.ForecastAlgorithm;
import io.automl4j.forecast.ForecastExplanation;
import io.automl4j.forecast.ForecastJob;
import io.automl4j.forecast.Frequency;
import io.automl4j.forecast.Holidays;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
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
        double[][] byAttribute = Explainer.prophetAttribution(y, axis, 14, 0, new int[0], 1);
        double[] attribution = new double[14];
        for (int k = 0; k < 14; k++) {
            attribution[k] = byAttribute[k][0];
        }
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
        assertThat(Explainer.prophetAttribution(new double[] {3}, axis, 14, 0, new int[0], 1)).isNull();
    }

    /**
     * 400 days of y = 50 + 3·x + 0.1·t + N(0, 0.5²) with a price-like x ~ N(5, 2²), a 0/1 flag f (+8 when set) and a
     * column c constant over the history: PROPHET_LIKE's regressor terms recover 3·(x − x̄) and 8·(f − f̄).
     */
    @Test
    void prophetAttribution_regressorsAreExactLinearTermsInUnitsOfTheTarget() {
        int n = 400;
        int h = 5;
        Random rnd = new Random(8);
        double[] x = new double[n + h];
        double[] flag = new double[n + h];
        double[] constant = new double[n + h];
        double[] y = new double[n];
        for (int t = 0; t < n + h; t++) {
            x[t] = 5 + 2 * rnd.nextGaussian();
            flag[t] = rnd.nextDouble() < 0.3 ? 1 : 0;
            constant[t] = t < n ? 7 : 9;
            if (t < n) {
                y[t] = 50 + 3 * x[t] + 8 * flag[t] + 0.1 * t + 0.5 * rnd.nextGaussian();
            }
        }
        TimeAxis axis = new TimeAxis(LocalDate.of(2022, 1, 3).atStartOfDay(), Frequency.parse("D"), null,
                new double[][] {x, flag, constant});
        // the constant column cannot be estimated: left out of the design; x standardised, the flag kept as 0/1
        ProphetLike.Design d = ProphetLike.Design.of(n, h, axis);
        assertThat(d.names).contains("regressor:0", "regressor:1").doesNotContain("regressor:2");
        int flagColumn = d.names.indexOf("regressor:1");
        assertThat(d.x[0][flagColumn]).isEqualTo(flag[0]);
        double[][] a = Explainer.prophetAttribution(y, axis, h, -1, new int[] {0, 1, 2}, 3);
        double xMean = 0;
        double fMean = 0;
        for (int t = 0; t < n; t++) {
            xMean += x[t] / n;
            fMean += flag[t] / n;
        }
        for (int k = 0; k < h; k++) {
            assertThat(a[k][0]).isCloseTo(3 * (x[n + k] - xMean), within(0.05 * Math.abs(x[n + k] - xMean) + 0.05));
            assertThat(a[k][1]).isCloseTo(8 * (flag[n + k] - fMean), within(0.4));
            assertThat(a[k][2]).isZero();
        }
    }

    /**
     * 3 daily series of 90 days, y = level · (1 + 0.2·a) with a ~ N(0, 1), 7 future days: an ensemble's attributions
     * are its members' attributions times their weights (members that cannot attribute add nothing).
     */
    @Test
    void attributions_ensembleWeighsItsMembersAttributions() {
        int days = 90;
        int h = 7;
        Random rnd = new Random(4);
        Frequency daily = Frequency.parse("D");
        List<Series> series = new ArrayList<>();
        List<SeriesCovariates> covs = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            double[] a = new double[days + h];
            double[] y = new double[days];
            for (int t = 0; t < days + h; t++) {
                a[t] = t < days ? rnd.nextGaussian() : 1 + 0.2 * rnd.nextGaussian();
                if (t < days) {
                    y[t] = (20 + 10 * s) * (1 + 0.2 * a[t]);
                }
            }
            series.add(new Series("s" + s, LocalDate.of(2024, 1, 1).atStartOfDay(), y));
            covs.add(new SeriesCovariates(new double[][] {a}, new String[0][], new double[0], new String[0]));
        }
        CovariateSchema schema = new CovariateSchema(List.of("a"), List.of(), List.of(), List.of());
        ForecastJob job = ForecastJob.builder().itemId("id").timestamp("ts").target("y").horizon(h)
                .knownCovariates("a").threads(1).build();
        GlobalGbm.Model gbm = GlobalGbm.fit(series, new int[] {days, days, days}, covs, schema, daily, 7,
                new double[] {0.5}, 1L, 1, TimestampFeatures.NONE, GlobalGbm.Budget.NONE, 60, true);
        double[][][] g = Explainer.attributions(job, Map.of(ForecastAlgorithm.GLOBAL_GBM, 1.0), series, daily,
                schema, gbm, covs, h);
        double[][][] p = Explainer.attributions(job, Map.of(ForecastAlgorithm.PROPHET_LIKE, 1.0), series, daily,
                schema, null, covs, h);
        double[][][] e = Explainer.attributions(job, Map.of(ForecastAlgorithm.GLOBAL_GBM, 0.6,
                ForecastAlgorithm.PROPHET_LIKE, 0.32, ForecastAlgorithm.NAIVE, 0.08), series, daily, schema, gbm, covs,
                h);
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < h; k++) {
                // a ≈ +1 in the future: both members attribute a rise
                assertThat(g[i][k][0]).isPositive();
                assertThat(p[i][k][0]).isPositive();
                assertThat(e[i][k][0]).isCloseTo(0.6 * g[i][k][0] + 0.32 * p[i][k][0], within(1e-9));
            }
        }
    }
}
