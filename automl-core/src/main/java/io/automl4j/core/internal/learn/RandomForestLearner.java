package io.automl4j.core.internal.learn;

import io.automl4j.api.Algorithm;

import java.util.Map;

/**
 * Random forest (portfolio entries 3 and 9): each tree is grown on a bootstrap sample, with a random subset of
 * features tried at every split; class probabilities (or values) are averaged over the trees. Trees are grown by
 * automl4j's histogram CART ({@link HistForest}); the {@code absolute_error} regression criterion finds its splits
 * with {@link AbsoluteErrorSplitter} (exact weighted medians of both children).
 *
 * <p>Hyperparameters (defaults): {@code trees} 300; {@code classification_criterion} gini | entropy;
 * {@code regression_criterion} squared_error | absolute_error; {@code max_features} auto (sqrt(p) for
 * classification; for regression all p up to 32 features, else max(32, p/3)) | sqrt | log2 | third | all | a
 * fraction in (0, 1]; {@code min_samples_leaf}
 * 1 (a minimum weight per leaf, weights scaled to mean 1); {@code max_depth} 0 = unlimited; {@code bootstrap} true.
 * Entry 9 is {@code classification_criterion=entropy, regression_criterion=absolute_error, max_features=0.5}.
 * With absolute_error the splits minimise the children's weighted absolute deviations from their medians but,
 * unlike scikit-learn, a leaf still predicts its (weighted) mean, not its median (as Tribuo's trees did before; the
 * mean is what RMSE and the ensembles over these predictions want).
 *
 * <p>Sample weights (scaled to mean 1) weight the impurity of every split and the leaf class distributions or
 * means; with bootstrap, a row's weight is multiplied by the number of times it was drawn. Missing values (NaN) get
 * their own bin below all values, see {@link TribuoForest}. The deadline is checked between trees: a forest cut
 * short keeps the trees built so far (at least one) and records {@code timeLimited=true}; {@code ctx.threads()}
 * trees are grown in parallel, each from its own seed, so the forest is the same for any thread count.
 */
final class RandomForestLearner extends BaseLearner {
    static final String KIND = "random_forest";

    private final ClassicParams params;

    RandomForestLearner(Map<String, String> overrides) {
        super(Algorithm.RANDOM_FOREST, Flavor.TREE, true);
        this.params = forestParams(Algorithm.RANDOM_FOREST, true).resolve(overrides);
    }

    static ClassicParams.Builder forestParams(Algorithm algorithm, boolean bootstrap) {
        return ClassicParams.builder(algorithm)
                .add("trees", "300", ClassicParams.intRange(1, 10_000))
                .add("classification_criterion", "gini", ClassicParams.oneOf("gini", "entropy"))
                .add("regression_criterion", "squared_error",
                        ClassicParams.oneOf("squared_error", "absolute_error"))
                .add("max_features", "auto", raw -> {
                    switch (raw) {
                        case "auto", "sqrt", "log2", "third", "all" -> {
                            return raw;
                        }
                        default -> {
                            return ClassicParams.doubleRange(0, false, 1, true).canonical(raw);
                        }
                    }
                })
                .add("min_samples_leaf", "1", ClassicParams.intRange(1, 1_000_000))
                .add("max_depth", "0", ClassicParams.intRange(0, 10_000))
                .add("bootstrap", Boolean.toString(bootstrap), ClassicParams.bool());
    }

    static TribuoForest.Config config(ClassicParams params, Task task, boolean randomSplits) {
        String mf = params.get("max_features");
        if (mf.equals("auto")) {
            // classification: sqrt(p) (Breiman, scikit-learn); regression: all features on narrow data
            // (scikit-learn's default; Geurts et al. for extra trees), p/3 but at least 32 on wide data (R's
            // randomForest, a third of the cost). R's p/3 alone leaves one or two features per split on narrow data
            // (airfoil, 5 features: RANDOM_FOREST test RMSE 3.78 against 2.02 with all of them)
            mf = task.isRegression() ? "regression_auto" : "sqrt";
        }
        int depth = params.getInt("max_depth");
        return new TribuoForest.Config(params.getInt("trees"), params.get("classification_criterion"),
                params.get("regression_criterion"), mf, params.getInt("min_samples_leaf"),
                depth == 0 ? Integer.MAX_VALUE : depth, params.getBoolean("bootstrap"), randomSplits);
    }

    @Override
    public Map<String, String> hyperparameters() {
        return params.asMap();
    }

    @Override
    public FittedLearner fit(TrainData train, LearnContext ctx) {
        return TribuoForest.fit(KIND, config(params, ctx.task(), false), train, ctx);
    }

    /**
     * @param bytes what {@link FittedLearner#serialize()} of a random forest produced
     * @return the model
     * @throws io.automl4j.api.ModelFormatException when the bytes are not a readable random forest
     */
    static FittedLearner load(byte[] bytes) {
        return CompactForest.Fitted.load(bytes, KIND);
    }

    @Override
    public String toString() {
        return "RandomForestLearner" + params.asMap();
    }
}
