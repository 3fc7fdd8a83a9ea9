package io.automl4j.api.hpo;

/** How HYPERPARAMETER_TUNING proposes trials (AUTOML-R31). */
public enum Strategy {
    /** Seeded random start, then a surrogate model ({@link Surrogate}) with expected improvement. */
    BAYESIAN,
    /** Independent draws, each from an RNG derived from (seed, trial index). */
    RANDOM,
    /** Every combination of categorical ranges, in declaration order (last parameter fastest). */
    GRID,
    /** Successive-halving brackets (η = 3) over a resource: boosting rounds, epochs or data fraction. */
    HYPERBAND
}
