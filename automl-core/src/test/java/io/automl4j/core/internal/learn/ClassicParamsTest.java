package io.automl4j.core.internal.learn;

import io.automl4j.api.Algorithm;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClassicParamsTest {

    private static ClassicParams.Builder table() {
        return ClassicParams.builder(Algorithm.KNN)
                .add("k", "10", ClassicParams.intRange(1, 50))
                .add("rate", "0.5", ClassicParams.doubleRange(0, false, 1, true))
                .add("mode", "a", ClassicParams.oneOf("a", "b"))
                .add("grid", "1,2", ClassicParams.doubleList(0, false, 10));
    }

    @Test
    void resolve_overridesCanonicalised_sorted() {
        ClassicParams h = table().resolve(Map.of("k", " 7 ", "rate", "1e-1", "mode", "B", "grid", "0.5, 3"));
        assertThat(h.asMap()).containsExactly(Map.entry("grid", "0.5,3.0"), Map.entry("k", "7"),
                Map.entry("mode", "b"), Map.entry("rate", "0.1"));
        assertThat(h.getDoubles("grid")).containsExactly(0.5, 3.0);
    }

    @Test
    void resolve_outOfRange_namesParameterValueAndRange() {
        assertThatThrownBy(() -> table().resolve(Map.of("k", "51")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid value '51' for hyperparameter 'k' of KNN: expected an integer in [1, 50]");
        assertThatThrownBy(() -> table().resolve(Map.of("rate", "0")))
                .hasMessageContaining("a number in (0, 1]");
        assertThatThrownBy(() -> table().resolve(Map.of("rate", "NaN"))).hasMessageContaining("'rate'");
    }

    @Test
    void resolve_nullValue_rejected() {
        Map<String, String> m = new HashMap<>();
        m.put("k", null);
        assertThatThrownBy(() -> table().resolve(m)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'k'");
    }

    @Test
    void resolve_unknownName_listsValidNames() {
        assertThatThrownBy(() -> table().resolve(Map.of("kk", "1")))
                .hasMessage("Unknown hyperparameter 'kk' for KNN; valid names are [grid, k, mode, rate]");
    }
}
