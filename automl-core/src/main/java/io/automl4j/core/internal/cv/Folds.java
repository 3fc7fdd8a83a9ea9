package io.automl4j.core.internal.cv;

import io.automl4j.core.internal.Seeds;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * K-fold assignment, stratified by class for classification (AUTOML-R26), seeded (AUTOML-R56). Rows of each class
 * are shuffled and dealt round-robin, continuing across classes, so fold sizes differ by at most one.
 */
public final class Folds {
    private final int k;
    private final int[] foldOf;

    private Folds(int k, int[] foldOf) {
        this.k = k;
        this.foldOf = foldOf;
    }

    /**
     * @param y          class index per row (classification) or value (regression)
     * @param numClasses 0 for regression
     * @param k          folds (2..10)
     * @param seed       split seed
     * @return the assignment
     */
    public static Folds assign(double[] y, int numClasses, int k, long seed) {
        int n = y.length;
        if (k < 2 || k > n) {
            throw new IllegalArgumentException("cannot split " + n + " rows into " + k + " folds");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int[] foldOf = new int[n];
        List<int[]> groups = new ArrayList<>();
        if (numClasses == 0) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            groups.add(all);
        } else {
            int[] counts = new int[numClasses];
            for (double v : y) {
                counts[(int) v]++;
            }
            int[][] byClass = new int[numClasses][];
            int[] fill = new int[numClasses];
            for (int c = 0; c < numClasses; c++) {
                byClass[c] = new int[counts[c]];
            }
            for (int i = 0; i < n; i++) {
                int c = (int) y[i];
                byClass[c][fill[c]++] = i;
            }
            for (int[] g : byClass) {
                groups.add(g);
            }
        }
        int next = 0;
        for (int[] g : groups) {
            Seeds.shuffle(g, rng);
            for (int i : g) {
                foldOf[i] = next;
                next = (next + 1) % k;
            }
        }
        return new Folds(k, foldOf);
    }

    /**
     * An explicit assignment, e.g. a forced holdout as fold 0 and the training rows as fold 1.
     *
     * @param k      folds (&gt;= 2)
     * @param foldOf fold per row, each in [0, k) and every fold non-empty
     * @return the assignment
     */
    public static Folds of(int k, int[] foldOf) {
        int[] counts = new int[Math.max(k, 0)];
        for (int f : foldOf) {
            if (f < 0 || f >= k) {
                throw new IllegalArgumentException("fold " + f + " outside [0, " + k + ")");
            }
            counts[f]++;
        }
        for (int f = 0; f < k; f++) {
            if (counts[f] == 0) {
                throw new IllegalArgumentException("fold " + f + " of " + k + " is empty");
            }
        }
        return new Folds(k, foldOf.clone());
    }

    /** @return number of folds */
    public int k() {
        return k;
    }

    /** @return fold index per row */
    public int fold(int row) {
        return foldOf[row];
    }

    /** @return rows in fold f, ascending */
    public int[] validation(int f) {
        int c = 0;
        for (int v : foldOf) {
            if (v == f) {
                c++;
            }
        }
        int[] out = new int[c];
        for (int i = 0, j = 0; i < foldOf.length; i++) {
            if (foldOf[i] == f) {
                out[j++] = i;
            }
        }
        return out;
    }

    /** @return rows not in fold f, ascending */
    public int[] training(int f) {
        int c = 0;
        for (int v : foldOf) {
            if (v != f) {
                c++;
            }
        }
        int[] out = new int[c];
        for (int i = 0, j = 0; i < foldOf.length; i++) {
            if (foldOf[i] != f) {
                out[j++] = i;
            }
        }
        return out;
    }
}
