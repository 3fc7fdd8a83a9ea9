package io.automl4j.core.internal.hpo;

import io.automl4j.api.Algorithm;
import io.automl4j.api.AutoMLJob;
import io.automl4j.api.AutoMLResult;
import io.automl4j.api.Candidate;
import io.automl4j.api.CandidateStatus;
import io.automl4j.api.Event;
import io.automl4j.api.InvalidJobSpecException;
import io.automl4j.api.Mode;
import io.automl4j.api.data.Dataset;
import io.automl4j.api.eval.EntryKind;
import io.automl4j.api.hpo.ParameterRanges;
import io.automl4j.api.hpo.Strategy;
import io.automl4j.api.hpo.Surrogate;
import io.automl4j.core.fake.FakeCatalog;
import io.automl4j.core.internal.learn.FeatureMatrix;
import io.automl4j.core.internal.learn.FittedLearner;
import io.automl4j.core.internal.learn.LearnContext;
import io.automl4j.core.internal.learn.Learner;
import io.automl4j.core.internal.learn.LearnerCatalog;
import io.automl4j.core.internal.learn.TrainData;
import io.automl4j.core.internal.search.Search;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** HYPERPARAMETER_TUNING orchestration with fake learners: R11, R31, R37, R38, R40, R58 (fast). */
class HpoSearchTest {
    static Dataset iris() {
        return Dataset.readCsv(Path.of("src/test/resources/datasets/iris.csv"));
    }

    private static AutoMLJob.Builder hpo() {
        return AutoMLJob.builder().target("species").mode(Mode.HYPERPARAMETER_TUNING).algorithms(Algorithm.KNN)
                .folds(3).seed(11);
    }

    private static List<String> messages(AutoMLResult r) {
        return r.events().stream().map(Event::message).toList();
    }

    @Test
    void auto_largerThanThreshold_resolvesToHpo_withHyperbandDefault_R11_R31() {
        AutoMLJob job = AutoMLJob.builder().target("species").autoModeThresholdBytes(1000).algorithms(Algorithm.KNN)
                .maxCandidates(5).folds(3).build();
        AutoMLResult r = new Search(FakeCatalog.allCentroid()).run(job, iris());
        assertThat(r.resolved().mode()).isEqualTo(Mode.HYPERPARAMETER_TUNING);
        assertThat(messages(r)).contains("AUTO resolved to HYPERPARAMETER_TUNING");
        Event strategy = r.events().stream().filter(e -> e.message().equals("HPO strategy resolved")).findFirst()
                .orElseThrow();
        assertThat(strategy.details()).containsEntry("strategy", "HYPERBAND").containsEntry("default", "true");
        assertThat(r.candidates()).hasSize(5);
        assertThat(r.leaderboard().entries()).allMatch(e -> e.kind() == EntryKind.TRIAL);
        assertThat(r.completionReason()).isEqualTo(Completion.MAX_CANDIDATES_REACHED);
    }

    @Test
    void auto_atThreshold_staysEnsembling_andWarnsAboutHpoOptions_R11_R3() {
        AutoMLJob job = AutoMLJob.builder().target("species").maxCandidates(2).targetObjectiveValue(0.5)
                .folds(3).build();
        AutoMLResult r = new Search(FakeCatalog.allCentroid()).run(job, iris());
        assertThat(r.resolved().mode()).isEqualTo(Mode.ENSEMBLING);
        assertThat(messages(r)).contains("AUTO resolved to ENSEMBLING",
                "HYPERPARAMETER_TUNING options ignored in ENSEMBLING mode (AUTOML-R3)");
    }

