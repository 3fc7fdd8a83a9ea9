package io.automl4j.core.internal.ensemble;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The STACKED meta-learner of AUTOML-R28a, trained on the bagged candidates' out-of-fold predictions. Its inputs
 * are, per candidate, the positive-class probability (binary), all class probabilities (multiclass) or the value
 * (regression). Classification: L2-regularised logistic regression with non-negative coefficients (binary: one
 * logit; multiclass: a softmax over the classes, each class's score a non-negative blend of every input), intercepts
 * free, {@code lambda} = 1 on the summed loss (scikit-learn's C = 1), fitted by projected Newton. The bounds are
 * H2O's default for its stacked-ensemble GLM and Breiman's (1996) for stacked regressions: the inputs are
 * near-collinear copies of one signal, and without them the meta-learner pays a member a negative weight to cancel
 * another's noise on the out-of-fold rows, which does not carry over to new data (credit-g, blood-transfusion,
 * pima at 60 s: test AUC 0.773/0.771/0.826 unconstrained, 0.783/0.775/0.838 non-negative). Regression:
 * non-negative ridge (coefficients &gt;= 0, free intercept) by exact cyclic coordinate descent. Members whose
 * coefficients are all zero drop out ({@link #usedMembers()}). Both are deterministic and use the sample weights.
 * Immutable; persisted as its fields (JSON); models saved with the earlier unconstrained fit load and predict as
 * before.
 *
 * @param numClasses    0 for regression, else the class count
 * @param positiveIndex positive class (binary), else -1
 * @param members       number of base candidates
 * @param coefficients  per output (class, or one row for regression): one weight per input
 * @param intercepts    per output
 */
public record Stacker(int numClasses, int positiveIndex, int members, double[][] coefficients, double[] intercepts) {
    /** L2 strength on the summed (weighted) loss. */
    static final double LAMBDA = 1.0;

    public Stacker {
        Objects.requireNonNull(coefficients, "coefficients");
        Objects.requireNonNull(intercepts, "intercepts");
        if (members < 1 || coefficients.length != intercepts.length || coefficients.length == 0) {
            throw new IllegalArgumentException("inconsistent stacker: " + members + " members, "
                    + coefficients.length + " coefficient rows, " + intercepts.length + " intercepts");
        }
        int width = inputWidth(numClasses, members);
        for (double[] row : coefficients) {
            if (row == null || row.length != width) {
                throw new IllegalArgumentException("stacker coefficient rows must have " + width + " entries");
            }
        }
        int outputs = numClasses == 0 ? 1 : numClasses;
        if (coefficients.length != outputs) {
            throw new IllegalArgumentException("stacker needs " + outputs + " coefficient rows but has "
                    + coefficients.length);
        }
    }

    /** Inputs per row for the given shape. */
    static int inputWidth(int numClasses, int members) {
        return numClasses == 0 || numClasses == 2 ? members : members * numClasses;
    }

    /**
     * Meta features from the members' predictions.
     *
     * @param predictions   per member: rows x width (probabilities or a value)
     * @param numClasses    0 for regression
     * @param positiveIndex positive class (binary)
     * @return rows x inputs
     */
    static double[][] features(List<double[][]> predictions, int numClasses, int positiveIndex) {
        int m = predictions.size();
        int n = predictions.get(0).length;
        int d = inputWidth(numClasses, m);
        double[][] x = new double[n][d];
        for (int g = 0; g < m; g++) {
            double[][] p = predictions.get(g);
            for (int i = 0; i < n; i++) {
                if (numClasses == 0) {
                    x[i][g] = p[i][0];
                } else if (numClasses == 2) {
                    x[i][g] = p[i][positiveIndex];
                } else {
                    System.arraycopy(p[i], 0, x[i], g * numClasses, numClasses);
                }
            }
        }
        return x;
    }

    /**
     * @param predictions   per member out-of-fold predictions (same rows as y)
     * @param numClasses    0 for regression
     * @param positiveIndex positive class (binary) or -1
     * @param y             class index or value
     * @param weights       sample weights or null
     * @return the fitted meta-learner
     */
    public static Stacker fit(List<double[][]> predictions, int numClasses, int positiveIndex, double[] y,
                              double[] weights) {
        return fit(predictions, numClasses, positiveIndex, y, weights, FULL_HESSIAN_WORK);
    }

    /** As {@link #fit(List, int, int, double[], double[])}, with the full-Hessian work limit given (tests). */
    static Stacker fit(List<double[][]> predictions, int numClasses, int positiveIndex, double[] y,
                       double[] weights, double fullHessianWork) {
        if (predictions.isEmpty()) {
            throw new IllegalArgumentException("stacking needs at least one member");
        }
        int n = y.length;
        if (n == 0) {
            throw new IllegalArgumentException("no rows to stack");
        }
        double[][] x = features(predictions, numClasses, positiveIndex);
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = weights == null ? 1.0 : weights[i];
        }
        if (numClasses == 0) {
            return fitNonNegativeRidge(x, y, w, predictions.size());
        }
        return fitSoftmax(x, y, w, numClasses, positiveIndex, predictions.size(), fullHessianWork);
    }

    /**
     * Full Newton while (free parameters)^2 x rows stays below this (about a second per iteration; vehicle, 4
     * classes x 34 members: 8 iterations, 0.13 s); above it each class is its own Hessian block, k times cheaper
     * per iteration but slower to converge (54 iterations, 0.68 s on the same problem).
     */
    static final double FULL_HESSIAN_WORK = 2e9;
    /** A negligible ridge on the intercepts, which softmax leaves free to shift together. */
    static final double INTERCEPT_RIDGE = 1e-10;

    /** Parameter kinds of the constrained softmax. */
    private static final byte FIXED = 0;
    private static final byte NON_NEGATIVE = 1;
    private static final byte FREE = 2;

    private static Stacker fitSoftmax(double[][] x, double[] y, double[] w, int k, int positiveIndex, int members,
                                      double fullHessianWork) {
        int d = x[0].length;
        int stride = d + 1;
        byte[] kind = new byte[k * stride];
        for (int c = 0; c < k; c++) {
            if (k == 2 && c != positiveIndex) {
                continue; // binary: one logit; the other class's row stays zero
            }
            Arrays.fill(kind, c * stride, c * stride + d, NON_NEGATIVE);
            kind[c * stride + d] = FREE;
        }
        double[] theta = projectedNewton(x, y, w, k, d, kind, fullHessianWork);
        double[][] coef = new double[k][d];
        double[] icpt = new double[k];
        for (int c = 0; c < k; c++) {
            System.arraycopy(theta, c * stride, coef[c], 0, d);
            icpt[c] = theta[c * stride + d];
        }
        return new Stacker(k, positiveIndex, members, coef, icpt);
    }

    /**
     * Projected Newton (Bertsekas 1982) for the L2 softmax loss with some coefficients held at zero and the others
     * non-negative: each iteration holds the coefficients that sit at zero with a non-negative gradient, takes a
     * Newton step (commons-math3 Cholesky) on the rest, projects onto the bounds and backtracks (Armijo) along the
     * projected arc. Within {@link #FULL_HESSIAN_WORK} the Hessian includes the cross-class terms; above it each
     * class is its own block (still a descent direction, only slower to converge). The
     * objective is strictly convex on the feasible set, so this converges to its unique optimum (projected
     * gradient below 1e-10 of the total weight).
     */
    private static double[] projectedNewton(double[][] x, double[] y, double[] w, int k, int d, byte[] kind,
                                            double fullHessianWork) {
        int stride = d + 1;
        int np = k * stride;
        double sw = 0;
        for (double v : w) {
            sw += v;
        }
        double tol = 1e-10 * Math.max(1, sw);
        int activeCount = 0;
        for (byte b : kind) {
            activeCount += b == FIXED ? 0 : 1;
        }
        double[] theta = new double[np];
        double[] grad = new double[np];
        double loss = lossAndGradient(theta, x, y, w, k, d, grad);
        double[] p = new double[k];
        double[] a = new double[stride];
        for (int iter = 0; iter < 500; iter++) {
            int[] free = new int[activeCount];
            int nf = 0;
            double pg = 0;
            for (int q = 0; q < np; q++) {
                if (kind[q] == FIXED || kind[q] == NON_NEGATIVE && theta[q] <= 0 && grad[q] >= 0) {
                    continue;
                }
                free[nf++] = q;
                pg = Math.max(pg, Math.abs(grad[q]));
            }
            if (pg <= tol || nf == 0) {
                break;
            }
            boolean crossClass = (double) nf * nf * x.length <= fullHessianWork;
            int[] cls = new int[nf];
            int[] col = new int[nf];
            for (int f = 0; f < nf; f++) {
                cls[f] = free[f] / stride;
                col[f] = free[f] % stride;
            }
            double[][] h = new double[nf][nf];
            for (int i = 0; i < x.length; i++) {
                if (w[i] == 0) {
                    continue;
                }
                probabilities(theta, x[i], k, d, p);
                System.arraycopy(x[i], 0, a, 0, d);
                a[d] = 1;
                for (int f = 0; f < nf; f++) {
                    int c = cls[f];
                    double v = w[i] * p[c] * a[col[f]];
                    if (v == 0) {
                        continue;
                    }
                    double[] row = h[f];
                    for (int g = f; g < nf; g++) {
                        int c2 = cls[g];
                        if (c2 == c) {
                            row[g] += v * (1 - p[c2]) * a[col[g]];
                        } else if (crossClass) {
                            row[g] -= v * p[c2] * a[col[g]];
                        }
                    }
                }
            }
            double[] gf = new double[nf];
            for (int f = 0; f < nf; f++) {
                for (int g = 0; g < f; g++) {
                    h[f][g] = h[g][f];
                }
                h[f][f] += col[f] == d ? INTERCEPT_RIDGE : LAMBDA;
                gf[f] = grad[free[f]];
            }
            double[] step = new CholeskyDecomposition(new Array2DRowRealMatrix(h, false), 1e-14, 1e-300)
                    .getSolver().solve(new ArrayRealVector(gf, false)).toArray();
            double t = 1;
            double[] next = theta.clone();
            double[] nextGrad = new double[np];
            double nextLoss;
            while (true) {
                double decrease = 0;
                for (int f = 0; f < nf; f++) {
                    int q = free[f];
                    double v = theta[q] - t * step[f];
                    next[q] = kind[q] == NON_NEGATIVE ? Math.max(0, v) : v;
                    decrease += grad[q] * (theta[q] - next[q]);
                }
                Arrays.fill(nextGrad, 0);
                nextLoss = lossAndGradient(next, x, y, w, k, d, nextGrad);
                if (nextLoss <= loss - 1e-4 * decrease || t < 1e-10) {
                    break;
                }
                t *= 0.5;
            }
            if (!(nextLoss <= loss)) {
                break;
            }
            theta = next;
            grad = nextGrad;
            loss = nextLoss;
        }
        return theta;
    }

    private static void probabilities(double[] theta, double[] xi, int k, int d, double[] p) {
        int stride = d + 1;
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            double s = theta[c * stride + d];
            for (int j = 0; j < d; j++) {
                s += theta[c * stride + j] * xi[j];
            }
            p[c] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            p[c] = Math.exp(p[c] - max);
            sum += p[c];
        }
        for (int c = 0; c < k; c++) {
            p[c] /= sum;
        }
    }

    /** Weighted softmax cross-entropy + lambda/2 |W|^2; fills grad when non-null. */
    private static double lossAndGradient(double[] theta, double[][] x, double[] y, double[] w, int k, int d,
                                          double[] grad) {
        int stride = d + 1;
        double loss = 0;
        double[] z = new double[k];
        for (int i = 0; i < x.length; i++) {
            if (w[i] == 0) {
                continue;
            }
            probabilities(theta, x[i], k, d, z);
            int yi = (int) y[i];
            loss -= w[i] * Math.log(z[yi]);
            if (grad != null) {
                for (int c = 0; c < k; c++) {
                    double r = w[i] * (z[c] - (c == yi ? 1 : 0));
                    int off = c * stride;
                    for (int j = 0; j < d; j++) {
                        grad[off + j] += r * x[i][j];
                    }
                    grad[off + d] += r;
                }
            }
        }
        for (int c = 0; c < k; c++) {
            for (int j = 0; j <= d; j++) {
                double t = theta[c * stride + j];
                double l = j == d ? INTERCEPT_RIDGE : LAMBDA;
                loss += 0.5 * l * t * t;
                if (grad != null) {
                    grad[c * stride + j] += l * t;
                }
            }
        }
        return loss;
    }

    /**
     * Minimises sum w (y - b - x.beta)^2 + lambda |beta|^2 with beta &gt;= 0 and b free, lambda = 1e-6 of the mean
     * diagonal of the centred Gram matrix (a tiny ridge that only breaks ties between identical members).
     */
    private static Stacker fitNonNegativeRidge(double[][] x, double[] y, double[] w, int members) {
        int n = x.length;
        int d = x[0].length;
        double sw = 0;
        double ym = 0;
        double[] xm = new double[d];
        for (int i = 0; i < n; i++) {
            sw += w[i];
            ym += w[i] * y[i];
            for (int j = 0; j < d; j++) {
                xm[j] += w[i] * x[i][j];
            }
        }
        if (!(sw > 0)) {
            throw new IllegalArgumentException("all stacking weights are zero");
        }
        ym /= sw;
        for (int j = 0; j < d; j++) {
            xm[j] /= sw;
        }
        double[][] q = new double[d][d];
        double[] c = new double[d];
        for (int i = 0; i < n; i++) {
            double yc = y[i] - ym;
            for (int a = 0; a < d; a++) {
                double xa = x[i][a] - xm[a];
                c[a] += w[i] * xa * yc;
                for (int b = a; b < d; b++) {
                    q[a][b] += w[i] * xa * (x[i][b] - xm[b]);
                }
            }
        }
        double trace = 0;
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < a; b++) {
                q[a][b] = q[b][a];
            }
            trace += q[a][a];
        }
        double lambda = Math.max(1e-12, 1e-6 * trace / d);
        double[] beta = new double[d];
        for (int sweep = 0; sweep < 10_000; sweep++) {
            double change = 0;
            for (int a = 0; a < d; a++) {
                double r = c[a];
                for (int b = 0; b < d; b++) {
                    if (b != a) {
                        r -= q[a][b] * beta[b];
                    }
                }
                double nb = Math.max(0, r / (q[a][a] + lambda));
                change = Math.max(change, Math.abs(nb - beta[a]));
                beta[a] = nb;
            }
            if (change <= 1e-13 * (1 + maxAbs(beta))) {
                break;
            }
        }
        double b0 = ym;
        for (int j = 0; j < d; j++) {
            b0 -= beta[j] * xm[j];
        }
        return new Stacker(0, -1, members, new double[][] {beta}, new double[] {b0});
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    /**
     * Members whose every coefficient is exactly zero contribute nothing (the non-negative ridge of regression
     * stacking zeroes many): they need not be kept, predicted or refitted. For a regression stacker this is the
     * solution of the same problem on the remaining members (the zero coefficients sat at their bound, so the
     * optimum restricted to the others is unchanged); the outputs are identical either way.
     *
     * @return the indices (ascending) of the members with at least one non-zero coefficient; never empty (when
     *         all are zero, member 0 is kept so the stacker still has an input)
     */
    public int[] usedMembers() {
        int width = numClasses == 0 || numClasses == 2 ? 1 : numClasses;
        List<Integer> used = new ArrayList<>();
        for (int g = 0; g < members; g++) {
            boolean any = false;
            for (double[] row : coefficients) {
                for (int j = g * width; j < (g + 1) * width && !any; j++) {
                    any = row[j] != 0.0;
                }
            }
            if (any) {
                used.add(g);
            }
        }
        if (used.isEmpty()) {
            used.add(0);
        }
        return used.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * @param keep member indices to keep, ascending (e.g. {@link #usedMembers()})
     * @return this stacker over those members only: their coefficient columns, the same intercepts
     */
    public Stacker restrictTo(int[] keep) {
        int width = numClasses == 0 || numClasses == 2 ? 1 : numClasses;
        double[][] coef = new double[coefficients.length][keep.length * width];
        for (int r = 0; r < coefficients.length; r++) {
            for (int i = 0; i < keep.length; i++) {
                if (keep[i] < 0 || keep[i] >= members || (i > 0 && keep[i] <= keep[i - 1])) {
                    throw new IllegalArgumentException("member indices must be ascending in [0, " + members
                            + "): " + Arrays.toString(keep));
                }
                System.arraycopy(coefficients[r], keep[i] * width, coef[r], i * width, width);
            }
        }
        return new Stacker(numClasses, positiveIndex, keep.length, coef, intercepts.clone());
    }

    /**
     * @param predictions per member predictions (bagged averages), same member order as in training
     * @return rows x width: class probabilities (summing to 1) or values
     */
    public double[][] apply(List<double[][]> predictions) {
        if (predictions.size() != members) {
            throw new IllegalArgumentException("stacker expects " + members + " members but got " + predictions.size());
        }
        double[][] x = features(predictions, numClasses, positiveIndex);
        int n = x.length;
        if (numClasses == 0) {
            double[][] out = new double[n][1];
            for (int i = 0; i < n; i++) {
                double s = intercepts[0];
                for (int j = 0; j < x[i].length; j++) {
                    s += coefficients[0][j] * x[i][j];
                }
                out[i][0] = s;
            }
            return out;
        }
        int d = x.length == 0 ? 0 : x[0].length;
        double[] theta = new double[numClasses * (d + 1)];
        for (int c = 0; c < numClasses; c++) {
            System.arraycopy(coefficients[c], 0, theta, c * (d + 1), d);
            theta[c * (d + 1) + d] = intercepts[c];
        }
        double[][] out = new double[n][numClasses];
        for (int i = 0; i < n; i++) {
            probabilities(theta, x[i], numClasses, d, out[i]);
        }
        return out;
    }
}
