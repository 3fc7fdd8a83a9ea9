package io.automl4j.core.internal.ensemble;

import io.automl4j.api.eval.Metric;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** AUTOML-R28b, checked by hand. */
class GreedyEnsembleTest {
    @Test
    void select_regression_complementaryErrorsAreMixed() {
        double[] y = {0, 0, 0, 0};
        // member 0 errs +1 on rows 0-1, member 1 errs -1 on the same rows: their average is exact
        double[][] a = {{1}, {1}, {0}, {0}};
        double[][] b = {{-1}, {-1}, {0}, {0}};
        double[][] c = {{0.9}, {0.9}, {0.9}, {0.9}};
        int[] counts = GreedyEnsemble.select(List.of(a, b, c), 0, y, null, -1, Metric.MSE, 4);
        // round 1: MSE a=0.5, b=0.5, c=0.81 -> a (tie with b goes to the lower index)
        // round 2: a+a -> 0.5, a+b -> 0, a+c -> mean of (0.95,0.95,0.45,0.45)^2 = 0.5525 -> b
        // round 3: (2a+b)/3 -> (1/3)^2 on two rows = 0.0556, (a+2b)/3 same -> a (lower index)
        // round 4: (2a+2b)/4 = 0 -> b
        assertThat(counts).containsExactly(2, 2, 0);
        double[][] blend = GreedyEnsemble.blend(List.of(a, b, c), new double[] {0.5, 0.5, 0});
        assertThat(blend[0][0]).isEqualTo(0.0);
    }

    @Test
    void select_classification_maximisesAccuracy() {
        double[] y = {0, 1, 1, 0};
        double[][] good = {{0.9, 0.1}, {0.2, 0.8}, {0.6, 0.4}, {0.7, 0.3}};
        double[][] bad = {{0.4, 0.6}, {0.6, 0.4}, {0.45, 0.55}, {0.2, 0.8}};
        int[] counts = GreedyEnsemble.select(List.of(bad, good), 2, y, null, 1, Metric.ACCURACY, 3);
        // round 1: bad 1/4, good 3/4 -> good
        // round 2: (bad+good)/2 labels 0,1,0,1 -> 2/4; (good+good)/2 -> 3/4 -> good
        // round 3: (bad+2good)/3 labels 0,1,0,0 -> 3/4; 3good -> 3/4: a tie goes to the lower index -> bad
        assertThat(counts).containsExactly(1, 2);
    }

    /** A constant member leaves AUC unchanged; it must not take weight (it took 0.88 on adult at 60 s). */
    @Test
    void select_auc_constantMemberNeverSelected() {
        double[] y = {0, 1, 0, 1, 1, 0};
        double[][] good = {{0.8, 0.2}, {0.3, 0.7}, {0.6, 0.4}, {0.4, 0.6}, {0.45, 0.55}, {0.7, 0.3}};
        double[][] constant = new double[6][];
        for (int i = 0; i < 6; i++) {
            constant[i] = new double[] {0.5, 0.5};
        }
        int[] counts = GreedyEnsemble.select(List.of(constant, good), 2, y, null, 1, Metric.AUC, 10);
        org.assertj.core.api.Assertions.assertThat(counts).containsExactly(0, 10);
        // only constant members: still a selection (the first, by the tie rule)
        org.assertj.core.api.Assertions.assertThat(GreedyEnsemble.select(List.of(constant, constant), 2, y, null, 1,
                Metric.AUC, 3)).containsExactly(3, 0);
    }
}
