package io.automl4j.forecast.internal;

import io.automl4j.forecast.ForecastMetric;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The metrics of FCST-R17 over one backtest window: sums run over scored series and test steps. Points whose actual
 * is missing (NaN) are not scored.
 */
public final class Metrics {
    private Metrics() {
    }

    /**
     * One scored series of a window.
     *
     * @param actual    test actuals
     * @param mean      mean forecasts
     * @param quantiles [level][step] quantile forecasts
     * @param train     the training part (for the MASE scale)
     * @param naive2    Naive2 mean forecasts (for OWA), may be null
     */
    public record Scored(double[] actual, double[] mean, double[][] quantiles, double[] train, double[] naive2) {
    }

    /**
     * @param window     scored series
     * @param levels     quantile levels
     * @param masePeriod MASE seasonal period
     * @return every metric (NaN when undefined)
     */
    public static Map<ForecastMetric, Double> all(List<Scored> window, double[] levels, int masePeriod) {
        Map<ForecastMetric, Double> out = new EnumMap<>(ForecastMetric.class);
        out.put(ForecastMetric.AVERAGE_WQL, averageWql(window, levels));
        out.put(ForecastMetric.WAPE, wape(window));
        out.put(ForecastMetric.RMSE, rmse(window));
        out.put(ForecastMetric.MAPE, mape(window));
        double mase = mase(window, masePeriod, false);
        double smape = smape(window, false);
        out.put(ForecastMetric.MASE, mase);
        out.put(ForecastMetric.SMAPE, smape);
        out.put(ForecastMetric.OWA, 0.5 * (smape / smape(window, true) + mase / mase(window, masePeriod, true)));
        return out;
    }

    /** wQL[τ] = 2·Σ[τ·max(y − q, 0) + (1 − τ)·max(q − y, 0)] / Σ|y|. */
    public static double wql(List<Scored> window, int levelIndex, double tau) {
        double loss = 0;
        double scale = 0;
        for (Scored s : window) {
            for (int t = 0; t < s.actual.length; t++) {
                double y = s.actual[t];
                if (Double.isNaN(y)) {
                    continue;
                }
                double q = s.quantiles[levelIndex][t];
                loss += tau * Math.max(y - q, 0) + (1 - tau) * Math.max(q - y, 0);
                scale += Math.abs(y);
            }
        }
        return scale == 0 ? Double.NaN : 2 * loss / scale;
    }

    /** Mean of wQL[τ] over the levels. */
    public static double averageWql(List<Scored> window, double[] levels) {
        double s = 0;
        for (int i = 0; i < levels.length; i++) {
            s += wql(window, i, levels[i]);
        }
        return s / levels.length;
    }

    /** Σ|y − ŷ| / Σ|y|. */
    public static double wape(List<Scored> window) {
        double num = 0;
        double den = 0;
        for (Scored s : window) {
            for (int t = 0; t < s.actual.length; t++) {
                if (!Double.isNaN(s.actual[t])) {
                    num += Math.abs(s.actual[t] - s.mean[t]);
                    den += Math.abs(s.actual[t]);
                }
            }
        }
        return den == 0 ? Double.NaN : num / den;
    }

    /** √(Σ(y − ŷ)² / N). */
    public static double rmse(List<Scored> window) {
        double ss = 0;
        int n = 0;
        for (Scored s : window) {
            for (int t = 0; t < s.actual.length; t++) {
                if (!Double.isNaN(s.actual[t])) {
                    double d = s.actual[t] - s.mean[t];
                    ss += d * d;
                    n++;
                }
            }
        }
        return n == 0 ? Double.NaN : Math.sqrt(ss / n);
    }

    /** Mean over points with y ≠ 0 of |y − ŷ|/|y| (a fraction). */
    public static double mape(List<Scored> window) {
        double s = 0;
        int n = 0;
        for (Scored sc : window) {
            for (int t = 0; t < sc.actual.length; t++) {
                double y = sc.actual[t];
                if (!Double.isNaN(y) && y != 0) {
                    s += Math.abs(y - sc.mean[t]) / Math.abs(y);
                    n++;
                }
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    /** Mean over series of mean_t|y − ŷ| / ((1/(n−m))·Σ_{t&gt;m}|y_t − y_{t−m}|); undefined scales excluded. */
    public static double mase(List<Scored> window, int m, boolean naive2) {
        double total = 0;
        int count = 0;
        for (Scored s : window) {
            double[] f = naive2 ? s.naive2 : s.mean;
            if (f == null) {
                return Double.NaN;
            }
            double scale = 0;
            int k = 0;
            for (int t = m; t < s.train.length; t++) {
                double d = s.train[t] - s.train[t - m];
                if (!Double.isNaN(d)) {
                    scale += Math.abs(d);
                    k++;
                }
            }
            if (k == 0 || scale == 0) {
                continue;
            }
            scale /= k;
            double err = 0;
            int pts = 0;
            for (int t = 0; t < s.actual.length; t++) {
                if (!Double.isNaN(s.actual[t])) {
                    err += Math.abs(s.actual[t] - f[t]);
                    pts++;
                }
            }
            if (pts > 0) {
                total += err / pts / scale;
                count++;
            }
        }
        return count == 0 ? Double.NaN : total / count;
    }

    /** Mean over series of (200/h)·Σ_t|y − ŷ|/(|y| + |ŷ|), 0/0 terms = 0 (percent). */
    public static double smape(List<Scored> window, boolean naive2) {
        double total = 0;
        int count = 0;
        for (Scored s : window) {
            double[] f = naive2 ? s.naive2 : s.mean;
            if (f == null) {
                return Double.NaN;
            }
            double sum = 0;
            int pts = 0;
            for (int t = 0; t < s.actual.length; t++) {
                double y = s.actual[t];
                if (Double.isNaN(y)) {
                    continue;
                }
                double den = Math.abs(y) + Math.abs(f[t]);
                sum += den == 0 ? 0 : Math.abs(y - f[t]) / den;
                pts++;
            }
            if (pts > 0) {
                total += 200.0 * sum / pts;
                count++;
            }
        }
        return count == 0 ? Double.NaN : total / count;
    }
}
