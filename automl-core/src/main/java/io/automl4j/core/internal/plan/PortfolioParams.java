package io.automl4j.core.internal.plan;

import java.util.Map;

/** Hyperparameter names of presets whose spelling depends on the learner library. */
final class PortfolioParams {
    /** Portfolio entry 9: entropy / absolute error, max_features 0.5. */
    static final Map<String, String> RF_ENTROPY = Map.of("classification_criterion", "entropy", "regression_criterion", "absolute_error", "max_features", "0.5");

    private PortfolioParams() {
    }
}
