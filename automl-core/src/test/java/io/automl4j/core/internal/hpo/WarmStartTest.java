package io.automl4j.core.internal.hpo;

import io.automl4j.api.Algorithm;
import io.automl4j.api.AutoMLJob;
import io.automl4j.api.AutoMLResult;
import io.automl4j.api.Event;
import io.automl4j.api.InvalidJobSpecException;
import io.automl4j.api.Mode;
import io.automl4j.api.data.Dataset;
import io.automl4j.api.eval.Metric;
import io.automl4j.api.hpo.ParameterRanges;
import io.automl4j.api.hpo.Strategy;
import io.automl4j.api.hpo.WarmStartType;
import io.automl4j.core.fake.FakeCatalog;
import io.automl4j.core.internal.search.Search;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AUTOML-R41 warm start: builder rules, fit-start rules, seeding, duplicate skipping, overall best. */
class WarmStartTest {
    private static final ParameterRanges KNN = ParameterRanges.builder().integer("k", 1, 30)
            .categorical("weights", "uniform", "distance").build();

    private static AutoMLJob.Builder job(String name) {
        return AutoMLJob.builder().name(name).target("species").mode(Mode.HYPERPARAMETER_TUNING).folds(3)
                .algorithms(Algorithm.KNN).parameterRanges(Algorithm.KNN, KNN).seed(9);
    }

    private static AutoMLResult parent() {
        return new Search(FakeCatalog.allCentroid()).run(job("parent").hpoStrategy(Strategy.RANDOM)
                .maxCandidates(6).build(), HpoSearchTest.iris());
    }

    private static Event event(AutoMLResult r, String message) {
        return r.events().stream().filter(e -> e.message().equals(message)).findFirst().orElseThrow();
    }

    @Test
    void identical_seedsTheSurrogate_skipsTheRandomStart_andReportsOverallBest_R41() {
        AutoMLResult p = parent();
        AutoMLResult r = new Search(FakeCatalog.allCentroid()).run(job("child").maxCandidates(3)
                .warmStart(WarmStartType.IDENTICAL_DATA_AND_ALGORITHM, p).build(), HpoSearchTest.iris());
        assertThat(event(r, "warm start: parent trials seed the search").details())
                .containsEntry("seededTrials", "6").containsEntry("parents", "1");
        assertThat(r.candidates()).hasSize(3);
        // the fake ignores hyperparameters: all tie, so the overall best is this job's first trial
        assertThat(event(r, "overall best across this job and its warm-start parents").details())
                .containsEntry("job", "child").containsEntry("candidate", "child-001-KNN");
        // and the trials are TPE proposals from the parents' observations, not the seeded random draws
        SearchSpace space = SearchSpace.of(java.util.EnumSet.of(Algorithm.KNN),
                java.util.Map.of(Algorithm.KNN, KNN));
        Config random0 = RandomSampler.sample(space, 9, 0);
        assertThat(r.candidates().get(0).hyperparameters()).isNotEqualTo(
                new java.util.TreeMap<>(space.get(0).overrides(random0.u())));
    }

    @Test
    void random_neverReRunsAParentTrial_R41() {
        ParameterRanges tiny = ParameterRanges.builder().categorical("weights", "uniform", "distance").build();
        AutoMLResult p = new Search(FakeCatalog.allCentroid()).run(AutoMLJob.builder().name("p").target("species")
                .mode(Mode.HYPERPARAMETER_TUNING).folds(3).algorithms(Algorithm.KNN)
                .parameterRanges(Algorithm.KNN, tiny).hpoStrategy(Strategy.GRID).build(), HpoSearchTest.iris());
        assertThat(p.candidates()).hasSize(2); // both values
        ParameterRanges three = ParameterRanges.builder().categorical("weights", "uniform", "distance", "x").build();
        AutoMLResult r = new Search(FakeCatalog.allCentroid()).run(AutoMLJob.builder().target("species")
                .mode(Mode.HYPERPARAMETER_TUNING).folds(3).algorithms(Algorithm.KNN)
                .parameterRanges(Algorithm.KNN, three).hpoStrategy(Strategy.RANDOM).maxCandidates(3)
                .warmStart(WarmStartType.TRANSFER_LEARNING, p).build(), HpoSearchTest.iris());
        assertThat(r.candidates()).allSatisfy(c -> assertThat(c.hyperparameters()).containsEntry("weights", "x"));
    }

