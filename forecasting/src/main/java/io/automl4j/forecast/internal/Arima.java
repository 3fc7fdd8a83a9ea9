package io.automl4j.forecast.internal;

import org.apache.commons.math3.optim.PointValuePair;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Hyndman–Khandakar stepwise automatic ARIMA after R's {@code forecast::auto.arima()} (FCST-R10): D = 1 when the
 * seasonal strength exceeds 0.64 (classical additive decomposition here, STL in R), d by repeated KPSS tests at 5%
 * (lag ⌊3√n/13⌋, d ≤ 2), start from (2,d,2)(1,D,1) plus the null, AR(1) and MA(1) models, then the stepwise
 * neighbourhood search (p, q ≤ 5; P, Q ≤ 2; constant toggled when d + D ≤ 1) by AICc; models whose AR or MA roots lie
 * within 1.01 of the unit circle are rejected. The search fits by conditional sum of squares (R's CSS, used by R for
 * the search when {@code approximation = TRUE}); the chosen model is then refined by exact Gaussian maximum
 * likelihood (Kalman filter), as R's CSS-ML. Gaussian intervals from the ψ weights of the full (differenced) model.
 *
 * <p>Missing observations (NaN, FCST-R11) are skipped, as R's {@code arima()} / {@code auto.arima()} do with NA:
 * leading gaps are dropped; in the CSS search differencing propagates a gap (one missing y makes every difference
 * that uses it missing) and residuals that involve a missing value are skipped (0 in the MA recursion, not counted);
 * the AICc uses the number of observed values (R's n − d − D·m). The exact-ML fit then runs the Kalman filter on the
 * undifferenced series with the differencing in the state (R's state space, diffuse initial lags), where a missing
 * step is prediction only (no update, no likelihood term, not counted in n), and the forecasts and their variances
 * come from the filtered state at the end (a missing last value is one more prediction step). Only the order tests
 * (seasonal strength for D, KPSS for d) see a linearly interpolated series, as they need complete data. A series
 * without gaps takes exactly the original path.
 */
final class Arima implements LocalModel.Univariate, LocalModel.MissingAware {
    private static final int MAX_P = 5;
    private static final int MAX_Q = 5;
    private static final int MAX_SP = 2;
    private static final int MAX_SQ = 2;
    private static final int MAX_MODELS = 94;

    /** A fitted model. */
    static final class Fit {
        int p;
        int d;
        int q;
        int sp;
        int sd;
        int sq;
        int m;
        boolean constant;
        double c;
        double[] phi;
        double[] theta;
        double sigma2;
        double aicc = Double.POSITIVE_INFINITY;
        double[] w;
        double[] resid;

        @Override
        public String toString() {
            // R's naming: seasonal part only when non-zero, "with drift" / "with non-zero mean"
            boolean seasonal = m > 1 && sp + sd + sq > 0;
            return "ARIMA(" + p + "," + d + "," + q + ")" + (seasonal ? "(" + sp + "," + sd + "," + sq + ")[" + m + "]" : "")
                    + (constant ? (d + sd == 0 ? " with non-zero mean" : " with drift") : "");
        }
    }

    @Override
    public Prediction forecast(double[] history, int h, int period, double[] levels, long seed) {
        double[] y = trimLeadingGaps(history);
        double[] observed = observed(y);
        if (observed.length == 0) {
            return null;
        }
        if (Stats.isConstant(observed)) {
            double[] mean = new double[h];
            Arrays.fill(mean, observed[observed.length - 1]);
            return Prediction.gaussian(mean, new double[h], levels);
        }
        Fit f = auto(y, period);
        if (f == null) {
            return null;
        }
        return predict(f, y, h, levels);
    }

    /**
     * @param y history, no leading gap; NaN marks a missing value
     * @return the chosen model, or null when none can be fitted
     */
    static Fit auto(double[] y, int period) {
        int n = y.length;
        int m = period > 1 && n >= 2 * period ? period : 1;
        // the order tests need complete data: they see the interpolated series (y itself when it has no gap)
        double[] yi = Stats.interpolate(y);
        int sd = 0;
        if (m > 1 && seasonalStrength(yi, m) > 0.64) {
            sd = 1;
        }
        double[] dx = sd == 1 ? diff(yi, m) : yi;
        int d = 0;
        while (d < 2 && dx.length > 3 && !Stats.isConstant(dx) && kpssRejects(dx)) {
            dx = diff(dx, 1);
            d++;
        }
        if (dx.length < 3) {
            return null;
        }
        boolean constantAllowed = d + sd <= 1;
        Search s = new Search(y, d, sd, m);
        int maxSP = m > 1 ? MAX_SP : 0;
        int maxSQ = m > 1 ? MAX_SQ : 0;
        int p = 2;
        int q = 2;
        int sp = m > 1 ? 1 : 0;
        int sq = m > 1 ? 1 : 0;
        boolean constant = constantAllowed;
        Fit best = s.fit(p, q, sp, sq, constant);
        Fit f = s.fit(0, 0, 0, 0, constant);
        if (better(f, best)) {
            best = f;
            p = q = sp = sq = 0;
        }
        f = s.fit(1, 0, m > 1 ? 1 : 0, 0, constant);
        if (better(f, best)) {
            best = f;
            p = 1;
            sp = m > 1 ? 1 : 0;
            q = sq = 0;
        }
        f = s.fit(0, 1, 0, m > 1 ? 1 : 0, constant);
        if (better(f, best)) {
            best = f;
            q = 1;
            sq = m > 1 ? 1 : 0;
            p = sp = 0;
        }
        if (constant) {
            f = s.fit(0, 0, 0, 0, false);
            if (better(f, best)) {
                best = f;
                p = q = sp = sq = 0;
                constant = false;
            }
        }
        int[][] moves = {
            {0, 0, -1, 0}, {0, 0, 0, -1}, {0, 0, 1, 0}, {0, 0, 0, 1}, {0, 0, -1, -1}, {0, 0, -1, 1}, {0, 0, 1, -1},
            {0, 0, 1, 1}, {-1, 0, 0, 0}, {0, -1, 0, 0}, {1, 0, 0, 0}, {0, 1, 0, 0}, {-1, -1, 0, 0}, {-1, 1, 0, 0},
            {1, -1, 0, 0}, {1, 1, 0, 0}};
        boolean improved = true;
        while (improved && s.count < MAX_MODELS) {
            improved = false;
            for (int[] mv : moves) {
                int np = p + mv[0];
                int nq = q + mv[1];
                int nsp = sp + mv[2];
                int nsq = sq + mv[3];
                if (np < 0 || nq < 0 || nsp < 0 || nsq < 0 || np > MAX_P || nq > MAX_Q || nsp > maxSP || nsq > maxSQ
                        || s.seen(np, nq, nsp, nsq, constant)) {
                    continue;
                }
                f = s.fit(np, nq, nsp, nsq, constant);
                if (better(f, best)) {
                    best = f;
                    p = np;
                    q = nq;
                    sp = nsp;
                    sq = nsq;
                    improved = true;
                    break;
                }
            }
            if (!improved && constantAllowed && !s.seen(p, q, sp, sq, !constant)) {
                f = s.fit(p, q, sp, sq, !constant);
                if (better(f, best)) {
                    best = f;
                    constant = !constant;
                    improved = true;
                }
            }
        }
        if (!Double.isFinite(best.aicc)) {
            return null;
        }
        return REFINE_ML ? refineMl(best, observed(y).length < y.length ? y : null) : best;
    }

    private static final boolean REFINE_ML = true;

    /**
     * Refits the chosen orders by exact Gaussian maximum likelihood (Kalman filter on the differenced series,
     * stationary initial covariance), starting from the CSS estimates, as R's CSS-ML; keeps the CSS fit when the
     * ML fit fails or is near non-stationary / non-invertible.
     */
    static Fit refineMl(Fit css) {
        return refineMl(css, null);
    }

    /**
     * As {@link #refineMl(Fit)}; with {@code gappy} (the undifferenced history with missing values) the likelihood is
     * the one of {@link #fullKalman} on it, as R's {@code arima()} with NA, instead of the filter on the differenced
     * series (where one missing y makes d + D·m differences missing).
     */
    static Fit refineMl(Fit css, double[] gappy) {
        int k = css.p + css.q + css.sp + css.sq + (css.constant ? 1 : 0);
        if (k == 0) {
            return css;
        }
        double[] start = packParams(css);
        double[] steps = new double[k];
        Arrays.fill(steps, 0.05);
        if (css.constant) {
            steps[k - 1] = Math.max(1e-3, 0.1 * Math.sqrt(css.sigma2));
        }
        double[] w = css.w;
        java.util.function.ToDoubleFunction<double[]> objective = gappy == null ? par -> mlObjective(par, css, w)
                : par -> fullObjective(par, css, gappy);
        PointValuePair opt = NelderMead.minimize(objective::applyAsDouble, start, steps, 1e-8, 300 * (k + 1));
        if (!Double.isFinite(opt.getValue()) || opt.getValue() >= objective.applyAsDouble(start)) {
            return css;
        }
        Fit f = new Fit();
        f.p = css.p;
        f.d = css.d;
        f.q = css.q;
        f.sp = css.sp;
        f.sd = css.sd;
        f.sq = css.sq;
        f.m = css.m;
        f.constant = css.constant;
        f.w = w;
        f.aicc = css.aicc;
        setCoefficients(opt.getPoint(), f);
        if (rootsTooClose(f.phi, true) || rootsTooClose(f.theta, false)) {
            return css;
        }
        double[] resid = new double[w.length];
        cssValue(opt.getPoint(), f, w, f.p + f.sp * f.m, resid);
        f.resid = resid;
        double[] s2 = new double[1];
        if (gappy == null) {
            mlValue(f.phi, f.theta, f.c, w, s2);
        } else {
            fullKalman(f.phi, f.theta, f.c, differencing(f.d, f.sd, f.m), gappy, s2, 0, null);
        }
        f.sigma2 = s2[0];
        return f;
    }

    private static double[] packParams(Fit f) {
        int k = f.p + f.q + f.sp + f.sq + (f.constant ? 1 : 0);
        double[] par = new double[k];
        // recover the non-seasonal and seasonal coefficients from the expanded polynomials
        for (int i = 0; i < f.p; i++) {
            par[i] = f.phi[i];
        }
        for (int i = 0; i < f.q; i++) {
            par[f.p + i] = f.theta[i];
        }
        for (int j = 0; j < f.sp; j++) {
            par[f.p + f.q + j] = f.phi[(j + 1) * f.m - 1];
        }
        for (int j = 0; j < f.sq; j++) {
            par[f.p + f.q + f.sp + j] = f.theta[(j + 1) * f.m - 1];
        }
        if (f.constant) {
            par[k - 1] = f.c;
        }
        return par;
    }

    private static double fullObjective(double[] par, Fit shape, double[] y) {
        double[][] coef = expand(par, shape);
        if (rootsTooClose(coef[0], true)) {
            return Double.POSITIVE_INFINITY;
        }
        double c = shape.constant ? par[par.length - 1] : 0;
        return fullKalman(coef[0], coef[1], c, differencing(shape.d, shape.sd, shape.m), y, null, 0, null);
    }

    private static final double KAPPA = 1e6;

    /**
     * Concentrated −log-likelihood / n of the ARIMA on the undifferenced series y with missing values (NaN), as R's
     * {@code arima()} (ARIMA_Like): state = (ARMA state of w, y_{t−1} … y_{t−d−D·m}), y_t = c + a_t[0] + Σ δ_i
     * y_{t−i}; stationary initial covariance for the ARMA part, diffuse κ = 10⁶ for the initial lags; a missing y is
     * a prediction-only step, and observations with F ≥ 10⁴ (the first d + D·m observed, which only pin the diffuse
     * lags) are not counted. When {@code fcOut} is given, it receives the h forecasts from the state after the last
     * step: fcOut[0] the means, fcOut[1] the variances (in units of σ², as F).
     *
     * @return the objective, +∞ when the filter fails
     */
    static double fullKalman(double[] phi, double[] theta, double c, double[] delta, double[] y, double[] sigma2Out,
                             int h, double[][] fcOut) {
        int p = phi.length;
        int q = theta.length;
        int r = Math.max(p, q + 1);
        int dd = delta.length;
        int rd = r + dd;
        double[] tPhi = new double[r];
        System.arraycopy(phi, 0, tPhi, 0, p);
        double[] rv = new double[r];
        rv[0] = 1;
        System.arraycopy(theta, 0, rv, 1, q);
        double[][] stat = stationaryCovariance(tPhi, rv);
        if (stat == null) {
            return Double.POSITIVE_INFINITY;
        }
        double[][] tm = new double[rd][rd];
        for (int i = 0; i < r; i++) {
            tm[i][0] = tPhi[i];
            if (i + 1 < r) {
                tm[i][i + 1] = 1;
            }
        }
        if (dd > 0) {
            tm[r][0] = 1;
            for (int j = 0; j < dd; j++) {
                tm[r][r + j] = delta[j];
            }
            for (int j = 1; j < dd; j++) {
                tm[r + j][r + j - 1] = 1;
            }
        }
        double[] z = new double[rd];
        z[0] = 1;
        System.arraycopy(delta, 0, z, r, dd);
        double[][] pm = new double[rd][rd];
        for (int i = 0; i < r; i++) {
            System.arraycopy(stat[i], 0, pm[i], 0, r);
        }
        for (int j = r; j < rd; j++) {
            pm[j][j] = KAPPA;
        }
        double[] a = new double[rd];
        double[] pz = new double[rd];
        double ssq = 0;
        double sumLog = 0;
        int nu = 0;
        for (int t = 0; t < y.length; t++) {
            if (!Double.isNaN(y[t])) {
                double yhat = c;
                for (int i = 0; i < rd; i++) {
                    yhat += z[i] * a[i];
                }
                double f = 0;
                for (int i = 0; i < rd; i++) {
                    double s = 0;
                    for (int j = 0; j < rd; j++) {
                        s += pm[i][j] * z[j];
                    }
                    pz[i] = s;
                    f += z[i] * s;
                }
                if (!(f > 0) || !Double.isFinite(f)) {
                    return Double.POSITIVE_INFINITY;
                }
                double v = y[t] - yhat;
                if (f < 1e4) {
                    nu++;
                    ssq += v * v / f;
                    sumLog += Math.log(f);
                }
                for (int i = 0; i < rd; i++) {
                    a[i] += pz[i] * v / f;
                }
                for (int i = 0; i < rd; i++) {
                    for (int j = 0; j < rd; j++) {
                        pm[i][j] -= pz[i] * pz[j] / f;
                    }
                }
            }
            a = stateStep(tm, a, c, r, dd);
            pm = covarianceStep(tm, pm, rv);
        }
        if (fcOut != null) {
            double[] mean = new double[h];
            double[] var = new double[h];
            for (int k = 0; k < h; k++) {
                double yhat = c;
                double f = 0;
                for (int i = 0; i < rd; i++) {
                    yhat += z[i] * a[i];
                    for (int j = 0; j < rd; j++) {
                        f += z[i] * pm[i][j] * z[j];
                    }
                }
                mean[k] = yhat;
                var[k] = Math.max(0, f);
                a = stateStep(tm, a, c, r, dd);
                pm = covarianceStep(tm, pm, rv);
            }
            fcOut[0] = mean;
            fcOut[1] = var;
        }
        double s2 = ssq / nu;
        if (sigma2Out != null) {
            sigma2Out[0] = s2;
        }
        double val = 0.5 * Math.log(s2) + 0.5 * sumLog / nu;
        return Double.isFinite(val) ? val : Double.POSITIVE_INFINITY;
    }

    /** T a, plus c in the new-y slot (y_t = c + a[0] + Σ δ_i y_{t−i}). */
    private static double[] stateStep(double[][] tm, double[] a, double c, int r, int dd) {
        int rd = a.length;
        double[] na = new double[rd];
        for (int i = 0; i < rd; i++) {
            double s = 0;
            for (int j = 0; j < rd; j++) {
                s += tm[i][j] * a[j];
            }
            na[i] = s;
        }
        if (dd > 0) {
            na[r] += c;
        }
        return na;
    }

    /** T P T' + R R' (R = (1, θ) in the ARMA block). */
    private static double[][] covarianceStep(double[][] tm, double[][] pm, double[] rv) {
        double[][] out = mulT(mul(tm, pm), tm);
        for (int i = 0; i < rv.length; i++) {
            for (int j = 0; j < rv.length; j++) {
                out[i][j] += rv[i] * rv[j];
            }
        }
        return out;
    }

    private static double mlObjective(double[] par, Fit shape, double[] w) {
        double[][] coef = expand(par, shape);
        if (rootsTooClose(coef[0], true)) {
            return Double.POSITIVE_INFINITY;
        }
        double c = shape.constant ? par[par.length - 1] : 0;
        return mlValue(coef[0], coef[1], c, w, null);
    }

    /**
     * Concentrated −log-likelihood / n of a stationary ARMA by the Kalman filter (Harvey's state space, initial
     * covariance = stationary covariance by doubling): ½·log σ̂² + ½·Σlog F_t / n, as R's {@code arima} ML objective.
     * A missing w[t] (NaN) is a prediction-only step: no update, no term, not counted in n.
     */
    static double mlValue(double[] phi, double[] theta, double c, double[] w, double[] sigma2Out) {
        int p = phi.length;
        int q = theta.length;
        int r = Math.max(p, q + 1);
        double[] tPhi = new double[r];
        System.arraycopy(phi, 0, tPhi, 0, p);
        double[] rv = new double[r];
        rv[0] = 1;
        System.arraycopy(theta, 0, rv, 1, q);
        double[][] pm = stationaryCovariance(tPhi, rv);
        if (pm == null) {
            return Double.POSITIVE_INFINITY;
        }
        double[] st = new double[r];
        double ssq = 0;
        double sumLog = 0;
        int n = w.length;
        int nObs = 0;
        double[] k = new double[r];
        double[] na = new double[r];
        double[][] np = new double[r][r];
        for (int t = 0; t < n; t++) {
            double v;
            double f;
            if (Double.isNaN(w[t])) {
                // missing: prediction only (K = 0, so a ← T a and P ← T P T' + R R' below)
                v = 0;
                f = 0;
                Arrays.fill(k, 0);
            } else {
                v = w[t] - c - st[0];
                f = pm[0][0];
                if (!(f > 0) || !Double.isFinite(f)) {
                    return Double.POSITIVE_INFINITY;
                }
                ssq += v * v / f;
                sumLog += Math.log(f);
                nObs++;
                for (int i = 0; i < r; i++) {
                    k[i] = pm[i][0] / f;
                }
            }
            // a_{t+1} = T (a + K v)
            for (int i = 0; i < r; i++) {
                na[i] = tPhi[i] * (st[0] + k[0] * v) + (i + 1 < r ? st[i + 1] + k[i + 1] * v : 0);
            }
            System.arraycopy(na, 0, st, 0, r);
            // P_{t+1} = T (P − K K' F) T' + R R'
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < r; j++) {
                    np[i][j] = pm[i][j] - k[i] * k[j] * f;
                }
            }
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < r; j++) {
                    double s = tPhi[i] * tPhi[j] * np[0][0];
                    if (j + 1 < r) {
                        s += tPhi[i] * np[0][j + 1];
                    }
                    if (i + 1 < r) {
                        s += tPhi[j] * np[i + 1][0];
                        if (j + 1 < r) {
                            s += np[i + 1][j + 1];
                        }
                    }
                    pm[i][j] = s + rv[i] * rv[j];
                }
            }
        }
        double s2 = ssq / nObs;
        if (sigma2Out != null) {
            sigma2Out[0] = s2;
        }
        double val = 0.5 * Math.log(s2) + 0.5 * sumLog / nObs;
        return Double.isFinite(val) ? val : Double.POSITIVE_INFINITY;
    }

    /** Stationary covariance P = Σ_k T^k R R' T'^k of the ARMA state by doubling; null when it does not converge. */
    private static double[][] stationaryCovariance(double[] tPhi, double[] rv) {
        int r = tPhi.length;
        double[][] pm = new double[r][r];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < r; j++) {
                pm[i][j] = rv[i] * rv[j];
            }
        }
        double[][] a = new double[r][r];
        for (int i = 0; i < r; i++) {
            a[i][0] = tPhi[i];
            if (i + 1 < r) {
                a[i][i + 1] = 1;
            }
        }
        for (int it = 0; it < 40; it++) {
            double[][] apa = mulT(mul(a, pm), a);
            double change = 0;
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < r; j++) {
                    pm[i][j] += apa[i][j];
                    change = Math.max(change, Math.abs(apa[i][j]));
                }
            }
            if (change < 1e-12 * (1 + Math.abs(pm[0][0]))) {
                break;
            }
            a = mul(a, a);
            if (it == 39) {
                return null;
            }
        }
        return pm;
    }

    private static double[][] mul(double[][] x, double[][] y) {
        int r = x.length;
        double[][] z = new double[r][r];
        for (int i = 0; i < r; i++) {
            for (int l = 0; l < r; l++) {
                double xv = x[i][l];
                if (xv != 0) {
                    for (int j = 0; j < r; j++) {
                        z[i][j] += xv * y[l][j];
                    }
                }
            }
        }
        return z;
    }

    /** x · y' */
    private static double[][] mulT(double[][] x, double[][] y) {
        int r = x.length;
        double[][] z = new double[r][r];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < r; j++) {
                double s = 0;
                for (int l = 0; l < r; l++) {
                    s += x[i][l] * y[j][l];
                }
                z[i][j] = s;
            }
        }
        return z;
    }

    private static boolean better(Fit f, Fit best) {
        return f.aicc < best.aicc;
    }

    /** Models tried so far and the shared data of one search. */
    private static final class Search {
        final double[] y;
        final int d;
        final int sd;
        final int m;
        final double[] w;
        /** observed values − d − D·m (R's nstar), the n of the AICc */
        final int nstar;
        final Set<String> tried = new HashSet<>();
        int count;

        Search(double[] y, int d, int sd, int m) {
            this.y = y;
            this.d = d;
            this.sd = sd;
            this.m = m;
            double[] x = y;
            for (int i = 0; i < sd; i++) {
                x = diff(x, m);
            }
            for (int i = 0; i < d; i++) {
                x = diff(x, 1);
            }
            this.w = x;
            this.nstar = observed(y).length - d - sd * m;
        }

        boolean seen(int p, int q, int sp, int sq, boolean c) {
            return tried.contains(p + "," + q + "," + sp + "," + sq + "," + c);
        }

        Fit fit(int p, int q, int sp, int sq, boolean constant) {
            tried.add(p + "," + q + "," + sp + "," + sq + "," + constant);
            count++;
            return css(w, nstar, p, d, q, sp, sd, sq, m, constant);
        }
    }

    /**
     * Fits one model by conditional sum of squares; aicc = +∞ when it cannot be fitted or is near non-invertible.
     *
     * @param w     the differenced series, NaN where a difference involves a missing value
     * @param nstar observed values of the undifferenced series − d − D·m (w.length when nothing is missing)
     */
    static Fit css(double[] w, int nstar, int p, int d, int q, int sp, int sd, int sq, int m, boolean constant) {
        Fit f = new Fit();
        f.p = p;
        f.d = d;
        f.q = q;
        f.sp = sp;
        f.sd = sd;
        f.sq = sq;
        f.m = m;
        f.constant = constant;
        f.w = w;
        int ncond = p + sp * m;
        int nw = w.length;
        int k = p + q + sp + sq + (constant ? 1 : 0);
        int npar = k + 1;
        if (nstar - ncond < npar + 2 || nstar - npar - 1 <= 0) {
            return f;
        }
        // mean and spread of the observed differences (the same sums as over all of w when nothing is missing)
        double wm = 0;
        int nObs = 0;
        for (double v : w) {
            if (!Double.isNaN(v)) {
                wm += v;
                nObs++;
            }
        }
        if (nObs == 0) {
            return f;
        }
        wm /= nObs;
        double sdW = 0;
        for (double v : w) {
            if (!Double.isNaN(v)) {
                sdW += (v - wm) * (v - wm);
            }
        }
        sdW = Math.sqrt(sdW / nObs);
        double[] start = new double[k];
        double[] steps = new double[k];
        Arrays.fill(steps, 0.1);
        if (constant) {
            start[k - 1] = wm;
            steps[k - 1] = Math.max(1e-3, 0.1 * sdW);
        }
        double[] params;
        if (k == 0) {
            params = new double[0];
        } else {
            PointValuePair opt = NelderMead.minimize(par -> cssValue(par, f, w, ncond, null),
                    start, steps, 1e-8, 400 * (k + 1));
            if (opt.getValue() > 1e300 || !Double.isFinite(opt.getValue())) {
                return f;
            }
            PointValuePair again = NelderMead.minimize(par -> cssValue(par, f, w, ncond, null),
                    opt.getPoint(), steps, 1e-8, 400 * (k + 1));
            params = again.getValue() < opt.getValue() ? again.getPoint() : opt.getPoint();
        }
        double[] resid = new double[nw];
        double ssq = cssValue(params, f, w, ncond, resid);
        if (!Double.isFinite(ssq)) {
            return f;
        }
        setCoefficients(params, f);
        f.resid = resid;
        f.sigma2 = ssq;
        if (rootsTooClose(f.phi, true) || rootsTooClose(f.theta, false)) {
            return f;
        }
        double aic = nstar * Math.log(ssq) + 2 * npar;
        f.aicc = aic + 2.0 * npar * (npar + 1) / (nstar - npar - 1);
        return f;
    }

    /**
     * Mean squared conditional residual (R's ARIMA_CSS), residuals written to {@code resid} when given. A residual
     * that involves a missing value (w[t], or w[t − j] for a lag j of the expanded AR polynomial, whatever the
     * coefficient, so the set of counted residuals does not depend on the parameters) is not counted and is 0 in the
     * MA recursion.
     */
    static double cssValue(double[] par, Fit f, double[] w, int ncond, double[] resid) {
        double[][] coef = expand(par, f);
        double[] phi = coef[0];
        double[] theta = coef[1];
        double c = f.constant ? par[par.length - 1] : 0;
        int n = w.length;
        double[] e = resid != null ? resid : new double[n];
        double ssq = 0;
        int nu = 0;
        for (int t = ncond; t < n; t++) {
            double v = w[t] - c;
            boolean gap = Double.isNaN(w[t]);
            for (int j = 0; j < phi.length; j++) {
                double x = w[t - j - 1];
                if (!Double.isNaN(x)) {
                    v -= phi[j] * (x - c);
                } else {
                    gap = true;
                }
            }
            if (gap) {
                e[t] = 0;
                continue;
            }
            int lim = Math.min(t - ncond, theta.length);
            for (int j = 0; j < lim; j++) {
                v -= theta[j] * e[t - j - 1];
            }
            e[t] = v;
            ssq += v * v;
            nu++;
        }
        double r = ssq / nu;
        return Double.isFinite(r) ? r : Double.POSITIVE_INFINITY;
    }

    private static void setCoefficients(double[] par, Fit f) {
        double[][] coef = expand(par, f);
        f.phi = coef[0];
        f.theta = coef[1];
        f.c = f.constant ? par[par.length - 1] : 0;
    }

    /** Multiplies out (1 − φ(B))(1 − Φ(B^m)) and (1 + θ(B))(1 + Θ(B^m)): returns {phi, theta}, lag 1 first. */
    static double[][] expand(double[] par, Fit f) {
        int p = f.p;
        int q = f.q;
        int sp = f.sp;
        int sq = f.sq;
        int m = f.m;
        double[] phi = new double[p + sp * m];
        double[] theta = new double[q + sq * m];
        for (int i = 0; i < p; i++) {
            phi[i] = par[i];
        }
        for (int i = 0; i < q; i++) {
            theta[i] = par[p + i];
        }
        for (int j = 0; j < sp; j++) {
            double big = par[p + q + j];
            phi[(j + 1) * m - 1] += big;
            for (int i = 0; i < p; i++) {
                phi[(j + 1) * m + i] -= par[i] * big;
            }
        }
        for (int j = 0; j < sq; j++) {
            double big = par[p + q + sp + j];
            theta[(j + 1) * m - 1] += big;
            for (int i = 0; i < q; i++) {
                theta[(j + 1) * m + i] += par[p + i] * big;
            }
        }
        return new double[][] {phi, theta};
    }

    /** True when a root of 1 − Σφz^k (AR) or 1 + Σθz^k (MA) has modulus &lt; 1.01 (R's auto.arima check). */
    private static boolean rootsTooClose(double[] coef, boolean ar) {
        int last = -1;
        for (int i = 0; i < coef.length; i++) {
            if (Math.abs(coef[i]) > 1e-8) {
                last = i;
            }
        }
        if (last < 0) {
            return false;
        }
        // roots of P(z) = 1 ± Σ c_k z^k outside radius 1.01  ⇔  roots of z^n P(1/z) inside 1/1.01
        double[] rev = new double[last + 2];
        rev[last + 1] = 1;
        for (int k = 0; k <= last; k++) {
            rev[last - k] = ar ? -coef[k] : coef[k];
        }
        return !Ets.rootsWithin(rev, 1 / 1.01);
    }

    /**
     * Forecasts by the difference equation of the full model; Gaussian intervals from its ψ weights. A history with
     * missing values goes to {@link #predictFiltered}.
     */
    static Prediction predict(Fit f, double[] y, int h, double[] levels) {
        if (observed(y).length < y.length) {
            return predictFiltered(f, y, h, levels);
        }
        double[] w = f.w;
        int n = w.length;
        double[] wf = new double[n + h];
        System.arraycopy(w, 0, wf, 0, n);
        double[] e = new double[n + h];
        System.arraycopy(f.resid, 0, e, 0, n);
        for (int t = n; t < n + h; t++) {
            double v = f.c;
            for (int j = 0; j < f.phi.length; j++) {
                v += f.phi[j] * (t - j - 1 >= 0 ? wf[t - j - 1] - f.c : 0);
            }
            for (int j = 0; j < f.theta.length; j++) {
                if (t - j - 1 >= 0) {
                    v += f.theta[j] * e[t - j - 1];
                }
            }
            wf[t] = v;
        }
        // undifference: y_t = w_t + Σ δ_i y_{t−i}, δ from (1 − B)^d (1 − B^m)^D
        double[] delta = differencing(f.d, f.sd, f.m);
        int len = y.length;
        double[] yf = Arrays.copyOf(y, len + h);
        for (int k = 0; k < h; k++) {
            int t = len + k;
            double v = wf[n + k];
            for (int i = 0; i < delta.length; i++) {
                v += delta[i] * yf[t - i - 1];
            }
            yf[t] = v;
        }
        double[] mean = Arrays.copyOfRange(yf, len, len + h);
        return Prediction.gaussian(mean, forecastSd(f, delta, h), levels);
    }

    /** Standard deviations of steps 1..h from the ψ weights of AR*(B) = (1 − Σφ B)(δ polynomial) and MA θ. */
    private static double[] forecastSd(Fit f, double[] delta, int h) {
        double[] arFull = multiplyAr(f.phi, delta);
        double[] psi = new double[h];
        psi[0] = 1;
        for (int j = 1; j < h; j++) {
            double v = j - 1 < f.theta.length ? f.theta[j - 1] : 0;
            for (int i = 1; i <= Math.min(j, arFull.length); i++) {
                v += arFull[i - 1] * psi[j - i];
            }
            psi[j] = v;
        }
        double[] sd = new double[h];
        double cum = 0;
        for (int j = 0; j < h; j++) {
            cum += psi[j] * psi[j];
            sd[j] = Math.sqrt(f.sigma2 * cum);
        }
        return sd;
    }

    /**
     * Forecasts of a history with missing values (FCST-R11) from the state of {@link #fullKalman} after the last step
     * (a missing last value is one more prediction step), as R's {@code predict.Arima}: mean c + Z a, variance
     * σ²·Z P Z' per step.
     *
     * @return the forecast, or null when the filter fails
     */
    static Prediction predictFiltered(Fit f, double[] y, int h, double[] levels) {
        double[][] fc = new double[2][];
        fullKalman(f.phi, f.theta, f.c, differencing(f.d, f.sd, f.m), y, null, h, fc);
        if (fc[0] == null) {
            return null;
        }
        double[] sd = new double[h];
        for (int k = 0; k < h; k++) {
            sd[k] = Math.sqrt(f.sigma2 * fc[1][k]);
        }
        return Prediction.gaussian(fc[0], sd, levels);
    }

    /** y without its leading missing values (y itself when it starts with a value). */
    static double[] trimLeadingGaps(double[] y) {
        int first = 0;
        while (first < y.length && Double.isNaN(y[first])) {
            first++;
        }
        return first == 0 ? y : Arrays.copyOfRange(y, first, y.length);
    }

    /** The non-missing values of y in order (y itself when nothing is missing). */
    static double[] observed(double[] y) {
        int k = 0;
        for (double v : y) {
            if (!Double.isNaN(v)) {
                k++;
            }
        }
        if (k == y.length) {
            return y;
        }
        double[] out = new double[k];
        k = 0;
        for (double v : y) {
            if (!Double.isNaN(v)) {
                out[k++] = v;
            }
        }
        return out;
    }

    /** Coefficients δ_i (lag 1 first) with (1 − B)^d (1 − B^m)^D = 1 − Σ δ_i B^i. */
    static double[] differencing(int d, int sd, int m) {
        double[] poly = {1};
        for (int i = 0; i < d; i++) {
            poly = mul(poly, new double[] {1, -1});
        }
        for (int i = 0; i < sd; i++) {
            double[] s = new double[m + 1];
            s[0] = 1;
            s[m] = -1;
            poly = mul(poly, s);
        }
        double[] delta = new double[poly.length - 1];
        for (int i = 1; i < poly.length; i++) {
            delta[i - 1] = -poly[i];
        }
        return delta;
    }

    private static double[] multiplyAr(double[] phi, double[] delta) {
        double[] a = new double[phi.length + 1];
        a[0] = 1;
        for (int i = 0; i < phi.length; i++) {
            a[i + 1] = -phi[i];
        }
        double[] b = new double[delta.length + 1];
        b[0] = 1;
        for (int i = 0; i < delta.length; i++) {
            b[i + 1] = -delta[i];
        }
        double[] c = mul(a, b);
        double[] out = new double[c.length - 1];
        for (int i = 1; i < c.length; i++) {
            out[i - 1] = -c[i];
        }
        return out;
    }

    private static double[] mul(double[] a, double[] b) {
        double[] c = new double[a.length + b.length - 1];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                c[i + j] += a[i] * b[j];
            }
        }
        return c;
    }

    static double[] diff(double[] x, int lag) {
        double[] out = new double[Math.max(0, x.length - lag)];
        for (int t = lag; t < x.length; t++) {
            out[t - lag] = x[t] - x[t - lag];
        }
        return out;
    }

    /** KPSS level-stationarity statistic (urca ur.kpss type "mu", lag ⌊3√n/13⌋) above the 5% value 0.463. */
    static boolean kpssRejects(double[] x) {
        return kpss(x) > 0.463;
    }

    static double kpss(double[] x) {
        int n = x.length;
        double mean = Stats.mean(x);
        double[] e = new double[n];
        for (int t = 0; t < n; t++) {
            e[t] = x[t] - mean;
        }
        double s = 0;
        double eta = 0;
        for (int t = 0; t < n; t++) {
            s += e[t];
            eta += s * s;
        }
        eta /= (double) n * n;
        int l = (int) Math.floor(3 * Math.sqrt(n) / 13);
        double s2 = 0;
        for (double v : e) {
            s2 += v * v;
        }
        s2 /= n;
        for (int k = 1; k <= l; k++) {
            double g = 0;
            for (int t = k; t < n; t++) {
                g += e[t] * e[t - k];
            }
            s2 += 2.0 / n * (1 - k / (l + 1.0)) * g;
        }
        return s2 <= 0 ? 0 : eta / s2;
    }

    /**
     * Seasonal strength max(0, 1 − Var(R)/Var(R + S)) from a classical additive decomposition (R uses STL; same
     * 0.64 threshold).
     */
    static double seasonalStrength(double[] x, int m) {
        int n = x.length;
        double[] fig = Stats.seasonalFigure(x, m, false);
        double[] trend = Stats.movingAverage(x, m);
        double[] r = new double[n];
        double[] rs = new double[n];
        int k = 0;
        for (int t = 0; t < n; t++) {
            if (!Double.isNaN(trend[t])) {
                r[k] = x[t] - trend[t] - fig[t % m];
                rs[k] = x[t] - trend[t];
                k++;
            }
        }
        if (k < 3) {
            return 0;
        }
        double vr = variance(r, k);
        double vrs = variance(rs, k);
        return vrs == 0 ? 0 : Math.max(0, Math.min(1, 1 - vr / vrs));
    }

    private static double variance(double[] v, int k) {
        double m = 0;
        for (int i = 0; i < k; i++) {
            m += v[i];
        }
        m /= k;
        double s = 0;
        for (int i = 0; i < k; i++) {
            s += (v[i] - m) * (v[i] - m);
        }
        return s / (k - 1);
    }
}
