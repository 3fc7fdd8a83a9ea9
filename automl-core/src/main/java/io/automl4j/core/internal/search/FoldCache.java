package io.automl4j.core.internal.search;

import io.automl4j.core.internal.Seeds;
import io.automl4j.core.internal.data.PreparedData;
import io.automl4j.core.internal.learn.FeatureMatrix;
import io.automl4j.core.internal.learn.Learner;
import io.automl4j.core.internal.preprocess.FittedPreprocessor;
import io.automl4j.core.internal.preprocess.Preprocessing;

import java.util.EnumMap;
import java.util.Map;

/**
 * Preprocessing fitted per (flavour, fold) on the fold's training rows only, shared by every candidate of that
 * flavour, so no statistic sees validation or holdout rows and no work is done twice. Thread-safe: concurrent
 * candidates wait for the one computing a missing entry.
 */
public final class FoldCache {
    /** One fold's matrices: its training rows, its out-of-fold rows and the holdout, all through its pipeline. */
    public record FoldData(FittedPreprocessor preprocessor, FeatureMatrix train, double[] trainY,
                           double[] trainWeights, FeatureMatrix validation, FeatureMatrix holdout) {
    }

    private final PreparedData prep;
    private final Splits splits;
    private final long seed;
    private final Map<Learner.Flavor, FoldData[]> cache = new EnumMap<>(Learner.Flavor.class);

    FoldCache(PreparedData prep, Splits splits, long seed) {
        this.prep = prep;
        this.splits = splits;
        this.seed = seed;
    }

    /**
     * A cache over k folds of every usable row (no holdout), as HPO's cross-validation uses it.
     *
     * @param prep  the prepared data
     * @param folds fold assignment over all usable rows
     * @param seed  the job seed
     */
    public FoldCache(PreparedData prep, io.automl4j.core.internal.cv.Folds folds, long seed) {
        this(prep, new Splits(prep, java.util.stream.IntStream.range(0, prep.rows()).toArray(), new int[0], folds),
                seed);
    }

    Splits splits() {
        return splits;
    }

    /** @return the fold assignment (over the training rows) */
    public io.automl4j.core.internal.cv.Folds folds() {
        return splits.folds();
    }

    /**
     * @param flavor preprocessing flavour
     * @param fold   fold index
     * @return the fold's matrices, computed once
     */
    public synchronized FoldData get(Learner.Flavor flavor, int fold) {
        FoldData[] arr = cache.computeIfAbsent(flavor, f -> new FoldData[splits.k()]);
        if (arr[fold] == null) {
            int[] tr = splits.foldTraining(fold);
            int[] va = splits.foldValidation(fold);
            Preprocessing.Fitted fitted = Preprocessing.fit(prep.table(), tr, prep.y(), prep.task(), flavor,
                    Seeds.derive(seed, Seeds.PREPROCESS, fold));
            double[] y = Splits.pick(prep.y(), tr);
            double[] w = prep.weights() == null ? null : Splits.pick(prep.weights(), tr);
            FeatureMatrix holdout = splits.hasHoldout()
                    ? fitted.preprocessor().transform(prep.table(), splits.holdout()) : null;
            arr[fold] = new FoldData(fitted.preprocessor(), fitted.train(), y, w,
                    fitted.preprocessor().transform(prep.table(), va), holdout);
        }
        return arr[fold];
    }

    /** Drops every cached matrix. */
    public synchronized void clear() {
        cache.clear();
    }
}
