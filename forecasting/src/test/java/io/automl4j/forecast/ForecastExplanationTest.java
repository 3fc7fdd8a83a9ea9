package io.automl4j.forecast;

import io.automl4j.api.data.Dataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Explainability of the final forecaster through the public API (FCST-R20). */
class ForecastExplanationTest {
    static final int SERIES = 12;
    static final int DAYS = 120;
    static final int H = 14;
    /** Series whose future values of covariate a lie below its history (the others lie above). */
    static final int LOW_SERIES = 4;

    /** History and future covariates of a panel. */
    record Panel(Dataset history, Dataset future) {
    }

    static Panel panel;
    /** The first 3 series: for the runs that only check the stated reason. */
    static Panel small;

    /**
     * 12 daily series, y = level · (1 + 0.25·a) + 1% noise, with a ~ N(0, 1) and b ~ N(0, 1) drawn per day; b has no
     * effect. In the 14 future days a ~ N(−1, 0.3²) for the first 4 series and N(+1, 0.3²) for the other 8: the
     * covariate lowers the forecasts of the first 4 and raises the others', and raises them on average.
     */
    @BeforeAll
    static void makePanels() {
        panel = panel(SERIES);
        small = panel(3);
    }

    static Panel panel(int series) {
        Random rnd = new Random(23);
        List<Map<String, Object>> hist = new ArrayList<>();
        List<Map<String, Object>> fut = new ArrayList<>();
        for (int s = 0; s < series; s++) {
            double level = 20 + 7 * s;
            for (int d = 0; d < DAYS + H; d++) {
                boolean inFuture = d >= DAYS;
                double a = inFuture ? (s < LOW_SERIES ? -1 : 1) + 0.3 * rnd.nextGaussian() : rnd.nextGaussian();
                double b = rnd.nextGaussian();
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", "s" + s);
                row.put("ts", LocalDate.of(2023, 3, 1).plusDays(d).toString());
                row.put("a", a);
                row.put("b", b);
                row.put("store", level);
                if (inFuture) {
                    fut.add(row);
                } else {
                    row.put("y", level * (1 + 0.25 * a) * (1 + 0.01 * rnd.nextGaussian()));
                    hist.add(row);
                }
            }
        }
        return new Panel(Dataset.fromRows(hist), Dataset.fromRows(fut));
    }

    private static ForecastJob.Builder job() {
        return ForecastJob.builder().itemId("id").timestamp("ts").target("y").horizon(H).quantiles(0.5).seed(3)
                .threads(2);
    }

    @Test
    void globalGbm_effectiveCovariateScoresOneNoiseCovariateNearZeroSignsFollowTheEffectFcstR20() {
        ForecastResult r = job().knownCovariates("a", "b").algorithms(ForecastAlgorithm.GLOBAL_GBM).build()
                .fit(panel.history(), panel.future());
        ForecastExplanation e = r.explainability();
        assertThat(e.available()).isTrue();
        assertThat(e.reason()).isEmpty();
        assertThat(e.attributes()).containsExactly("a", "b");
        // a drives the target and is above its history level in most series: the largest, positive impact
        assertThat(e.overall().get("a")).isEqualTo(1.0);
        assertThat(Math.abs(e.overall().get("b"))).isLessThan(0.1);
        // per series the sign follows where a's future values lie: below its history mean → lowers the forecasts
        assertThat(e.perSeries()).hasSize(SERIES);
        for (int s = 0; s < SERIES; s++) {
            Map<String, Double> scores = e.perSeries().get("s" + s);
            assertThat(scores.get("a")).as("series s%d", s).isEqualTo(s < LOW_SERIES ? -1.0 : 1.0);
            assertThat(Math.abs(scores.get("b"))).as("series s%d", s).isLessThan(0.1);
        }
        assertThat(e.perStep()).hasSize(H);
        for (Map<String, Double> step : e.perStep()) {
            assertThat(step.get("a")).isEqualTo(1.0);
        }
    }

    /** The last history day of the holiday panel: the 14 forecast days 2023-06-28 … 07-11 hold Independence Day. */
    static final LocalDate HOLIDAY_LAST = LocalDate.of(2023, 6, 27);
    /** Index of 2023-07-04 among the forecast steps. */
    static final int JULY_4 = 6;