    @Test
    void identical_withOtherData_failsAtFitStart_R41() {
        AutoMLResult p = parent();
        Dataset fewer = HpoSearchTest.iris().selectRows(java.util.stream.IntStream.range(0, 150).filter(i -> i % 5 != 0).toArray());
        assertThatThrownBy(() -> new Search(FakeCatalog.allCentroid()).run(job("c").maxCandidates(2)
                .warmStart(WarmStartType.IDENTICAL_DATA_AND_ALGORITHM, p).build(), fewer))
                .isInstanceOf(InvalidJobSpecException.class).hasMessageContaining("data fingerprint differs");
        // TRANSFER_LEARNING accepts other data
        assertThat(new Search(FakeCatalog.allCentroid()).run(job("c").maxCandidates(2)
                .warmStart(WarmStartType.TRANSFER_LEARNING, p).build(), fewer).candidates()).hasSize(2);
    }

    @Test
    void otherObjective_failsAtFitStart_orAtBuild_R41() {
        AutoMLResult p = parent(); // ACCURACY by default
        assertThatThrownBy(() -> job("c").objectiveMetric(Metric.LOG_LOSS)
                .warmStart(WarmStartType.TRANSFER_LEARNING, p).build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("optimises LOG_LOSS and parent optimised ACCURACY");
    }

    @Test
    void parameterTypeChange_andCountChange_failAtFitStart_R41() {
        AutoMLResult p = parent();
        ParameterRanges typeChange = ParameterRanges.builder().continuous("k", 1, 30)
                .categorical("weights", "uniform", "distance").build();
        assertThatThrownBy(() -> new Search(FakeCatalog.allCentroid()).run(AutoMLJob.builder().target("species")
                .mode(Mode.HYPERPARAMETER_TUNING).algorithms(Algorithm.KNN).parameterRanges(Algorithm.KNN, typeChange)
                .warmStart(WarmStartType.TRANSFER_LEARNING, p).build(), HpoSearchTest.iris()))
                .isInstanceOf(InvalidJobSpecException.class).hasMessageContaining("'k' changes type");
        ParameterRanges fewer = ParameterRanges.builder().integer("k", 1, 30).build();
        assertThatThrownBy(() -> new Search(FakeCatalog.allCentroid()).run(AutoMLJob.builder().target("species")
                .mode(Mode.HYPERPARAMETER_TUNING).algorithms(Algorithm.KNN).parameterRanges(Algorithm.KNN, fewer)
                .warmStart(WarmStartType.TRANSFER_LEARNING, p).build(), HpoSearchTest.iris()))
                .isInstanceOf(InvalidJobSpecException.class).hasMessageContaining("count must stay the same");
        // tunable -> static is allowed (2 changes: the categorical's two values)
        ParameterRanges toStatic = ParameterRanges.builder().integer("k", 1, 30).staticValue("weights", "uniform")
                .build();
        assertThat(new Search(FakeCatalog.allCentroid()).run(AutoMLJob.builder().target("species")
                .mode(Mode.HYPERPARAMETER_TUNING).algorithms(Algorithm.KNN).parameterRanges(Algorithm.KNN, toStatic)
                .folds(3).maxCandidates(1).warmStart(WarmStartType.TRANSFER_LEARNING, p).build(),
                HpoSearchTest.iris()).candidates()).hasSize(1);
    }

    @Test
    void builderRules_R41_R3() {
        AutoMLResult p = parent();
        assertThatThrownBy(() -> job("c").warmStart(WarmStartType.TRANSFER_LEARNING, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1..5 parent results but got 0");
        assertThatThrownBy(() -> job("c").warmStart(WarmStartType.TRANSFER_LEARNING,
                Collections.nCopies(6, p))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("6");
        assertThatThrownBy(() -> job("c").hpoStrategy(Strategy.HYPERBAND)
                .warmStart(WarmStartType.TRANSFER_LEARNING, p).build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("BAYESIAN or RANDOM only");
        assertThatThrownBy(() -> job("c").maxCandidates(745).warmStart(WarmStartType.TRANSFER_LEARNING, p).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("at most 750, but are 6 + 745");
        assertThatThrownBy(() -> AutoMLJob.builder().target("species").mode(Mode.ENSEMBLING)
                .warmStart(WarmStartType.TRANSFER_LEARNING, p).build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[warmStart] cannot be used with mode ENSEMBLING");
        assertThatThrownBy(() -> job("c").warmStart(WarmStartType.TRANSFER_LEARNING, p)
                .warmStart(WarmStartType.TRANSFER_LEARNING, p)).isInstanceOf(IllegalStateException.class);
        AutoMLResult ens = new Search(FakeCatalog.allCentroid()).run(AutoMLJob.builder().target("species")
                .mode(Mode.ENSEMBLING).maxCandidates(1).folds(3).build(), HpoSearchTest.iris());
        assertThatThrownBy(() -> job("c").warmStart(WarmStartType.TRANSFER_LEARNING, ens))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ran ENSEMBLING");
    }
}
