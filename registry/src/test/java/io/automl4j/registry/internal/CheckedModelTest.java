package io.automl4j.registry.internal;

import io.automl4j.api.data.Dataset;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** REG-R7 input check: a NUMERIC input must not be a text column; single bad cells are the model's to count (R18). */
class CheckedModelTest {
    private static String check(String... values) {
        return CheckedModel.firstNonNumber(Dataset.builder().text("x", values).build().column("x"));
    }

    @Test
    void textColumn_isWrongType_namingItsFirstValue() {
        assertThat(check(null, "wide", "narrow")).isEqualTo("wide");
    }

    @Test
    void numericColumnWithSomeBadCells_isTolerated_whereverTheyAre() {
        assertThat(check("abc", "1.5", "def")).isNull();
        assertThat(check("1", "abc")).isNull();
        assertThat(check(" 2 ", null)).isNull();
    }

    @Test
    void allMissing_isNotATypeError() {
        assertThat(check(null, null)).isNull();
    }
}
