package io.automl4j.forecast.internal;

import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;

import java.util.Arrays;

/**
 * Teunter–Syntetos–Babai (2011) for intermittent demand (FCST-R10): exponential smoothing of the demand probability
 * p (updated every period, so it decays during runs of zeros, unlike Croston's interval) and of the non-zero demand
 * size z (updated only when demand occurs):
 * <pre>
 *   y_t &gt; 0:  p ← p + β(1 − p),  z ← z + α(y_t − z)
 *   y_t = 0:  p ← p − βp          (z unchanged)
 *   forecast  p·z for every step
 * </pre>
 * Initial values: p<sub>0</sub> = share of non-zero periods of the history, z<sub>0</sub> = mean of its non-zero
 * demands. α and β are chosen in [{@value #MIN_PARAM}, {@value #MAX_PARAM}] by minimising the in-sample one-step
 * mean squared error with commons-math's bounded BOBYQA, started at (0.1, 0.1). Quantiles as {@link Croston}: the
 * in-sample one-step residual quantiles scaled by √k, clipped at 0 for non-negative data. Only for series whose zero
 * share is at least 30%; other series get null (the engine falls back to NAIVE and counts it).
 */
final class Tsb implements LocalModel.Univariate {
    static final double MIN_PARAM = 0.01;
    static final double MAX_PARAM = 0.99;

    /**
     * One-step in-sample forecasts and the final state of the recursion.
     *
     * @param fitted forecast of y[t] from y[0..t−1], t = 0..n−1
     * @param p      demand probability after the last observation
     * @param z      demand size after the last observation
     */
    record Fit(double[] fitted, double p, double z) {
        /** @return the forecast of every future step */
        double forecast() {
            return p * z;
        }
    }

    /**
     * The TSB recursion with fixed parameters.
     *
     * @param y     history (at least one non-zero value)
     * @param alpha smoothing of the demand size
     * @param beta  smoothing of the demand probability
     * @return fitted values and final state
     */
    static Fit recursion(double[] y, double alpha, double beta) {
        int nonZero = 0;
        double sum = 0;
        for (double v : y) {
            if (v != 0) {
                nonZero++;
                sum += v;
            }
        }
        double p = nonZero / (double) y.length;
        double z = sum / nonZero;
        double[] fitted = new double[y.length];
        for (int t = 0; t < y.length; t++) {
            fitted[t] = p * z;
            if (y[t] != 0) {
                p += beta * (1 - p);
                z += alpha * (y[t] - z);
            } else {
                p -= beta * p;
            }
        }
        return new Fit(fitted, p, z);
    }

    /** @return in-sample one-step mean squared error */
    static double mse(double[] y, double alpha, double beta) {
        double[] f = recursion(y, alpha, beta).fitted();
        double s = 0;
        for (int t = 0; t < y.length; t++) {
            s += (y[t] - f[t]) * (y[t] - f[t]);
        }
        return s / y.length;
    }

    /** @return (α, β) minimising the in-sample MSE within the bounds */
    static double[] optimise(double[] y) {
        BOBYQAOptimizer opt = new BOBYQAOptimizer(5, 0.05, 1e-6);
        PointValuePair best = opt.optimize(new MaxEval(2000),
                new ObjectiveFunction(x -> mse(y, x[0], x[1])), GoalType.MINIMIZE,
                new InitialGuess(new double[] {0.1, 0.1}),
                new SimpleBounds(new double[] {MIN_PARAM, MIN_PARAM}, new double[] {MAX_PARAM, MAX_PARAM}));
        return best.getPoint();
    }

    @Override
    public Prediction forecast(double[] y, int h, int period, double[] levels, long seed) {
        if (!Croston.intermittent(y)) {
            return null;
        }
        boolean nonNegative = true;
        boolean any = false;
        for (double v : y) {
            nonNegative &= v >= 0;
            any |= v != 0;
        }
        if (!any) {
            return Prediction.gaussian(new double[h], new double[h], levels);
        }
        double[] ab = optimise(y);
        Fit fit = recursion(y, ab[0], ab[1]);
        double f = fit.forecast();
        double[] mean = new double[h];
        Arrays.fill(mean, f);
        double[] r = new double[y.length];
        for (int t = 0; t < y.length; t++) {
            r[t] = y[t] - fit.fitted()[t];
        }
        Arrays.sort(r);
        double[][] q = new double[levels.length][h];
        for (int i = 0; i < levels.length; i++) {
            double rq = Stats.quantileSorted(r, levels[i]);
            for (int k = 0; k < h; k++) {
                double v = f + rq * Math.sqrt(k + 1);
                q[i][k] = nonNegative ? Math.max(0, v) : v;
            }
        }
        return new Prediction(mean, q);
    }
}
