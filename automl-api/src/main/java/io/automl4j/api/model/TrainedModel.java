package io.automl4j.api.model;

import io.automl4j.api.data.Dataset;
import io.automl4j.api.provenance.Provenance;
import io.automl4j.api.spi.Engines;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A trained model with its full preprocessing pipeline (AUTOML-R23, R49). Thread-safe.
 *
 * <pre>{@code
 * Predictions p = model.predict(Dataset.readCsv(Path.of("new.csv")));
 * model.save(Path.of("out/model"));
 * TrainedModel again = TrainedModel.load(Path.of("out/model"));
 * }</pre>
 */
public interface TrainedModel {

    /**
     * Predicts every row of {@code data}. Extra columns (including the target) are ignored, unseen categories map
     * to an "unknown" level, and non-numeric text in a NUMERIC column is treated as missing and counted in
     * {@link Predictions#warnings()} (AUTOML-R18).
     *
     * @param data rows to score; must contain every column of {@link Signature#inputs()}
     * @return the predictions
     * @throws io.automl4j.api.DataFormatException naming the first missing feature column
     */
    Predictions predict(Dataset data);

    /**
     * Scores labelled data with every metric of the model's problem type except INFERENCE_LATENCY (AUTOML-R43),
     * using the data's weight column when the model was trained with one. Rows with a missing target are skipped;
     * rows whose class was not seen in training are skipped and counted in the result's {@code skippedRows}.
     *
     * @param data rows with the target column and every feature column
     * @return the metric values and the number of rows evaluated and skipped
     * @throws io.automl4j.api.DataFormatException when the target or a feature column is missing
     */
    Evaluation evaluate(Dataset data);

    /**
     * The outcome of {@link #evaluate(Dataset)}.
     *
     * @param metrics     metric values in report order
     * @param rows        rows evaluated
     * @param skippedRows rows skipped (missing target or a class unseen in training)
     */
    record Evaluation(java.util.Map<io.automl4j.api.eval.Metric, Double> metrics, int rows, int skippedRows) {
        public Evaluation {
            metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
        }
    }

    /** @return inputs, target, labels and outputs */
    Signature signature();

    /** @return how this model was trained */
    Provenance provenance();

    /**
     * Writes this model into a directory (created if needed) in the versioned automl4j format.
     *
     * @param dir target directory; existing model files in it are replaced
     * @throws IOException on write errors
     */
    void save(Path dir) throws IOException;

    /**
     * Loads a model saved by {@link #save(Path)} through the installed engine.
     *
     * @param dir the model directory
     * @return the model
     * @throws io.automl4j.api.ModelFormatException when missing, corrupt, or from a newer format version
     * @throws IOException                         on read errors
     */
    static TrainedModel load(Path dir) throws IOException {
        return Engines.engine().loadModel(dir);
    }

    /**
     * @param keys keys to check
     * @return the keys as a list
     * @throws IllegalArgumentException when a key does not fit this model's problem type (AUTOML-R50)
     */
    default List<PredictionKey> checkKeys(PredictionKey... keys) {
        List<PredictionKey> list = List.of(keys);
        for (PredictionKey k : list) {
            if (!signature().outputs().contains(k)) {
                throw new IllegalArgumentException(k + " is not available for " + signature().problemType()
                        + "; available keys are " + signature().outputs());
            }
        }
        return list;
    }
}
