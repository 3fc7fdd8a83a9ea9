package io.automl4j.forecast;

import io.automl4j.api.data.Dataset;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** PROPHET_LIKE through the public API (FCST-R10, R15): holiday effects, a real monthly series, reproducibility. */
class ProphetLikeJobTest {
    private static final LocalDate HOLIDAY = LocalDate.of(2019, 7, 4);

    /** Daily 2016-06-01 … 2019-06-20: 100 + weekday effect + 50 on US public holidays + N(0, 2²) noise. */
    private static Dataset holidaySeries() {
        Random rnd = new Random(3);
        List<String> ids = new ArrayList<>();
        List<String> ts = new ArrayList<>();
        List<Object> y = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2016, 6, 1); d.isBefore(LocalDate.of(2019, 6, 21)); d = d.plusDays(1)) {
            boolean holiday = Holidays.holidays("US", d.getYear()).containsKey(d);
            double v = 100 + (d.getDayOfWeek() == DayOfWeek.SATURDAY ? -10 : 0) + (holiday ? 50 : 0)
                    + 2 * rnd.nextGaussian();
            ids.add("s");
            ts.add(d.toString());
            y.add(v);
        }
        return Dataset.builder().column("id", ids).column("ts", ts).column("y", y).build();
    }

    private static ForecastJob.Builder daily() {
        return ForecastJob.builder().itemId("id").timestamp("ts").target("y").horizon(28).seed(5);
    }

    @Test
    void futureHolidaySpikeOnlyWithHolidayCountryFcstR15() {
        Dataset data = holidaySeries();
        SeriesForecast with = Forecaster.of(daily().holidayCountry("US").build(), ForecastAlgorithm.PROPHET_LIKE)
                .predict(data).series().get(0);
        SeriesForecast without = Forecaster.of(daily().build(), ForecastAlgorithm.PROPHET_LIKE).predict(data)
                .series().get(0);
        int k = with.timestamps().indexOf(HOLIDAY.atStartOfDay());
        assertThat(k).isEqualTo(13);
        // the +50 spike on Independence Day is forecast with the calendar …
        assertThat(with.mean()[k]).isBetween(140.0, 160.0);
        assertThat(with.quantile(0)[k]).isGreaterThan(130.0);
        // … and not without it
        assertThat(without.mean()[k]).isBetween(90.0, 115.0);
        // ordinary days agree with the baseline (100, Saturdays 90) either way
        for (int t = 0; t < 28; t++) {
            if (t == k) {
                continue;
            }
            double base = with.timestamps().get(t).getDayOfWeek() == DayOfWeek.SATURDAY ? 90 : 100;
            assertThat(with.mean()[t]).isBetween(base - 4, base + 4);
            assertThat(with.quantile(0)[t]).isLessThanOrEqualTo(with.quantile(1)[t]);
            assertThat(with.quantile(1)[t]).isLessThanOrEqualTo(with.quantile(2)[t]);
        }
    }

    @Test
    void airPassengersLastTwelveMonthsFcstR10() throws Exception {
        List<String> lines = Files.readAllLines(Path.of(getClass().getResource("/fcst/air_passengers.csv").toURI()));
        List<String> ids = new ArrayList<>();
        List<String> ts = new ArrayList<>();
        List<Object> y = new ArrayList<>();
        double[] test = new double[12];
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            if (i <= 132) {
                ids.add(f[0]);
                ts.add(f[1]);
                y.add(Double.parseDouble(f[2]));
            } else {
                test[i - 133] = Double.parseDouble(f[2]);
            }
        }
        Dataset train = Dataset.builder().column("item_id", ids).column("timestamp", ts).column("target", y).build();
        ForecastJob job = ForecastJob.builder().itemId("item_id").timestamp("timestamp").target("target").horizon(12)
                .seed(1).build();
        SeriesForecast f = Forecaster.of(job, ForecastAlgorithm.PROPHET_LIKE).predict(train).series().get(0);
        assertThat(f.timestamps().get(0)).hasToString("1960-01-01T00:00");
        double smape = 0;
        for (int t = 0; t < 12; t++) {
            smape += 200.0 / 12 * Math.abs(test[t] - f.mean()[t]) / (Math.abs(test[t]) + Math.abs(f.mean()[t]));
        }
        // measured 6.68 (additive seasonality on a multiplicative series); naive 16.1, seasonal naive 10.6
        assertThat(smape).isLessThan(7.5);
    }

    @Test
    void sameSeedSameForecastsWithHolidaysFcstR21() {
        Dataset data = holidaySeries();
        ForecastJob job = daily().holidayCountry("us").algorithms(ForecastAlgorithm.PROPHET_LIKE,
                ForecastAlgorithm.SEASONAL_NAIVE).backtestWindows(2).build();
        assertThat(job.holidayCountry()).contains("US");
        ForecastResult a = job.fit(data);
        ForecastResult b = job.fit(data);
        assertThat(b.forecasts().series().get(0).mean()).containsExactly(a.forecasts().series().get(0).mean());
        assertThat(b.forecasts().series().get(0).quantile(0)).containsExactly(a.forecasts().series().get(0).quantile(0));
        assertThat(b.leaderboard().get(0).metrics()).isEqualTo(a.leaderboard().get(0).metrics());
        // with the calendar PROPHET_LIKE beats the seasonal naive forecast on the backtests of this series
        LeaderboardRow prophet = a.leaderboard().stream().filter(r -> r.model().equals("PROPHET_LIKE")).findFirst()
                .orElseThrow();
        LeaderboardRow snaive = a.leaderboard().stream().filter(r -> r.model().equals("SEASONAL_NAIVE")).findFirst()
                .orElseThrow();
        assertThat(prophet.objective()).isLessThan(snaive.objective());
        assertThat(prophet.fallbackSeries()).isZero();
    }

    @Test
    void statisticalModelsIgnoreTheCalendarFcstR15() {
        Dataset data = holidaySeries();
        for (ForecastAlgorithm a : List.of(ForecastAlgorithm.THETA, ForecastAlgorithm.SEASONAL_NAIVE)) {
            SeriesForecast with = Forecaster.of(daily().holidayCountry("US").build(), a).predict(data).series().get(0);
            SeriesForecast without = Forecaster.of(daily().build(), a).predict(data).series().get(0);
            assertThat(with.mean()).as(a.name()).containsExactly(without.mean());
        }
    }

    @Test
    void seriesOutsideTheCalendarYearsWarnFcstR15() {
        List<String> ids = new ArrayList<>();
        List<String> ts = new ArrayList<>();
        List<Object> y = new ArrayList<>();
        for (LocalDate d = LocalDate.of(1989, 10, 1); d.isBefore(LocalDate.of(1989, 12, 31)); d = d.plusDays(1)) {
            ids.add("old");
            ts.add(d.toString());
            y.add((double) d.getDayOfMonth());
        }
        ForecastResult r = daily().horizon(7).holidayCountry("US").algorithms(ForecastAlgorithm.PROPHET_LIKE)
                .build().fit(Dataset.builder().column("id", ids).column("ts", ts).column("y", y).build());
        assertThat(r.warnings()).anyMatch(w -> w.startsWith("1 series reach outside the holiday calendar years"
                + " 1990–2040"));
        assertThat(r.leaderboard().get(0).fallbackSeries()).isZero();
        assertThat(r.forecasts().series().get(0).mean()).hasSize(7);
    }
}
