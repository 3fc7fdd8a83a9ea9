package io.automl4j.api.hpo;

import io.automl4j.api.Algorithm;
import io.automl4j.api.AutoMLJob;
import io.automl4j.api.Mode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One test per HPO builder rule of AUTOML-R2 and R3 (HPO-only options, GRID, HYPERBAND, counts). */
class HpoJobOptionsTest {
    private static AutoMLJob.Builder base() {
        return AutoMLJob.builder().target("y");
    }

    private static ParameterRanges categorical(String name, String... values) {
        return ParameterRanges.builder().categorical(name, values).build();
    }

    @Test
    void defaults_R2() {
        AutoMLJob job = base().build();
        assertThat(job.hpoStrategy()).isEmpty();
        assertThat(job.bayesianSurrogate()).isEqualTo(Surrogate.TPE);
        assertThat(job.parameterRanges()).isEmpty();
        assertThat(job.earlyStopping()).isFalse();
        assertThat(job.targetObjectiveValue()).isEmpty();
        assertThat(job.maxCandidatesNotImproving()).isEmpty();
        assertThat(job.completeOnConvergence()).isFalse();
        assertThat(job.hpoOptionsSet()).isEmpty();
        assertThat(AutoMLJob.DEFAULT_HPO_ALGORITHMS).containsExactlyInAnyOrder(Algorithm.XGBOOST, Algorithm.GBDT,
                Algorithm.LINEAR, Algorithm.MLP);
    }

    @Test
    void allOptions_roundTrip_andListedAsHpoOnly() {
        ParameterRanges r = ParameterRanges.builder().continuous("eta", 0.1, 0.5).build();
        AutoMLJob job = base().mode(Mode.HYPERPARAMETER_TUNING).hpoStrategy(Strategy.BAYESIAN)
                .bayesianSurrogate(Surrogate.GP_EI).parameterRanges(Algorithm.XGBOOST, r).earlyStopping(true)
                .targetObjectiveValue(0.9).maxCandidatesNotImproving(5).completeOnConvergence(true).build();
        assertThat(job.hpoStrategy()).contains(Strategy.BAYESIAN);
        assertThat(job.bayesianSurrogate()).isEqualTo(Surrogate.GP_EI);
        assertThat(job.parameterRanges()).containsEntry(Algorithm.XGBOOST, r);
        assertThat(job.targetObjectiveValue()).hasValue(0.9);
        assertThat(job.maxCandidatesNotImproving()).hasValue(5);
        assertThat(job.hpoOptionsSet()).containsExactly("hpoStrategy", "bayesianSurrogate", "parameterRanges",
                "earlyStopping", "targetObjectiveValue", "maxCandidatesNotImproving", "completeOnConvergence");
        assertThat(job.toSpecMap()).containsEntry("hpoStrategy", "BAYESIAN").containsEntry("earlyStopping", "true");
    }

    @Test
    void hpoStrategy_twice_ISE() {
        assertThatThrownBy(() -> base().hpoStrategy(Strategy.RANDOM).hpoStrategy(Strategy.GRID))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("hpoStrategy was already set");
    }

