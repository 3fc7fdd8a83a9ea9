package io.automl4j.core.internal.hpo;

/**
 * Seed roots of the HPO engine for {@link io.automl4j.core.internal.Seeds#derive} (AUTOML-R56), disjoint from the
 * roots of {@code Seeds}: a trial's learner seeds stay {@code (CANDIDATE, trial, fold)} as in ENSEMBLING.
 */
final class HpoSeeds {
    /** RANDOM draws and the seeded random start of BAYESIAN: (RANDOM, trial). */
    static final long RANDOM = 101;
    /** TPE proposals: (TPE, trial). */
    static final long TPE = 102;
    /** Hyperband configurations: (HYPERBAND, trial). */
    static final long HYPERBAND = 103;
    /** Hyperband data-fraction subsamples: (SUBSAMPLE, trial, fold). */
    static final long SUBSAMPLE = 104;
    /** GP-EI proposals: (GP, trial). */
    static final long GP = 105;

    private HpoSeeds() {
    }
}
