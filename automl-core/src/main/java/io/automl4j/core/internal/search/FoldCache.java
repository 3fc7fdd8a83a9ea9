package io.automl4j.core.internal.search;

import io.automl4j.core.internal.Seeds;
import io.automl4j.core.internal.cv.Folds;
import io.automl4j.core.internal.data.PreparedData;
import io.automl4j.core.internal.learn.FeatureMatrix;
import io.automl4j.core.internal.learn.Learner;
import io.automl4j.core.internal.preprocess.FittedPreprocessor;
import io.automl4j.core.internal.preprocess.Preprocessing;

import java.util.EnumMap;
import java.util.Map;

/**
 * Preprocessing fitted per (flavour, fold) on the fold's training rows only, shared by every candidate of that
 * flavour, so no statistic sees validation rows and no work is done twice.
 */
public final class FoldCache {
    /** One fold's matrices. */
    public record FoldData(FittedPreprocessor preprocessor, FeatureMatrix train, double[] trainY, double[] trainWeights,
                    FeatureMatrix validation) {
    }

    private final PreparedData prep;
    private final Folds folds;
    private final long seed;
    private final Map<Learner.Flavor, FoldData[]> cache = new EnumMap<>(Learner.Flavor.class);

    public FoldCache(PreparedData prep, Folds folds, long seed) {
        this.prep = prep;
        this.folds = folds;
        this.seed = seed;
    }

    public Folds folds() {
        return folds;
    }

    public FoldData get(Learner.Flavor flavor, int fold) {
        FoldData[] arr = cache.computeIfAbsent(flavor, f -> new FoldData[folds.k()]);
        if (arr[fold] == null) {
            int[] tr = folds.training(fold);
            int[] va = folds.validation(fold);
            Preprocessing.Fitted fitted = Preprocessing.fit(prep.table(), tr, prep.y(), prep.task(), flavor,
                    Seeds.derive(seed, Seeds.PREPROCESS, fold));
            double[] y = new double[tr.length];
            double[] w = prep.weights() == null ? null : new double[tr.length];
            for (int i = 0; i < tr.length; i++) {
                y[i] = prep.y()[tr[i]];
                if (w != null) {
                    w[i] = prep.weights()[tr[i]];
                }
            }
            arr[fold] = new FoldData(fitted.preprocessor(), fitted.train(), y, w,
                    fitted.preprocessor().transform(prep.table(), va));
        }
        return arr[fold];
    }

    public void clear() {
        cache.clear();
    }
}
