package io.automl4j.core.internal.learn;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Backpropagation of {@link MlpNetwork} against central finite differences of its own loss. */
class MlpNetworkTest {
    private static final int ROWS = 5;

    private static double[] inputs(int p, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[ROWS * p];
        for (int i = 0; i < x.length; i++) {
            x[i] = 2 * r.nextDouble() - 1;
        }
        return x;
    }

    /** Mean weighted loss plus decay/2 |W|^2 at theta; dropout masks from a fresh RNG of {@code maskSeed}. */
    private static double loss(MlpNetwork net, double[] theta, double[] x, int[] labels, double[] targets,
                               double[] w, double dropout, long maskSeed, double decay) {
        MlpNetwork.Workspace ws = net.new Workspace(ROWS);
        System.arraycopy(x, 0, ws.input(), 0, x.length);
        net.forward(theta, ws, ROWS, dropout, dropout > 0 ? new SplittableRandom(maskSeed) : null);
        double sum = labels != null ? net.crossEntropy(ws, ROWS, labels, w, 0)
                : 0.5 * net.squaredError(ws, ROWS, targets, w, 0);
        double l2 = 0;
        for (int l = 0; l < net.layers(); l++) {
            int from = net.weightOffset(l);
            for (int k = from; k < net.biasOffset(l); k++) {
                l2 += theta[k] * theta[k];
            }
        }
        return sum / ROWS + decay / 2 * l2;
    }

    private static double[] gradient(MlpNetwork net, double[] theta, double[] x, int[] labels, double[] targets,
                                     double[] w, double dropout, long maskSeed, double decay) {
        MlpNetwork.Workspace ws = net.new Workspace(ROWS);
        System.arraycopy(x, 0, ws.input(), 0, x.length);
        net.forward(theta, ws, ROWS, dropout, dropout > 0 ? new SplittableRandom(maskSeed) : null);
        if (labels != null) {
            net.crossEntropy(ws, ROWS, labels, w, 1.0 / ROWS);
        } else {
            net.squaredError(ws, ROWS, targets, w, 1.0 / ROWS);
        }
        double[] grad = new double[theta.length];
        net.backward(theta, ws, ROWS, dropout, grad);
        net.addWeightDecay(theta, decay, grad);
        return grad;
    }

    private static void assertMatchesFiniteDifferences(MlpNetwork net, int[] labels, double[] targets, double[] w,
                                                       double dropout, double decay) {
        double[] theta = net.initialParameters(new SplittableRandom(3));
        // non-zero biases so that every bias gradient path is exercised
        for (int l = 0; l < net.layers(); l++) {
            for (int k = net.biasOffset(l); k < net.biasOffset(l) + net.sizes()[l + 1]; k++) {
                theta[k] = 0.05 * ((k % 5) - 2);
            }
        }
        double[] x = inputs(net.inputs(), 4);
        double[] g = gradient(net, theta, x, labels, targets, w, dropout, 9, decay);
        double h = 1e-6;
        double worst = 0;
        for (int k = 0; k < theta.length; k++) {
            double[] plus = theta.clone();
            double[] minus = theta.clone();
            plus[k] += h;
            minus[k] -= h;
            double numeric = (loss(net, plus, x, labels, targets, w, dropout, 9, decay)
                    - loss(net, minus, x, labels, targets, w, dropout, 9, decay)) / (2 * h);
            worst = Math.max(worst, Math.abs(numeric - g[k]) / Math.max(1e-3, Math.abs(numeric)));
        }
        assertThat(worst).as("worst relative gradient error").isLessThan(1e-5);
    }

    @Test
    void backward_classification_matchesFiniteDifferences() {
        MlpNetwork net = new MlpNetwork(new int[] {3, 6, 4, 3});
        assertMatchesFiniteDifferences(net, new int[] {0, 2, 1, 2, 0}, null, null, 0, 0);
    }

    @Test
    void backward_weightedRegression_withDropoutAndWeightDecay_matchesFiniteDifferences() {
        MlpNetwork net = new MlpNetwork(new int[] {4, 7, 5, 1});
        assertMatchesFiniteDifferences(net, null, new double[] {0.5, -1, 2, 0, 1.5},
                new double[] {1, 0.5, 2, 0, 1.5}, 0.3, 0.01);
    }

    @Test
    void forward_dropoutOnlyInTraining_scalesKeptUnits() {
        MlpNetwork net = new MlpNetwork(new int[] {2, 50, 1});
        double[] theta = net.initialParameters(new SplittableRandom(1));
        MlpNetwork.Workspace ws = net.new Workspace(1);
        ws.input()[0] = 0.7;
        ws.input()[1] = -0.4;
        net.forward(theta, ws, 1, 0.5, null);
        double[] plain = java.util.Arrays.copyOf(ws.act[1], 50);
        net.forward(theta, ws, 1, 0.5, new SplittableRandom(2));
        int dropped = 0;
        for (int j = 0; j < 50; j++) {
            if (plain[j] > 0 && ws.act[1][j] == 0) {
                dropped++;
            } else {
                assertThat(ws.act[1][j]).isCloseTo(2 * plain[j], within(1e-15));
            }
        }
        assertThat(dropped).isGreaterThan(0);
    }

    @Test
    void constructor_badSizes_rejected() {
        assertThatThrownBy(() -> new MlpNetwork(new int[] {3})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[3]");
        assertThatThrownBy(() -> new MlpNetwork(new int[] {3, 0, 2})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[3, 0, 2]");
        assertThatThrownBy(() -> new MlpNetwork(new int[] {100_000, 100_000, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parameters");
    }
}
