package io.automl4j.forecast;

import io.automl4j.forecast.internal.ReportJson;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The model-quality report of a forecasting job (FCST-R19): the job's set-up and, for every model on the leaderboard
 * (best first), its metrics (FCST-R17) per backtest window, their mean and standard deviation across windows, wQL per
 * quantile, fit seconds and ensemble weights. Immutable.
 *
 * @param job             job name
 * @param algorithms      the algorithms the job tried, in enum order (skipped ones are absent from {@code models})
 * @param seed            the job's seed
 * @param seriesCount     number of series
 * @param objective       the objective metric
 * @param horizon         forecast horizon in steps
 * @param quantiles       quantile levels, ascending
 * @param backtestWindows number of windows
 * @param backtestOffset  steps between windows
 * @param frequency       frequency used
 * @param seasonalPeriod  seasonal period used
 * @param best            name of the chosen model ("ENSEMBLE" for the ensemble)
 * @param models          one entry per leaderboard row, in leaderboard order
 */
public record QualityReport(String job, List<ForecastAlgorithm> algorithms, long seed, int seriesCount,
                            ForecastMetric objective, int horizon, List<Double> quantiles,
                            int backtestWindows, int backtestOffset, Frequency frequency, int seasonalPeriod,
                            String best, List<Model> models) {
    /**
     * One model's backtest quality.
     *
     * @param model          "ETS", … or "ENSEMBLE"
     * @param windows        per window, 1 = the most recent
     * @param mean           every metric averaged over the windows where it is defined (NaN when never)
     * @param std            its sample standard deviation across those windows (0 with one window)
     * @param wqlMean        wQL per quantile name ({@code p10}, …) averaged over windows
     * @param wqlStd         its standard deviation across windows
     * @param fitSeconds     seconds spent fitting and forecasting the backtests
     * @param weights        ensemble member weights (empty for single models)
     * @param fallbackSeries series-window fits where NAIVE replaced a failed model
     */
    public record Model(String model, List<Window> windows, Map<ForecastMetric, Double> mean,
                        Map<ForecastMetric, Double> std, Map<String, Double> wqlMean, Map<String, Double> wqlStd,
                        double fitSeconds, Map<ForecastAlgorithm, Double> weights, int fallbackSeries) {
        /** Copies the collections. */
        public Model {
            Objects.requireNonNull(model, "model");
            windows = List.copyOf(windows);
            mean = copy(mean);
            std = copy(std);
            wqlMean = Collections.unmodifiableMap(new LinkedHashMap<>(wqlMean));
            wqlStd = Collections.unmodifiableMap(new LinkedHashMap<>(wqlStd));
            weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
        }
    }

    /**
     * One backtest window of one model.
     *
     * @param window       1 = the most recent
     * @param scoredSeries series scored in the window (FCST-R16)
     * @param metrics      every metric (NaN when undefined)
     * @param wql          wQL per quantile name
     */
    public record Window(int window, int scoredSeries, Map<ForecastMetric, Double> metrics, Map<String, Double> wql) {
        /** Copies the maps. */
        public Window {
            metrics = copy(metrics);
            wql = Collections.unmodifiableMap(new LinkedHashMap<>(wql));
        }
    }

    /** Copies the lists. */
    public QualityReport {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(objective, "objective");
        Objects.requireNonNull(frequency, "frequency");
        Objects.requireNonNull(best, "best");
        algorithms = List.copyOf(algorithms);
        quantiles = List.copyOf(quantiles);
        models = List.copyOf(models);
    }

    private static Map<ForecastMetric, Double> copy(Map<ForecastMetric, Double> m) {
        EnumMap<ForecastMetric, Double> out = new EnumMap<>(ForecastMetric.class);
        out.putAll(m);
        return Collections.unmodifiableMap(out);
    }

    /** @return the report as pretty-printed JSON (undefined numbers as null) */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("formatVersion", 1);
        m.put("job", job);
        m.put("algorithms", algorithms.stream().map(Enum::name).toList());
        m.put("seed", seed);
        m.put("seriesCount", seriesCount);
        m.put("objective", objective.name());
        m.put("horizon", horizon);
        m.put("quantiles", quantiles);
        m.put("backtestWindows", backtestWindows);
        m.put("backtestOffset", backtestOffset);
        m.put("frequency", frequency.toString());
        m.put("seasonalPeriod", seasonalPeriod);
        m.put("best", best);
        m.put("models", models.stream().map(x -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("model", x.model());
            e.put("objective", x.mean().get(objective));
            e.put("objectiveStd", x.std().get(objective));
            e.put("mean", names(x.mean()));
            e.put("std", names(x.std()));
            e.put("wqlMean", x.wqlMean());
            e.put("wqlStd", x.wqlStd());
            e.put("fitSeconds", x.fitSeconds());
            e.put("fallbackSeries", x.fallbackSeries());
            Map<String, Double> w = new LinkedHashMap<>();
            x.weights().forEach((k, v) -> w.put(k.name(), v));
            e.put("weights", w);
            e.put("windows", x.windows().stream().map(win -> {
                Map<String, Object> y = new LinkedHashMap<>();
                y.put("window", win.window());
                y.put("scoredSeries", win.scoredSeries());
                y.put("metrics", names(win.metrics()));
                y.put("wql", win.wql());
                return y;
            }).toList());
            return e;
        }).toList());
        return ReportJson.write(m);
    }

    private static Map<String, Double> names(Map<ForecastMetric, Double> m) {
        Map<String, Double> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k.name(), v));
        return out;
    }
}
