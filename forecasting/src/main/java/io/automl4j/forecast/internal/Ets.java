package io.automl4j.forecast.internal;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.optim.PointValuePair;

import java.util.Arrays;
import java.util.Random;

/**
 * Exponential smoothing in the innovations state-space framework of Hyndman, Koehler, Ord &amp; Snyder (2008),
 * following R's {@code forecast::ets()} (version 8.x) step by step: the same initial states ({@code initstate}:
 * classical decomposition of the whole series, regression on the first max(10, 2m) seasonally adjusted
 * points), the same starting parameters ({@code initparam}), "both" bounds (usual ∩ admissible, the latter with the
 * characteristic-polynomial test), the likelihood n·log Σe² (+ 2Σlog|ŷ| for multiplicative error), Nelder–Mead on
 * parameters and initial states together, AICc selection over all admissible models (additive error with a
 * multiplicative season excluded, multiplicative error only for positive data, no multiplicative trend).
 *
 * <p>Missing observations (NaN, FCST-R11) are skipped in the likelihood: at such a step the states move on with the
 * one-step prediction (error 0) and the step counts in neither Σe² nor n. The initial states are computed from the
 * linearly interpolated series, as they need complete seasons.
 */
final class Ets implements LocalModel.Univariate, LocalModel.MissingAware {
    static final double[] LOWER = {1e-4, 1e-4, 1e-4, 0.8};
    static final double[] UPPER = {0.9999, 0.9999, 0.9999, 0.98};
    private static final int MAX_EVAL = 2000;
    private static final double RELTOL = 1.4901161193847656e-8;
    private static final int SIMULATIONS = 1000;
    /** Restart Nelder–Mead once from its optimum (M3 quarterly sMAPE 9.75 → 9.71, R 9.68). */
    private static final boolean RESTART = true;

    /** A model type: error A/M, trend N/A (damped or not), season N/A/M. */
    record Spec(char error, char trend, boolean damped, char season) {
        @Override
        public String toString() {
            return "ETS(" + error + "," + trend + (damped ? "d" : "") + "," + season + ")";
        }
    }

    /** A fitted model. */
    static final class Fit {
        Spec spec;
        int m;
        double alpha;
        double beta;
        double gamma;
        double phi = 1;
        double lik;
        double aicc;
        double sigma2;
        double mse;
        /** final state: level, trend, seasonal s1 (most recent) … sm. */
        double l;
        double b;
        double[] s;
        int n;
        int npar;
    }

    @Override
    public Prediction forecast(double[] y, int h, int period, double[] levels, long seed) {
        double[] x = Stats.interpolate(y);
        if (Stats.isConstant(x)) {
            double[] mean = new double[h];
            Arrays.fill(mean, x[x.length - 1]);
            return Prediction.gaussian(mean, new double[h], levels);
        }
        Fit fit = auto(y, period);
        if (fit == null) {
            return null;
        }
        return predict(fit, h, levels, seed);
    }

    /** Fits every admissible model and returns the one with the smallest AICc, or null when none fits. */
    static Fit auto(double[] y, int m) {
        int n = y.length;
        boolean seasonalAllowed = m > 1 && m <= 24 && n >= 2 * m;
        boolean positive = Arrays.stream(y).filter(v -> !Double.isNaN(v)).min().orElse(0) > 0;
        Fit best = null;
        for (char error : new char[] {'A', 'M'}) {
            if (error == 'M' && !positive) {
                continue;
            }
            for (char trend : new char[] {'N', 'A'}) {
                for (char season : new char[] {'N', 'A', 'M'}) {
                    if (season != 'N' && !seasonalAllowed) {
                        continue;
                    }
                    if (error == 'A' && season == 'M') {
                        continue;
                    }
                    for (boolean damped : new boolean[] {true, false}) {
                        if (trend == 'N' && damped) {
                            continue;
                        }
                        Fit f = fit(y, new Spec(error, trend, damped, season), m, false);
                        if (f != null && Double.isFinite(f.aicc) && (best == null || f.aicc < best.aicc)) {
                            best = f;
                        }
                    }
                }
            }
        }
        return best;
    }

