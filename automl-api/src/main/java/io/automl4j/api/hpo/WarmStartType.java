package io.automl4j.api.hpo;

/** How a HYPERPARAMETER_TUNING job reuses the trials of parent jobs (AUTOML-R41). */
public enum WarmStartType {
    /** Same data (fingerprint) and algorithm set; ranges, maxCandidates and static↔tunable may change. */
    IDENTICAL_DATA_AND_ALGORITHM,
    /** Data and ranges may change. */
    TRANSFER_LEARNING
}