    @Test
    void random_listsTrialsInOrder_bestIsLowestIndexOnTies_R40() {
        AutoMLResult r = new Search(FakeCatalog.allCentroid()).run(hpo().hpoStrategy(Strategy.RANDOM)
                .maxCandidates(4).build(), iris());
        assertThat(r.candidates()).extracting(Candidate::index).containsExactly(0, 1, 2, 3);
        assertThat(r.candidates()).allMatch(c -> c.status() == CandidateStatus.COMPLETED);
        assertThat(r.candidates().get(0).name()).endsWith("-001-KNN");
        // the fake ignores hyperparameters: all trials tie, the best is trial 0 (R40)
        assertThat(r.leaderboard().best().candidateIndex()).isZero();
        assertThat(r.bestModel().predict(iris()).size()).isEqualTo(150);
        assertThat(r.provenance().reproducible()).isTrue();
        assertThat(r.candidates().get(1).info()).containsEntry("validation", "3-fold CV");
        assertThat(r.phaseTimings()).containsKeys("data", "search", "selection");
    }

    @Test
    void target_endsTheJobAtTheFirstTrialReachingIt_R38() {
        AutoMLResult r = new Search(FakeCatalog.allCentroid()).run(hpo().maxCandidates(50)
                .targetObjectiveValue(0.5).build(), iris());
        assertThat(r.candidates()).hasSize(1);
        assertThat(r.completionReason()).isEqualTo(Completion.TARGET_OBJECTIVE_VALUE_REACHED);
    }

    @Test
    void notImproving_endsAfterNTiedTrials_R38() {
        AutoMLResult r = new Search(FakeCatalog.allCentroid()).run(hpo().maxCandidates(50)
                .maxCandidatesNotImproving(3).build(), iris());
        assertThat(r.candidates()).hasSize(4);
        assertThat(r.completionReason()).isEqualTo(Completion.MAX_CANDIDATES_NOT_IMPROVING);
    }

    @Test
    void convergence_endsAfter20CompletedTrials_R38() {
        AutoMLResult r = new Search(FakeCatalog.allCentroid()).run(hpo().hpoStrategy(Strategy.RANDOM)
                .maxCandidates(60).completeOnConvergence(true).build(), iris());
        assertThat(r.candidates()).hasSize(20);
        assertThat(r.completionReason()).isEqualTo(Completion.CONVERGED);
    }

    /** Nearest-centroid fakes that run a hook before every fold fit. */
    static class HookedCatalog implements LearnerCatalog {
        private final FakeCatalog inner = FakeCatalog.allCentroid();
        private final Runnable beforeFit;

        HookedCatalog(Runnable beforeFit) {
            this.beforeFit = beforeFit;
        }

        @Override
        public Learner create(Algorithm algorithm, Map<String, String> overrides) {
            Learner base = inner.create(algorithm, Map.of());
            return new Learner() {
                @Override
                public Algorithm algorithm() {
                    return algorithm;
                }

                @Override
                public Flavor flavor() {
                    return base.flavor();
                }

                @Override
                public boolean supportsWeights() {
                    return true;
                }

                @Override
                public Map<String, String> hyperparameters() {
                    return new TreeMap<>(overrides);
                }

                @Override
                public FittedLearner fit(TrainData train, LearnContext ctx) {
                    beforeFit.run();
                    return base.fit(train, ctx);
                }
            };
        }

        @Override
        public Optional<String> unavailableReason(Algorithm algorithm) {
            return Optional.empty();
        }

        @Override
        public FittedLearner load(String kind, byte[] bytes) {
            return inner.load(kind, bytes);
        }
    }

