package io.automl4j.core.internal.learn;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InnerSplitTest {

    private static double[] labels(int... counts) {
        return IntStream.range(0, counts.length)
                .flatMap(c -> IntStream.range(0, counts[c]).map(i -> c))
                .asDoubleStream().toArray();
    }

    private static int count(double[] y, int[] idx, int cls) {
        return (int) Arrays.stream(idx).filter(i -> y[i] == cls).count();
    }

    @Test
    void of_classification_isStratified() {
        double[] y = labels(40, 35, 25);
        InnerSplit s = InnerSplit.of(y, Task.classification(3), 7, 0.1);
        assertThat(count(y, s.valid(), 0)).isEqualTo(4);
        assertThat(count(y, s.valid(), 1)).isEqualTo(4); // 3.5 rounds half up
        assertThat(count(y, s.valid(), 2)).isEqualTo(3); // 2.5 rounds half up
    }

    @Test
    void of_partsAreDisjointSortedAndComplete() {
        double[] y = labels(50, 30);
        InnerSplit s = InnerSplit.of(y, Task.classification(2), 3, 0.1);
        int[] all = IntStream.concat(Arrays.stream(s.train()), Arrays.stream(s.valid())).sorted().toArray();
        assertThat(all).isEqualTo(IntStream.range(0, 80).toArray());
        assertThat(s.train()).isSorted();
        assertThat(s.valid()).isSorted();
    }

    @Test
    void of_sameSeed_sameSplit_otherSeed_otherSplit() {
        double[] y = new double[200];
        Task task = Task.REGRESSION;
        assertThat(InnerSplit.of(y, task, 11, 0.1).valid()).isEqualTo(InnerSplit.of(y, task, 11, 0.1).valid());
        assertThat(InnerSplit.of(y, task, 11, 0.1).valid()).isNotEqualTo(InnerSplit.of(y, task, 12, 0.1).valid());
    }

    @Test
    void of_regression_takesRoundedFraction() {
        assertThat(InnerSplit.of(new double[1030], Task.REGRESSION, 1, 0.1).valid()).hasSize(103);
        assertThat(InnerSplit.of(new double[5], Task.REGRESSION, 1, 0.1).valid()).hasSize(1);
        assertThat(InnerSplit.of(new double[1], Task.REGRESSION, 1, 0.1).hasValidation()).isFalse();
    }

    @Test
    void of_singletonClassesStayInTraining() {
        double[] y = labels(1, 1, 1);
        InnerSplit s = InnerSplit.of(y, Task.classification(3), 1, 0.1);
        assertThat(s.hasValidation()).isFalse();
        assertThat(s.train()).containsExactly(0, 1, 2);
    }

    @Test
    void of_smallClasses_keepAtLeastOneTrainingRowPerClass() {
        double[] y = labels(3, 2, 1);
        InnerSplit s = InnerSplit.of(y, Task.classification(3), 1, 0.1);
        // round(0.3) = round(0.2) = 0 everywhere: one row of the largest class moves to validation
        assertThat(s.valid()).hasSize(1);
        assertThat(count(y, s.valid(), 0)).isEqualTo(1);
        for (int c = 0; c < 3; c++) {
            assertThat(count(y, s.train(), c)).isPositive();
        }
    }

    @Test
    void of_emptyClassIsFine() {
        double[] y = labels(20, 0, 20);
        InnerSplit s = InnerSplit.of(y, Task.classification(3), 1, 0.1);
        assertThat(s.valid()).hasSize(4);
    }

    @Test
    void of_badFraction_throws() {
        assertThatThrownBy(() -> InnerSplit.of(new double[10], Task.REGRESSION, 1, 1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.0");
    }
}