    /**
     * Fits one model type like R's {@code etsmodel()}.
     *
     * @param mseCriterion true to minimise the one-step MSE (as {@code ses()} does), false for the likelihood
     * @return the fit, or null when there are too few observations for its parameters
     */
    static Fit fit(double[] y, Spec spec, int period, boolean mseCriterion) {
        int m = spec.season == 'N' ? 1 : period;
        boolean trend = spec.trend != 'N';
        boolean season = spec.season != 'N';
        double[] lower = LOWER.clone();
        double[] upper = UPPER.clone();
        // initparam
        double alpha = lower[0] + 0.2 * (upper[0] - lower[0]) / m;
        if (alpha > 1 || alpha < 0) {
            alpha = lower[0] + 2e-3;
        }
        double[] par0 = new double[4];
        int np = 0;
        par0[np++] = alpha;
        if (trend) {
            double ub = Math.min(upper[1], alpha);
            double beta = lower[1] + 0.1 * (ub - lower[1]);
            if (beta < 0 || beta > alpha) {
                beta = alpha - 1e-3;
            }
            par0[np++] = beta;
        }
        if (season) {
            double ug = Math.min(upper[2], 1 - alpha);
            double gamma = lower[2] + 0.05 * (ug - lower[2]);
            if (gamma < 0 || gamma > 1 - alpha) {
                gamma = 1 - alpha - 1e-3;
            }
            par0[np++] = gamma;
        }
        if (spec.damped) {
            par0[np++] = lower[3] + 0.99 * (upper[3] - lower[3]);
        }
        int observed = observed(y);
        double[] init = initState(observed < y.length ? Stats.interpolate(y) : y, spec.trend, spec.season, m);
        if (init == null) {
            return null;
        }
        int nstate = init.length;
        int total = np + nstate;
        if (total >= observed - 1) {
            return null;
        }
        double[] start = new double[total];
        System.arraycopy(par0, 0, start, 0, np);
        System.arraycopy(init, 0, start, np, nstate);
        final int nParams = np;
        Workspace ws = new Workspace(m);
        PointValuePair opt = NelderMead.minimize(p -> objective(p, y, spec, m, nParams, mseCriterion, ws), start,
                RELTOL, MAX_EVAL);
        if (RESTART && Double.isFinite(opt.getValue())) {
            PointValuePair again = NelderMead.minimize(
                    q -> objective(q, y, spec, m, nParams, mseCriterion, ws), opt.getPoint(), RELTOL, MAX_EVAL);
            if (again.getValue() < opt.getValue()) {
                opt = again;
            }
        }
        double[] p = opt.getPoint();
        if (!Double.isFinite(opt.getValue())) {
            return null;
        }
        Fit f = new Fit();
        f.spec = spec;
        f.m = m;
        unpack(p, spec, f);
        double[] x0 = fullState(p, nParams, spec, m);
        double[] e = new double[y.length];
        Result r = calc(y, x0, spec, m, f.alpha, f.beta, f.gamma, f.phi, e, ws);
        if (!Double.isFinite(r.lik)) {
            return null;
        }
        f.lik = r.lik;
        f.l = ws.l;
        f.b = ws.b;
        f.s = ws.s.clone();
        f.n = observed;
        f.npar = total;
        int k = total + 1;
        int ny = observed;
        double aic = r.lik + 2 * k;
        f.aicc = ny - k - 1 > 0 ? aic + 2.0 * k * (k + 1) / (ny - k - 1) : Double.POSITIVE_INFINITY;
        double sse = 0;
        for (double v : e) {
            sse += Double.isNaN(v) ? 0 : v * v;
        }
        f.sigma2 = sse / Math.max(1, ny - total);
        f.mse = r.mse;
        return f;
    }

