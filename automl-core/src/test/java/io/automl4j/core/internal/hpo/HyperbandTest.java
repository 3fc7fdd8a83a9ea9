package io.automl4j.core.internal.hpo;

import io.automl4j.api.Algorithm;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AUTOML-R31 HYPERBAND: bracket sizes (Li et al. 2018, η = 3) and resources. */
class HyperbandTest {
    private static Hyperband.Rung r(int n, int level) {
        return new Hyperband.Rung(n, level);
    }

    @Test
    void brackets_sMax3_eta3() {
        assertThat(Hyperband.brackets(3, 3)).containsExactly(
                List.of(r(27, 0), r(9, 1), r(3, 2), r(1, 3)),
                List.of(r(12, 1), r(4, 2), r(1, 3)),
                List.of(r(6, 2), r(2, 3)),
                List.of(r(4, 3)));
    }

    @Test
    void brackets_sMax2_andZero() {
        assertThat(Hyperband.brackets(2, 3)).containsExactly(
                List.of(r(9, 0), r(3, 1), r(1, 2)),
                List.of(r(5, 1), r(1, 2)),
                List.of(r(3, 2)));
        assertThat(Hyperband.brackets(0, 3)).containsExactly(List.of(r(1, 0)));
        assertThatThrownBy(() -> Hyperband.brackets(-1, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sMax_isFloorLogEtaOfTheRatio_capped() {
        assertThat(Hyperband.sMax(1, 27, 3, 3)).isEqualTo(3);
        assertThat(Hyperband.sMax(1, 26, 3, 3)).isEqualTo(2);
        assertThat(Hyperband.sMax(10, 4000, 3, 3)).isEqualTo(3); // log3 400 = 5.45, capped
        assertThat(Hyperband.sMax(10, 4000, 3, 10)).isEqualTo(5);
    }

    @Test
    void resources_perLevel_R31() {
        assertThat(List.of(0, 1, 2, 3).stream().map(l -> Hyperband.resource(l, 3, 1, 27)).toList())
                .containsExactly(1L, 3L, 9L, 27L);
        assertThat(Hyperband.resource(0, 3, 10, 4000)).isEqualTo(10);
        assertThat(Hyperband.resource(3, 3, 10, 4000)).isEqualTo(4000);
        assertThat(Hyperband.resource(1, 3, 10, 4000)).isEqualTo(74); // 10 * 400^(1/3) = 73.68
        assertThat(Hyperband.fraction(0, 3)).isEqualTo(1.0 / 27);
        assertThat(Hyperband.fraction(3, 3)).isEqualTo(1.0);
    }

    @Test
    void resourceOverrides_turnInnerEarlyStoppingOff() {
        assertThat(HpoSearch.resourceOverrides(Algorithm.XGBOOST, 0, 3, 1, 27))
                .containsEntry("num_round", "1").containsEntry("early_stopping_rounds", "0");
        assertThat(HpoSearch.resourceOverrides(Algorithm.GBDT, 3, 3, -1, -1))
                .containsEntry("num_iterations", "4000");
        assertThat(HpoSearch.resourceOverrides(Algorithm.MLP, 0, 3, -1, -1))
                .containsEntry("max_epochs", "1").containsEntry("validation_fraction", "0");
        assertThat(HpoSearch.resourceOverrides(Algorithm.LINEAR, 3, 3, -1, -1)).containsEntry("max_iter", "200");
        assertThat(HpoSearch.resourceOverrides(Algorithm.KNN, 0, 3, -1, -1)).isEmpty();
    }
}
