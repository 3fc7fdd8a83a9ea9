package io.automl4j.core.internal.search;

import io.automl4j.api.Algorithm;
import io.automl4j.api.AutoMLJob;
import io.automl4j.api.AutoMLResult;
import io.automl4j.api.CandidateStatus;
import io.automl4j.api.InvalidJobSpecException;
import io.automl4j.api.SecondaryStatus;
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
import io.automl4j.core.internal.cv.Holdout;
import io.automl4j.core.internal.ensemble.Stacker;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ENSEMBLING search (AUTOML-R25–R29): a holdout per AUTOML-R17; every portfolio configuration bagged over k
 * folds of the remaining rows (out-of-fold predictions kept); a STACKED meta-learner and a GREEDY ensemble built on
 * the out-of-fold predictions; every entry scored on the holdout, where the final model is chosen; optionally
 * refitted on all rows. Candidates run on a bounded pool ({@code maxParallelCandidates}, never more than
 * {@code threads}); every seed comes from {@link Seeds} in plan order, never thread order, and learners run
 * single-threaded under a count budget, so results do not depend on scheduling or on {@code threads} (AUTOML-R60).
 */
public final class Search {
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);
    /**
     * Share of a job budget kept back for what follows training (ensembles, latency, model assembly). refitFull gets
     * no extra share: it uses what the search leaves. With a 25% refit reserve (60 s runs of 2026-12-02) the
     * budget-bound sets (ames, california) lost candidates to the reserve and then skipped the refit anyway, while the
     * small sets, whose search ends early, refit either way.
     */
    private static final double RESERVE_SHARE = 0.10;
    /** How long a stop request waits for in-flight learners before abandoning them. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(2);

    private final LearnerCatalog catalog;

    public Search(LearnerCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Runs a job in the calling thread; interrupting it acts as a stop request (AUTOML-R1).
     *
     * @param job  the job
     * @param data the training data
     * @return the result
     */
    public AutoMLResult run(AutoMLJob job, Dataset data) {
        return run(job, data, new RunControl());
    }

    /**
     * @param job     the job
     * @param data    the training data
     * @param control status, live candidates and stop requests
     * @return the result
     */
    public AutoMLResult run(AutoMLJob job, Dataset data, RunControl control) {
        return control.failOnThrow(() -> runControlled(job, data, control));
    }

    private AutoMLResult runControlled(AutoMLJob job, Dataset data, RunControl control) {
        InstantSource clock = job.clock();
        Instant start = clock.instant();
        long t0 = System.nanoTime();
        Map<String, Duration> phases = new LinkedHashMap<>();
        EventLog events = new EventLog(clock, job.listeners());
        control.attach(events, clock);
        String jobName = job.name().orElseGet(() -> "automl-" + NAME_TIME.format(start) + "-"
                + HexFormat.of().toHexDigits((short) job.seed()));
        Instant deadline = job.maxJobRuntime().map(start::plus).orElse(null);
        events.info(Stage.VALIDATION, "job started", "job", jobName, "seed", job.seed(), "threads", job.threads(),
                "maxJobRuntime", job.maxJobRuntime().map(Duration::toString).orElse("none"));
        control.transition(SecondaryStatus.ANALYZING_DATA);

        Dataset input = job.validationData().map(v -> ValidationData.append(data, v)).orElse(data);
        PreparedData prep = DataAnalyzer.analyze(job, input, events);
        long sizeBytes = data.sizeBytes().orElse(data.isInMemory() ? CanonicalSize.of(data) : -1);
        Mode mode = resolveMode(job, sizeBytes, events);
        if (mode == Mode.HYPERPARAMETER_TUNING) {
            return tune(job, data, prep, sizeBytes, events, jobName, start, t0, phases, control);
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
        // a time budget without maxCandidates goes on with further configurations while time is left
        boolean spareTime = job.maxJobRuntime().isPresent() && job.maxCandidates().isEmpty();
        List<Step> spare = spareTime ? Portfolio.spareTime(allowed, plan.size()) : List.of();
        List<Step> late = spareTime ? Portfolio.lateSpareTime(allowed, plan.size() + spare.size()) : List.of();

        control.transition(SecondaryStatus.FEATURE_ENGINEERING);
        Splits splits = split(job, prep, data.rowCount(), events);
        events.info(Stage.SEARCH, "plan ready", "candidates", plan.size(), "folds", splits.k(),
                "steps", plan.stream().map(Step::preset).toList(), "spareTimeSteps", spare.size() + late.size());

        boolean reproducible = job.maxJobRuntime().isEmpty() && job.maxRuntimePerCandidate().isEmpty()
                && objective != Metric.INFERENCE_LATENCY;
        String reproducibleReason = reproducible ? "count budget and fixed seed"
                : objective == Metric.INFERENCE_LATENCY ? "INFERENCE_LATENCY objective depends on timing"
                : "time budget: which candidates finish depends on timing";
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
        Ctx ctx = new Ctx(job, jobName, prep, splits, objective, clock, start, deadline, events, control, signature,
                dateFormats, resolvedMap(resolved), reproducible, reproducibleReason);

        control.transition(SecondaryStatus.TRAINING_MODELS);
        long t1 = System.nanoTime();
        double reserve = RESERVE_SHARE;
        Instant trainingDeadline = deadline == null ? null
                : deadline.minus(Duration.ofMillis((long) (job.maxJobRuntime().get().toMillis() * reserve)));
        List<CandidateRun> runs = new ArrayList<>();
        for (Step step : plan) {
            runs.add(new CandidateRun(step, candidateName(jobName, step), false));
        }
        for (Step step : spare) {
            runs.add(new CandidateRun(step, candidateName(jobName, step), true));
        }
        boolean budgetHit = trainAll(ctx, runs, plan.size(), trainingDeadline, t0, List.of());
        // spare-time configurations the budget never reached are not candidates of this job
        int spareRun = (int) runs.stream().filter(r -> r.spareTime && !r.skipped).count();
        boolean allStarted = runs.stream().noneMatch(r -> r.skipped);
        runs.removeIf(r -> r.skipped);
        if (!spare.isEmpty()) {
            events.info(Stage.SEARCH, "spare-time configurations trained", "started", spareRun, "available",
                    spare.size());
            // repeats multiply the fold models a saved model carries, unless refitFull replaces them
            if (allStarted && job.refitFull() && !control.stopRequested()) {
                repeatBagging(ctx, runs.stream().filter(r -> r.status == CandidateStatus.COMPLETED).toList(),
                        List.of(), trainingDeadline, MAX_REPEATS);
            }
        }
        if (!late.isEmpty() && allStarted && !control.stopRequested()) {
            List<CandidateRun> lateRuns = new ArrayList<>();
            for (Step step : late) {
                lateRuns.add(new CandidateRun(step, candidateName(jobName, step), true));
            }
            // they start only while a tenth of the budget is left beyond the training deadline: the ensembles and
            // the refit of 34 configurations with three bagging passes need it (vehicle at 60 s: 4.9 s over, refit
            // skipped, without this margin)
            Instant lateDeadline = trainingDeadline == null ? null
                    : trainingDeadline.minus(job.maxJobRuntime().orElseThrow().dividedBy(10));
            budgetHit |= trainAll(ctx, lateRuns, 0, lateDeadline, t0, List.copyOf(runs));
            lateRuns.removeIf(r -> r.skipped);
            // as many bagging passes as the others, or out: with fewer, their holdout predictions are noisier and
            // win the holdout by chance (churn at 300 s: a one-pass XGBOOST_STUMPY beat the three-pass XGBOOST on
            // the holdout, 0.9249 against 0.9245, and lost on test, 0.944 against 0.953)
            int passes = runs.stream().filter(r -> r.status == CandidateStatus.COMPLETED)
                    .mapToInt(r -> r.repeats).min().orElse(1);
            List<CandidateRun> lateDone = lateRuns.stream().filter(r -> r.status == CandidateStatus.COMPLETED)
                    .toList();
            if (passes > 1 && !lateDone.isEmpty() && !control.stopRequested()) {
                repeatBagging(ctx, lateDone, runs.stream().filter(r -> r.status == CandidateStatus.COMPLETED)
                        .toList(), lateDeadline, passes);
                int before = lateRuns.size();
                lateRuns.removeIf(r -> r.status == CandidateStatus.COMPLETED && r.repeats < passes);
                if (lateRuns.size() < before) {
                    events.info(Stage.SEARCH, "late spare-time configurations left out: fewer bagging passes than"
                            + " the others", "leftOut", before - lateRuns.size(), "passes", passes);
                }
            }
            int lateRun = lateRuns.size();
            runs.addAll(lateRuns);
            spareRun += lateRun;
            events.info(Stage.SEARCH, "late spare-time configurations trained", "started", lateRun, "available",
                    late.size());
        }
        boolean stopped = control.stopRequested() || Thread.currentThread().isInterrupted();
        phases.put("search", Duration.ofNanos(System.nanoTime() - t1));

        long t2 = System.nanoTime();
        List<CandidateRun> completed = runs.stream().filter(r -> r.status == CandidateStatus.COMPLETED).toList();
        if (completed.isEmpty()) {
            String reason = stopped ? "the job was stopped before any candidate completed"
                    : budgetHit ? "no candidate completed within " + job.maxJobRuntime().get()
                    : "no candidate completed: " + failures(runs);
            events.warn(Stage.SELECTION, "job failed: " + reason);
            throw new TrainingFailedException(reason);
        }

        // models, then latency (measured through the full pipeline) and the leaderboard
        Map<String, BaggedModel> models = new LinkedHashMap<>();
        Instant endOfSearch = clock.instant();
        for (CandidateRun r : completed) {
            BaggedModel m = new BaggedModel(signature, ctx.provenance(List.of(r), endOfSearch, false), dateFormats,
                    r.members);
            models.put(r.name, m);
            r.metrics.put(Metric.INFERENCE_LATENCY, Latency.measure(m, prep.table(), job.seed(),
                    ctx.latencyBudget(4L * completed.size())));
            if (objective == Metric.INFERENCE_LATENCY) {
                r.objective = r.metrics.get(Metric.INFERENCE_LATENCY);
            }
        }
        List<Entry> entries = new ArrayList<>();
        for (CandidateRun r : completed) {
            entries.add(new Entry(new LeaderboardEntry(0, r.step.index(), r.name, EntryKind.BAGGED,
                    List.of(r.step.algorithm()), Map.of(), r.objective, r.objectiveStd, r.metrics, r.fitSeconds,
                    r.hyperparameters, splits.k()), List.of(r), null, null));
        }
        if (completed.size() >= 2 && objective != Metric.INFERENCE_LATENCY && !stopped) {
            Entry g = ctx.beforeDeadline("greedy ensemble") ? greedy(ctx, runs.size(), completed) : null;
            if (g != null) {
                entries.add(g);
                models.put(g.entry().candidateName(), g.model());
            }
            Entry st = ctx.beforeDeadline("stacked ensemble") && !control.stopRequested()
                    ? stacked(ctx, runs.size() + 1, completed) : null;
            if (st != null) {
                entries.add(st);
                models.put(st.entry().candidateName(), st.model());
            }
        }
        Leaderboard leaderboard = Leaderboard.of(objective, prep.problemType(),
                entries.stream().map(Entry::entry).toList());
        String bestName = leaderboard.best().candidateName();
        events.info(Stage.SELECTION, "best model selected", "candidate", bestName, "objective",
                fmt(leaderboard.best().objective()), "metric", objective,
                "on", splits.hasHoldout() ? "holdout" : "out-of-fold predictions");
        phases.put("selection", Duration.ofNanos(System.nanoTime() - t2));

        if (job.refitFull() && !control.stopRequested()) {
            long t3 = System.nanoTime();
            Entry chosen = entries.stream().filter(e -> e.entry().candidateName().equals(bestName)).findFirst()
                    .orElseThrow();
            BaggedModel refit = refit(ctx, chosen);
            if (refit != null) {
                models.put(bestName, refit);
            }
            phases.put("refit", Duration.ofNanos(System.nanoTime() - t3));
        }

        Map<String, String> partial = new LinkedHashMap<>();
        for (CandidateRun r : runs) {
            if (r.status == CandidateStatus.FAILED) {
                partial.put(r.name, r.failureReason);
            }
        }
        stopped |= control.stopRequested();
        SecondaryStatus end = stopped ? SecondaryStatus.STOPPED : budgetHit
                ? SecondaryStatus.MAX_AUTO_ML_JOB_RUNTIME_REACHED : SecondaryStatus.MAX_CANDIDATES_REACHED;
        Duration wall = Duration.ofNanos(System.nanoTime() - t0);
        events.info(Stage.SELECTION, stopped ? "job stopped" : "job completed", "completionReason", end,
                "wallSeconds", fmt(wall.toNanos() / 1e9), "completed", completed.size(), "planned", plan.size(),
                "spareTime", spareRun);
        control.transition(end);
        return new Result(job, jobName, resolved, leaderboard, runs.stream().map(CandidateRun::toCandidate).toList(),
                models, bestName, events.events(), end.name(), wall, phases, partial);
    }

    /**
     * HYPERPARAMETER_TUNING (AUTOML-R30–R41) under the run's lifecycle: a stop request interrupts the tuning
     * thread, which ends the search with the completed trials (AUTOML-R47). Validation data or an explicit
     * validation fraction force a holdout (AUTOML-R32).
     */
    private AutoMLResult tune(AutoMLJob job, Dataset data, PreparedData prep, long sizeBytes, EventLog events,
                              String jobName, Instant start, long t0, Map<String, Duration> phases,
                              RunControl control) {
        int[] holdout = null;
        if (job.validationData().isPresent() || job.hasExplicitValidationFraction()) {
            holdout = split(job, prep, data.rowCount(), events).holdout();
        }
        Thread tuning = Thread.currentThread();
        control.onStop(tuning::interrupt);
        control.transition(SecondaryStatus.MODEL_TUNING);
        AutoMLResult r;
        try {
            r = new HpoSearch(catalog).run(job, prep, sizeBytes, events, jobName, start, t0, phases, holdout);
        } finally {
            control.onStop(() -> { });
        }
        control.transition(switch (r.completionReason()) {
            case "STOPPED" -> SecondaryStatus.STOPPED;
            case "MAX_AUTO_ML_JOB_RUNTIME_REACHED" -> SecondaryStatus.MAX_AUTO_ML_JOB_RUNTIME_REACHED;
            case "MAX_CANDIDATES_REACHED" -> SecondaryStatus.MAX_CANDIDATES_REACHED;
            default -> SecondaryStatus.COMPLETED; // target value reached, not improving, converged (R38)
        });
        return r;
    }

    /** The per-job values every step needs. */
    private record Ctx(AutoMLJob job, String jobName, PreparedData prep, Splits splits, Metric objective,
                       InstantSource clock, Instant start, Instant deadline, EventLog events, RunControl control,
                       Signature signature, Map<String, String> dateFormats, Map<String, String> resolvedMap,
                       boolean reproducible, String reproducibleReason) {

        Provenance provenance(List<CandidateRun> runs, Instant end, boolean refit) {
            List<CandidateProvenance> cps = new ArrayList<>();
            for (CandidateRun r : runs) {
                // a bagged model averages every pass's fold models; a refit keeps the first pass's k
                cps.add(new CandidateProvenance(r.name, r.step.algorithm(), r.hyperparameters,
                        refit ? splits.k() : splits.k() * r.repeats, r.seed, r.preprocessing));
            }
            Map<String, String> res = resolvedMap;
            if (refit) {
                res = new LinkedHashMap<>(resolvedMap);
                res.put("refit", "true");
            }
            return new Provenance(jobName, job.toSpecMap(), res, job.seed(), prep.fingerprint(), cps,
                    RuntimeInfo.current(Version.LIBRARY), start, end, reproducible, reproducibleReason);
        }

        /**
         * Up to 500 ms when latency is the objective, else 100 ms (the median settles within a few hundred rows, and
         * 36 candidates x 500 ms once took the time a refit needed), or a share of the time left.
         */
        Duration latencyBudget(long share) {
            long cap = objective == Metric.INFERENCE_LATENCY ? 500 : 100;
            return deadline == null ? Duration.ofMillis(cap) : Duration.ofMillis(Math.max(0, Math.min(cap,
                    Duration.between(clock.instant(), deadline).toMillis() / Math.max(1, share))));
        }

        boolean beforeDeadline(String what) {
            if (deadline != null && !clock.instant().isBefore(deadline.minusMillis(
                    job.maxJobRuntime().get().toMillis() / 20))) {
                events.warn(Stage.ENSEMBLE, what + " skipped: time budget used up");
                return false;
            }
            return true;
        }
    }

    /** A leaderboard entry with its model and the candidates behind it. */
    private record Entry(LeaderboardEntry entry, List<CandidateRun> members, double[] memberWeights,
                         Stacker stacker, BaggedModel model) {
        Entry(LeaderboardEntry entry, List<CandidateRun> members, double[] memberWeights, Stacker stacker) {
            this(entry, members, memberWeights, stacker, null);
        }
    }

    /** AUTOML-R17/R26: the holdout, then k stratified folds over the remaining rows. */
    private static Splits split(AutoMLJob job, PreparedData prep, int trainingInputRows, EventLog events) {
        int numClasses = prep.task().numClasses();
        int[] holdout;
        if (job.validationData().isPresent()) {
            int[] src = prep.sourceRows();
            holdout = java.util.stream.IntStream.range(0, src.length).filter(i -> src[i] >= trainingInputRows)
                    .toArray();
            if (holdout.length == 0) {
                throw new InvalidJobSpecException("validation data has no usable row (every target or weight is"
                        + " missing or invalid)");
            }
        } else {
            holdout = Holdout.split(prep.y(), numClasses, job.validationFraction(),
                    Seeds.derive(job.seed(), Seeds.HOLDOUT));
        }
        int[] training = Holdout.complement(prep.rows(), holdout);
        if (training.length < DataAnalyzer.MIN_ROWS) {
            throw new InvalidJobSpecException("only " + training.length + " usable training rows after holding out "
                    + holdout.length + " for validation; at least " + DataAnalyzer.MIN_ROWS + " are needed");
        }
        double[] yTrain = Splits.pick(prep.y(), training);
        int k = Math.min(job.folds(), minClassCount(yTrain, numClasses));
        Folds folds = Folds.assign(yTrain, numClasses, k, Seeds.derive(job.seed(), Seeds.SPLIT));
        if (folds.k() < job.folds()) {
            events.warn(Stage.SEARCH, "fewer folds than requested: the smallest class has too few rows",
                    "folds", folds.k(), "requested", job.folds());
        }
        events.info(Stage.SEARCH, "holdout split", "holdoutRows", holdout.length, "trainingRows", training.length,
                "source", job.validationData().isPresent() ? "validationData"
                        : "validationFraction " + job.validationFraction());
        return new Splits(prep, training, holdout, folds);
    }

    /**
     * Trains every candidate on a bounded pool. Returns true when the time budget ended the search.
     *
     * @param earlier candidates of earlier calls: counted in the progress events and in the refit reserve
     */
    private boolean trainAll(Ctx ctx, List<CandidateRun> runs, int planned, Instant trainingDeadline, long t0,
                             List<CandidateRun> earlier) {
        AutoMLJob job = ctx.job();
        int parallel = Math.max(1, Math.min(Math.min(job.maxParallelCandidates(), job.threads()), runs.size()));
        int learnerThreads = ctx.reproducible() ? 1 : Math.max(1, job.threads() / parallel);
        ctx.events().info(Stage.SEARCH, "training candidates", "parallel", parallel, "threadsPerCandidate",
                learnerThreads);
        FoldCache cache = new FoldCache(ctx.prep(), ctx.splits(), job.seed());
        RefitReserve reserve = job.refitFull() && ctx.deadline() != null && ctx.splits().hasHoldout()
                ? new RefitReserve(ctx, parallel) : null;
        AtomicBoolean budgetHit = new AtomicBoolean();
        AtomicInteger started = new AtomicInteger();
        AtomicInteger done = new AtomicInteger(earlier.size());
        CandidateRun[] best = new CandidateRun[1];
        for (CandidateRun r : earlier) {
            if (r.status != CandidateStatus.COMPLETED) {
                continue;
            }
            if (reserve != null) {
                reserve.completed(r.fitSeconds / (ctx.splits().k() * r.repeats));
            }
            if (ctx.objective() != Metric.INFERENCE_LATENCY && (best[0] == null
                    || ctx.objective().direction().isBetter(r.objective, best[0].objective))) {
                best[0] = r;
            }
        }
        Set<Integer> abandoned = java.util.concurrent.ConcurrentHashMap.newKeySet();
        List<Thread> workers = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = daemonPool(parallel, "automl4j-candidate-", workers::add);
        // a stop interrupts the running candidates (learners check it between steps); queued ones then see the
        // request and end STOPPED without training, so every future completes
        Runnable interruptWorkers = () -> {
            synchronized (workers) {
                workers.forEach(Thread::interrupt);
            }
        };
        ctx.control().onStop(interruptWorkers);
        boolean interrupted = false;
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int index = 0; index < runs.size(); index++) {
                CandidateRun run = runs.get(index);
                int slot = index;
                futures.add(pool.submit(() -> {
                    runCandidate(ctx, run, cache, trainingDeadline, reserve, planned, parallel,
                            learnerThreads, started, budgetHit);
                    synchronized (best) {
                        if (abandoned.contains(slot) || run.skipped) {
                            return;
                        }
                        if (run.status == CandidateStatus.COMPLETED && ctx.objective() != Metric.INFERENCE_LATENCY
                                && (best[0] == null || ctx.objective().direction().isBetter(run.objective,
                                best[0].objective))) {
                            best[0] = run;
                        }
                        ctx.control().update(run.toCandidate());
                        ctx.events().info(Stage.SEARCH, "candidate " + run.status.name().toLowerCase(Locale.ROOT),
                                "candidate", run.name, "done", done.incrementAndGet(), "planned",
                                earlier.size() + runs.size(),
                                "objective", run.status == CandidateStatus.COMPLETED ? fmt(run.objective) : "-",
                                "best", best[0] == null ? "-" : fmt(best[0].objective),
                                "bestCandidate", best[0] == null ? "-" : best[0].name,
                                "elapsedSeconds", fmt((System.nanoTime() - t0) / 1e9),
                                "fitSeconds", fmt(run.fitSeconds));
                    }
                }));
            }
            pool.shutdown();
            // Poll the candidates: a learner that does not stop at its own deadline, at the job's, or after a stop
            // request is abandoned (AUTOML-R39, R47, R58): its thread is interrupted and left to finish on its
            // own, and the job goes on without it.
            while (true) {
                boolean allDone = true;
                Instant now = ctx.clock().instant();
                Instant jobLimit = abandonLimit(ctx, trainingDeadline);
                for (int j = 0; j < futures.size(); j++) {
                    if (futures.get(j).isDone()) {
                        continue;
                    }
                    allDone = false;
                    CandidateRun r = runs.get(j);
                    Instant own = r.deadline == null ? null : r.deadline.plusMillis(graceMillis(ctx.job()));
                    boolean pastJob = jobLimit != null && !now.isBefore(jobLimit);
                    boolean pastOwn = own != null && !now.isBefore(own);
                    if (pastJob || pastOwn) {
                        abandoned.add(j);
                        futures.get(j).cancel(true);
                        CandidateRun gone = new CandidateRun(r.step, r.name, r.spareTime);
                        gone.status = CandidateStatus.STOPPED;
                        gone.failureReason = ctx.control().stopRequested()
                                ? "stopped: the job was stopped and the learner did not stop in time"
                                : pastOwn && (trainingDeadline == null || r.deadline.isBefore(trainingDeadline))
                                ? "stopped: still training after maxRuntimePerCandidate"
                                : "stopped: still training after the time budget ran out";
                        runs.set(j, gone);
                        ctx.control().update(gone.toCandidate());
                        ctx.events().warn(Stage.SEARCH, "candidate abandoned: " + gone.failureReason,
                                "candidate", gone.name);
                        if (pastJob && !ctx.control().stopRequested()) {
                            budgetHit.set(true);
                        }
                    }
                }
                if (allDone) {
                    break;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    // interrupting fit() is a stop request (AUTOML-R1); the workers wind down
                    interrupted = true;
                    ctx.control().requestStop();
                    interruptWorkers.run();
                }
            }
            for (Future<?> f : futures) {
                if (f.isCancelled()) {
                    continue;
                }
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("candidate worker failed", e.getCause());
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            ctx.control().onStop(() -> { });
            pool.shutdownNow();
            cache.clear();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        for (CandidateRun run : runs) {
            if (run.status == CandidateStatus.IN_PROGRESS && run.spareTime) {
                run.skipped = true;
            } else if (run.status == CandidateStatus.IN_PROGRESS) {
                // never started: the pool was shut down by a stop request
                run.status = CandidateStatus.STOPPED;
                run.failureReason = "not started: the job was stopped";
                ctx.control().update(run.toCandidate());
            }
        }
        return budgetHit.get();
    }

    /** 2% of the budget (job, else per candidate), at least 0.5 s: how late a learner may return. */
    private static long graceMillis(AutoMLJob job) {
        Duration budget = job.maxJobRuntime().or(job::maxRuntimePerCandidate).orElse(Duration.ZERO);
        return Math.max(500, budget.toMillis() / 50);
    }

    /** Grace after the training deadline, and after a stop request, before in-flight candidates are abandoned. */
    private static Instant abandonLimit(Ctx ctx, Instant trainingDeadline) {
        Instant limit = null;
        if (trainingDeadline != null) {
            limit = trainingDeadline.plusMillis(graceMillis(ctx.job()));
        }
        Instant stop = ctx.control().stopRequestedAt();
        if (stop != null) {
            Instant s = stop.plus(STOP_GRACE);
            limit = limit == null || s.isBefore(limit) ? s : limit;
        }
        return limit;
    }

    private void runCandidate(Ctx ctx, CandidateRun run, FoldCache cache, Instant fixedTrainingDeadline,
                              RefitReserve reserve, int planned, int parallel, int learnerThreads,
                              AtomicInteger started, AtomicBoolean budgetHit) {
        AutoMLJob job = ctx.job();
        if (ctx.control().stopRequested() || Thread.currentThread().isInterrupted()) {
            run.skipped = run.spareTime;
            run.status = CandidateStatus.STOPPED;
            run.failureReason = "not started: the job was stopped";
            return;
        }
        Instant now = ctx.clock().instant();
        // with refitFull the training time ends early enough for the refit the completed candidates would need
        Instant trainingDeadline = reserve == null ? fixedTrainingDeadline : reserve.trainingDeadline(
                fixedTrainingDeadline);
        if (trainingDeadline != null && !now.isBefore(trainingDeadline) && run.spareTime) {
            run.skipped = true;
            return;
        }
        if (trainingDeadline != null && !now.isBefore(trainingDeadline)) {
            budgetHit.set(true);
            run.status = CandidateStatus.STOPPED;
            run.failureReason = "not started: maxJobRuntime " + job.maxJobRuntime().get() + " reached";
            ctx.events().warn(Stage.SEARCH, "candidate not started: time budget used up", "candidate", run.name,
                    "reservedForRefitSeconds", reserve == null ? 0 : fmt(reserve.refitSeconds()));
            return;
        }
        int remaining = planned - started.getAndIncrement();
        ctx.control().update(run.toCandidate());
        Instant candidateDeadline = candidateDeadline(job, now, trainingDeadline, remaining, parallel);
        run.deadline = candidateDeadline;
        trainCandidate(run, ctx.prep(), cache, job, ctx.clock(), candidateDeadline, learnerThreads, ctx.events(),
                0);
        if (ctx.control().stopRequested() && run.status != CandidateStatus.FAILED) {
            run.status = CandidateStatus.STOPPED;
            run.failureReason = "stopped: the job was stopped while it trained";
            run.members.clear();
        } else if (run.status == CandidateStatus.COMPLETED) {
            run.objective = ctx.objective() == Metric.INFERENCE_LATENCY ? Double.NaN
                    : run.metrics.get(ctx.objective());
            if (reserve != null) {
                reserve.completed(run.fitSeconds / ctx.splits().k());
            }
        }
        if (trainingDeadline != null && !ctx.clock().instant().isBefore(trainingDeadline)) {
            budgetHit.set(true);
        }
    }

    /**
     * At most this many bagging passes (AutoGluon's {@code num_bag_sets} goes to 20): every pass adds k fold models
     * to each candidate, and a model without refitFull keeps them all (a STACKED entry of 24 candidates on vehicle is
     * already 180 MB on disk).
     */
    static final int MAX_REPEATS = 3;

    /**
     * Time left after every planned and spare-time configuration goes to repeated bagging (as AutoGluon's
     * {@code num_bag_sets}): pass r splits the training rows into k new folds (seed (SPLIT, r)) and trains every
     * completed candidate again on them, in candidate order on the search's slots; a repeat that completes without
     * being cut short by the deadline is merged into its candidate ({@link #mergeRepeat}): the model averages all
     * k x repeats fold models, the out-of-fold and holdout predictions are averaged, so the holdout scores and the
     * ensembles of AUTOML-R28 see the repeated candidate. A repeat still training at the deadline, or failing, is
     * dropped and that candidate gets no further pass; the others go on.
     * Only with refitFull, whose final model keeps k fold models (or one) per configuration: without it the saved
     * model would carry every repeat. {@code passes} bounds the passes (the late spare-time configurations get as
     * many as the others did).
     *
     * @param others completed candidates not repeated here: the refit reserve counts them too (the late spare-time
     *               configurations' repeats must leave the refit of every candidate its time)
     */
    private void repeatBagging(Ctx ctx, List<CandidateRun> completed, List<CandidateRun> others,
                               Instant fixedTrainingDeadline, int passes) {
        if (completed.isEmpty() || ctx.deadline() == null || ctx.objective() == Metric.INFERENCE_LATENCY) {
            return; // more fold models only make a latency objective worse
        }
        AutoMLJob job = ctx.job();
        Splits s = ctx.splits();
        PreparedData prep = ctx.prep();
        int parallel = Math.max(1, Math.min(Math.min(job.maxParallelCandidates(), job.threads()),
                completed.size()));
        int learnerThreads = Math.max(1, job.threads() / parallel);
        RefitReserve reserve = job.refitFull() && s.hasHoldout() ? new RefitReserve(ctx, parallel) : null;
        if (reserve != null) {
            java.util.stream.Stream.concat(completed.stream(), others.stream())
                    .forEach(r -> reserve.completed(r.fitSeconds / (s.k() * r.repeats)));
        }
        Instant deadline = reserve == null ? fixedTrainingDeadline : reserve.trainingDeadline(fixedTrainingDeadline);
        // a candidate whose repeat failed or was cut short gets no further pass; the others go on
        List<CandidateRun> active = new ArrayList<>(completed);
        for (int repeat = 1; repeat < passes && !active.isEmpty(); repeat++) {
            // a pass starts only when the time left covers about one pass (the fold fits of the first)
            double pass = active.stream().mapToDouble(r -> r.fitSeconds / r.repeats).sum() / parallel;
            double left = Duration.between(ctx.clock().instant(), deadline).toMillis() / 1000.0;
            if (left < pass || ctx.control().stopRequested()) {
                break;
            }
            Folds folds = Folds.assign(s.trainingY(), prep.task().numClasses(), s.k(),
                    Seeds.derive(job.seed(), Seeds.SPLIT, repeat));
            Splits rs = new Splits(prep, s.training(), s.holdout(), folds);
            FoldCache cache = new FoldCache(prep, rs, Seeds.derive(job.seed(), Seeds.SPLIT, repeat));
            int foldOffset = repeat * s.k();
            ExecutorService pool = daemonPool(parallel, "automl4j-repeat-", t -> { });
            List<CandidateRun> reps = new ArrayList<>();
            List<Future<?>> futures = new ArrayList<>();
            Runnable stop = pool::shutdownNow;
            ctx.control().onStop(stop);
            try {
                for (CandidateRun original : active) {
                    CandidateRun rep = new CandidateRun(original.step, original.name);
                    reps.add(rep);
                    futures.add(pool.submit(() -> {
                        if (!ctx.clock().instant().isBefore(deadline) || ctx.control().stopRequested()) {
                            rep.status = CandidateStatus.STOPPED;
                            return;
                        }
                        trainCandidate(rep, prep, cache, job, ctx.clock(), deadline, learnerThreads,
                                ctx.events(), foldOffset);
                    }));
                }
                pool.shutdown();
                long waitMillis = Duration.between(ctx.clock().instant(), deadline).toMillis()
                        + graceMillis(job);
                if (!pool.awaitTermination(Math.max(0, waitMillis), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    pool.shutdownNow(); // a learner that ignores its deadline is left behind, its repeat dropped
                }
            } catch (InterruptedException e) {
                ctx.control().requestStop();
                Thread.currentThread().interrupt();
            } finally {
                pool.shutdownNow();
                ctx.control().onStop(() -> { });
                cache.clear();
            }
            List<CandidateRun> merged = new ArrayList<>();
            for (int i = 0; i < active.size(); i++) {
                CandidateRun rep = reps.get(i);
                if (futures.get(i).isDone() && !futures.get(i).isCancelled()
                        && rep.status == CandidateStatus.COMPLETED && !"true".equals(rep.info.get("timeLimited"))
                        && !ctx.control().stopRequested()) {
                    mergeRepeat(ctx, active.get(i), rep);
                    merged.add(active.get(i));
                }
            }
            ctx.events().info(Stage.SEARCH, "bagging repeated on new folds", "repeat", repeat + 1,
                    "candidates", merged.size(), "of", active.size());
            active = merged;
        }
    }

    /** Folds a completed repeat into its candidate: predictions averaged, fold models added, scores redone. */
    static void mergeRepeat(Ctx ctx, CandidateRun into, CandidateRun rep) {
        int r = into.repeats;
        double a = r / (r + 1.0);
        double b = 1.0 / (r + 1.0);
        into.oof = GreedyEnsemble.blend(List.of(into.oof, rep.oof), new double[] {a, b});
        if (into.holdoutPred != null) {
            into.holdoutPred = GreedyEnsemble.blend(List.of(into.holdoutPred, rep.holdoutPred), new double[] {a, b});
        }
        List<Member> members = new ArrayList<>();
        for (Member m : into.members) {
            members.add(new Member(m.preprocessor(), m.learner(), m.weight() * a));
        }
        for (Member m : rep.members) {
            members.add(new Member(m.preprocessor(), m.learner(), m.weight() * b));
        }
        into.members.clear();
        into.members.addAll(members);
        into.foldInfos.addAll(rep.foldInfos);
        double[] objectives = java.util.Arrays.copyOf(into.foldObjectives,
                into.foldObjectives.length + rep.foldObjectives.length);
        System.arraycopy(rep.foldObjectives, 0, objectives, into.foldObjectives.length, rep.foldObjectives.length);
        into.foldObjectives = objectives;
        into.objectiveStd = std(objectives);
        into.fitSeconds += rep.fitSeconds;
        into.repeats = r + 1;
        into.info.put("baggingRepeats", Integer.toString(r + 1));
        into.metrics.clear();
        into.metrics.putAll(scores(ctx, into.oof, into.holdoutPred));
        into.objective = into.metrics.get(ctx.objective());
    }

    /**
     * AUTOML-R28b over the bagged candidates' out-of-fold predictions; the model averages the selected candidates'
     * fold models with the selection weights; scored on the holdout. Returns null when selection keeps a single
     * candidate.
     */
    private static Entry greedy(Ctx ctx, int index, List<CandidateRun> completed) {
        long t = System.nanoTime();
        Splits splits = ctx.splits();
        PreparedData prep = ctx.prep();
        List<double[][]> oofs = completed.stream().map(r -> r.oof).toList();
        int rounds = ctx.job().ensembleSelectionRounds();
        int[] counts = GreedyEnsemble.select(oofs, prep.task().numClasses(), splits.trainingY(),
                splits.trainingWeights(), prep.positiveIndex(), ctx.objective(), rounds);
        double[] w = new double[counts.length];
        int used = 0;
        for (int c = 0; c < counts.length; c++) {
            w[c] = counts[c] / (double) rounds;
            used += counts[c] > 0 ? 1 : 0;
        }
        if (used < 2) {
            ctx.events().info(Stage.ENSEMBLE, "greedy ensemble selection kept a single candidate; no ensemble entry",
                    "candidate", completed.get(java.util.stream.IntStream.range(0, counts.length)
                            .filter(c -> counts[c] > 0).findFirst().orElse(0)).name);
            return null;
        }
        double[][] blendedOof = GreedyEnsemble.blend(oofs, w);
        Map<Metric, Double> metrics = scores(ctx, blendedOof, splits.hasHoldout()
                ? GreedyEnsemble.blend(completed.stream().map(r -> r.holdoutPred).toList(), w) : null);
        List<Member> members = new ArrayList<>();
        List<CandidateRun> used2 = new ArrayList<>();
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
            used2.add(r);
            memberWeights.put(r.name, w[c]);
            if (!algorithms.contains(r.step.algorithm())) {
                algorithms.add(r.step.algorithm());
            }
            fitSeconds += r.fitSeconds;
        }
        String name = String.format(Locale.ROOT, "%s-%03d-%s", ctx.jobName(), index + 1, "GREEDY_ENSEMBLE");
        BaggedModel model = new BaggedModel(ctx.signature(), ctx.provenance(used2, ctx.clock().instant(), false),
                ctx.dateFormats(), members);
        metrics.put(Metric.INFERENCE_LATENCY, Latency.measure(model, prep.table(), ctx.job().seed(),
                ctx.latencyBudget(2)));
        fitSeconds += (System.nanoTime() - t) / 1e9;
        LeaderboardEntry entry = new LeaderboardEntry(0, index, name, EntryKind.GREEDY_ENSEMBLE, algorithms,
                memberWeights, metrics.get(ctx.objective()), foldStd(ctx, blendedOof), metrics, fitSeconds,
                Map.of("ensembleSelectionRounds", Integer.toString(rounds)), splits.k());
        ctx.events().info(Stage.ENSEMBLE, "greedy ensemble built", "candidate", name, "objective",
                fmt(entry.objective()), "members", memberWeights);
        double[] selected = new double[used2.size()];
        for (int i = 0, j = 0; i < w.length; i++) {
            if (w[i] > 0) {
                selected[j++] = w[i];
            }
        }
        return new Entry(entry, used2, selected, null, model);
    }

    /**
     * AUTOML-R28a: a meta-learner over the out-of-fold predictions of every completed candidate, scored on the
     * holdout through the candidates' bagged holdout predictions.
     */
    private static Entry stacked(Ctx ctx, int index, List<CandidateRun> completed) {
        long t = System.nanoTime();
        Splits splits = ctx.splits();
        PreparedData prep = ctx.prep();
        Stacker stacker;
        try {
            stacker = Stacker.fit(completed.stream().map(r -> r.oof).toList(), prep.task().numClasses(),
                    prep.positiveIndex(), splits.trainingY(), splits.trainingWeights());
        } catch (RuntimeException e) {
            ctx.events().warn(Stage.ENSEMBLE, "stacked ensemble failed: " + e, "reason", e.getMessage());
            return null;
        }
        // members the meta-learner gives no weight (non-negative ridge zeroes many) are left out of the model,
        // so they are neither predicted nor refitted; the outputs are the same
        int[] used = stacker.usedMembers();
        if (used.length < completed.size()) {
            ctx.events().info(Stage.ENSEMBLE, "stacked ensemble: members with zero coefficients left out",
                    "kept", used.length, "of", completed.size());
            stacker = stacker.restrictTo(used);
            completed = java.util.Arrays.stream(used).mapToObj(completed::get).toList();
        }
        double[][] oof = stacker.apply(completed.stream().map(r -> r.oof).toList());
        Map<Metric, Double> metrics = scores(ctx, oof, splits.hasHoldout()
                ? stacker.apply(completed.stream().map(r -> r.holdoutPred).toList()) : null);
        List<Member> members = new ArrayList<>();
        List<Integer> groups = new ArrayList<>();
        List<Algorithm> algorithms = new ArrayList<>();
        double fitSeconds = 0;
        for (int c = 0; c < completed.size(); c++) {
            CandidateRun r = completed.get(c);
            for (Member m : r.members) {
                members.add(m);
                groups.add(c);
            }
            if (!algorithms.contains(r.step.algorithm())) {
                algorithms.add(r.step.algorithm());
            }
            fitSeconds += r.fitSeconds;
        }
        String name = String.format(Locale.ROOT, "%s-%03d-%s", ctx.jobName(), index + 1, "STACKED");
        BaggedModel model = new BaggedModel(ctx.signature(), ctx.provenance(completed, ctx.clock().instant(), false),
                ctx.dateFormats(), members, groups.stream().mapToInt(Integer::intValue).toArray(), stacker);
        metrics.put(Metric.INFERENCE_LATENCY, Latency.measure(model, prep.table(), ctx.job().seed(),
                ctx.latencyBudget(2)));
        fitSeconds += (System.nanoTime() - t) / 1e9;
        // a meta-learner has coefficients, not member weights: the members are listed as a hyperparameter
        LeaderboardEntry entry = new LeaderboardEntry(0, index, name, EntryKind.STACKED, algorithms, Map.of(),
                metrics.get(ctx.objective()), Double.NaN, metrics, fitSeconds,
                Map.of("metaLearner", prep.task().isRegression() ? "non-negative ridge" : "L2 logistic (C=1)",
                        "members", String.join(" ", completed.stream().map(r -> r.name).toList())),
                splits.k());
        ctx.events().info(Stage.ENSEMBLE, "stacked ensemble built", "candidate", name, "objective",
                fmt(entry.objective()), "members", completed.size());
        return new Entry(entry, completed, null, stacker, model);
    }

    /** Holdout metrics when there is a holdout, else out-of-fold metrics. */
    private static Map<Metric, Double> scores(Ctx ctx, double[][] oof, double[][] holdout) {
        PreparedData prep = ctx.prep();
        Splits s = ctx.splits();
        Map<Metric, Double> metrics = new java.util.EnumMap<>(Metric.class);
        if (holdout != null) {
            metrics.putAll(Metrics.evaluateAll(prep.problemType(), prep.task().numClasses(), s.holdoutY(), holdout,
                    s.holdoutWeights(), prep.positiveIndex()));
        } else {
            metrics.putAll(Metrics.evaluateAll(prep.problemType(), prep.task().numClasses(), s.trainingY(), oof,
                    s.trainingWeights(), prep.positiveIndex()));
        }
        return metrics;
    }

    private static double foldStd(Ctx ctx, double[][] oof) {
        Splits s = ctx.splits();
        double[] v = new double[s.k()];
        for (int f = 0; f < s.k(); f++) {
            int[] local = s.folds().validation(f);
            double[][] p = new double[local.length][];
            for (int i = 0; i < local.length; i++) {
                p[i] = oof[local[i]];
            }
            v[f] = foldObjective(ctx.prep(), s, local, p, ctx.objective());
        }
        return std(v);
    }

    /**
     * AUTOML-R29 refitFull: every configuration of the chosen entry is trained once more on all rows (training and
     * holdout) with a fixed amount of training taken from its bagged fits ({@link Learner#refitOverrides}: the mean
     * kept epochs, the mean kept rounds scaled to the refit's rows, early stopping off); a greedy ensemble keeps its
     * weights and a stacked one its meta-learner. The configurations are refitted in parallel on as many slots as the search used (each learner
     * with the same thread share), so the refit takes about as long as one fold of the search's candidates scaled by
     * the row counts. Skipped with a WARN when the time left cannot cover it (that estimate, from the fold fit times)
     * or when a refit fails; the model then keeps its bagged fits.
     */
    private BaggedModel refit(Ctx ctx, Entry chosen) {
        PreparedData prep = ctx.prep();
        Splits s = ctx.splits();
        if (!s.hasHoldout()) {
            return null;
        }
        AutoMLJob job = ctx.job();
        List<CandidateRun> originals = chosen.members();
        int parallel = Math.max(1, Math.min(Math.min(job.maxParallelCandidates(), job.threads()),
                originals.size()));
        int learnerThreads = ctx.reproducible() ? 1 : Math.max(1, job.threads() / parallel);
        int k = s.k();
        // a fold fit's time includes its early-stopping patience and watch rows, which a refit does not pay; that
        // roughly covers a booster's extra rounds (Learner.refitRounds). Counting them again on top made the estimate
        // skip the refit of vehicle at 60 s (15.8 s estimated, 12.4 s left); the refit's learners stop at the job's
        // deadline in any case.
        double[] foldSeconds = originals.stream().mapToDouble(r -> r.fitSeconds / (k * r.repeats)).toArray();
        double estimate = refitEstimate(foldSeconds, parallel) * prep.rows() / s.training().length * 1.25;
        double foldRows = s.training().length * (k - 1) / (double) k;
        double baggedEstimate = refitEstimate(java.util.stream.DoubleStream.of(foldSeconds).flatMap(
                f -> java.util.stream.DoubleStream.generate(() -> f).limit(k)).toArray(), parallel)
                * (foldRows + s.holdout().length) / foldRows * 1.25;
        double left = ctx.deadline() == null ? Double.POSITIVE_INFINITY
                : Duration.between(ctx.clock().instant(), ctx.deadline()).toMillis() / 1000.0;
        // with repeated bagging the first k fold models (the search's folds) are refitted
        boolean wanted = baggedRefit(prep, originals.size())
                && originals.stream().allMatch(r -> r.foldInfos.size() >= k);
        boolean bagged = wanted && baggedEstimate <= 0.8 * left;
        if (wanted && !bagged) {
            ctx.events().info(Stage.SELECTION, "refitFull: no time for refitting the " + k + " fold models; one"
                    + " model per configuration on all rows instead", "estimateSeconds", fmt(baggedEstimate),
                    "leftSeconds", fmt(left));
        }
        int per = bagged ? k : 1;
        if (ctx.deadline() != null) {
            if (estimate > 0.8 * left) {
                ctx.events().warn(Stage.SELECTION, "refitFull skipped: it would take about " + fmt(estimate)
                        + " s but " + fmt(left) + " s of the time budget are left; the model keeps its bagged fits");
                return null;
            }
        }
        Task task = prep.task();
        long seed = job.seed();
        // bagged: fold model f again, on its training rows and the holdout; else one model on all rows
        int[][] rows = new int[per][];
        for (int f = 0; f < per; f++) {
            rows[f] = bagged ? union(s.foldTraining(f), s.holdout())
                    : java.util.stream.IntStream.range(0, prep.rows()).toArray();
        }
        Map<String, io.automl4j.core.internal.preprocess.Preprocessing.Fitted> pipelines =
                new java.util.concurrent.ConcurrentHashMap<>();
        List<Learner> learners = new ArrayList<>();
        for (CandidateRun original : originals) {
            for (int f = 0; f < per; f++) {
                learners.add(catalog.createForRefit(original.step.algorithm(), original.step.overrides(),
                        bagged ? List.of(original.foldInfos.get(f)) : original.foldInfos, rows[f].length));
            }
        }
        ExecutorService pool = daemonPool(parallel, "automl4j-refit-", t -> { });
        List<Future<Member>> futures = new java.util.concurrent.CopyOnWriteArrayList<>();
        // a stop cancels every refit: running learners are interrupted, queued ones never start (their get() throws)
        ctx.control().onStop(() -> {
            pool.shutdownNow();
            for (Future<Member> f : futures) {
                if (f != null) { // not yet submitted
                    f.cancel(true);
                }
            }
        });
        try {
            // longest first (by the search's fit times), so the slots finish together; results stay in member order
            Integer[] order = java.util.stream.IntStream.range(0, originals.size()).boxed()
                    .sorted((a, b) -> Double.compare(originals.get(b).fitSeconds, originals.get(a).fitSeconds))
                    .toArray(Integer[]::new);
            futures.addAll(java.util.Collections.nCopies(originals.size() * per, null));
            for (int c : order) {
                CandidateRun original = originals.get(c);
                double weight = (chosen.memberWeights() == null ? 1.0 : chosen.memberWeights()[c]) / per;
                for (int f = 0; f < per; f++) {
                    Learner learner = learners.get(c * per + f);
                    int[] fitRows = rows[f];
                    int fold = f;
                    futures.set(c * per + f, pool.submit(() -> {
                        // one pipeline per flavour and row set (deterministic, so who fits it is irrelevant)
                        var pipeline = pipelines.computeIfAbsent(learner.flavor() + "/" + fold, key ->
                                io.automl4j.core.internal.preprocess.Preprocessing.fit(prep.table(), fitRows,
                                        prep.y(), task, learner.flavor(), bagged
                                                ? Seeds.derive(seed, Seeds.PREPROCESS, Seeds.REFIT, fold)
                                                : Seeds.derive(seed, Seeds.PREPROCESS, Seeds.REFIT)));
                        double[] w = original.weightsIgnored || prep.weights() == null ? null
                                : Splits.pick(prep.weights(), fitRows);
                        LearnContext lc = new LearnContext(task, bagged
                                ? Seeds.derive(seed, Seeds.CANDIDATE, original.step.index(), Seeds.REFIT, fold)
                                : Seeds.derive(seed, Seeds.CANDIDATE, original.step.index(), Seeds.REFIT),
                                learnerThreads, ctx.deadline(), ctx.clock()::instant);
                        FittedLearner fitted = learner.fit(new TrainData(pipeline.train(),
                                Splits.pick(prep.y(), fitRows), w), lc);
                        return new Member(pipeline.preprocessor(), fitted, weight);
                    }));
                }
            }
            pool.shutdown();
            List<Member> members = new ArrayList<>();
            List<Integer> groups = new ArrayList<>();
            List<CandidateRun> refitted = new ArrayList<>();
            for (int j = 0; j < originals.size() * per; j++) {
                int c = j / per;
                Member m;
                try {
                    m = futures.get(j).get();
                } catch (java.util.concurrent.CancellationException | InterruptedException e) {
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                    }
                    ctx.events().warn(Stage.SELECTION, "refitFull abandoned: the job was stopped");
                    return null;
                }
                if (ctx.control().stopRequested()) {
                    ctx.events().warn(Stage.SELECTION, "refitFull abandoned: the job was stopped");
                    return null;
                }
                members.add(m);
                groups.add(chosen.stacker() == null ? 0 : c);
                if (j % per != per - 1) {
                    continue;
                }
                CandidateRun original = originals.get(c);
                CandidateRun r = new CandidateRun(original.step, original.name);
                r.hyperparameters.putAll(learners.get(j).hyperparameters());
                r.seed = Seeds.derive(seed, Seeds.CANDIDATE, original.step.index(), Seeds.REFIT);
                r.preprocessing = m.preprocessor().describe();
                refitted.add(r);
            }
            ctx.events().info(Stage.SELECTION, "refitFull done: the final model is trained on all rows",
                    "candidate", chosen.entry().candidateName(), "rows", prep.rows(), "models", members.size(),
                    "bagged", bagged, "rowsPerModel", rows[0].length, "parallel", parallel);
            return new BaggedModel(ctx.signature(), ctx.provenance(refitted, ctx.clock().instant(), true),
                    ctx.dateFormats(), members, groups.stream().mapToInt(Integer::intValue).toArray(),
                    chosen.stacker());
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (ctx.control().stopRequested()) {
                ctx.events().warn(Stage.SELECTION, "refitFull abandoned: the job was stopped");
                return null;
            }
            if (cause instanceof Error err && !(err instanceof OutOfMemoryError)) {
                throw err;
            }
            ctx.events().warn(Stage.SELECTION, "refitFull failed (" + cause + "); the model keeps its bagged fits");
            return null;
        } finally {
            pool.shutdownNow();
            ctx.control().onStop(() -> { });
            for (Future<Member> f : futures) {
                if (f != null) {
                    f.cancel(true);
                }
            }
        }
    }

    /**
     * Whether refitFull refits bagged (AUTOML-R29), each fold model on its training folds and the holdout, keeping
     * the average of k models, rather than one model per configuration on all rows: always for classification, and
     * for regression when the chosen entry is a single configuration (an ensemble already averages several).
     * Measured at 60 s with the spare-time configurations (2026-12-02, test scores; one model / k models):
     * credit_g AUC 0.779 / 0.806, pima 0.817 / 0.828, vehicle LogLoss 0.368 / 0.349 (ensembles and single
     * candidates alike); regression ensembles: concrete RMSE 3.518 / 3.636, airfoil 1.305 / 1.382; regression
     * single candidates: ames (GBDT_SMALL) 24,160 / 22,819, abalone (MLP) 2.025 / 2.033. Averaging k models beats
     * one model on 25% more rows wherever nothing else averages.
     *
     * @param configurations configurations of the chosen entry
     */
    static boolean baggedRefit(PreparedData prep, int configurations) {
        return !prep.task().isRegression() || configurations == 1;
    }

    /** @return {@code <job>-<nnn>-<algorithm>}, nnn the 1-based plan index */
    private static String candidateName(String jobName, Step step) {
        return String.format(Locale.ROOT, "%s-%03d-%s", jobName, step.index() + 1, step.algorithm());
    }

    /**
     * @param threads pool size
     * @param prefix  thread name prefix
     * @param onNew   sees every new thread (e.g. to interrupt them on a stop)
     * @return a fixed pool of daemon threads named prefix + 1, 2, ..., so an abandoned learner never keeps the JVM
     *         alive
     */
    public static ExecutorService daemonPool(int threads, String prefix,
                                              java.util.function.Consumer<Thread> onNew) {
        AtomicInteger threadNo = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, prefix + threadNo.incrementAndGet());
            t.setDaemon(true);
            onNew.accept(t);
            return t;
        });
    }

    /** @return the sorted union of two disjoint ascending row sets */
    static int[] union(int[] a, int[] b) {
        int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        java.util.Arrays.sort(out);
        return out;
    }

    /**
     * Wall seconds to run jobs of these durations on {@code slots} parallel slots, longest first (the LPT rule the
     * refit uses): at least the longest job and the total divided by the slots.
     */
    static double refitEstimate(double[] seconds, int slots) {
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        double[] load = new double[Math.max(1, slots)];
        for (int i = sorted.length - 1; i >= 0; i--) {
            int min = 0;
            for (int j = 1; j < load.length; j++) {
                if (load[j] < load[min]) {
                    min = j;
                }
            }
            load[min] += sorted[i];
        }
        return Arrays.stream(load).max().orElse(0);
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

    /** @return the largest usable fold count for these targets (&gt;= 2) */
    public static int minClassCount(double[] y, int numClasses) {
        if (numClasses == 0) {
            return Integer.MAX_VALUE;
        }
        int[] counts = new int[numClasses];
        for (double v : y) {
            counts[(int) v]++;
        }
        int max = Arrays.stream(counts).max().orElse(2);
        // folds need at least 2; a class rarer than k simply lands in fewer folds
        return Math.max(2, Math.min(max, y.length / 2));
    }

    /**
     * AUTOML-R58 with {@code refitFull}: the time kept after training grows with the refit the completed candidates
     * would need (a stacked entry refits all of them): {@link #refitEstimate} of their mean fold fit times on the
     * refit's slots, scaled to all rows, with the margins {@link #refit} applies, plus 5% of the budget for the
     * ensembles. It never drops below the fixed 10% reserve. Only candidates that have not started yet see it (they
     * do not start, or get a shorter deadline); running ones keep theirs.
     */
    static final class RefitReserve {
        private final List<Double> foldSeconds = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final Instant deadline;
        private final double budgetSeconds;
        private final double scale;
        private final int slots;

        RefitReserve(Ctx ctx, int slots) {
            this(ctx.deadline(), ctx.job().maxJobRuntime().orElseThrow().toMillis() / 1000.0,
                    ctx.prep().rows() / (double) ctx.splits().training().length, slots);
        }

        /**
         * @param deadline      the job's deadline
         * @param budgetSeconds the job's time budget
         * @param scale         all rows / training rows (the refit trains on all)
         * @param slots         refits run at the same time
         */
        RefitReserve(Instant deadline, double budgetSeconds, double scale, int slots) {
            this.deadline = deadline;
            this.budgetSeconds = budgetSeconds;
            this.scale = scale;
            this.slots = slots;
        }

        void completed(double meanFoldSeconds) {
            foldSeconds.add(meanFoldSeconds);
        }

        /** @return the refit's estimate with the margins of {@link #refit} (it runs when estimate &lt;= 0.8 left) */
        double refitSeconds() {
            double[] f = foldSeconds.stream().mapToDouble(Double::doubleValue).toArray();
            return refitEstimate(f, slots) * scale * 1.25 / 0.8;
        }

        Instant trainingDeadline(Instant fixed) {
            long reserveMillis = (long) ((0.05 * budgetSeconds + refitSeconds()) * 1000);
            Instant d = deadline.minusMillis(reserveMillis);
            return fixed == null || d.isBefore(fixed) ? d : fixed;
        }
    }

    /**
     * Each remaining candidate gets twice its fair share of the remaining training time (the share of one of
     * {@code parallel} slots), and at least 40% of it; computed in exact durations so the last candidate's
     * deadline is exactly the training deadline.
     */
    static Instant candidateDeadline(AutoMLJob job, Instant now, Instant trainingDeadline, int remaining,
                                     int parallel) {
        Instant d = null;
        if (trainingDeadline != null) {
            Duration left = Duration.between(now, trainingDeadline);
            Duration share = left.multipliedBy(2L * parallel).dividedBy(Math.max(1, remaining));
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

    private void trainCandidate(CandidateRun run, PreparedData prep, FoldCache cache, AutoMLJob job,
                                InstantSource clock, Instant deadline, int threads, EventLog events,
                                int foldOffset) {
        long start = System.nanoTime();
        Splits splits = cache.splits();
        Task task = prep.task();
        try {
            Learner learner = catalog.create(run.step.algorithm(), run.step.overrides());
            run.hyperparameters.putAll(learner.hyperparameters());
            run.weightsIgnored = prep.weights() != null && !learner.supportsWeights();
            run.seed = Seeds.derive(job.seed(), Seeds.CANDIDATE, run.step.index());
            int k = splits.k();
            run.oof = new double[splits.training().length][task.outputWidth()];
            run.holdoutPred = splits.hasHoldout() ? new double[splits.holdout().length][task.outputWidth()] : null;
            run.foldObjectives = new double[k];
            boolean timeLimited = false;
            for (int f = 0; f < k; f++) {
                Instant now = clock.instant();
                Instant foldDeadline = null;
                if (deadline != null) {
                    if (!now.isBefore(deadline)) {
                        run.status = CandidateStatus.STOPPED;
                        run.failureReason = "time limit reached after " + f + " of " + k + " folds";
                        run.members.clear();
                        return;
                    }
                    foldDeadline = f == k - 1 ? deadline : now.plus(Duration.between(now, deadline).dividedBy(k - f));
                }
                if (Thread.currentThread().isInterrupted()) {
                    run.status = CandidateStatus.STOPPED;
                    run.failureReason = "stopped after " + f + " of " + k + " folds";
                    run.members.clear();
                    return;
                }
                FoldCache.FoldData fd = cache.get(learner.flavor(), f);
                if (f == 0) {
                    run.preprocessing = fd.preprocessor().describe();
                }
                double[] w = run.weightsIgnored ? null : fd.trainWeights();
                TrainData train = new TrainData(fd.train(), fd.trainY(), w);
                int[] local = splits.folds().validation(f);
                // early stopping watches the fold's out-of-fold rows (as AutoGluon's bagging does), so every
                // training row fits; the holdout, never seen by any learner, stays the unbiased judge (R29)
                TrainData watch = new TrainData(fd.validation(), Splits.pick(splits.trainingY(), local),
                        run.weightsIgnored || splits.trainingWeights() == null ? null
                                : Splits.pick(splits.trainingWeights(), local));
                LearnContext ctx = new LearnContext(task, Seeds.derive(job.seed(), Seeds.CANDIDATE,
                        run.step.index(), foldOffset + f), threads, foldDeadline, clock::instant, watch);
                FittedLearner fitted = learner.fit(train, ctx);
                double[][] p = fitted.predict(fd.validation());
                for (int i = 0; i < local.length; i++) {
                    run.oof[local[i]] = p[i];
                }
                if (run.holdoutPred != null) {
                    double[][] h = fitted.predict(fd.holdout());
                    for (int i = 0; i < h.length; i++) {
                        for (int j = 0; j < h[i].length; j++) {
                            run.holdoutPred[i][j] += h[i][j] / k;
                        }
                    }
                }
                run.members.add(new Member(fd.preprocessor(), fitted, 1.0 / k));
                run.foldInfos.add(fitted.info());
                for (Map.Entry<String, String> e : fitted.info().entrySet()) {
                    run.info.put("fold" + f + "." + e.getKey(), e.getValue());
                    if (e.getKey().equals("timeLimited") && e.getValue().equals("true")) {
                        timeLimited = true;
                    }
                }
                run.foldObjectives[f] = foldObjective(prep, splits, local, p,
                        job.objectiveMetric().orElse(Metric.defaultFor(prep.problemType())));
            }
            run.info.put("timeLimited", Boolean.toString(timeLimited));
            if (run.holdoutPred != null && !task.isRegression()) {
                for (double[] row : run.holdoutPred) {
                    double s = 0;
                    for (double v : row) {
                        s += v;
                    }
                    for (int j = 0; j < row.length; j++) {
                        row[j] /= s;
                    }
                }
            }
            Map<Metric, Double> oofMetrics = Metrics.evaluateAll(prep.problemType(), task.numClasses(),
                    splits.trainingY(), run.oof, splits.trainingWeights(), prep.positiveIndex());
            Metric objective = job.objectiveMetric().orElse(Metric.defaultFor(prep.problemType()));
            if (oofMetrics.containsKey(objective)) {
                run.info.put("outOfFold." + objective.name(), fmt(oofMetrics.get(objective)));
            }
            if (run.holdoutPred != null) {
                run.metrics.putAll(Metrics.evaluateAll(prep.problemType(), task.numClasses(), splits.holdoutY(),
                        run.holdoutPred, splits.holdoutWeights(), prep.positiveIndex()));
            } else {
                run.metrics.putAll(oofMetrics);
            }
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

    private static double foldObjective(PreparedData prep, Splits splits, int[] local, double[][] p, Metric m) {
        if (m == Metric.INFERENCE_LATENCY) {
            return Double.NaN;
        }
        double[] y = new double[local.length];
        double[] w = splits.trainingWeights() == null ? null : new double[local.length];
        for (int i = 0; i < local.length; i++) {
            y[i] = splits.trainingY()[local[i]];
            if (w != null) {
                w[i] = splits.trainingWeights()[local[i]];
            }
        }
        return Metrics.evaluate(m, prep.task().numClasses(), y, p, w, prep.positiveIndex());
    }

    /** @return the sample standard deviation of the non-NaN values, NaN below two */
    public static double std(double[] v) {
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

    /** @return the model signature of a job's prepared data */
    public static Signature signature(AutoMLJob job, PreparedData prep) {
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

    /** @return resolved attributes as provenance strings */
    public static Map<String, String> resolvedMap(ResolvedAttributes r) {
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

    /** @return v with 6 significant digits */
    public static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