    /** @return the number of non-missing values */
    static int observed(double[] y) {
        int n = 0;
        for (double v : y) {
            n += Double.isNaN(v) ? 0 : 1;
        }
        return n;
    }

    private static void unpack(double[] p, Spec spec, Fit f) {
        int i = 0;
        f.alpha = p[i++];
        f.beta = spec.trend != 'N' ? p[i++] : 0;
        f.gamma = spec.season != 'N' ? p[i++] : 0;
        f.phi = spec.damped ? p[i++] : 1;
    }

    /** Initial state with the last seasonal term completed so the season sums to 0 (A) or m (M). */
    private static double[] fullState(double[] p, int nParams, Spec spec, int m) {
        int nstate = p.length - nParams;
        double[] x = new double[nstate + (spec.season != 'N' ? 1 : 0)];
        System.arraycopy(p, nParams, x, 0, nstate);
        if (spec.season != 'N') {
            int first = spec.trend != 'N' ? 2 : 1;
            double sum = 0;
            for (int i = first; i < nstate; i++) {
                sum += x[i];
            }
            x[nstate] = (spec.season == 'M' ? m : 0) - sum;
        }
        return x;
    }

    private static double objective(double[] p, double[] y, Spec spec, int m, int nParams, boolean mse,
                                    Workspace ws) {
        int i = 0;
        double alpha = p[i++];
        double beta = spec.trend != 'N' ? p[i++] : 0;
        double gamma = spec.season != 'N' ? p[i++] : 0;
        double phi = spec.damped ? p[i++] : 1;
        if (!checkParams(alpha, beta, gamma, phi, spec, m)) {
            return Double.POSITIVE_INFINITY;
        }
        double[] x0 = fullState(p, nParams, spec, m);
        if (spec.season == 'M') {
            int first = spec.trend != 'N' ? 2 : 1;
            for (int k = first; k < x0.length; k++) {
                if (x0[k] < 0) {
                    return Double.POSITIVE_INFINITY;
                }
            }
        }
        Result r = calc(y, x0, spec, m, alpha, beta, gamma, phi, null, ws);
        double lik = r.lik;
        if (Double.isNaN(lik)) {
            return Double.POSITIVE_INFINITY;
        }
        if (lik < -1e10) {
            lik = -1e10;
        }
        return mse ? r.mse : lik;
    }

    /** R's {@code check.param} with bounds = "both". */
    static boolean checkParams(double alpha, double beta, double gamma, double phi, Spec spec, int m) {
        if (alpha < LOWER[0] || alpha > UPPER[0]) {
            return false;
        }
        if (spec.trend != 'N' && (beta < LOWER[1] || beta > alpha || beta > UPPER[1])) {
            return false;
        }
        if (spec.damped && (phi < LOWER[3] || phi > UPPER[3])) {
            return false;
        }
        if (spec.season != 'N' && (gamma < LOWER[2] || gamma > 1 - alpha || gamma > UPPER[2])) {
            return false;
        }
        return admissible(alpha, spec.trend != 'N' ? beta : Double.NaN, spec.season != 'N' ? gamma : Double.NaN,
                phi, m);
    }

