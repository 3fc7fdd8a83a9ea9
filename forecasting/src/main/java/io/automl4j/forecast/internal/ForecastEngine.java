package io.automl4j.forecast.internal;

import io.automl4j.api.InvalidJobSpecException;
import io.automl4j.api.data.Dataset;
import io.automl4j.core.internal.learn.LightGbmNatives;
import io.automl4j.forecast.BacktestRow;
import io.automl4j.forecast.DataReport;
import io.automl4j.forecast.ForecastAlgorithm;
import io.automl4j.forecast.ForecastExplanation;
import io.automl4j.forecast.ForecastJob;
import io.automl4j.forecast.ForecastMetric;
import io.automl4j.forecast.ForecastResult;
import io.automl4j.forecast.ForecastTable;
import io.automl4j.forecast.Frequency;
import io.automl4j.forecast.LeaderboardRow;
import io.automl4j.forecast.QualityReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
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

    /** Backtest predictions of one algorithm: [window][series], null where the series is not scored. */
    private record Backtest(Prediction[][] predictions, double seconds, int fallbacks) {
    }

    /**
     * @param data long-format table
     * @return the result
     */
    public ForecastResult fit(Dataset data, Dataset futureCovariates) {
        long t0 = System.nanoTime();
        long deadline = job.maxJobRuntime().map(d -> t0 + d.toNanos()).orElse(Long.MAX_VALUE);
        SeriesLoader.Loaded loaded = SeriesLoader.load(data, job, null, null);
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

        Map<ForecastAlgorithm, Backtest> backtests = new EnumMap<>(ForecastAlgorithm.class);
        boolean anyIntermittent = series.stream().anyMatch(x -> Croston.intermittent(x.values()));
        for (ForecastAlgorithm a : job.algorithms()) {
            if ((a == ForecastAlgorithm.CROSTON || a == ForecastAlgorithm.TSB) && !anyIntermittent
                    && job.algorithms().size() > 1) {
                warnings.add(a + " not run: no series has a zero share of 30% or more");
                continue;
            }
            if (!backtests.isEmpty() && System.nanoTime() > deadline) {
                warnings.add("maxJobRuntime reached: " + a + " not run");
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
            backtests.put(a, a == ForecastAlgorithm.GLOBAL_GBM
                    ? backtestGlobal(loaded, cutoff, h, m, levels, deadline, warnings)
                    : backtest(a, series, cutoff, h, m, levels, loaded.frequency(), loaded.covariates()));
            LOG.info("{}: backtests of {} series in {} s", a, series.size(),
                    String.format("%.2f", backtests.get(a).seconds));
        }

        // scoring
        List<LeaderboardRow> rows = new ArrayList<>();
        Map<String, QualityReport.Model> quality = new HashMap<>();
        Map<ForecastAlgorithm, double[]> objectivePerWindow = new EnumMap<>(ForecastAlgorithm.class);
        double[][][] naive2Means = naive2Means(series, cutoff, h, m);
        for (Map.Entry<ForecastAlgorithm, Backtest> e : backtests.entrySet()) {
            Map<ForecastAlgorithm, Prediction[][]> single = Map.of(e.getKey(), e.getValue().predictions);
            Map<ForecastAlgorithm, Double> w = Map.of(e.getKey(), 1.0);
            Scores s = score(series, cutoff, h, levels, masePeriod, naive2Means, single, w);
            objectivePerWindow.put(e.getKey(), s.objective);
            for (int k = 0; k < s.objective.length; k++) {
                if (Double.isNaN(s.objective[k])) {
                    warnings.add(e.getKey() + ": " + job.objectiveMetric() + " is undefined in backtest window "
                            + (k + 1) + " (zero denominator); the window is excluded from selection (FCST-R17)");
                }
            }
            rows.add(row(e.getKey().name(), s, e.getValue().seconds, Map.of(), e.getValue().fallbacks));
            quality.put(e.getKey().name(), Reports.model(e.getKey().name(), s.perWindow, s.scored, s.wql, levels,
                    e.getValue().seconds, Map.of(), e.getValue().fallbacks));
        }

        Map<ForecastAlgorithm, Double> chosen;
        String chosenName;
        Map<ForecastAlgorithm, Double> ensembleWeights = null;
        if (job.ensemble() && backtests.size() >= 2) {
            long te = System.nanoTime();
            Map<ForecastAlgorithm, Prediction[][]> preds = new EnumMap<>(ForecastAlgorithm.class);
            backtests.forEach((a, b) -> preds.put(a, b.predictions));
            Map<ForecastAlgorithm, Double> weights = greedy(series, cutoff, h, levels, masePeriod, naive2Means,
                    preds);
            Scores s = score(series, cutoff, h, levels, masePeriod, naive2Means, preds, weights);
            double fitSeconds = backtests.entrySet().stream().filter(x -> weights.containsKey(x.getKey()))
                    .mapToDouble(x -> x.getValue().seconds).sum() + (System.nanoTime() - te) / 1e9;
            rows.add(row("ENSEMBLE", s, fitSeconds, weights, 0));
            quality.put("ENSEMBLE", Reports.model("ENSEMBLE", s.perWindow, s.scored, s.wql, levels, fitSeconds,
                    weights, 0));
            ensembleWeights = weights;
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
        GlobalGbm.Model gbm = null;
        if (chosen.containsKey(ForecastAlgorithm.GLOBAL_GBM)) {
            // refit on the full history with the rounds the backtests used (fewer only if the deadline cut them)
            int[] full = series.stream().mapToInt(Series::length).toArray();
            gbm = GlobalGbm.fit(series, full, loaded.covariates(), loaded.schema(), loaded.frequency(), m, levels,
                    Models.seed(job.seed(), "", 0, ForecastAlgorithm.GLOBAL_GBM), job.threads(),
                    extraFeatures(job, loaded.frequency()), () -> Thread.currentThread().isInterrupted(),
                    gbmRounds);
        }
        ForecasterImpl forecaster = new ForecasterImpl(job, chosenName, chosen, loaded.frequency(), m, gbm);
        ForecastTable forecasts = forecaster.predict(series, loaded.frequency(), m, finalCovariates);
        for (String w : warnings) {
            LOG.warn(w);
        }
        List<BacktestRow> export = export(series, cutoff, h, loaded.frequency(), backtests, ensembleWeights);
        ForecastExplanation explanation = explain(chosenName, chosen, loaded, gbm, finalCovariates, h, warnings);
        QualityReport qualityReport = new QualityReport(job.name(), List.copyOf(job.algorithms()), job.seed(),
                series.size(), job.objectiveMetric(), h,
                Arrays.stream(levels).boxed().toList(), windows, offset, loaded.frequency(), m, chosenName,
                rows.stream().map(r -> quality.get(r.model())).toList());
        return new ForecastResult(job, loaded.frequency(), m, rows, forecaster, forecasts, series.size(), warnings,
                (System.nanoTime() - t0) / 1e9, export, dataReport, qualityReport, explanation);
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
            LOG.warn(why, e);
            warnings.add(why + " (FCST-R20)");
            return ForecastExplanation.none(why);
        }
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
                                            Map<ForecastAlgorithm, Double> ensembleWeights) {
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
                    add(out, s, k, c, h, f, e.getKey().name(), e.getValue().predictions[k][i]);
                }
                if (ensembleWeights != null) {
                    add(out, s, k, c, h, f, "ENSEMBLE", Models.combine(ensembleWeights, members));
                }
            }
        }
        return out;
    }

    private static void add(List<BacktestRow> out, Series s, int k, int c, int h, Frequency f, String model,
                            Prediction p) {
        double[][] q = p.quantiles();
        for (int t = 0; t < h; t++) {
            double[] qs = new double[q.length];
            for (int j = 0; j < q.length; j++) {
                qs[j] = q[j][t];
            }
            out.add(new BacktestRow(s.id(), k + 1, f.plus(s.start(), c + t), model, s.values()[c + t], p.mean()[t],
                    qs));
        }
    }

    /** Rounds GLOBAL_GBM trained in its backtests (the final refit uses as many). */
    private int gbmRounds = GlobalGbm.ROUNDS;

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
     * their test ranges with the covariates' actual values there (they are known, FCST-R14). Rounds stop at the
     * deadline or on interruption.
     */
    private Backtest backtestGlobal(SeriesLoader.Loaded loaded, int[][] cutoff, int h, int m, double[] levels,
                                    long deadline, List<String> warnings) {
        long t = System.nanoTime();
        List<Series> series = loaded.series();
        Prediction[][] out = new Prediction[cutoff.length][];
        boolean limited = false;
        for (int k = 0; k < cutoff.length; k++) {
            out[k] = new Prediction[series.size()];
            if (Arrays.stream(cutoff[k]).noneMatch(c -> c >= 2)) {
                continue; // no series is scored in this window
            }
            GlobalGbm.Model model = GlobalGbm.fit(series, cutoff[k], loaded.covariates(), loaded.schema(),
                    loaded.frequency(), m, levels, Models.seed(job.seed(), "", k + 1, ForecastAlgorithm.GLOBAL_GBM),
                    job.threads(), extraFeatures(job, loaded.frequency()),
                    () -> System.nanoTime() > deadline || Thread.currentThread().isInterrupted(), gbmRounds);
            gbmRounds = Math.min(gbmRounds, model.rounds());
            limited |= model.timeLimited();
            Prediction[] p = GlobalGbm.predict(model, series, cutoff[k], loaded.covariates(), h, job.threads());
            for (int i = 0; i < series.size(); i++) {
                out[k][i] = cutoff[k][i] >= 0 ? p[i] : null;
            }
        }
        if (limited) {
            warnings.add("maxJobRuntime reached: GLOBAL_GBM trained " + gbmRounds + " of " + GlobalGbm.ROUNDS
                    + " rounds");
        }
        return new Backtest(out, (System.nanoTime() - t) / 1e9, 0);
    }

    private Backtest backtest(ForecastAlgorithm a, List<Series> series, int[][] cutoff, int h, int m,
                              double[] levels, Frequency f, List<SeriesCovariates> covariates) {
        String country = job.holidayCountry().orElse(null);
        long t = System.nanoTime();
        int windows = cutoff.length;
        int n = series.size();
        Prediction[][] out = new Prediction[windows][n];
        AtomicInteger fallbacks = new AtomicInteger();
        ForecasterImpl.runOn(job.threads(), () -> IntStream.range(0, windows * n).parallel().forEach(task -> {
            int k = task / n;
            int i = task % n;
            if (cutoff[k][i] < 0) {
                return;
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
        }));
        return new Backtest(out, (System.nanoTime() - t) / 1e9, fallbacks.get());
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
        double mu = 0;
        int n = 0;
        for (double o : objective) {
            if (!Double.isNaN(o)) {
                mu += o;
                n++;
            }
        }
        mu = n == 0 ? Double.NaN : mu / n;
        double var = 0;
        for (double o : objective) {
            if (!Double.isNaN(o)) {
                var += (o - mu) * (o - mu);
            }
        }
        double std = n > 1 ? Math.sqrt(var / (n - 1)) : 0;
        return new Scores(mean, objective, std, perWindow, scoredSeries, wql);
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

    private static double meanOf(double[] v) {
        double s = 0;
        int n = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                s += x;
                n++;
            }
        }
        return n == 0 ? Double.POSITIVE_INFINITY : s / n;
    }
}
