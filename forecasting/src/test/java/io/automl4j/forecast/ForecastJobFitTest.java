package io.automl4j.forecast;

import io.automl4j.api.data.Dataset;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** End-to-end fit on four real M3 quarterly series (FCST-R1, R12, R16, R18, R21). */
class ForecastJobFitTest {
    private static Dataset m3() throws Exception {
        return Dataset.readCsv(Path.of(ForecastJobFitTest.class.getResource("/fcst/m3_sample.csv").toURI()));
    }

    private static ForecastJob.Builder job() {
        return ForecastJob.builder().itemId("item_id").timestamp("timestamp").target("target").horizon(8)
                .backtestWindows(2).seed(7);
    }

    @Test
    void leaderboardHasEveryModelAndTheEnsembleFcstR12R19() throws Exception {
        ForecastResult r = job().threads(2).build().fit(m3());
        assertThat(r.frequency()).isEqualTo(Frequency.parse("Q"));
        assertThat(r.seasonalPeriod()).isEqualTo(4);
        assertThat(r.seriesCount()).isEqualTo(4);
        List<String> models = r.leaderboard().stream().map(LeaderboardRow::model).toList();
        assertThat(models).containsExactlyInAnyOrder("NAIVE", "SEASONAL_NAIVE", "ETS", "ARIMA", "THETA", "NPTS",
                "GLOBAL_GBM", "PROPHET_LIKE", "ENSEMBLE");
        // no M3 series is intermittent, so Croston is skipped with a warning
        assertThat(r.warnings()).contains("CROSTON not run: no series has a zero share of 30% or more",
                "TSB not run: no series has a zero share of 30% or more");
        // sorted by objective, best first; the forecaster is the best row
        for (int i = 1; i < r.leaderboard().size(); i++) {
            assertThat(r.leaderboard().get(i).objective()).isGreaterThanOrEqualTo(r.leaderboard().get(i - 1).objective());
        }
        assertThat(r.forecaster().name()).isEqualTo(r.best().model());
        LeaderboardRow ens = r.leaderboard().stream().filter(x -> x.model().equals("ENSEMBLE")).findFirst().orElseThrow();
        assertThat(ens.weights().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0,
                org.assertj.core.api.Assertions.within(1e-12));
        // weights are multiples of 1/25 (25 greedy rounds)
        for (double w : ens.weights().values()) {
            assertThat(w * 25).isCloseTo(Math.rint(w * 25), org.assertj.core.api.Assertions.within(1e-9));
        }
        // the greedy ensemble starts from the best single model, so it can only be as good or better on the backtests
        double bestSingle = r.leaderboard().stream().filter(x -> !x.model().equals("ENSEMBLE"))
                .mapToDouble(LeaderboardRow::objective).min().orElseThrow();
        assertThat(ens.objective()).isLessThanOrEqualTo(bestSingle + 1e-12);
        for (LeaderboardRow row : r.leaderboard()) {
            assertThat(row.metrics()).containsKeys(ForecastMetric.values());
            assertThat(row.metrics().get(ForecastMetric.SMAPE)).isFinite();
        }
        // naive's OWA relative to Naive2 on quarterly data is a sensible positive number
        assertThat(r.leaderboard().stream().filter(x -> x.model().equals("NAIVE")).findFirst().orElseThrow()
                .metrics().get(ForecastMetric.OWA)).isBetween(0.5, 2.0);
    }

    @Test
    void forecastsStartAfterEachSeriesAndWriteCsvFcstR18() throws Exception {
        ForecastResult r = job().algorithms(ForecastAlgorithm.THETA).build().fit(m3());
        SeriesForecast n646 = r.forecasts().get("N646").orElseThrow();
        // N646: 44 quarters from 1984-01-01, the last is 1994-10-01
        assertThat(n646.timestamps().get(0)).hasToString("1995-01-01T00:00");
        assertThat(n646.timestamps()).hasSize(8);
        StringWriter w = new StringWriter();
        r.forecasts().writeCsv(w);
        String[] lines = w.toString().split("\n");
        assertThat(lines[0]).isEqualTo("item_id,timestamp,mean,p10,p50,p90");
        assertThat(lines).hasSize(1 + 4 * 8);
        assertThat(lines[1]).startsWith("N646,1995-01-01,");
    }

    @Test
    void resultsDoNotDependOnThreadCountFcstR10R21() throws Exception {
        ForecastResult one = job().threads(1).build().fit(m3());
        ForecastResult two = job().threads(2).build().fit(m3());
        assertThat(two.forecaster().name()).isEqualTo(one.forecaster().name());
        for (int i = 0; i < one.leaderboard().size(); i++) {
            assertThat(two.leaderboard().get(i).model()).isEqualTo(one.leaderboard().get(i).model());
            assertThat(two.leaderboard().get(i).metrics()).isEqualTo(one.leaderboard().get(i).metrics());
        }
        for (SeriesForecast s : one.forecasts().series()) {
            SeriesForecast t = two.forecasts().get(s.itemId()).orElseThrow();
            assertThat(t.mean()).containsExactly(s.mean());
            for (int q = 0; q < 3; q++) {
                assertThat(t.quantile(q)).containsExactly(s.quantile(q));
            }
        }
    }

