package io.automl4j.api.hpo;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AUTOML-R34 (range types and limits) and R35 (scaling rules): one test per rule. */
class ParameterRangesTest {

    @Test
    void builder_keepsDeclarationOrder_andStatics_R36() {
        ParameterRanges r = ParameterRanges.builder().integer("max_depth", 1, 10).continuous("eta", 0.1, 0.5)
                .categorical("grow_policy", "depthwise", "lossguide").staticValue("num_round", "50").build();
        assertThat(r.ranges()).extracting(ParameterRanges.Range::name).containsExactly("max_depth", "eta",
                "grow_policy");
        assertThat(r.staticValues()).containsEntry("num_round", "50");
        assertThat(r.categoricalOnly()).isFalse();
    }

    @Test
    void categorical_emptyOrTooManyOrDuplicate_IAE() {
        assertThatThrownBy(() -> ParameterRanges.builder().categorical("a")).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("'a' must have 1..30 values but has 0");
        String[] many = new String[31];
        for (int i = 0; i < many.length; i++) {
            many[i] = "v" + i;
        }
        assertThatThrownBy(() -> ParameterRanges.builder().categorical("a", many))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has 31");
        assertThatThrownBy(() -> ParameterRanges.builder().categorical("a", "x", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate values");
    }

    @Test
    void minEqualsMax_IAE_useStatic_R34() {
        assertThatThrownBy(() -> ParameterRanges.builder().continuous("eta", 0.3, 0.3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("continuous parameter 'eta' [0.3, 0.3] (scaling AUTO): min == max; use a static");
        assertThatThrownBy(() -> ParameterRanges.builder().integer("d", 4, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("use a static value");
    }

    @Test
    void minAboveMax_orNotFinite_IAE_R34() {
        assertThatThrownBy(() -> ParameterRanges.builder().continuous("eta", 0.5, 0.1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min must be < max");
        assertThatThrownBy(() -> ParameterRanges.builder().continuous("eta", 0, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bounds must be finite");
    }

    @Test
    void logarithmic_needsPositiveMin_IAE_R35() {
        assertThatThrownBy(() -> ParameterRanges.builder().continuous("alpha", 0, 10, ScalingType.LOGARITHMIC))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("continuous parameter 'alpha' [0.0, 10.0]: scaling LOGARITHMIC requires min > 0");
        assertThatThrownBy(() -> ParameterRanges.builder().integer("k", 0, 10, ScalingType.LOGARITHMIC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'k'")
                .hasMessageContaining("LOGARITHMIC requires min > 0");
    }

    @Test
    void reverseLogarithmic_continuousInUnitIntervalOnly_IAE_R35() {
        assertThatThrownBy(() -> ParameterRanges.builder().integer("k", 1, 10, ScalingType.REVERSE_LOGARITHMIC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("continuous parameters only");
        assertThatThrownBy(() -> ParameterRanges.builder().continuous("m", 0.5, 1.0,
                ScalingType.REVERSE_LOGARITHMIC)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'m' [0.5, 1.0]: scaling REVERSE_LOGARITHMIC requires 0 <= min < max < 1");
        assertThatThrownBy(() -> ParameterRanges.builder().continuous("m", -0.1, 0.9,
                ScalingType.REVERSE_LOGARITHMIC)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ParameterRanges.builder().continuous("m", 0.0, 0.999, ScalingType.REVERSE_LOGARITHMIC).build()
                .ranges()).hasSize(1);
    }

    @Test
    void autoScaling_resolution_R35() {
        assertThat(ScalingType.AUTO.resolve(1e-3, 1000)).isEqualTo(ScalingType.LOGARITHMIC);
        assertThat(ScalingType.AUTO.resolve(1, 100)).isEqualTo(ScalingType.LOGARITHMIC); // ratio exactly 100
        assertThat(ScalingType.AUTO.resolve(1, 99.9)).isEqualTo(ScalingType.LINEAR);
        assertThat(ScalingType.AUTO.resolve(0, 5)).isEqualTo(ScalingType.LINEAR); // min not > 0
        assertThat(ScalingType.LINEAR.resolve(1e-3, 1000)).isEqualTo(ScalingType.LINEAR);
        assertThat(new ParameterRanges.IntegerRange("n", 1, 4000, ScalingType.AUTO).resolvedScaling())
                .isEqualTo(ScalingType.LOGARITHMIC);
    }

    @Test
    void names_lengthAndUniqueness_IAE_R34() {
        assertThatThrownBy(() -> ParameterRanges.builder().categorical("", "a"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1-255 characters");
        assertThatThrownBy(() -> ParameterRanges.builder().categorical("x".repeat(256), "a"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ParameterRanges.builder().categorical("a", "1").staticValue("a", "2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a' is given twice");
    }

    @Test
    void limits_30tunable_100static_100total_R34() {
        ParameterRanges.Builder b = ParameterRanges.builder();
        for (int i = 0; i < 31; i++) {
            b.categorical("p" + i, "a");
        }
        assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 30 tunable parameters per algorithm but got 31");
        ParameterRanges.Builder s = ParameterRanges.builder();
        for (int i = 0; i < 101; i++) {
            s.staticValue("s" + i, "1");
        }
        assertThatThrownBy(s::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 100 static");
        ParameterRanges.Builder t = ParameterRanges.builder();
        for (int i = 0; i < 30; i++) {
            t.categorical("p" + i, "a");
        }
        for (int i = 0; i < 71; i++) {
            t.staticValue("s" + i, "1");
        }
        assertThatThrownBy(t::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(tunable + static) per algorithm but got 101");
    }

    @Test
    void combinations_productOfCategoricalSizes() {
        assertThat(ParameterRanges.builder().categorical("a", "1", "2", "3").categorical("b", "x", "y").build()
                .combinations()).isEqualTo(6);
        assertThat(ParameterRanges.builder().build().combinations()).isEqualTo(1);
        assertThatThrownBy(() -> ParameterRanges.builder().integer("k", 1, 3).build().combinations())
                .isInstanceOf(IllegalStateException.class);
        assertThat(new ParameterRanges.Categorical("c", List.of("a")).values()).containsExactly("a");
    }
}
