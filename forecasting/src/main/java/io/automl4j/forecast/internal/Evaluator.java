package io.automl4j.forecast.internal;

import io.automl4j.api.InvalidJobSpecException;
import io.automl4j.api.data.Dataset;
import io.automl4j.forecast.FillSpec;
import io.automl4j.forecast.ForecastJob;
import io.automl4j.forecast.ForecastMetric;
import io.automl4j.forecast.ForecastTable;
import io.automl4j.forecast.Frequency;
import io.automl4j.forecast.SeriesForecast;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Scores a forecast table against actuals (used by {@link io.automl4j.forecast.ForecastEvaluation}). */
public final class Evaluator {
    private Evaluator() {
    }

    /**
     * @return every metric; see {@link io.automl4j.forecast.ForecastEvaluation#score}
     */
    public static Map<ForecastMetric, Double> score(ForecastJob job, Frequency f, int period, Dataset history,
                                                    ForecastTable forecasts, Dataset actuals) {
        // the history as the job loads it (target filling and aggregation); the actuals' gaps are not scored
        Map<String, FillSpec> histFill = job.fillings().containsKey(job.target())
                ? Map.of(job.target(), job.fillings().get(job.target())) : Map.of();
        List<Series> hist = SeriesLoader.load(history, job.itemId(), job.groupingColumns(), job.timestamp(),
                job.target(), f,
                job.timestampFormat().orElse(null), new SeriesLoader.CovariateSpec(List.of(), List.of(), histFill,
                        null, job.aggregations(), false)).series();
        List<Series> act = SeriesLoader.load(actuals, job.itemId(), job.groupingColumns(), job.timestamp(),
                job.target(), f,
                job.timestampFormat().orElse(null), new SeriesLoader.CovariateSpec(List.of(), List.of(),
                        Map.of(job.target(), FillSpec.nan()), null, job.aggregations(), false)).series();
        Map<String, Series> histById = new HashMap<>();
        hist.forEach(s -> histById.put(s.id(), s));
        Map<String, Series> actById = new HashMap<>();
        act.forEach(s -> actById.put(s.id(), s));
        List<Metrics.Scored> scored = new ArrayList<>();
        int nq = job.quantiles().length;
        for (SeriesForecast sf : forecasts.series()) {
            String id = SeriesKey.id(sf.itemId(), sf.groupingValues());
            Series a = actById.get(id);
            Series h = histById.get(id);
            if (a == null || h == null) {
                continue;
            }
            double[] y = new double[sf.horizon()];
            int found = 0;
            for (int k = 0; k < sf.horizon(); k++) {
                LocalDateTime t = f.startOfLabel(sf.timestamps().get(k), job.timestampLabel());
                long idx = f.steps(a.start(), t);
                if (!t.isBefore(a.start()) && idx < a.length() && f.plus(a.start(), idx).equals(t)) {
                    y[k] = a.values()[(int) idx];
                    found += Double.isNaN(y[k]) ? 0 : 1;
                } else {
                    y[k] = Double.NaN;
                }
            }
            if (found == 0) {
                continue;
            }
            double[][] q = new double[nq][];
            for (int i = 0; i < nq; i++) {
                q[i] = sf.quantile(i);
            }
            double[] train = Stats.interpolate(h.values());
            scored.add(new Metrics.Scored(y, sf.mean(), q, train, NaiveModels.naive2(train, sf.horizon(), period)));
        }
        if (scored.isEmpty()) {
            throw new InvalidJobSpecException("no actual value matches a forecast timestamp; the test data must hold"
                    + " the " + job.horizon() + " steps after each series' end, e.g. "
                    + forecasts.series().stream().findFirst().map(s -> s.itemId() + " at " + s.timestamps().get(0))
                    .orElse("-"));
        }
        return Metrics.all(scored, job.quantiles(), f.masePeriod());
    }

}
