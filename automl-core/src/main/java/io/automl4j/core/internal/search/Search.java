package io.automl4j.core.internal.search;

import io.automl4j.api.Algorithm;
import io.automl4j.api.AutoMLJob;
import io.automl4j.api.AutoMLResult;
import io.automl4j.api.CandidateStatus;
import io.automl4j.api.InvalidJobSpecException;
import io.automl4j.api.Mode;
import io.automl4j.api.ResolvedAttributes;
import io.automl4j.api.Stage;
import io.automl4j.api.TrainingFailedException;
import io.automl4j.api.data.ColumnType;
import io.automl4j.api.data.Dataset;
import io.automl4j.api.eval.EntryKind;
import io.automl4j.api.eval.Leaderboard;
import io.automl4j.api.eval.LeaderboardEntry;
import io.automl4j.api.eval.Metric;
import io.automl4j.api.model.PredictionKey;
import io.automl4j.api.model.Signature;
import io.automl4j.api.provenance.CandidateProvenance;
import io.automl4j.api.provenance.Provenance;
import io.automl4j.api.provenance.RuntimeInfo;
import io.automl4j.core.internal.EventLog;
import io.automl4j.core.internal.Seeds;
import io.automl4j.core.internal.Version;
import io.automl4j.core.internal.cv.Folds;
import io.automl4j.core.internal.data.ColumnData;
import io.automl4j.core.internal.ensemble.GreedyEnsemble;
import io.automl4j.core.internal.hpo.HpoSearch;
import io.automl4j.core.internal.data.DataAnalyzer;
import io.automl4j.core.internal.data.PreparedData;
import io.automl4j.core.internal.learn.FittedLearner;
import io.automl4j.core.internal.learn.LearnContext;
import io.automl4j.core.internal.learn.Learner;
import io.automl4j.core.internal.learn.LearnerCatalog;
import io.automl4j.core.internal.learn.Task;
import io.automl4j.core.internal.learn.TrainData;
import io.automl4j.core.internal.metrics.Metrics;
import io.automl4j.core.internal.model.BaggedModel;
import io.automl4j.core.internal.model.Member;
import io.automl4j.core.internal.plan.Portfolio;
import io.automl4j.core.internal.plan.Step;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The v1 search: every portfolio configuration (AUTOML-R25) trained with k-fold cross-validation (bagging,
 * AUTOML-R27), ranked by its out-of-fold objective; the best model is the winner's k fold models averaged. Stacking,
 * greedy ensembles and HPO come next (see the issue tracker). Candidates run one after another, each learner using
 * {@code job.threads()} native threads; every seed comes from {@link Seeds} in plan order.
 */
