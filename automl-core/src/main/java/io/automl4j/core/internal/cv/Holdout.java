package io.automl4j.core.internal.cv;

import io.automl4j.core.internal.Seeds;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The holdout split of AUTOML-R17: {@code fraction} of the rows, stratified by class for classification (each
 * class contributes {@code round(fraction * count)} rows, but always keeps at least one row for training), a
 * random sample for regression; seeded (AUTOML-R56).
 */
public final class Holdout {
    private Holdout() {
    }

    /**
     * @param y          class index per row (classification) or value (regression)
     * @param numClasses 0 for regression
     * @param fraction   share to hold out, in (0, 1)
     * @param seed       split seed
     * @return the held-out rows, ascending (may be empty for very small data)
     */
    public static int[] split(double[] y, int numClasses, double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("fraction must be in (0, 1) but was " + fraction);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int n = y.length;
        boolean[] out = new boolean[n];
        int groups = Math.max(1, numClasses);
        for (int c = 0; c < groups; c++) {
            int count = 0;
            for (int i = 0; i < n; i++) {
                if (numClasses == 0 || (int) y[i] == c) {
                    count++;
                }
            }
            int[] rows = new int[count];
            for (int i = 0, j = 0; i < n; i++) {
                if (numClasses == 0 || (int) y[i] == c) {
                    rows[j++] = i;
                }
            }
            Seeds.shuffle(rows, rng);
            int take = (int) Math.min(count - 1L, Math.round(fraction * count));
            for (int i = 0; i < take; i++) {
                out[rows[i]] = true;
            }
        }
        int m = 0;
        for (boolean b : out) {
            m += b ? 1 : 0;
        }
        int[] result = new int[m];
        for (int i = 0, j = 0; i < n; i++) {
            if (out[i]) {
                result[j++] = i;
            }
        }
        return result;
    }

    /**
     * @param n       all rows
     * @param holdout held-out rows, ascending
     * @return the other rows, ascending
     */
    public static int[] complement(int n, int[] holdout) {
        int[] out = new int[n - holdout.length];
        int j = 0;
        for (int i = 0; i < n; i++) {
            if (Arrays.binarySearch(holdout, i) < 0) {
                out[j++] = i;
            }
        }
        return out;
    }
}
