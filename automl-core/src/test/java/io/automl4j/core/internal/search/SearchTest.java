package io.automl4j.core.internal.search;

import io.automl4j.api.Algorithm;
import io.automl4j.api.AutoMLJob;
import io.automl4j.api.AutoMLResult;
import io.automl4j.api.CandidateStatus;
import io.automl4j.api.ProblemType;
import io.automl4j.api.TrainingFailedException;
import io.automl4j.api.data.Dataset;
import io.automl4j.api.eval.Metric;
import io.automl4j.api.model.Predictions;
import io.automl4j.api.model.TrainedModel;
import io.automl4j.core.fake.FakeCatalog;
import io.automl4j.core.internal.model.ModelIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Orchestration of the v1 search with fake learners (style convention 18). */
class SearchTest {
    static Dataset iris() {
        return Dataset.readCsv(Path.of("src/test/resources/datasets/iris.csv"));
    }

    @Test
    void run_iris_ranksCompletedCandidatesAndPredicts() {
        AutoMLJob job = AutoMLJob.builder().target("species").maxCandidates(3).seed(7).build();
        AutoMLResult r = new Search(FakeCatalog.allCentroid()).run(job, iris());
        assertThat(r.resolved().problemType()).isEqualTo(ProblemType.MULTICLASS_CLASSIFICATION);
        assertThat(r.resolved().objectiveMetric()).isEqualTo(Metric.ACCURACY);
        assertThat(r.candidates()).hasSize(3).allMatch(c -> c.status() == CandidateStatus.COMPLETED);
        // 3 bagged + STACKED (identical fake candidates leave greedy selection with one member: no GREEDY entry)
        assertThat(r.leaderboard().size()).isEqualTo(4);
        assertThat(r.leaderboard().entries()).extracting(e -> e.kind())
                .contains(io.automl4j.api.eval.EntryKind.STACKED);
        // nearest centroid separates iris well on the holdout
        assertThat(r.leaderboard().best().objective()).isGreaterThan(0.85);
        assertThat(r.completionReason()).isEqualTo("MAX_CANDIDATES_REACHED");
        Predictions p = r.bestModel().predict(iris());
        assertThat(p.size()).isEqualTo(150);
        assertThat(p.labels()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(r.provenance().reproducible()).isTrue();
    }

    @Test
    void run_failingCandidate_isRecordedAndOthersComplete() {
        Map<Algorithm, FakeCatalog.Behaviour> b = new EnumMap<>(Algorithm.class);
        b.put(Algorithm.GBDT, FakeCatalog.Behaviour.FAIL);
        b.put(Algorithm.XGBOOST, FakeCatalog.Behaviour.CENTROID);
        AutoMLJob job = AutoMLJob.builder().target("species").maxCandidates(2).build();
        AutoMLResult r = new Search(new FakeCatalog(b, Set.of())).run(job, iris());
        assertThat(r.candidates().get(0).status()).isEqualTo(CandidateStatus.FAILED);
        assertThat(r.candidates().get(0).failureReason()).contains("fake failure");
        assertThat(r.partialFailures()).containsKey(r.candidates().get(0).name());
        assertThat(r.leaderboard().size()).isEqualTo(1);
    }

    /** Issue 3 faults: a learner running out of memory fails its candidate only, with the reason recorded. */
    @Test
    void run_outOfMemoryCandidate_failsOnlyThatCandidate() {
        Map<Algorithm, FakeCatalog.Behaviour> b = new EnumMap<>(Algorithm.class);
        b.put(Algorithm.GBDT, FakeCatalog.Behaviour.CENTROID);
        b.put(Algorithm.XGBOOST, FakeCatalog.Behaviour.OUT_OF_MEMORY);
        b.put(Algorithm.RANDOM_FOREST, FakeCatalog.Behaviour.CENTROID);
        AutoMLJob job = AutoMLJob.builder().target("species").maxCandidates(3).build();
        AutoMLResult r = new Search(new FakeCatalog(b, Set.of())).run(job, iris());
        assertThat(r.candidates()).extracting(c -> c.status()).containsExactly(CandidateStatus.COMPLETED,
                CandidateStatus.FAILED, CandidateStatus.COMPLETED);
        assertThat(r.candidates().get(1).failureReason()).isEqualTo("OutOfMemoryError: fake: Java heap space");
        assertThat(r.partialFailures()).containsOnlyKeys(r.candidates().get(1).name());
        assertThat(r.leaderboard().entries()).extracting(e -> e.candidateName())
                .doesNotContain(r.candidates().get(1).name());
    }

    @Test
    void run_allFail_throwsWithReasons() {
        Map<Algorithm, FakeCatalog.Behaviour> b = new EnumMap<>(Algorithm.class);
        for (Algorithm a : Algorithm.values()) {
            b.put(a, FakeCatalog.Behaviour.FAIL);
        }
        AutoMLJob job = AutoMLJob.builder().target("species").maxCandidates(2).build();
        assertThatThrownBy(() -> new Search(new FakeCatalog(b, Set.of())).run(job, iris()))
                .isInstanceOf(TrainingFailedException.class).hasMessageContaining("fake failure");
    }

    @Test
    void run_unavailableAlgorithm_isSkippedWithWarning() {
        AutoMLJob job = AutoMLJob.builder().target("species").maxCandidates(2).build();
        AutoMLResult r = new Search(new FakeCatalog(Map.of(), Set.of(Algorithm.GBDT))).run(job, iris());
        assertThat(r.candidates()).extracting(c -> c.algorithm()).containsExactly(Algorithm.XGBOOST,
                Algorithm.RANDOM_FOREST);
        assertThat(r.events()).anyMatch(e -> e.message().contains("GBDT skipped"));
    }

    @Test
    void run_timeBudget_stopsSlowCandidatesAndCompletes() {
        Map<Algorithm, FakeCatalog.Behaviour> b = new EnumMap<>(Algorithm.class);
        b.put(Algorithm.GBDT, FakeCatalog.Behaviour.CENTROID);
        for (Algorithm a : Set.of(Algorithm.XGBOOST, Algorithm.RANDOM_FOREST, Algorithm.EXTRA_TREES)) {
            b.put(a, FakeCatalog.Behaviour.SLOW);
        }
        AutoMLJob job = AutoMLJob.builder().target("species").maxCandidates(4).maxJobRuntime(Duration.ofSeconds(2))
                .build();
        long t = System.nanoTime();
        AutoMLResult r = new Search(new FakeCatalog(b, Set.of())).run(job, iris());
        double secs = (System.nanoTime() - t) / 1e9;
        assertThat(secs).isLessThan(2.0 + 10.0);
        assertThat(r.completionReason()).isEqualTo("MAX_AUTO_ML_JOB_RUNTIME_REACHED");
        assertThat(r.provenance().reproducible()).isFalse();
        assertThat(r.leaderboard().size()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void run_sameSeed_sameLeaderboard() {
        AutoMLJob job = AutoMLJob.builder().target("species").maxCandidates(3).seed(99).name("repro").build();
        AutoMLResult a = new Search(FakeCatalog.allCentroid()).run(job, iris());
        AutoMLResult b = new Search(FakeCatalog.allCentroid()).run(job, iris());
        for (int i = 0; i < a.leaderboard().size(); i++) {
            assertThat(a.leaderboard().entries().get(i).candidateName())
                    .isEqualTo(b.leaderboard().entries().get(i).candidateName());
            assertThat(a.leaderboard().entries().get(i).objective())
                    .isEqualTo(b.leaderboard().entries().get(i).objective());
        }
    }

    @Test
    void saveLoad_roundTrip_identicalPredictions(@TempDir Path dir) throws Exception {
        FakeCatalog cat = FakeCatalog.allCentroid();
        AutoMLJob job = AutoMLJob.builder().target("species").maxCandidates(1).build();
        AutoMLResult r = new Search(cat).run(job, iris());
        r.bestModel().save(dir);
        TrainedModel back = ModelIO.load(dir, cat);
        Predictions a = r.bestModel().predict(iris());
        Predictions b = back.predict(iris());
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.probabilities(i)).containsExactly(a.probabilities(i));
        }
        assertThat(back.signature()).isEqualTo(r.bestModel().signature());
        assertThat(back.provenance()).isEqualTo(r.bestModel().provenance());
    }
}
