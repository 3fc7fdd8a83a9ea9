package io.automl4j.forecast;

import io.automl4j.api.InvalidJobSpecException;
import io.automl4j.api.data.Dataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** GLOBAL_GBM with known covariates and static features (FCST-R2, R3, R8, R10, R13, R14, R18, R21). */
class GlobalGbmTest {
    static final int SERIES = 20;
    static final int DAYS = 140;
    static final int H = 14;

    /** Panel data: history (first DAYS - H days), future covariates and actuals of the last H days. */
    record Panel(Dataset history, Dataset future, Map<String, double[]> actuals) {
    }

    static Panel panel;

    /**
     * 20 daily series: level 10..105 (static "store" size), a weekly pattern and a promotion flag on ~25% of the days
     * (seeded) that doubles sales; 3% noise. Without the flag a model can only guess where the promotions fall.
     */
    @BeforeAll
    static void makePanel() {
        Random rnd = new Random(11);
        List<Map<String, Object>> hist = new ArrayList<>();
        List<Map<String, Object>> fut = new ArrayList<>();
        Map<String, double[]> actuals = new LinkedHashMap<>();
        double[] week = {1.0, 0.9, 0.95, 1.0, 1.2, 1.5, 0.7};
        for (int s = 0; s < SERIES; s++) {
            String id = "s" + s;
            double level = 10 + 5 * s;
            double[] act = new double[H];
            for (int d = 0; d < DAYS; d++) {
                int promo = rnd.nextDouble() < 0.25 ? 1 : 0;
                double y = level * week[d % 7] * (promo == 1 ? 2.0 : 1.0) * (1 + 0.03 * rnd.nextGaussian());
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", id);
                row.put("ts", LocalDate.of(2023, 1, 2).plusDays(d).toString());
                row.put("promo", (double) promo);
                row.put("store", level);
                if (d < DAYS - H) {
                    row.put("y", y);
                    hist.add(row);
                } else {
                    act[d - (DAYS - H)] = y;
                    fut.add(row);
                }
            }
            actuals.put(id, act);
        }
        panel = new Panel(Dataset.fromRows(hist), Dataset.fromRows(fut), actuals);
    }

    private static ForecastJob.Builder job() {
        return ForecastJob.builder().itemId("id").timestamp("ts").target("y").horizon(H).seed(5).threads(2);
    }

    /** Mean sMAPE (percent, M4 convention) of the forecasts against the held-out days. */
    static double smape(ForecastTable t, Map<String, double[]> actuals) {
        double sum = 0;
        for (SeriesForecast sf : t.series()) {
            double[] y = actuals.get(sf.itemId());
            double[] f = sf.mean();
            double s = 0;
            for (int k = 0; k < y.length; k++) {
                s += 200 * Math.abs(y[k] - f[k]) / (Math.abs(y[k]) + Math.abs(f[k]));
            }
            sum += s / y.length;
        }
        return sum / t.series().size();
    }

