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
