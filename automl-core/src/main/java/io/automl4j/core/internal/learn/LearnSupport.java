package io.automl4j.core.internal.learn;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Small helpers shared by the classic (Smile / Tribuo) learners. */
final class LearnSupport {
    private LearnSupport() {
    }

    /**
     * @return the class index of every row, checked to be an integer in [0, k)
     * @throws IllegalArgumentException naming the first bad row
     */
    static int[] classLabels(double[] y, int k) {
        int[] out = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            double v = y[i];
            int c = (int) v;
            if (c != v || c < 0 || c >= k) {
                throw new IllegalArgumentException("class label of row " + i + " is " + v
                        + " (expected an integer in [0, " + k + "))");
            }
            out[i] = c;
        }
        return out;
    }

    /** @throws IllegalArgumentException when a regression target is NaN or infinite */
    static void checkFiniteTargets(double[] y) {
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("target of row " + i + " is " + y[i] + " (expected finite)");
            }
        }
    }

    /** @throws IllegalArgumentException when a DENSE-flavour feature is NaN or infinite */
    static void checkFiniteFeatures(FeatureMatrix x, String algorithm) {
        double[] d = x.data();
        for (int i = 0; i < d.length; i++) {
            if (!Double.isFinite(d[i])) {
                throw new IllegalArgumentException(algorithm + " needs imputed features but row " + (i / x.cols())
                        + ", column '" + x.names().get(i % x.cols()) + "' is " + d[i]);
            }
        }
    }

    /** @throws IllegalArgumentException when the training set is empty */
    static void checkNonEmpty(TrainData train, String algorithm) {
        if (train.rows() == 0) {
            throw new IllegalArgumentException(algorithm + " cannot train on 0 rows");
        }
        if (train.x().cols() == 0) {
            throw new IllegalArgumentException(algorithm + " cannot train on 0 feature columns");
        }
    }

    /** @throws IllegalArgumentException when a prediction matrix has another width than training */
    static void checkWidth(FeatureMatrix x, int trainedCols, String kind) {
        if (x.cols() != trainedCols) {
            throw new IllegalArgumentException(kind + " model was trained on " + trainedCols + " columns but got "
                    + x.cols());
        }
    }

    /** Scales {@code p} in place so it sums to exactly 1 (uniform when it sums to 0 or is not finite). */
    static void normalize(double[] p) {
        double sum = 0;
        for (double v : p) {
            sum += v;
        }
        if (!(sum > 0) || !Double.isFinite(sum)) {
            java.util.Arrays.fill(p, 1.0 / p.length);
            return;
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
    }

    /** @return a factory of daemon threads named {@code prefix-N} */
    static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