    @Test
    void knownCovariateBeatsStatisticalModelsAndItselfWithoutItAndQuantilesAreOrderedFcstR8R10R14() {
        ForecastJob withPromo = job().knownCovariates("promo").staticFeatures("store").build();
        ForecastJob without = job().build();
        ForecastTable withCovariate = Forecaster.of(withPromo, ForecastAlgorithm.GLOBAL_GBM).predict(panel.history(),
                panel.future());
        double gbm = smape(withCovariate, panel.actuals());
        double gbmBlind = smape(Forecaster.of(without, ForecastAlgorithm.GLOBAL_GBM).predict(panel.history()),
                panel.actuals());
        double ets = smape(Forecaster.of(without, ForecastAlgorithm.ETS).predict(panel.history()), panel.actuals());
        double snaive = smape(Forecaster.of(without, ForecastAlgorithm.SEASONAL_NAIVE).predict(panel.history()),
                panel.actuals());
        System.out.printf("promo panel sMAPE: GLOBAL_GBM+promo %.2f, GLOBAL_GBM %.2f, ETS %.2f, SEASONAL_NAIVE %.2f%n",
                gbm, gbmBlind, ets, snaive);
        // promotions double sales on a quarter of the days: knowing them must cut the error by more than half
        assertThat(gbm).isLessThan(10.0);
        assertThat(gbm).isLessThan(0.5 * ets);
        assertThat(gbm).isLessThan(0.5 * snaive);
        assertThat(gbm).isLessThan(0.5 * gbmBlind);

        // quantiles (0.1, 0.5, 0.9) never cross and the 80% interval covers most held-out points (FCST-R8)
        int inside = 0;
        int total = 0;
        for (SeriesForecast sf : withCovariate.series()) {
            double[] y = panel.actuals().get(sf.itemId());
            for (int k = 0; k < H; k++) {
                assertThat(sf.quantile(0)[k]).isLessThanOrEqualTo(sf.quantile(1)[k]);
                assertThat(sf.quantile(1)[k]).isLessThanOrEqualTo(sf.quantile(2)[k]);
                assertThat(sf.quantile(2)[k]).isGreaterThan(sf.quantile(0)[k]);
                inside += y[k] >= sf.quantile(0)[k] && y[k] <= sf.quantile(2)[k] ? 1 : 0;
                total++;
            }
        }
        System.out.printf("promo panel: %d of %d held-out points inside [p10, p90]%n", inside, total);
        assertThat(inside).isGreaterThan(total / 2);
    }

    @Test
    void fitBacktestsWithActualCovariatesAndIsDeterministicAcrossThreadsFcstR16R21() {
        ForecastJob.Builder b = job().knownCovariates("promo").staticFeatures("store")
                .algorithms(ForecastAlgorithm.SEASONAL_NAIVE, ForecastAlgorithm.GLOBAL_GBM).ensemble(false);
        ForecastResult one = b.threads(1).build().fit(panel.history(), panel.future());
        ForecastResult two = b.threads(2).build().fit(panel.history(), panel.future());
        assertThat(one.best().model()).isEqualTo("GLOBAL_GBM");
        LeaderboardRow gbm = one.best();
        LeaderboardRow snaive = one.leaderboard().get(1);
        assertThat(gbm.objective()).isLessThan(0.5 * snaive.objective());
        for (int i = 0; i < one.leaderboard().size(); i++) {
            assertThat(two.leaderboard().get(i).metrics()).isEqualTo(one.leaderboard().get(i).metrics());
        }
        for (SeriesForecast s : one.forecasts().series()) {
            SeriesForecast t = two.forecasts().get(s.itemId()).orElseThrow();
            assertThat(t.mean()).containsExactly(s.mean());
            for (int q = 0; q < 3; q++) {
                assertThat(t.quantile(q)).containsExactly(s.quantile(q));
            }
        }
        // the final forecasts used the future promotions: the trained forecaster reproduces them
        ForecastTable again = one.forecaster().predict(panel.history(), panel.future());
        assertThat(again.series().get(3).mean()).containsExactly(one.forecasts().series().get(3).mean());
        assertThat(smape(one.forecasts(), panel.actuals())).isLessThan(10.0);
    }