public final class Search {
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);
    /** Share of a job budget kept back for what follows training (latency measurement, model assembly). */
    private static final double RESERVE_SHARE = 0.10;

    private final LearnerCatalog catalog;

    public Search(LearnerCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * @param job  the job
     * @param data the training data
     * @return the result
     */
    public AutoMLResult run(AutoMLJob job, Dataset data) {
        InstantSource clock = job.clock();
        Instant start = clock.instant();
        long t0 = System.nanoTime();
        Map<String, Duration> phases = new LinkedHashMap<>();
        EventLog events = new EventLog(clock, job.listeners());
        String jobName = job.name().orElseGet(() -> "automl-" + NAME_TIME.format(start) + "-"
                + HexFormat.of().toHexDigits((short) job.seed()));
        Instant deadline = job.maxJobRuntime().map(start::plus).orElse(null);
        events.info(Stage.VALIDATION, "job started", "job", jobName, "seed", job.seed(), "threads", job.threads(),
                "maxJobRuntime", job.maxJobRuntime().map(Duration::toString).orElse("none"));

        PreparedData prep = DataAnalyzer.analyze(job, data, events);
        long sizeBytes = data.sizeBytes().orElse(data.isInMemory() ? CanonicalSize.of(data) : -1);
        Mode mode = resolveMode(job, sizeBytes, events);
        if (mode == Mode.HYPERPARAMETER_TUNING) {
            return new HpoSearch(catalog).run(job, prep, sizeBytes, events, jobName, start, t0, phases);
        }
        Metric objective = job.objectiveMetric().orElse(Metric.defaultFor(prep.problemType()));
        events.info(Stage.VALIDATION, "objective metric resolved", "metric", objective,
                "default", job.objectiveMetric().isEmpty());
        phases.put("data", Duration.ofNanos(System.nanoTime() - t0));

        Set<Algorithm> allowed = job.algorithms().map(s -> (Set<Algorithm>) EnumSet.copyOf(s))
                .orElse(EnumSet.allOf(Algorithm.class));
        for (Algorithm a : EnumSet.copyOf(allowed)) {
            Optional<String> why = catalog.unavailableReason(a);
            if (why.isPresent()) {
                allowed.remove(a);
                events.warn(Stage.SEARCH, "algorithm " + a + " skipped: " + why.get(), "algorithm", a);
            }
        }
        if (allowed.isEmpty()) {
            throw new InvalidJobSpecException("none of the requested algorithms " + job.algorithms().orElse(Set.of())
                    + " can run on this platform");
        }
        int maxCandidates = job.maxCandidates().orElse(10);
        List<Step> plan = Portfolio.plan(allowed, Math.min(maxCandidates, 10));
        events.info(Stage.SEARCH, "plan ready", "candidates", plan.size(), "folds", job.folds(),
                "steps", plan.stream().map(Step::preset).toList());

        long t1 = System.nanoTime();
        Task task = prep.task();
        Folds folds = Folds.assign(prep.y(), task.numClasses(), Math.min(job.folds(), minClassCount(prep)),
                Seeds.derive(job.seed(), Seeds.SPLIT));
        if (folds.k() < job.folds()) {
            events.warn(Stage.SEARCH, "fewer folds than requested: the smallest class has too few rows",
                    "folds", folds.k(), "requested", job.folds());
        }
        FoldCache cache = new FoldCache(prep, folds, job.seed());
        Instant trainingDeadline = deadline == null ? null
                : deadline.minus(Duration.ofMillis((long) (job.maxJobRuntime().get().toMillis() * RESERVE_SHARE)));
        List<CandidateRun> runs = new ArrayList<>();
        boolean budgetHit = false;
        CandidateRun best = null;
        for (int i = 0; i < plan.size(); i++) {
            Step step = plan.get(i);
            CandidateRun run = new CandidateRun(step, String.format(Locale.ROOT, "%s-%03d-%s", jobName,
                    step.index() + 1, step.algorithm()));
            runs.add(run);
            if (Thread.currentThread().isInterrupted()) {
                run.status = CandidateStatus.STOPPED;
                run.failureReason = "job interrupted";
                continue;
            }
            Instant now = clock.instant();
            if (trainingDeadline != null && !now.isBefore(trainingDeadline)) {
                budgetHit = true;
                run.status = CandidateStatus.STOPPED;
                run.failureReason = "not started: maxJobRuntime " + job.maxJobRuntime().get() + " reached";
                events.warn(Stage.SEARCH, "candidate not started: time budget used up", "candidate", run.name);
                continue;
            }
            Instant candidateDeadline = candidateDeadline(job, now, trainingDeadline, plan.size() - i);
            trainCandidate(run, prep, cache, task, job, clock, candidateDeadline, events);
            if (run.status == CandidateStatus.COMPLETED) {
                run.objective = objective == Metric.INFERENCE_LATENCY ? Double.NaN : run.metrics.get(objective);
                if (objective != Metric.INFERENCE_LATENCY && (best == null
                        || objective.direction().isBetter(run.objective, best.objective))) {
                    best = run;
                }
            }
            if (trainingDeadline != null && !clock.instant().isBefore(trainingDeadline)) {
                budgetHit = true;
            }
            events.info(Stage.SEARCH, "candidate " + run.status.name().toLowerCase(Locale.ROOT),
                    "candidate", run.name, "done", i + 1, "planned", plan.size(),
                    "objective", run.status == CandidateStatus.COMPLETED ? fmt(run.objective) : "-",
                    "best", best == null ? "-" : fmt(best.objective), "bestCandidate", best == null ? "-" : best.name,
                    "elapsedSeconds", fmt((System.nanoTime() - t0) / 1e9),
                    "fitSeconds", fmt(run.fitSeconds));
        }
        cache.clear();
        phases.put("search", Duration.ofNanos(System.nanoTime() - t1));

        long t2 = System.nanoTime();
        List<CandidateRun> completed = runs.stream().filter(r -> r.status == CandidateStatus.COMPLETED).toList();
        if (completed.isEmpty()) {
            String reason = budgetHit ? "no candidate completed within " + job.maxJobRuntime().get()
                    : "no candidate completed: " + failures(runs);
            events.warn(Stage.SELECTION, "job failed: " + reason);
            throw new TrainingFailedException(reason);
        }
        Signature signature = signature(job, prep);
        Map<String, String> dateFormats = new LinkedHashMap<>();
        for (ColumnData c : prep.table().columns()) {
            if (c.type() == ColumnType.DATETIME) {
                dateFormats.put(c.name(), c.dateFormat().name());
            }
        }
        ResolvedAttributes resolved = new ResolvedAttributes(prep.problemType(), prep.problemTypeInferred(), mode,
                objective, prep.positiveIndex() < 0 ? null : prep.labels().get(prep.positiveIndex()), prep.labels(),
                prep.columnTypes(), prep.dropped(), sizeBytes, prep.rows(),
                prep.excludedTarget() + prep.excludedWeight());
        boolean reproducible = job.maxJobRuntime().isEmpty() && job.maxRuntimePerCandidate().isEmpty()
                && objective != Metric.INFERENCE_LATENCY;
        String reproducibleReason = reproducible ? "count budget and fixed seed"
                : objective == Metric.INFERENCE_LATENCY ? "INFERENCE_LATENCY objective depends on timing"
                : "time budget: which candidates finish depends on timing";
        Map<String, String> resolvedMap = resolvedMap(resolved);

        // models, then latency (measured through the full pipeline) and the leaderboard
        Map<String, BaggedModel> models = new LinkedHashMap<>();
        Instant endOfSearch = clock.instant();
        for (CandidateRun r : completed) {
            Provenance p = new Provenance(jobName, job.toSpecMap(), resolvedMap, job.seed(), prep.fingerprint(),
                    List.of(new CandidateProvenance(r.name, r.step.algorithm(), r.hyperparameters, folds.k(), r.seed,
                            r.preprocessing)), RuntimeInfo.current(Version.LIBRARY), start, endOfSearch,
                    reproducible, reproducibleReason);
            BaggedModel m = new BaggedModel(signature, p, dateFormats, r.members);
            models.put(r.name, m);
            Duration latencyBudget = deadline == null ? Duration.ofMillis(500)
                    : Duration.ofMillis(Math.max(0, Math.min(500, Duration.between(clock.instant(), deadline)
                    .toMillis() / (2L * completed.size()))));
            r.metrics.put(Metric.INFERENCE_LATENCY, Latency.measure(m, prep.table(), job.seed(), latencyBudget));
            if (objective == Metric.INFERENCE_LATENCY) {
                r.objective = r.metrics.get(Metric.INFERENCE_LATENCY);
            }
        }
        List<LeaderboardEntry> entries = new ArrayList<>();
        for (CandidateRun r : completed) {
            entries.add(new LeaderboardEntry(0, r.step.index(), r.name, EntryKind.BAGGED, List.of(r.step.algorithm()),
                    Map.of(), r.objective, r.objectiveStd, r.metrics, r.fitSeconds, r.hyperparameters, folds.k()));
        }
        if (completed.size() >= 2 && objective != Metric.INFERENCE_LATENCY) {
            Greedy g = greedy(jobName, plan.size(), completed, prep, folds, objective, job, signature, dateFormats,
                    start, clock, resolvedMap, reproducible, reproducibleReason, deadline, events);
            if (g != null) {
                entries.add(g.entry());
                models.put(g.entry().candidateName(), g.model());
            }
        }
        Leaderboard leaderboard = Leaderboard.of(objective, prep.problemType(), entries);
        String bestName = leaderboard.best().candidateName();
        events.info(Stage.SELECTION, "best model selected", "candidate", bestName, "objective",
                fmt(leaderboard.best().objective()), "metric", objective);
        phases.put("selection", Duration.ofNanos(System.nanoTime() - t2));

        Map<String, String> partial = new LinkedHashMap<>();
        for (CandidateRun r : runs) {
            if (r.status == CandidateStatus.FAILED) {
                partial.put(r.name, r.failureReason);
            }
        }
        String completion = budgetHit ? "MAX_AUTO_ML_JOB_RUNTIME_REACHED" : "MAX_CANDIDATES_REACHED";
        Duration wall = Duration.ofNanos(System.nanoTime() - t0);
        events.info(Stage.SELECTION, "job completed", "completionReason", completion, "wallSeconds",
                fmt(wall.toNanos() / 1e9), "completed", completed.size(), "planned", plan.size());
        return new Result(job, jobName, resolved, leaderboard, runs.stream().map(CandidateRun::toCandidate).toList(),
                models, bestName, events.events(), completion, wall, phases, partial);
    }

    /** A greedy ensemble's leaderboard entry and model. */
    private record Greedy(LeaderboardEntry entry, BaggedModel model) {
    }

    /**
     * AUTOML-R28b over the bagged candidates' out-of-fold predictions; the model averages the selected candidates'
     * fold models with the selection weights. Returns null when selection keeps a single candidate.
     */
    private static Greedy greedy(String jobName, int index, List<CandidateRun> completed, PreparedData prep,
                                 Folds folds, Metric objective, AutoMLJob job, Signature signature,
                                 Map<String, String> dateFormats, Instant start, InstantSource clock,
                                 Map<String, String> resolvedMap, boolean reproducible, String reproducibleReason,
                                 Instant deadline, EventLog events) {
        long t = System.nanoTime();
        List<double[][]> oofs = completed.stream().map(r -> r.oof).toList();
        int rounds = job.ensembleSelectionRounds();
        int[] counts = GreedyEnsemble.select(oofs, prep.task().numClasses(), prep.y(), prep.weights(),
                prep.positiveIndex(), objective, rounds);
        double[] w = new double[counts.length];
        int used = 0;
        for (int c = 0; c < counts.length; c++) {
            w[c] = counts[c] / (double) rounds;
            used += counts[c] > 0 ? 1 : 0;
        }
        if (used < 2) {
            events.info(Stage.ENSEMBLE, "greedy ensemble selection kept a single candidate; no ensemble entry",
                    "candidate", completed.get(java.util.stream.IntStream.range(0, counts.length)
                            .filter(c -> counts[c] > 0).findFirst().orElse(0)).name);
            return null;
        }
        double[][] blended = GreedyEnsemble.blend(oofs, w);
        Map<Metric, Double> metrics = new java.util.EnumMap<>(Metric.class);
        metrics.putAll(Metrics.evaluateAll(prep.problemType(), prep.task().numClasses(), prep.y(), blended,
                prep.weights(), prep.positiveIndex()));
        double[] foldObjectives = new double[folds.k()];
        for (int f = 0; f < folds.k(); f++) {
            int[] v = folds.validation(f);
            double[][] p = new double[v.length][];
            for (int i = 0; i < v.length; i++) {
                p[i] = blended[v[i]];
            }
            foldObjectives[f] = foldObjective(prep, v, p, job, prep.task());
        }
        List<Member> members = new ArrayList<>();
        List<CandidateProvenance> cps = new ArrayList<>();
        Map<String, Double> memberWeights = new LinkedHashMap<>();
        List<Algorithm> algorithms = new ArrayList<>();
        double fitSeconds = 0;
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] == 0) {
                continue;
            }
            CandidateRun r = completed.get(c);
            for (Member m : r.members) {
                members.add(new Member(m.preprocessor(), m.learner(), m.weight() * w[c]));
            }
            cps.add(new CandidateProvenance(r.name, r.step.algorithm(), r.hyperparameters, folds.k(), r.seed,
                    r.preprocessing));
            memberWeights.put(r.name, w[c]);
            if (!algorithms.contains(r.step.algorithm())) {
                algorithms.add(r.step.algorithm());
            }
            fitSeconds += r.fitSeconds;
        }
        String name = String.format(Locale.ROOT, "%s-%03d-%s", jobName, index + 1, "GREEDY_ENSEMBLE");
        Provenance p = new Provenance(jobName, job.toSpecMap(), resolvedMap, job.seed(), prep.fingerprint(), cps,
                RuntimeInfo.current(Version.LIBRARY), start, clock.instant(), reproducible, reproducibleReason);
        BaggedModel model = new BaggedModel(signature, p, dateFormats, members);
        Duration latencyBudget = deadline == null ? Duration.ofMillis(500)
                : Duration.ofMillis(Math.max(0, Math.min(500, Duration.between(clock.instant(), deadline).toMillis() / 2)));
        metrics.put(Metric.INFERENCE_LATENCY, Latency.measure(model, prep.table(), job.seed(), latencyBudget));
        fitSeconds += (System.nanoTime() - t) / 1e9;
        LeaderboardEntry entry = new LeaderboardEntry(0, index, name, EntryKind.GREEDY_ENSEMBLE, algorithms,
                memberWeights, metrics.get(objective), std(foldObjectives), metrics, fitSeconds,
                Map.of("ensembleSelectionRounds", Integer.toString(rounds)), folds.k());
        events.info(Stage.ENSEMBLE, "greedy ensemble built", "candidate", name, "objective",
                fmt(entry.objective()), "members", memberWeights);
        return new Greedy(entry, model);
    }

    private static Mode resolveMode(AutoMLJob job, long sizeBytes, EventLog events) {
        Mode mode = job.mode();
        if (mode == Mode.AUTO) {
            // AUTOML-R11: strictly greater than the threshold, or unknown size -> HPO
            boolean large = sizeBytes < 0 || sizeBytes > job.autoModeThresholdBytes();
            Mode resolved = large ? Mode.HYPERPARAMETER_TUNING : Mode.ENSEMBLING;
            events.info(Stage.VALIDATION, "AUTO resolved to " + resolved, "sizeBytes", sizeBytes,
                    "thresholdBytes", job.autoModeThresholdBytes());
            if (!large && !job.hpoOptionsSet().isEmpty()) {
                events.warn(Stage.VALIDATION, "HYPERPARAMETER_TUNING options ignored in ENSEMBLING mode (AUTOML-R3)",
                        "options", job.hpoOptionsSet());
            }
            return resolved;
        }
        return mode;
    }

    private static int minClassCount(PreparedData prep) {
        if (prep.task().isRegression()) {
            return Integer.MAX_VALUE;
        }
        int[] counts = new int[prep.labels().size()];
        for (double v : prep.y()) {
            counts[(int) v]++;
        }
        int max = Arrays.stream(counts).max().orElse(2);
        // folds need at least 2; a class rarer than k simply lands in fewer folds
        return Math.max(2, Math.min(max, prep.rows() / 2));
    }

    /**
     * Each remaining candidate gets twice its fair share of the remaining training time, and at least 40% of it;
     * computed in exact durations so the last candidate's deadline is exactly the training deadline.
     */
    private static Instant candidateDeadline(AutoMLJob job, Instant now, Instant trainingDeadline, int remaining) {
        Instant d = null;
        if (trainingDeadline != null) {
            Duration left = Duration.between(now, trainingDeadline);
            Duration share = left.multipliedBy(2).dividedBy(Math.max(1, remaining));
            Duration floor = left.multipliedBy(4).dividedBy(10);
            if (share.compareTo(floor) < 0) {
                share = floor;
            }
            d = share.compareTo(left) >= 0 ? trainingDeadline : now.plus(share);
        }
        if (job.maxRuntimePerCandidate().isPresent()) {
            Instant p = now.plus(job.maxRuntimePerCandidate().get());
            d = d == null || p.isBefore(d) ? p : d;
        }
        return d;
    }

    private void trainCandidate(CandidateRun run, PreparedData prep, FoldCache cache, Task task, AutoMLJob job,
                                InstantSource clock, Instant deadline, EventLog events) {
        long start = System.nanoTime();
        try {
            Learner learner = catalog.create(run.step.algorithm(), run.step.overrides());
            run.hyperparameters.putAll(learner.hyperparameters());
            run.weightsIgnored = prep.weights() != null && !learner.supportsWeights();
            run.seed = Seeds.derive(job.seed(), Seeds.CANDIDATE, run.step.index());
            int k = cache.folds().k();
            run.oof = new double[prep.rows()][task.outputWidth()];
            run.foldObjectives = new double[k];
            boolean timeLimited = false;
            for (int f = 0; f < k; f++) {
                Instant now = clock.instant();
                Instant foldDeadline = null;
                if (deadline != null) {
                    if (!now.isBefore(deadline)) {
                        run.status = CandidateStatus.STOPPED;
                        run.failureReason = "time limit reached after " + f + " of " + k + " folds";
                        return;
                    }
                    foldDeadline = f == k - 1 ? deadline : now.plus(Duration.between(now, deadline).dividedBy(k - f));
                }
                FoldCache.FoldData fd = cache.get(learner.flavor(), f);
                if (f == 0) {
                    run.preprocessing = fd.preprocessor().describe();
                }
                double[] w = run.weightsIgnored ? null : fd.trainWeights();
                TrainData train = new TrainData(fd.train(), fd.trainY(), w);
                LearnContext ctx = new LearnContext(task, Seeds.derive(job.seed(), Seeds.CANDIDATE,
                        run.step.index(), f), job.threads(), foldDeadline, clock::instant);
                FittedLearner fitted = learner.fit(train, ctx);
                double[][] p = fitted.predict(fd.validation());
                int[] vrows = cache.folds().validation(f);
                for (int i = 0; i < vrows.length; i++) {
                    run.oof[vrows[i]] = p[i];
                }
                run.members.add(new Member(fd.preprocessor(), fitted, 1.0 / k));
                for (Map.Entry<String, String> e : fitted.info().entrySet()) {
                    run.info.put("fold" + f + "." + e.getKey(), e.getValue());
                    if (e.getKey().equals("timeLimited") && e.getValue().equals("true")) {
                        timeLimited = true;
                    }
                }
                run.foldObjectives[f] = foldObjective(prep, vrows, p, job, task);
            }
            run.info.put("timeLimited", Boolean.toString(timeLimited));
            run.metrics.putAll(Metrics.evaluateAll(prep.problemType(), task.numClasses(), prep.y(), run.oof,
                    prep.weights(), prep.positiveIndex()));
            run.objectiveStd = std(run.foldObjectives);
            run.status = CandidateStatus.COMPLETED;
        } catch (OutOfMemoryError | StackOverflowError | RuntimeException e) {
            run.status = CandidateStatus.FAILED;
            run.failureReason = e.getClass().getSimpleName() + ": " + e.getMessage();
            run.members.clear();
            events.warn(Stage.SEARCH, "candidate failed: " + run.failureReason, "candidate", run.name);
        } finally {
            run.fitSeconds = (System.nanoTime() - start) / 1e9;
        }
    }

    private static double foldObjective(PreparedData prep, int[] vrows, double[][] p, AutoMLJob job, Task task) {
        Metric m = job.objectiveMetric().orElse(Metric.defaultFor(prep.problemType()));
        if (m == Metric.INFERENCE_LATENCY) {
            return Double.NaN;
        }
        double[] y = new double[vrows.length];
        double[] w = prep.weights() == null ? null : new double[vrows.length];
        for (int i = 0; i < vrows.length; i++) {
            y[i] = prep.y()[vrows[i]];
            if (w != null) {
                w[i] = prep.weights()[vrows[i]];
            }
        }
        return Metrics.evaluate(m, task.numClasses(), y, p, w, prep.positiveIndex());
    }

    private static double std(double[] v) {
        int n = 0;
        double s = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                s += x;
                n++;
            }
        }
        if (n < 2) {
            return Double.NaN;
        }
        double mean = s / n;
        double ss = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                ss += (x - mean) * (x - mean);
            }
        }
        return Math.sqrt(ss / (n - 1));
    }

    private static Signature signature(AutoMLJob job, PreparedData prep) {
        List<Signature.Input> inputs = new ArrayList<>();
        for (Map.Entry<String, ColumnType> e : prep.columnTypes().entrySet()) {
            inputs.add(new Signature.Input(e.getKey(), e.getValue()));
        }
        List<PredictionKey> outputs = switch (prep.problemType()) {
            case REGRESSION -> List.of(PredictionKey.PREDICTED_LABEL);
            case MULTICLASS_CLASSIFICATION -> List.of(PredictionKey.PREDICTED_LABEL, PredictionKey.PROBABILITY,
                    PredictionKey.PROBABILITIES, PredictionKey.LABELS);
            case BINARY_CLASSIFICATION -> List.of(PredictionKey.PREDICTED_LABEL, PredictionKey.PROBABILITY,
                    PredictionKey.PROBABILITIES, PredictionKey.LABELS, PredictionKey.POSITIVE_PROBABILITY);
        };
        String positive = prep.positiveIndex() < 0 ? null : prep.labels().get(prep.positiveIndex());
        return new Signature(inputs, job.target(), prep.problemType(), prep.labels(), positive, outputs);
    }

    private static Map<String, String> resolvedMap(ResolvedAttributes r) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("problemType", r.problemType().name());
        m.put("problemTypeInferred", Boolean.toString(r.problemTypeInferred()));
        m.put("mode", r.mode().name());
        m.put("objectiveMetric", r.objectiveMetric().name());
        m.put("positiveClass", String.valueOf(r.positiveClass()));
        m.put("labels", r.labels().toString());
        m.put("columnTypes", r.columnTypes().toString());
        m.put("droppedColumns", r.droppedColumns().toString());
        m.put("dataSizeBytes", Long.toString(r.dataSizeBytes()));
        m.put("trainingRows", Integer.toString(r.trainingRows()));
        m.put("excludedRows", Integer.toString(r.excludedRows()));
        return m;
    }

    private static String failures(List<CandidateRun> runs) {
        List<String> out = new ArrayList<>();
        for (CandidateRun r : runs) {
            out.add(r.name + " " + r.status + (r.failureReason == null ? "" : " (" + r.failureReason + ")"));
        }
        return String.join("; ", out);
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
