package io.automl4j.core.internal.metrics;

import io.automl4j.api.ProblemType;
import io.automl4j.api.eval.Metric;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static io.automl4j.core.internal.metrics.Exact.assertExact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hand-computed cases (AUTOML-R44): every expected value below is worked out in the comment beside it, as a
 * fraction where possible.
 */
class MetricsTest {

    private static final double LN2 = Math.log(2.0);

    // ------------------------------------------------------------------------------------------------ AUC

    @Test
    void auc_tiedScoresCountHalf() {
        // positives 0.8, 0.6, 0.4; negatives 0.8, 0.4, 0.1. Pairwise wins (tie = 1/2):
        // 0.8: 1/2 + 1 + 1; 0.6: 0 + 1 + 1; 0.4: 0 + 1/2 + 1  ->  6/9
        int[] y = {1, 0, 1, 0, 1, 0};
        double[] s = {0.8, 0.8, 0.6, 0.4, 0.4, 0.1};
        assertExact(Metrics.auc(y, s, null, 1), 2.0 / 3.0, "AUC");
    }

    @Test
    void auc_rowOrderDoesNotMatterWithinTies() {
        int[] y = {0, 1, 1, 0, 0, 1};
        double[] s = {0.8, 0.8, 0.6, 0.4, 0.1, 0.4};
        assertExact(Metrics.auc(y, s, null, 1), 2.0 / 3.0, "AUC");
    }

    @Test
    void auc_weighted() {
        // as auc_tiedScoresCountHalf with w = 2,1,1,1,3,1: W+ = 6, W- = 3;
        // 0.8 (w 2): 2 * 2.5 = 5; 0.6 (w 1): 2; 0.4 (w 3): 3 * 1.5 = 4.5  ->  11.5 / 18
        int[] y = {1, 0, 1, 0, 1, 0};
        double[] s = {0.8, 0.8, 0.6, 0.4, 0.4, 0.1};
        double[] w = {2, 1, 1, 1, 3, 1};
        assertExact(Metrics.auc(y, s, w, 1), 23.0 / 36.0, "AUC");
    }

    @Test
    void auc_positiveClassZero() {
        // the same scores ranked for the other class: every win becomes a loss, ties stay 1/2  ->  1 - 2/3
        int[] y = {1, 0, 1, 0, 1, 0};
        double[] s = {0.8, 0.8, 0.6, 0.4, 0.4, 0.1};
        assertExact(Metrics.auc(y, s, null, 0), 1.0 / 3.0, "AUC");
    }

    @Test
    void auc_allTied() {
        assertExact(Metrics.auc(new int[] {0, 1, 1, 0}, new double[] {0.3, 0.3, 0.3, 0.3}, null, 1), 0.5, "AUC");
    }

    @Test
    void auc_perfectAndReversed() {
        int[] y = {0, 0, 1, 1};
        assertExact(Metrics.auc(y, new double[] {0.1, 0.2, 0.7, 0.9}, null, 1), 1.0, "AUC");
        assertExact(Metrics.auc(y, new double[] {0.9, 0.7, 0.2, 0.1}, null, 1), 0.0, "AUC");
    }

    @Test
    void auc_oneClassIsNaN() {
        assertThat(Metrics.auc(new int[] {1, 1, 1}, new double[] {0.2, 0.5, 0.9}, null, 1)).isNaN();
        assertThat(Metrics.auc(new int[] {0, 0}, new double[] {0.2, 0.5}, null, 1)).isNaN();
    }

    @Test
    void auc_positivesWithoutWeightIsNaN() {
        assertThat(Metrics.auc(new int[] {1, 0, 0}, new double[] {0.2, 0.5, 0.9}, new double[] {0, 1, 1}, 1))
                .isNaN();
    }

    @Test
    void auc_nanScoreIsNaN() {
        assertThat(Metrics.auc(new int[] {1, 0}, new double[] {Double.NaN, 0.5}, null, 1)).isNaN();
    }

    @Test
    void auc_doesNotModifyScores() {
        double[] s = {0.9, 0.1, 0.5};
        Metrics.auc(new int[] {1, 0, 1}, s, null, 1);
        assertThat(s).containsExactly(0.9, 0.1, 0.5);
    }

