package io.automl4j.core.internal.learn;

import java.util.Map;

/** A trained model of one learner on one fold. Thread-safe for concurrent {@link #predict} calls. */
public interface FittedLearner {

    /**
     * @param x features in the same layout as training
     * @return one row per input row: class probabilities (k columns, summing to 1) for classification, one
     *         column with the value for regression
     */
    double[][] predict(FeatureMatrix x);

    /** @return the persistence kind, a key of {@link Learners#deserialize} (e.g. {@code "xgboost"}) */
    String kind();

    /** @return the model in the library's own safe format (no unfiltered Java serialization of foreign classes) */
    byte[] serialize();

    /** @return facts learned in training, e.g. {@code bestIteration}, {@code timeLimited} */
    Map<String, String> info();
}
