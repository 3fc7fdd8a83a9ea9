package io.automl4j.core.internal;

import java.util.SplittableRandom;

/**
 * Seed derivation (AUTOML-R56). Every split, candidate and fold gets a seed derived from the job seed and a stable
 * path of indices: {@code s0 = jobSeed; s(i+1) = new SplittableRandom(s(i) ^ GOLDEN * (p(i) + 1)).nextLong()}.
 * Paths are assigned in plan order, never thread order, so results do not depend on scheduling.
 */
public final class Seeds {
    /** Path roots, so that different uses of the same index never share a seed. */
    public static final long SPLIT = 1;
    /** Root for candidate seeds: (CANDIDATE, candidateIndex, fold). */
    public static final long CANDIDATE = 2;
    /** Root for preprocessing seeds (target encoding folds): (PREPROCESS, fold). */
    public static final long PREPROCESS = 3;
    /** Root for the inference-latency sample. */
    public static final long LATENCY = 4;
    /** Root for the holdout split (AUTOML-R17). */
    public static final long HOLDOUT = 5;
    /** Fold index used for refit-on-all-rows seeds: (CANDIDATE, candidateIndex, REFIT), (PREPROCESS, REFIT). */
    public static final long REFIT = 1000;

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Seeds() {
    }

    /**
     * @param jobSeed the job seed
     * @param path    stable indices
     * @return the derived seed
     */
    public static long derive(long jobSeed, long... path) {
        long s = jobSeed;
        for (long p : path) {
            s = new SplittableRandom(s ^ (GOLDEN * (p + 1))).nextLong();
        }
        return s;
    }

    /**
     * @param jobSeed the job seed
     * @param path    stable indices
     * @return a fresh generator for that path
     */
    public static SplittableRandom rng(long jobSeed, long... path) {
        return new SplittableRandom(derive(jobSeed, path));
    }

    /**
     * Fisher–Yates shuffle with the given generator.
     *
     * @param a   array to shuffle in place
     * @param rng generator
     */
    public static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