    @Test
    void trainedForecasterHandlesNewIdsAndOnePointHistoriesFcstR18() {
        ForecastResult r = job().algorithms(ForecastAlgorithm.GLOBAL_GBM).knownCovariates("promo")
                .filling("promo", FillSpec.zero()).build().fit(panel.history(), panel.future());
        assertThat(r.forecaster().name()).isEqualTo("GLOBAL_GBM");
        // a new series built like the training ones (level 42, the weekly pattern, no promotion) and a one-point one
        double[] week = {1.0, 0.9, 0.95, 1.0, 1.2, 1.5, 0.7};
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int d = 0; d < 35; d++) {
            rows.add(Map.of("id", "fresh", "ts", LocalDate.of(2024, 1, 1).plusDays(d).toString(), "y",
                    42 * week[d % 7], "promo", 0.0));
        }
        rows.add(Map.of("id", "solo", "ts", "2024-01-10", "y", 7.0, "promo", 0.0));
        // no future table: promo is filled with zero (its filling method) for the future steps
        ForecastTable t = r.forecaster().predict(Dataset.fromRows(rows));
        assertThat(t.get("solo").orElseThrow().mean()).containsOnly(7.0);
        SeriesForecast fresh = t.get("fresh").orElseThrow();
        assertThat(fresh.timestamps().get(0)).hasToString("2024-02-05T00:00");
        double[] expected = new double[H];
        for (int k = 0; k < H; k++) {
            expected[k] = 42 * week[(35 + k) % 7];
        }
        double s = smape(new ForecastTable("id", new double[] {0.1, 0.5, 0.9}, List.of(fresh)),
                Map.of("fresh", expected));
        System.out.printf("new item id: sMAPE %.2f%n", s);
        // the unseen id is forecast from its own history and scale (measured sMAPE 24.2: the recursion of learned
        // changes drifts on a series without promotions; a level-blind model would be far off: 42 vs 10..105)
        assertThat(s).isLessThan(30.0);
        for (double v : fresh.mean()) {
            assertThat(v).isBetween(42 * 0.7 * 0.5, 42 * 1.5 * 2);
        }
    }

    @Test
    void realM3QuarterlySubsetBeatsNaiveUnderAnSmapeBarFcstR10() throws Exception {
        // the first 100 series of M3 quarterly; the last 8 quarters of each held out
        Dataset all = Dataset.readCsv(Path.of(GlobalGbmTest.class.getResource("/fcst/m3_q100.csv").toURI()));
        Map<String, List<Integer>> rowsById = new LinkedHashMap<>();
        for (int r = 0; r < all.rowCount(); r++) {
            rowsById.computeIfAbsent(all.column("item_id").text(r), k -> new ArrayList<>()).add(r);
        }
        List<Integer> train = new ArrayList<>();
        Map<String, double[]> actuals = new LinkedHashMap<>();
        for (Map.Entry<String, List<Integer>> e : rowsById.entrySet()) {
            List<Integer> rs = e.getValue();
            train.addAll(rs.subList(0, rs.size() - 8));
            double[] a = new double[8];
            for (int k = 0; k < 8; k++) {
                a[k] = Double.parseDouble(all.column("target").text(rs.get(rs.size() - 8 + k)));
            }
            actuals.put(e.getKey(), a);
        }
        Dataset history = all.selectRows(train.stream().mapToInt(Integer::intValue).toArray());
        ForecastJob j = ForecastJob.builder().itemId("item_id").timestamp("timestamp").target("target").horizon(8)
                .seed(1).threads(2).build();
        ForecastTable gbm = Forecaster.of(j, ForecastAlgorithm.GLOBAL_GBM).predict(history);
        ForecastTable naive = Forecaster.of(j, ForecastAlgorithm.NAIVE).predict(history);
        double s = smape(gbm, actuals);
        double sn = smape(naive, actuals);
        System.out.printf("M3 quarterly, first 100 series, h = 8: sMAPE GLOBAL_GBM %.3f, NAIVE %.3f%n", s, sn);
        assertThat(s).isLessThan(BAR_M3_SMAPE);
        assertThat(s).isLessThan(sn);
    }

    /** sMAPE bar of GLOBAL_GBM on the first 100 M3 quarterly series: measured 12.33 (NAIVE 12.86, THETA 11.36). */
    static final double BAR_M3_SMAPE = 12.6;

    @Test
    void badCovariateInputsAreClearErrorsFcstR2R3R13R14() {
        // static feature varying within a series
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int d = 0; d < 20; d++) {
            rows.add(Map.of("id", "a", "ts", LocalDate.of(2024, 1, 1).plusDays(d).toString(), "y", 1.0 + d,
                    "store", d < 10 ? "big" : "small", "promo", 1.0));
            rows.add(Map.of("id", "b", "ts", LocalDate.of(2024, 1, 1).plusDays(d).toString(), "y", 2.0 + d,
                    "store", "big", "promo", 0.0));
        }
        Dataset varying = Dataset.fromRows(rows);
        assertThatThrownBy(() -> job().horizon(2).staticFeatures("store").algorithms(ForecastAlgorithm.GLOBAL_GBM)
                .build().fit(varying)).isInstanceOf(InvalidJobSpecException.class)
                .hasMessageContaining("static feature 'store' is not constant within series 'a'")
                .hasMessageContaining("'big'").hasMessageContaining("'small'");
        // unknown columns
        assertThatThrownBy(() -> job().horizon(2).knownCovariates("price").build().fit(varying))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessageContaining("known covariate column 'price' not found");
        assertThatThrownBy(() -> job().horizon(2).staticFeatures("region").build().fit(varying))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessageContaining("static feature column 'region' not found");
        // missing future covariate for one series: checked before any model is fit
        Dataset futureA = Dataset.fromRows(List.of(Map.of("id", "a", "ts", "2024-01-21", "promo", 1.0),
                Map.of("id", "a", "ts", "2024-01-22", "promo", 0.0), Map.of("id", "b", "ts", "2024-01-21",
                        "promo", 1.0)));
        assertThatThrownBy(() -> job().horizon(2).knownCovariates("promo").algorithms(ForecastAlgorithm.GLOBAL_GBM)
                .build().fit(varying, futureA)).isInstanceOf(InvalidJobSpecException.class)
                .hasMessageContaining("known covariate 'promo' has no future value for series 'b' at 2024-01-22");
        assertThatThrownBy(() -> job().horizon(2).knownCovariates("promo").algorithms(ForecastAlgorithm.GLOBAL_GBM)
                .build().fit(varying)).isInstanceOf(InvalidJobSpecException.class)
                .hasMessageContaining("series 'a'").hasMessageContaining("no future covariates were given");
        // too many numeric columns for the data (14 > 13), and too many columns at build (24 > 23)
        Map<String, Object> wide = new LinkedHashMap<>(Map.of("id", "a", "ts", "2024-01-01", "y", 1.0));
        String[] cols = new String[14];
        for (int c = 0; c < 14; c++) {
            cols[c] = "x" + c;
            wide.put(cols[c], (double) c);
        }
        Dataset wideData = Dataset.fromRows(List.of(wide));
        assertThatThrownBy(() -> job().horizon(1).knownCovariates(cols).build().fit(wideData))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessageContaining("14 numeric known-covariate and static columns")
                .hasMessageContaining("exceed the limit of 13 (FCST-R3)");
        String[] many = new String[24];
        for (int c = 0; c < many.length; c++) {
            many[c] = "c" + c;
        }
        assertThatThrownBy(() -> job().knownCovariates(many).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("24 known-covariate and static columns exceed the limit of 23");
    }

    @Test
    void builderValidatesCovariateColumnsAndFillingsFcstR2R13() {
        assertThatThrownBy(() -> job().knownCovariates("y").build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("known covariate 'y' is the item-id, timestamp or target column");
        assertThatThrownBy(() -> job().knownCovariates("p").staticFeatures("p").build())
                .hasMessageContaining("static feature 'p' is given twice");
        assertThatThrownBy(() -> job().knownCovariates("p").filling("p", FillSpec.nan()).build())
                .hasMessageContaining("filling of known covariate 'p' with nan");
        assertThatThrownBy(() -> job().staticFeatures("s").filling("s", FillSpec.mean()).build())
                .hasMessageContaining("static features must not be missing");
        assertThatThrownBy(() -> job().filling("q", FillSpec.mean()).build())
                .hasMessageContaining("filling column 'q' is neither the target 'y' nor a known covariate []");
        // every method is allowed for the target (FCST-R13)
        assertThat(job().filling("y", FillSpec.mean()).build().fillings()).containsEntry("y", FillSpec.mean());
        assertThatThrownBy(() -> FillSpec.parse("avg")).hasMessageContaining("fill method 'avg' must be one of");
        assertThat(FillSpec.parse("value:2.5")).isEqualTo(FillSpec.value(2.5));
        ForecastJob j = job().knownCovariates("p", "q").staticFeatures("s").filling("p", FillSpec.median()).build();
        assertThat(j.knownCovariates()).containsExactly("p", "q");
        assertThat(j.staticFeatures()).containsExactly("s");
        assertThat(j.fillings()).containsEntry("p", FillSpec.median());
    }
}
