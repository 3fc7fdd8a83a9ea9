package io.automl4j.core.internal.learn;

import smile.math.DifferentiableMultivariateFunction;

import java.util.function.BooleanSupplier;

/**
 * L2-regularised logistic regression (binary: one logit; more classes: a softmax with one weight row per class)
 * minimised by Smile's L-BFGS ({@code smile.math.Math.min}, 5 corrections) on an objective evaluated on the
 * calling thread. It minimises {@code -loglik + lambda/2 * |w|^2} with the intercepts unpenalised: the objective
 * of Smile 1.5.3's {@code LogisticRegression}, which this replaces for two reasons. Smile's class evaluates its
 * objective on Smile's own thread pool, so a candidate abandoned at its deadline kept every core busy until it
 * converged (adult at 60 s: the job ended 7 s over budget, AUTOML-R58), and its sums depended on the machine's
 * core count. Here every objective evaluation first asks {@code stop}; when it says stop, or the iteration limit
 * is reached, the fit ends with the best point evaluated so far instead of failing.
 *
 * <p>Parameters: binary {@code [w_1..w_d, b]}; k classes {@code k} blocks of {@code [w_c1..w_cd, b_c]}. The start
 * is the given one (a warm start) or zero weights with the intercepts at the log class frequencies, the optimum of
 * the intercept-only model. Deterministic: the sums run in row order.
 */
final class LogisticSolver {
    /** L-BFGS corrections kept (Smile's choice for its logistic regression). */
    private static final int CORRECTIONS = 5;

    private LogisticSolver() {
    }

    /**
     * @param theta     the parameters found
     * @param converged true when L-BFGS met its gradient tolerance
     * @param stopped   true when {@code stop} ended the fit
     * @param moved     false when the fit ended at its start (stopped before its first step)
     */
    record Solution(double[] theta, boolean converged, boolean stopped, boolean moved) {
    }

