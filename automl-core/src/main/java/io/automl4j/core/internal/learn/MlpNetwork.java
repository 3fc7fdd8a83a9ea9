package io.automl4j.core.internal.learn;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The arithmetic of {@link MlpLearner}'s fully connected network, on plain arrays: one flat parameter vector and
 * flat row-major minibatch buffers, so a training step allocates nothing per row.
 *
 * <p>Layout: for layer {@code l} (from {@code sizes[l]} inputs to {@code sizes[l+1]} outputs) the weights are a
 * {@code sizes[l] x sizes[l+1]} row-major block at {@link #weightOffset(int)} (row = input unit, so the forward pass
 * adds {@code a_i * W[i][*]} to the output row: a contiguous loop that the JIT vectorises, skipping the inputs
 * that ReLU or dropout set to 0), followed by the {@code sizes[l+1]} biases at {@link #biasOffset(int)}.
 *
 * <p>Hidden units are ReLU with inverted dropout in training (a kept unit is scaled by {@code 1/(1-dropout)}, a
 * dropped one is 0; no scaling at inference). The output layer is linear: logits for softmax + cross-entropy
 * (classification) or the standardised value for squared error (regression). Every operation is a fixed sequence of
 * IEEE double operations on one thread, so results depend only on the inputs and the seeded random draws.
 */
final class MlpNetwork {
    private final int[] sizes;
    private final int[] weightOffset;
    private final int[] biasOffset;
    private final int parameterCount;

    /**
     * @param sizes unit counts: input, hidden..., output (at least 2 entries, all &gt;= 1)
     * @throws IllegalArgumentException when a size is &lt; 1 or the parameters would not fit in one array
     */
    MlpNetwork(int[] sizes) {
        if (sizes.length < 2) {
            throw new IllegalArgumentException("an MLP needs at least an input and an output layer but got "
                    + Arrays.toString(sizes));
        }
        this.sizes = sizes.clone();
        this.weightOffset = new int[sizes.length - 1];
        this.biasOffset = new int[sizes.length - 1];
        long offset = 0;
        for (int l = 0; l + 1 < sizes.length; l++) {
            if (sizes[l] < 1 || sizes[l + 1] < 1) {
                throw new IllegalArgumentException("MLP layer sizes must be >= 1 but were " + Arrays.toString(sizes));
            }
            weightOffset[l] = (int) offset;
            offset += (long) sizes[l] * sizes[l + 1];
            biasOffset[l] = (int) Math.min(offset, Integer.MAX_VALUE);
            offset += sizes[l + 1];
            if (offset > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("MLP with layer sizes " + Arrays.toString(sizes) + " has more "
                        + "than " + (Integer.MAX_VALUE - 16) + " parameters");
            }
        }
        this.parameterCount = (int) offset;
    }

    int[] sizes() {
        return sizes.clone();
    }

    int layers() {
        return sizes.length - 1;
    }

    int inputs() {
        return sizes[0];
    }

    int outputs() {
        return sizes[sizes.length - 1];
    }

    int parameterCount() {
        return parameterCount;
    }

    int weightOffset(int layer) {
        return weightOffset[layer];
    }

    int biasOffset(int layer) {
        return biasOffset[layer];
    }

    /**
     * He initialisation: weights into a ReLU layer ~ N(0, 2 / fan-in); the output layer's ~ N(0, 1 / fan-in)
     * (its units are linear); biases 0. Normal draws by Box-Muller from {@code rng}'s doubles.
     */
    double[] initialParameters(SplittableRandom rng) {
        double[] theta = new double[parameterCount];
        for (int l = 0; l < layers(); l++) {
            double sd = Math.sqrt((l + 1 < layers() ? 2.0 : 1.0) / sizes[l]);
            int from = weightOffset[l];
            int to = from + sizes[l] * sizes[l + 1];
            for (int k = from; k < to; k++) {
                theta[k] = sd * gaussian(rng);
            }
        }
        return theta;
    }

    private static double gaussian(SplittableRandom rng) {
        double u = rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    /** Activation buffers ({@code act[l]}: rows x sizes[l], row-major) and their gradients, for a batch size. */
    final class Workspace {
        final int capacity;
        final double[][] act;
        final double[][] delta;

        Workspace(int capacity) {
            this.capacity = capacity;
            this.act = new double[sizes.length][];
            this.delta = new double[sizes.length][];
            for (int l = 0; l < sizes.length; l++) {
                act[l] = new double[capacity * sizes[l]];
                delta[l] = l == 0 ? null : new double[capacity * sizes[l]];
            }
        }

        /** @return the input buffer: fill {@code rows x sizes[0]} values before {@link #forward} */
        double[] input() {
            return act[0];
        }

        /** @return the output layer's values after {@link #forward}: logits or the standardised prediction */
        double[] output() {
            return act[sizes.length - 1];
        }

        /** @return where the loss gradient w.r.t. {@link #output()} goes before {@link #backward} */
        double[] outputDelta() {
            return delta[sizes.length - 1];
        }
    }

    /**
     * Forward pass over the first {@code rows} rows of {@code ws.input()}.
     *
     * @param dropout    share of hidden units dropped (0 = none)
     * @param dropoutRng the mask source in training; null at inference (no dropout)
     */
    void forward(double[] theta, Workspace ws, int rows, double dropout, SplittableRandom dropoutRng) {
        boolean drop = dropoutRng != null && dropout > 0;
        double keepScale = drop ? 1.0 / (1.0 - dropout) : 1.0;
        int last = layers() - 1;
        for (int l = 0; l <= last; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            double[] a = ws.act[l];
            double[] z = ws.act[l + 1];
            int wo = weightOffset[l];
            int bo = biasOffset[l];
            for (int b = 0; b < rows; b++) {
                int zo = b * out;
                int ao = b * in;
                System.arraycopy(theta, bo, z, zo, out);
                for (int i = 0; i < in; i++) {
                    double ai = a[ao + i];
                    if (ai != 0) {
                        int w = wo + i * out;
                        for (int j = 0; j < out; j++) {
                            z[zo + j] += ai * theta[w + j];
                        }
                    }
                }
                if (l < last) {
                    for (int j = zo; j < zo + out; j++) {
                        double v = z[j];
                        if (v <= 0) {
                            z[j] = 0;
                        } else if (drop) {
                            z[j] = dropoutRng.nextDouble() < dropout ? 0 : v * keepScale;
                        }
                        // NaN stays NaN, so the loss check sees it
                    }
                }
            }
        }
    }

    /**
     * Backward pass after a training {@link #forward}: adds the gradient of the loss whose output gradient is in
     * {@link Workspace#outputDelta()} to {@code grad} (same layout as the parameters). Hidden units that were 0 (ReLU
     * off or dropped) pass no gradient; kept ones pass it times {@code 1/(1-dropout)}.
     */
    void backward(double[] theta, Workspace ws, int rows, double dropout, double[] grad) {
        double keepScale = dropout > 0 ? 1.0 / (1.0 - dropout) : 1.0;
        for (int l = layers() - 1; l >= 0; l--) {
            int in = sizes[l];
            int out = sizes[l + 1];
            double[] a = ws.act[l];
            double[] d = ws.delta[l + 1];
            double[] prev = l > 0 ? ws.delta[l] : null;
            int wo = weightOffset[l];
            int bo = biasOffset[l];
            for (int b = 0; b < rows; b++) {
                int dOff = b * out;
                int ao = b * in;
                for (int j = 0; j < out; j++) {
                    grad[bo + j] += d[dOff + j];
                }
                for (int i = 0; i < in; i++) {
                    double ai = a[ao + i];
                    if (ai != 0) {
                        int w = wo + i * out;
                        for (int j = 0; j < out; j++) {
                            grad[w + j] += ai * d[dOff + j];
                        }
                        if (prev != null) {
                            prev[ao + i] = dot(theta, w, d, dOff, out) * keepScale;
                        }
                    } else if (prev != null) {
                        prev[ao + i] = 0;
                    }
                }
            }
        }
    }

    /**
     * {@code sum_j a[ao + j] * b[bo + j]} with four partial sums (j mod 4) added at the end: breaks the
     * floating-point add chain for speed, in a fixed order, so the result is still deterministic.
     */
    private static double dot(double[] a, int ao, double[] b, int bo, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 3 < n; j += 4) {
            s0 += a[ao + j] * b[bo + j];
            s1 += a[ao + j + 1] * b[bo + j + 1];
            s2 += a[ao + j + 2] * b[bo + j + 2];
            s3 += a[ao + j + 3] * b[bo + j + 3];
        }
        for (; j < n; j++) {
            s0 += a[ao + j] * b[bo + j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Adds {@code decay * w} to the gradient of every weight (not the biases): the gradient of L2 {@code decay/2 |w|^2}. */
    void addWeightDecay(double[] theta, double decay, double[] grad) {
        if (decay == 0) {
            return;
        }
        for (int l = 0; l < layers(); l++) {
            int from = weightOffset[l];
            int to = from + sizes[l] * sizes[l + 1];
            for (int k = from; k < to; k++) {
                grad[k] += decay * theta[k];
            }
        }
    }

    /**
     * Softmax cross-entropy of the logits in {@code ws.output()}.
     *
     * @param labels  class index per batch row
     * @param weights per batch row weight, or null for 1
     * @param scale   the output gradient is {@code scale * weight * (p - onehot)}; 0 = loss only
     * @return sum over rows of weight * -log p(label)
     */
    double crossEntropy(Workspace ws, int rows, int[] labels, double[] weights, double scale) {
        int k = outputs();
        double[] z = ws.output();
        double[] d = ws.outputDelta();
        double total = 0;
        for (int b = 0; b < rows; b++) {
            int o = b * k;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                max = Math.max(max, z[o + c]);
            }
            double sum = 0;
            for (int c = 0; c < k; c++) {
                sum += Math.exp(z[o + c] - max);
            }
            double logSum = max + Math.log(sum);
            double w = weights == null ? 1 : weights[b];
            total += w * (logSum - z[o + labels[b]]);
            if (scale != 0) {
                for (int c = 0; c < k; c++) {
                    d[o + c] = scale * w * (Math.exp(z[o + c] - logSum) - (c == labels[b] ? 1 : 0));
                }
            }
        }
        return total;
    }

    /**
     * Squared error of the single output in {@code ws.output()}.
     *
     * @param scale the output gradient is {@code scale * weight * (z - t)}, the gradient of half the squared
     *              error; 0 = loss only
     * @return sum over rows of weight * (z - t)^2
     */
    double squaredError(Workspace ws, int rows, double[] targets, double[] weights, double scale) {
        double[] z = ws.output();
        double[] d = ws.outputDelta();
        double total = 0;
        for (int b = 0; b < rows; b++) {
            double r = z[b] - targets[b];
            double w = weights == null ? 1 : weights[b];
            total += w * r * r;
            if (scale != 0) {
                d[b] = scale * w * r;
            }
        }
        return total;
    }

    /** Turns the logits of each of the first {@code rows} rows of {@code ws.output()} into probabilities. */
    void softmax(Workspace ws, int rows, double[][] out, int firstRow) {
        int k = outputs();
        double[] z = ws.output();
        for (int b = 0; b < rows; b++) {
            int o = b * k;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                max = Math.max(max, z[o + c]);
            }
            double[] p = new double[k];
            for (int c = 0; c < k; c++) {
                p[c] = Math.exp(z[o + c] - max);
            }
            LearnSupport.normalize(p);
            out[firstRow + b] = p;
        }
    }
}
