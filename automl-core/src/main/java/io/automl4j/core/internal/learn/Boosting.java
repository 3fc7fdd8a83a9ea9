package io.automl4j.core.internal.learn;

import java.lang.ref.Cleaner;
import java.util.Locale;

/**
 * What the gradient-boosting learners share: seed derivation, input validation, the link from raw scores to
 * probabilities, the early-stopping loss and rule.
 *
 * <p>Probabilities are computed here in double precision with {@link StrictMath} from the library's raw scores
 * (margins), so they are identical on every JVM and sum to 1 within a few ulps even when the library works in
 * float (XGBoost).
 */
final class Boosting {

    /** Frees native boosters of unreachable fitted models (one daemon thread for both libraries). */
    static final Cleaner CLEANER = Cleaner.create();

    /** Smallest probability used in log-loss, as in scikit-learn and XGBoost. */
    static final double EPS = 1e-15;

    private Boosting() {
    }

    /** SplitMix64 finalizer: a well-mixed, portable function of {@code z}. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * @param seed the learner seed
     * @param salt a constant distinguishing the consumer (e.g. "bagging")
     * @return a non-negative 31-bit seed for a native library parameter
     */
    static int seed31(long seed, long salt) {
        return (int) (mix(mix(seed) ^ salt) >>> 33);
    }

    /** Training rows per native thread: below this, extra OpenMP threads cost more than they save. */
    static final int ROWS_PER_THREAD = 4096;

    /**
     * The native thread count for a fit: {@code ctx.threads()} is an upper bound ("may use"), capped at one thread
     * per {@link #ROWS_PER_THREAD} training rows. On small data OpenMP's fork/join overhead exceeds the gain, and
     * when the CPU is oversubscribed libgomp's spinning barriers made 2-thread fits of 800 rows up to 200x slower
     * than 1-thread fits in our measurements. Both libraries' models do not depend on the thread count, so the
     * cap never changes results.
     *
     * @param requested {@link LearnContext#threads()}
     * @param rows      training rows
     * @return threads to pass to the library, in 1..requested
     */
    static int nativeThreads(int requested, int rows) {
        return Math.max(1, Math.min(requested, rows / ROWS_PER_THREAD));
    }

    /** @return the early-stopping metric name by task (XGBoost's names) */
    static String metricName(Task task) {
        return task.isRegression() ? "rmse" : task.isBinary() ? "logloss" : "mlogloss";
    }

