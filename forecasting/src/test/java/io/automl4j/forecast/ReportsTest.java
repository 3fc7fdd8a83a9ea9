package io.automl4j.forecast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.automl4j.api.data.Dataset;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The data and model-quality reports (FCST-R19): exact values on a small panel, consistency with the leaderboard. */
class ReportsTest {
    /** "line": 1..40 monthly from 2020-01; "gappy": 24 months of 0/10 alternating, 2021-04 (10) missing. */
    private static Dataset data() {
        StringBuilder sb = new StringBuilder("id,ts,y\n");
        for (int i = 0; i < 40; i++) {
            sb.append("line,").append(LocalDate.of(2020, 1, 1).plusMonths(i)).append(',').append(i + 1).append('\n');
        }
        for (int i = 0; i < 24; i++) {
            if (i != 15) {
                sb.append("gappy,").append(LocalDate.of(2020, 1, 1).plusMonths(i)).append(',')
                        .append(i % 2 == 0 ? 0 : 10).append('\n');
            }
        }
        return Dataset.readCsv(new StringReader(sb.toString()), "panel");
    }

    private static ForecastResult fit() {
        return ForecastJob.builder().name("report-test").itemId("id").timestamp("ts").target("y").horizon(4)
                .backtestWindows(2).algorithms(ForecastAlgorithm.NAIVE, ForecastAlgorithm.SEASONAL_NAIVE).threads(1)
                .build().fit(data());
    }

    @Test
    void dataReportCountsSeriesLengthsZerosAndFillingsFcstR19() throws Exception {
        DataReport d = fit().dataReport();
        assertThat(d.seriesCount()).isEqualTo(2);
        assertThat(d.frequency()).isEqualTo(Frequency.parse("1M"));
        assertThat(d.frequencyInferred()).isTrue();
        assertThat(d.minLength()).isEqualTo(24);
        assertThat(d.medianLength()).isEqualTo(32.0);
        assertThat(d.maxLength()).isEqualTo(40);
        assertThat(d.steps()).isEqualTo(64);
        assertThat(d.missingTargetRows()).isZero();
        // gappy: 12 zeros at even months plus the zero-filled 2021-04 (month 15) = 13 of 64 steps
        assertThat(d.zeroShare()).isCloseTo(13 / 64.0, within(1e-12));
        assertThat(d.filling()).containsExactly(new DataReport.Filling("y", "middle", 1, 1, 1, "zero"));
        assertThat(d.warnings()).contains("1 missing steps inside series filled with zero (FCST-R13 default);"
                + " zero-filling can bias forecasts low");
        JsonNode json = new ObjectMapper().readTree(d.toJson());
        assertThat(json.get("seriesCount").asInt()).isEqualTo(2);
        assertThat(json.get("frequency").asText()).isEqualTo("1M");
        assertThat(json.get("length").get("median").asDouble()).isEqualTo(32.0);
        assertThat(json.get("filling").get(0).get("range").asText()).isEqualTo("middle");
    }

