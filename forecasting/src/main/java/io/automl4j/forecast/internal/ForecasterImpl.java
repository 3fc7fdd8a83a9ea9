package io.automl4j.forecast.internal;

import io.automl4j.api.data.Dataset;
import io.automl4j.forecast.ForecastAlgorithm;
import io.automl4j.forecast.ForecastJob;
import io.automl4j.forecast.ForecastTable;
import io.automl4j.forecast.Forecaster;
import io.automl4j.forecast.Frequency;
import io.automl4j.forecast.SeriesForecast;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * A single model or weighted ensemble (FCST-R18). Local models are refit on whatever history they are given;
 * GLOBAL_GBM keeps the weights trained by the job (or, for {@link Forecaster#of}, is trained on the given history).
 */
public final class ForecasterImpl implements Forecaster {
    private final ForecastJob job;
    private final String name;
    private final Map<ForecastAlgorithm, Double> weights;
    private final Frequency frequency;
    private final Integer period;
    private final GlobalGbm.Model gbm;

    /**
     * @param job       the job (columns, horizon, quantiles, seed, threads)
     * @param name      display name
     * @param weights   member weights
     * @param frequency frequency, or null to infer from the history
     * @param period    seasonal period, or null for the job's or the frequency's default
     */
    public ForecasterImpl(ForecastJob job, String name, Map<ForecastAlgorithm, Double> weights, Frequency frequency,
                          Integer period) {
        this(job, name, weights, frequency, period, null);
    }

    /**
     * @param gbm the trained GLOBAL_GBM when it is a member, or null to train it on each history given
     */
    ForecasterImpl(ForecastJob job, String name, Map<ForecastAlgorithm, Double> weights, Frequency frequency,
                   Integer period, GlobalGbm.Model gbm) {
        this.job = job;
        this.name = name;
        this.weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
        this.frequency = frequency;
        this.period = period;
        this.gbm = gbm;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Map<ForecastAlgorithm, Double> weights() {
        return weights;
    }

    @Override
    public ForecastTable predict(Dataset history) {
        return predict(history, null);
    }

    @Override
    public ForecastTable predict(Dataset history, Dataset futureCovariates) {
        Frequency f = frequency != null ? frequency : job.frequency().orElse(null);
        boolean global = weights.containsKey(ForecastAlgorithm.GLOBAL_GBM);
        SeriesLoader.Loaded loaded = SeriesLoader.load(history, job, f, gbm != null ? gbm.features().schema()
                : null);
        int m = period != null ? period : job.seasonalPeriod().orElse(loaded.frequency().defaultSeasonalPeriod());
        // PROPHET_LIKE takes the numeric known covariates as regressors
        boolean regressors = weights.containsKey(ForecastAlgorithm.PROPHET_LIKE)
                && !loaded.schema().knownNumeric().isEmpty();
        List<SeriesCovariates> covs = global || regressors
                ? SeriesLoader.withFuture(futureCovariates, job, loaded, job.horizon(), null) : null;
        GlobalGbm.Model model = gbm;
        if (global && model == null) {
            int[] full = loaded.series().stream().mapToInt(Series::length).toArray();
            model = GlobalGbm.fit(loaded.series(), full, loaded.covariates(), loaded.schema(), loaded.frequency(), m,
                    job.quantiles(), Models.seed(job.seed(), "", 0, ForecastAlgorithm.GLOBAL_GBM), job.threads(),
                    ForecastEngine.extraFeatures(job, loaded.frequency()),
                    GlobalGbm.Budget.NONE, GlobalGbm.ROUNDS, true);
        }
        return predict(loaded.series(), loaded.frequency(), m, covs, model);
    }

    /**
     * Forecasts every series; local models run in parallel on the job's threads, GLOBAL_GBM on all series at once;
     * results do not depend on the thread count.
     *
     * @param covs covariates of the history followed by the h future steps (needed when GLOBAL_GBM is a member, and
     *             when PROPHET_LIKE is one and there are numeric known covariates)
     */
    ForecastTable predict(List<Series> series, Frequency f, int m, List<SeriesCovariates> covs) {
        return predict(series, f, m, covs, gbm);
    }

    private ForecastTable predict(List<Series> series, Frequency f, int m, List<SeriesCovariates> covs,
                                  GlobalGbm.Model model) {
        SeriesForecast[] out = new SeriesForecast[series.size()];
        int h = job.horizon();
        double[] levels = job.quantiles();
        Prediction[] global = model == null ? null : GlobalGbm.predict(model, series,
                series.stream().mapToInt(Series::length).toArray(), covs, h, job.threads());
        Runnable work = () -> IntStream.range(0, series.size()).parallel().forEach(i -> {
            Series s = series.get(i);
            Prediction p = forecastOne(s.values(), s.id(), new TimeAxis(s.start(), f,
                    job.holidayCountry().orElse(null)).withRegressors(covs == null ? null : covs.get(i)), h, m, levels,
                    global == null ? null : global[i]);
            List<LocalDateTime> ts = new ArrayList<>(h);
            for (int k = 1; k <= h; k++) {
                ts.add(f.label(f.plus(s.start(), s.length() - 1L + k), job.timestampLabel()));
            }
            int g = job.groupingColumns().size();
            out[i] = new SeriesForecast(SeriesKey.itemId(s.id(), g), SeriesKey.groupingValues(s.id(), g), ts,
                    p.mean(), p.quantiles());
        });
        runOn(job.threads(), work);
        return new ForecastTable(job.itemId(), job.groupingColumns(), levels, List.of(out));
    }

    Prediction forecastOne(double[] y, String id, TimeAxis axis, int h, int m, double[] levels, Prediction global) {
        Map<ForecastAlgorithm, Prediction> members = new EnumMap<>(ForecastAlgorithm.class);
        for (ForecastAlgorithm a : weights.keySet()) {
            members.put(a, a == ForecastAlgorithm.GLOBAL_GBM ? global
                    : Models.run(a, y, axis, h, m, levels, Models.seed(job.seed(), id, 0, a)).prediction());
        }
        if (members.size() == 1) {
            return members.values().iterator().next();
        }
        return Models.combine(weights, members);
    }

    static void runOn(int threads, Runnable work) {
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            pool.submit(work).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
    }
}
