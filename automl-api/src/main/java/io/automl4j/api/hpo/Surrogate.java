package io.automl4j.api.hpo;

/** The surrogate model of the BAYESIAN strategy (AUTOML-R31). */
public enum Surrogate {
    /** Tree-structured Parzen estimator (γ = 0.25, 24 expected-improvement candidates per proposal). */
    TPE,
    /** Gaussian process with a Matérn 5/2 kernel and expected improvement. */
    GP_EI
}
