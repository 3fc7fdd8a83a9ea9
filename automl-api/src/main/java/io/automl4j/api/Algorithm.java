package io.automl4j.api;

/** The learning algorithms the engine can train (AUTOML-R24). */
public enum Algorithm {
    /** Leaf-wise histogram gradient boosting (LightGBM). */
    GBDT(true),
    /** XGBoost gradient boosting. */
    XGBOOST(true),
    /** Random forest (bootstrap samples, random feature subsets). */
    RANDOM_FOREST(false),
    /** Extremely randomised trees (random split thresholds). */
    EXTRA_TREES(false),
    /** Logistic / multinomial regression for classification, ridge regression for regression. */
    LINEAR(true),
    /** Multi-layer perceptron. */
    MLP(true),
    /** k nearest neighbours. */
    KNN(false);

    private final boolean iterative;

    Algorithm(boolean iterative) {
        this.iterative = iterative;
    }

    /** @return true when the algorithm reports a metric per step (boosting rounds or epochs) */
    public boolean isIterative() {
        return iterative;
    }
}
