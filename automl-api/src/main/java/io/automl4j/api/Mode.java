package io.automl4j.api;

/** How the engine searches for models (AUTOML-R11, R12). */
public enum Mode {
    /** Resolved at fit time from the data size: ENSEMBLING up to {@code autoModeThresholdBytes}, else HPO. */
    AUTO,
    /** A fixed portfolio of algorithms, k-fold bagged, plus stacked and greedy ensembles. */
    ENSEMBLING,
    /** A search over algorithms and hyperparameters. */
    HYPERPARAMETER_TUNING
}
