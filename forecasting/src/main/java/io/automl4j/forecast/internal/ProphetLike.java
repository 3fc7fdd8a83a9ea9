package io.automl4j.forecast.internal;

import io.automl4j.forecast.Frequency;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.NonSymmetricMatrixException;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.apache.commons.math3.random.RandomDataGenerator;
import org.apache.commons.math3.random.Well19937c;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A Prophet-style additive model (FCST-R10, Taylor &amp; Letham 2018, linear growth), fitted by MAP.
 *
 * <p><b>Model</b>, on y scaled by s = max|y| (1 when all zero) and time t<sub>i</sub> = i/(n−1) (0 at the first and
 * 1 at the last history step; future steps continue past 1):
 * <pre>
 *   y_i / s = m + k·t_i + Σ_j δ_j·(t_i − c_j)₊ + Σ β·fourier(t_i) + Σ γ·holiday(t_i) + ε_i,   ε_i ~ N(0, σ²)
 * </pre>
 * <ul>
 *   <li>trend: up to 25 potential changepoints c_j at the history steps round(j·(H−1)/S), j = 1..S, H = ⌊0.8·n⌋,
 *       S = min(25, H − 1) (as Prophet: evenly over the first 80% of the history);</li>
 *   <li>seasonality: Fourier pairs sin/cos(2πk·phase), k = 1..K, of the calendar phase of each bucket label —
 *       yearly (fraction of the calendar year elapsed; order 10), weekly (fraction of the Monday-based week; order 3)
 *       and daily (fraction of the day; order 4). A seasonality is used only when its period P in steps is above 2
 *       and the history holds at least 2·P steps; its order is capped at ⌊P/2⌋ (monthly data: yearly order 6,
 *       quarterly: 2). The job's {@code seasonalPeriod} is not used: the periods come from the calendar;</li>
 *   <li>holidays (when the job has a {@code holidayCountry}): the {@link HolidayFeatures} columns that are non-zero
 *       somewhere in the history — for daily and finer data the is-holiday indicator (an effect shared by all holidays:
 *       with the Gaussian prior it takes part of each holiday's effect, so a holiday first seen in the forecast range
 *       still gets that shared part) and one indicator per holiday name; for
 *       coarser data the count of holiday dates in the bucket;</li>
 *   <li>regressors (Prophet's {@code add_regressor}): each numeric known covariate of the series
 *       ({@link TimeAxis#regressors}), standardised by its history mean and standard deviation unless it only takes
 *       the values 0 and 1 there (Prophet's {@code standardize='auto'}); a column that is constant over the history or
 *       not finite somewhere is left out (its effect cannot be estimated).</li>
 * </ul>
 * Priors (Prophet's defaults): m, k ~ N(0, 5²); δ_j ~ Laplace(0, 0.05); β ~ N(0, 10²); γ ~ N(0, 10²); regressor
 * coefficients ~ N(0, 10²); σ ~ half-N(0, 0.5²).
 *
 * <p><b>What is solved</b> (MAP): minimise over θ = (m, k, δ, β, γ) and σ &gt; 0
 * <pre>
 *   J = n·ln σ + ‖y/s − Xθ‖² / (2σ²) + Σ_j √(δ_j² + ε²) / 0.05 + (m² + k²)/(2·25) + Σ (β² + γ²)/(2·100) + σ²/(2·0.25)
 * </pre>
 * with ε = 1e−6 (the L1 term smoothed so that it is differentiable; the difference to |δ| is at most ε per
 * changepoint). Block-coordinate majorise–minimise (iteratively reweighted least squares): given σ the quadratic
 * majoriser of the smoothed L1 term at the current δ, √(δ₀² + ε²) + (δ² − δ₀²)/(2√(δ₀² + ε²)), turns the θ step into
 * the linear system (XᵀX + σ²·D)θ = Xᵀy/s with D = diag(1/25, 1/25, 1/(0.05·√(δ₀,j² + ε²)), 1/100, …), solved by
 * commons-math's Cholesky decomposition (SVD when it is numerically singular); given θ, σ² has the closed form
 * 2·RSS / (n + √(n² + 16·RSS)) (root of n·σ² − RSS + 4σ⁴ = 0), floored at 1e−10. Each step does not increase J;
 * iterations stop when J changes by less than 1e−10·(1 + |J|), at most 500. The start is the ridge solution with the
 * Laplace prior replaced by a Gaussian of equal variance (2·0.05²) and σ² = var(y/s).
 *
 * <p><b>Forecast</b>: the mean is the point forecast Xθ·s over the horizon (trend extrapolated with the last rate).
 * Quantiles are empirical over 200 seeded sample paths (Prophet's {@code sample_predictive_trend}): each path draws a
 * Poisson(S·(T − 1)) number of future changepoints (S per unit of history time), placed uniformly in (1, T], T = the
 * last forecast time, each with a rate change ~ Laplace(0, mean_j |δ_j|), added to the trend, plus N(0, σ²) noise.
 */
final class ProphetLike implements LocalModel {
    static final int CHANGEPOINTS = 25;
    static final double CHANGEPOINT_RANGE = 0.8;
    static final double CHANGEPOINT_PRIOR_SCALE = 0.05;
    static final double SEASONALITY_PRIOR_SCALE = 10;
    static final double HOLIDAYS_PRIOR_SCALE = 10;
    /** Prior scale of regressor coefficients (Prophet's default: the holidays' prior scale). */
    static final double REGRESSORS_PRIOR_SCALE = 10;
    /** Design-column name prefix of regressor c: {@code "regressor:" + c} (c = index in the job's numeric columns). */
    static final String REGRESSOR_PREFIX = "regressor:";
    static final double TREND_PRIOR_SD = 5;
    static final double SIGMA_PRIOR_SD = 0.5;
    static final int YEARLY_ORDER = 10;
    static final int WEEKLY_ORDER = 3;
    static final int DAILY_ORDER = 4;
    static final int PATHS = 200;
    static final double L1_SMOOTHING = 1e-6;
    static final int MAX_ITERATIONS = 500;
    static final double TOLERANCE = 1e-10;
    static final double SIGMA2_FLOOR = 1e-10;

    private static final double YEAR_DAYS = 365.2425;

    @Override
    public Prediction forecast(double[] y, TimeAxis axis, int h, int period, double[] levels, long seed) {
        if (axis == null) {
            throw new IllegalArgumentException("PROPHET_LIKE needs the series' timestamps (a time axis); none given");
        }
        return fit(y, axis, h).predict(levels, seed);
    }

    /** Kind of a design column, which sets its prior. */
    enum Kind {
        INTERCEPT, SLOPE, CHANGEPOINT, SEASONALITY, HOLIDAY, REGRESSOR
    }

    /** The design matrix over history and horizon. */
    static final class Design {
        final int n;
        final int h;
        final double[][] x;          // [n + h][p]
        final double[] t;            // scaled time of each row
        final List<String> names = new ArrayList<>();
        final List<Kind> kinds = new ArrayList<>();
        int changepoints;

        private Design(int n, int h) {
            this.n = n;
            this.h = h;
            this.x = new double[n + h][];
            this.t = new double[n + h];
        }

        int p() {
            return names.size();
        }

        static Design of(int n, int h, TimeAxis axis) {
            Design d = new Design(n, h);
            List<double[]> cols = new ArrayList<>();
            double span = Math.max(1, n - 1);
            for (int i = 0; i < n + h; i++) {
                d.t[i] = i / span;
            }
            d.add(cols, "intercept", Kind.INTERCEPT, fill(n + h, 1.0));
            d.add(cols, "slope", Kind.SLOPE, d.t.clone());
            int hist = (int) Math.floor(n * CHANGEPOINT_RANGE);
            int s = Math.max(0, Math.min(CHANGEPOINTS, hist - 1));
            for (int j = 1; j <= s; j++) {
                int idx = (int) Math.rint(j * (hist - 1) / (double) s);
                double c = d.t[idx];
                double[] col = new double[n + h];
                for (int i = 0; i < n + h; i++) {
                    col[i] = Math.max(0, d.t[i] - c);
                }
                d.add(cols, "changepoint@" + idx, Kind.CHANGEPOINT, col);
            }
            d.changepoints = s;
            LocalDateTime[] ts = new LocalDateTime[n + h];
            for (int i = 0; i < n + h; i++) {
                ts[i] = axis.at(i);
            }
            double step = stepDays(axis.frequency());
            seasonality(d, cols, ts, "yearly", YEAR_DAYS / step, YEARLY_ORDER, 0);
            seasonality(d, cols, ts, "weekly", 7 / step, WEEKLY_ORDER, 1);
            seasonality(d, cols, ts, "daily", 1 / step, DAILY_ORDER, 2);
            if (axis.holidayCountry() != null) {
                HolidayFeatures hf = HolidayFeatures.forSteps(axis.holidayCountry(), axis.start(), n + h,
                        axis.frequency());
                for (int j = 0; j < hf.size(); j++) {
                    boolean seen = false;
                    for (int i = 0; i < n && !seen; i++) {
                        seen = hf.value(j, i) != 0;
                    }
                    if (seen) {
                        d.add(cols, hf.names().get(j), Kind.HOLIDAY, hf.column(j));
                    }
                }
            }
            for (int c = 0; c < axis.regressors().length; c++) {
                double[] col = regressor(axis.regressors()[c], n, h);
                if (col != null) {
                    d.add(cols, REGRESSOR_PREFIX + c, Kind.REGRESSOR, col);
                }
            }
            int p = cols.size();
            for (int i = 0; i < n + h; i++) {
                double[] row = new double[p];
                for (int j = 0; j < p; j++) {
                    row[j] = cols.get(j)[i];
                }
                d.x[i] = row;
            }
            return d;
        }

        /**
         * The design column of a regressor over n + h steps: raw when its history values are all 0 or 1, else
         * standardised by the history mean and (population) standard deviation; null when the values do not cover
         * n + h steps, are not finite, or are constant over the history.
         */
        private static double[] regressor(double[] x, int n, int h) {
            if (x.length < n + h) {
                return null;
            }
            double mean = 0;
            boolean binary = true;
            for (int i = 0; i < n + h; i++) {
                if (!Double.isFinite(x[i])) {
                    return null;
                }
                if (i < n) {
                    mean += x[i] / n;
                    binary &= x[i] == 0 || x[i] == 1;
                }
            }
            double var = 0;
            for (int i = 0; i < n; i++) {
                var += (x[i] - mean) * (x[i] - mean) / n;
            }
            double sd = Math.sqrt(var);
            if (!(sd > 1e-12 * Math.max(1, Math.abs(mean)))) {
                return null;
            }
            double[] col = new double[n + h];
            for (int i = 0; i < n + h; i++) {
                col[i] = binary ? x[i] : (x[i] - mean) / sd;
            }
            return col;
        }

        private void add(List<double[]> cols, String name, Kind kind, double[] col) {
            cols.add(col);
            names.add(name);
            kinds.add(kind);
        }

        /** Adds the Fourier pairs of one seasonality when its period in steps is above 2 and fits twice. */
        private static void seasonality(Design d, List<double[]> cols, LocalDateTime[] ts, String name,
                                        double periodSteps, int order, int which) {
            if (periodSteps <= 2 + 1e-9 || d.n < 2 * periodSteps - 1e-9) {
                return;
            }
            int k = Math.min(order, (int) Math.floor(periodSteps / 2 + 1e-9));
            double[] phase = new double[ts.length];
            for (int i = 0; i < ts.length; i++) {
                phase[i] = phase(ts[i], which);
            }
            for (int j = 1; j <= k; j++) {
                double[] sin = new double[ts.length];
                double[] cos = new double[ts.length];
                for (int i = 0; i < ts.length; i++) {
                    double a = 2 * Math.PI * j * phase[i];
                    sin[i] = Math.sin(a);
                    cos[i] = Math.cos(a);
                }
                d.add(cols, name + "_sin" + j, Kind.SEASONALITY, sin);
                d.add(cols, name + "_cos" + j, Kind.SEASONALITY, cos);
            }
        }
    }

    /** Calendar phase in [0, 1): 0 = fraction of the year, 1 = of the Monday-based week, 2 = of the day. */
    static double phase(LocalDateTime ts, int which) {
        double dayFraction = ts.toLocalTime().toSecondOfDay() / 86400.0;
        return switch (which) {
            case 0 -> (ts.getDayOfYear() - 1 + dayFraction) / ts.toLocalDate().lengthOfYear();
            case 1 -> (ts.getDayOfWeek().getValue() - 1 + dayFraction) / 7;
            default -> dayFraction;
        };
    }

    /** Mean length of one step in days. */
    static double stepDays(Frequency f) {
        double unit = switch (f.unit()) {
            case MINUTE -> 1 / 1440.0;
            case HOUR -> 1 / 24.0;
            case DAY -> 1;
            case WEEK -> 7;
            case MONTH -> YEAR_DAYS / 12;
            case QUARTER -> YEAR_DAYS / 4;
            case YEAR -> YEAR_DAYS;
        };
        return unit * f.multiplier();
    }

    private static double[] fill(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    /** The MAP fit. */
    static final class Fit {
        final Design design;
        final double scale;
        final double[] theta;
        final double sigma2;
        final int iterations;

        Fit(Design design, double scale, double[] theta, double sigma2, int iterations) {
            this.design = design;
            this.scale = scale;
            this.theta = theta;
            this.sigma2 = sigma2;
            this.iterations = iterations;
        }

        /** @return the coefficient of a named column (in units of y), NaN when the column is absent */
        double coefficient(String name) {
            int j = design.names.indexOf(name);
            return j < 0 ? Double.NaN : theta[j] * scale;
        }

        /** @return the fitted (i &lt; n) or forecast (i ≥ n) mean of row i, in units of y */
        double mean(int i) {
            double v = 0;
            double[] row = design.x[i];
            for (int j = 0; j < row.length; j++) {
                v += row[j] * theta[j];
            }
            return v * scale;
        }

        Prediction predict(double[] levels, long seed) {
            int n = design.n;
            int h = design.h;
            double[] mean = new double[h];
            for (int k = 0; k < h; k++) {
                mean[k] = mean(n + k);
            }
            int s = design.changepoints;
            double lambda = 0;
            for (int j = 0; j < design.p(); j++) {
                if (design.kinds.get(j) == Kind.CHANGEPOINT) {
                    lambda += Math.abs(theta[j]);
                }
            }
            lambda = s > 0 ? lambda / s + 1e-8 : 0;
            double tEnd = design.t[n + h - 1];
            double rate = s * (tEnd - 1);
            double sigma = Math.sqrt(sigma2);
            RandomDataGenerator rng = new RandomDataGenerator(new Well19937c(seed));
            double[][] paths = new double[h][PATHS];
            for (int path = 0; path < PATHS; path++) {
                int changes = rate > 0 && lambda > 0 ? (int) rng.nextPoisson(rate) : 0;
                double[] at = new double[changes];
                double[] delta = new double[changes];
                for (int c = 0; c < changes; c++) {
                    at[c] = 1 + rng.nextUniform(0, 1) * (tEnd - 1);
                    double u = rng.nextUniform(0, 1);
                    delta[c] = u < 0.5 ? lambda * Math.log(2 * u) : -lambda * Math.log(2 - 2 * u);
                }
                for (int k = 0; k < h; k++) {
                    double tk = design.t[n + k];
                    double v = mean[k] / scale;
                    for (int c = 0; c < changes; c++) {
                        v += delta[c] * Math.max(0, tk - at[c]);
                    }
                    v += sigma * rng.nextGaussian(0, 1);
                    paths[k][path] = v * scale;
                }
            }
            double[][] q = new double[levels.length][h];
            for (int k = 0; k < h; k++) {
                Arrays.sort(paths[k]);
                for (int i = 0; i < levels.length; i++) {
                    q[i][k] = Stats.quantileSorted(paths[k], levels[i]);
                }
            }
            return new Prediction(mean, q);
        }
    }

    /**
     * @param y    history, no NaN, length ≥ 2
     * @param axis calendar position and holiday calendar
     * @param h    steps to forecast
     * @return the MAP fit (see the class comment for the objective)
     */
    static Fit fit(double[] y, TimeAxis axis, int h) {
        int n = y.length;
        if (n < 2) {
            throw new IllegalArgumentException("PROPHET_LIKE needs at least 2 points, got " + n);
        }
        Design d = Design.of(n, h, axis);
        int p = d.p();
        double scale = 0;
        for (double v : y) {
            scale = Math.max(scale, Math.abs(v));
        }
        if (scale == 0) {
            scale = 1;
        }
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            ys[i] = y[i] / scale;
        }
        // normal equations of the history rows
        double[][] g = new double[p][p];
        double[] b = new double[p];
        double yy = 0;
        for (int i = 0; i < n; i++) {
            double[] row = d.x[i];
            for (int a = 0; a < p; a++) {
                double ra = row[a];
                if (ra == 0) {
                    continue;
                }
                b[a] += ra * ys[i];
                for (int c = a; c < p; c++) {
                    g[a][c] += ra * row[c];
                }
            }
            yy += ys[i] * ys[i];
        }
        for (int a = 0; a < p; a++) {
            for (int c = 0; c < a; c++) {
                g[a][c] = g[c][a];
            }
        }
        double[] gaussPrecision = new double[p];
        boolean[] laplace = new boolean[p];
        for (int j = 0; j < p; j++) {
            gaussPrecision[j] = switch (d.kinds.get(j)) {
                case INTERCEPT, SLOPE -> 1 / (TREND_PRIOR_SD * TREND_PRIOR_SD);
                case SEASONALITY -> 1 / (SEASONALITY_PRIOR_SCALE * SEASONALITY_PRIOR_SCALE);
                case HOLIDAY -> 1 / (HOLIDAYS_PRIOR_SCALE * HOLIDAYS_PRIOR_SCALE);
                case REGRESSOR -> 1 / (REGRESSORS_PRIOR_SCALE * REGRESSORS_PRIOR_SCALE);
                case CHANGEPOINT -> 0;
            };
            laplace[j] = d.kinds.get(j) == Kind.CHANGEPOINT;
        }
        double mu = Stats.mean(ys);
        double s2 = 0;
        for (double v : ys) {
            s2 += (v - mu) * (v - mu);
        }
        s2 = Math.max(SIGMA2_FLOOR, s2 / n);
        double[] precision = new double[p];
        for (int j = 0; j < p; j++) {
            precision[j] = laplace[j] ? 1 / (2 * CHANGEPOINT_PRIOR_SCALE * CHANGEPOINT_PRIOR_SCALE)
                    : gaussPrecision[j];
        }
        double[] theta = solve(g, precision, s2, b);
        double previous = Double.POSITIVE_INFINITY;
        int it = 0;
        while (it < MAX_ITERATIONS) {
            it++;
            double rss = rss(g, b, yy, theta);
            s2 = Math.max(SIGMA2_FLOOR, 2 * rss / (n + Math.sqrt((double) n * n + 16 * rss)));
            for (int j = 0; j < p; j++) {
                if (laplace[j]) {
                    precision[j] = 1 / (CHANGEPOINT_PRIOR_SCALE * Math.sqrt(theta[j] * theta[j]
                            + L1_SMOOTHING * L1_SMOOTHING));
                }
            }
            theta = solve(g, precision, s2, b);
            rss = rss(g, b, yy, theta);
            double obj = 0.5 * n * Math.log(s2) + rss / (2 * s2) + s2 / (2 * SIGMA_PRIOR_SD * SIGMA_PRIOR_SD);
            for (int j = 0; j < p; j++) {
                obj += laplace[j] ? Math.sqrt(theta[j] * theta[j] + L1_SMOOTHING * L1_SMOOTHING)
                        / CHANGEPOINT_PRIOR_SCALE : 0.5 * gaussPrecision[j] * theta[j] * theta[j];
            }
            if (!Double.isFinite(obj)) {
                throw new IllegalStateException("PROPHET_LIKE objective is not finite");
            }
            if (Math.abs(previous - obj) <= TOLERANCE * (1 + Math.abs(obj))) {
                break;
            }
            previous = obj;
        }
        return new Fit(d, scale, theta, s2, it);
    }

    /** ‖y − Xθ‖² = yᵀy − 2θᵀXᵀy + θᵀXᵀXθ, clamped at 0. */
    private static double rss(double[][] g, double[] b, double yy, double[] theta) {
        int p = theta.length;
        double v = yy;
        for (int a = 0; a < p; a++) {
            double ga = 0;
            for (int c = 0; c < p; c++) {
                ga += g[a][c] * theta[c];
            }
            v += theta[a] * ga - 2 * theta[a] * b[a];
        }
        return Math.max(0, v);
    }

    /** Solves (G + s2·diag(precision)) θ = b by Cholesky, or SVD when that fails. */
    private static double[] solve(double[][] g, double[] precision, double s2, double[] b) {
        int p = b.length;
        double[][] a = new double[p][];
        for (int i = 0; i < p; i++) {
            a[i] = g[i].clone();
            a[i][i] += s2 * precision[i];
        }
        RealMatrix m = new Array2DRowRealMatrix(a, false);
        ArrayRealVector rhs = new ArrayRealVector(b, false);
        try {
            return new CholeskyDecomposition(m, 1e-12, 1e-14).getSolver().solve(rhs).toArray();
        } catch (NonPositiveDefiniteMatrixException | NonSymmetricMatrixException e) {
            return new SingularValueDecomposition(m).getSolver().solve(rhs).toArray();
        }
    }
}
