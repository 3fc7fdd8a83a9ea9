package io.automl4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.automl4j.api.Event;
import io.automl4j.api.data.Dataset;
import io.automl4j.forecast.Aggregation;
import io.automl4j.forecast.FillSpec;
import io.automl4j.forecast.ForecastAlgorithm;
import io.automl4j.forecast.ForecastEvaluation;
import io.automl4j.forecast.ForecastExplanation;
import io.automl4j.forecast.ForecastJob;
import io.automl4j.forecast.ForecastMetric;
import io.automl4j.forecast.ForecastProvenance;
import io.automl4j.forecast.ForecastResult;
import io.automl4j.forecast.LeaderboardRow;
import io.automl4j.forecast.TimestampLabel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code automl4j forecast}: fits a forecasting job on long-format series and writes {@code forecast.csv},
 * {@code leaderboard.csv}, {@code result.json}, the backtest export {@code backtests.csv}, the reports
 * {@code data_report.json} and {@code quality_report.json} (FCST-R18, R19) and the impact scores of covariates,
 * static features and holidays, or why there are none, {@code explainability.json} (FCST-R20). {@code result.json} carries the job's status, secondary status, reproducibility and event
 * log. {@code --max-runtime} is the job's whole budget (AUTOML-R58): reading the CSV and writing the outputs are
 * outside it.
 */
@Command(name = "forecast", mixinStandardHelpOptions = true,
        description = "Forecast many time series (long format: item id, optional grouping columns, timestamp,"
                + " target).")