    /**
     * Checks what the native libraries would otherwise reject with obscure messages, or silently misuse.
     *
     * @throws IllegalArgumentException for no rows, a class label outside 0..k-1, a non-finite regression target
     *                                  or a negative / non-finite weight
     */
    static void validate(TrainData data, Task task) {
        if (data.rows() == 0) {
            throw new IllegalArgumentException("training data has no rows");
        }
        if (data.x().cols() == 0) {
            throw new IllegalArgumentException("training data has no feature columns");
        }
        double[] y = data.y();
        for (int i = 0; i < y.length; i++) {
            double v = y[i];
            if (task.isRegression()) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("target of row " + i + " is " + v + " (expected finite)");
                }
            } else if (v != Math.rint(v) || v < 0 || v >= task.numClasses()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "class label of row %d is %s (expected an integer in 0..%d)", i, v, task.numClasses() - 1));
            }
        }
        double[] w = data.weights();
        if (w != null) {
            for (int i = 0; i < w.length; i++) {
                if (!(w[i] >= 0) || Double.isInfinite(w[i])) {
                    throw new IllegalArgumentException("weight of row " + i + " is " + w[i]
                            + " (expected finite and >= 0)");
                }
            }
        }
    }

    /**
     * @param raw  raw scores, row-major n x m, where m = k for multiclass and 1 otherwise
     * @param n    rows
     * @param task the task
     * @return predictions as the learner contract wants them: n x k probabilities or n x 1 values
     */
    static double[][] fromRaw(double[] raw, int n, Task task) {
        double[][] out = new double[n][];
        if (task.isRegression()) {
            for (int i = 0; i < n; i++) {
                out[i] = new double[] {raw[i]};
            }
        } else if (task.isBinary()) {
            for (int i = 0; i < n; i++) {
                double p = sigmoid(raw[i]);
                out[i] = new double[] {1 - p, p};
            }
        } else {
            int k = task.numClasses();
            for (int i = 0; i < n; i++) {
                out[i] = softmax(raw, i * k, k);
            }
        }
        return out;
    }

    /** @return raw scores as a row-major double array (XGBoost returns float[rows][m]) */
    static double[] flatten(float[][] margins) {
        if (margins.length == 0) {
            return new double[0];
        }
        int m = margins[0].length;
        double[] out = new double[margins.length * m];
        for (int i = 0; i < margins.length; i++) {
            for (int j = 0; j < m; j++) {
                out[i * m + j] = margins[i][j];
            }
        }
        return out;
    }

    static double sigmoid(double z) {
        if (z >= 0) {
            return 1.0 / (1.0 + StrictMath.exp(-z));
        }
        double e = StrictMath.exp(z);
        return e / (1.0 + e);
    }

    private static double[] softmax(double[] raw, int offset, int k) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            max = Math.max(max, raw[offset + j]);
        }
        double[] p = new double[k];
        double sum = 0;
        for (int j = 0; j < k; j++) {
            p[j] = StrictMath.exp(raw[offset + j] - max);
            sum += p[j];
        }
        for (int j = 0; j < k; j++) {
            p[j] /= sum;
        }
        return p;
    }

    /**
     * The early-stopping loss: weighted log-loss (binary and multiclass) or RMSE (regression), summed sequentially
     * in row order so that it never depends on thread count.
     *
     * @param pred    predictions in contract form (see {@link #fromRaw})
     * @param y       targets
     * @param weights weights or null; when they sum to 0 the rows count equally
     * @param task    the task
     * @return the loss, lower is better
     */
    static double loss(double[][] pred, double[] y, double[] weights, Task task) {
        double sumW = 0;
        if (weights != null) {
            for (double w : weights) {
                sumW += w;
            }
        }
        boolean weighted = weights != null && sumW > 0;
        double total = 0;
        double norm = 0;
        for (int i = 0; i < y.length; i++) {
            double w = weighted ? weights[i] : 1.0;
            double term;
            if (task.isRegression()) {
                double d = pred[i][0] - y[i];
                term = d * d;
            } else {
                double p = pred[i][(int) y[i]];
                term = -StrictMath.log(Math.min(1 - EPS, Math.max(EPS, p)));
            }
            total += w * term;
            norm += w;
        }
        double mean = total / norm;
        return task.isRegression() ? Math.sqrt(mean) : mean;
    }

    /**
     * The early-stopping rule: stop after {@code patience} rounds without a strict improvement of the best
     * validation loss; the model keeps rounds 1..{@link #bestRound()}.
     */
    static final class EarlyStopping {
        private final int patience;
        private double best = Double.NaN;
        private int bestRound;

        /** @param patience rounds without improvement before stopping (&gt; 0) */
        EarlyStopping(int patience) {
            this.patience = patience;
        }

        /**
         * @param round the 1-based round just trained
         * @param loss  its validation loss
         * @return true when training should stop now
         */
        boolean update(int round, double loss) {
            if (bestRound == 0 || loss < best || (Double.isNaN(best) && !Double.isNaN(loss))) {
                best = loss;
                bestRound = round;
            }
            return round - bestRound >= patience;
        }

        /** @return the 1-based round with the lowest loss so far (earliest on ties), 0 before any update */
        int bestRound() {
            return bestRound;
        }

        /** @return the lowest loss so far (NaN before any update) */
        double best() {
            return best;
        }
    }
}