    /**
     * 3 daily series from 2022-05-02 (levels 30..70), a weekly pattern, 2% noise, sales × 1.8 on US public holidays,
     * and a noise covariate b ~ N(0, 1) without effect; returns the history and (in {@code future}) b's future values.
     */
    static Panel holidayPanel() {
        Random rnd = new Random(29);
        double[] week = {1.0, 0.9, 0.95, 1.0, 1.2, 1.5, 0.7};
        List<Map<String, Object>> hist = new ArrayList<>();
        List<Map<String, Object>> fut = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            for (LocalDate d = LocalDate.of(2022, 5, 2); !d.isAfter(HOLIDAY_LAST.plusDays(H)); d = d.plusDays(1)) {
                boolean holiday = Holidays.holidays("US", d.getYear()).containsKey(d);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", "s" + s);
                row.put("ts", d.toString());
                row.put("b", rnd.nextGaussian());
                double y = (30 + 20 * s) * week[d.getDayOfWeek().getValue() - 1] * (holiday ? 1.8 : 1.0)
                        * (1 + 0.02 * rnd.nextGaussian());
                if (d.isAfter(HOLIDAY_LAST)) {
                    fut.add(row);
                } else {
                    row.put("y", y);
                    hist.add(row);
                }
            }
        }
        return new Panel(Dataset.fromRows(hist), Dataset.fromRows(fut));
    }

    @Test
    void globalGbm_holidayCalendarIsOneAttributeWithAClearPositiveScoreFcstR20() {
        Panel p = holidayPanel();
        ForecastResult r = job().holidayCountry("US").knownCovariates("b").algorithms(ForecastAlgorithm.GLOBAL_GBM)
                .build().fit(p.history(), p.future());
        ForecastExplanation e = r.explainability();
        assertThat(e.attributes()).containsExactly("b", "holidays:US");
        // the forecast days hold Independence Day, which raises sales by 80%: the calendar has the largest impact
        assertThat(e.overall().get("holidays:US")).isEqualTo(1.0);
        assertThat(Math.abs(e.overall().get("b"))).isLessThan(0.1);
        assertThat(e.perStep().get(JULY_4).get("holidays:US")).isEqualTo(1.0);
        assertThat(Math.abs(e.perStep().get(JULY_4).get("b"))).isLessThan(0.1);
    }

    @Test
    void prophetLike_holidayAttributionPositiveOnTheHolidayNoiseCovariateNearZeroFcstR20() {
        Panel p = holidayPanel();
        ForecastResult r = job().holidayCountry("US").knownCovariates("b")
                .algorithms(ForecastAlgorithm.PROPHET_LIKE).build().fit(p.history(), p.future());
        ForecastExplanation e = r.explainability();
        assertThat(e.available()).isTrue();
        assertThat(e.overall().get("holidays:US")).isEqualTo(1.0);
        assertThat(Math.abs(e.overall().get("b"))).isLessThan(0.1);
        // coefficient × (x − its history mean): positive on the holiday, slightly negative on ordinary days
        assertThat(e.perStep().get(JULY_4)).containsEntry("holidays:US", 1.0);
        assertThat(e.perStep().get(0).get("holidays:US")).isNegative();
        for (Map<String, Double> scores : e.perSeries().values()) {
            assertThat(scores.get("holidays:US")).isEqualTo(1.0);
            assertThat(Math.abs(scores.get("b"))).isLessThan(0.1);
        }
    }

    @Test
    void prophetLikeWithNeitherCalendarNorNumericCovariates_reasonStatedFcstR20() {
        ForecastResult r = job().staticFeatures("store").algorithms(ForecastAlgorithm.PROPHET_LIKE).build()
                .fit(small.history());
        assertThat(r.explainability().available()).isFalse();
        assertThat(r.explainability().reason().orElseThrow()).contains("uses only the holiday calendar and numeric"
                + " known covariates, and the job has neither");
    }

    @Test
    void prophetLike_effectiveCovariateScoresOneNoiseCovariateNearZeroSignsFollowTheEffectFcstR20() {
        ForecastResult r = job().knownCovariates("a", "b").algorithms(ForecastAlgorithm.PROPHET_LIKE).build()
                .fit(panel.history(), panel.future());
        ForecastExplanation e = r.explainability();
        assertThat(e.attributes()).containsExactly("a", "b");
        assertThat(e.overall().get("a")).isEqualTo(1.0);
        assertThat(Math.abs(e.overall().get("b"))).isLessThan(0.1);
        for (int s = 0; s < SERIES; s++) {
            Map<String, Double> scores = e.perSeries().get("s" + s);
            assertThat(scores.get("a")).as("series s%d", s).isEqualTo(s < LOW_SERIES ? -1.0 : 1.0);
            assertThat(Math.abs(scores.get("b"))).as("series s%d", s).isLessThan(0.1);
        }
    }

    @Test
    void gbmAndProphetInThePool_finalForecasterExplainsTheCovariateFcstR20() {
        // GLOBAL_GBM and PROPHET_LIKE both forecast with a: whichever is chosen (or their ensemble) explains a
        ForecastResult r = job().knownCovariates("a", "b").algorithms(ForecastAlgorithm.SEASONAL_NAIVE,
                ForecastAlgorithm.GLOBAL_GBM, ForecastAlgorithm.PROPHET_LIKE).build().fit(small.history(),
                small.future());
        ForecastExplanation e = r.explainability();
        assertThat(r.forecaster().weights().keySet()).containsAnyOf(ForecastAlgorithm.GLOBAL_GBM,
                ForecastAlgorithm.PROPHET_LIKE);
        assertThat(e.overall().get("a")).isEqualTo(-1.0);   // the 3 small-panel series all have a below its past
        assertThat(Math.abs(e.overall().get("b"))).isLessThan(0.1);
    }

    @Test
    void noCovariatesStaticFeaturesOrCalendar_reasonStatedFcstR20() {
        ForecastResult r = job().algorithms(ForecastAlgorithm.SEASONAL_NAIVE, ForecastAlgorithm.GLOBAL_GBM).build()
                .fit(small.history());
        assertThat(r.explainability().available()).isFalse();
        assertThat(r.explainability().reason()).contains("no covariates, static features or holiday calendar");
        assertThat(r.explainability().overall()).isEmpty();
        assertThat(r.explainability().perSeries()).isEmpty();
    }

    @Test
    void finalForecasterWithoutGbmOrProphet_reasonStatedFcstR20() {
        ForecastResult r = job().knownCovariates("a").algorithms(ForecastAlgorithm.ETS).build()
                .fit(small.history(), small.future());
        assertThat(r.forecaster().name()).isEqualTo("ETS");
        assertThat(r.explainability().available()).isFalse();
        assertThat(r.explainability().reason().orElseThrow())
                .isEqualTo("final forecaster contains neither GLOBAL_GBM nor PROPHET_LIKE (it is ETS)");
    }

    @Test
    void ensembleWithoutGbmOrProphet_reasonNamesItsMembersFcstR20() {
        ForecastResult r = job().knownCovariates("a").algorithms(ForecastAlgorithm.NAIVE, ForecastAlgorithm.ETS,
                ForecastAlgorithm.THETA).build().fit(small.history(), small.future());
        assertThat(r.forecaster().name()).isEqualTo("ENSEMBLE");
        assertThat(r.explainability().reason().orElseThrow()).startsWith(
                "final forecaster contains neither GLOBAL_GBM nor PROPHET_LIKE (it is ENSEMBLE of [").endsWith("])");
    }

    @Test
    void of_scoreOutsideRange_rejectedNamingTheValue() {
        assertThatThrownBy(() -> ForecastExplanation.of(List.of("a"), Map.of("a", 1.5), Map.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.5")
                .hasMessageContaining("[-1, 1]");
        assertThatThrownBy(() -> ForecastExplanation.of(List.of("a"), Map.of("a", Double.NaN), Map.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
    }

    @Test
    void of_missingOrExtraAttribute_rejected() {
        assertThatThrownBy(() -> ForecastExplanation.of(List.of("a", "b"), Map.of("a", 1.0), Map.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[a, b]");
        assertThatThrownBy(() -> ForecastExplanation.of(List.of("a"), Map.of("a", 1.0),
                Map.of("s1", Map.of("a", 1.0, "c", 0.0)), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("series s1");
        assertThatThrownBy(() -> ForecastExplanation.of(List.of(), Map.of(), Map.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> ForecastExplanation.of(List.of("a", "a"), Map.of("a", 1.0), Map.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unique");
    }

    @Test
    void none_blankReason_rejected() {
        assertThatThrownBy(() -> ForecastExplanation.none(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reason");
        ForecastExplanation e = ForecastExplanation.none("why");
        assertThat(e.available()).isFalse();
        assertThat(e.reason()).contains("why");
        assertThat(e.attributes()).isEmpty();
    }
}
