package io.automl4j.core.internal.learn;

import io.automl4j.api.Algorithm;

import java.util.Map;

/**
 * Extremely randomised trees (portfolio entry 4; Geurts, Ernst &amp; Wehenkel 2006) on Tribuo CART trees with
 * random split points: at every split each candidate feature gets one random threshold, and the best of those is
 * taken. Tribuo draws the threshold as a uniformly random position among the distinct (binned) values present in
 * the node, i.e. uniform in rank rather than uniform between the node's minimum and maximum as in the paper. Trees
 * are grown on the whole training set (no bootstrap, as in the paper and scikit-learn).
 *
 * <p>Hyperparameters and defaults are those of {@link RandomForestLearner} except {@code bootstrap} false and
 * {@code max_features} auto = sqrt(p) for classification and all features for regression. Weights, missing values,
 * threads and the deadline are handled as there.
 *
 * <p>Regression with the squared-error criterion (the portfolio's) is grown by {@link ExtraTreesRegression}:
 * thresholds uniform between the node's minimum and maximum, as in the paper, on the raw values. Tribuo 4.3.2's
 * random-split regression node is wrong with more than one candidate feature per split (see there), so only the
 * {@code absolute_error} criterion still uses it, limited to one feature per split (recorded as
 * {@code featuresPerSplitNote} in {@code info()}). Classification is unaffected (its random split works on label
 * counts).
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