    /** A non-iterative fake that takes 250 ms per fold whatever its deadline. */
    static final class SleepingCatalog extends HookedCatalog {
        SleepingCatalog() {
            super(() -> {
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    /** Every fold fit waits for a second fit to arrive: trials run one at a time never meet. */
    static final class PairedCatalog extends HookedCatalog {
        PairedCatalog() {
            this(new java.util.concurrent.CyclicBarrier(2));
        }

        private PairedCatalog(java.util.concurrent.CyclicBarrier barrier) {
            super(() -> {
                try {
                    barrier.await(20, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("no second trial trained at the same time", e);
                }
            });
        }
    }

    @Test
    void timeBudget_stopsStartingTrials_andIsRespected_R58() {
        AutoMLJob job = hpo().maxCandidates(100).maxJobRuntime(Duration.ofSeconds(2)).maxParallelCandidates(1)
                .build();
        long t0 = System.nanoTime();
        AutoMLResult r = new Search(new SleepingCatalog()).run(job, iris());
        double wall = (System.nanoTime() - t0) / 1e9;
        assertThat(wall).isLessThan(2.0 + 1.0);
        assertThat(r.completionReason()).isEqualTo(Completion.MAX_AUTO_ML_JOB_RUNTIME_REACHED);
        // 3 folds of 250 ms: two trials complete before the 1.8 s training deadline, the third is cut between folds
        assertThat(r.candidates()).hasSizeBetween(2, 4);
        assertThat(r.candidates().get(0).status()).isEqualTo(CandidateStatus.COMPLETED);
        assertThat(r.candidates()).anyMatch(c -> c.status() == CandidateStatus.STOPPED
                && c.failureReason().startsWith("time limit reached after"));
        assertThat(r.provenance().reproducible()).isFalse();
    }

    /** A slow iterative learner gets a share of the budget, not all of it (SLOW waits for its deadline). */
    @Test
    void timeBudget_sharedBetweenTrials_R58() {
        Map<Algorithm, FakeCatalog.Behaviour> b = new EnumMap<>(Algorithm.class);
        b.put(Algorithm.KNN, FakeCatalog.Behaviour.SLOW);
        AutoMLJob job = hpo().maxCandidates(20).maxJobRuntime(Duration.ofSeconds(2)).build();
        AutoMLResult r = new Search(new FakeCatalog(b, Set.of())).run(job, iris());
        assertThat(r.candidates().size()).isGreaterThan(5);
        assertThat(r.wallTime()).isLessThan(Duration.ofSeconds(3));
    }

    /** R39: a non-iterative learner that overruns maxRuntimePerCandidate is STOPPED; the job goes on. */
    @Test
    void perCandidateLimit_stopsNonIterativeTrials_R39() {
        Map<Algorithm, FakeCatalog.Behaviour> b = new EnumMap<>(Algorithm.class);
        b.put(Algorithm.KNN, FakeCatalog.Behaviour.SLOW);
        b.put(Algorithm.LINEAR, FakeCatalog.Behaviour.CENTROID);
        AutoMLJob job = AutoMLJob.builder().target("species").mode(Mode.HYPERPARAMETER_TUNING).folds(3).seed(2)
                .algorithms(Algorithm.KNN, Algorithm.LINEAR).hpoStrategy(Strategy.RANDOM).maxCandidates(6)
                .maxRuntimePerCandidate(Duration.ofMillis(150)).build();
        AutoMLResult r = new Search(new FakeCatalog(b, Set.of())).run(job, iris());
        assertThat(r.candidates()).hasSize(6);
        for (Candidate c : r.candidates()) {
            if (c.algorithm() == Algorithm.KNN) {
                assertThat(c.status()).isEqualTo(CandidateStatus.STOPPED);
                assertThat(c.failureReason()).satisfiesAnyOf(
                        m -> assertThat(m).contains("maxRuntimePerCandidate PT0.15S exceeded"),
                        m -> assertThat(m).startsWith("time limit reached after"));
            } else {
                assertThat(c.status()).isEqualTo(CandidateStatus.COMPLETED);
            }
        }
        assertThat(r.candidates()).anyMatch(c -> c.algorithm() == Algorithm.KNN);
        assertThat(r.provenance().reproducible()).isFalse();
    }

    @Test
    void failingAlgorithm_failsItsTrialsOnly_R5() {
        Map<Algorithm, FakeCatalog.Behaviour> b = new EnumMap<>(Algorithm.class);
        b.put(Algorithm.KNN, FakeCatalog.Behaviour.FAIL);
        b.put(Algorithm.LINEAR, FakeCatalog.Behaviour.CENTROID);
        AutoMLJob job = AutoMLJob.builder().target("species").mode(Mode.HYPERPARAMETER_TUNING).folds(3)
                .algorithms(Algorithm.KNN, Algorithm.LINEAR).hpoStrategy(Strategy.RANDOM).maxCandidates(8).build();
        AutoMLResult r = new Search(new FakeCatalog(b, Set.of())).run(job, iris());
        assertThat(r.candidates()).anyMatch(c -> c.status() == CandidateStatus.FAILED);
        assertThat(r.partialFailures()).isNotEmpty().allSatisfy((k, v) -> assertThat(v).contains("fake failure"));
        assertThat(r.leaderboard().entries()).allMatch(e -> e.algorithms().equals(List.of(Algorithm.LINEAR)));
    }

    /** R32: above the row threshold trials use a 20% holdout; the final model is the best trial's single model. */
    @Test
    void aboveCvThreshold_holdout20Percent_singleModel_R32() {
        AutoMLJob job = hpo().hpoStrategy(Strategy.RANDOM).maxCandidates(3).build();
        io.automl4j.core.internal.data.PreparedData prep = io.automl4j.core.internal.data.DataAnalyzer.analyze(job,
                iris(), new io.automl4j.core.internal.EventLog(job.clock(), List.of()));
        io.automl4j.core.internal.EventLog events = new io.automl4j.core.internal.EventLog(job.clock(), List.of());
        AutoMLResult r = new HpoSearch(FakeCatalog.allCentroid(), 100).run(job, prep, 1000, events, "t",
                java.time.Instant.now(), System.nanoTime(), new java.util.LinkedHashMap<>());
        assertThat(messages(r)).contains("trials use a 20% holdout");
        assertThat(r.leaderboard().entries()).allMatch(e -> e.folds() == 1 && Double.isNaN(e.objectiveStdDev()));
        assertThat(r.candidates().get(0).info()).containsEntry("validation", "holdout");
        assertThat(r.bestModel().provenance().candidates().get(0).folds()).isEqualTo(1);
        // accuracy on 30 holdout rows (stratified 1/5 of 150) is a multiple of 1/30
        double acc = r.leaderboard().best().objective();
        assertThat(Math.abs(acc * 30 - Math.rint(acc * 30))).isLessThan(1e-9);
    }

    @Test
    void inferenceLatencyObjective_whenAutoResolvesToHpo_failsAtFitStart_R9() {
        AutoMLJob job = AutoMLJob.builder().target("species").autoModeThresholdBytes(1000)
                .objectiveMetric(io.automl4j.api.eval.Metric.INFERENCE_LATENCY).build();
        assertThatThrownBy(() -> new Search(FakeCatalog.allCentroid()).run(job, iris()))
                .isInstanceOf(InvalidJobSpecException.class).hasMessageContaining("INFERENCE_LATENCY");
    }

    @Test
    void bayesianGpEi_runsAfterTheRandomStart_R31() {
        AutoMLJob job = hpo().hpoStrategy(Strategy.BAYESIAN).bayesianSurrogate(Surrogate.GP_EI).maxCandidates(13)
                .build();
        AutoMLResult r = new Search(FakeCatalog.allCentroid()).run(job, iris());
        assertThat(r.candidates()).hasSize(13).allMatch(c -> c.status() == CandidateStatus.COMPLETED);
        Event strategy = r.events().stream().filter(e -> e.message().equals("HPO strategy resolved")).findFirst()
                .orElseThrow();
        assertThat(strategy.details()).containsEntry("surrogate", "GP_EI");
    }

    @Test
    void grid_runsEveryCombinationInOrder_R31() {
        AutoMLJob job = hpo().hpoStrategy(Strategy.GRID).parameterRanges(Algorithm.KNN, ParameterRanges.builder()
                .categorical("k", "1", "7").categorical("weights", "uniform", "distance").build()).build();
        AutoMLResult r = new Search(FakeCatalog.allCentroid()).run(job, iris());
        assertThat(r.candidates()).hasSize(4);
        assertThat(r.completionReason()).isEqualTo(Completion.MAX_CANDIDATES_REACHED);
        assertThat(r.events().stream().filter(e -> e.message().equals("trial completed"))
                .map(e -> e.details().get("hyperparameters")).toList())
                .containsExactly("{k=1, weights=uniform}", "{k=1, weights=distance}", "{k=7, weights=uniform}",
                        "{k=7, weights=distance}");
    }

    // ---- R37 with an iterative fake: loss at step s = q + 1/s for s = 1..5, q the trial's 'quality' ----

    /** An XGBOOST stand-in that reports steps; q comes from the tunable parameter 'q'. */
    static final class SteppingCatalog implements LearnerCatalog {
        private final FakeCatalog inner = FakeCatalog.allCentroid();

        @Override
        public Learner create(Algorithm algorithm, Map<String, String> overrides) {
            Learner base = inner.create(algorithm, Map.of());
            double q = Double.parseDouble(overrides.getOrDefault("q", "0"));
            return new Learner() {
                @Override
                public Algorithm algorithm() {
                    return algorithm;
                }

                @Override
                public Flavor flavor() {
                    return Flavor.TREE;
                }

                @Override
                public boolean supportsWeights() {
                    return true;
                }

                @Override
                public Map<String, String> hyperparameters() {
                    return new TreeMap<>(overrides);
                }

                @Override
                public FittedLearner fit(TrainData train, LearnContext ctx) {
                    FittedLearner fitted = base.fit(train, ctx);
                    Map<String, String> info = new TreeMap<>();
                    for (int s = 1; s <= 5; s++) {
                        if (ctx.report(s, q + 1.0 / s)) {
                            info.put("stoppedAtStep", Integer.toString(s));
                            break;
                        }
                    }
                    return new FittedLearner() {
                        @Override
                        public double[][] predict(FeatureMatrix x) {
                            return fitted.predict(x);
                        }

                        @Override
                        public String kind() {
                            return fitted.kind();
                        }

                        @Override
                        public byte[] serialize() {
                            return fitted.serialize();
                        }

                        @Override
                        public Map<String, String> info() {
                            return info;
                        }
                    };
                }
            };
        }

        @Override
        public Optional<String> unavailableReason(Algorithm algorithm) {
            return Optional.empty();
        }

        @Override
        public FittedLearner load(String kind, byte[] bytes) {
            return inner.load(kind, bytes);
        }
    }

    @Test
    void earlyStopping_medianRule_stopsWorseTrials_R37() {
        AutoMLJob job = AutoMLJob.builder().target("species").mode(Mode.HYPERPARAMETER_TUNING).folds(3).seed(5)
                .algorithms(Algorithm.XGBOOST).hpoStrategy(Strategy.RANDOM).maxCandidates(16).earlyStopping(true)
                .parameterRanges(Algorithm.XGBOOST, ParameterRanges.builder().continuous("q", 0, 1).build())
                .build();
        AutoMLResult r = new Search(new SteppingCatalog()).run(job, iris());
        List<Candidate> stopped = r.candidates().stream().filter(c -> c.status() == CandidateStatus.STOPPED)
                .toList();
        assertThat(stopped).isNotEmpty();
        assertThat(stopped).allSatisfy(c -> {
            assertThat(c.failureReason()).matches("median stopping rule at step [1-5]");
            assertThat(c.index()).isGreaterThanOrEqualTo(3); // needs 3 completed peers first
        });
        // STOPPED trials are listed but never on the leaderboard (R37, R48)
        assertThat(r.leaderboard().entries()).extracting(e -> e.candidateName())
                .doesNotContainAnyElementsOf(stopped.stream().map(Candidate::name).toList());
        // each stopped trial's q is worse than the median final average of the trials completed before it
        for (Candidate c : stopped) {
            double q = Double.parseDouble(c.hyperparameters().get("q"));
            List<Double> earlier = r.candidates().stream().filter(o -> o.index() < c.index()
                    && o.status() == CandidateStatus.COMPLETED)
                    .map(o -> Double.parseDouble(o.hyperparameters().get("q"))).sorted().toList();
            assertThat(earlier.size()).isGreaterThanOrEqualTo(3);
            assertThat(q).isGreaterThan(earlier.get(0));
        }
        assertThat(r.candidates()).hasSize(16);
    }

    @Test
    void earlyStoppingOff_neverStops() {
        AutoMLJob job = AutoMLJob.builder().target("species").mode(Mode.HYPERPARAMETER_TUNING).folds(3).seed(5)
                .algorithms(Algorithm.XGBOOST).hpoStrategy(Strategy.RANDOM).maxCandidates(10)
                .parameterRanges(Algorithm.XGBOOST, ParameterRanges.builder().continuous("q", 0, 1).build())
                .build();
        AutoMLResult r = new Search(new SteppingCatalog()).run(job, iris());
        assertThat(r.candidates()).allMatch(c -> c.status() == CandidateStatus.COMPLETED);
    }

    @Test
    void aBatchOfTrials_trainsInParallel_R31_R58() {
        AutoMLResult r = new Search(new PairedCatalog()).run(hpo().hpoStrategy(Strategy.RANDOM).maxCandidates(4)
                .maxParallelCandidates(2).threads(2).build(), iris());
        assertThat(r.candidates()).hasSize(4).allSatisfy(c -> assertThat(c.status())
                .as("%s: %s", c.name(), c.failureReason()).isEqualTo(CandidateStatus.COMPLETED));
    }

    @Test
    void timeBudget_withParallelTrials_dropsTrialsWhoseSlotFreesAfterTheDeadline_R58() {
        // batches of 4 on 2 slots, 3 folds of 250 ms per trial: the training deadline (1.8 s) falls in batch 2
        AutoMLJob job = hpo().maxCandidates(100).maxJobRuntime(Duration.ofSeconds(2)).maxParallelCandidates(4)
                .threads(2).build();
        long t0 = System.nanoTime();
        AutoMLResult r = new Search(new SleepingCatalog()).run(job, iris());
        double wall = (System.nanoTime() - t0) / 1e9;
        assertThat(wall).isLessThan(2.0 + 1.0);
        assertThat(r.completionReason()).isEqualTo(Completion.MAX_AUTO_ML_JOB_RUNTIME_REACHED);
        assertThat(r.candidates().subList(0, 4)).allMatch(c -> c.status() == CandidateStatus.COMPLETED);
        // every listed trial trained at least one fold: none that only found the budget gone is a candidate
        assertThat(r.candidates()).hasSizeBetween(4, 7).allMatch(c -> c.status() == CandidateStatus.COMPLETED
                || c.failureReason().matches("time limit reached after [12] of 3 folds"));
        assertThat(messages(r)).contains("time budget used up: no new trials");
        for (int i = 0; i < r.candidates().size(); i++) {
            assertThat(r.candidates().get(i).index()).isEqualTo(i);
        }
    }

    @Test
    void threadCount_neverChangesProposalsStopsOrScores_R37_R60() {
        java.util.function.IntFunction<AutoMLResult> run = threads -> new Search(new SteppingCatalog()).run(
                AutoMLJob.builder().target("species").mode(Mode.HYPERPARAMETER_TUNING).folds(3).seed(5)
                        .algorithms(Algorithm.XGBOOST).maxCandidates(24).earlyStopping(true).threads(threads)
                        .parameterRanges(Algorithm.XGBOOST, ParameterRanges.builder().continuous("q", 0, 1).build())
                        .name("t").build(), iris());
        AutoMLResult one = run.apply(1);
        AutoMLResult four = run.apply(4);
        assertThat(one.candidates()).anyMatch(c -> c.status() == CandidateStatus.STOPPED);
        assertThat(four.candidates()).hasSameSizeAs(one.candidates());
        for (int i = 0; i < one.candidates().size(); i++) {
            Candidate a = one.candidates().get(i);
            Candidate b = four.candidates().get(i);
            assertThat(b.hyperparameters()).isEqualTo(a.hyperparameters());
            assertThat(b.status()).isEqualTo(a.status());
            assertThat(b.failureReason()).isEqualTo(a.failureReason());
        }
        assertThat(four.leaderboard().size()).isEqualTo(one.leaderboard().size());
        for (int i = 0; i < one.leaderboard().size(); i++) {
            assertThat(four.leaderboard().entries().get(i).candidateName())
                    .isEqualTo(one.leaderboard().entries().get(i).candidateName());
            assertThat(Double.doubleToLongBits(four.leaderboard().entries().get(i).objective()))
                    .isEqualTo(Double.doubleToLongBits(one.leaderboard().entries().get(i).objective()));
        }
    }
}