    @Test
    void forecasterPredictsNewHistoryFcstR18() throws Exception {
        ForecastResult r = job().algorithms(ForecastAlgorithm.NAIVE, ForecastAlgorithm.THETA).build().fit(m3());
        Dataset fresh = Dataset.fromRows(List.of(
                Map.of("item_id", "new", "timestamp", "2020-01-01", "target", 5.0),
                Map.of("item_id", "new", "timestamp", "2020-04-01", "target", 6.0),
                Map.of("item_id", "solo", "timestamp", "2020-01-01", "target", 3.0)));
        ForecastTable t = r.forecaster().predict(fresh);
        assertThat(t.get("solo").orElseThrow().mean()).containsOnly(3.0);
        assertThat(t.get("new").orElseThrow().timestamps().get(0)).hasToString("2020-07-01T00:00");
        for (double v : t.get("new").orElseThrow().mean()) {
            assertThat(v).isFinite();
        }
    }

    @Test
    void crostonAndTsbRunOnIntermittentSeriesFcstR10() {
        StringBuilder sb = new StringBuilder("id,ts,y\n");
        int[] pattern = {0, 0, 3, 0, 5, 0, 0, 0, 2, 4};
        for (int i = 0; i < 60; i++) {
            sb.append("a,").append(java.time.LocalDate.of(2021, 1, 1).plusDays(i)).append(',')
                    .append(pattern[i % 10]).append('\n');
        }
        ForecastResult r = ForecastJob.builder().itemId("id").timestamp("ts").target("y").horizon(7)
                .algorithms(ForecastAlgorithm.NAIVE, ForecastAlgorithm.CROSTON, ForecastAlgorithm.TSB,
                        ForecastAlgorithm.NPTS)
                .build().fit(Dataset.readCsv(new java.io.StringReader(sb.toString()), "intermittent"));
        assertThat(r.leaderboard().stream().map(LeaderboardRow::model)).contains("CROSTON", "TSB", "NPTS");
        LeaderboardRow tsb = r.leaderboard().stream().filter(x -> x.model().equals("TSB")).findFirst().orElseThrow();
        assertThat(tsb.fallbackSeries()).isZero();
        LeaderboardRow croston = r.leaderboard().stream().filter(x -> x.model().equals("CROSTON")).findFirst()
                .orElseThrow();
        assertThat(croston.fallbackSeries()).isZero();
        // Croston beats the last-value forecast on this intermittent pattern
        LeaderboardRow naive = r.leaderboard().stream().filter(x -> x.model().equals("NAIVE")).findFirst()
                .orElseThrow();
        assertThat(croston.metrics().get(ForecastMetric.RMSE)).isLessThan(naive.metrics().get(ForecastMetric.RMSE));
        assertThat(tsb.metrics().get(ForecastMetric.RMSE)).isLessThan(naive.metrics().get(ForecastMetric.RMSE));
        for (int q = 0; q < 3; q++) {
            for (double v : r.forecasts().series().get(0).quantile(q)) {
                assertThat(v).isGreaterThanOrEqualTo(0);
            }
        }
    }

    @Test
    void backtestExportHoldsEveryScoredPointFcstR19() throws Exception {
        ForecastResult r = job().algorithms(ForecastAlgorithm.NAIVE, ForecastAlgorithm.THETA).build().fit(m3());
        // 2 models + ENSEMBLE, 4 series, 2 windows, 8 steps
        assertThat(r.backtests()).hasSize(3 * 4 * 2 * 8);
        // window 1 of N646 covers its last 8 quarters: the first is 1993-01-01 with actual 5702.3 … taken from data
        BacktestRow first = r.backtests().stream().filter(b -> b.itemId().equals("N646") && b.window() == 1
                && b.model().equals("NAIVE")).findFirst().orElseThrow();
        assertThat(first.timestamp()).hasToString("1993-01-01T00:00");
        String line = java.nio.file.Files.readAllLines(Path.of(ForecastJobFitTest.class
                .getResource("/fcst/m3_sample.csv").toURI())).stream().filter(l -> l.startsWith("N646,1993-01-01,"))
                .findFirst().orElseThrow();
        assertThat(first.actual()).isEqualTo(Double.parseDouble(line.split(",")[2]));
        assertThat(first.quantiles()).hasSize(3);
        Path out = java.nio.file.Files.createTempFile("backtests", ".csv");
        r.writeBacktestsCsv(out);
        List<String> lines = java.nio.file.Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("item_id,window,timestamp,model,actual,mean,p10,p50,p90");
        assertThat(lines).hasSize(1 + r.backtests().size());
        java.nio.file.Files.delete(out);
    }
}