    @Test
    void earlyStopping_withHyperband_ISE_eitherOrder_R3() {
        assertThatThrownBy(() -> base().hpoStrategy(Strategy.HYPERBAND).earlyStopping(true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("HYPERBAND");
        assertThatThrownBy(() -> base().earlyStopping(true).hpoStrategy(Strategy.HYPERBAND))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("earlyStopping");
        // earlyStopping(false) with HYPERBAND is fine
        assertThat(base().hpoStrategy(Strategy.HYPERBAND).earlyStopping(false).build().earlyStopping()).isFalse();
    }

    @Test
    void targetObjectiveValue_notFinite_IAE() {
        assertThatThrownBy(() -> base().targetObjectiveValue(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("targetObjectiveValue must be finite but was NaN");
        assertThatThrownBy(() -> base().targetObjectiveValue(Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void maxCandidatesNotImproving_zero_IAE() {
        assertThatThrownBy(() -> base().maxCandidatesNotImproving(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxCandidatesNotImproving must be >= 1 but was 0");
    }

    @Test
    void completeOnConvergence_twice_ISE() {
        assertThatThrownBy(() -> base().completeOnConvergence(true).completeOnConvergence(false))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void parameterRanges_twiceForOneAlgorithm_ISE() {
        ParameterRanges r = categorical("weights", "uniform");
        assertThatThrownBy(() -> base().parameterRanges(Algorithm.KNN, r).parameterRanges(Algorithm.KNN, r))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("KNN");
    }

    @Test
    void parameterRanges_forAlgorithmNotSearched_ISE() {
        assertThatThrownBy(() -> base().algorithms(Algorithm.LINEAR)
                .parameterRanges(Algorithm.KNN, categorical("weights", "uniform")).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("KNN");
    }

    @Test
    void hpoOptions_withExplicitEnsembling_ISE_R3() {
        assertThatThrownBy(() -> base().mode(Mode.ENSEMBLING).earlyStopping(true).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[earlyStopping] cannot be used with mode ENSEMBLING");
        assertThatThrownBy(() -> base().mode(Mode.ENSEMBLING).targetObjectiveValue(1).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("targetObjectiveValue");
        // with AUTO they are accepted (ignored with a WARN if AUTO resolves to ENSEMBLING)
        assertThat(base().targetObjectiveValue(1).build().hpoOptionsSet()).containsExactly("targetObjectiveValue");
    }

    @Test
    void maxCandidates_upTo750_inHpo_butAtMost10_inEnsembling_R2() {
        assertThat(base().mode(Mode.HYPERPARAMETER_TUNING).maxCandidates(750).build().maxCandidates()).hasValue(750);
        assertThatThrownBy(() -> base().maxCandidates(751)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[1, 750]");
        assertThatThrownBy(() -> base().mode(Mode.ENSEMBLING).maxCandidates(11).build())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void grid_withContinuousRange_ISE_R3() {
        assertThatThrownBy(() -> base().algorithms(Algorithm.XGBOOST).hpoStrategy(Strategy.GRID)
                .parameterRanges(Algorithm.XGBOOST, ParameterRanges.builder().continuous("eta", 0.1, 0.3).build())
                .build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("GRID accepts categorical ranges only")
                .hasMessageContaining("XGBOOST parameter 'eta' is a continuous range");
    }

    @Test
    void grid_withBuiltInRanges_ISE() {
        assertThatThrownBy(() -> base().hpoStrategy(Strategy.GRID).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("GRID needs categorical parameterRanges");
    }

    @Test
    void grid_maxCandidatesMustEqualCombinations_R31() {
        AutoMLJob.Builder b = base().algorithms(Algorithm.KNN, Algorithm.LINEAR).hpoStrategy(Strategy.GRID)
                .parameterRanges(Algorithm.KNN, ParameterRanges.builder().categorical("k", "1", "5", "9")
                        .categorical("weights", "uniform", "distance").build())
                .parameterRanges(Algorithm.LINEAR, categorical("c_grid", "0.1", "1"));
        assertThat(b.build().hpoStrategy()).contains(Strategy.GRID); // 3*2 + 2 = 8 combinations
        assertThatThrownBy(() -> base().algorithms(Algorithm.KNN).hpoStrategy(Strategy.GRID).maxCandidates(5)
                .parameterRanges(Algorithm.KNN, categorical("k", "1", "5", "9")).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("maxCandidates must equal the number of combinations 3 but was 5");
    }

    @Test
    void grid_over750Combinations_ISE_R31() {
        String[] thirty = new String[30];
        for (int i = 0; i < 30; i++) {
            thirty[i] = Integer.toString(i);
        }
        ParameterRanges big = ParameterRanges.builder().categorical("a", thirty).categorical("b", thirty).build();
        assertThatThrownBy(() -> base().algorithms(Algorithm.KNN).hpoStrategy(Strategy.GRID)
                .parameterRanges(Algorithm.KNN, big).build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("GRID has 900 combinations; at most 750");
    }

    @Test
    void bayesianSurrogate_withOtherStrategy_ISE() {
        assertThatThrownBy(() -> base().hpoStrategy(Strategy.RANDOM).bayesianSurrogate(Surrogate.GP_EI).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("BAYESIAN strategy only");
    }

    @Test
    void hyperbandResource_bounds_IAE_andStrategy_ISE() {
        assertThatThrownBy(() -> base().hyperbandResource(0, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minResource must be >= 1 but was 0");
        assertThatThrownBy(() -> base().hyperbandResource(10, 20)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxResource");
        assertThatThrownBy(() -> base().hpoStrategy(Strategy.RANDOM).hyperbandResource(1, 27).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("HYPERBAND strategy only");
        assertThat(base().hpoStrategy(Strategy.HYPERBAND).hyperbandResource(1, 27).build().hyperbandMaxResource())
                .hasValue(27);
    }
}
