package io.automl4j.core.internal.hpo;

import io.automl4j.api.Algorithm;
import io.automl4j.api.AutoMLJob;
import io.automl4j.api.AutoMLResult;
import io.automl4j.api.Candidate;
import io.automl4j.api.CandidateStatus;
import io.automl4j.api.InvalidJobSpecException;
import io.automl4j.api.Mode;
import io.automl4j.api.ResolvedAttributes;
import io.automl4j.api.Stage;
import io.automl4j.api.TrainingFailedException;
import io.automl4j.api.data.ColumnType;
import io.automl4j.api.eval.Direction;
import io.automl4j.api.eval.EntryKind;
import io.automl4j.api.eval.Leaderboard;
import io.automl4j.api.eval.LeaderboardEntry;
import io.automl4j.api.eval.Metric;
import io.automl4j.api.hpo.Strategy;
import io.automl4j.api.hpo.Surrogate;
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
import io.automl4j.core.internal.search.FoldCache;
import io.automl4j.core.internal.search.Search;
import io.automl4j.core.internal.search.Latency;
import io.automl4j.core.internal.search.Result;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * HYPERPARAMETER_TUNING (AUTOML-R30–R40): trials over the conditional {@link SearchSpace}, proposed by RANDOM,
 * GRID, BAYESIAN (seeded random start, then {@link TpeSampler} or {@link GpEiSampler}) or HYPERBAND, validated by k-fold CV (≤ 50,000
 * usable rows) or a 20% holdout (R32), with the median stopping rule (R37) and the completion criteria of R38.
 *
 * <p>Trials run in batches of {@code maxParallelCandidates} (in trial order), a batch's trials at once on
 * min(maxParallelCandidates, threads) slots, each learner with its share of {@code threads} (R58). BAYESIAN proposes
 * a batch from the trials completed before it, in trial order, and the median rule compares a trial with the trials
 * of earlier batches, so neither proposals nor stops depend on timing or on the thread count (R31, R37, R60).
 * Every random choice comes from a generator derived from (job seed, stable index) ({@link HpoSeeds}); a trial's
 * learner seeds are {@code (CANDIDATE, trial, fold)} as in ENSEMBLING.
 *
 * <p>The final model is the best completed trial (R40: objective, ties → lower trial index) — its fold models
 * averaged (CV) or its single model (holdout). To bound memory only the {@value #MODELS_KEPT} best completed trials
 * keep their models (and get an InferenceLatency); the others stay on the leaderboard without a model.
 *
 * <p>Median stopping (R37) uses the per-step values the learners report through {@link LearnContext.StepMonitor}:
 * the learner's own validation loss on its inner split of fold 1 (log-loss or RMSE, minimised), every 10 boosting
 * rounds or every MLP epoch, rather than the job objective on the CV fold. LINEAR (closed form / L-BFGS), forests
 * and kNN report no steps and are never stopped by the rule.
 */
public final class HpoSearch {
    /** Usable rows up to which trials use k-fold CV; above, a 20% holdout (R32). */
    public static final int MAX_ROWS_FOR_CV = 50_000;
    /** Default trial count (R2). */
    public static final int DEFAULT_MAX_CANDIDATES = 100;
    /** Seeded random trials before BAYESIAN uses its surrogate (R31). */
    public static final int RANDOM_START = 10;
    /** Completed trials that keep their fold models. */
    public static final int MODELS_KEPT = 10;
    /** Largest Hyperband bracket index (resource ratio 27 = data fractions 1/27..1). */
    public static final int MAX_BRACKET = 3;
    private static final double RESERVE_SHARE = 0.10;
    private static final Set<String> RESOURCE_NAMES = Set.of("num_round", "num_boost_round", "n_estimators",
            "num_iterations", "num_trees", "max_epochs", "max_iter", "early_stopping_rounds",
            "early_stopping_round", "validation_fraction");

    private final LearnerCatalog catalog;
    private final int maxRowsForCv;

    /** @param catalog creates the learners */
    public HpoSearch(LearnerCatalog catalog) {
        this(catalog, MAX_ROWS_FOR_CV);
    }

    /**
     * For tests of the holdout path on small data.
     *
     * @param catalog      creates the learners
     * @param maxRowsForCv usable rows up to which trials use CV
     */
    HpoSearch(LearnerCatalog catalog, int maxRowsForCv) {
        this.catalog = catalog;
        this.maxRowsForCv = maxRowsForCv;
    }

    /** A trial to run: its index, configuration and Hyperband rung (level -1 outside Hyperband). */
    record Planned(int index, Config config, int level, int sMax, Map<String, String> resourceOverrides,
                   double fraction) {
        static Planned of(int index, Config config) {
            return new Planned(index, config, -1, 0, Map.of(), 1.0);
        }
    }

    /** Mutable state of one trial (written by the one thread that trains it, read after its future completes). */
    static final class Trial {
        final int index;
        final String name;
        final Algorithm algorithm;
        final Map<String, String> overrides;
        final Config config;
        CandidateStatus status = CandidateStatus.IN_PROGRESS;
        String failureReason;
        final Map<String, String> hyperparameters = new TreeMap<>();
        final Map<String, String> info = new TreeMap<>();
        Map<String, String> preprocessing = Map.of();
        boolean weightsIgnored;
        double fitSeconds;
        final List<Member> members = new ArrayList<>();
        final Map<Metric, Double> metrics = new EnumMap<>(Metric.class);
        double objective = Double.NaN;
        double objectiveStd = Double.NaN;
        long seed;
        double[] steps = new double[0];
        /** Its slot came free only after the training deadline: dropped from the job. */
        boolean notStarted;

        Trial(int index, String name, Algorithm algorithm, Config config, Map<String, String> overrides) {
            this.index = index;
            this.name = name;
            this.algorithm = algorithm;
            this.config = config;
            this.overrides = overrides;
        }

        Candidate toCandidate() {
            return new Candidate(index, name, algorithm, status, failureReason, hyperparameters, fitSeconds,
                    weightsIgnored, info);
        }
    }

    /** Everything a run shares. */
    private final class Run {
        final AutoMLJob job;
        final PreparedData prep;
        final EventLog events;
        final String jobName;
        final InstantSource clock;
        final Metric objective;
        final boolean maximising;
        final SearchSpace space;
        final FoldCache cache;
        final int[] trainFolds;
        final boolean cv;
        final Instant trainingDeadline;
        final Completion completion;
        final int maxCandidates;
        final List<Trial> trials = new ArrayList<>();
        final List<Trial> kept = new ArrayList<>();
        final Map<Algorithm, List<double[]>> histories = new EnumMap<>(Algorithm.class);
        /** Warm-start observations (R41), before this job's own. */
        final List<Observation> seeded = new ArrayList<>();
        String reason;
        boolean budgetHit;

        Run(AutoMLJob job, PreparedData prep, EventLog events, String jobName, Metric objective, SearchSpace space,
            FoldCache cache, boolean cv, Instant trainingDeadline, int maxCandidates) {
            this.job = job;
            this.prep = prep;
            this.events = events;
            this.jobName = jobName;
            this.clock = job.clock();
            this.objective = objective;
            this.maximising = objective.direction() == Direction.MAXIMIZE;
            this.space = space;
            this.cache = cache;
            this.cv = cv;
            this.trainFolds = cv ? java.util.stream.IntStream.range(0, cache.folds().k()).toArray() : new int[] {0};
            this.trainingDeadline = trainingDeadline;
            this.maxCandidates = maxCandidates;
            this.completion = new Completion(maxCandidates, maximising,
                    job.targetObjectiveValue().isPresent() ? job.targetObjectiveValue().getAsDouble() : null,
                    job.maxCandidatesNotImproving().isPresent() ? job.maxCandidatesNotImproving().getAsInt() : null,
                    job.completeOnConvergence());
        }

        List<Observation> observations() {
            List<Observation> out = new ArrayList<>(seeded);
            for (Trial t : trials) {
                if (t.status == CandidateStatus.COMPLETED && !Double.isNaN(t.objective) && t.config != null) {
                    out.add(new Observation(t.index, t.config, maximising ? -t.objective : t.objective));
                }
            }
            return out;
        }

        /** @return false when the search must end before this trial (time, interrupt) */
        boolean mayStart() {
            if (Thread.currentThread().isInterrupted()) {
                reason = Completion.STOPPED;
                events.warn(Stage.SEARCH, "job interrupted: no new trials");
                return false;
            }
            if (trainingDeadline != null && !clock.instant().isBefore(trainingDeadline)) {
                budgetHit = true;
                reason = Completion.MAX_AUTO_ML_JOB_RUNTIME_REACHED;
                events.warn(Stage.SEARCH, "time budget used up: no new trials", "trials", trials.size());
                return false;
            }
            return true;
        }

        /** @return false when the search is complete: runs the trials in batches of maxParallelCandidates */
        boolean runInBatches(List<Planned> planned) {
            int b = job.maxParallelCandidates();
            for (int i = 0; i < planned.size(); i += b) {
                if (!mayStart() || !runBatch(planned.subList(i, Math.min(planned.size(), i + b)))) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Runs a batch of trials at once on a pool of min(maxParallelCandidates, threads) slots, each learner with
         * its share of the threads, then applies R38 to them in trial order (AUTOML-R31, R58). The median rule
         * (R37) compares a trial with the trials completed before its batch, so neither the pool size nor thread
         * timing changes a result: batches have maxParallelCandidates trials whatever the machine (R60).
         *
         * @return false when the search is complete
         */
        boolean runBatch(List<Planned> batch) {
            List<Trial> ts = new ArrayList<>();
            for (Planned p : batch) {
                SearchSpace.AlgoSpace as = space.get(p.config().algorithm());
                Map<String, String> overrides = new TreeMap<>(as.overrides(p.config().u()));
                overrides.putAll(p.resourceOverrides());
                Trial t = new Trial(p.index(), String.format(Locale.ROOT, "%s-%03d-%s", jobName, p.index() + 1,
                        as.algorithm()), as.algorithm(), p.config(), overrides);
                if (p.level() >= 0) {
                    t.info.put("hyperbandLevel", Integer.toString(p.level()));
                    t.info.put("hyperbandMaxLevel", Integer.toString(p.sMax()));
                    if (p.fraction() < 1) {
                        t.info.put("dataFraction", Double.toString(p.fraction()));
                    }
                }
                trials.add(t);
                ts.add(t);
            }
            Map<Algorithm, List<double[]>> peers = new EnumMap<>(Algorithm.class);
            histories.forEach((a, h) -> peers.put(a, List.copyOf(h)));
            int parallel = Math.max(1, Math.min(Math.min(job.maxParallelCandidates(), job.threads()), ts.size()));
            int learnerThreads = Math.max(1, job.threads() / parallel);
            ExecutorService pool = Search.daemonPool(parallel, "automl4j-trial-", t -> { });
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < ts.size(); i++) {
                Trial t = ts.get(i);
                double fraction = batch.get(i).fraction();
                futures.add(pool.submit(() -> train(t, fraction, peers, learnerThreads, parallel)));
            }
            pool.shutdown();
            boolean interrupted = false;
            try {
                for (Future<?> f : futures) {
                    while (true) {
                        try {
                            f.get();
                            break;
                        } catch (InterruptedException e) {
                            // a stop interrupts the tuning thread: pass it on to the learners, never-started trials
                            // are cancelled, and the batch winds down with what completed (AUTOML-R47)
                            interrupted = true;
                            for (Runnable queued : pool.shutdownNow()) {
                                ((Future<?>) queued).cancel(false);
                            }
                        } catch (java.util.concurrent.CancellationException e) {
                            break;
                        } catch (java.util.concurrent.ExecutionException e) {
                            throw new IllegalStateException("trial worker failed", e.getCause());
                        }
                    }
                }
            } finally {
                pool.shutdownNow();
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            for (int i = 0; i < ts.size(); i++) {
                Trial t = ts.get(i);
                if (t.notStarted) {
                    // its slot came free after the training deadline: not a trial of this job, nor are later ones
                    trials.removeAll(ts.subList(i, ts.size()));
                    budgetHit = true;
                    reason = Completion.MAX_AUTO_ML_JOB_RUNTIME_REACHED;
                    events.warn(Stage.SEARCH, "time budget used up: no new trials", "trials", trials.size());
                    return false;
                }
                if (t.status == CandidateStatus.IN_PROGRESS) {
                    t.status = CandidateStatus.STOPPED;
                    t.failureReason = "not started: the job was stopped";
                }
                Optional<String> done = completion.onFinished(t.status, t.objective);
                if (t.status == CandidateStatus.COMPLETED) {
                    keep(t);
                    if (job.earlyStopping() && SearchSpace.reportsSteps(t.algorithm)) {
                        histories.computeIfAbsent(t.algorithm, a -> new ArrayList<>()).add(t.steps);
                    }
                }
                events.info(Stage.SEARCH, "trial " + t.status.name().toLowerCase(Locale.ROOT), "candidate", t.name,
                        "trial", t.index + 1, "objective", t.status == CandidateStatus.COMPLETED
                                ? Search.fmt(t.objective) : "-",
                        "best", Search.fmt(completion.best()), "fitSeconds", Search.fmt(t.fitSeconds),
                        "hyperparameters", t.overrides);
                if (done.isPresent()) {
                    // R38 in trial order: the batch's later trials ran alongside, but the job ended before them
                    if (i + 1 < ts.size()) {
                        trials.removeAll(ts.subList(i + 1, ts.size()));
                        events.info(Stage.SEARCH, "search complete: later trials of the batch discarded",
                                "reason", done.get(), "discarded", ts.size() - i - 1);
                    }
                    reason = done.get();
                    return false;
                }
            }
            if (trainingDeadline != null && !clock.instant().isBefore(trainingDeadline)) {
                budgetHit = true;
            }
            return true;
        }

        /** Keeps the models of the {@value #MODELS_KEPT} best completed trials only. */
        void keep(Trial t) {
            kept.add(t);
            kept.sort((a, b) -> {
                int c = Double.compare(a.objective, b.objective);
                c = maximising ? -c : c;
                return c != 0 ? c : Integer.compare(a.index, b.index);
            });
            if (kept.size() > MODELS_KEPT) {
                Trial out = kept.remove(kept.size() - 1);
                out.members.clear();
            }
        }

        private void train(Trial t, double fraction, Map<Algorithm, List<double[]>> histories, int learnerThreads,
                           int parallel) {
            long t0 = System.nanoTime();
            Instant now = clock.instant();
            if (trainingDeadline != null && !now.isBefore(trainingDeadline)) {
                t.notStarted = true;
                return;
            }
            // hard: the job's training deadline and maxRuntimePerCandidate (R39, R58): past it, no further fold
            Instant deadline = trainingDeadline;
            if (job.maxRuntimePerCandidate().isPresent()) {
                Instant p = now.plus(job.maxRuntimePerCandidate().get());
                deadline = deadline == null || p.isBefore(deadline) ? p : deadline;
            }
            // soft, given to the learners: twice the trial's fair share of the time left and at least a tenth of
            // it, so that one slow configuration cannot use the whole budget; iterative learners stop adding steps
            // there and keep the model so far, others mostly finish their fold
            Instant soft = deadline;
            if (trainingDeadline != null && now.isBefore(trainingDeadline)) {
                Duration left = Duration.between(now, trainingDeadline);
                int remaining = Math.max(1, maxCandidates - t.index);
                Duration share = left.multipliedBy(2L * Math.min(parallel, remaining)).dividedBy(remaining);
                if (share.compareTo(left.dividedBy(10)) < 0) {
                    share = left.dividedBy(10);
                }
                Instant s = now.plus(share);
                soft = s.isBefore(deadline) ? s : deadline;
            }
            try {
                Learner learner = catalog.create(t.algorithm, t.overrides);
                t.hyperparameters.putAll(t.overrides); // the trial's values, then the learner's resolved set
                t.hyperparameters.putAll(learner.hyperparameters());
                t.weightsIgnored = prep.weights() != null && !learner.supportsWeights();
                t.seed = Seeds.derive(job.seed(), Seeds.CANDIDATE, t.index);
                Task task = prep.task();
                int k = cache.folds().k();
                double[][] oof = new double[prep.rows()][];
                double[] foldObjectives = new double[trainFolds.length];
                boolean timeLimited = false;
                List<Double> steps = new ArrayList<>();
                for (int fi = 0; fi < trainFolds.length; fi++) {
                    int f = trainFolds[fi];
                    Instant fnow = fi == 0 ? now : clock.instant(); // the first fold starts: checked above
                    Instant foldDeadline = null;
                    if (deadline != null) {
                        if (!fnow.isBefore(deadline)) {
                            t.status = CandidateStatus.STOPPED;
                            t.failureReason = "time limit reached after " + fi + " of " + trainFolds.length
                                    + " folds";
                            t.members.clear();
                            return;
                        }
                        int left = trainFolds.length - fi;
                        Instant until = fnow.isBefore(soft) ? soft : deadline;
                        foldDeadline = left == 1 ? until : fnow.plus(Duration.between(fnow, until).dividedBy(left));
                    }
                    FoldCache.FoldData fd = cache.get(learner.flavor(), f);
                    if (fi == 0) {
                        t.preprocessing = fd.preprocessor().describe();
                    }
                    TrainData train = new TrainData(fd.train(), fd.trainY(), t.weightsIgnored ? null
                            : fd.trainWeights());
                    if (fraction < 1) {
                        train = train.select(subsample(train.rows(), fraction,
                                Seeds.rng(job.seed(), HpoSeeds.SUBSAMPLE, t.index, f)));
                    }
                    LearnContext.StepMonitor monitor = null;
                    if (fi == 0 && job.earlyStopping() && SearchSpace.reportsSteps(t.algorithm)) {
                        List<double[]> peers = histories.getOrDefault(t.algorithm, List.of());
                        monitor = (step, value) -> {
                            steps.add(value);
                            return MedianStoppingRule.shouldStop(peers, toArray(steps), false);
                        };
                    }
                    LearnContext ctx = new LearnContext(task, Seeds.derive(job.seed(), Seeds.CANDIDATE, t.index, f),
                            learnerThreads, foldDeadline, clock::instant, monitor);
                    FittedLearner fitted = learner.fit(train, ctx);
                    String stoppedAt = fitted.info().get("stoppedAtStep");
                    if (stoppedAt != null) {
                        t.status = CandidateStatus.STOPPED;
                        t.failureReason = "median stopping rule at step " + stoppedAt;
                        t.info.put("stoppedAtStep", stoppedAt);
                        t.members.clear();
                        events.info(Stage.SEARCH, "trial stopped by the median stopping rule", "candidate", t.name,
                                "step", stoppedAt);
                        return;
                    }
                    int[] vrows = cache.folds().validation(f);
                    double[][] p = fitted.predict(fd.validation());
                    for (int i = 0; i < vrows.length; i++) {
                        oof[vrows[i]] = p[i];
                    }
                    t.members.add(new Member(fd.preprocessor(), fitted, 1.0 / trainFolds.length));
                    for (Map.Entry<String, String> e : fitted.info().entrySet()) {
                        t.info.put("fold" + f + "." + e.getKey(), e.getValue());
                        if (e.getKey().equals("timeLimited") && e.getValue().equals("true")) {
                            timeLimited = true;
                        }
                    }
                    foldObjectives[fi] = evaluate(vrows, p).get(objective);
                }
                t.steps = toArray(steps);
                t.info.put("timeLimited", Boolean.toString(timeLimited));
                t.info.put("validation", cv ? k + "-fold CV" : "holdout");
                if (cv) {
                    t.metrics.putAll(Metrics.evaluateAll(prep.problemType(), task.numClasses(), prep.y(), oof,
                            prep.weights(), prep.positiveIndex()));
                    t.objectiveStd = Search.std(foldObjectives);
                } else {
                    int[] vrows = cache.folds().validation(0);
                    double[][] p = new double[vrows.length][];
                    for (int i = 0; i < vrows.length; i++) {
                        p[i] = oof[vrows[i]];
                    }
                    t.metrics.putAll(evaluate(vrows, p));
                }
                t.objective = t.metrics.get(objective);
                t.status = CandidateStatus.COMPLETED;
                if (job.maxRuntimePerCandidate().isPresent() && !timeLimited
                        && System.nanoTime() - t0 > job.maxRuntimePerCandidate().get().toNanos()
                        && !SearchSpace.reportsSteps(t.algorithm) && t.algorithm != Algorithm.LINEAR) {
                    // R39: a non-iterative learner that overran its limit is STOPPED
                    t.status = CandidateStatus.STOPPED;
                    t.failureReason = "maxRuntimePerCandidate " + job.maxRuntimePerCandidate().get() + " exceeded";
                    t.objective = Double.NaN;
                    t.members.clear();
                }
            } catch (OutOfMemoryError | StackOverflowError | RuntimeException e) {
                t.status = CandidateStatus.FAILED;
                t.failureReason = e.getClass().getSimpleName() + ": " + e.getMessage();
                t.members.clear();
                events.warn(Stage.SEARCH, "trial failed: " + t.failureReason, "candidate", t.name);
            } finally {
                t.fitSeconds = (System.nanoTime() - t0) / 1e9;
            }
        }

        private Map<Metric, Double> evaluate(int[] vrows, double[][] p) {
            double[] y = new double[vrows.length];
            double[] w = prep.weights() == null ? null : new double[vrows.length];
            for (int i = 0; i < vrows.length; i++) {
                y[i] = prep.y()[vrows[i]];
                if (w != null) {
                    w[i] = prep.weights()[vrows[i]];
                }
            }
            return Metrics.evaluateAll(prep.problemType(), prep.task().numClasses(), y, p, w, prep.positiveIndex());
        }
    }

    /**
     * Runs the search; called by {@code Search} once the mode resolved to HYPERPARAMETER_TUNING.
     *
     * @param job       the job
     * @param prep      the analysed data
     * @param sizeBytes training data size (−1 = unknown)
     * @param events    the job's event log
     * @param jobName   the resolved job name
     * @param start     job start
     * @param t0        {@link System#nanoTime()} at job start
     * @param phases    phase timings so far (added to)
     * @return the result
     */
    public AutoMLResult run(AutoMLJob job, PreparedData prep, long sizeBytes, EventLog events, String jobName,
                            Instant start, long t0, Map<String, Duration> phases) {
        return run(job, prep, sizeBytes, events, jobName, start, t0, phases, null);
    }

    /**
     * @param job       the job
     * @param prep      the analysed data
     * @param sizeBytes training data size (−1 = unknown)
     * @param events    the job's event log
     * @param jobName   the resolved job name
     * @param start     job start
     * @param t0        {@link System#nanoTime()} at job start
     * @param phases    phase timings so far (added to)
     * @param holdout   rows forced into a holdout (validation data or an explicit fraction, R32), or null
     * @return the result
     */
    public AutoMLResult run(AutoMLJob job, PreparedData prep, long sizeBytes, EventLog events, String jobName,
                            Instant start, long t0, Map<String, Duration> phases, int[] holdout) {
        phases.putIfAbsent("data", Duration.ofNanos(System.nanoTime() - t0));
        Metric objective = job.objectiveMetric().orElse(Metric.defaultFor(prep.problemType()));
        if (objective == Metric.INFERENCE_LATENCY) {
            throw new InvalidJobSpecException("INFERENCE_LATENCY as objective is allowed only in ENSEMBLING mode, but"
                    + " the job runs HYPERPARAMETER_TUNING (AUTOML-R9)");
        }
        events.info(Stage.VALIDATION, "objective metric resolved", "metric", objective,
                "default", job.objectiveMetric().isEmpty());
        Strategy strategy = job.hpoStrategy().orElse(job.warmStartType().isEmpty()
                && (sizeBytes < 0 || sizeBytes > job.autoModeThresholdBytes()) ? Strategy.HYPERBAND : Strategy.BAYESIAN);
        events.info(Stage.SEARCH, "HPO strategy resolved", "strategy", strategy, "default",
                job.hpoStrategy().isEmpty(), "sizeBytes", sizeBytes, "surrogate",
                strategy == Strategy.BAYESIAN ? job.bayesianSurrogate() : "-");

        Set<Algorithm> allowed = EnumSet.copyOf(job.algorithms().orElse(AutoMLJob.DEFAULT_HPO_ALGORITHMS));
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
        SearchSpace space = SearchSpace.of(allowed, job.parameterRanges());
        if (strategy == Strategy.HYPERBAND) {
            space = space.without(RESOURCE_NAMES);
        }
        checkSpace(space);
        List<Observation> seeded = job.warmStartType().isEmpty() ? List.of()
                : WarmStart.observations(job, space, prep.fingerprint(), objective);
        if (job.warmStartType().isPresent()) {
            events.info(Stage.SEARCH, "warm start: parent trials seed the search", "type", job.warmStartType().get(),
                    "parents", job.warmStartParents().size(), "seededTrials", seeded.size());
        }
        int maxCandidates;
        List<Config> grid = null;
        if (strategy == Strategy.GRID) {
            grid = GridSampler.enumerate(space);
            maxCandidates = grid.size();
        } else {
            maxCandidates = job.maxCandidates().orElse(DEFAULT_MAX_CANDIDATES);
        }
        events.info(Stage.SEARCH, "search space ready", "strategy", strategy, "maxCandidates", maxCandidates,
                "space", space.toString());

        long t1 = System.nanoTime();
        boolean cv = holdout == null && prep.rows() <= maxRowsForCv;
        Folds folds;
        if (holdout != null) {
            // fold 0 = the forced holdout, fold 1 = the training rows; holdout mode trains on fold 0's complement
            int[] foldOf = new int[prep.rows()];
            java.util.Arrays.fill(foldOf, 1);
            for (int r : holdout) {
                foldOf[r] = 0;
            }
            folds = Folds.of(2, foldOf);
            events.info(Stage.SEARCH, "trials use the given holdout (validation data or validationFraction)",
                    "holdoutRows", holdout.length, "trainingRows", prep.rows() - holdout.length);
        } else {
            int k = cv ? Math.min(job.folds(), Search.minClassCount(prep.y(), prep.task().numClasses())) : 5;
            folds = Folds.assign(prep.y(), prep.task().numClasses(), k, Seeds.derive(job.seed(), Seeds.SPLIT));
            events.info(Stage.SEARCH, cv ? "trials use k-fold cross-validation" : "trials use a 20% holdout",
                    "rows", prep.rows(), "folds", cv ? folds.k() : 1, "thresholdRows", maxRowsForCv);
        }
        FoldCache cache = new FoldCache(prep, folds, job.seed());
        Instant deadline = job.maxJobRuntime().map(start::plus).orElse(null);
        Instant trainingDeadline = deadline == null ? null
                : deadline.minus(Duration.ofMillis((long) (job.maxJobRuntime().get().toMillis() * RESERVE_SHARE)));
        Run run = new Run(job, prep, events, jobName, objective, space, cache, cv, trainingDeadline, maxCandidates);
        run.seeded.addAll(seeded);

        switch (strategy) {
            case GRID -> {
                List<Planned> planned = new ArrayList<>();
                for (int t = 0; t < grid.size(); t++) {
                    planned.add(Planned.of(t, grid.get(t)));
                }
                run.runInBatches(planned);
            }
            case RANDOM -> {
                Set<String> parents = new java.util.HashSet<>();
                for (Observation o : seeded) {
                    parents.add(o.config().algorithm() + " " + space.get(o.config().algorithm()).overrides(o.config().u()));
                }
                List<Planned> planned = new ArrayList<>();
                for (int t = 0; t < maxCandidates; t++) {
                    Config c = RandomSampler.sample(space, job.seed(), t);
                    // R41: parent trials are never re-run
                    for (int attempt = 1; attempt <= 100 && parents.contains(c.algorithm() + " "
                            + space.get(c.algorithm()).overrides(c.u())); attempt++) {
                        c = RandomSampler.draw(space, Seeds.rng(job.seed(), HpoSeeds.RANDOM, t, attempt));
                    }
                    planned.add(Planned.of(t, c));
                }
                run.runInBatches(planned);
            }
            case BAYESIAN -> runBayesian(run, job.seed(), job.bayesianSurrogate());
            case HYPERBAND -> runHyperband(run, job);
        }
        if (run.reason == null) {
            run.reason = Completion.MAX_CANDIDATES_REACHED;
        }
        cache.clear();
        phases.put("search", Duration.ofNanos(System.nanoTime() - t1));
        return assemble(run, job, prep, sizeBytes, folds, start, deadline, t0, phases, strategy);
    }

    private static void runBayesian(Run run, long seed, Surrogate surrogate) {
        // warm-start trials count toward the random start (R41: they seed the surrogate)
        int randomStart = Math.max(0, Math.min(RANDOM_START, run.maxCandidates) - run.seeded.size());
        int batchSize = run.job.maxParallelCandidates();
        for (int t = 0; t < run.maxCandidates; t += batchSize) {
            List<Observation> obs = run.observations(); // trials < t, all complete: never timing-dependent
            List<Planned> batch = new ArrayList<>();
            for (int trial = t; trial < Math.min(run.maxCandidates, t + batchSize); trial++) {
                batch.add(Planned.of(trial, trial < randomStart ? RandomSampler.sample(run.space, seed, trial)
                        : surrogate == Surrogate.GP_EI ? GpEiSampler.propose(run.space, obs, seed, trial)
                        : TpeSampler.propose(run.space, obs, seed, trial)));
            }
            if (!run.mayStart() || !run.runBatch(batch)) {
                return;
            }
        }
    }

    private static void runHyperband(Run run, AutoMLJob job) {
        int minR = job.hyperbandMinResource().orElse(-1);
        int maxR = job.hyperbandMaxResource().orElse(-1);
        int sMax = minR > 0 ? Hyperband.sMax(minR, maxR, Hyperband.ETA, MAX_BRACKET) : MAX_BRACKET;
        List<List<Hyperband.Rung>> brackets = Hyperband.brackets(sMax, Hyperband.ETA);
        run.events.info(Stage.SEARCH, "hyperband brackets", "eta", Hyperband.ETA, "sMax", sMax,
                "brackets", brackets.toString());
        int t = 0;
        while (true) {
            for (int b = 0; b < brackets.size(); b++) {
                List<Hyperband.Rung> rungs = brackets.get(b);
                List<Config> configs = new ArrayList<>();
                for (int i = 0; i < rungs.get(0).configurations(); i++) {
                    configs.add(RandomSampler.draw(run.space, Seeds.rng(job.seed(), HpoSeeds.HYPERBAND, t + i)));
                }
                for (int r = 0; r < rungs.size(); r++) {
                    int level = rungs.get(r).level();
                    int first = run.trials.size();
                    List<Planned> planned = new ArrayList<>();
                    // R38 counts trials: the rung never goes past maxCandidates
                    for (int i = 0; i < configs.size() && t < run.maxCandidates; i++) {
                        Config c = configs.get(i);
                        Algorithm a = run.space.get(c.algorithm()).algorithm();
                        Map<String, String> res = resourceOverrides(a, level, sMax, minR, maxR);
                        double fraction = SearchSpace.resourceParameter(a) == null
                                ? Hyperband.fraction(level, sMax) : 1.0;
                        planned.add(new Planned(t++, c, level, sMax, res, fraction));
                    }
                    if (!run.runInBatches(planned)) {
                        return;
                    }
                    List<Trial> rung = new ArrayList<>(run.trials.subList(first, run.trials.size()));
                    if (r + 1 < rungs.size()) {
                        int next = rungs.get(r + 1).configurations();
                        List<Trial> ok = new ArrayList<>(rung.stream()
                                .filter(x -> x.status == CandidateStatus.COMPLETED).toList());
                        ok.sort((x, y) -> {
                            int c = Double.compare(x.objective, y.objective);
                            c = run.maximising ? -c : c;
                            return c != 0 ? c : Integer.compare(x.index, y.index);
                        });
                        configs = ok.subList(0, Math.min(next, ok.size())).stream().map(x -> x.config).toList();
                        if (configs.isEmpty()) {
                            break;
                        }
                    }
                }
            }
        }
    }

    /**
     * The resource of a level (AUTOML-R31): boosting rounds (default 10..4000), or epochs / iterations (MLP,
     * LINEAR; default 1..200), interpolated geometrically between min and max; with the resource fixed, inner early
     * stopping is off.
     */
    static Map<String, String> resourceOverrides(Algorithm a, int level, int sMax, int minR, int maxR) {
        String p = SearchSpace.resourceParameter(a);
        if (p == null) {
            return Map.of();
        }
        boolean boosting = a == Algorithm.XGBOOST || a == Algorithm.GBDT;
        long lo = minR > 0 ? minR : boosting ? 10 : 1;
        long hi = maxR > 0 ? maxR : boosting ? 4000 : 200;
        long r = Hyperband.resource(level, sMax, lo, hi);
        Map<String, String> m = new TreeMap<>();
        m.put(p, Long.toString(r));
        if (boosting) {
            m.put("early_stopping_rounds", "0");
        } else if (a == Algorithm.MLP) {
            m.put("validation_fraction", "0");
        }
        return m;
    }

    /** R34: every parameter name and bound must be accepted by the algorithm's learner. */
    private void checkSpace(SearchSpace space) {
        for (SearchSpace.AlgoSpace as : space.algorithms()) {
            for (double u : new double[] {0.0, 1.0, 0.5}) {
                double[] coords = new double[as.dims().size()];
                Arrays.fill(coords, u);
                try {
                    catalog.create(as.algorithm(), as.overrides(coords));
                } catch (IllegalArgumentException e) {
                    throw new InvalidJobSpecException("parameterRanges of " + as.algorithm() + " are not valid for "
                            + "its learner: " + e.getMessage());
                }
            }
        }
    }

    private AutoMLResult assemble(Run run, AutoMLJob job, PreparedData prep, long sizeBytes, Folds folds,
                                  Instant start, Instant deadline, long t0, Map<String, Duration> phases,
                                  Strategy strategy) {
        long t2 = System.nanoTime();
        EventLog events = run.events;
        InstantSource clock = job.clock();
        List<Trial> completed = run.trials.stream().filter(r -> r.status == CandidateStatus.COMPLETED).toList();
        if (completed.isEmpty()) {
            String why = run.budgetHit ? "no candidate completed within " + job.maxJobRuntime().get()
                    : "no candidate completed: " + failures(run.trials);
            events.warn(Stage.SELECTION, "job failed: " + why);
            throw new TrainingFailedException(why);
        }
        Signature signature = Search.signature(job, prep);
        Map<String, String> dateFormats = new LinkedHashMap<>();
        for (ColumnData c : prep.table().columns()) {
            if (c.type() == ColumnType.DATETIME) {
                dateFormats.put(c.name(), c.dateFormat().name());
            }
        }
        ResolvedAttributes resolved = new ResolvedAttributes(prep.problemType(), prep.problemTypeInferred(),
                Mode.HYPERPARAMETER_TUNING, run.objective, prep.positiveIndex() < 0 ? null
                : prep.labels().get(prep.positiveIndex()), prep.labels(), prep.columnTypes(), prep.dropped(),
                sizeBytes, prep.rows(), prep.excludedTarget() + prep.excludedWeight());
        boolean reproducible = job.maxJobRuntime().isEmpty() && job.maxRuntimePerCandidate().isEmpty();
        String reproducibleReason = reproducible ? "count budget and fixed seed"
                : "time budget: which trials finish depends on timing";
        Map<String, String> resolvedMap = Search.resolvedMap(resolved);
        resolvedMap.put("hpoStrategy", strategy.name());
        int foldsUsed = run.cv ? folds.k() : 1;
        Map<String, BaggedModel> models = new LinkedHashMap<>();
        Instant endOfSearch = clock.instant();
        List<Trial> withModels = run.kept;
        for (Trial r : withModels) {
            Provenance p = new Provenance(run.jobName, job.toSpecMap(), resolvedMap, job.seed(), prep.fingerprint(),
                    List.of(new CandidateProvenance(r.name, r.algorithm, r.hyperparameters, foldsUsed, r.seed,
                            r.preprocessing)), RuntimeInfo.current(Version.LIBRARY), start, endOfSearch,
                    reproducible, reproducibleReason);
            BaggedModel m = new BaggedModel(signature, p, dateFormats, r.members);
            models.put(r.name, m);
            long ms = deadline == null ? 100 : Math.max(0, Math.min(100, Duration.between(clock.instant(), deadline)
                    .toMillis() / (2L * withModels.size())));
            r.metrics.put(Metric.INFERENCE_LATENCY, Latency.measure(m, prep.table(), job.seed(),
                    Duration.ofMillis(ms)));
        }
        List<LeaderboardEntry> entries = new ArrayList<>();
        for (Trial r : completed) {
            entries.add(new LeaderboardEntry(0, r.index, r.name, EntryKind.TRIAL, List.of(r.algorithm), Map.of(),
                    r.objective, r.objectiveStd, r.metrics, r.fitSeconds, r.hyperparameters, foldsUsed));
        }
        Leaderboard leaderboard = Leaderboard.of(run.objective, prep.problemType(), entries);
        String bestName = leaderboard.best().candidateName();
        events.info(Stage.SELECTION, "best trial selected", "candidate", bestName, "objective",
                Search.fmt(leaderboard.best().objective()), "metric", run.objective);
        phases.put("selection", Duration.ofNanos(System.nanoTime() - t2));
        if (job.refitFull()) {
            long t3 = System.nanoTime();
            Trial best = withModels.stream().filter(t -> t.name.equals(bestName)).findFirst().orElse(null);
            Refit refit = best == null ? null : refit(job, prep, best, foldsUsed, deadline, events);
            if (refit != null) {
                Map<String, String> res = new LinkedHashMap<>(resolvedMap);
                res.put("refit", "true");
                Provenance p = new Provenance(run.jobName, job.toSpecMap(), res, job.seed(), prep.fingerprint(),
                        List.of(new CandidateProvenance(best.name, best.algorithm, refit.hyperparameters(), 1,
                                Seeds.derive(job.seed(), Seeds.CANDIDATE, best.index, Seeds.REFIT),
                                refit.preprocessing())), RuntimeInfo.current(Version.LIBRARY), start, clock.instant(),
                        reproducible, reproducibleReason);
                models.put(bestName, new BaggedModel(signature, p, dateFormats, refit.members()));
            }
            phases.put("refit", Duration.ofNanos(System.nanoTime() - t3));
        }
        Map<String, String> partial = new LinkedHashMap<>();
        for (Trial r : run.trials) {
            if (r.status == CandidateStatus.FAILED) {
                partial.put(r.name, r.failureReason);
            }
        }
        if (!job.warmStartParents().isEmpty()) {
            // R41 overallBest: the best trial across this job and its parents (ties -> this job, then parent order)
            LeaderboardEntry overall = leaderboard.best();
            String owner = run.jobName;
            for (AutoMLResult p : job.warmStartParents()) {
                LeaderboardEntry e = p.leaderboard().best();
                if (run.maximising ? e.objective() > overall.objective() : e.objective() < overall.objective()) {
                    overall = e;
                    owner = p.provenance().jobName();
                }
            }
            events.info(Stage.SELECTION, "overall best across this job and its warm-start parents", "job", owner,
                    "candidate", overall.candidateName(), "objective", Search.fmt(overall.objective()));
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - t0);
        events.info(Stage.SELECTION, "job completed", "completionReason", run.reason, "wallSeconds",
                Search.fmt(wall.toNanos() / 1e9), "trials", run.trials.size(), "completed", completed.size());
        return new Result(job, run.jobName, resolved, leaderboard,
                run.trials.stream().map(Trial::toCandidate).toList(), models, bestName, events.events(), run.reason,
                wall, phases, partial);
    }

    /**
     * AUTOML-R32 {@code refitFull}: the best trial's configuration trained once more on all rows (training and any
     * holdout), with the amount of training its fold models chose ({@link Learner#refitOverrides}: mean kept epochs,
     * or mean kept rounds scaled to all rows, early stopping off). Skipped with a WARN when the time left cannot
     * cover it (estimated from the trial's fit time scaled by the row count) or when the refit fails; the final model
     * then stays the trial's.
     *
     * @return the one refit member with its resolved hyperparameters and preprocessing, or null when skipped
     */
    private Refit refit(AutoMLJob job, PreparedData prep, Trial best, int foldsUsed, Instant deadline,
                               EventLog events) {
        List<Map<String, String>> foldInfos = best.members.stream().map(m -> m.learner().info()).toList();
        double estimate = best.fitSeconds / Math.max(1, best.members.size()) * 1.25
                * (foldsUsed > 1 ? foldsUsed / (foldsUsed - 1.0) : 1.25);
        if (deadline != null) {
            double left = Duration.between(job.clock().instant(), deadline).toMillis() / 1000.0;
            if (estimate > 0.8 * left) {
                events.warn(Stage.SELECTION, "refitFull skipped: it would take about " + Search.fmt(estimate)
                        + " s but " + Search.fmt(left) + " s of the time budget are left; the model stays the best"
                        + " trial's");
                return null;
            }
        }
        try {
            Learner learner = catalog.createForRefit(best.algorithm, best.overrides, foldInfos, prep.rows());
            int[] all = java.util.stream.IntStream.range(0, prep.rows()).toArray();
            Task task = prep.task();
            var pipeline = io.automl4j.core.internal.preprocess.Preprocessing.fit(prep.table(), all, prep.y(), task,
                    learner.flavor(), Seeds.derive(job.seed(), Seeds.PREPROCESS, Seeds.REFIT));
            double[] w = best.weightsIgnored ? null : prep.weights();
            LearnContext lc = new LearnContext(task, Seeds.derive(job.seed(), Seeds.CANDIDATE, best.index,
                    Seeds.REFIT), job.threads(), deadline, job.clock()::instant);
            FittedLearner fitted = learner.fit(new TrainData(pipeline.train(), prep.y(), w), lc);
            events.info(Stage.SELECTION, "refitFull done: the final model is trained on all rows", "candidate",
                    best.name, "rows", prep.rows(), "hyperparameters", learner.hyperparameters());
            return new Refit(List.of(new Member(pipeline.preprocessor(), fitted, 1.0)), learner.hyperparameters(),
                    pipeline.preprocessor().describe());
        } catch (OutOfMemoryError | RuntimeException e) {
            events.warn(Stage.SELECTION, "refitFull failed (" + e + "); the model stays the best trial's");
            return null;
        }
    }

    /** The refit model and what it was trained with (for provenance). */
    private record Refit(List<Member> members, Map<String, String> hyperparameters,
                         Map<String, String> preprocessing) {
    }

    static int[] subsample(int n, double fraction, SplittableRandom rng) {
        int m = Math.max(Math.min(n, 20), (int) Math.ceil(fraction * n));
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        Seeds.shuffle(all, rng);
        int[] out = Arrays.copyOf(all, m);
        Arrays.sort(out);
        return out;
    }

    private static double[] toArray(List<Double> v) {
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.get(i);
        }
        return out;
    }

    private static String failures(List<Trial> trials) {
        List<String> out = new ArrayList<>();
        for (Trial r : trials) {
            out.add(r.name + " " + r.status + (r.failureReason == null ? "" : " (" + r.failureReason + ")"));
        }
        return String.join("; ", out);
    }
}
