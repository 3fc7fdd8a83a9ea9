package io.automl4j.core.internal.cv;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AUTOML-R17: stratified, seeded holdout. */
class HoldoutTest {
    @Test
    void split_isStratifiedAndSeeded() {
        double[] y = new double[150];
        for (int i = 0; i < 150; i++) {
            y[i] = i % 3;
        }
        int[] h = Holdout.split(y, 3, 0.2, 42);
        assertThat(h).hasSize(30);
        int[] perClass = new int[3];
        for (int r : h) {
            perClass[(int) y[r]]++;
        }
        assertThat(perClass).containsExactly(10, 10, 10);
        assertThat(Holdout.split(y, 3, 0.2, 42)).containsExactly(h);
        assertThat(Holdout.split(y, 3, 0.2, 43)).isNotEqualTo(h);
        assertThat(h).isSorted();
        int[] rest = Holdout.complement(150, h);
        assertThat(rest).hasSize(120);
        for (int r : rest) {
            assertThat(java.util.Arrays.binarySearch(h, r)).isNegative();
        }
    }

    @Test
    void split_keepsAtLeastOneRowOfEveryClassForTraining() {
        double[] y = {0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
        int[] h = Holdout.split(y, 2, 0.5, 1);
        // class 0: round(4.5) = 5 of 9 rows; class 1 has a single row, which stays in training
        assertThat(h).hasSize(5).doesNotContain(9);
    }

    @Test
    void split_regression_randomShare() {
        double[] y = new double[101];
        int[] h = Holdout.split(y, 0, 0.25, 5);
        assertThat(h).hasSize(25);
    }

    @Test
    void split_badFraction_isRejected() {
        assertThatThrownBy(() -> Holdout.split(new double[10], 0, 1.0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(0, 1)");
    }
}
