package io.automl4j.core.internal.learn;

import org.junit.jupiter.api.Test;
import org.tribuo.math.LinearParameters;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.la.Tensor;
import org.tribuo.math.optimisers.Adam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The hand-written Adam of {@link AdamOptimizer} against the paper's formulas, and why Tribuo's is not used. */
class AdamOptimizerTest {

    /** Two steps by hand: m, v, bias corrections 1 - 0.9^t and 1 - 0.999^t, epsilon 1e-8. */
    @Test
    void step_matchesAlgorithm1ByHand() {
        double[] theta = {1.0, -2.0};
        AdamOptimizer adam = new AdamOptimizer(2, 0.1);
        adam.step(theta, new double[] {0.5, -3.0});
        // t=1: m = 0.1 g, v = 0.001 g^2, so m_hat = g and v_hat = g^2: a step of lr * g / (|g| + eps)
        assertThat(theta[0]).isCloseTo(1.0 - 0.1 * 0.5 / (0.5 + 1e-8), within(1e-15));
        assertThat(theta[1]).isCloseTo(-2.0 + 0.1 * 3.0 / (3.0 + 1e-8), within(1e-15));
        adam.step(theta, new double[] {0.5, 1.0});
        // t=2, second parameter: m = 0.9 * -0.3 + 0.1 * 1 = -0.17; v = 0.999 * 0.009 + 0.001 * 1 = 0.009991;
        // corrections 0.19 and 0.001999
        assertThat(theta[1]).isCloseTo(-2.0 + 0.1 * 3.0 / (3.0 + 1e-8)
                - 0.1 * (-0.17 / 0.19) / (Math.sqrt(0.009991 / 0.001999) + 1e-8), within(1e-12));
        // first parameter: constant gradient keeps m_hat = g, v_hat = g^2
        assertThat(theta[0]).isCloseTo(1.0 - 2 * 0.1 * 0.5 / (0.5 + 1e-8), within(1e-12));
        assertThat(adam.steps()).isEqualTo(2);
    }

    @Test
    void constructor_badLearningRate_rejected() {
        assertThatThrownBy(() -> new AdamOptimizer(1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("learning rate").hasMessageContaining("0.0");
        assertThatThrownBy(() -> new AdamOptimizer(1, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Tribuo 4.3.2's Adam multiplies by sqrt(v) + epsilon instead of dividing (fixed upstream in oracle/tribuo#401):
     * its first step for a gradient of 3 is about 9e-6 instead of lr = 1e-3. If this test fails after a Tribuo
     * upgrade, Tribuo's Adam is fixed: switch {@link MlpLearner} to it and delete {@link AdamOptimizer}.
     */
    @Test
    void tribuo432Adam_multipliesBySecondMoment_soNotUsed() {
        LinearParameters params = new LinearParameters(1, 1);
        Adam tribuo = new Adam();
        tribuo.initialise(params);
        DenseMatrix g = new DenseMatrix(1, 1);
        g.set(0, 0, 3.0);
        Tensor[] step = tribuo.step(new Tensor[] {g}, 1.0);
        double got = ((DenseMatrix) step[0]).get(0, 0);
        double lrT = 0.001 * Math.sqrt(1 - 0.999) / (1 - 0.9);
        double m = 0.1 * 3.0;
        double v = 0.001 * 9.0;
        assertThat(got).isCloseTo(lrT * m * (Math.sqrt(v) + 1e-6), within(1e-15)); // the bug
        assertThat(got).isLessThan(0.001 / 100); // a correct Adam's first step is ~ lr = 0.001

        double[] ours = {0.0};
        new AdamOptimizer(1, 0.001).step(ours, new double[] {-3.0}); // same direction: ascent in Tribuo's terms
        assertThat(ours[0]).isCloseTo(0.001, within(1e-11));
    }
}
