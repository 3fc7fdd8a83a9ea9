package io.automl4j.core.internal.hpo;

import java.util.Arrays;

/**
 * A point of the conditional space: which algorithm (index into {@link SearchSpace#algorithms()}) and the unit
 * coordinates of its dimensions.
 *
 * @param algorithm algorithm index
 * @param u         unit coordinates, one per dimension of that algorithm
 */
public record Config(int algorithm, double[] u) {
    public Config {
        u = u.clone();
    }

    @Override
    public double[] u() {
        return u.clone();
    }

    /** @param d dimension @return its coordinate */
    public double at(int d) {
        return u[d];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Config c && c.algorithm == algorithm && Arrays.equals(c.u, u);
    }

    @Override
    public int hashCode() {
        return 31 * algorithm + Arrays.hashCode(u);
    }

    @Override
    public String toString() {
        return "Config[" + algorithm + ", " + Arrays.toString(u) + "]";
    }
}
