package io.automl4j.core.internal.learn;

import io.automl4j.api.Algorithm;

import java.util.Map;

/**
 * Extremely randomised trees (portfolio entry 4; Geurts, Ernst &amp; Wehenkel 2006): at every split each candidate
 * feature gets one threshold drawn uniformly between its minimum and maximum in the node, on the raw values, and the
 * best of those is taken. Trees are grown on the whole training set (no bootstrap, as in the paper and
 * scikit-learn).
 *
 * <p>Hyperparameters and defaults are those of {@link RandomForestLearner} except {@code bootstrap} false and
 * {@code max_features} auto = sqrt(p) for classification and all features for regression. Weights, threads and the
 * deadline are handled as there; missing values go left at every split.
 *
 * <p>Classification is grown by {@link HistForest} (random splits; until it replaced Tribuo's CART, thresholds were
 * uniform in rank among the node's binned values rather than in value), regression with the squared-error
 * criterion (the portfolio's) by {@link ExtraTreesRegression}. Tribuo 4.3.2's random-split regression node is wrong
 * with more than one candidate feature per split (see there), so only the {@code absolute_error} criterion still
 * uses it, limited to one feature per split (recorded as {@code featuresPerSplitNote} in {@code info()}).
 */
final class ExtraTreesLearner extends BaseLearner {
    static final String KIND = "extra_trees";

    private final ClassicParams params;

    ExtraTreesLearner(Map<String, String> overrides) {
        super(Algorithm.EXTRA_TREES, Flavor.TREE, true);
        this.params = RandomForestLearner.forestParams(Algorithm.EXTRA_TREES, false).resolve(overrides);
    }

    @Override
    public Map<String, String> hyperparameters() {
        return params.asMap();
    }

    @Override
    public FittedLearner fit(TrainData train, LearnContext ctx) {
        return TribuoForest.fit(KIND, RandomForestLearner.config(params, ctx.task(), true), train, ctx);
    }

    /**
     * @param bytes what {@link FittedLearner#serialize()} of an extra-trees model produced
     * @return the model
     * @throws io.automl4j.api.ModelFormatException when the bytes are not a readable extra-trees model
     */
    static FittedLearner load(byte[] bytes) {
        return CompactForest.Fitted.load(bytes, KIND);
    }

    @Override
    public String toString() {
        return "ExtraTreesLearner" + params.asMap();
    }
}
