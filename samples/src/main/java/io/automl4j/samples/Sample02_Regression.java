package io.automl4j.samples;

import io.automl4j.api.AutoMLJob;
import io.automl4j.api.AutoMLResult;
import io.automl4j.api.data.Dataset;
import io.automl4j.api.eval.Metric;
import io.automl4j.api.model.TrainedModel;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * Sample 02: predict concrete compressive strength (regression) under a time budget, and score a held-out part.
 *
 * <p>Shows an explicit objective (RMSE), a wall-clock budget ({@code maxJobRuntime}: results then depend on timing
 * and provenance says so), and {@link TrainedModel#evaluate} on rows the model never saw.
 *
 * <p>How to run: run {@code main} from your IDE with the {@code samples} module's runtime classpath.
 */
public final class Sample02_Regression {
    private Sample02_Regression() {
    }

    /**
     * @param args unused
     * @throws Exception on I/O errors
     */
    public static void main(String[] args) throws Exception {
        Dataset all;
        try (Reader r = new InputStreamReader(Sample02_Regression.class.getResourceAsStream("concrete.csv"),
                StandardCharsets.UTF_8)) {
            all = Dataset.readCsv(r, "concrete.csv");
        }
        int n = all.rowCount();
        int cut = n * 4 / 5; // the file is not ordered by the target, so a plain cut is a fair split
        int[] trainRows = java.util.stream.IntStream.range(0, cut).toArray();
        int[] testRows = java.util.stream.IntStream.range(cut, n).toArray();

        AutoMLJob job = AutoMLJob.builder()
                .target("compressive_strength")
                .objectiveMetric(Metric.RMSE)
                .maxJobRuntime(Duration.ofSeconds(30))
                .build();
        AutoMLResult result = job.fit(all.selectRows(trainRows));
        System.out.println(result.leaderboard());
        System.out.println("reproducible: " + result.provenance().reproducible() + " ("
                + result.provenance().reproducibleReason() + ")");

        TrainedModel.Evaluation test = result.bestModel().evaluate(all.selectRows(testRows));
        System.out.println("held-out " + Arrays.toString(new int[] {test.rows()}) + " rows: " + test.metrics());
    }
}
