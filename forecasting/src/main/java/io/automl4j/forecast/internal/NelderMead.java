package io.automl4j.forecast.internal;

import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.ConvergenceChecker;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

import java.util.Arrays;

/**
 * Nelder–Mead minimisation with commons-math's {@link SimplexOptimizer}, set up like R's {@code optim()} /
 * forecast's {@code etsNelderMead}: initial simplex step 10% of the largest |parameter| (0.1 if all are zero),
 * reflection 1, expansion 2, contraction and shrink 0.5, stop when the spread of the simplex values is within
 * reltol·(|f| + reltol), at most {@code maxEval} evaluations (the best point seen is returned then).
 */
final class NelderMead {
    private NelderMead() {
    }

    static PointValuePair minimize(MultivariateFunction f, double[] start, double reltol, int maxEval) {
        double size = 0;
        for (double v : start) {
            size = Math.max(size, 0.1 * Math.abs(v));
        }
        if (size == 0) {
            size = 0.1;
        }
        double[] steps = new double[start.length];
        Arrays.fill(steps, size);
        return minimize(f, start, steps, reltol, maxEval);
    }

    /** As {@link #minimize(MultivariateFunction, double[], double, int)} with one initial step per coordinate. */
    static PointValuePair minimize(MultivariateFunction f, double[] start, double[] steps, double reltol,
                                   int maxEval) {
        double[] best = start.clone();
        double[] bestValue = {Double.POSITIVE_INFINITY};
        MultivariateFunction tracked = p -> {
            double v = f.value(p);
            if (Double.isNaN(v)) {
                v = Double.POSITIVE_INFINITY;
            }
            if (v < bestValue[0]) {
                bestValue[0] = v;
                System.arraycopy(p, 0, best, 0, p.length);
            }
            return v;
        };
        SpreadChecker checker = new SpreadChecker(start.length + 1, reltol);
        SimplexOptimizer opt = new SimplexOptimizer(checker);
        try {
            opt.optimize(new MaxEval(maxEval), new MaxIter(Integer.MAX_VALUE), new ObjectiveFunction(tracked),
                    GoalType.MINIMIZE, new InitialGuess(start), new NelderMeadSimplex(steps, 1.0, 2.0, 0.5, 0.5));
        } catch (TooManyEvaluationsException e) {
            // keep the best point seen, as R's optim does at maxit
        }
        return new PointValuePair(best, bestValue[0]);
    }

    /** Converged when max − min of the simplex values ≤ reltol·(|min| + reltol) (R's nmmin test). */
    private static final class SpreadChecker implements ConvergenceChecker<PointValuePair> {
        private final int vertices;
        private final double reltol;
        private int seen;
        private double lo;
        private double hi;

        SpreadChecker(int vertices, double reltol) {
            this.vertices = vertices;
            this.reltol = reltol;
        }

        @Override
        public boolean converged(int iteration, PointValuePair previous, PointValuePair current) {
            // SimplexOptimizer asks once per vertex per iteration, in order, and stops asking at the first false:
            // answer true until the last vertex, then test the spread of the whole simplex.
            if (seen == 0) {
                lo = Double.POSITIVE_INFINITY;
                hi = Double.NEGATIVE_INFINITY;
            }
            double v = current.getValue();
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
            seen++;
            if (seen < vertices) {
                return true;
            }
            seen = 0;
            return Double.isFinite(hi) && hi - lo <= reltol * (Math.abs(lo) + reltol);
        }
    }
}
