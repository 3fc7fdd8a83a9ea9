package io.automl4j.core.internal.search;

import io.automl4j.api.Algorithm;
import io.automl4j.api.AutoMLJob;
import io.automl4j.api.AutoMLResult;
import io.automl4j.api.CandidateStatus;
import io.automl4j.api.InvalidJobSpecException;
import io.automl4j.api.JobStatus;
import io.automl4j.api.SecondaryStatus;
import io.automl4j.api.TrainingFailedException;
import io.automl4j.api.data.Dataset;
import io.automl4j.api.eval.EntryKind;
import io.automl4j.api.eval.LeaderboardEntry;
import io.automl4j.api.eval.Metric;
import io.automl4j.api.model.TrainedModel;
import io.automl4j.core.fake.FakeCatalog;
import io.automl4j.core.internal.model.ModelIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** ENSEMBLING holdout, ensembles, selection, refit and the job lifecycle (AUTOML-R17, R26–R29, R45–R47). */
class EnsemblingTest {
    private static Dataset iris() {
        return SearchTest.iris();
    }

    private static int[] range(int from, int to, int step) {
        List<Integer> l = new ArrayList<>();
        for (int i = from; i < to; i += step) {
            l.add(i);
        }
        return l.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Every 5th row of iris is validation data; the rest trains. */
    private static Dataset[] trainValid() {
        Dataset all = iris();
        List<Integer> tr = new ArrayList<>();
        for (int i = 0; i < all.rowCount(); i++) {
            if (i % 5 != 0) {
                tr.add(i);
            }
        }
        return new Dataset[] {all.selectRows(tr.stream().mapToInt(Integer::intValue).toArray()),
                all.selectRows(range(0, all.rowCount(), 5))};
    }

    @Test
    void validationData_isTheHoldout_leaderboardScoresEqualModelEvaluation() {
        Dataset[] tv = trainValid();
        AutoMLJob job = AutoMLJob.builder().target("species").objectiveMetric(Metric.LOG_LOSS)
                .validationData(tv[1]).maxCandidates(3).seed(5).build();
        AutoMLResult r = new Search(FakeCatalog.allCentroid()).run(job, tv[0]);
        assertThat(r.events()).anyMatch(e -> e.message().equals("holdout split")
                && e.details().get("holdoutRows").equals("30") && e.details().get("trainingRows").equals("120"));
        // AUTOML-R29: every entry (bagged and ensembles) is scored on the holdout, exactly what its model gives
        for (LeaderboardEntry e : r.leaderboard().entries()) {
            TrainedModel m = r.model(e.candidateName()).orElseThrow();
            TrainedModel.Evaluation ev = m.evaluate(tv[1]);
            assertThat(ev.rows()).isEqualTo(30);
            assertThat(e.metrics().get(Metric.LOG_LOSS)).as(e.candidateName())
                    .isCloseTo(ev.metrics().get(Metric.LOG_LOSS), within(1e-9));
            assertThat(e.metrics().get(Metric.ACCURACY)).isEqualTo(ev.metrics().get(Metric.ACCURACY));
        }
        // the bagged candidates also report their out-of-fold objective
        assertThat(r.candidates().get(0).info()).containsKey("outOfFold.LOG_LOSS");
    }

    @Test
    void validationData_schemaDiffers_isAnErrorNamingTheColumn() {
        Dataset[] tv = trainValid();
        Dataset renamed = Dataset.builder().numeric("sepal_len", new double[] {1, 2}).build();
        AutoMLJob job = AutoMLJob.builder().target("species").validationData(renamed).maxCandidates(1).build();
        assertThatThrownBy(() -> new Search(FakeCatalog.allCentroid()).run(job, tv[0]))
                .isInstanceOf(InvalidJobSpecException.class).hasMessageContaining("validation data schema differs")
                .hasMessageContaining("sepal_len");
    }

    @Test
    void builder_validationDataAndFraction_areExclusive() {
        Dataset[] tv = trainValid();
        assertThatThrownBy(() -> AutoMLJob.builder().target("species").validationFraction(0.3)
                .validationData(tv[1])).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("excludes validationFraction");
        assertThatThrownBy(() -> AutoMLJob.builder().target("species").validationFraction(1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(0, 1) but was 1.0");
        assertThatThrownBy(() -> AutoMLJob.builder().target("species").maxParallelCandidates(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[1, 100] but was 0");
    }

    @Test
    void stackedModel_roundTripsThroughTheModelFormat(@TempDir Path dir) throws Exception {
        Map<Algorithm, FakeCatalog.Behaviour> b = new EnumMap<>(Algorithm.class);
        b.put(Algorithm.GBDT, FakeCatalog.Behaviour.CENTROID);
        b.put(Algorithm.XGBOOST, FakeCatalog.Behaviour.PRIOR);
        FakeCatalog cat = new FakeCatalog(b, Set.of());
        AutoMLJob job = AutoMLJob.builder().target("species").maxCandidates(2).seed(1).build();
        AutoMLResult r = new Search(cat).run(job, iris());
        LeaderboardEntry st = r.leaderboard().entries().stream().filter(e -> e.kind() == EntryKind.STACKED)
                .findFirst().orElseThrow();
        TrainedModel m = r.model(st.candidateName()).orElseThrow();
        m.save(dir);
        assertThat(dir.resolve("model.json")).content().contains("\"kind\" : \"STACKED\"");
        TrainedModel back = ModelIO.load(dir, cat);
        var p1 = m.predict(iris());
        var p2 = back.predict(iris());
        for (int i = 0; i < p1.size(); i++) {
            assertThat(p2.probabilities(i)).containsExactly(p1.probabilities(i));
        }
        // the meta-learner learned to trust the centroid candidate over the prior one
        assertThat(st.metrics().get(Metric.ACCURACY)).isGreaterThan(0.8);
    }

    @Test
    void refitFull_trainsOnAllRows_keepsHoldoutScores() {
        AutoMLJob job = AutoMLJob.builder().target("species").maxCandidates(2).refitFull(true).seed(2).build();
        AutoMLResult r = new Search(FakeCatalog.allCentroid()).run(job, iris());
        assertThat(r.bestModel().provenance().resolved()).containsEntry("refit", "true");
        assertThat(r.events()).anyMatch(e -> e.message().startsWith("refitFull done"));
        AutoMLJob plain = AutoMLJob.builder().target("species").maxCandidates(2).seed(2).build();
        AutoMLResult p = new Search(FakeCatalog.allCentroid()).run(plain, iris());
        assertThat(r.leaderboard().best().objective()).isEqualTo(p.leaderboard().best().objective());
        assertThat(p.bestModel().provenance().resolved()).doesNotContainKey("refit");
    }

    @Test
    void refitEstimate_isTheLongestSlotOfALongestFirstSchedule() {
        double[] jobs = {1, 3, 2, 5, 4, 3};
        assertThat(Search.refitEstimate(jobs, 1)).isEqualTo(18.0);
        // 5 | 4 ; 3 -> 7 ; 3 -> 8 ; 2 -> 9 ; 1 -> 9
        assertThat(Search.refitEstimate(jobs, 2)).isEqualTo(9.0);
        assertThat(Search.refitEstimate(jobs, 3)).isEqualTo(6.0);
        assertThat(Search.refitEstimate(new double[] {10, 1, 1}, 4)).isEqualTo(10.0);
    }

    @Test
    void refitReserve_growsWithTheCompletedCandidatesRefit_neverBelowTheFixedReserve_R58() {
        java.time.Instant deadline = java.time.Instant.parse("2026-12-02T10:00:00Z");
        java.time.Instant fixed = deadline.minusSeconds(6); // the 10% reserve of 60 s
        Search.RefitReserve r = new Search.RefitReserve(deadline, 60, 1.25, 2);
        // nothing completed: 5% for the ensembles only, so the fixed 10% reserve holds
        assertThat(r.trainingDeadline(fixed)).isEqualTo(fixed);
        r.completed(4);
        r.completed(2);
        r.completed(2);
        // two slots: 4 | 2 + 2 -> 4 s, times 1.25 (rows) * 1.25 (margin) / 0.8 (refit's rule) = 7.8125 s
        assertThat(r.refitSeconds()).isEqualTo(7.8125);
        assertThat(r.trainingDeadline(fixed)).isEqualTo(deadline.minusMillis(10_812));
        assertThat(r.trainingDeadline(null)).isEqualTo(deadline.minusMillis(10_812));
    }

    @Test
    void refitFull_classification_refitsEachFoldModelOnItsFoldsAndTheHoldout_R29() {
        AutoMLJob job = AutoMLJob.builder().target("species").maxCandidates(1).refitFull(true).seed(2).build();
        AutoMLResult r = new Search(FakeCatalog.allCentroid()).run(job, iris());
        var done = r.events().stream().filter(e -> e.message().startsWith("refitFull done")).findFirst()
                .orElseThrow();
        // 150 rows: 30 held out, 120 in 5 folds; fold model f is refitted on its 96 training rows + the 30
        assertThat(done.details()).containsEntry("bagged", "true").containsEntry("models", "5")
                .containsEntry("rowsPerModel", "126");
        var refit = (io.automl4j.core.internal.model.BaggedModel) r.bestModel();
        assertThat(refit.members()).hasSize(5).allSatisfy(m -> assertThat(m.weight()).isEqualTo(0.2));
        // the holdout moved the centroids: the refitted fold models predict differently from the searched ones
        AutoMLResult plain = new Search(FakeCatalog.allCentroid()).run(AutoMLJob.builder().target("species")
                .maxCandidates(1).seed(2).build(), iris());
        assertThat(refit.predict(iris()).probabilities(0))
                .isNotEqualTo(plain.bestModel().predict(iris()).probabilities(0));
        assertThat(r.leaderboard().best().objective()).isEqualTo(plain.leaderboard().best().objective());
    }

    @Test
    void refitFull_regression_keepsKModelsForOneConfiguration_oneModelPerConfigurationOfAnEnsemble_R29() {
        AutoMLJob one = AutoMLJob.builder().target("petal_width").maxCandidates(1).refitFull(true).seed(2).build();
        var done = new Search(FakeCatalog.allCentroid()).run(one, iris()).events().stream()
                .filter(e -> e.message().startsWith("refitFull done")).findFirst().orElseThrow();
        assertThat(done.details()).containsEntry("bagged", "true").containsEntry("models", "5")
                .containsEntry("rowsPerModel", "126");
        // two learners fitting a line on different features: their stacked or greedy blend wins and each is
        // refitted once on all rows
        Map<Algorithm, FakeCatalog.Behaviour> b = new EnumMap<>(Algorithm.class);
        b.put(Algorithm.GBDT, FakeCatalog.Behaviour.FEATURE_FIT);
        b.put(Algorithm.XGBOOST, FakeCatalog.Behaviour.FEATURE_FIT);
        AutoMLResult r = new Search(new FakeCatalog(b, Set.of())).run(AutoMLJob.builder().target("petal_width")
                .algorithms(Set.of(Algorithm.GBDT, Algorithm.XGBOOST)).maxCandidates(2)
                .refitFull(true).seed(2).build(), iris());
        var ensembleDone = r.events().stream().filter(e -> e.message().startsWith("refitFull done")).findFirst()
                .orElseThrow();
        boolean ensemble = r.leaderboard().best().kind() != EntryKind.BAGGED;
        assertThat(ensemble).as("this data and seed choose an ensemble").isTrue();
        assertThat(ensembleDone.details()).containsEntry("bagged", Boolean.toString(!ensemble))
                .containsEntry("rowsPerModel", ensemble ? "150" : "126");
    }

    @Test
    void timeBudgetWithoutMaxCandidates_trainsTheSpareTimeConfigurationsToo() {
        Duration budget = Duration.ofSeconds(120);
        AutoMLResult r = new Search(FakeCatalog.allCentroid()).run(AutoMLJob.builder().target("species")
                .maxJobRuntime(budget).seed(2).build(), iris());
        int spare = io.automl4j.core.internal.plan.Portfolio.SPARE_TIME.size();
        int late = io.automl4j.core.internal.plan.Portfolio.LATE_SPARE_TIME.size();
        int n = 10 + spare + late;
        assertThat(r.candidates()).hasSize(n).allMatch(c -> c.status() == CandidateStatus.COMPLETED);
        for (int i = 0; i < n; i++) {
            assertThat(r.candidates().get(i).index()).isEqualTo(i);
        }
        assertThat(r.candidates().get(10).hyperparameters()).isNotEmpty();
        assertThat(r.events()).anyMatch(e -> e.message().equals("spare-time configurations trained")
                && e.details().get("started").equals(Integer.toString(spare)));
        assertThat(r.events()).anyMatch(e -> e.message().equals("late spare-time configurations trained")
                && e.details().get("started").equals(Integer.toString(late)));
        // progress events count on across the two phases
        assertThat(r.events().stream().filter(e -> e.message().equals("candidate completed"))
                .map(e -> e.details().get("done") + "/" + e.details().get("planned")))
                .contains("1/" + (10 + spare), (10 + spare + 1) + "/" + n, n + "/" + n);
        // maxCandidates, or a count budget, keeps the job to the portfolio of AUTOML-R25 (R59, R60)
        assertThat(new Search(FakeCatalog.allCentroid()).run(AutoMLJob.builder().target("species")
                .maxJobRuntime(budget).maxCandidates(10).seed(2).build(), iris()).candidates()).hasSize(10);
        assertThat(new Search(FakeCatalog.allCentroid()).run(AutoMLJob.builder().target("species").seed(2)
                .build(), iris()).candidates()).hasSize(10);
    }

    @Test
    void timeLeftAfterTheSpareTimeConfigurations_repeatsBaggingOnNewFolds(@TempDir Path dir) throws Exception {
        AutoMLResult r = new Search(FakeCatalog.allCentroid()).run(AutoMLJob.builder().target("species")
                .maxJobRuntime(Duration.ofSeconds(120)).refitFull(true).seed(2).build(), iris());
        // the fake learners are instant, so every candidate gets every pass: the late spare-time ones too, after
        // the others' repeats (with fewer passes they would be left out)
        int repeated = 10 + io.automl4j.core.internal.plan.Portfolio.SPARE_TIME.size();
        assertThat(r.candidates()).hasSize(repeated + io.automl4j.core.internal.plan.Portfolio.LATE_SPARE_TIME.size())
                .allSatisfy(c -> assertThat(c.info())
                .containsEntry("baggingRepeats", Integer.toString(Search.MAX_REPEATS)));
        assertThat(r.events().stream().filter(e -> e.message().equals("bagging repeated on new folds"))
                .map(e -> e.details().get("of")))
                .containsExactly(Integer.toString(repeated), Integer.toString(repeated), "10", "10");
        assertThat(r.events().stream().map(e -> e.message()).toList())
                .containsSubsequence("bagging repeated on new folds", "late spare-time configurations trained")
                .doesNotContain("late spare-time configurations left out: fewer bagging passes than the others");
        assertThat(r.events().stream().filter(e -> e.message().equals("bagging repeated on new folds")))
                .hasSize(2 * (Search.MAX_REPEATS - 1));
        int models = 5 * Search.MAX_REPEATS;
        String notRefitted = r.candidates().stream().map(c -> c.name())
                .filter(n -> !n.equals(r.leaderboard().best().candidateName())).findFirst().orElseThrow();
        var first = (io.automl4j.core.internal.model.BaggedModel) r.model(notRefitted).orElseThrow();
        assertThat(first.members()).hasSize(models)
                .allSatisfy(m -> assertThat(m.weight()).isCloseTo(1.0 / models, within(1e-12)));
        // provenance counts the fold models the model averages; the refit model keeps the first pass's five
        assertThat(first.provenance().candidates()).singleElement()
                .satisfies(c -> assertThat(c.folds()).isEqualTo(models));
        assertThat(r.bestModel().provenance().candidates()).allSatisfy(c -> assertThat(c.folds()).isEqualTo(5));
        // the three passes' fold models (each with its own fold's preprocessing) survive the model format
        first.save(dir);
        TrainedModel back = ModelIO.load(dir, FakeCatalog.allCentroid());
        var p1 = first.predict(iris());
        var p2 = back.predict(iris());
        for (int i = 0; i < p1.size(); i++) {
            assertThat(p2.probabilities(i)).containsExactly(p1.probabilities(i));
        }
        // the model averages all three passes' fold models, not the first pass's alone
        assertThat(first.predict(iris()).probabilities(0)).isNotEqualTo(
                new io.automl4j.core.internal.model.BaggedModel(first.signature(), first.provenance(),
                        first.dateFormats(), first.members().subList(0, 5).stream()
                        .map(m -> new io.automl4j.core.internal.model.Member(m.preprocessor(), m.learner(), 0.2))
                        .toList()).predict(iris()).probabilities(0));
        // the refit refits the k fold models of the search's own folds, not every repeat
        var done = r.events().stream().filter(e -> e.message().startsWith("refitFull done")).findFirst()
                .orElseThrow();
        var best = (io.automl4j.core.internal.model.BaggedModel) r.bestModel();
        assertThat(done.details()).containsEntry("bagged", "true").containsEntry("rowsPerModel", "126");
        assertThat(best.members().size() % 5).isZero();
    }

    @Test
    void lateConfigurationWithFewerBaggingPasses_isLeftOut() {
        // GBDT_TINY (a late spare-time configuration) trains its first pass, then every repeat of it fails: with
        // one pass against the others' three, its noisier holdout predictions could win the holdout by chance
        Map<String, String> tiny = io.automl4j.core.internal.plan.Portfolio.LATE_SPARE_TIME.stream()
                .filter(e -> e.preset().equals("GBDT_TINY")).findFirst().orElseThrow().overrides();
        FakeCatalog fake = FakeCatalog.allCentroid();
        java.util.concurrent.atomic.AtomicInteger tinyFits = new java.util.concurrent.atomic.AtomicInteger();
        io.automl4j.core.internal.learn.LearnerCatalog catalog = new io.automl4j.core.internal.learn.LearnerCatalog() {
            @Override
            public io.automl4j.core.internal.learn.Learner create(Algorithm algorithm, Map<String, String> o) {
                io.automl4j.core.internal.learn.Learner inner = fake.create(algorithm, o);
                if (!o.equals(tiny)) {
                    return inner;
                }
                return new io.automl4j.core.internal.learn.Learner() {
                    public Algorithm algorithm() {
                        return inner.algorithm();
                    }

                    public io.automl4j.core.internal.learn.Learner.Flavor flavor() {
                        return inner.flavor();
                    }

                    public boolean supportsWeights() {
                        return inner.supportsWeights();
                    }

                    public Map<String, String> hyperparameters() {
                        return inner.hyperparameters();
                    }

                    public io.automl4j.core.internal.learn.FittedLearner fit(
                            io.automl4j.core.internal.learn.TrainData train,
                            io.automl4j.core.internal.learn.LearnContext ctx) {
                        if (tinyFits.incrementAndGet() > 5) {
                            throw new IllegalStateException("fake failure of a repeated pass");
                        }
                        return inner.fit(train, ctx);
                    }
                };
            }

            @Override
            public java.util.Optional<String> unavailableReason(Algorithm algorithm) {
                return fake.unavailableReason(algorithm);
            }

            @Override
            public io.automl4j.core.internal.learn.FittedLearner load(String kind, byte[] bytes) {
                return fake.load(kind, bytes);
            }
        };
        AutoMLResult r = new Search(catalog).run(AutoMLJob.builder().target("species")
                .maxJobRuntime(Duration.ofSeconds(120)).refitFull(true).seed(2).build(), iris());
        int spare = io.automl4j.core.internal.plan.Portfolio.SPARE_TIME.size();
        int late = io.automl4j.core.internal.plan.Portfolio.LATE_SPARE_TIME.size();
        assertThat(tinyFits.get()).as("first pass, then one failed repeat fold or more").isGreaterThan(5);
        assertThat(r.events()).anyMatch(e -> e.message().equals(
                "late spare-time configurations left out: fewer bagging passes than the others")
                && e.details().get("leftOut").equals("1") && e.details().get("passes").equals("3"));
        // the other nine late configurations get their three passes all the same
        assertThat(r.events().stream().filter(e -> e.message().equals("bagging repeated on new folds"))
                .map(e -> e.details().get("candidates") + "/" + e.details().get("of")).toList())
                .containsExactly((10 + spare) + "/" + (10 + spare), (10 + spare) + "/" + (10 + spare),
                        (late - 1) + "/" + late, (late - 1) + "/" + (late - 1));
        assertThat(r.events()).anyMatch(e -> e.message().equals("late spare-time configurations trained")
                && e.details().get("started").equals(Integer.toString(late - 1)));
        // not a candidate, not on the leaderboard; every candidate left has all three passes
        assertThat(r.candidates()).hasSize(10 + spare + late - 1).allSatisfy(c -> assertThat(c.info())
                .containsEntry("baggingRepeats", Integer.toString(Search.MAX_REPEATS)));
        int tinyIndex = 10 + spare + io.automl4j.core.internal.plan.Portfolio.LATE_SPARE_TIME.stream()
                .map(e -> e.preset()).toList().indexOf("GBDT_TINY");
        assertThat(r.candidates()).noneMatch(c -> c.index() == tinyIndex);
        assertThat(r.leaderboard().entries()).noneMatch(e -> e.candidateIndex() == tinyIndex);
    }

    @Test
    void spareTimeConfigurations_theBudgetNeverReaches_areNotCandidates() {
        Map<Algorithm, FakeCatalog.Behaviour> b = new EnumMap<>(Algorithm.class);
        for (Algorithm a : Algorithm.values()) {
            b.put(a, FakeCatalog.Behaviour.SLOW);
        }
        // every learner trains until its deadline, so the ten of the portfolio use the whole budget
        AutoMLResult r = new Search(new FakeCatalog(b, Set.of())).run(AutoMLJob.builder().target("species")
                .maxJobRuntime(Duration.ofSeconds(3)).maxParallelCandidates(2).threads(2).seed(2).build(), iris());
        assertThat(r.candidates()).hasSizeLessThanOrEqualTo(10);
        assertThat(r.events()).anyMatch(e -> e.message().equals("spare-time configurations trained")
                && e.details().get("started").equals("0"));
        // AUTOML-R58: within budget + max(10 s, 5%) with the spare-time configurations queued behind the ten
        assertThat(r.wallTime()).isLessThanOrEqualTo(Duration.ofSeconds(13));
    }

    @Test
    void refitFull_inParallel_givesTheSameModelForAnyThreadCount() {
        var one = new Search(FakeCatalog.allCentroid()).run(AutoMLJob.builder().target("species").maxCandidates(4)
                .refitFull(true).threads(1).seed(3).name("r").build(), iris());
        var four = new Search(FakeCatalog.allCentroid()).run(AutoMLJob.builder().target("species").maxCandidates(4)
                .refitFull(true).threads(4).maxParallelCandidates(4).seed(3).name("r").build(), iris());
        assertThat(four.leaderboard().best().candidateName()).isEqualTo(one.leaderboard().best().candidateName());
        assertThat(one.events()).anyMatch(e -> e.message().startsWith("refitFull done"));
        assertThat(four.events()).anyMatch(e -> e.message().startsWith("refitFull done"));
        var p1 = one.bestModel().predict(iris());
        var p4 = four.bestModel().predict(iris());
        for (int i = 0; i < p1.size(); i++) {
            assertThat(p4.probabilities(i)).containsExactly(p1.probabilities(i));
        }
    }

    @Test
    void threadsAndParallelism_neverChangeResults() {
        AutoMLResult one = new Search(FakeCatalog.allCentroid()).run(AutoMLJob.builder().target("species")
                .maxCandidates(4).threads(1).seed(8).name("t").build(), iris());
        AutoMLResult four = new Search(FakeCatalog.allCentroid()).run(AutoMLJob.builder().target("species")
                .maxCandidates(4).threads(4).seed(8).name("t").build(), iris());
        assertThat(four.leaderboard().size()).isEqualTo(one.leaderboard().size()).isEqualTo(5);
        for (int i = 0; i < one.leaderboard().size(); i++) {
            LeaderboardEntry a = one.leaderboard().entries().get(i);
            LeaderboardEntry b = four.leaderboard().entries().get(i);
            assertThat(b.candidateName()).isEqualTo(a.candidateName());
            assertThat(b.kind()).isEqualTo(a.kind());
            assertThat(b.hyperparameters()).isEqualTo(a.hyperparameters());
            assertThat(Double.doubleToLongBits(b.objective())).isEqualTo(Double.doubleToLongBits(a.objective()));
            assertThat(Double.doubleToLongBits(b.objectiveStdDev()))
                    .isEqualTo(Double.doubleToLongBits(a.objectiveStdDev()));
            Map<Metric, Double> ma = new EnumMap<>(a.metrics());
            Map<Metric, Double> mb = new EnumMap<>(b.metrics());
            ma.remove(Metric.INFERENCE_LATENCY);
            mb.remove(Metric.INFERENCE_LATENCY);
            assertThat(mb).isEqualTo(ma);
        }
    }

    private static FakeCatalog oneFastRestSlow() {
        Map<Algorithm, FakeCatalog.Behaviour> b = new EnumMap<>(Algorithm.class);
        for (Algorithm a : Algorithm.values()) {
            b.put(a, FakeCatalog.Behaviour.SLOW);
        }
        b.put(Algorithm.GBDT, FakeCatalog.Behaviour.CENTROID);
        return new FakeCatalog(b, Set.of());
    }

    @Test
    void stop_duringTraining_keepsCompletedCandidates_endsStopped() throws Exception {
        AutoMLJob job = AutoMLJob.builder().target("species").maxCandidates(4).maxParallelCandidates(2).threads(2)
                .build();
        BackgroundRun run = new BackgroundRun(oneFastRestSlow(), job, iris());
        long t = System.nanoTime();
        while (run.candidates().stream().noneMatch(c -> c.status() == CandidateStatus.COMPLETED)) {
            assertThat(System.nanoTime() - t).as("first candidate completes").isLessThan(20_000_000_000L);
            Thread.sleep(10);
        }
        assertThat(run.status()).isEqualTo(JobStatus.IN_PROGRESS);
        run.stop();
        run.stop(); // idempotent
        assertThat(run.await(Duration.ofSeconds(20))).isTrue();
        AutoMLResult r = run.result();
        assertThat(run.status()).isEqualTo(JobStatus.STOPPED);
        assertThat(run.secondaryStatus()).isEqualTo(SecondaryStatus.STOPPED);
        assertThat(r.completionReason()).isEqualTo("STOPPED");
        assertThat(r.candidates().get(0).status()).isEqualTo(CandidateStatus.COMPLETED);
        assertThat(r.candidates().subList(1, 4)).allMatch(c -> c.status() == CandidateStatus.STOPPED);
        assertThat(r.leaderboard().size()).isEqualTo(1);
        assertThat(r.bestModel()).isNotNull();
        assertThat(r.events()).anyMatch(e -> e.message().equals("status STOPPING"));
    }

    /**
     * Issue 3 faults: a stop arriving while the ensembles are built (here: right after the greedy ensemble) ends the
     * job STOPPED with a result whose best model is a completed entry; the stacked ensemble is not built.
     */
    @Test
    void stop_duringEnsembling_returnsBestCompletedEntry() throws Exception {
        AtomicReference<BackgroundRun> handle = new AtomicReference<>();
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        AutoMLJob job = AutoMLJob.builder().target("species").maxCandidates(3).threads(1)
                .listener(e -> {
                    if (e.message().equals("greedy ensemble built")
                            || e.message().startsWith("greedy ensemble selection kept a single candidate")) {
                        try {
                            started.await();
                        } catch (InterruptedException ie) {
                            Thread.currentThread().interrupt();
                        }
                        handle.get().stop();
                    }
                }).build();
        Map<Algorithm, FakeCatalog.Behaviour> b = new EnumMap<>(Algorithm.class);
        b.put(Algorithm.GBDT, FakeCatalog.Behaviour.CENTROID);
        b.put(Algorithm.XGBOOST, FakeCatalog.Behaviour.PRIOR);
        b.put(Algorithm.RANDOM_FOREST, FakeCatalog.Behaviour.CENTROID);
        handle.set(new BackgroundRun(new FakeCatalog(b, Set.of()), job, iris()));
        started.countDown();
        assertThat(handle.get().await(Duration.ofSeconds(30))).isTrue();
        AutoMLResult r = handle.get().result();
        assertThat(handle.get().status()).isEqualTo(JobStatus.STOPPED);
        assertThat(r.completionReason()).isEqualTo("STOPPED");
        assertThat(r.candidates()).allMatch(c -> c.status() == CandidateStatus.COMPLETED);
        assertThat(r.leaderboard().entries()).noneMatch(e -> e.kind() == EntryKind.STACKED);
        assertThat(r.bestModel().predict(iris()).size()).isEqualTo(iris().rowCount());
    }

    @Test
    void stop_beforeAnyCandidateCompletes_failsWithReason() throws Exception {
        Map<Algorithm, FakeCatalog.Behaviour> b = new EnumMap<>(Algorithm.class);
        for (Algorithm a : Algorithm.values()) {
            b.put(a, FakeCatalog.Behaviour.SLOW);
        }
        AutoMLJob job = AutoMLJob.builder().target("species").maxCandidates(2).build();
        BackgroundRun run = new BackgroundRun(new FakeCatalog(b, Set.of()), job, iris());
        while (run.secondaryStatus() != SecondaryStatus.TRAINING_MODELS) {
            Thread.sleep(5);
        }
        run.stop();
        assertThat(run.await(Duration.ofSeconds(20))).isTrue();
        assertThat(run.status()).isEqualTo(JobStatus.FAILED);
        assertThat(run.failureReason()).hasValueSatisfying(s -> assertThat(s).contains("stopped before any"));
        assertThatThrownBy(run::result).isInstanceOf(TrainingFailedException.class);
    }

    @Test
    void interruptingFit_actsAsStop() throws Exception {
        AutoMLJob job = AutoMLJob.builder().target("species").maxCandidates(3).maxParallelCandidates(1).build();
        AtomicReference<Object> out = new AtomicReference<>();
        AtomicReference<Boolean> flag = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                out.set(new Search(oneFastRestSlow()).run(job, iris()));
            } catch (RuntimeException e) {
                out.set(e);
            }
            flag.set(Thread.currentThread().isInterrupted());
        });
        t.start();
        Thread.sleep(1500);
        t.interrupt();
        t.join(20_000);
        assertThat(t.isAlive()).isFalse();
        assertThat(out.get()).isInstanceOf(AutoMLResult.class);
        AutoMLResult r = (AutoMLResult) out.get();
        assertThat(r.completionReason()).isEqualTo("STOPPED");
        assertThat(r.candidates().get(0).status()).isEqualTo(CandidateStatus.COMPLETED);
        assertThat(flag.get()).as("the interrupt flag is restored").isTrue();
    }

    @Test
    void timeBudget_parallelSlowCandidates_endWithinBudget() {
        AutoMLJob job = AutoMLJob.builder().target("species").maxCandidates(6).maxParallelCandidates(3).threads(3)
                .maxJobRuntime(Duration.ofSeconds(3)).build();
        long t = System.nanoTime();
        AutoMLResult r = new Search(oneFastRestSlow()).run(job, iris());
        // AUTOML-R58: wall time <= budget + max(10 s, 5%)
        assertThat((System.nanoTime() - t) / 1e9).isLessThan(3.0 + 10.0);
        assertThat(r.completionReason()).isEqualTo("MAX_AUTO_ML_JOB_RUNTIME_REACHED");
        assertThat(r.candidates().get(0).status()).isEqualTo(CandidateStatus.COMPLETED);
    }

    @Test
    void timeBudget_learnerIgnoringItsDeadline_isAbandoned() {
        Map<Algorithm, FakeCatalog.Behaviour> b = new EnumMap<>(Algorithm.class);
        b.put(Algorithm.GBDT, FakeCatalog.Behaviour.CENTROID);
        b.put(Algorithm.XGBOOST, FakeCatalog.Behaviour.STUCK);
        AutoMLJob job = AutoMLJob.builder().target("species").maxCandidates(2).maxParallelCandidates(2).threads(2)
                .maxJobRuntime(Duration.ofSeconds(2)).build();
        long t = System.nanoTime();
        AutoMLResult r = new Search(new FakeCatalog(b, Set.of())).run(job, iris());
        // AUTOML-R58 (the stuck learner would take 30 s)
        assertThat((System.nanoTime() - t) / 1e9).isLessThan(2.0 + 10.0);
        assertThat(r.candidates().get(1).status()).isEqualTo(CandidateStatus.STOPPED);
        assertThat(r.candidates().get(1).failureReason()).contains("still training after the time budget ran out");
        assertThat(r.completionReason()).isEqualTo("MAX_AUTO_ML_JOB_RUNTIME_REACHED");
        assertThat(r.leaderboard().size()).isEqualTo(1);
    }

    @Test
    void stop_learnerIgnoringInterrupts_isAbandonedAfterGrace() throws Exception {
        Map<Algorithm, FakeCatalog.Behaviour> b = new EnumMap<>(Algorithm.class);
        b.put(Algorithm.GBDT, FakeCatalog.Behaviour.CENTROID);
        b.put(Algorithm.XGBOOST, FakeCatalog.Behaviour.STUCK);
        AutoMLJob job = AutoMLJob.builder().target("species").maxCandidates(2).maxParallelCandidates(2).threads(2)
                .build();
        BackgroundRun run = new BackgroundRun(new FakeCatalog(b, Set.of()), job, iris());
        while (run.candidates().stream().noneMatch(c -> c.status() == CandidateStatus.COMPLETED)
                || run.candidates().stream().noneMatch(c -> c.status() == CandidateStatus.IN_PROGRESS)) {
            Thread.sleep(10);
        }
        long t = System.nanoTime();
        run.stop();
        assertThat(run.await(Duration.ofSeconds(15))).isTrue();
        assertThat((System.nanoTime() - t) / 1e9).as("2 s grace, not the stuck learner's 30 s").isLessThan(15.0);
        assertThat(run.result().candidates().get(1).failureReason()).contains("did not stop in time");
    }

    @Test
    void maxRuntimePerCandidate_learnerIgnoringIt_isAbandoned_othersComplete() {
        Map<Algorithm, FakeCatalog.Behaviour> b = new EnumMap<>(Algorithm.class);
        b.put(Algorithm.GBDT, FakeCatalog.Behaviour.STUCK);
        b.put(Algorithm.XGBOOST, FakeCatalog.Behaviour.CENTROID);
        AutoMLJob job = AutoMLJob.builder().target("species").maxCandidates(2).maxParallelCandidates(2).threads(2)
                .maxRuntimePerCandidate(Duration.ofSeconds(1)).build();
        long t = System.nanoTime();
        AutoMLResult r = new Search(new FakeCatalog(b, Set.of())).run(job, iris());
        assertThat((System.nanoTime() - t) / 1e9).as("not the stuck learner's 30 s").isLessThan(15.0);
        assertThat(r.candidates().get(0).status()).isEqualTo(CandidateStatus.STOPPED);
        assertThat(r.candidates().get(0).failureReason()).contains("after maxRuntimePerCandidate");
        assertThat(r.candidates().get(1).status()).isEqualTo(CandidateStatus.COMPLETED);
    }
}
