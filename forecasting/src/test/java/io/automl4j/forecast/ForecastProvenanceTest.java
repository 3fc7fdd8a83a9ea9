package io.automl4j.forecast;

import io.automl4j.api.data.Dataset;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Provenance of forecasting results (AUTOML-R57 as applied by forecasting.md's header, FCST-R21). */
class ForecastProvenanceTest {

    private static String csv() throws Exception {
        return Files.readString(Path.of(ForecastProvenanceTest.class.getResource("/fcst/m3_sample.csv").toURI()));
    }

    private static ForecastJob.Builder job() {
        return ForecastJob.builder().name("prov").itemId("item_id").timestamp("timestamp").target("target")
                .horizon(4).algorithms(ForecastAlgorithm.NAIVE, ForecastAlgorithm.THETA).seed(5);
    }

    @Test
    void provenanceCarriesSpecResolvedFingerprintPlatformAndTimes() throws Exception {
        ForecastResult r = job().build().fit(Dataset.readCsv(new StringReader(csv()), "m3_sample"));
        ForecastProvenance p = r.provenance();
        assertThat(p.jobName()).isEqualTo("prov");
        assertThat(p.seed()).isEqualTo(5);
        assertThat(p.spec()).containsEntry("horizon", "4").containsEntry("frequency", "inferred")
                .containsEntry("algorithms", "[NAIVE, THETA]").containsEntry("maxJobRuntime", "none")
                .containsEntry("seed", "5").containsEntry("backtestOffset", "= horizon");
        assertThat(p.resolved()).containsEntry("frequency", "1Q").containsEntry("seasonalPeriod", "4")
                .containsEntry("finalModel", r.forecaster().name());
        assertThat(p.dataFingerprint()).matches("[0-9a-f]{64}");
        assertThat(p.runtime().javaVersion()).isEqualTo(System.getProperty("java.version"));
        assertThat(p.runtime().libraryVersion()).isNotBlank();
        assertThat(p.startTime()).isBeforeOrEqualTo(p.endTime());
        assertThat(p.reproducible()).isTrue();
        assertThat(p.reproducibleReason()).isEqualTo("count budget and fixed seed");
        assertThat(r.reproducible()).isTrue();
    }

    @Test
    void fingerprintNamesTheDataNotHowItWasRead() throws Exception {
        String text = csv();
        String fromCsv = job().build().fit(Dataset.readCsv(new StringReader(text), "a")).provenance()
                .dataFingerprint();
        // the same cells built in memory
        List<Map<String, Object>> rows = new ArrayList<>();
        String[] lines = text.strip().split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",");
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("item_id", f[0]);
            row.put("timestamp", f[1]);
            row.put("target", f[2]);
            rows.add(row);
        }
        String fromRows = job().build().fit(Dataset.fromRows(rows)).provenance().dataFingerprint();
        assertThat(fromRows).isEqualTo(fromCsv);
        // one cell changed: another fingerprint
        String changed = text.replaceFirst("3142.63", "3142.64");
        assertThat(job().build().fit(Dataset.readCsv(new StringReader(changed), "b")).provenance()
                .dataFingerprint()).isNotEqualTo(fromCsv);
    }

    @Test
    void injectedClockStampsEventsAndProvenance() throws Exception {
        java.time.Instant fixed = java.time.Instant.parse("2030-01-02T03:04:05Z");
        ForecastResult r = job().clock(() -> fixed).build()
                .fit(Dataset.readCsv(new StringReader(csv()), "m3_sample"));
        assertThat(r.provenance().startTime()).isEqualTo(fixed);
        assertThat(r.provenance().endTime()).isEqualTo(fixed);
        assertThat(r.events()).isNotEmpty().allMatch(e -> e.time().equals(fixed));
    }

    @Test
    void timeBudgetedRunIsMarkedNotReproducible() throws Exception {
        ForecastResult r = job().maxJobRuntime(Duration.ofMinutes(5)).build()
                .fit(Dataset.readCsv(new StringReader(csv()), "m3_sample"));
        assertThat(r.provenance().reproducible()).isFalse();
        assertThat(r.provenance().reproducibleReason()).contains("time budget");
        assertThat(r.provenance().spec()).containsEntry("maxJobRuntime", "PT5M");
    }
}
