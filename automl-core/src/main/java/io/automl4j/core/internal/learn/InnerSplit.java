package io.automl4j.core.internal.learn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The inner train/validation split that early-stopping learners carve out of their training rows (AUTOML-R25:
 * "early stopping 50 rounds on an inner 10% split").
 *
 * <p>Classification splits are stratified: each class gives {@code round(fraction * count)} of its rows, but always
 * keeps at least one row in training; classes with a single row stay in training. Regression takes
 * {@code round(fraction * n)} rows. If that leaves the validation part empty although at least two rows exist, one
 * row of the largest class (or any row for regression) moves to validation. Row order inside each part is the
 * original order, and the choice depends only on (labels, task, seed): never on thread count or time.
 */
final class InnerSplit {

    /** The default validation share of AUTOML-R25. */
    static final double DEFAULT_FRACTION = 0.1;

    // Distinguishes this RNG stream from every other use of the learner seed.
    private static final long SALT = 0x1B873593_5F3A0C27L;

    private final int[] train;
    private final int[] valid;

    private InnerSplit(int[] train, int[] valid) {
        this.train = train;
        this.valid = valid;
    }

    /**
     * @param y        targets (class indices for classification)
     * @param task     regression or classification
     * @param seed     the learner seed ({@link LearnContext#seed()})
     * @param fraction validation share in (0, 1)
     * @return the split; {@link #valid()} is empty only when fewer than two rows (or no class with two rows) exist
     */
    static InnerSplit of(double[] y, Task task, long seed, double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("fraction must be in (0, 1) but was " + fraction);
        }
        Random rng = new Random(Boosting.mix(seed ^ SALT));
        int n = y.length;
        boolean[] inValid = new boolean[n];
        if (task.isRegression()) {
            int[] perm = permutation(identity(n), rng);
            int take = n < 2 ? 0 : Math.max(1, Math.min(n - 1, (int) Math.round(fraction * n)));
            for (int i = 0; i < take; i++) {
                inValid[perm[i]] = true;
            }
        } else {
            int k = task.numClasses();
            List<List<Integer>> byClass = new ArrayList<>(k);
            for (int c = 0; c < k; c++) {
                byClass.add(new ArrayList<>());
            }
            for (int i = 0; i < n; i++) {
                byClass.get((int) y[i]).add(i);
            }
            int total = 0;
            int largest = 0;
            int[][] perms = new int[k][];
            for (int c = 0; c < k; c++) {
                // Every class consumes the RNG, empty or not, so one class's size never shifts another's draw.
                perms[c] = permutation(byClass.get(c).stream().mapToInt(Integer::intValue).toArray(), rng);
                int count = perms[c].length;
                int take = count < 2 ? 0 : Math.min(count - 1, (int) Math.round(fraction * count));
                for (int i = 0; i < take; i++) {
                    inValid[perms[c][i]] = true;
                }
                total += take;
                if (count > perms[largest].length) {
                    largest = c;
                }
            }
            if (total == 0 && perms[largest].length >= 2) {
                inValid[perms[largest][0]] = true;
            }
        }
        int nValid = 0;
        for (boolean b : inValid) {
            nValid += b ? 1 : 0;
        }
        int[] tr = new int[n - nValid];
        int[] va = new int[nValid];
        int t = 0;
        int v = 0;
        for (int i = 0; i < n; i++) {
            if (inValid[i]) {
                va[v++] = i;
            } else {
                tr[t++] = i;
            }
        }
        return new InnerSplit(tr, va);
    }

    /** @return training row indices, ascending (a copy) */
    int[] train() {
        return train.clone();
    }

    /** @return validation row indices, ascending (a copy); empty when no split was possible */
    int[] valid() {
        return valid.clone();
    }

    boolean hasValidation() {
        return valid.length > 0;
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    // Fisher-Yates with java.util.Random, whose algorithm the JDK specifies exactly (portable across JVMs).
    private static int[] permutation(int[] a, Random rng) {
        int[] p = Arrays.copyOf(a, a.length);
        for (int i = p.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return p;
    }
}
