package io.automl4j.forecast.internal;

import io.automl4j.api.InvalidJobSpecException;
import io.automl4j.api.SecondaryStatus;
import io.automl4j.api.Stage;
import io.automl4j.api.TrainingFailedException;
import io.automl4j.api.data.Dataset;
import io.automl4j.api.provenance.RuntimeInfo;
import io.automl4j.core.internal.Version;
import io.automl4j.core.internal.data.Fingerprint;
import io.automl4j.core.internal.learn.LightGbmNatives;
import io.automl4j.forecast.BacktestRow;
import io.automl4j.forecast.DataReport;
import io.automl4j.forecast.ForecastAlgorithm;
import io.automl4j.forecast.ForecastExplanation;
import io.automl4j.forecast.ForecastJob;
import io.automl4j.forecast.ForecastMetric;
import io.automl4j.forecast.ForecastProvenance;
import io.automl4j.forecast.ForecastResult;
import io.automl4j.forecast.ForecastTable;
import io.automl4j.forecast.Frequency;
import io.automl4j.forecast.LeaderboardRow;
import io.automl4j.forecast.QualityReport;
import io.automl4j.forecast.TimestampLabel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Runs a {@link ForecastJob}: load (FCST-R4…R7), backtest every algorithm on the last windows of each series
 * (FCST-R16), score (FCST-R17), greedy ensemble (FCST-R12), choose the best by the objective, refit on the full
 * history and forecast.
 */
public final class ForecastEngine {
    private static final Logger LOG = LoggerFactory.getLogger(ForecastEngine.class);

    /** Rounds of greedy ensemble selection (FCST-R12). */
    static final int ENSEMBLE_ROUNDS = 25;

    private final ForecastJob job;

    /** @param job the job */
    public ForecastEngine(ForecastJob job) {
        this.job = job;
    }

    /**
     * Backtest predictions of one algorithm: [window][series], null where the series is not scored; predictions
     * null when the stop request or the deadline cut it (then {@code done} of {@code total} fits ran).
     */
    private record Backtest(Prediction[][] predictions, double seconds, int fallbacks, int done, int total) {
        boolean cut() {
            return predictions == null;
        }

        /** @return estimated seconds of one refit on the full history: one window's share of the backtests */
        double refitSeconds(int windows) {
            return seconds / windows;
        }
    }

    /** Share of the budget always kept back for the refit and final forecasts (AUTOML-R58: ≥ 10%). */
    static final double RESERVE_SHARE = 0.10;
    /** Safety factor on the measured per-window fit times when reserving the refit phase. */
    static final double RESERVE_FACTOR = 1.5;
    /**
     * Share of the budget that must remain before the training limit for a model (other than the cheap ones) to
     * start: a sliver of time cannot complete one, and GLOBAL_GBM trains at least one round per booster.
     */
    static final double MIN_START_SHARE = 0.05;

    private ForecastControl control;
    private ForecastEvents events;
    private long deadline = Long.MAX_VALUE;
    private long budgetNanos = -1;
    /** Estimated nanoseconds of the refit of every completed model (their per-window backtest time). */
    private long refitReserve;

    /**
     * Runs the job in the calling thread with its own control (no stop requests).
     *
     * @param data             long-format table
     * @param futureCovariates future known covariates, or null
     * @return the result
     */
    public ForecastResult fit(Dataset data, Dataset futureCovariates) {
        return fit(data, futureCovariates, new ForecastControl(job.listeners(), job.clock()), System.nanoTime());
    }

    /**
     * Runs the job under a control (status, stop requests, events); failures end it FAILED with the reason.
     *
     * @param data             long-format table
     * @param futureCovariates future known covariates, or null
     * @param control          status, rows so far, events and stop requests
     * @param t0               {@link System#nanoTime()} when the job was started: the budget counts from it
     * @return the result
     */
    public ForecastResult fit(Dataset data, Dataset futureCovariates, ForecastControl control, long t0) {
        return control.failOnThrow(() -> run(data, futureCovariates, control, t0));
    }

    /** True for the models cheap enough to always run (even past the deadline) so that a result exists. */
    private static boolean cheap(ForecastAlgorithm a) {
        return a == ForecastAlgorithm.NAIVE || a == ForecastAlgorithm.SEASONAL_NAIVE;
    }

    /**
     * Latest {@link System#nanoTime()} at which training may go on: the deadline minus the reserve for the refit
     * phase (max of {@value #RESERVE_SHARE} of the budget and {@value #RESERVE_FACTOR} × the refit estimate of the
     * completed models plus the one in flight).
     */
    private long trainingLimit(long inFlightRefitNanos) {
        if (budgetNanos < 0) {
            return Long.MAX_VALUE;
        }
        long reserve = Math.max((long) (budgetNanos * RESERVE_SHARE),
                (long) (RESERVE_FACTOR * (refitReserve + inFlightRefitNanos)));
        return deadline - reserve;
    }

