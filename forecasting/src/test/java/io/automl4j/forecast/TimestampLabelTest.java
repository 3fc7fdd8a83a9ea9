package io.automl4j.forecast;

import io.automl4j.api.data.Dataset;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** FCST-R2 / R5 {@code timestampLabel}: bucket start (default) or end in every output; scoring is unaffected. */
class TimestampLabelTest {

    private static LocalDateTime t(String s) {
        return LocalDateTime.parse(s);
    }

    @Test
    void labelAndItsInverse_perUnit() {
        Object[][] cases = {
            {"1M", "2024-02-01T00:00", "2024-02-29T00:00"},
            {"1Q", "2024-04-01T00:00", "2024-06-30T00:00"},
            {"1Y", "2023-01-01T00:00", "2023-12-31T00:00"},
            {"1W", "2024-03-04T00:00", "2024-03-10T00:00"},
            {"2D", "2024-03-04T00:00", "2024-03-05T00:00"},
            {"1D", "2024-03-04T00:00", "2024-03-04T00:00"},
            {"1H", "2024-03-04T14:00", "2024-03-04T14:59"},
            {"15min", "2024-03-04T14:15", "2024-03-04T14:29"},
        };
        for (Object[] c : cases) {
            Frequency f = Frequency.parse((String) c[0]);
            LocalDateTime start = t((String) c[1]);
            assertThat(f.label(start, TimestampLabel.START)).as((String) c[0]).isEqualTo(start);
            assertThat(f.label(start, TimestampLabel.END)).as((String) c[0]).isEqualTo(t((String) c[2]));
            assertThat(f.startOfLabel(t((String) c[2]), TimestampLabel.END)).as((String) c[0]).isEqualTo(start);
        }
    }

    @Test
    void endLabelsForecastsAndBacktests_scoresUnchanged() throws Exception {
        Dataset data = Dataset.readCsv(Path.of(TimestampLabelTest.class.getResource("/fcst/m3_sample.csv").toURI()));
        ForecastJob.Builder b = ForecastJob.builder().itemId("item_id").timestamp("timestamp").target("target")
                .horizon(4).algorithms(ForecastAlgorithm.NAIVE, ForecastAlgorithm.THETA).seed(2);
        ForecastResult start = b.build().fit(data);
        ForecastResult end = ForecastJob.builder().itemId("item_id").timestamp("timestamp").target("target")
                .horizon(4).algorithms(ForecastAlgorithm.NAIVE, ForecastAlgorithm.THETA).seed(2)
                .timestampLabel(TimestampLabel.END).build().fit(data);
        assertThat(end.job().toSpecMap()).containsEntry("timestampLabel", "END");
        SeriesForecast s0 = start.forecasts().series().get(0);
        SeriesForecast s1 = end.forecasts().series().get(0);
        assertThat(s1.mean()).containsExactly(s0.mean());
        for (int k = 0; k < s0.horizon(); k++) {
            LocalDateTime q = s0.timestamps().get(k);
            // quarterly: a start on the 1st of Jan/Apr/Jul/Oct, its end the last day of the quarter's third month
            assertThat(q.getDayOfMonth()).isEqualTo(1);
            assertThat(s1.timestamps().get(k)).isEqualTo(q.plusMonths(3).minusDays(1));
        }
        BacktestRow r0 = start.backtests().get(0);
        BacktestRow r1 = end.backtests().get(0);
        assertThat(r1.timestamp()).isEqualTo(r0.timestamp().plusMonths(3).minusDays(1));
        assertThat(end.best().objective()).isEqualTo(start.best().objective());
        // scoring against actuals labelled by bucket start matches the END-labelled forecasts bucket by bucket
        Map<ForecastMetric, Double> m0 = ForecastEvaluation.score(start, data, start.forecasts(), shifted(data, 4));
        Map<ForecastMetric, Double> m1 = ForecastEvaluation.score(end, data, end.forecasts(), shifted(data, 4));
        assertThat(m1.get(ForecastMetric.SMAPE)).isEqualTo(m0.get(ForecastMetric.SMAPE)).isFinite();
    }

    /** Actuals for the h quarters after each series' end: the series' last value (a naive truth, exact to match). */
    private static Dataset shifted(Dataset data, int h) {
        java.util.Map<String, String[]> last = new java.util.LinkedHashMap<>();
        for (int i = 0; i < data.rowCount(); i++) {
            String id = data.column("item_id").text(i);
            String ts = data.column("timestamp").text(i);
            String[] prev = last.get(id);
            if (prev == null || ts.compareTo(prev[0]) > 0) {
                last.put(id, new String[] {ts, data.column("target").text(i)});
            }
        }
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        for (var e : last.entrySet()) {
            java.time.LocalDate d = java.time.LocalDate.parse(e.getValue()[0]);
            for (int k = 1; k <= h; k++) {
                rows.add(Map.of("item_id", e.getKey(), "timestamp", d.plusMonths(3L * k).toString(),
                        "target", Double.parseDouble(e.getValue()[1])));
            }
        }
        return Dataset.fromRows(rows);
    }
}
