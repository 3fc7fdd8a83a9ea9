package io.automl4j.core.internal.cv;

import io.automl4j.api.AutoMLJob;
import io.automl4j.api.data.Dataset;
import io.automl4j.core.internal.EventLog;
import io.automl4j.core.internal.data.DataAnalyzer;
import io.automl4j.core.internal.data.PreparedData;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Seeded, stratified k-fold assignment (AUTOML-R26, R56). */
class FoldsTest {
    /** Classes 0, 1, 2 with 23, 7 and 50 rows, interleaved. */
    private static double[] imbalanced() {
        double[] y = new double[80];
        for (int i = 0; i < y.length; i++) {
            y[i] = i < 46 ? (i % 2 == 0 ? 0 : 2) : 2;
        }
        for (int i : new int[] {1, 5, 9, 13, 17, 21, 25}) {
            y[i] = 1;
        }
        return y;
    }

    private static int[][] classCountsPerFold(Folds f, double[] y, int numClasses) {
        int[][] counts = new int[f.k()][numClasses];
        for (int i = 0; i < y.length; i++) {
            counts[f.fold(i)][(int) y[i]]++;
        }
        return counts;
    }

    @Test
    void assign_stratified_everyClassSpreadWithinOne() {
        double[] y = imbalanced();
        assertThat(Arrays.stream(y).filter(v -> v == 0).count()).isEqualTo(23);
        assertThat(Arrays.stream(y).filter(v -> v == 1).count()).isEqualTo(7);
        Folds f = Folds.assign(y, 3, 5, 11);
        int[][] counts = classCountsPerFold(f, y, 3);
        for (int c = 0; c < 3; c++) {
            int cc = c;
            int[] perFold = IntStream.range(0, 5).map(k -> counts[k][cc]).toArray();
            assertThat(Arrays.stream(perFold).max().getAsInt() - Arrays.stream(perFold).min().getAsInt())
                    .as("class %d: %s", c, Arrays.toString(perFold)).isLessThanOrEqualTo(1);
        }
        for (int k = 0; k < 5; k++) {
            assertThat(f.validation(k)).hasSize(16);
        }
    }

    @Test
    void assign_iris_tenRowsOfEachClassPerFold() {
        PreparedData p = DataAnalyzer.analyze(AutoMLJob.builder().target("species").build(),
                Dataset.readCsv(Path.of("src/test/resources/datasets/iris.csv")),
                new EventLog(InstantSource.system(), List.of()));
        Folds f = Folds.assign(p.y(), 3, 5, 12345);
        assertThat(classCountsPerFold(f, p.y(), 3)).isDeepEqualTo(new int[][] {
                {10, 10, 10}, {10, 10, 10}, {10, 10, 10}, {10, 10, 10}, {10, 10, 10}});
    }

    @Test
    void assign_foldSizes_differByAtMostOne() {
        double[] y = new double[103];
        Folds f = Folds.assign(y, 0, 10, 3);
        int[] sizes = IntStream.range(0, 10).map(k -> f.validation(k).length).toArray();
        assertThat(sizes).containsOnly(10, 11);
        assertThat(Arrays.stream(sizes).sum()).isEqualTo(103);
    }

    @Test
    void assign_everyRow_inExactlyOneValidationFold() {
        double[] y = imbalanced();
        Folds f = Folds.assign(y, 3, 4, 5);
        int[] seen = new int[y.length];
        for (int k = 0; k < f.k(); k++) {
            int[] va = f.validation(k);
            int[] tr = f.training(k);
            assertThat(va).isSorted();
            assertThat(tr).isSorted();
            assertThat(va.length + tr.length).isEqualTo(y.length);
            assertThat(tr).doesNotContain(va);
            for (int i : va) {
                seen[i]++;
                assertThat(f.fold(i)).isEqualTo(k);
            }
        }
        assertThat(seen).containsOnly(1);
    }

    @Test
    void assign_sameSeed_isDeterministic() {
        double[] y = imbalanced();
        Folds a = Folds.assign(y, 3, 5, 99);
        Folds b = Folds.assign(y.clone(), 3, 5, 99);
        for (int k = 0; k < 5; k++) {
            assertThat(b.validation(k)).containsExactly(a.validation(k));
        }
    }

    @Test
    void assign_differentSeeds_differ() {
        double[] y = imbalanced();
        Folds a = Folds.assign(y, 3, 5, 99);
        Folds b = Folds.assign(y, 3, 5, 100);
        assertThat(IntStream.range(0, y.length).anyMatch(i -> a.fold(i) != b.fold(i))).isTrue();
        Folds r1 = Folds.assign(new double[50], 0, 5, 1);
        Folds r2 = Folds.assign(new double[50], 0, 5, 2);
        assertThat(IntStream.range(0, 50).anyMatch(i -> r1.fold(i) != r2.fold(i))).isTrue();
    }

    @Test
    void assign_regression_isShuffled() {
        Folds f = Folds.assign(new double[50], 0, 5, 8);
        // not simply consecutive blocks or i % k
        assertThat(f.validation(0)).isNotEqualTo(IntStream.range(0, 10).toArray())
                .isNotEqualTo(IntStream.range(0, 10).map(i -> i * 5).toArray());
    }

    @Test
    void assign_moreFoldsThanRows_throws() {
        assertThatThrownBy(() -> Folds.assign(new double[3], 0, 5, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot split 3 rows into 5 folds");
    }

    @Test
    void assign_fewerThanTwoFolds_throws() {
        assertThatThrownBy(() -> Folds.assign(new double[30], 0, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot split 30 rows into 1 folds");
    }
}