    /** Logs the warnings added since the last call as WARN events (the list stays the result's warnings). */
    private int flushWarnings(List<String> warnings, int from, Stage stage) {
        for (int i = from; i < warnings.size(); i++) {
            events.warn(stage, warnings.get(i));
        }
        return warnings.size();
    }

    private ForecastResult run(Dataset data, Dataset futureCovariates, ForecastControl control, long t0) {
        this.control = control;
        this.events = control.log();
        this.budgetNanos = job.maxJobRuntime().map(d -> d.toNanos()).orElse(-1L);
        this.deadline = budgetNanos < 0 ? Long.MAX_VALUE : t0 + budgetNanos;
        events.info(Stage.VALIDATION, "job started", "job", job.name(), "seed", job.seed(), "threads", job.threads(),
                "maxJobRuntime", job.maxJobRuntime().map(Object::toString).orElse("none"),
                "algorithms", job.algorithms());
        Instant startTime = job.clock().instant();
        control.transition(SecondaryStatus.ANALYZING_DATA);
        SeriesLoader.Loaded loaded = SeriesLoader.load(data, job, null, null);
        String fingerprint = fingerprint(data);
        List<String> warnings = new ArrayList<>(loaded.warnings());
        List<Series> series = loaded.series();
        int h = job.horizon();
        int lMax = series.stream().mapToInt(Series::length).max().orElse(0);
        int limit = Math.min(ForecastJob.MAX_HORIZON, lMax / 4);
        if (h > limit) {
            throw new InvalidJobSpecException("horizon " + h + " exceeds the limit min(500, ⌊L_max/4⌋) = " + limit
                    + " for the longest series of L_max = " + lMax + " steps (FCST-R7)");
        }
        int offset = job.backtestOffset().orElse(h);
        if (offset > lMax / 2) {
            throw new InvalidJobSpecException("backtestOffset " + offset + " exceeds ⌊L_max/2⌋ = " + (lMax / 2)
                    + " (L_max = " + lMax + ", FCST-R2)");
        }
        int[] lengths = series.stream().mapToInt(Series::length).sorted().toArray();
        double median = lengths.length % 2 == 1 ? lengths[lengths.length / 2]
                : (lengths[lengths.length / 2 - 1] + lengths[lengths.length / 2]) / 2.0;
        if (median < 3.0 * h) {
            warnings.add("median series length " + median + " is below 3·horizon = " + 3 * h
                    + "; 3–5 history points per forecast point are recommended (FCST-R7)");
        }
        job.holidayCountry().ifPresent(c -> holidayCoverage(c, series, loaded.frequency(), h, warnings));
        int m = job.seasonalPeriod().orElse(loaded.frequency().defaultSeasonalPeriod());
        boolean global = job.algorithms().contains(ForecastAlgorithm.GLOBAL_GBM);
        // PROPHET_LIKE takes the numeric known covariates as regressors
        boolean regressors = job.algorithms().contains(ForecastAlgorithm.PROPHET_LIKE)
                && !loaded.schema().knownNumeric().isEmpty();
        if (!loaded.schema().isEmpty() && !global && !regressors) {
            warnings.add("known covariates and static features are used only by GLOBAL_GBM (numeric known covariates"
                    + " also by PROPHET_LIKE), which is not among the algorithms; they are ignored");
        }
        // the final forecasts need the known covariates of the h future steps: checked before any fitting (FCST-R14)
        List<SeriesLoader.FillCount> futureFills = new ArrayList<>();
        List<SeriesCovariates> finalCovariates = global || regressors
                ? SeriesLoader.withFuture(futureCovariates, job, loaded, h, warnings, futureFills) : null;
        DataReport dataReport = Reports.data(loaded, warnings, futureFills);
        int masePeriod = loaded.frequency().masePeriod();
        double[] levels = job.quantiles();
        int windows = job.backtestWindows();

        // window layout: cutoff[k][i] = training length, or -1 when the series is not scored in window k
        int[][] cutoff = new int[windows][series.size()];
        int[] skipped = new int[windows];
        for (int k = 0; k < windows; k++) {
            for (int i = 0; i < series.size(); i++) {
                int c = series.get(i).length() - k * offset - h;
                cutoff[k][i] = c >= 2 ? c : -1;
                if (c < 2) {
                    skipped[k]++;
                }
            }
            if (skipped[k] > 0) {
                warnings.add("backtest window " + (k + 1) + ": " + skipped[k]
                        + " series with fewer than 2 training points not scored (FCST-R16)");
            }
        }
        int logged = flushWarnings(warnings, 0, Stage.DATA);
        events.info(Stage.DATA, "data loaded", "series", series.size(), "frequency", loaded.frequency(),
                "seasonalPeriod", m, "horizon", h, "backtestWindows", windows,
                "seconds", fmt((System.nanoTime() - t0) / 1e9));

        control.transition(SecondaryStatus.TRAINING_MODELS);
        Map<ForecastAlgorithm, Backtest> backtests = new EnumMap<>(ForecastAlgorithm.class);
        List<LeaderboardRow> rows = new ArrayList<>();
        Map<String, QualityReport.Model> quality = new HashMap<>();
        Map<ForecastAlgorithm, double[]> objectivePerWindow = new EnumMap<>(ForecastAlgorithm.class);
        double[][][] naive2Means = naive2Means(series, cutoff, h, m);
        boolean budgetHit = false;
        long scoreNanos = 0;
        boolean anyIntermittent = series.stream().anyMatch(x -> Croston.intermittent(x.values()));
        // models run in enum order: NAIVE and SEASONAL_NAIVE first, and always (they are cheap), so a result exists
        for (ForecastAlgorithm a : job.algorithms()) {
            if ((a == ForecastAlgorithm.CROSTON || a == ForecastAlgorithm.TSB) && !anyIntermittent
                    && job.algorithms().size() > 1) {
                warnings.add(a + " not run: no series has a zero share of 30% or more");
                continue;
            }
            if (control.stopRequested()) {
                events.info(Stage.SEARCH, "model not started: the job was stopped", "model", a);
                continue;
            }
            if (!cheap(a) && System.nanoTime() > trainingLimit(0) - (long) (budgetNanos * MIN_START_SHARE)) {
                warnings.add("maxJobRuntime reached: " + a + " not run");
                budgetHit = true;
                continue;
            }
            if (a == ForecastAlgorithm.GLOBAL_GBM && !LightGbmNatives.isAvailable()) {
                String why = LightGbmNatives.unavailableReason().orElse("LightGBM is not available");
                if (job.algorithms().size() == 1) {
                    throw new IllegalStateException("GLOBAL_GBM cannot run: " + why);
                }
                warnings.add("GLOBAL_GBM not run: " + why);
                continue;
            }
            logged = flushWarnings(warnings, logged, Stage.SEARCH);
            events.info(Stage.SEARCH, "model started", "model", a);
            Backtest b = a == ForecastAlgorithm.GLOBAL_GBM
                    ? backtestGlobal(loaded, cutoff, h, m, levels, warnings)
                    : backtest(a, series, cutoff, h, m, levels, loaded.frequency(), loaded.covariates());
            if (b.cut()) {
                if (control.stopRequested()) {
                    events.info(Stage.SEARCH, "model stopped: the job was stopped", "model", a, "fits", b.done,
                            "of", b.total, "seconds", fmt(b.seconds));
                } else {
                    if (!(a == ForecastAlgorithm.GLOBAL_GBM && gbmDropped)) {
                        warnings.add("maxJobRuntime reached: " + a + " stopped after " + b.done + " of " + b.total
                                + " series fits and dropped");
                    }
                    budgetHit = true;
                }
                continue;
            }
            backtests.put(a, b);
            budgetHit |= gbmTimeLimited;
            refitReserve += (long) (b.refitSeconds(windows) * 1e9);
            long ts = System.nanoTime();
            Scores s = score(series, cutoff, h, levels, masePeriod, naive2Means, Map.of(a, b.predictions),
                    Map.of(a, 1.0));
            scoreNanos += System.nanoTime() - ts;
            objectivePerWindow.put(a, s.objective);
            for (int k = 0; k < s.objective.length; k++) {
                if (Double.isNaN(s.objective[k])) {
                    warnings.add(a + ": " + job.objectiveMetric() + " is undefined in backtest window "
                            + (k + 1) + " (zero denominator); the window is excluded from selection (FCST-R17)");
                }
            }
            LeaderboardRow row = row(a.name(), s, b.seconds, Map.of(), b.fallbacks);
            rows.add(row);
            quality.put(a.name(), Reports.model(a.name(), s.perWindow, s.scored, s.wql, levels, b.seconds, Map.of(),
                    b.fallbacks));
            control.update(row);
            logged = flushWarnings(warnings, logged, Stage.SEARCH);
            events.info(Stage.SEARCH, "model completed", "model", a, "seconds", fmt(b.seconds),
                    "objective", fmt(row.objective()), "metric", job.objectiveMetric(),
                    "fallbackSeries", b.fallbacks);
        }
        boolean stopped = control.stopRequested();
        logged = flushWarnings(warnings, logged, Stage.SEARCH);
        if (backtests.isEmpty()) {
            String reason = stopped ? "the job was stopped before any model completed"
                    : budgetHit ? "no model completed within " + job.maxJobRuntime().orElseThrow()
                    : "no model completed";
            events.warn(Stage.SELECTION, "job failed: " + reason);
            throw new TrainingFailedException(reason);
        }

        Map<ForecastAlgorithm, Double> chosen;
        String chosenName;
        Map<ForecastAlgorithm, Double> ensembleWeights = null;
        if (job.ensemble() && backtests.size() >= 2) {
            // 25 rounds × models scorings, each about as long as one model's scoring above
            long ensembleNanos = (ENSEMBLE_ROUNDS * backtests.size() + 1L) * (scoreNanos / backtests.size());
            if (stopped) {
                events.info(Stage.ENSEMBLE, "ensemble skipped: the job was stopped");
            } else if (budgetNanos >= 0
                    && System.nanoTime() + ensembleNanos > deadline - (long) (RESERVE_FACTOR * refitReserve)) {
                warnings.add("maxJobRuntime reached: ENSEMBLE not built");
                budgetHit = true;
            } else {
                long te = System.nanoTime();
                Map<ForecastAlgorithm, Prediction[][]> preds = new EnumMap<>(ForecastAlgorithm.class);
                backtests.forEach((a, b) -> preds.put(a, b.predictions));
                Map<ForecastAlgorithm, Double> weights = greedy(series, cutoff, h, levels, masePeriod, naive2Means,
                        preds);
                Scores s = score(series, cutoff, h, levels, masePeriod, naive2Means, preds, weights);
                double fitSeconds = backtests.entrySet().stream().filter(x -> weights.containsKey(x.getKey()))
                        .mapToDouble(x -> x.getValue().seconds).sum() + (System.nanoTime() - te) / 1e9;
                LeaderboardRow row = row("ENSEMBLE", s, fitSeconds, weights, 0);
                rows.add(row);
                quality.put("ENSEMBLE", Reports.model("ENSEMBLE", s.perWindow, s.scored, s.wql, levels, fitSeconds,
                        weights, 0));
                control.update(row);
                ensembleWeights = weights;
                events.info(Stage.ENSEMBLE, "ensemble built", "weights", weights, "objective",
                        fmt(row.objective()), "seconds", fmt((System.nanoTime() - te) / 1e9));
            }
        }
        rows.sort(Comparator.comparingDouble((LeaderboardRow r) -> Double.isNaN(r.objective())
                ? Double.POSITIVE_INFINITY : r.objective()));
        LeaderboardRow best = rows.get(0);
        if (best.model().equals("ENSEMBLE")) {
            chosen = best.weights();
            chosenName = "ENSEMBLE";
        } else {
            chosen = Map.of(ForecastAlgorithm.valueOf(best.model()), 1.0);
            chosenName = best.model();
        }
        logged = flushWarnings(warnings, logged, Stage.ENSEMBLE);
        events.info(Stage.SELECTION, "best model selected; refit on the full history and final forecasts",
                "model", chosenName, "objective", fmt(best.objective()), "metric", job.objectiveMetric());
        long tr = System.nanoTime();
        GlobalGbm.Model gbm = null;
        if (chosen.containsKey(ForecastAlgorithm.GLOBAL_GBM)) {
            // refit on the full history with the rounds the backtests used (fewer only if the deadline cut them)
            int[] full = series.stream().mapToInt(Series::length).toArray();
            int refitRounds = gbmRounds;
            gbm = GlobalGbm.fit(series, full, loaded.covariates(), loaded.schema(), loaded.frequency(), m, levels,
                    Models.seed(job.seed(), "", 0, ForecastAlgorithm.GLOBAL_GBM), job.threads(),
                    extraFeatures(job, loaded.frequency()), budget(() -> deadline, false), refitRounds, true);
            events.info(Stage.SELECTION, "GLOBAL_GBM refit on the full history", "boosters", levels.length + 1,
                    "roundsPerBooster", gbm.rounds(), "timeLimited", gbm.timeLimited());
            if (gbm.timeLimited()) {
                warnings.add("maxJobRuntime reached: the GLOBAL_GBM refit trained " + gbm.rounds() + " of "
                        + refitRounds + " rounds per booster (all " + (levels.length + 1) + " boosters alike)");
                budgetHit = true;
            }
        }
        ForecasterImpl forecaster = new ForecasterImpl(job, chosenName, chosen, loaded.frequency(), m, gbm);
        ForecastTable forecasts = forecaster.predict(series, loaded.frequency(), m, finalCovariates);
        List<BacktestRow> export = export(series, cutoff, h, loaded.frequency(), backtests, ensembleWeights,
                job.groupingColumns().size(), job.timestampLabel());
        stopped |= control.stopRequested();
        ForecastExplanation explanation;
        if (stopped) {
            explanation = ForecastExplanation.none("skipped: the job was stopped");
        } else if (budgetNanos >= 0 && System.nanoTime() >= deadline) {
            warnings.add("maxJobRuntime reached: explainability (FCST-R20) skipped");
            budgetHit = true;
            explanation = ForecastExplanation.none("skipped: maxJobRuntime reached");
        } else {
            explanation = explain(chosenName, chosen, loaded, gbm, finalCovariates, h, warnings);
        }
        flushWarnings(warnings, logged, Stage.SELECTION);
        SecondaryStatus end = stopped ? SecondaryStatus.STOPPED : budgetHit
                ? SecondaryStatus.MAX_AUTO_ML_JOB_RUNTIME_REACHED : SecondaryStatus.COMPLETED;
        boolean reproducible = budgetNanos < 0 && !stopped;
        String reproducibleReason = stopped ? "stopped on request: which models completed depends on timing"
                : budgetNanos >= 0 ? "time budget (maxJobRuntime): which models finish depends on timing"
                : "count budget and fixed seed";
        QualityReport qualityReport = new QualityReport(job.name(), List.copyOf(job.algorithms()), job.seed(),
                series.size(), job.objectiveMetric(), h,
                Arrays.stream(levels).boxed().toList(), windows, offset, loaded.frequency(), m, chosenName,
                rows.stream().map(r -> quality.get(r.model())).toList());
        double seconds = (System.nanoTime() - t0) / 1e9;
        events.info(Stage.SELECTION, stopped ? "job stopped" : "job completed", "completionReason", end,
                "model", chosenName, "completed", backtests.size(), "planned", job.algorithms().size(),
                "refitSeconds", fmt((System.nanoTime() - tr) / 1e9), "wallSeconds", fmt(seconds));
        control.transition(end);
        Map<String, String> resolved = new LinkedHashMap<>();
        resolved.put("frequency", loaded.frequency().toString());
        resolved.put("seasonalPeriod", Integer.toString(m));
        resolved.put("series", Integer.toString(series.size()));
        resolved.put("backtestOffset", Integer.toString(offset));
        resolved.put("finalModel", chosenName);
        resolved.put("finalWeights", chosen.toString());
        resolved.put("completedModels", backtests.keySet().toString());
        ForecastProvenance provenance = new ForecastProvenance(job.name(), job.toSpecMap(), resolved, job.seed(),
                fingerprint, RuntimeInfo.current(Version.LIBRARY), startTime, job.clock().instant(), reproducible,
                reproducibleReason);
        return new ForecastResult(job, loaded.frequency(), m, rows, forecaster, forecasts, series.size(), warnings,
                seconds, export, dataReport, qualityReport, explanation, end, control.events(), provenance);
    }

