package io.automl4j.core.internal.search;

import io.automl4j.api.Candidate;
import io.automl4j.api.CandidateStatus;
import io.automl4j.api.eval.Metric;
import io.automl4j.core.internal.model.Member;
import io.automl4j.core.internal.plan.Step;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Mutable state of one candidate while the search runs (owned by one worker thread at a time). */
final class CandidateRun {
    final Step step;
    final String name;
    CandidateStatus status = CandidateStatus.IN_PROGRESS;
    String failureReason;
    Map<String, String> hyperparameters = new TreeMap<>();
    Map<String, String> info = new TreeMap<>();
    Map<String, String> preprocessing = Map.of();
    boolean weightsIgnored;
    double fitSeconds;
    /** Out-of-fold predictions over the training rows (local indices). */
    double[][] oof;
    /** The bagged prediction of the holdout rows, or null without a holdout. */
    double[][] holdoutPred;
    double[] foldObjectives;
    final List<Member> members = new ArrayList<>();
    /** {@code info()} of each fold model, in fold order (for a refit's fixed round counts). */
    final List<Map<String, String>> foldInfos = new ArrayList<>();
    final Map<Metric, Double> metrics = new EnumMap<>(Metric.class);
    double objective = Double.NaN;
    double objectiveStd = Double.NaN;
    long seed;
    /** When the candidate must be done (set when it starts), or null; read by the thread that watches the pool. */
    volatile java.time.Instant deadline;

    /** Bagging passes merged into this candidate (1 + repeats on new folds). */
    int repeats = 1;
    /** A spare-time configuration ({@code Portfolio.SPARE_TIME}): left out of the job when it never starts. */
    final boolean spareTime;
    /** A spare-time configuration the budget never reached (set by the worker that would have run it). */
    volatile boolean skipped;

    CandidateRun(Step step, String name) {
        this(step, name, false);
    }

    CandidateRun(Step step, String name, boolean spareTime) {
        this.step = step;
        this.name = name;
        this.spareTime = spareTime;
    }

    Candidate toCandidate() {
        return new Candidate(step.index(), name, step.algorithm(), status, failureReason, hyperparameters, fitSeconds,
                weightsIgnored, info);
    }
}