    /** Thrown out of the objective to end L-BFGS when the caller asks to stop. */
    private static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super("stopped", null, false, false);
        }
    }

    /** @return parameters per fit: {@code d + 1} for two classes, {@code k * (d + 1)} for more */
    static int parameterCount(int k, int d) {
        return k == 2 ? d + 1 : k * (d + 1);
    }

    /**
     * @param x       rows x d features
     * @param y       class per row, each in [0, k), every class present
     * @param k       classes (&gt;= 2)
     * @param lambda  L2 strength on the weights (1/C)
     * @param start   warm start of {@link #parameterCount(int, int)} entries, or null for the intercept-only optimum
     * @param gtol    Smile's L-BFGS gradient tolerance
     * @param maxIter L-BFGS iterations at most
     * @param stop    asked before every objective evaluation
     * @return the best point evaluated
     */
    static Solution fit(double[][] x, int[] y, int k, double lambda, double[] start, double gtol, int maxIter,
                        BooleanSupplier stop) {
        int d = x[0].length;
        int np = parameterCount(k, d);
        double[] theta;
        if (start != null) {
            if (start.length != np) {
                throw new IllegalArgumentException("warm start has " + start.length + " parameters, expected " + np);
            }
            theta = start.clone();
        } else {
            theta = priorStart(y, k, d);
        }
        Objective objective = new Objective(x, y, k, lambda, stop);
        boolean converged = false;
        boolean stopped = false;
        try {
            smile.math.Math.min(objective, CORRECTIONS, theta, gtol, maxIter);
            converged = true;
        } catch (Stopped e) {
            stopped = true;
        } catch (IllegalStateException | IllegalArgumentException e) {
            // "Too many iterations", or a line search that cannot make progress in floating point (at the optimum
            // of nearly separable data): the best point so far is kept, as scikit-learn keeps its last iterate
            org.slf4j.LoggerFactory.getLogger(LogisticSolver.class).debug("L-BFGS ended early: {}", e.getMessage());
        }
        return new Solution(objective.best == null ? theta : objective.best, converged, stopped,
                objective.evaluations > 1);
    }

    private static double[] priorStart(int[] y, int k, int d) {
        double[] count = new double[k];
        for (int v : y) {
            count[v]++;
        }
        double[] theta = new double[parameterCount(k, d)];
        if (k == 2) {
            theta[d] = Math.log(Math.max(count[1], 0.5) / Math.max(count[0], 0.5));
        } else {
            for (int c = 0; c < k; c++) {
                theta[c * (d + 1) + d] = Math.log(Math.max(count[c], 0.5) / y.length);
            }
        }
        return theta;
    }

    /**
     * @param theta parameters from {@link #fit}
     * @param k     classes
     * @param row   features
     * @param out   receives the k class probabilities
     */
    static void probabilities(double[] theta, int k, double[] row, double[] out) {
        int d = row.length;
        if (k == 2) {
            out[1] = sigmoid(logit(theta, 0, row));
            out[0] = 1 - out[1];
            return;
        }
        double max = logits(theta, k, row, out);
        double sum = 0;
        for (int c = 0; c < k; c++) {
            out[c] = Math.exp(out[c] - max);
            sum += out[c];
        }
        for (int c = 0; c < k; c++) {
            out[c] /= sum;
        }
    }

    /** @return {@code b + w.row} of the block starting at {@code off} (weights, then the intercept) */
    private static double logit(double[] theta, int off, double[] row) {
        int d = row.length;
        double z = theta[off + d];
        for (int j = 0; j < d; j++) {
            z += theta[off + j] * row[j];
        }
        return z;
    }

    /** Fills {@code out} with the k class logits; @return their maximum */
    private static double logits(double[] theta, int k, double[] row, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            out[c] = logit(theta, c * (row.length + 1), row);
            max = Math.max(max, out[c]);
        }
        return max;
    }

    private static double sigmoid(double z) {
        double e = Math.exp(-Math.abs(z));
        return z >= 0 ? 1 / (1 + e) : e / (1 + e);
    }

    /** Negative log-likelihood plus the weight penalty, and its gradient; remembers the lowest point evaluated. */
    private static final class Objective implements DifferentiableMultivariateFunction {
        private final double[][] x;
        private final int[] y;
        private final int k;
        private final double lambda;
        private final BooleanSupplier stop;
        private final double[] z;
        private double[] best;
        private double bestValue = Double.POSITIVE_INFINITY;
        private int evaluations;

        Objective(double[][] x, int[] y, int k, double lambda, BooleanSupplier stop) {
            this.x = x;
            this.y = y;
            this.k = k;
            this.lambda = lambda;
            this.stop = stop;
            this.z = new double[k];
        }

        @Override
        public double f(double[] theta) {
            return f(theta, null);
        }

        @Override
        public double f(double[] theta, double[] g) {
            if (stop.getAsBoolean()) {
                throw new Stopped();
            }
            evaluations++;
            int d = x[0].length;
            if (g != null) {
                java.util.Arrays.fill(g, 0);
            }
            double loss = 0;
            for (int i = 0; i < x.length; i++) {
                double[] xi = x[i];
                if (k == 2) {
                    double s = logit(theta, 0, xi);
                    double e = Math.exp(-Math.abs(s));
                    // log(1 + e^s) - y s, stably; e = exp(-|s|) also gives the probability
                    loss += Math.max(s, 0) + Math.log1p(e) - (y[i] == 1 ? s : 0);
                    if (g != null) {
                        double r = (s >= 0 ? 1 / (1 + e) : e / (1 + e)) - y[i];
                        for (int j = 0; j < d; j++) {
                            g[j] += r * xi[j];
                        }
                        g[d] += r;
                    }
                    continue;
                }
                double max = logits(theta, k, xi, z);
                double sum = 0;
                for (int c = 0; c < k; c++) {
                    sum += Math.exp(z[c] - max);
                }
                double lse = max + Math.log(sum);
                loss += lse - z[y[i]];
                if (g != null) {
                    for (int c = 0; c < k; c++) {
                        double r = Math.exp(z[c] - lse) - (c == y[i] ? 1 : 0);
                        int off = c * (d + 1);
                        for (int j = 0; j < d; j++) {
                            g[off + j] += r * xi[j];
                        }
                        g[off + d] += r;
                    }
                }
            }
            int blocks = k == 2 ? 1 : k;
            for (int c = 0; c < blocks; c++) {
                int off = c * (d + 1);
                for (int j = 0; j < d; j++) {
                    double t = theta[off + j];
                    loss += 0.5 * lambda * t * t;
                    if (g != null) {
                        g[off + j] += lambda * t;
                    }
                }
            }
            if (loss < bestValue) {
                bestValue = loss;
                best = theta.clone();
            }
            return loss;
        }
    }
}
