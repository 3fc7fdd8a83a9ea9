package io.automl4j.forecast;

import io.automl4j.api.InvalidJobSpecException;
import io.automl4j.api.data.Dataset;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad long-format input (FCST-R4…R9): clear errors or documented fallbacks, never NaN forecasts. */
class DataValidationTest {
    private static Dataset csv(String text) {
        return Dataset.readCsv(new StringReader(text), "test");
    }

    private static ForecastJob.Builder job(int h) {
        return ForecastJob.builder().itemId("id").timestamp("ts").target("y").horizon(h)
                .algorithms(ForecastAlgorithm.NAIVE, ForecastAlgorithm.ETS, ForecastAlgorithm.THETA).threads(1);
    }

    /** Monthly series of length n starting 2020-01-01 with values from f. */
    private static String monthly(String id, int n, java.util.function.IntToDoubleFunction f) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(id).append(',').append(LocalDate.of(2020, 1, 1).plusMonths(i)).append(',')
                    .append(f.applyAsDouble(i)).append('\n');
        }
        return sb.toString();
    }

    private static void assertFinite(ForecastResult r) {
        for (SeriesForecast s : r.forecasts().series()) {
            for (double v : s.mean()) {
                assertThat(v).isFinite();
            }
            for (int q = 0; q < r.job().quantiles().length; q++) {
                for (double v : s.quantile(q)) {
                    assertThat(v).isFinite();
                }
            }
        }
    }

    @Test
    void duplicateRowsAreAnErrorFcstR4() {
        String data = "id,ts,y\na,2020-01-01,1\na,2020-02-01,2\na,2020-02-01,3\n" + monthly("b", 20, i -> i);
        assertThatThrownBy(() -> job(2).build().fit(csv(data))).isInstanceOf(InvalidJobSpecException.class)
                .hasMessageContaining("duplicate rows for series 'a' at timestamp 2020-02-01T00:00")
                .hasMessageContaining("rows 2 and 3");
    }

    @Test
    void unparseableTimestampNamesTheRowFcstR4() {
        String data = "id,ts,y\na,2020-01-01,1\na,2020-02-01,2\na,2020-13-01,3\n";
        assertThatThrownBy(() -> job(1).build().fit(csv(data))).isInstanceOf(InvalidJobSpecException.class)
                .hasMessageContaining("'2020-13-01'").hasMessageContaining("row 3");
    }

    @Test
    void ambiguousDayMonthIsAnErrorFcstR4() {
        String data = "id,ts,y\na,01/02/2020,1\na,02/02/2020,2\na,03/02/2020,3\na,04/02/2020,4\n";
        assertThatThrownBy(() -> job(1).build().fit(csv(data))).isInstanceOf(InvalidJobSpecException.class)
                .hasMessageContaining("ambiguous").hasMessageContaining("MM/dd/yyyy and dd/MM/yyyy")
                .hasMessageContaining("timestampFormat");
        // resolved by an explicit format
        ForecastResult r = job(1).timestampFormat("dd/MM/yyyy").algorithms(ForecastAlgorithm.NAIVE).build()
                .fit(csv(data));
        assertThat(r.frequency()).isEqualTo(Frequency.parse("1D"));
        assertThat(r.forecasts().series().get(0).timestamps().get(0)).hasToString("2020-02-05T00:00");
    }

    @Test
    void gapWithNoFrequencyIsAnErrorFcstR6() {
        StringBuilder sb = new StringBuilder("id,ts,y\n");
        for (int i = 0; i < 10; i++) {
            sb.append("a,").append(LocalDate.of(2020, 1, 1).plusDays(45L * i)).append(',').append(i).append('\n');
        }
        assertThatThrownBy(() -> job(1).build().fit(csv(sb.toString()))).isInstanceOf(InvalidJobSpecException.class)
                .hasMessageContaining("45D").hasMessageContaining("set frequency");
    }

    @Test
    void irregularTimestampsAreAnErrorFcstR6() {
        // mostly daily, but two timestamps inside one day
        StringBuilder sb = new StringBuilder("id,ts,y\n");
        for (int i = 0; i < 20; i++) {
            sb.append("a,").append(LocalDate.of(2020, 1, 1).plusDays(i)).append("T00:00,").append(i).append('\n');
        }
        sb.append("a,2020-01-05T12:00,3\n");
        assertThatThrownBy(() -> job(1).build().fit(csv(sb.toString()))).isInstanceOf(InvalidJobSpecException.class)
                .hasMessageContaining("irregular timestamps").hasMessageContaining("same 1D step");
    }

    @Test
    void finerDataIsSummedAtAGivenFrequencyFcstR4() {
        StringBuilder sb = new StringBuilder("id,ts,y\n");
        for (int i = 0; i < 120; i++) {
            sb.append("a,").append(LocalDate.of(2020, 1, 1).plusDays(i)).append(",1\n");
        }
        ForecastResult r = job(1).frequency("M").algorithms(ForecastAlgorithm.NAIVE).build().fit(csv(sb.toString()));
        // 120 days from 2020-01-01: Jan 31, Feb 29, Mar 31, Apr 29 ones → naive forecast 29 for May
        assertThat(r.forecasts().series().get(0).mean()[0]).isEqualTo(29.0);
        assertThat(r.forecasts().series().get(0).timestamps().get(0)).hasToString("2020-05-01T00:00");
    }

    @Test
    void horizonOverDataLimitFcstR7() {
        String data = "id,ts,y\n" + monthly("a", 20, i -> i + 1);
        assertThatThrownBy(() -> job(6).build().fit(csv(data))).isInstanceOf(InvalidJobSpecException.class)
                .hasMessageContaining("horizon 6").hasMessageContaining("= 5")
                .hasMessageContaining("L_max = 20");
    }

    @Test
    void missingColumnAndNonNumericTargetFcstR2() {
        assertThatThrownBy(() -> job(1).build().fit(csv("id,ts,z\na,2020-01-01,1\n")))
                .isInstanceOf(InvalidJobSpecException.class).hasMessageContaining("column 'y' not found");
        assertThatThrownBy(() -> job(1).build().fit(csv("id,ts,y\na,2020-01-01,1\na,2020-02-01,x\n")))
                .isInstanceOf(InvalidJobSpecException.class).hasMessageContaining("row 2 holds 'x'");
    }

    @Test
    void shortConstantZeroAndNegativeSeriesGiveFiniteForecastsFcstR9() {
        String data = "id,ts,y\n" + monthly("long", 40, i -> 100 + 10 * Math.sin(i))
                + monthly("one", 1, i -> 5)            // one observation → NAIVE
                + monthly("three", 3, i -> i)          // shorter than the horizon
                + monthly("zeros", 30, i -> 0)         // all zero
                + monthly("const", 30, i -> 7)         // constant
                + monthly("neg", 30, i -> -50 + i % 3); // negative: no multiplicative ETS
        ForecastResult r = job(4).build().fit(csv(data));
        assertFinite(r);
        assertThat(r.forecasts().get("one").orElseThrow().mean()).containsOnly(5.0);
        for (double v : r.forecasts().get("const").orElseThrow().mean()) {
            assertThat(v).isCloseTo(7.0, org.assertj.core.api.Assertions.within(1e-9));
        }
        assertThat(r.forecasts().get("zeros").orElseThrow().mean()).containsOnly(0.0);
        assertThat(r.warnings()).anyMatch(w -> w.contains("not scored"));
    }

    @Test
    void missingStepsAreZeroFilledAndCountedFcstR13() {
        String data = "id,ts,y\na,2020-01-01,1\na,2020-02-01,2\na,2020-04-01,4\n" + monthly("b", 20, i -> i);
        ForecastResult r = job(1).algorithms(ForecastAlgorithm.NAIVE).build().fit(csv(data));
        assertThat(r.warnings()).anyMatch(w -> w.startsWith("1 missing steps inside series filled with zero"));
    }

    @Test
    void quantilesNeverCrossFcstR8() {
        List<String> rows = new ArrayList<>();
        String data = "id,ts,y\n" + monthly("a", 48, i -> 100 + 20 * Math.sin(i * Math.PI / 6) + i);
        ForecastResult r = job(6).quantiles(0.1, 0.5, 0.9).build().fit(csv(data));
        SeriesForecast s = r.forecasts().series().get(0);
        for (int t = 0; t < 6; t++) {
            assertThat(s.quantile(0)[t]).isLessThanOrEqualTo(s.quantile(1)[t]);
            assertThat(s.quantile(1)[t]).isLessThanOrEqualTo(s.quantile(2)[t]);
        }
        assertThat(rows).isEmpty();
    }

    @Test
    void missingTargetsAreInterpolatedInsideModelsFcstR11() {
        String data = "id,ts,y\n" + monthly("a", 30, i -> i == 10 || i == 11 ? Double.NaN : 100 + i)
                .replace("NaN", "");
        // nan filling keeps the two gaps missing (the default zero would fill them, FCST-R13)
        ForecastResult r = job(3).algorithms(ForecastAlgorithm.ETS, ForecastAlgorithm.THETA)
                .filling("y", FillSpec.nan()).build().fit(csv(data));
        assertFinite(r);
        assertThat(r.warnings()).contains("2 missing steps inside series kept missing (nan: ETS and ARIMA skip them,"
                + " the other models interpolate them, backtests do not score them); nan can bias forecasts high"
                + " (FCST-R13)");
        // a straight line with two gaps: the forecasts continue it
        assertThat(r.forecasts().series().get(0).mean()[0]).isBetween(125.0, 135.0);
    }

    @Test
    void arimaSkipsTargetGapsKeptByNanFillingFcstR11() {
        // 54 months of 100 + 10·sin(2πi/12) + i/5 + N(0, 0.5²), every 7th value missing and kept missing by nan
        java.util.Random rnd = new java.util.Random(17);
        double[] noise = new double[54];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = 0.5 * rnd.nextGaussian();
        }
        String data = "id,ts,y\n" + monthly("a", 54, i -> i % 7 == 3 ? Double.NaN
                : 100 + 10 * Math.sin(2 * Math.PI * i / 12) + i / 5.0 + noise[i]).replace("NaN", "");
        ForecastResult r = job(6).algorithms(ForecastAlgorithm.ARIMA).filling("y", FillSpec.nan()).build()
                .fit(csv(data));
        assertFinite(r);
        assertThat(r.warnings()).anyMatch(w -> w.startsWith("8 missing steps inside series kept missing"));
        // ARIMA gets the gaps (it skips them) and fits every backtest window without the NAIVE fallback
        assertThat(r.leaderboard()).filteredOn(row -> row.model().equals("ARIMA")).singleElement()
                .extracting(LeaderboardRow::fallbackSeries).isEqualTo(0);
        assertThat(r.best().model()).isEqualTo("ARIMA");
        double[] mean = r.forecasts().series().get(0).mean();
        for (int k = 0; k < 6; k++) {
            int i = 54 + k;
            double truth = 100 + 10 * Math.sin(2 * Math.PI * i / 12) + i / 5.0;
            assertThat(mean[k]).as("step %d", k + 1).isCloseTo(truth, org.assertj.core.api.Assertions.within(2.0));
        }
    }

    @Test
    void budgetSkipsLaterAlgorithmsWithAWarning() {
        StringBuilder sb = new StringBuilder("id,ts,y\n");
        for (int s = 0; s < 40; s++) {
            final int k = s;
            sb.append(monthly("s" + s, 48, i -> 50 + k + 10 * Math.sin(i / 2.0) + (i % 12)));
        }
        ForecastResult r = job(6).maxJobRuntime(java.time.Duration.ofNanos(1))
                .algorithms(ForecastAlgorithm.NAIVE, ForecastAlgorithm.ETS, ForecastAlgorithm.THETA).build()
                .fit(csv(sb.toString()));
        // the first algorithm always runs; the budget is spent before the others start
        assertThat(r.leaderboard()).extracting(LeaderboardRow::model).containsExactly("NAIVE");
        assertThat(r.warnings()).contains("maxJobRuntime reached: ETS not run", "maxJobRuntime reached: THETA not run");
        assertFinite(r);
    }

    @Test
    void windowsLeavingFewerThanTwoTrainingPointsAreSkippedFcstR16() {
        // series a has 12 points: window 1 trains on 8, window 2 on 4, window 3 on 0 → skipped
        String data = "id,ts,y\n" + monthly("a", 12, i -> i + 1) + monthly("b", 40, i -> i + 1);
        ForecastResult r = job(4).backtestWindows(3).algorithms(ForecastAlgorithm.NAIVE).build().fit(csv(data));
        assertThat(r.warnings()).contains(
                "backtest window 3: 1 series with fewer than 2 training points not scored (FCST-R16)");
        // a linear series: naive errors grow with the step, 1..4 per step, in every window
        assertThat(r.best().metrics().get(ForecastMetric.RMSE)).isCloseTo(Math.sqrt((1 + 4 + 9 + 16) / 4.0),
                org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void frequencyInferenceIsCalendarExactFcstR6() {
        // weekly on Wednesdays → 1W, forecasts continue on Wednesdays
        StringBuilder w = new StringBuilder("id,ts,y\n");
        for (int i = 0; i < 30; i++) {
            w.append("a,").append(LocalDate.of(2024, 1, 3).plusWeeks(i)).append(',').append(i % 5).append('\n');
        }
        ForecastResult rw = job(2).algorithms(ForecastAlgorithm.NAIVE).build().fit(csv(w.toString()));
        assertThat(rw.frequency()).isEqualTo(Frequency.parse("1W"));
        assertThat(rw.forecasts().series().get(0).timestamps().get(0).getDayOfWeek())
                .isEqualTo(java.time.DayOfWeek.WEDNESDAY);
        // quarter starts → 1Q with period 4; 15-minute data → 15min with period 96
        StringBuilder q = new StringBuilder("id,ts,y\n");
        for (int i = 0; i < 20; i++) {
            q.append("a,").append(LocalDate.of(2000, 1, 1).plusMonths(3L * i)).append(',').append(i).append('\n');
        }
        ForecastResult rq = job(2).algorithms(ForecastAlgorithm.NAIVE).build().fit(csv(q.toString()));
        assertThat(rq.frequency()).isEqualTo(Frequency.parse("Q"));
        assertThat(rq.seasonalPeriod()).isEqualTo(4);
        StringBuilder m = new StringBuilder("id,ts,y\n");
        for (int i = 0; i < 40; i++) {
            m.append("a,").append(java.time.LocalDateTime.of(2024, 5, 1, 0, 0).plusMinutes(15L * i)
                    .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"))).append(',')
                    .append(i).append('\n');
        }
        ForecastResult rm = job(2).algorithms(ForecastAlgorithm.NAIVE).build().fit(csv(m.toString()));
        assertThat(rm.frequency()).isEqualTo(Frequency.parse("15min"));
        assertThat(rm.seasonalPeriod()).isEqualTo(96);
        assertThat(rm.forecasts().series().get(0).timestamps().get(0)).hasToString("2024-05-01T10:00");
    }

    @Test
    void monthlyDataSummedIntoGivenQuartersFcstR5() {
        String data = "id,ts,y\n" + monthly("a", 24, i -> 1);
        ForecastResult r = job(1).frequency("Q").algorithms(ForecastAlgorithm.NAIVE).build().fit(csv(data));
        assertThat(r.forecasts().series().get(0).mean()[0]).isEqualTo(3.0);
        assertThat(r.forecasts().series().get(0).timestamps().get(0)).hasToString("2022-01-01T00:00");
    }

    @Test
    void allZeroDataGivesAnUndefinedObjectiveWithAWarningFcstR17() {
        String data = "id,ts,y\n" + monthly("z", 24, i -> 0);
        ForecastResult r = job(3).build().fit(csv(data));
        assertThat(r.warnings()).anyMatch(w -> w.startsWith("NAIVE: AVERAGE_WQL is undefined in backtest window 1"));
        assertThat(r.best().objective()).isNaN();
        assertFinite(r);
        assertThat(r.forecasts().series().get(0).mean()).containsOnly(0.0);
    }
}
