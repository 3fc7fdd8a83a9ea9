package io.automl4j.forecast.internal;

import io.automl4j.forecast.ForecastAlgorithm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.Map;

/** Runs a model on one series with the NAIVE fallback and the quantile-sorting rule (FCST-R8). */
final class Models {
    private static final Logger LOG = LoggerFactory.getLogger(Models.class);

    private Models() {
    }

    static LocalModel of(ForecastAlgorithm a) {
        return switch (a) {
            case NAIVE -> NaiveModels.NAIVE;
            case SEASONAL_NAIVE -> NaiveModels.SEASONAL_NAIVE;
            case ETS -> new Ets();
            case THETA -> new Theta();
            case ARIMA -> new Arima();
            case NPTS -> new Npts();
            case CROSTON -> new Croston();
            case TSB -> new Tsb();
            case GLOBAL_GBM -> throw new IllegalArgumentException("GLOBAL_GBM is a global model, not a per-series one");
            case PROPHET_LIKE -> new ProphetLike();
        };
    }

    /** Outcome of one fit: the prediction and whether NAIVE replaced a failed model. */
    record Outcome(Prediction prediction, boolean fallback) {
    }

    /**
     * @param y history (NaNs are interpolated, FCST-R11)
     * @return a finite prediction with sorted quantiles; NAIVE when the model fails or the series has one point
     */
    static Outcome run(ForecastAlgorithm a, double[] y, int h, int period, double[] levels, long seed) {
        return run(a, y, null, h, period, levels, seed);
    }

    /**
     * @param y    history (NaNs are interpolated, FCST-R11, except for {@link LocalModel.MissingAware} models, ETS
     *             and ARIMA, which get them as they are)
     * @param axis calendar position of y[0] and the holiday calendar, or null (then PROPHET_LIKE falls back to NAIVE)
     * @return a finite prediction with sorted quantiles; NAIVE when the model fails or the series has one point
     */
    static Outcome run(ForecastAlgorithm a, double[] y, TimeAxis axis, int h, int period, double[] levels,
                       long seed) {
        double[] x = Stats.interpolate(y);
        Prediction p = null;
        boolean fallback = false;
        if (x.length >= 2 || a == ForecastAlgorithm.NAIVE) {
            try {
                LocalModel model = of(a);
                p = model.forecast(model instanceof LocalModel.MissingAware ? y : x, axis, h, period, levels, seed);
            } catch (RuntimeException e) {
                LOG.debug("{} failed on a series of length {}: {}", a, x.length, e.toString());
                p = null;
            }
        }
        if (p == null || !p.finite()) {
            fallback = a != ForecastAlgorithm.NAIVE || p != null;
            p = NaiveModels.seasonal(x, h, 1, levels);
        }
        sortQuantiles(p);
        return new Outcome(p, fallback && x.length >= 2);
    }

    static void sortQuantiles(Prediction p) {
        double[][] q = p.quantiles();
        int h = p.mean().length;
        double[] col = new double[q.length];
        for (int t = 0; t < h; t++) {
            for (int i = 0; i < q.length; i++) {
                col[i] = q[i][t];
            }
            Arrays.sort(col);
            for (int i = 0; i < q.length; i++) {
                q[i][t] = col[i];
            }
        }
    }

    /** Weighted average of members' means and quantiles, quantiles sorted per step (FCST-R8, R12). */
    static Prediction combine(Map<ForecastAlgorithm, Double> weights, Map<ForecastAlgorithm, Prediction> members) {
        Prediction any = members.values().iterator().next();
        int h = any.mean().length;
        int nq = any.quantiles().length;
        double[] mean = new double[h];
        double[][] q = new double[nq][h];
        for (Map.Entry<ForecastAlgorithm, Double> e : weights.entrySet()) {
            Prediction p = members.get(e.getKey());
            double w = e.getValue();
            for (int t = 0; t < h; t++) {
                mean[t] += w * p.mean()[t];
                for (int i = 0; i < nq; i++) {
                    q[i][t] += w * p.quantiles()[i][t];
                }
            }
        }
        Prediction out = new Prediction(mean, q);
        sortQuantiles(out);
        return out;
    }

    /** A seed per (job seed, series key, window, algorithm), independent of thread scheduling. */
    static long seed(long jobSeed, String seriesId, int window, ForecastAlgorithm a) {
        long z = jobSeed;
        z = mix(z + 0x9E3779B97F4A7C15L * (seriesId.hashCode() + 1L));
        z = mix(z + 0xBF58476D1CE4E5B9L * (window + 1L));
        return mix(z + 0x94D049BB133111EBL * (a.ordinal() + 1L));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