    /** R's {@code admissible()}: stability/forecastability region, with the characteristic-polynomial test. */
    static boolean admissible(double alpha, double beta, double gamma, double phi, int m) {
        if (phi < 0 || phi > 1 + 1e-8) {
            return false;
        }
        if (Double.isNaN(gamma)) {
            if (alpha < 1 - 1 / phi || alpha > 1 + 1 / phi) {
                return false;
            }
            if (!Double.isNaN(beta) && (beta < alpha * (phi - 1) || beta > (1 + phi) * (2 - alpha))) {
                return false;
            }
            return true;
        }
        if (m > 1) {
            double bt = Double.isNaN(beta) ? 0 : beta;
            if (gamma < Math.max(1 - 1 / phi - alpha, 0) || gamma > 1 + 1 / phi - alpha) {
                return false;
            }
            if (alpha < 1 - 1 / phi - gamma * (1 - m + phi + phi * m) / (2 * phi * m)) {
                return false;
            }
            if (bt < -(1 - phi) * (gamma / m + alpha)) {
                return false;
            }
            double[] poly = new double[m + 2];
            poly[0] = phi * (1 - alpha - gamma);
            poly[1] = alpha + bt - alpha * phi + gamma - 1;
            for (int k = 2; k < m; k++) {
                poly[k] = alpha + bt - alpha * phi;
            }
            poly[m] = alpha + bt - phi;
            poly[m + 1] = 1;
            return rootsWithin(poly, 1 + 1e-10);
        }
        return true;
    }

    /**
     * Schur–Cohn test: true when every root of Σ c_k z^k (increasing order) has modulus &lt; radius. Allocation-light
     * replacement of R's {@code max(abs(polyroot(P))) &lt;= radius} on the hot path of the optimiser.
     */
    static boolean rootsWithin(double[] c, double radius) {
        int d = c.length - 1;
        double[] a = new double[d + 1];
        double r = 1;
        for (int k = 0; k <= d; k++) {
            a[k] = c[k] * r;
            r *= radius;
        }
        while (d > 0) {
            double a0 = a[0];
            double ad = a[d];
            if (Math.abs(a0) >= Math.abs(ad)) {
                return false;
            }
            double[] t = new double[d];
            for (int k = 0; k < d; k++) {
                t[k] = ad * a[k + 1] - a0 * a[d - 1 - k];
            }
            d--;
            System.arraycopy(t, 0, a, 0, d + 1);
            double scale = Math.abs(a[d]);
            if (scale == 0 || !Double.isFinite(scale)) {
                return false;
            }
            for (int k = 0; k <= d; k++) {
                a[k] /= scale;
            }
        }
        return true;
    }

