package io.automl4j.samples;

import io.automl4j.api.AutoMLJob;
import io.automl4j.api.AutoMLResult;
import io.automl4j.api.data.Dataset;
import io.automl4j.api.eval.Metric;
import io.automl4j.api.model.PredictionKey;
import io.automl4j.api.model.Predictions;
import io.automl4j.api.model.TrainedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A black-box test that sees only the public packages (the samples module compiles against automl-api alone;
 * automl-core is a runtime dependency found through ServiceLoader).
 */
class PublicApiTest {
    static Dataset iris() throws Exception {
        try (Reader r = new InputStreamReader(Sample01_QuickStart.class.getResourceAsStream("iris.csv"),
                StandardCharsets.UTF_8)) {
            return Dataset.readCsv(r, "iris.csv");
        }
    }

    @Test
    void start_stop_throughServiceLoader_keepsCompletedCandidates() throws Exception {
        io.automl4j.api.AutoMLRun run = AutoMLJob.builder().target("species").maxCandidates(10).seed(42).build()
                .start(iris());
        while (run.candidates().stream().noneMatch(c -> c.status() == io.automl4j.api.CandidateStatus.COMPLETED)
                && !run.await(java.time.Duration.ofMillis(20))) {
            assertThat(run.status()).isIn(io.automl4j.api.JobStatus.IN_PROGRESS, io.automl4j.api.JobStatus.COMPLETED);
        }
        run.stop();
        assertThat(run.await(java.time.Duration.ofSeconds(60))).isTrue();
        AutoMLResult r = run.result();
        assertThat(run.status()).isIn(io.automl4j.api.JobStatus.STOPPED, io.automl4j.api.JobStatus.COMPLETED);
        assertThat(r.leaderboard().size()).isGreaterThanOrEqualTo(1);
        assertThat(r.bestModel().predict(iris()).size()).isEqualTo(150);
    }

    @Test
    void fitPredictSaveLoad_throughServiceLoader(@TempDir Path dir) throws Exception {
        Dataset iris = iris();
        AutoMLResult r = AutoMLJob.builder().target("species").maxCandidates(2).seed(42).build().fit(iris);
        assertThat(r.resolved().objectiveMetric()).isEqualTo(Metric.ACCURACY);
        assertThat(r.leaderboard().best().objective()).isGreaterThan(0.9);
        TrainedModel m = r.bestModel();
        m.save(dir);
        TrainedModel back = TrainedModel.load(dir);
        Predictions p = back.predict(iris);
        StringWriter w = new StringWriter();
        p.writeCsv(w, m.checkKeys(PredictionKey.PREDICTED_LABEL, PredictionKey.PROBABILITY,
                PredictionKey.PROBABILITIES, PredictionKey.LABELS));
        String first = w.toString().lines().skip(1).findFirst().orElseThrow();
        // e.g. "setosa",0.99,"[0.99, 0.005, 0.005]","['setosa', 'versicolor', 'virginica']"
        assertThat(first).startsWith("\"setosa\",").endsWith(",\"['setosa', 'versicolor', 'virginica']\"");
        assertThat(back.evaluate(iris).metrics().get(Metric.ACCURACY)).isGreaterThan(0.9);
    }
}
