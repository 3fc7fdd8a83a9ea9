package io.automl4j.core.internal.learn;

import io.automl4j.api.Algorithm;

import java.util.Objects;

/** What every {@link Learner} declares about itself, as data: its algorithm, flavour and weight support. */
abstract class BaseLearner implements Learner {
    private final Algorithm algorithm;
    private final Flavor flavor;
    private final boolean supportsWeights;

    BaseLearner(Algorithm algorithm, Flavor flavor, boolean supportsWeights) {
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.flavor = Objects.requireNonNull(flavor, "flavor");
        this.supportsWeights = supportsWeights;
    }

    @Override
    public final Algorithm algorithm() {
        return algorithm;
    }

    @Override
    public final Flavor flavor() {
        return flavor;
    }

    @Override
    public final boolean supportsWeights() {
        return supportsWeights;
    }
}
