package io.automl4j.core.internal.learn;

/**
 * HAND-WRITTEN Adam (Kingma &amp; Ba 2014, Algorithm 1), because no library on our classpath has a correct one.
 *
 * <p><b>Why not a library.</b> Tribuo 4.3.2's {@code org.tribuo.math.optimisers.Adam} (tribuo-math, on our
 * classpath through the Tribuo tree modules) multiplies the first moment by {@code sqrt(v) + epsilon} where Adam
 * divides by it ({@code updates.hadamardProductInPlace(secondMoment, a -> Math.sqrt(a) + epsilon)}); Tribuo fixed
 * this after 4.3.2 (oracle/tribuo pull request 401, "Fix the Adam gradient optimizer", 2025). Its steps are
 * therefore about {@code lr * g * |g|} instead of about {@code lr * sign(g)}: far too small for the gradients of a
 * network. {@code AdamOptimizerTest#tribuo432Adam_multipliesBySecondMoment} pins that behaviour, so an upgrade to a
 * fixed Tribuo makes it fail and tells the maintainer to switch. commons-math3 3.6.1 and Smile 1.5.3 have no Adam.
 *
 * <p>The update, per parameter, at step {@code t} (starting at 1), for gradient {@code g} of the loss:
 * <pre>
 * m = beta1 m + (1 - beta1) g
 * v = beta2 v + (1 - beta2) g^2
 * theta -= lr * (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + epsilon)
 * </pre>
 * with the paper's defaults beta1 0.9, beta2 0.999, epsilon 1e-8. Not thread-safe; one instance per fit.
 */
final class AdamOptimizer {
    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPSILON = 1e-8;

    private final double learningRate;
    private final double[] m;
    private final double[] v;
    private int t;

    /**
     * @param parameters number of parameters
     * @param learningRate step size, &gt; 0
     */
    AdamOptimizer(int parameters, double learningRate) {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be finite and > 0 but was " + learningRate);
        }
        this.learningRate = learningRate;
        this.m = new double[parameters];
        this.v = new double[parameters];
    }

    /** Applies one step to {@code theta} given the loss gradient {@code grad} (same length, not modified). */
    void step(double[] theta, double[] grad) {
        t++;
        double c1 = 1 - Math.pow(BETA1, t);
        double c2 = 1 - Math.pow(BETA2, t);
        for (int k = 0; k < theta.length; k++) {
            double g = grad[k];
            double mk = BETA1 * m[k] + (1 - BETA1) * g;
            double vk = BETA2 * v[k] + (1 - BETA2) * g * g;
            m[k] = mk;
            v[k] = vk;
            theta[k] -= learningRate * (mk / c1) / (Math.sqrt(vk / c2) + EPSILON);
        }
    }

    /** @return steps taken */
    int steps() {
        return t;
    }
}
