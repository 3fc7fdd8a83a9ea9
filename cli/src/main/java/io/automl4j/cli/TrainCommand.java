package io.automl4j.cli;

import io.automl4j.api.Algorithm;
import io.automl4j.api.AutoMLJob;
import io.automl4j.api.Mode;
import io.automl4j.api.ProblemType;
import io.automl4j.api.data.Dataset;
import io.automl4j.api.eval.Metric;
import io.automl4j.api.hpo.Strategy;
import io.automl4j.api.hpo.Surrogate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code automl4j train}: runs an AutoML job on a CSV file. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train models on a CSV file and save the best one.")
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, description = "training CSV (header row; .gz ok)")
    Path data;

    @Option(names = "--target", required = true, description = "column to predict")
    String target;

    @Option(names = "--problem-type", description = "BINARY_CLASSIFICATION, MULTICLASS_CLASSIFICATION or REGRESSION"
            + " (default: inferred)")
    ProblemType problemType;

    @Option(names = "--metric", description = "objective metric, e.g. AUC, LogLoss, RMSE (default per problem type)")
    String metric;

    @Option(names = "--mode", description = "AUTO, ENSEMBLING or HYPERPARAMETER_TUNING (default AUTO)")
    Mode mode;

    @Option(names = "--max-candidates", description = "candidates to train (ENSEMBLING: 1..10, HPO: 1..750)")
    Integer maxCandidates;

    @Option(names = "--max-runtime", converter = Durations.class, description = "whole-job budget, e.g. 60s, 5m")
    Duration maxRuntime;

    @Option(names = "--max-runtime-per-candidate", converter = Durations.class, description = "e.g. 20s")
    Duration maxRuntimePerCandidate;

    @Option(names = "--folds", description = "cross-validation folds, 2..10 (default 5)")
    Integer folds;

    @Option(names = "--algorithms", split = ",", description = "subset of ${COMPLETION-CANDIDATES}")
    List<Algorithm> algorithms;

    @Option(names = "--hpo-strategy", description = "HYPERPARAMETER_TUNING strategy: ${COMPLETION-CANDIDATES}"
            + " (default BAYESIAN, HYPERBAND above the AUTO size threshold)")
    Strategy hpoStrategy;

    @Option(names = "--early-stopping", description = "stop unpromising HPO trials by the median rule")
    boolean earlyStopping;

    @Option(names = "--target-objective", description = "end HPO once a trial reaches this objective value")
    Double targetObjective;

    @Option(names = "--max-not-improving", description = "end HPO after N consecutive trials without improvement")
    Integer maxNotImproving;

    @Option(names = "--complete-on-convergence", description = "end HPO once the best objective stops improving"
            + " (AUTOML-R38 convergence rule)")
    boolean completeOnConvergence;

    @Option(names = "--surrogate", description = "BAYESIAN surrogate: ${COMPLETION-CANDIDATES} (default TPE)")
    Surrogate surrogate;

    @Option(names = "--ensemble-rounds", description = "greedy ensemble selection rounds, 1..1000 (default 25)")
    Integer ensembleRounds;

    @Option(names = "--weight-column", description = "sample weight column")
    String weightColumn;

    @Option(names = "--positive-class", description = "positive class of a binary target")
    String positiveClass;

    @Option(names = "--seed", description = "job seed (default " + AutoMLJob.DEFAULT_SEED + ")")
    Long seed;

    @Option(names = "--threads", description = "threads (default: all cores)")
    Integer threads;

    @Option(names = "--validation", description = "labelled CSV used as the holdout for model selection"
            + " (default: --validation-fraction of the training rows)")
    Path validation;

    @Option(names = "--validation-fraction", description = "share of training rows held out for selection, in (0, 1)"
            + " (default 0.2)")
    Double validationFraction;

    @Option(names = "--refit-full", description = "retrain the chosen model with the holdout rows added (each fold"
            + " model on its folds + holdout; a regression ensemble: one model per configuration on all rows)")
    boolean refitFull;

    @Option(names = "--max-parallel", description = "candidates trained at the same time, 1..100 (default 4,"
            + " never more than --threads)")
    Integer maxParallel;

    @Option(names = "--test", description = "labelled CSV scored with the best model; metrics go to result.json")
    Path test;

    @Option(names = "--score-all-on-test", description = "also score every leaderboard entry on --test"
            + " (DIR/test_leaderboard.csv and result.json testLeaderboard; after the run, outside its time budget)")
    boolean scoreAllOnTest;

    @Option(names = "--out", required = true, description = "output directory: leaderboard.csv, model/, result.json")
    Path out;

    @Option(names = "--registry", description = "also register the best model in this embedded registry directory")
    Path registry;

    @Option(names = "--group", description = "registry model group (required with --registry)")
    String group;

    @Option(names = "--verbose", description = "log events and show stack traces")
    boolean verbose;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter e = spec.commandLine().getErr();
        AutoMLJob.Builder b = AutoMLJob.builder().target(target).listener(TrainRunner.progress(o, e));
        if (problemType != null) {
            b.problemType(problemType);
        }
        if (metric != null) {
            b.objectiveMetric(Metric.parse(metric));
        }
        if (mode != null) {
            b.mode(mode);
        }
        if (maxCandidates != null) {
            b.maxCandidates(maxCandidates);
        }
        if (maxRuntime != null) {
            b.maxJobRuntime(maxRuntime);
        }
        if (maxRuntimePerCandidate != null) {
            b.maxRuntimePerCandidate(maxRuntimePerCandidate);
        }
        if (folds != null) {
            b.folds(folds);
        }
        if (validation != null) {
            b.validationData(io.automl4j.api.data.Dataset.readCsv(validation));
        }
        if (validationFraction != null) {
            b.validationFraction(validationFraction);
        }
        if (refitFull) {
            b.refitFull(true);
        }
        if (maxParallel != null) {
            b.maxParallelCandidates(maxParallel);
        }
        if (algorithms != null) {
            b.algorithms(EnumSet.copyOf(algorithms));
        }
        if (hpoStrategy != null) {
            b.hpoStrategy(hpoStrategy);
        }
        if (earlyStopping) {
            b.earlyStopping(true);
        }
        if (targetObjective != null) {
            b.targetObjectiveValue(targetObjective);
        }
        if (maxNotImproving != null) {
            b.maxCandidatesNotImproving(maxNotImproving);
        }
        if (completeOnConvergence) {
            b.completeOnConvergence(true);
        }
        if (surrogate != null) {
            b.bayesianSurrogate(surrogate);
        }
        if (ensembleRounds != null) {
            b.ensembleSelectionRounds(ensembleRounds);
        }
        if (weightColumn != null) {
            b.sampleWeightColumn(weightColumn);
        }
        if (positiveClass != null) {
            b.positiveClass(positiveClass);
        }
        if (seed != null) {
            b.seed(seed);
        }
        if (threads != null) {
            b.threads(threads);
        }
        if (registry != null && group == null) {
            throw new IllegalArgumentException("--registry needs --group NAME (the model group to register into)");
        }
        if (group != null && registry == null) {
            throw new IllegalArgumentException("--group needs --registry DIR");
        }
        if (group != null) {
            io.automl4j.registry.ModelUri.latest(group); // validates the name before training (REG-R2)
        }
        if (scoreAllOnTest && test == null) {
            throw new IllegalArgumentException("--score-all-on-test needs --test FILE");
        }
        AutoMLJob job = b.build();
        Dataset train = Dataset.readCsv(data);
        Dataset testData = test == null ? null : Dataset.readCsv(test);
        o.printf("training on %s (%d rows x %d columns), target '%s'%n", data, train.rowCount(), train.columnCount(),
                target);
        o.flush();
        io.automl4j.api.AutoMLResult result = TrainRunner.run(job, train, testData, scoreAllOnTest, out, o);
        if (registry != null) {
            RegistryCommand.register(result, registry, group, o);
        }
        return 0;
    }
}