    @Test
    void auc_matchesPairwiseCountOnRandomTiedData() {
        // The Mann-Whitney form: AUC = sum over (positive, negative) pairs of w+ w- (1[s+ > s-] + 1/2 1[s+ = s-])
        // divided by W+ W-. Scores on a 0.05 grid give many ties; n > 32 exercises the merge passes.
        SplittableRandom rnd = new SplittableRandom(7);
        int n = 1000;
        int[] y = new int[n];
        double[] s = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = rnd.nextInt(2);
            s[i] = Math.rint((0.3 * y[i] + 0.7 * rnd.nextDouble()) * 20) / 20;
            w[i] = rnd.nextInt(4);
        }
        double wins = 0;
        double wp = 0;
        double wn = 0;
        for (int i = 0; i < n; i++) {
            if (y[i] == 1) {
                wp += w[i];
                for (int j = 0; j < n; j++) {
                    if (y[j] == 0) {
                        wins += w[i] * w[j] * (s[i] > s[j] ? 1.0 : s[i] == s[j] ? 0.5 : 0.0);
                    }
                }
            } else {
                wn += w[i];
            }
        }
        assertExact(Metrics.auc(y, s, w, 1), wins / (wp * wn), "AUC");
    }

    @Test
    void sortByKey_sortsAndCarriesIndices() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int n : new int[] {1, 5, 32, 33, 100, 1025}) {
            double[] original = new double[n];
            for (int i = 0; i < n; i++) {
                original[i] = rnd.nextInt(10) - 5.0;
            }
            double[] keys = original.clone();
            int[] idx = new int[n];
            Arrays.setAll(idx, i -> i);
            Metrics.sortByKey(keys, idx);
            double[] expected = original.clone();
            Arrays.sort(expected);
            assertThat(keys).containsExactly(expected);
            for (int i = 0; i < n; i++) {
                assertThat(original[idx[i]]).isEqualTo(keys[i]);
                if (i > 0 && keys[i] == keys[i - 1]) {
                    assertThat(idx[i]).as("stable").isGreaterThan(idx[i - 1]);
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------ hard labels

    @Test
    void hardLabels_binaryThresholdIsInclusive() {
        double[][] p = {{0.5, 0.5}, {0.6, 0.4}, {0.4, 0.6}};
        assertThat(Metrics.hardLabels(2, p, 1)).containsExactly(1, 0, 1);
        assertThat(Metrics.hardLabels(2, p, 0)).containsExactly(0, 0, 1);
    }

    @Test
    void hardLabels_multiclassTiesGoToLowestIndex() {
        double[][] p = {{0.4, 0.4, 0.2}, {0.2, 0.4, 0.4}, {0.1, 0.2, 0.7}, {1.0 / 3, 1.0 / 3, 1.0 / 3}};
        assertThat(Metrics.hardLabels(3, p, 0)).containsExactly(0, 1, 2, 0);
    }

    // ------------------------------------------------------------------------------------- label metrics

    @Test
    void confusionMatrix_weighted() {
        double[][] cm = Metrics.confusionMatrix(3, new int[] {0, 0, 1, 1, 2}, new int[] {0, 1, 1, 1, 0},
                new double[] {1, 2, 3, 4, 5});
        assertThat(cm).isDeepEqualTo(new double[][] {{1, 2, 0}, {0, 7, 0}, {5, 0, 0}});
    }

    @Test
    void binaryLabelMetrics_weighted() {
        // w 1..6; TP = 1+2 = 3, FN = 3, FP = 4, TN = 5+6 = 11
        int[] y = {1, 1, 1, 0, 0, 0};
        int[] yhat = {1, 1, 0, 1, 0, 0};
        double[] w = {1, 2, 3, 4, 5, 6};
        assertExact(Metrics.accuracy(2, y, yhat, w), 14.0 / 21.0, "accuracy");
        assertExact(Metrics.precision(2, y, yhat, w, 1), 3.0 / 7.0, "precision");
        assertExact(Metrics.recall(2, y, yhat, w, 1), 3.0 / 6.0, "recall");
        // 2 (3/7)(1/2) / (3/7 + 1/2) = (3/7) / (13/14)
        assertExact(Metrics.f1(2, y, yhat, w, 1), 6.0 / 13.0, "f1");
        // negative class as positive: TP = 11, FP = 3, FN = 4
        assertExact(Metrics.precision(2, y, yhat, w, 0), 11.0 / 14.0, "precision(0)");
        assertExact(Metrics.recall(2, y, yhat, w, 0), 11.0 / 15.0, "recall(0)");
    }

    @Test
    void balancedAccuracy_ignoresWeights() {
        // unweighted recall: 2/3 for both classes; weighted it would be (3/6 + 11/15) / 2
        int[] y = {1, 1, 1, 0, 0, 0};
        int[] yhat = {1, 1, 0, 1, 0, 0};
        assertExact(Metrics.balancedAccuracy(2, y, yhat), 2.0 / 3.0, "balanced accuracy");
        double[] w = {1, 2, 3, 4, 5, 6};
        assertExact(Metrics.evaluate(Metric.BALANCED_ACCURACY, 2, toDouble(y), oneHot(2, yhat), w, 1), 2.0 / 3.0,
                "balanced accuracy via evaluate");
    }

    @Test
    void precisionRecallF1_noPositivePredictionsIsZero() {
        int[] y = {1, 0, 1};
        int[] yhat = {0, 0, 0};
        assertThat(Metrics.precision(2, y, yhat, null, 1)).isZero();
        assertThat(Metrics.recall(2, y, yhat, null, 1)).isZero();
        assertThat(Metrics.f1(2, y, yhat, null, 1)).isZero();
    }

    @Test
    void recall_noPositivesIsZero() {
        int[] y = {0, 0, 0};
        int[] yhat = {1, 0, 0};
        assertThat(Metrics.recall(2, y, yhat, null, 1)).isZero();
        assertThat(Metrics.precision(2, y, yhat, null, 1)).isZero();   // TP = 0, FP = 1
        assertThat(Metrics.f1(2, y, yhat, null, 1)).isZero();
    }

    @Test
    void precision_positivePredictionsWithZeroWeightIsZero() {
        assertThat(Metrics.precision(2, new int[] {0, 1}, new int[] {1, 0}, new double[] {0, 1}, 1)).isZero();
    }

    @Test
    void macroMetrics_classAbsentFromBoth() {
        // k = 4, class 3 never seen, so averages run over {0, 1, 2}.
        // c0: TP 1, predicted 2, actual 2 -> P 1/2, R 1/2, F1 1/2
        // c1: TP 2, predicted 3, actual 2 -> P 2/3, R 1,   F1 4/5
        // c2: TP 0, predicted 0, actual 1 -> P 0/0 = 0, R 0, F1 0
        int[] y = {0, 0, 1, 1, 2};
        int[] yhat = {0, 1, 1, 1, 0};
        assertExact(Metrics.precisionMacro(4, y, yhat, null), (0.5 + 2.0 / 3.0) / 3.0, "precision macro");
        assertExact(Metrics.recallMacro(4, y, yhat, null), 1.5 / 3.0, "recall macro");
        assertExact(Metrics.f1Macro(4, y, yhat, null), 1.3 / 3.0, "f1 macro");
        assertExact(Metrics.balancedAccuracy(4, y, yhat), 1.5 / 3.0, "balanced accuracy");
        assertExact(Metrics.accuracy(4, y, yhat, null), 3.0 / 5.0, "accuracy");
    }

    @Test
    void macroMetrics_classOnlyPredicted() {
        // class 2 appears only in yhat: it joins the macro average (P = 0, R = 0/0 = 0) but not balanced accuracy.
        // c0: P 1, R 1/2, F1 2/3; c1: P 1, R 1, F1 1; c2: 0, 0, 0
        int[] y = {0, 0, 1, 1};
        int[] yhat = {0, 2, 1, 1};
        assertExact(Metrics.precisionMacro(3, y, yhat, null), 2.0 / 3.0, "precision macro");
        assertExact(Metrics.recallMacro(3, y, yhat, null), 1.5 / 3.0, "recall macro");
        assertExact(Metrics.f1Macro(3, y, yhat, null), (2.0 / 3.0 + 1.0) / 3.0, "f1 macro");
        assertExact(Metrics.balancedAccuracy(3, y, yhat), 0.75, "balanced accuracy");
    }

    @Test
    void macroMetrics_classPresentOnlyInZeroWeightRowsStillCounts() {
        // presence is by row, weight aside: c0 P 1 R 1; c1 P 1 R 1; c2 (only in a 0-weight row) P 0 R 0
        int[] y = {0, 0, 1, 1};
        int[] yhat = {0, 2, 1, 1};
        double[] w = {1, 0, 1, 1};
        assertExact(Metrics.recallMacro(3, y, yhat, w), 2.0 / 3.0, "recall macro");
        assertExact(Metrics.precisionMacro(3, y, yhat, w), 2.0 / 3.0, "precision macro");
        assertExact(Metrics.accuracy(3, y, yhat, w), 1.0, "accuracy");
    }

    @Test
    void macroMetrics_weighted() {
        // y = 0,0,1,1,2; yhat = 0,1,1,1,0; w = 1,2,3,4,5; cm = [[1,2,0],[0,7,0],[5,0,0]]
        // c0: P 1/6, R 1/3; c1: P 7/9, R 1; c2: P 0, R 0
        int[] y = {0, 0, 1, 1, 2};
        int[] yhat = {0, 1, 1, 1, 0};
        double[] w = {1, 2, 3, 4, 5};
        assertExact(Metrics.precisionMacro(3, y, yhat, w), (1.0 / 6 + 7.0 / 9) / 3, "precision macro");
        assertExact(Metrics.recallMacro(3, y, yhat, w), (1.0 / 3 + 1.0) / 3, "recall macro");
        // F1: c0 2(1/6)(1/3)/(1/2) = 2/9; c1 2(7/9)/(16/9) = 7/8
        assertExact(Metrics.f1Macro(3, y, yhat, w), (2.0 / 9 + 7.0 / 8) / 3, "f1 macro");
        assertExact(Metrics.accuracy(3, y, yhat, w), 8.0 / 15.0, "accuracy");
    }

    // ------------------------------------------------------------------------------------------- log loss

    @Test
    void logLoss_clipsAtBothEnds() {
        // p_y = 1/2, 1/2, 1 (clipped to 1 - 1e-15), 0 (clipped to 1e-15)
        int[] y = {0, 1, 2, 0};
        double[][] p = {{0.5, 0.25, 0.25}, {0.25, 0.5, 0.25}, {0, 0, 1}, {0, 1, 0}};
        double expected = (2 * LN2 - Math.log(1 - 1e-15) - Math.log(1e-15)) / 4;
        assertExact(Metrics.logLoss(y, p, null), expected, "log loss");
    }

    @Test
    void logLoss_weighted() {
        // p_y = 1/2 (w 1), 1/4 (w 2), 0.8 (w 3)  ->  (ln 2 + 2 ln 4 - 3 ln 0.8) / 6
        int[] y = {0, 1, 1};
        double[][] p = {{0.5, 0.5}, {0.75, 0.25}, {0.2, 0.8}};
        double[] w = {1, 2, 3};
        assertExact(Metrics.logLoss(y, p, w), (5 * LN2 - 3 * Math.log(0.8)) / 6, "log loss");
    }

    // ---------------------------------------------------------------------------------------- regression

    @Test
    void regressionMetrics_unweighted() {
        // errors 1, 0, 2, 0; mean y = 2.5, SStot = 2.25 + 0.25 + 0.25 + 2.25 = 5, SSres = 5
        double[] y = {1, 2, 3, 4};
        double[] yhat = {2, 2, 5, 4};
        assertExact(Metrics.mae(y, yhat, null), 0.75, "MAE");
        assertExact(Metrics.mse(y, yhat, null), 1.25, "MSE");
        assertExact(Metrics.rmse(y, yhat, null), Math.sqrt(1.25), "RMSE");
        assertExact(Metrics.r2(y, yhat, null), 0.0, "R2");
        // |1|/1, 0, |2|/3, 0 -> (1 + 2/3) / 4
        assertExact(Metrics.mape(y, yhat, null), (5.0 / 3.0) / 4.0, "MAPE");
    }

    @Test
    void regressionMetrics_weighted() {
        // w = 1,2,3,4 (sum 10); weighted mean y = 30/10 = 3; SStot = 4 + 2 + 0 + 4 = 10; SSres = 1 + 12 = 13
        double[] y = {1, 2, 3, 4};
        double[] yhat = {2, 2, 5, 4};
        double[] w = {1, 2, 3, 4};
        assertExact(Metrics.mae(y, yhat, w), 0.7, "MAE");
        assertExact(Metrics.mse(y, yhat, w), 1.3, "MSE");
        assertExact(Metrics.rmse(y, yhat, w), Math.sqrt(1.3), "RMSE");
        assertExact(Metrics.r2(y, yhat, w), -0.3, "R2");
        // (1 * 1 + 3 * 2/3) / 10
        assertExact(Metrics.mape(y, yhat, w), 0.3, "MAPE");
    }

    @Test
    void r2_constantTarget() {
        // 0.1 is not exact in binary: the computed mean is 0.10000000000000002, which must not turn the zero
        // denominator into 1e-34 (scikit-learn 1.2 returns about -1.7e27 for the imperfect case)
        double[] y = {0.1, 0.1, 0.1};
        assertThat(Metrics.r2(y, new double[] {0.1, 0.1, 0.1}, null)).isEqualTo(1.0);
        assertThat(Metrics.r2(y, new double[] {0.1, 0.1, 0.2}, null)).isEqualTo(0.0);
        assertThat(Metrics.r2(new double[] {3, 3}, new double[] {3, 3}, new double[] {1, 2})).isEqualTo(1.0);
    }

    @Test
    void r2_constantOverWeightedRows() {
        // the third row has no weight, so y is constant where it counts and the prediction is perfect there
        double[] y = {0.1, 0.1, 5};
        double[] w = {1, 1, 0};
        assertThat(Metrics.r2(y, new double[] {0.1, 0.1, 0}, w)).isEqualTo(1.0);
        assertThat(Metrics.r2(y, new double[] {0.1, 0.3, 0}, w)).isEqualTo(0.0);
    }

    @Test
    void r2_perfectIsOneAndMeanIsZero() {
        double[] y = {1, 2, 3, 6};
        assertThat(Metrics.r2(y, y.clone(), null)).isEqualTo(1.0);
        assertExact(Metrics.r2(y, new double[] {3, 3, 3, 3}, null), 0.0, "R2 of the mean");
    }

    @Test
    void mape_excludesZeroTargets() {
        // rows 1 and 2 count: |1|/2 = 1/2 (w 1), |1|/4 = 1/4 (w 3)  ->  (1/2 + 3/4) / 4
        double[] y = {0, 2, -4, -0.0};
        double[] yhat = {1, 1, -5, 3};
        double[] w = {1, 1, 3, 1};
        assertExact(Metrics.mape(y, yhat, w), 0.3125, "MAPE");
        assertThat(Metrics.mapeExcludedRows(y)).isEqualTo(2);
    }

    @Test
    void mape_allTargetsZeroIsNaN() {
        double[] y = {0, 0};
        assertThat(Metrics.mape(y, new double[] {1, 2}, null)).isNaN();
        assertThat(Metrics.mapeExcludedRows(y)).isEqualTo(2);
    }

    @Test
    void weightedMean_zeroTotalWeightIsNaN() {
        double[] w = {0, 0};
        assertThat(Metrics.mae(new double[] {1, 2}, new double[] {1, 3}, w)).isNaN();
        assertThat(Metrics.r2(new double[] {1, 2}, new double[] {1, 3}, w)).isNaN();
        assertThat(Metrics.accuracy(2, new int[] {0, 1}, new int[] {0, 0}, w)).isNaN();
    }

    // ------------------------------------------------------------------------------------------- dispatch

    @Test
    void evaluateAll_binaryMatchesTheFunctions() {
        double[] y = {1, 0, 1, 0, 1, 0};
        double[][] p = {{0.2, 0.8}, {0.2, 0.8}, {0.4, 0.6}, {0.6, 0.4}, {0.6, 0.4}, {0.9, 0.1}};
        double[] w = {2, 1, 1, 1, 3, 1};
        Map<Metric, Double> all = Metrics.evaluateAll(ProblemType.BINARY_CLASSIFICATION, 2, y, p, w, 1);
        assertThat(all.keySet()).containsExactly(Metric.ACCURACY, Metric.AUC, Metric.BALANCED_ACCURACY, Metric.F1,
                Metric.LOG_LOSS, Metric.PRECISION, Metric.RECALL);
        // yhat = 1,1,1,0,0,0: TP = 2+1 = 3, FP = 1, FN = 3, TN = 2
        assertExact(all.get(Metric.ACCURACY), 5.0 / 9.0, "accuracy");
        assertExact(all.get(Metric.AUC), 23.0 / 36.0, "AUC");
        assertExact(all.get(Metric.BALANCED_ACCURACY), 2.0 / 3.0, "balanced accuracy");
        assertExact(all.get(Metric.PRECISION), 3.0 / 4.0, "precision");
        assertExact(all.get(Metric.RECALL), 3.0 / 6.0, "recall");
        assertExact(all.get(Metric.F1), 2 * 0.75 * 0.5 / 1.25, "F1");
        double ll = -(2 * Math.log(0.8) + Math.log(0.2) + Math.log(0.6) + Math.log(0.6) + 3 * Math.log(0.4)
                + Math.log(0.9)) / 9;
        assertExact(all.get(Metric.LOG_LOSS), ll, "log loss");
        for (Map.Entry<Metric, Double> e : all.entrySet()) {
            assertThat(Metrics.evaluate(e.getKey(), 2, y, p, w, 1)).as(e.getKey().name()).isEqualTo(e.getValue());
        }
    }

    @Test
    void evaluateAll_multiclassOrder() {
        double[] y = {0, 1, 2};
        double[][] p = {{0.7, 0.2, 0.1}, {0.1, 0.8, 0.1}, {0.3, 0.3, 0.4}};
        Map<Metric, Double> all = Metrics.evaluateAll(ProblemType.MULTICLASS_CLASSIFICATION, 3, y, p, null, 0);
        assertThat(all.keySet()).containsExactly(Metric.ACCURACY, Metric.BALANCED_ACCURACY, Metric.F1_MACRO,
                Metric.LOG_LOSS, Metric.PRECISION_MACRO, Metric.RECALL_MACRO);
        assertThat(all.get(Metric.ACCURACY)).isEqualTo(1.0);
        assertExact(all.get(Metric.LOG_LOSS), -(Math.log(0.7) + Math.log(0.8) + Math.log(0.4)) / 3, "log loss");
    }

    @Test
    void evaluateAll_regressionOrder() {
        double[] y = {1, 2, 3, 4};
        double[][] pred = {{2}, {2}, {5}, {4}};
        Map<Metric, Double> all = Metrics.evaluateAll(ProblemType.REGRESSION, 0, y, pred, null, 0);
        assertThat(all.keySet()).containsExactly(Metric.MAE, Metric.MSE, Metric.R2, Metric.RMSE, Metric.MAPE);
        double[] expected = {0.75, 1.25, 0.0, Math.sqrt(1.25), 5.0 / 12.0};
        List<Double> values = List.copyOf(all.values());
        for (int i = 0; i < expected.length; i++) {
            assertExact(values.get(i), expected[i], List.copyOf(all.keySet()).get(i).name());
        }
    }

    @Test
    void evaluateAll_isUnmodifiable() {
        Map<Metric, Double> all = Metrics.evaluateAll(ProblemType.REGRESSION, 0, new double[] {1},
                new double[][] {{1}}, null, 0);
        assertThatThrownBy(() -> all.put(Metric.MAE, 0.0)).isInstanceOf(UnsupportedOperationException.class);
    }

    // ----------------------------------------------------------------------------------------- validation

    @Test
    void evaluate_inferenceLatency() {
        assertThatThrownBy(() -> Metrics.evaluate(Metric.INFERENCE_LATENCY, 0, new double[] {1},
                new double[][] {{1}}, null, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("INFERENCE_LATENCY is measured");
    }

    @Test
    void evaluate_metricOfAnotherProblem() {
        double[] y = {0, 1, 2};
        double[][] p = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        assertThatThrownBy(() -> Metrics.evaluate(Metric.AUC, 3, y, p, null, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AUC")
                .hasMessageContaining("MULTICLASS_CLASSIFICATION");
        assertThatThrownBy(() -> Metrics.evaluate(Metric.MAE, 2, new double[] {0}, new double[][] {{1, 0}}, null, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MAE")
                .hasMessageContaining("BINARY_CLASSIFICATION");
        assertThatThrownBy(() -> Metrics.evaluate(Metric.F1, 0, new double[] {0}, new double[][] {{1}}, null, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("F1")
                .hasMessageContaining("REGRESSION");
    }

    @Test
    void evaluate_numClassesOne() {
        assertThatThrownBy(() -> Metrics.evaluate(Metric.ACCURACY, 1, new double[] {0}, new double[][] {{1}}, null,
                0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("numClasses");
    }

    @Test
    void evaluate_predRowCountDiffers() {
        assertThatThrownBy(() -> Metrics.evaluate(Metric.MSE, 0, new double[] {1, 2}, new double[][] {{1}}, null,
                0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("predictions have 1 rows but y has 2");
    }

    @Test
    void evaluate_weightCountDiffers() {
        assertThatThrownBy(() -> Metrics.evaluate(Metric.MSE, 0, new double[] {1, 2}, new double[][] {{1}, {2}},
                new double[] {1}, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("weights have 1 entries but y has 2");
    }

    @Test
    void evaluate_empty() {
        assertThatThrownBy(() -> Metrics.evaluate(Metric.MSE, 0, new double[0], new double[0][], null, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no rows");
    }

    @Test
    void evaluate_predRowWidth() {
        assertThatThrownBy(() -> Metrics.evaluate(Metric.ACCURACY, 3, new double[] {0, 1},
                new double[][] {{1, 0, 0}, {0, 1}}, null, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pred row 1 has 2 columns; expected 3");
    }

    @Test
    void evaluate_targetNotAClassIndex() {
        double[][] p = {{1, 0}, {0, 1}};
        for (double bad : new double[] {2, -1, 0.5, Double.NaN}) {
            assertThatThrownBy(() -> Metrics.evaluate(Metric.ACCURACY, 2, new double[] {0, bad}, p, null, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("y[1] = " + bad + " is not a class index in [0, 2)");
        }
    }

    @Test
    void evaluate_positiveClassOutOfRange() {
        assertThatThrownBy(() -> Metrics.evaluate(Metric.F1, 2, new double[] {0, 1}, new double[][] {{1, 0}, {0, 1}},
                null, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("positiveClass must be 0 or 1 for binary classification but was 2");
    }

    @Test
    void evaluateAll_problemTypeContradictsNumClasses() {
        assertThatThrownBy(() -> Metrics.evaluateAll(ProblemType.BINARY_CLASSIFICATION, 3, new double[] {0},
                new double[][] {{1, 0, 0}}, null, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("problem type BINARY_CLASSIFICATION does not match numClasses = 3 (expected numClasses"
                        + " = 2)");
    }

    @Test
    void confusionMatrix_labelOutOfRange() {
        assertThatThrownBy(() -> Metrics.confusionMatrix(2, new int[] {0, 1}, new int[] {0, 2}, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("yhat[1] = 2 is outside [0, 2)");
        assertThatThrownBy(() -> Metrics.confusionMatrix(2, new int[] {-1, 1}, new int[] {0, 1}, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("y[0] = -1 is outside [0, 2)");
    }

    @Test
    void confusionMatrix_lengthsDiffer() {
        assertThatThrownBy(() -> Metrics.confusionMatrix(2, new int[] {0, 1}, new int[] {0}, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("predictions have 1 rows but y has 2");
    }

    @Test
    void precision_positiveClassOutOfRange() {
        assertThatThrownBy(() -> Metrics.precision(2, new int[] {0}, new int[] {0}, null, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("positiveClass = 5 is outside [0, 2)");
    }

    @Test
    void logLoss_labelBeyondRow() {
        assertThatThrownBy(() -> Metrics.logLoss(new int[] {2}, new double[][] {{0.5, 0.5}}, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("y[0] = 2 is not a column of pred row 0 (2 columns)");
    }

    // ------------------------------------------------------------------------------------------- helpers

    private static double[] toDouble(int[] labels) {
        double[] d = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            d[i] = labels[i];
        }
        return d;
    }

    private static double[][] oneHot(int k, int[] labels) {
        double[][] p = new double[labels.length][k];
        for (int i = 0; i < labels.length; i++) {
            p[i][labels[i]] = 1.0;
        }
        return p;
    }
}
