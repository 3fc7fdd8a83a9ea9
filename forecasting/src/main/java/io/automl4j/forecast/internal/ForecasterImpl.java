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

/** A single model or weighted ensemble of local models, refit on whatever history it is given (FCST-R18). */
public final class ForecasterImpl implements Forecaster {
    private final ForecastJob job;
    private final String name;
    private final Map<ForecastAlgorithm, Double> weights;
    private final Frequency frequency;
    private final Integer period;

    /**
     * @param job       the job (columns, horizon, quantiles, seed, threads)
     * @param name      display name
     * @param weights   member weights
     * @param frequency frequency, or null to infer from the history
     * @param period    seasonal period, or null for the job's or the frequency's default
     */
    public ForecasterImpl(ForecastJob job, String name, Map<ForecastAlgorithm, Double> weights, Frequency frequency,
                          Integer period) {
        this.job = job;
        this.name = name;
        this.weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
        this.frequency = frequency;
        this.period = period;
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
        Frequency f = frequency != null ? frequency : job.frequency().orElse(null);
        SeriesLoader.Loaded loaded = SeriesLoader.load(history, job.itemId(), job.timestamp(), job.target(), f,
                job.timestampFormat().orElse(null));
        int m = period != null ? period : job.seasonalPeriod().orElse(loaded.frequency().defaultSeasonalPeriod());
        return predict(loaded.series(), loaded.frequency(), m);
    }

    /** Forecasts every series in parallel on the job's threads; results do not depend on the thread count. */
    ForecastTable predict(List<Series> series, Frequency f, int m) {
        SeriesForecast[] out = new SeriesForecast[series.size()];
        int h = job.horizon();
        double[] levels = job.quantiles();
        Runnable work = () -> IntStream.range(0, series.size()).parallel().forEach(i -> {
            Series s = series.get(i);
            Prediction p = forecastOne(s.values(), s.id(), new TimeAxis(s.start(), f,
                    job.holidayCountry().orElse(null)), h, m, levels);
            List<LocalDateTime> ts = new ArrayList<>(h);
            for (int k = 1; k <= h; k++) {
                ts.add(f.plus(s.start(), s.length() - 1L + k));
            }
            out[i] = new SeriesForecast(s.id(), ts, p.mean(), p.quantiles());
        });
        runOn(job.threads(), work);
        return new ForecastTable(job.itemId(), levels, List.of(out));
    }

    Prediction forecastOne(double[] y, String id, TimeAxis axis, int h, int m, double[] levels) {
        Map<ForecastAlgorithm, Prediction> members = new EnumMap<>(ForecastAlgorithm.class);
        for (ForecastAlgorithm a : weights.keySet()) {
            members.put(a, Models.run(a, y, axis, h, m, levels, Models.seed(job.seed(), id, 0, a)).prediction());
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