    /** The data fingerprint of provenance over the columns the job uses, each with its role (AUTOML-R57). */
    private String fingerprint(Dataset data) {
        LinkedHashMap<String, String> cols = new LinkedHashMap<>();
        cols.put(job.itemId(), "ITEM_ID");
        for (String c : job.groupingColumns()) {
            cols.put(c, "GROUPING");
        }
        cols.put(job.timestamp(), "TIMESTAMP");
        cols.put(job.target(), "TARGET");
        for (String c : job.knownCovariates()) {
            cols.put(c, "KNOWN_COVARIATE");
        }
        for (String c : job.staticFeatures()) {
            cols.put(c, "STATIC_FEATURE");
        }
        return Fingerprint.of(data, cols);
    }

    /** Explainability of the final forecaster (FCST-R20); a failure becomes a WARN and a stated reason. */
    private ForecastExplanation explain(String name, Map<ForecastAlgorithm, Double> chosen,
                                        SeriesLoader.Loaded loaded, GlobalGbm.Model gbm,
                                        List<SeriesCovariates> covariates, int h, List<String> warnings) {
        try {
            return Explainer.explain(job, name, chosen, loaded.series(), loaded.frequency(), loaded.schema(), gbm,
                    covariates, h);
        } catch (RuntimeException e) {
            String why = "explainability failed: " + e.getMessage();
            LOG.debug("explainability failure (reported as a warning)", e);
            warnings.add(why + " (FCST-R20)");
            return ForecastExplanation.none(why);
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    /** WARN when series or their horizon reach outside the years of the bundled holiday calendars (FCST-R15). */
    private static void holidayCoverage(String country, List<Series> series, Frequency f, int h,
                                        List<String> warnings) {
        HolidayCalendar cal = HolidayCalendar.of(country);
        int outside = 0;
        for (Series s : series) {
            java.time.LocalDate first = s.start().toLocalDate();
            java.time.LocalDate last = f.plus(s.start(), s.length() + (long) h).toLocalDate().minusDays(1);
            if (!cal.covers(first) || !cal.covers(last)) {
                outside++;
            }
        }
        if (outside > 0) {
            warnings.add(outside + " series reach outside the holiday calendar years " + cal.firstYear() + "–"
                    + cal.lastYear() + " (with the horizon); days outside count as non-holidays (holidayCountry "
                    + country + ", FCST-R15)");
        }
    }

    /** Backtest export rows (FCST-R19): every scored point of every model and of the ensemble. */
    private static List<BacktestRow> export(List<Series> series, int[][] cutoff, int h, Frequency f,
                                            Map<ForecastAlgorithm, Backtest> backtests,
                                            Map<ForecastAlgorithm, Double> ensembleWeights, int grouping,
                                            TimestampLabel label) {
        List<BacktestRow> out = new ArrayList<>();
        for (int k = 0; k < cutoff.length; k++) {
            for (int i = 0; i < series.size(); i++) {
                int c = cutoff[k][i];
                if (c < 0) {
                    continue;
                }
                Series s = series.get(i);
                Map<ForecastAlgorithm, Prediction> members = new EnumMap<>(ForecastAlgorithm.class);
                for (Map.Entry<ForecastAlgorithm, Backtest> e : backtests.entrySet()) {
                    members.put(e.getKey(), e.getValue().predictions[k][i]);
                    add(out, s, k, c, h, f, e.getKey().name(), e.getValue().predictions[k][i], grouping,
                            label);
                }
                if (ensembleWeights != null) {
                    add(out, s, k, c, h, f, "ENSEMBLE", Models.combine(ensembleWeights, members), grouping,
                            label);
                }
            }
        }
        return out;
    }

    private static void add(List<BacktestRow> out, Series s, int k, int c, int h, Frequency f, String model,
                            Prediction p, int grouping, TimestampLabel label) {
        double[][] q = p.quantiles();
        for (int t = 0; t < h; t++) {
            double[] qs = new double[q.length];
            for (int j = 0; j < q.length; j++) {
                qs[j] = q[j][t];
            }
            out.add(new BacktestRow(SeriesKey.itemId(s.id(), grouping), SeriesKey.groupingValues(s.id(), grouping),
                    k + 1, f.label(f.plus(s.start(), c + t), label), model, s.values()[c + t], p.mean()[t], qs));
        }
    }

    /** Whether the budget cut GLOBAL_GBM's backtest rounds. */
    private boolean gbmTimeLimited;

    /** Rounds GLOBAL_GBM trained per booster in its backtests (the final refit uses as many). */
    private int gbmRounds = GlobalGbm.ROUNDS;

    /**
     * A GLOBAL_GBM budget: stops on a stop request (if honoured), interruption, or when {@link System#nanoTime()}
     * passes the limit (re-read at every call; none without a time budget).
     */
    private GlobalGbm.Budget budget(java.util.function.LongSupplier limit, boolean honourStopRequests) {
        return () -> (honourStopRequests && control.stopRequested()) || Thread.currentThread().isInterrupted()
                || (budgetNanos >= 0 && System.nanoTime() > limit.getAsLong());
    }

    /**
     * Per-timestamp extra features of GLOBAL_GBM: the holiday features of the job's holiday country (FCST-R15), none
     * without one.
     *
     * @param job the job
     * @param f   the frequency
     * @return the hook
     */
    static TimestampFeatures extraFeatures(ForecastJob job, Frequency f) {
        return job.holidayCountry().<TimestampFeatures>map(c -> new HolidayTimestampFeatures(c, f))
                .orElse(TimestampFeatures.NONE);
    }

    /**
     * GLOBAL_GBM backtests: per window, one model trained on the training parts of every scored series, forecasting
     * their test ranges with the covariates' actual values there (they are known, FCST-R14). Rounds stop when the
     * training would run into the refit reserve (its own refit estimated as this window's training time so far), on
     * a stop request (then the backtest is dropped) or on interruption; the boosters (mean and one per quantile)
     * train round-robin, share the time and end alike ({@link GlobalGbm#fit}); when not even one round of each fits,
     * the model is dropped with a warning. A later window and the refit train at most as many rounds as a cut one.
     */
    private Backtest backtestGlobal(SeriesLoader.Loaded loaded, int[][] cutoff, int h, int m, double[] levels,
                                    List<String> warnings) {
        long t = System.nanoTime();
        List<Series> series = loaded.series();
        Prediction[][] out = new Prediction[cutoff.length][];
        boolean limited = false;
        int total = cutoff.length;
        for (int k = 0; k < cutoff.length; k++) {
            out[k] = new Prediction[series.size()];
            if (Arrays.stream(cutoff[k]).noneMatch(c -> c >= 2)) {
                continue; // no series is scored in this window
            }
            if (control.stopRequested()) {
                return new Backtest(null, (System.nanoTime() - t) / 1e9, 0, k, total);
            }
            long tk = System.nanoTime();
            GlobalGbm.Model model;
            try {
                model = GlobalGbm.fit(series, cutoff[k], loaded.covariates(), loaded.schema(), loaded.frequency(), m,
                        levels, Models.seed(job.seed(), "", k + 1, ForecastAlgorithm.GLOBAL_GBM), job.threads(),
                        extraFeatures(job, loaded.frequency()),
                        budget(() -> trainingLimit(System.nanoTime() - tk), true), gbmRounds, false);
            } catch (GlobalGbm.BudgetTooShortException e) {
                if (control.stopRequested()) {
                    return new Backtest(null, (System.nanoTime() - t) / 1e9, 0, k, total);
                }
                warnings.add("maxJobRuntime reached: GLOBAL_GBM dropped in backtest window " + (k + 1) + " of "
                        + total + ": " + e.getMessage());
                gbmDropped = true;
                return new Backtest(null, (System.nanoTime() - t) / 1e9, 0, k, total);
            }
            if (control.stopRequested()) {
                return new Backtest(null, (System.nanoTime() - t) / 1e9, 0, k, total);
            }
            gbmRounds = Math.min(gbmRounds, model.rounds());
            limited |= model.timeLimited();
            events.info(Stage.SEARCH, "GLOBAL_GBM window trained", "window", k + 1, "boosters", levels.length + 1,
                    "roundsPerBooster", model.rounds(), "timeLimited", model.timeLimited(),
                    "seconds", fmt((System.nanoTime() - tk) / 1e9));
            Prediction[] p = GlobalGbm.predict(model, series, cutoff[k], loaded.covariates(), h, job.threads());
            for (int i = 0; i < series.size(); i++) {
                out[k][i] = cutoff[k][i] >= 0 ? p[i] : null;
            }
        }
        if (limited) {
            warnings.add("maxJobRuntime reached: GLOBAL_GBM trained " + gbmRounds + " of " + GlobalGbm.ROUNDS
                    + " rounds per booster (all " + (levels.length + 1) + " boosters alike)");
            gbmTimeLimited = true;
        }
        return new Backtest(out, (System.nanoTime() - t) / 1e9, 0, total, total);
    }

    /** Whether GLOBAL_GBM was dropped because not even one round of its boosters fit (its warning says so). */
    private boolean gbmDropped;

    /**
     * Fits a local model's backtests run before their rate is measured (the first ones run cold), and fits the rate
     * is then measured over before it is projected.
     */
    static final int MIN_FITS_FOR_PROJECTION = 5;

    /**
     * Per-series backtests of a local model, in parallel on the job's threads. Before each series fit a task checks
     * the stop request and, unless the model is one of the cheap ones that always run, the budget: past the
     * training limit (the deadline minus the refit reserve), or, once a rate was measured over the fits after the
     * first warm-up ones ({@value #MIN_FITS_FOR_PROJECTION} or 2 per thread each), when the remaining fits plus this
     * model's own refit (about one fit per series) would run past it, the remaining fits are skipped and the
     * backtest is dropped, leaving the time to the next models.
     */
    private Backtest backtest(ForecastAlgorithm a, List<Series> series, int[][] cutoff, int h, int m,
                              double[] levels, Frequency f, List<SeriesCovariates> covariates) {
        String country = job.holidayCountry().orElse(null);
        long t = System.nanoTime();
        int windows = cutoff.length;
        int n = series.size();
        Prediction[][] out = new Prediction[windows][n];
        AtomicInteger fallbacks = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicBoolean cut = new AtomicBoolean();
        boolean timed = budgetNanos >= 0 && !cheap(a);
        int total = 0;
        for (int[] c : cutoff) {
            total += (int) Arrays.stream(c).filter(x -> x >= 0).count();
        }
        int totalFits = total;
        int minSample = Math.max(MIN_FITS_FOR_PROJECTION, 2 * job.threads());
        AtomicLong markTime = new AtomicLong();
        ForecasterImpl.runOn(job.threads(), () -> IntStream.range(0, windows * n).parallel().forEach(task -> {
            int k = task / n;
            int i = task % n;
            if (cutoff[k][i] < 0 || cut.get()) {
                return;
            }
            if (control.stopRequested()) {
                cut.set(true);
                return;
            }
            if (timed) {
                long now = System.nanoTime();
                int d = done.get();
                boolean over = now > trainingLimit(0);
                if (d >= minSample) {
                    markTime.compareAndSet(0, now); // the rate is measured from here: the first fits ran cold
                }
                int measured = d - minSample;
                if (!over && measured >= minSample) {
                    // at the rate measured since the mark: the remaining backtest fits, then a refit of about n fits
                    double perFit = (now - markTime.get()) / (double) measured;
                    over = now + (long) (perFit * (totalFits - d)) > trainingLimit((long) (perFit * n));
                }
                if (over) {
                    cut.set(true);
                    return;
                }
            }
            Series s = series.get(i);
            double[] train = Arrays.copyOf(s.values(), cutoff[k][i]);
            // PROPHET_LIKE's regressors: the covariates' actual values in the test range (they are known, FCST-R14)
            TimeAxis axis = new TimeAxis(s.start(), f, country).withRegressors(
                    a == ForecastAlgorithm.PROPHET_LIKE ? covariates.get(i) : null);
            Models.Outcome o = Models.run(a, train, axis, h, m, levels,
                    Models.seed(job.seed(), s.id(), k + 1, a));
            out[k][i] = o.prediction();
            if (o.fallback()) {
                fallbacks.incrementAndGet();
            }
            done.incrementAndGet();
        }));
        double seconds = (System.nanoTime() - t) / 1e9;
        return new Backtest(cut.get() ? null : out, seconds, fallbacks.get(), done.get(), total);
    }

    private static double[][][] naive2Means(List<Series> series, int[][] cutoff, int h, int m) {
        double[][][] out = new double[cutoff.length][series.size()][];
        for (int k = 0; k < cutoff.length; k++) {
            for (int i = 0; i < series.size(); i++) {
                if (cutoff[k][i] >= 0) {
                    out[k][i] = NaiveModels.naive2(Stats.interpolate(
                            Arrays.copyOf(series.get(i).values(), cutoff[k][i])), h, m);
                }
            }
        }
        return out;
    }

    /**
     * Metrics per window of a weighted combination; objective per window; every metric, scored series and wQL per
     * level ([window][level]) per window for the quality report (FCST-R19).
     */
    private record Scores(Map<ForecastMetric, Double> mean, double[] objective, double std,
                          List<Map<ForecastMetric, Double>> perWindow, int[] scored, double[][] wql) {
    }

    private Scores score(List<Series> series, int[][] cutoff, int h, double[] levels, int masePeriod,
                         double[][][] naive2, Map<ForecastAlgorithm, Prediction[][]> preds,
                         Map<ForecastAlgorithm, Double> weights) {
        int windows = cutoff.length;
        Map<ForecastMetric, Double> sum = new EnumMap<>(ForecastMetric.class);
        Map<ForecastMetric, Integer> cnt = new EnumMap<>(ForecastMetric.class);
        double[] objective = new double[windows];
        List<Map<ForecastMetric, Double>> perWindow = new ArrayList<>();
        int[] scoredSeries = new int[windows];
        double[][] wql = new double[windows][levels.length];
        for (int k = 0; k < windows; k++) {
            List<Metrics.Scored> scored = new ArrayList<>();
            for (int i = 0; i < series.size(); i++) {
                int c = cutoff[k][i];
                if (c < 0) {
                    continue;
                }
                double[] v = series.get(i).values();
                Prediction p;
                if (weights.size() == 1) {
                    p = preds.get(weights.keySet().iterator().next())[k][i];
                } else {
                    Map<ForecastAlgorithm, Prediction> members = new EnumMap<>(ForecastAlgorithm.class);
                    for (ForecastAlgorithm a : weights.keySet()) {
                        members.put(a, preds.get(a)[k][i]);
                    }
                    p = Models.combine(weights, members);
                }
                scored.add(new Metrics.Scored(Arrays.copyOfRange(v, c, c + h), p.mean(), p.quantiles(),
                        Arrays.copyOf(v, c), naive2[k][i]));
            }
            Map<ForecastMetric, Double> mt = Metrics.all(scored, levels, masePeriod);
            perWindow.add(mt);
            scoredSeries[k] = scored.size();
            for (int j = 0; j < levels.length; j++) {
                wql[k][j] = Metrics.wql(scored, j, levels[j]);
            }
            for (Map.Entry<ForecastMetric, Double> e : mt.entrySet()) {
                if (!Double.isNaN(e.getValue())) {
                    sum.merge(e.getKey(), e.getValue(), Double::sum);
                    cnt.merge(e.getKey(), 1, Integer::sum);
                }
            }
            objective[k] = mt.get(job.objectiveMetric());
        }
        Map<ForecastMetric, Double> mean = new EnumMap<>(ForecastMetric.class);
        for (ForecastMetric metric : ForecastMetric.values()) {
            mean.put(metric, cnt.containsKey(metric) ? sum.get(metric) / cnt.get(metric) : Double.NaN);
        }
        double std = Reports.meanStd(objective)[1];
        return new Scores(mean, objective, Double.isNaN(std) ? 0 : std, perWindow, scoredSeries, wql);
    }

    private LeaderboardRow row(String name, Scores s, double seconds, Map<ForecastAlgorithm, Double> weights,
                               int fallbacks) {
        return new LeaderboardRow(name, s.mean.get(job.objectiveMetric()), s.std, s.mean, seconds, weights,
                fallbacks);
    }

    /**
     * Caruana greedy selection with replacement: {@value #ENSEMBLE_ROUNDS} rounds, each adding the model whose
     * inclusion gives the lowest objective averaged over windows (ties → enum order); weights = counts / rounds.
     */
    private Map<ForecastAlgorithm, Double> greedy(List<Series> series, int[][] cutoff, int h, double[] levels,
                                                  int masePeriod, double[][][] naive2,
                                                  Map<ForecastAlgorithm, Prediction[][]> preds) {
        Map<ForecastAlgorithm, Integer> counts = new EnumMap<>(ForecastAlgorithm.class);
        int total = 0;
        for (int round = 0; round < ENSEMBLE_ROUNDS; round++) {
            ForecastAlgorithm bestA = null;
            double bestV = Double.POSITIVE_INFINITY;
            for (ForecastAlgorithm a : preds.keySet()) {
                Map<ForecastAlgorithm, Double> w = new EnumMap<>(ForecastAlgorithm.class);
                for (Map.Entry<ForecastAlgorithm, Integer> c : counts.entrySet()) {
                    w.put(c.getKey(), c.getValue() / (double) (total + 1));
                }
                w.merge(a, 1.0 / (total + 1), Double::sum);
                double v = meanOf(score(series, cutoff, h, levels, masePeriod, naive2, preds, w).objective);
                if (v < bestV) {
                    bestV = v;
                    bestA = a;
                }
            }
            if (bestA == null) {
                bestA = preds.keySet().iterator().next();
            }
            counts.merge(bestA, 1, Integer::sum);
            total++;
        }
        Map<ForecastAlgorithm, Double> weights = new EnumMap<>(ForecastAlgorithm.class);
        for (Map.Entry<ForecastAlgorithm, Integer> c : counts.entrySet()) {
            weights.put(c.getKey(), c.getValue() / (double) ENSEMBLE_ROUNDS);
        }
        return weights;
    }

    /** @return the mean of the defined values, +∞ when none (a model without any scored window ranks last) */
    private static double meanOf(double[] v) {
        double m = Reports.meanStd(v)[0];
        return Double.isNaN(m) ? Double.POSITIVE_INFINITY : m;
    }
}
