package io.automl4j.core.internal.search;

import io.automl4j.core.internal.cv.Folds;
import io.automl4j.core.internal.data.PreparedData;

/**
 * The rows of one ENSEMBLING run (AUTOML-R26): the holdout used for selection, and the remaining training rows
 * split into k folds for bagging. Row numbers are indices into {@link PreparedData}'s usable rows; "local"
 * indices count within the training rows only (out-of-fold arrays are local).
 */
final class Splits {
    private final int[] training;
    private final int[] holdout;
    private final Folds folds;
    private final double[] trainingY;
    private final double[] trainingWeights;
    private final double[] holdoutY;
    private final double[] holdoutWeights;

    /**
     * @param prep     the prepared data
     * @param training training rows (ascending)
     * @param holdout  holdout rows (ascending; may be empty)
     * @param folds    fold assignment over the training rows (local indices)
     */
    Splits(PreparedData prep, int[] training, int[] holdout, Folds folds) {
        this.training = training;
        this.holdout = holdout;
        this.folds = folds;
        this.trainingY = pick(prep.y(), training);
        this.trainingWeights = prep.weights() == null ? null : pick(prep.weights(), training);
        this.holdoutY = pick(prep.y(), holdout);
        this.holdoutWeights = prep.weights() == null ? null : pick(prep.weights(), holdout);
    }

    static double[] pick(double[] v, int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = v[rows[i]];
        }
        return out;
    }

    Folds folds() {
        return folds;
    }

    int k() {
        return folds.k();
    }

    /** @return training rows (global) */
    int[] training() {
        return training;
    }

    /** @return holdout rows (global) */
    int[] holdout() {
        return holdout;
    }

    boolean hasHoldout() {
        return holdout.length > 0;
    }

    /** @return rows training fold model f (global) */
    int[] foldTraining(int f) {
        return toGlobal(folds.training(f));
    }

    /** @return rows fold model f predicts out of fold (global) */
    int[] foldValidation(int f) {
        return toGlobal(folds.validation(f));
    }

    private int[] toGlobal(int[] local) {
        int[] out = new int[local.length];
        for (int i = 0; i < local.length; i++) {
            out[i] = training[local[i]];
        }
        return out;
    }

    double[] trainingY() {
        return trainingY;
    }

    double[] trainingWeights() {
        return trainingWeights;
    }

    double[] holdoutY() {
        return holdoutY;
    }

    double[] holdoutWeights() {
        return holdoutWeights;
    }
}