final class ForecastCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, description = "long-format CSV with a header row")
    Path data;

    @Option(names = "--item-id", required = true, description = "series key column")
    String itemId;

    @Option(names = "--timestamp", required = true, description = "timestamp column")
    String timestamp;

    @Option(names = "--target", required = true, description = "numeric target column")
    String target;

    @Option(names = "--horizon", required = true, description = "steps to forecast (1..500)")
    int horizon;

    @Option(names = "--frequency", description = "e.g. D, 1W, 15min, M, Q (default: inferred)")
    String frequency;

    @Option(names = "--quantiles", split = ",", description = "levels in [0.01, 0.99] or p10 style (default"
            + " 0.1,0.5,0.9)")
    List<String> quantiles;

    @Option(names = "--algorithms", split = ",", description = "subset of ${COMPLETION-CANDIDATES} (default: all)")
    List<ForecastAlgorithm> algorithms;

    @Option(names = "--objective", description = "one of ${COMPLETION-CANDIDATES} (default AVERAGE_WQL)")
    ForecastMetric objective;

    @Option(names = "--backtest-windows", description = "1..5 (default 1)")
    Integer backtestWindows;

    @Option(names = "--timestamp-label", description = "label of each frequency bucket in the outputs: START (default)"
            + " or END (last day, or last minute for minute/hour buckets)")
    TimestampLabel timestampLabel;

    @Option(names = "--seasonal-period", description = "seasonal period (default: from the frequency)")
    Integer seasonalPeriod;

    @Option(names = "--holiday-country", description = "public-holiday calendar for PROPHET_LIKE and"
            + " GLOBAL_GBM: two-letter country code (ISO 3166-1 alpha-2, or UK), e.g. US, DE")
    String holidayCountry;

    @Option(names = "--max-runtime", description = "wall-clock budget, e.g. 60s, 5m")
    String maxRuntime;

    @Option(names = "--seed", description = "random seed (default 42)")
    Long seed;

    @Option(names = "--threads", description = "worker threads (default: all cores)")
    Integer threads;

    @Option(names = "--grouping-columns", split = ",", description = "columns that with the item id identify a"
            + " series (e.g. store when the same item ids occur in several stores); up to 5; forecast.csv and"
            + " backtests.csv get them after the item id")
    List<String> groupingColumns;

    @Option(names = "--known-covariates", split = ",", description = "columns whose future values are known"
            + " (numeric or categorical); used by GLOBAL_GBM, numeric ones also by PROPHET_LIKE")
    List<String> knownCovariates;

    @Option(names = "--static-features", split = ",", description = "columns constant within each series; used by"
            + " GLOBAL_GBM")
    List<String> staticFeatures;

    @Option(names = "--fill", split = ",", description = "filling of gaps of the target or of numeric covariates,"
            + " COLUMN=METHOD with METHOD one of zero, value:X, nan (target only), mean, median, min, max"
            + " (e.g. price=mean,sales=nan; target default zero)")
    List<String> fill;

    @Option(names = "--back-fill", description = "extend every series to the dataset's last timestamp and fill that"
            + " back range (target: its --fill method, default zero)")
    boolean backFill;

    @Option(names = "--aggregation", split = ",", description = "how rows in one bucket of the frequency are combined,"
            + " COLUMN=METHOD with METHOD one of sum, avg, first, min, max, e.g. sales=sum,price=max (defaults: target"
            + " SUM, numeric covariates AVG, categorical FIRST); setting the target's also combines rows with equal"
            + " timestamps")
    List<String> aggregation;

    @Option(names = "--future", description = "known covariates of the h steps after each series (item id, timestamp,"
            + " covariates) for the final forecasts")
    Path future;

    @Option(names = "--test", description = "actuals for the forecast steps (same columns): scored in result.json")
    Path test;

    @Option(names = "--out", required = true, description = "output directory")
    Path out;

    @Option(names = "--verbose", description = "show stack traces and library logs")
    boolean verbose;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter e = spec.commandLine().getErr();
        ForecastJob.Builder b = ForecastJob.builder().itemId(itemId).timestamp(timestamp).target(target)
                .horizon(horizon);
        if (timestampLabel != null) {
            b.timestampLabel(timestampLabel);
        }
        if (frequency != null) {
            b.frequency(frequency);
        }
        if (quantiles != null) {
            b.quantiles(quantiles.toArray(new String[0]));
        }
        if (algorithms != null) {
            b.algorithms(algorithms);
        }
        if (objective != null) {
            b.objectiveMetric(objective);
        }
        if (backtestWindows != null) {
            b.backtestWindows(backtestWindows);
        }
        if (seasonalPeriod != null) {
            b.seasonalPeriod(seasonalPeriod);
        }
        if (holidayCountry != null) {
            b.holidayCountry(holidayCountry);
        }
        if (maxRuntime != null) {
            b.maxJobRuntime(Durations.parse(maxRuntime));
        }
        if (seed != null) {
            b.seed(seed);
        }
        if (threads != null) {
            b.threads(threads);
        }
        if (groupingColumns != null) {
            b.groupingColumns(groupingColumns.toArray(new String[0]));
        }
        if (knownCovariates != null) {
            b.knownCovariates(knownCovariates.toArray(new String[0]));
        }
        if (staticFeatures != null) {
            b.staticFeatures(staticFeatures.toArray(new String[0]));
        }
        if (fill != null) {
            for (String f : fill) {
                int eq = f.indexOf('=');
                if (eq <= 0 || eq == f.length() - 1) {
                    throw new IllegalArgumentException("--fill '" + f + "' must be COLUMN=METHOD, e.g. price=mean");
                }
                b.filling(f.substring(0, eq).trim(), FillSpec.parse(f.substring(eq + 1)));
            }
        }
        if (backFill) {
            b.backFill(true);
        }
        if (aggregation != null) {
            for (String a : aggregation) {
                int eq = a.indexOf('=');
                if (eq <= 0 || eq == a.length() - 1) {
                    throw new IllegalArgumentException("--aggregation '" + a + "' must be COLUMN=METHOD, e.g."
                            + " sales=sum");
                }
                String method = a.substring(eq + 1).trim().toUpperCase(Locale.ROOT);
                Aggregation m;
                try {
                    m = Aggregation.valueOf(method);
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException("--aggregation '" + a + "': method must be one of "
                            + java.util.Arrays.toString(Aggregation.values()), ex);
                }
                b.aggregation(a.substring(0, eq).trim(), m);
            }
        }
        ForecastJob job = b.build();
        Dataset history = Dataset.readCsv(data);
        Dataset actuals = test != null ? Dataset.readCsv(test) : null;
        ForecastResult r = future != null ? job.fit(history, Dataset.readCsv(future)) : job.fit(history);
        Files.createDirectories(out);
        r.forecasts().writeCsv(out.resolve("forecast.csv"));
        writeLeaderboard(r, out.resolve("leaderboard.csv"));
        r.writeBacktestsCsv(out.resolve("backtests.csv"));
        Files.writeString(out.resolve("data_report.json"), r.dataReport().toJson(), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("quality_report.json"), r.qualityReport().toJson(), StandardCharsets.UTF_8);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("formatVersion", 1);
        json.put("job", job.name());
        json.put("status", r.status().name());
        json.put("secondaryStatus", r.secondaryStatus().name());
        json.put("reproducible", r.reproducible());
        json.put("reproducibleReason", r.reproducibleReason());
        ForecastProvenance prov = r.provenance();
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("jobName", prov.jobName());
        provenance.put("spec", prov.spec());
        provenance.put("resolved", prov.resolved());
        provenance.put("seed", prov.seed());
        provenance.put("dataFingerprint", prov.dataFingerprint());
        provenance.put("runtime", prov.runtime());
        provenance.put("startTime", prov.startTime().toString());
        provenance.put("endTime", prov.endTime().toString());
        json.put("provenance", provenance);
        json.put("maxRuntimeSeconds", job.maxJobRuntime().map(d -> d.toMillis() / 1000.0).orElse(null));
        json.put("series", r.seriesCount());
        json.put("frequency", r.frequency().toString());
        json.put("seasonalPeriod", r.seasonalPeriod());
        json.put("horizon", job.horizon());
        json.put("quantiles", job.quantiles());
        json.put("objective", job.objectiveMetric().name());
        json.put("backtestWindows", job.backtestWindows());
        json.put("groupingColumns", job.groupingColumns());
        json.put("knownCovariates", job.knownCovariates());
        json.put("staticFeatures", job.staticFeatures());
        json.put("holidayCountry", job.holidayCountry().orElse(null));
        json.put("best", r.forecaster().name());
        json.put("weights", r.forecaster().weights());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (LeaderboardRow row : r.leaderboard()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", row.model());
            m.put("objective", finite(row.objective()));
            m.put("objectiveStd", finite(row.objectiveStd()));
            Map<String, Object> metrics = new LinkedHashMap<>();
            row.metrics().forEach((k, v) -> metrics.put(k.name(), finite(v)));
            m.put("metrics", metrics);
            m.put("fitSeconds", row.fitSeconds());
            m.put("fallbackSeries", row.fallbackSeries());
            if (!row.weights().isEmpty()) {
                m.put("weights", row.weights());
            }
            rows.add(m);
        }
        json.put("leaderboard", rows);
        if (actuals != null) {
            Map<ForecastMetric, Double> s = ForecastEvaluation.score(r, history, r.forecasts(), actuals);
            Map<String, Object> t = new LinkedHashMap<>();
            for (ForecastMetric k : List.of(ForecastMetric.SMAPE, ForecastMetric.MASE, ForecastMetric.WAPE,
                    ForecastMetric.AVERAGE_WQL, ForecastMetric.RMSE, ForecastMetric.MAPE, ForecastMetric.OWA)) {
                t.put(k.name(), finite(s.get(k)));
            }
            json.put("test", t);
            o.printf(Locale.ROOT, "test: sMAPE %.3f  MASE %.3f  WAPE %.4f  average wQL %.4f%n",
                    s.get(ForecastMetric.SMAPE), s.get(ForecastMetric.MASE), s.get(ForecastMetric.WAPE),
                    s.get(ForecastMetric.AVERAGE_WQL));
        }
        json.put("warnings", r.warnings());
        json.put("seconds", r.seconds());
        json.put("eventCount", r.events().size());
        List<Map<String, Object>> events = new ArrayList<>();
        for (Event ev : r.events()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("time", ev.time().toString());
            m.put("stage", ev.stage().name());
            m.put("level", ev.level().name());
            m.put("message", ev.message());
            if (!ev.details().isEmpty()) {
                m.put("details", new java.util.TreeMap<>(ev.details()));
            }
            events.add(m);
        }
        json.put("events", events);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        mapper.writeValue(out.resolve("result.json").toFile(), json);
        ForecastExplanation ex = r.explainability();
        mapper.writeValue(out.resolve("explainability.json").toFile(), explainability(ex));
        for (String w : r.warnings()) {
            e.println("warning: " + w);
        }
        o.printf(Locale.ROOT, "%d series, frequency %s, best %s (%s %.4f), %s in %.1f s; wrote %s%n",
                r.seriesCount(), r.frequency(), r.forecaster().name(), job.objectiveMetric(), r.best().objective(),
                r.secondaryStatus(), r.seconds(), out);
        if (ex.available()) {
            StringBuilder sb = new StringBuilder();
            ex.overall().forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ')
                    .append(String.format(Locale.ROOT, "%+.3f", v)));
            o.println("impact scores (FCST-R20, in [-1, 1]): " + sb);
        } else {
            o.println("no impact scores: " + ex.reason().orElseThrow());
        }
        return 0;
    }

    /** The explainability.json document (FCST-R20): the scores, or the reason there are none. */
    private static Map<String, Object> explainability(ForecastExplanation ex) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("formatVersion", 1);
        m.put("available", ex.available());
        if (!ex.available()) {
            m.put("reason", ex.reason().orElseThrow());
            return m;
        }
        m.put("attributes", ex.attributes());
        m.put("overall", ex.overall());
        m.put("perSeries", ex.perSeries());
        List<Map<String, Object>> steps = new ArrayList<>();
        for (int k = 0; k < ex.perStep().size(); k++) {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("step", k + 1);
            step.put("scores", ex.perStep().get(k));
            steps.add(step);
        }
        m.put("perStep", steps);
        return m;
    }

    private static Object finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static void writeLeaderboard(ForecastResult r, Path file) throws java.io.IOException {
        StringBuilder sb = new StringBuilder("rank,model,objective,objective_std");
        for (ForecastMetric m : ForecastMetric.values()) {
            sb.append(',').append(m.name().toLowerCase(Locale.ROOT));
        }
        sb.append(",fit_seconds,fallback_series,weights\n");
        int rank = 1;
        for (LeaderboardRow row : r.leaderboard()) {
            sb.append(rank++).append(',').append(row.model()).append(',').append(num(row.objective())).append(',')
                    .append(num(row.objectiveStd()));
            for (ForecastMetric m : ForecastMetric.values()) {
                sb.append(',').append(num(row.metrics().getOrDefault(m, Double.NaN)));
            }
            StringBuilder w = new StringBuilder();
            row.weights().forEach((k, v) -> w.append(w.length() == 0 ? "" : " ").append(k).append('=')
                    .append(String.format(Locale.ROOT, "%.2f", v)));
            sb.append(',').append(String.format(Locale.ROOT, "%.3f", row.fitSeconds())).append(',')
                    .append(row.fallbackSeries()).append(',').append(w).append('\n');
        }
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "";
    }
}
