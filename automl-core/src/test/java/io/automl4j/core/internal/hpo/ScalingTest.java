package io.automl4j.core.internal.hpo;

import io.automl4j.api.hpo.ScalingType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** AUTOML-R35 scaling maths against hand computations. */
class ScalingTest {

    @Test
    void linear_R35() {
        assertThat(Scaling.fromUnit(ScalingType.LINEAR, 0, 4, 0.375)).isEqualTo(1.5);
        assertThat(Scaling.fromUnit(ScalingType.LINEAR, 0.5, 1, 0)).isEqualTo(0.5);
        assertThat(Scaling.fromUnit(ScalingType.LINEAR, 0.5, 1, 1)).isEqualTo(1.0);
        assertThat(Scaling.fromUnit(ScalingType.LINEAR, 0.1, 0.5, 0.25)).isCloseTo(0.2, within(1e-15));
    }

    @Test
    void logarithmic_R35() {
        // exp(ln 1e-3 + 0.5 (ln 1e3 - ln 1e-3)) = exp(0) = 1
        assertThat(Scaling.fromUnit(ScalingType.LOGARITHMIC, 1e-3, 1000, 0.5)).isCloseTo(1.0, within(1e-12));
        assertThat(Scaling.fromUnit(ScalingType.LOGARITHMIC, 1e-3, 1000, 0)).isEqualTo(1e-3); // ends exact
        assertThat(Scaling.fromUnit(ScalingType.LOGARITHMIC, 1e-3, 1000, 1)).isEqualTo(1000);
        // quarter of the way in log space from 1 to 10^4 is 10
        assertThat(Scaling.fromUnit(ScalingType.LOGARITHMIC, 1, 1e4, 0.25)).isCloseTo(10, within(1e-12));
    }

    @Test
    void reverseLogarithmic_isTheSpecFormula_R35() {
        // x = 1 - exp(ln(1-b) + u (ln(1-a) - ln(1-b))), a = 0, b = 0.999
        assertThat(Scaling.fromUnit(ScalingType.REVERSE_LOGARITHMIC, 0, 0.999, 0)).isEqualTo(0.999);
        assertThat(Scaling.fromUnit(ScalingType.REVERSE_LOGARITHMIC, 0, 0.999, 1)).isCloseTo(0.0, within(1e-15));
        assertThat(Scaling.fromUnit(ScalingType.REVERSE_LOGARITHMIC, 0, 0.999, 0.5))
                .isCloseTo(1 - Math.sqrt(0.001), within(1e-12));
    }

    @Test
    void integers_roundHalfUp_andClamp_R35() {
        assertThat(Scaling.intFromUnit(ScalingType.LINEAR, 0, 4, 0.375)).isEqualTo(2); // 1.5 -> 2
        assertThat(Scaling.intFromUnit(ScalingType.LINEAR, 0, 4, 0.625)).isEqualTo(3); // 2.5 -> 3 (not 2)
        assertThat(Scaling.intFromUnit(ScalingType.LINEAR, 0, 4, 0.5)).isEqualTo(2);
        assertThat(Scaling.intFromUnit(ScalingType.LINEAR, 1, 10, 1.7)).isEqualTo(10); // u clamped
        assertThat(Scaling.intFromUnit(ScalingType.LINEAR, 1, 10, -3)).isEqualTo(1);
        assertThat(Scaling.intFromUnit(ScalingType.LOGARITHMIC, 1, 4000, 1)).isEqualTo(4000);
        assertThat(Scaling.intFromUnit(ScalingType.LOGARITHMIC, 1, 100, 0.5)).isEqualTo(10);
    }

    @Test
    void toUnit_invertsFromUnit() {
        for (ScalingType s : new ScalingType[] {ScalingType.LINEAR, ScalingType.LOGARITHMIC,
                ScalingType.REVERSE_LOGARITHMIC}) {
            for (double u = 0; u <= 1; u += 0.125) {
                double x = Scaling.fromUnit(s, 0.01, 0.9, u);
                assertThat(Scaling.toUnit(s, 0.01, 0.9, x)).as(s + " u=" + u).isCloseTo(u, within(1e-12));
            }
        }
    }

    @Test
    void auto_mustBeResolved() {
        assertThatThrownBy(() -> Scaling.fromUnit(ScalingType.AUTO, 1, 2, 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AUTO");
    }

    @Test
    void dim_resolvesAuto_andMapsCategoricals() {
        Dim d = Dim.integer("num_round", 1, 4000, ScalingType.AUTO);
        assertThat(d.scaling()).isEqualTo(ScalingType.LOGARITHMIC);
        assertThat(Dim.continuous("gamma", 0, 5, ScalingType.AUTO).scaling()).isEqualTo(ScalingType.LINEAR);
        Dim c = Dim.categorical("layers", java.util.List.of("1", "2", "3"));
        assertThat(c.valueOf(0.0)).isEqualTo("1");
        assertThat(c.valueOf(0.34)).isEqualTo("2");
        assertThat(c.valueOf(1.0)).isEqualTo("3");
        assertThat(Dim.continuous("eta", 0.1, 0.5, ScalingType.LINEAR).valueOf(0.5))
                .isEqualTo(Double.toString(0.1 + 0.5 * (0.5 - 0.1))); // the R35 formula, in Double.toString form
    }
}