    /**
     * Largest modulus of the roots of Σ c_k z^k (coefficients in increasing order, leading one non-zero), as the
     * eigenvalues of the companion matrix; +∞ when the decomposition fails.
     */
    static double maxRootModulus(double[] c) {
        int d = c.length - 1;
        double lead = c[d];
        double[][] comp = new double[d][d];
        for (int j = 0; j < d; j++) {
            comp[0][j] = -c[d - 1 - j] / lead;
        }
        for (int i = 1; i < d; i++) {
            comp[i][i - 1] = 1;
        }
        try {
            EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(comp, false));
            double[] re = eig.getRealEigenvalues();
            double[] im = eig.getImagEigenvalues();
            double max = 0;
            for (int i = 0; i < re.length; i++) {
                max = Math.max(max, Math.hypot(re[i], im[i]));
            }
            return max;
        } catch (RuntimeException e) {
            return Double.POSITIVE_INFINITY;
        }
    }

    /** Work arrays reused across objective evaluations of one fit. */
    static final class Workspace {
        double l;
        double b;
        double[] s;
        final double[] olds;

        Workspace(int m) {
            s = new double[m];
            olds = new double[m];
        }
    }

    record Result(double lik, double mse) {
    }

    /**
     * R's {@code etscalc}: runs the filter, returns n·log Σe² (+2Σlog|ŷ| for M error) and the one-step MSE. The
     * seasonal states live in a ring buffer (slot {@code pos} = the state from m steps back); the final state is
     * written to {@code ws} in R's order (s1 = most recent). A missing y (NaN) is skipped: the states follow the
     * prediction (error 0), the step adds nothing to the sums and n counts observed steps only (FCST-R11); its
     * {@code eOut} entry is NaN.
     */
    static Result calc(double[] y, double[] x0, Spec spec, int m, double alpha, double beta, double gamma,
                       double phi, double[] eOut, Workspace ws) {
        boolean trend = spec.trend != 'N';
        char season = spec.season;
        boolean multError = spec.error == 'M';
        double l = x0[0];
        double b = trend ? x0[1] : 0;
        double[] ring = ws.olds;
        int pos = 0;
        if (season != 'N') {
            int off = trend ? 2 : 1;
            // ring[k] holds s_{m-k}: slot 0 = s_m (oldest)
            for (int k = 0; k < m; k++) {
                ring[k] = x0[off + m - 1 - k];
            }
        }
        double sumE2 = 0;
        double sumLogF = 0;
        double prodF = 1;
        double sumSq = 0;
        double betaOverAlpha = beta / alpha;
        int n = y.length;
        int observed = 0;
        for (int i = 0; i < n; i++) {
            double yi = y[i];
            double oldl = l;
            double phib = trend ? phi * b : 0;
            double q = oldl + phib;
            double f;
            double sm = 0;
            if (season == 'N') {
                f = q;
            } else {
                sm = ring[pos];
                f = season == 'A' ? q + sm : q * sm;
            }
            if (Double.isNaN(yi)) {
                // missing: y = ŷ, so level = q, trend = φb, the seasonal state unchanged
                if (eOut != null) {
                    eOut[i] = Double.NaN;
                }
                l = q;
                b = phib;
                if (season != 'N') {
                    pos = pos + 1 == m ? 0 : pos + 1;
                }
                continue;
            }
            observed++;
            double err = yi - f;
            double e = multError ? err / f : err;
            if (eOut != null) {
                eOut[i] = e;
            }
            sumSq += err * err;
            double p;
            if (season == 'N') {
                p = yi;
            } else if (season == 'A') {
                p = yi - sm;
            } else {
                p = Math.abs(sm) < 1e-10 ? 1e10 : yi / sm;
            }
            l = q + alpha * (p - q);
            if (trend) {
                b = phib + betaOverAlpha * (l - oldl - phib);
            }
            if (season != 'N') {
                double t;
                if (season == 'A') {
                    t = yi - q;
                } else {
                    t = Math.abs(q) < 1e-10 ? 1e10 : yi / q;
                }
                ring[pos] = sm + gamma * (t - sm);
                pos = pos + 1 == m ? 0 : pos + 1;
            }
            sumE2 += e * e;
            if (multError) {
                prodF *= Math.abs(f);
                if (prodF > 1e100 || prodF < 1e-100) {
                    sumLogF += Math.log(prodF);
                    prodF = 1;
                }
            }
        }
        ws.l = l;
        ws.b = b;
        if (season != 'N') {
            // s_k (k = 1 … m, 1 = most recent) is the slot k − 1 positions before pos
            for (int k = 0; k < m; k++) {
                ws.s[k] = ring[Math.floorMod(pos - 1 - k, m)];
            }
        }
        double lik = observed * Math.log(sumE2);
        if (multError) {
            lik += 2 * (sumLogF + Math.log(prodF));
        }
        return new Result(lik, sumSq / observed);
    }

    /** R's {@code initstate()}: level, trend, and s1 … s(m−1) (the last seasonal term is implied). */
    static double[] initState(double[] y, char trendType, char seasonType, int m) {
        int n = y.length;
        double[] ysa;
        double[] initSeas = null;
        if (seasonType != 'N') {
            if (n < 4) {
                return null;
            }
            double[] seasonal = new double[n];
            if (n < 3 * m) {
                double[] coef = fourierTrendFit(y, m);
                if (coef == null) {
                    return null;
                }
                for (int t = 0; t < n; t++) {
                    double trendPart = coef[0] + coef[1] * (t + 1);
                    seasonal[t] = seasonType == 'A' ? y[t] - trendPart : y[t] / trendPart;
                }
            } else {
                double[] fig = Stats.seasonalFigure(y, m, seasonType == 'M');
                for (int t = 0; t < n; t++) {
                    seasonal[t] = fig[t % m];
                }
            }
            initSeas = new double[m - 1];
            for (int k = 0; k < m - 1; k++) {
                initSeas[k] = seasonal[m - 1 - k];
            }
            ysa = new double[n];
            if (seasonType == 'A') {
                for (int t = 0; t < n; t++) {
                    ysa[t] = y[t] - seasonal[t];
                }
            } else {
                double sum = 0;
                for (int k = 0; k < m - 1; k++) {
                    initSeas[k] = Math.max(initSeas[k], 1e-2);
                    sum += initSeas[k];
                }
                if (sum > m) {
                    double denom = sum + 1e-2 * (m - 1);
                    for (int k = 0; k < m - 1; k++) {
                        initSeas[k] /= denom;
                    }
                }
                for (int t = 0; t < n; t++) {
                    ysa[t] = y[t] / Math.max(seasonal[t], 1e-2);
                }
            }
        } else {
            m = 1;
            ysa = y;
        }
        int maxn = Math.min(Math.max(10, 2 * m), n);
        double l0;
        double b0 = 0;
        if (trendType == 'N') {
            double s = 0;
            for (int t = 0; t < maxn; t++) {
                s += ysa[t];
            }
            l0 = s / maxn;
        } else {
            double[] ab = Stats.ols(ysa, maxn); // intercept at t = 0 ↔ R's x = 1
            b0 = ab[1];
            l0 = ab[0] - ab[1];
            if (Math.abs(l0 + b0) < 1e-8) {
                l0 *= 1 + 1e-3;
                b0 *= 1 - 1e-3;
            }
        }
        int size = 1 + (trendType != 'N' ? 1 : 0) + (initSeas == null ? 0 : initSeas.length);
        double[] out = new double[size];
        int i = 0;
        out[i++] = l0;
        if (trendType != 'N') {
            out[i++] = b0;
        }
        if (initSeas != null) {
            System.arraycopy(initSeas, 0, out, i, initSeas.length);
        }
        return out;
    }

    /** tslm(y ~ trend + fourier(y, 1)): returns intercept and trend coefficient (trend = 1..n). */
    private static double[] fourierTrendFit(double[] y, int m) {
        int n = y.length;
        boolean withSin = m > 2;
        int k = withSin ? 4 : 3;
        double[][] x = new double[n][k];
        for (int t = 0; t < n; t++) {
            double ang = 2 * Math.PI * (t + 1) / m;
            x[t][0] = 1;
            x[t][1] = t + 1;
            int c = 2;
            if (withSin) {
                x[t][c++] = Math.sin(ang);
            }
            x[t][c] = Math.cos(ang);
        }
        try {
            double[] beta = new QRDecomposition(new Array2DRowRealMatrix(x, false)).getSolver()
                    .solve(new ArrayRealVector(y)).toArray();
            return beta;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Point forecasts as forecast's C {@code forecast()} function. */
    static double[] pointForecast(Fit f, int h) {
        double[] out = new double[h];
        double phistar = f.phi;
        int m = f.m;
        for (int i = 0; i < h; i++) {
            double v = f.spec.trend == 'N' ? f.l : f.l + phistar * f.b;
            if (f.spec.season != 'N') {
                int j = m - 1 - i;
                while (j < 0) {
                    j += m;
                }
                v = f.spec.season == 'A' ? v + f.s[j] : v * f.s[j];
            }
            out[i] = v;
            if (i < h - 1) {
                phistar += Math.abs(f.phi - 1) < 1e-10 ? 1.0 : Math.pow(f.phi, i + 1);
            }
        }
        return out;
    }

    /** Mean and quantiles: analytic (class 1) for additive error without multiplicative season, simulated else. */
    static Prediction predict(Fit f, int h, double[] levels, long seed) {
        double[] mean = pointForecast(f, h);
        if (f.spec.error == 'A' && f.spec.season != 'M') {
            double[] sd = classOneSd(f, h);
            return Prediction.gaussian(mean, sd, levels);
        }
        return simulate(f, h, levels, seed, mean);
    }

    /** Var(h) = σ²(1 + Σ_{j&lt;h} c_j²), c_j = H F^{j−1} G (Hyndman et al. 2008, class 1). */
    static double[] classOneSd(Fit f, int h) {
        boolean trend = f.spec.trend != 'N';
        boolean season = f.spec.season != 'N';
        int m = season ? f.m : 0;
        int p = 1 + (trend ? 1 : 0) + m;
        double[] v = new double[p];
        v[0] = f.alpha;
        if (trend) {
            v[1] = f.beta;
        }
        if (season) {
            v[trend ? 2 : 1] = f.gamma;
        }
        double[] sd = new double[h];
        double cum = 0;
        int so = trend ? 2 : 1;
        for (int j = 0; j < h; j++) {
            sd[j] = Math.sqrt(f.sigma2 * (1 + cum));
            // c_{j+1} = H v ; H = [1, phi, 0 … 0, 1]
            double c = v[0] + (trend ? f.phi * v[1] : 0) + (season ? v[so + m - 1] : 0);
            cum += c * c;
            // v = F v
            double[] nv = new double[p];
            nv[0] = v[0] + (trend ? f.phi * v[1] : 0);
            if (trend) {
                nv[1] = f.phi * v[1];
            }
            if (season) {
                nv[so] = v[so + m - 1];
                for (int k = 1; k < m; k++) {
                    nv[so + k] = v[so + k - 1];
                }
            }
            v = nv;
        }
        return sd;
    }

    private static Prediction simulate(Fit f, int h, double[] levels, long seed, double[] mean) {
        Random rng = new Random(seed);
        double sigma = Math.sqrt(f.sigma2);
        double[][] paths = new double[h][SIMULATIONS];
        int m = f.m;
        double[] s = new double[Math.max(1, m)];
        double[] olds = new double[s.length];
        boolean trend = f.spec.trend != 'N';
        char season = f.spec.season;
        for (int k = 0; k < SIMULATIONS; k++) {
            double l = f.l;
            double b = f.b;
            if (season != 'N') {
                System.arraycopy(f.s, 0, s, 0, m);
            }
            for (int t = 0; t < h; t++) {
                double phib = trend ? f.phi * b : 0;
                double q = l + phib;
                double sm = season == 'N' ? 0 : s[m - 1];
                double fc = season == 'N' ? q : season == 'A' ? q + sm : q * sm;
                double e = rng.nextGaussian() * sigma;
                double yv = f.spec.error == 'A' ? fc + e : fc * (1 + e);
                paths[t][k] = yv;
                double pv = season == 'N' ? yv : season == 'A' ? yv - sm : (Math.abs(sm) < 1e-10 ? 1e10 : yv / sm);
                double oldl = l;
                l = q + f.alpha * (pv - q);
                if (trend) {
                    b = phib + (f.beta / f.alpha) * (l - oldl - phib);
                }
                if (season != 'N') {
                    double tt = season == 'A' ? yv - q : (Math.abs(q) < 1e-10 ? 1e10 : yv / q);
                    System.arraycopy(s, 0, olds, 0, m);
                    s[0] = olds[m - 1] + f.gamma * (tt - olds[m - 1]);
                    System.arraycopy(olds, 0, s, 1, m - 1);
                }
            }
        }
        double[][] q = new double[levels.length][h];
        for (int t = 0; t < h; t++) {
            Arrays.sort(paths[t]);
            for (int i = 0; i < levels.length; i++) {
                q[i][t] = Stats.quantileSorted(paths[t], levels[i]);
            }
        }
        return new Prediction(mean, q);
    }
}
