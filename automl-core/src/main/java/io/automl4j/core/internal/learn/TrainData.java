package io.automl4j.core.internal.learn;

import java.util.Objects;

/**
 * Training input of a learner.
 *
 * @param x       features
 * @param y       targets: class index 0..k-1 (as a double) for classification, the value for regression
 * @param weights sample weights (all &gt; = 0, not all zero), or null for unweighted
 */
public record TrainData(FeatureMatrix x, double[] y, double[] weights) {
    public TrainData {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (y.length != x.rows()) {
            throw new IllegalArgumentException("y length " + y.length + " != rows " + x.rows());
        }
        if (weights != null && weights.length != x.rows()) {
            throw new IllegalArgumentException("weights length " + weights.length + " != rows " + x.rows());
        }
    }

    public int rows() {
        return x.rows();
    }

    /** @return the weight of row i (1 when unweighted) */
    public double weight(int i) {
        return weights == null ? 1.0 : weights[i];
    }

    /**
     * @param idx row indices
     * @return the subset, rows in {@code idx} order
     */
    public TrainData select(int[] idx) {
        double[] yy = new double[idx.length];
        double[] ww = weights == null ? null : new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            yy[i] = y[idx[i]];
            if (ww != null) {
                ww[i] = weights[idx[i]];
            }
        }
        return new TrainData(x.selectRows(idx), yy, ww);
    }
}
