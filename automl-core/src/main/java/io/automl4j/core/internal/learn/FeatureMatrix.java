package io.automl4j.core.internal.learn;

import java.util.List;
import java.util.Objects;

/**
 * A dense, row-major matrix of preprocessed features: what every learner consumes. Missing values are NaN
 * (only in the tree flavour; the dense flavour is imputed). Immutable by convention: nobody writes to
 * {@link #data()} after construction.
 */
public final class FeatureMatrix {
    private final int rows;
    private final int cols;
    private final double[] data;
    private final List<String> names;

    /**
     * @param rows  row count
     * @param cols  column count
     * @param data  row-major values, length rows * cols
     * @param names column names, length cols
     */
    public FeatureMatrix(int rows, int cols, double[] data, List<String> names) {
        if (data.length != (long) rows * cols) {
            throw new IllegalArgumentException("data length " + data.length + " != " + rows + " x " + cols);
        }
        if (names.size() != cols) {
            throw new IllegalArgumentException("names " + names.size() + " != cols " + cols);
        }
        this.rows = rows;
        this.cols = cols;
        this.data = data;
        this.names = List.copyOf(names);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** @return the backing row-major array (do not modify) */
    public double[] data() {
        return data;
    }

    public List<String> names() {
        return names;
    }

    public double get(int row, int col) {
        return data[row * cols + col];
    }

    /** @return a copy of one row */
    public double[] row(int r) {
        double[] out = new double[cols];
        System.arraycopy(data, r * cols, out, 0, cols);
        return out;
    }

    /** @return rows as separate arrays (a copy), for libraries that want {@code double[][]} */
    public double[][] toRowArrays() {
        double[][] out = new double[rows][];
        for (int r = 0; r < rows; r++) {
            out[r] = row(r);
        }
        return out;
    }

    /** @return a row-major float copy, for XGBoost */
    public float[] toFloatArray() {
        float[] out = new float[data.length];
        for (int i = 0; i < data.length; i++) {
            out[i] = (float) data[i];
        }
        return out;
    }

    /**
     * @param idx row indices, in the order wanted
     * @return a new matrix with those rows
     */
    public FeatureMatrix selectRows(int[] idx) {
        double[] out = new double[idx.length * cols];
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(data, idx[i] * cols, out, i * cols, cols);
        }
        return new FeatureMatrix(idx.length, cols, out, names);
    }

    @Override
    public String toString() {
        return "FeatureMatrix[" + rows + " x " + cols + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o == this;
    }

    @Override
    public int hashCode() {
        return Objects.hash(rows, cols);
    }
}