    @Test
    void qualityReportMatchesTheLeaderboardAndHandComputationsFcstR19() throws Exception {
        ForecastResult r = fit();
        QualityReport q = r.qualityReport();
        assertThat(q.job()).isEqualTo("report-test");
        assertThat(q.algorithms()).containsExactly(ForecastAlgorithm.NAIVE, ForecastAlgorithm.SEASONAL_NAIVE);
        assertThat(q.seed()).isEqualTo(42L);
        assertThat(q.seriesCount()).isEqualTo(2);
        assertThat(q.objective()).isEqualTo(ForecastMetric.AVERAGE_WQL);
        assertThat(q.backtestWindows()).isEqualTo(2);
        assertThat(q.backtestOffset()).isEqualTo(4);
        assertThat(q.quantiles()).containsExactly(0.1, 0.5, 0.9);
        assertThat(q.best()).isEqualTo(r.forecaster().name());
        assertThat(q.models()).extracting(QualityReport.Model::model)
                .containsExactlyElementsOf(r.leaderboard().stream().map(LeaderboardRow::model).toList());
        for (int i = 0; i < q.models().size(); i++) {
            QualityReport.Model m = q.models().get(i);
            LeaderboardRow row = r.leaderboard().get(i);
            assertThat(m.windows()).hasSize(2);
            assertThat(m.fitSeconds()).isEqualTo(row.fitSeconds());
            assertThat(m.weights()).isEqualTo(row.weights());
            assertThat(m.std().get(ForecastMetric.AVERAGE_WQL)).isCloseTo(row.objectiveStd(), within(1e-12));
            for (ForecastMetric metric : ForecastMetric.values()) {
                assertThat(m.mean().get(metric)).as(m.model() + " " + metric)
                        .isCloseTo(row.metrics().get(metric), within(1e-12));
            }
            for (QualityReport.Window w : m.windows()) {
                assertThat(w.scoredSeries()).isEqualTo(2);
                // average wQL = mean of wQL over the quantiles
                double avg = w.wql().values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
                assertThat(w.metrics().get(ForecastMetric.AVERAGE_WQL)).isCloseTo(avg, within(1e-12));
            }
            assertThat(m.wqlMean().keySet()).containsExactly("p10", "p50", "p90");
        }
        assertThat(q.models()).anyMatch(m -> m.model().equals("ENSEMBLE") && !m.weights().isEmpty());
        // NAIVE by hand: window 1 tests line 37..40 (last training value 36) and gappy months 20..23 (0, 10, 0, 10
        // after 10): errors 1..4 and 10, 0, 10, 0; window 2 tests line 33..36 (after 32) and gappy months 16..19
        // (0, 10, 0, 10) after the zero-filled month 15: errors 1..4 and 0, 10, 0, 10
        QualityReport.Model naive = q.models().stream().filter(m -> m.model().equals("NAIVE")).findFirst()
                .orElseThrow();
        double rmse1 = Math.sqrt((1 + 4 + 9 + 16 + 100 + 0 + 100 + 0) / 8.0);
        double rmse2 = Math.sqrt((1 + 4 + 9 + 16 + 0 + 100 + 0 + 100) / 8.0);
        assertThat(naive.windows().get(0).metrics().get(ForecastMetric.RMSE)).isCloseTo(rmse1, within(1e-12));
        assertThat(naive.windows().get(1).metrics().get(ForecastMetric.RMSE)).isCloseTo(rmse2, within(1e-12));
        // WAPE: Σ|e| / Σ|y| per window
        double wape1 = (1 + 2 + 3 + 4 + 10 + 0 + 10 + 0) / (37.0 + 38 + 39 + 40 + 0 + 10 + 0 + 10);
        double wape2 = (1 + 2 + 3 + 4 + 0 + 10 + 0 + 10) / (33.0 + 34 + 35 + 36 + 0 + 10 + 0 + 10);
        assertThat(naive.windows().get(0).metrics().get(ForecastMetric.WAPE)).isCloseTo(wape1, within(1e-12));
        assertThat(naive.windows().get(1).metrics().get(ForecastMetric.WAPE)).isCloseTo(wape2, within(1e-12));
        assertThat(naive.mean().get(ForecastMetric.WAPE)).isCloseTo((wape1 + wape2) / 2, within(1e-12));
        assertThat(naive.std().get(ForecastMetric.WAPE)).isCloseTo(Math.abs(wape1 - wape2) / Math.sqrt(2),
                within(1e-12));
        JsonNode json = new ObjectMapper().readTree(q.toJson());
        assertThat(json.get("algorithms").toString()).isEqualTo("[\"NAIVE\",\"SEASONAL_NAIVE\"]");
        assertThat(json.get("models")).hasSize(q.models().size());
        assertThat(json.get("models").get(0).get("windows")).hasSize(2);
        assertThat(json.get("models").get(0).get("wqlMean").get("p50").isNumber()).isTrue();
    }

    @Test
    void undefinedNumbersAreWrittenAsNull() throws Exception {
        QualityReport.Window w = new QualityReport.Window(1, 0, Map.of(ForecastMetric.MASE, Double.NaN),
                Map.of("p50", Double.POSITIVE_INFINITY));
        QualityReport q = new QualityReport("j", List.of(ForecastAlgorithm.NAIVE), 1, 1, ForecastMetric.MASE, 1,
                List.of(0.5), 1, 1, Frequency.parse("D"), 7, "NAIVE", List.of(new QualityReport.Model("NAIVE",
                List.of(w), Map.of(ForecastMetric.MASE, Double.NaN), Map.of(), Map.of(), Map.of(), 0.5, Map.of(), 0)));
        JsonNode json = new ObjectMapper().readTree(q.toJson());
        assertThat(json.get("models").get(0).get("objective").isNull()).isTrue();
        assertThat(json.get("models").get(0).get("windows").get(0).get("wql").get("p50").isNull()).isTrue();
    }
}
