package io.automl4j.core.internal.hpo;

import io.automl4j.core.internal.Seeds;

import java.util.SplittableRandom;

/**
 * RANDOM (AUTOML-R31): trial t draws from its own generator {@code Seeds.rng(seed, HpoSeeds.RANDOM, t)}: first the
 * algorithm uniformly, then each dimension's unit coordinate uniformly. A trial's configuration therefore depends
 * only on (seed, t), never on other trials or on timing.
 */
public final class RandomSampler {
    private RandomSampler() {
    }

    /**
     * @param space the space
     * @param seed  the job seed
     * @param trial the trial index
     * @return the configuration of that trial
     */
    public static Config sample(SearchSpace space, long seed, int trial) {
        return draw(space, Seeds.rng(seed, HpoSeeds.RANDOM, trial));
    }

    /**
     * @param space the space
     * @param rng   a generator
     * @return a uniform draw
     */
    static Config draw(SearchSpace space, SplittableRandom rng) {
        int a = rng.nextInt(space.size());
        double[] u = new double[space.get(a).dims().size()];
        for (int d = 0; d < u.length; d++) {
            u[d] = rng.nextDouble();
        }
        return new Config(a, u);
    }
}
