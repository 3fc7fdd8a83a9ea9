package io.automl4j.forecast.internal;

import io.automl4j.forecast.Frequency;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** PROPHET_LIKE (FCST-R10): design, MAP fit and intervals on synthetic series with known answers. */
class ProphetLikeTest {
    private static final double[] LEVELS = {0.1, 0.5, 0.9};
    private static final double[] WEEK = {0, 2, 4, 3, 1, -4, -6};   // Monday..Sunday, mean 0

    /** 364 days from Monday 2022-01-03: slope 0.2/day, then 1.0/day from day 200; weekly pattern; noise sd 0.5. */
    private static double truth(int t) {
        double trend = t < 200 ? 50 + 0.2 * t : 50 + 0.2 * 200 + 1.0 * (t - 200);
        return trend + WEEK[t % 7];
    }

    private static double[] synthetic(int n, long seed) {
        Random rnd = new Random(seed);
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            y[t] = truth(t) + 0.5 * rnd.nextGaussian();
        }
        return y;
    }

    private static final TimeAxis DAILY = new TimeAxis(LocalDate.of(2022, 1, 3).atStartOfDay(), Frequency.parse("D"),
            null);

    @Test
    void designFollowsProphetChangepointsAndSeasonalityRules() {
        ProphetLike.Design d = ProphetLike.Design.of(364, 28, DAILY);
        // H = ⌊0.8·364⌋ = 291 → 25 changepoints, the last at step 290; weekly order 3; yearly needs 730 days
        assertThat(d.changepoints).isEqualTo(25);
        assertThat(d.names).contains("changepoint@290", "weekly_sin3", "weekly_cos3")
                .doesNotContain("weekly_sin4", "yearly_sin1", "daily_sin1");
        assertThat(d.p()).isEqualTo(2 + 25 + 6);
        // monthly: yearly order capped at ⌊12/2⌋ = 6; quarterly at 2; yearly data: no seasonality
        TimeAxis monthly = new TimeAxis(LocalDateTime.of(1949, 1, 1, 0, 0), Frequency.parse("M"), null);
        assertThat(ProphetLike.Design.of(144, 12, monthly).names).contains("yearly_cos6").doesNotContain("yearly_sin7");
        assertThat(ProphetLike.Design.of(23, 12, monthly).names).doesNotContain("yearly_sin1");   // < 2 years
        TimeAxis quarterly = new TimeAxis(LocalDateTime.of(1980, 1, 1, 0, 0), Frequency.parse("Q"), null);
        assertThat(ProphetLike.Design.of(40, 8, quarterly).names).contains("yearly_cos2").doesNotContain("yearly_sin3");
        TimeAxis yearly = new TimeAxis(LocalDateTime.of(1980, 1, 1, 0, 0), Frequency.parse("Y"), null);
        assertThat(ProphetLike.Design.of(40, 8, yearly).p()).isEqualTo(2 + 25);
        // few points: H = ⌊0.8·5⌋ = 4 → 3 changepoints at steps 1, 2, 3
        assertThat(ProphetLike.Design.of(5, 2, yearly).names).containsExactly("intercept", "slope",
                "changepoint@1", "changepoint@2", "changepoint@3");
        // hourly with two weeks: daily order 4 and weekly order 3
        TimeAxis hourly = new TimeAxis(LocalDateTime.of(2024, 3, 4, 0, 0), Frequency.parse("H"), null);
        assertThat(ProphetLike.Design.of(24 * 14, 24, hourly).names).contains("daily_cos4", "weekly_cos3")
                .doesNotContain("daily_sin5", "weekly_sin4");
    }

    @Test
    void calendarPhases() {
        assertThat(ProphetLike.phase(LocalDateTime.of(2023, 1, 1, 0, 0), 0)).isZero();
        assertThat(ProphetLike.phase(LocalDateTime.of(2023, 7, 2, 12, 0), 0)).isCloseTo(182.5 / 365, within(1e-12));
        assertThat(ProphetLike.phase(LocalDateTime.of(2024, 3, 6, 6, 0), 1)).isCloseTo(2.25 / 7, within(1e-12));
        assertThat(ProphetLike.phase(LocalDateTime.of(2024, 3, 6, 18, 0), 2)).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void recoversTrendChangeAndWeeklySeasonality() {
        int n = 364;
        int h = 28;
        ProphetLike.Fit fit = ProphetLike.fit(synthetic(n, 11), DAILY, h);
        // slope of the last segment: same weekday one week apart → 1.0 per day
        assertThat((fit.mean(n + 7) - fit.mean(n)) / 7).isCloseTo(1.0, within(0.03));
        // the early slope (0.2 per day) is recovered too
        assertThat((fit.mean(105) - fit.mean(7)) / 98).isCloseTo(0.2, within(0.03));
        // forecast vs the noise-free truth: small error over 4 weeks (level ≈ 250)
        double mae = 0;
        for (int k = 0; k < h; k++) {
            mae += Math.abs(fit.mean(n + k) - truth(n + k)) / h;
        }
        assertThat(mae).isLessThan(1.0);
        // the weekly pattern: Sunday − Wednesday = −6 − 4 = −10, read on the forecast net of 4 days of trend
        int sunday = n + 6;   // step n is a Monday (364 = 52 weeks)
        assertThat(fit.mean(sunday) - fit.mean(n + 2) - 4 * 1.0).isCloseTo(-10, within(0.4));
        // residual σ ≈ 0.5 (in units of y)
        assertThat(Math.sqrt(fit.sigma2) * fit.scale).isCloseTo(0.5, within(0.06));
        // the L1 prior leaves almost all of the rate change on the changepoints near day 200
        double near = 0;
        double far = 0;
        for (int j = 0; j < fit.design.p(); j++) {
            String name = fit.design.names.get(j);
            if (name.startsWith("changepoint@")) {
                int at = Integer.parseInt(name.substring("changepoint@".length()));
                double delta = Math.abs(fit.theta[j]) * fit.scale / (n - 1);   // per day
                if (Math.abs(at - 200) <= 15) {
                    near += delta;
                } else {
                    far += delta;
                }
            }
        }
        assertThat(near).isGreaterThan(0.7);
        assertThat(far).isLessThan(0.1);
    }

    @Test
    void intervalsFromSimulatedTrendChangesAndNoiseAreSeededAndWiden() {
        int n = 364;
        double[] y = synthetic(n, 11);
        Prediction a = new ProphetLike().forecast(y, DAILY, 28, 7, LEVELS, 5);
        Prediction b = new ProphetLike().forecast(y, DAILY, 28, 7, LEVELS, 5);
        Prediction c = new ProphetLike().forecast(y, DAILY, 28, 7, LEVELS, 6);
        assertThat(b.mean()).containsExactly(a.mean());
        for (int i = 0; i < LEVELS.length; i++) {
            assertThat(b.quantiles()[i]).containsExactly(a.quantiles()[i]);
        }
        assertThat(c.mean()).containsExactly(a.mean());              // the mean does not depend on the seed
        assertThat(c.quantiles()[0]).isNotEqualTo(a.quantiles()[0]);  // the paths do
        for (int k = 0; k < 28; k++) {
            assertThat(a.quantiles()[0][k]).isLessThan(a.quantiles()[1][k]);
            assertThat(a.quantiles()[1][k]).isLessThan(a.quantiles()[2][k]);
            // the median of the paths sits near the point forecast
            assertThat(a.quantiles()[1][k]).isCloseTo(a.mean()[k], within(0.5 + 0.05 * k));
        }
        // step 1: noise only, p90 − p10 ≈ 2·1.2816·0.5 = 1.28; the trend changes widen the band with the horizon
        double w1 = a.quantiles()[2][0] - a.quantiles()[0][0];
        double w28 = a.quantiles()[2][27] - a.quantiles()[0][27];
        assertThat(w1).isBetween(1.0, 1.6);
        assertThat(w28).isGreaterThan(w1);
    }

    @Test
    void shortAndConstantSeries() {
        TimeAxis axis = new TimeAxis(LocalDateTime.of(2020, 1, 6, 0, 0), Frequency.parse("D"), null);
        Prediction two = new ProphetLike().forecast(new double[] {1, 3}, axis, 3, 1, LEVELS, 1);
        assertThat(two.mean()[0]).isCloseTo(5, within(0.1));
        assertThat(two.finite()).isTrue();
        Prediction zeros = new ProphetLike().forecast(new double[20], axis, 3, 1, LEVELS, 1);
        assertThat(zeros.mean()).containsOnly(0.0);
        assertThat(zeros.finite()).isTrue();
    }
}
