package io.automl4j.samples;

import io.automl4j.api.AutoMLJob;
import io.automl4j.api.AutoMLResult;
import io.automl4j.api.data.Dataset;
import io.automl4j.api.model.PredictionKey;
import io.automl4j.api.model.Predictions;
import io.automl4j.api.model.TrainedModel;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Sample 01: classify iris flowers.
 *
 * <p>The smallest complete AutoML run: read a table, say which column to predict, fit, look at the leaderboard,
 * predict, save and load the model. The problem type (multiclass) and the objective (accuracy) are inferred from the
 * target column; {@code maxCandidates} is a count budget, so the same seed gives the same leaderboard every time.
 *
 * <p>How to run: {@code mvn -q -pl samples -am package -DskipTests && java -cp "samples/target/classes:$(cat
 * samples/target/classpath.txt)" io.automl4j.samples.Sample01_QuickStart} — or run {@code main} from your IDE.
 */
public final class Sample01_QuickStart {
    private Sample01_QuickStart() {
    }

    /**
     * @param args unused
     * @throws Exception on I/O errors
     */
    public static void main(String[] args) throws Exception {
        Dataset iris;
        try (Reader r = new InputStreamReader(Sample01_QuickStart.class.getResourceAsStream("iris.csv"),
                StandardCharsets.UTF_8)) {
            iris = Dataset.readCsv(r, "iris.csv");
        }

        AutoMLJob job = AutoMLJob.builder()
                .target("species")
                .maxCandidates(3)        // the first three portfolio entries: GBDT, XGBoost, random forest
                .seed(42L)
                .build();
        AutoMLResult result = job.fit(iris);

        System.out.println("problem type: " + result.resolved().problemType()
                + ", objective: " + result.resolved().objectiveMetric());
        System.out.println(result.leaderboard());

        TrainedModel model = result.bestModel();
        Predictions p = model.predict(iris);
        System.out.printf("row 0: %s (p=%.3f), labels %s%n", p.label(0), p.probability(0), p.labels());

        Path dir = Files.createTempDirectory("automl4j-sample01");
        model.save(dir);
        TrainedModel again = TrainedModel.load(dir);
        System.out.println("reloaded model predicts " + again.predict(iris).label(0) + " for row 0; keys "
                + again.signature().outputs().contains(PredictionKey.PROBABILITIES));
    }
}
