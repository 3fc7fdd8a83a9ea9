package io.automl4j.core.internal.learn;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link HistForest}'s trees checked by hand on tiny data, its limits on real data, and its determinism. */
class HistForestTest {
    private static final int NO_LIMIT = Integer.MAX_VALUE;

    private static FeatureMatrix column(double... x) {
        return new FeatureMatrix(x.length, 1, x, List.of("x"));
    }

    /** x = 1..n */
    private static FeatureMatrix ramp(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
        }
        return column(x);
    }

    @Test
    void classification_stepFunction_oneSplitAtTheMidpoint() {
        // class 1 exactly when x > 6: the root splits between 6 and 7 and both leaves are pure
        int[] labels = {0, 0, 0, 0, 0, 0, 1, 1, 1, 1};
        CompactForest.Tree t = HistForest.classification(ramp(10), labels, 2, null, HistForest.Criterion.GINI, 1, 1,
                NO_LIMIT, false, false).grow(1, 2);
        assertThat(t.feature()).containsExactly(0, -1, -1);
        assertThat(t.threshold()[0]).isEqualTo(6.5);
        assertThat(t.next()[0]).isEqualTo(2);
        assertThat(t.leafValues()).containsExactly(1, 0, 0, 1);
    }

    @Test
    void regression_stepFunction_oneSplitAtTheMidpoint_leafMeans() {
        double[] y = {1, 1, 1, 1, 1, 1, 5, 5, 5, 5};
        CompactForest.Tree t = HistForest.regression(ramp(10), y, null, 1, 1, NO_LIMIT, false).grow(1, 2);
        assertThat(t.feature()).containsExactly(0, -1, -1);
        // a leaf keeps its value in threshold
        assertThat(t.threshold()).containsExactly(6.5, 1, 5);
        // weighted mean: rows 7 and 8 with weight 3 move the right leaf to (3*4 + 3*4 + 5 + 7) / 8 = 4.5
        double[] y2 = {1, 1, 1, 1, 1, 1, 4, 4, 5, 7};
        float[] w = {1, 1, 1, 1, 1, 1, 3, 3, 1, 1};
        CompactForest.Tree weighted = HistForest.regression(ramp(10), y2, w, 1, 1, 1, false).grow(1, 2);
        assertThat(weighted.threshold()).containsExactly(6.5, 1, 4.5);
    }

    @Test
    void giniAndEntropy_pickDifferentCuts() {
        // x = 1..8, classes 0 2 0 1 0 1 1 1. Gini score sum_c L_c^2/|L| + sum_c R_c^2/|R| (larger is better):
        // cut 3.5: L [2,0,1] R [1,4,0] -> 5/3 + 17/5 = 5.067; cut 5.5: L [3,1,1] R [0,3,0] -> 11/5 + 9/3 = 5.2 (best).
        // Weighted child entropy in nats (smaller is better): cut 3.5: 3 H(2/3,1/3) + 5 H(1/5,4/5) = 1.910 + 2.502
        // = 4.412 (best); cut 5.5: 5 H(3/5,1/5,1/5) + 0 = 4.751. Every other cut is worse for both.
        int[] labels = {0, 2, 0, 1, 0, 1, 1, 1};
        CompactForest.Tree gini = HistForest.classification(ramp(8), labels, 3, null, HistForest.Criterion.GINI, 1,
                1, 1, false, false).grow(1, 2);
        CompactForest.Tree entropy = HistForest.classification(ramp(8), labels, 3, null,
                HistForest.Criterion.ENTROPY, 1, 1, 1, false, false).grow(1, 2);
        assertThat(gini.threshold()[0]).isEqualTo(5.5);
        assertThat(entropy.threshold()[0]).isEqualTo(3.5);
        // max_depth 1: a stump whose leaves are the class distributions of each side
        assertThat(gini.feature()).containsExactly(0, -1, -1);
        assertThat(gini.leafValues()).containsExactly(0.6, 0.2, 0.2, 0, 1, 0);
    }

    @Test
    void weights_moveTheCut() {
        // x = 1..6, classes 0 0 0 1 0 1. Unweighted gini scores: cut 3.5: 9/3 + 5/3 = 4.667 (best); cut 5.5:
        // 17/5 + 1 = 4.4. With weight 3 on the row x = 5 (class 0): cut 3.5: 3 + 13/5 = 5.6; cut 5.5: L [6,1] R [0,1]
        // -> 37/7 + 1 = 6.286 (best).
        int[] labels = {0, 0, 0, 1, 0, 1};
        CompactForest.Tree plain = HistForest.classification(ramp(6), labels, 2, null, HistForest.Criterion.GINI, 1,
                1, 1, false, false).grow(1, 2);
        float[] w = {1, 1, 1, 1, 3, 1};
        CompactForest.Tree weighted = HistForest.classification(ramp(6), labels, 2, w, HistForest.Criterion.GINI, 1,
                1, 1, false, false).grow(1, 2);
        assertThat(plain.threshold()[0]).isEqualTo(3.5);
        assertThat(weighted.threshold()[0]).isEqualTo(5.5);
        // the left leaf is the weighted distribution 6:1
        assertThat(weighted.leafValues()[0]).isEqualTo(6.0 / 7);
        assertThat(weighted.leafValues()[1]).isEqualTo(1.0 / 7);
    }

    @Test
    void minLeafWeight_blocksLightChildren() {
        // the pure cut 6.5 would leave 4 rows on the right; a minimum leaf weight of 5 forbids it, so the best
        // allowed cut leaves exactly 5 rows on the right (5.5)
        int[] labels = {0, 0, 0, 0, 0, 0, 1, 1, 1, 1};
        CompactForest.Tree t = HistForest.classification(ramp(10), labels, 2, null, HistForest.Criterion.GINI, 1, 5,
                NO_LIMIT, false, false).grow(1, 2);
        assertThat(t.feature()).containsExactly(0, -1, -1);
        assertThat(t.threshold()[0]).isEqualTo(5.5);
    }

    @Test
    void zeroWeightRows_doNotMoveLeaves() {
        // weight-0 rows of class 1 (and target 1000) interleaved with weight-1 rows of class 0 (target 1): every
        // leaf needs weight >= 1, so every leaf is class 0 only (target 1 only)
        int n = 120;
        double[] x = new double[n * 2];
        double[] cls = new double[n];
        double[] target = new double[n];
        double[] w = new double[n];
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < n; i++) {
            x[2 * i] = r.nextDouble();
            x[2 * i + 1] = r.nextInt(5);
            boolean heavy = i % 3 != 0;
            cls[i] = heavy ? 0 : 1;
            target[i] = heavy ? 1 : 1000;
            w[i] = heavy ? 1 : 0;
        }
        FeatureMatrix fm = new FeatureMatrix(n, 2, x, List.of("a", "b"));
        Map<String, String> o = Map.of("trees", "20");
        LearnContext clf = new LearnContext(Task.classification(2), 4, 1, null, Instant::now);
        for (FittedLearner m : List.of(new RandomForestLearner(o).fit(new TrainData(fm, cls, w), clf),
                new ExtraTreesLearner(o).fit(new TrainData(fm, cls, w), clf))) {
            for (double[] row : m.predict(fm)) {
                assertThat(row).containsExactly(1, 0);
            }
        }
        LearnContext reg = new LearnContext(Task.REGRESSION, 4, 1, null, Instant::now);
        for (double[] row : new RandomForestLearner(o).fit(new TrainData(fm, target, w), reg).predict(fm)) {
            assertThat(row).containsExactly(1);
        }
    }

    @Test
    void missingValues_bestSplit_isolatedInTheirOwnBinOrSentLeft() {
        // missing exactly for class 1: the root isolates them (threshold -infinity: every present value is greater)
        double nan = Double.NaN;
        int[] labels = {1, 1, 1, 0, 0, 0, 0};
        CompactForest.Tree t = HistForest.classification(column(nan, nan, nan, 1, 2, 3, 4), labels, 2, null,
                HistForest.Criterion.GINI, 1, 1, NO_LIMIT, false, false).grow(1, 2);
        assertThat(t.feature()).containsExactly(0, -1, -1);
        assertThat(t.threshold()[0]).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(t.leafValues()).containsExactly(0, 1, 1, 0);
        // missing rows of class 0 go with the small values of class 0: one cut at 2.5, missing on its left
        int[] labels2 = {0, 0, 0, 0, 1, 1};
        FittedLearner m = new RandomForestLearner(Map.of("trees", "1", "bootstrap", "false")).fit(
                new TrainData(column(nan, nan, 1, 2, 3, 4), Arrays.stream(labels2).asDoubleStream().toArray(), null),
                new LearnContext(Task.classification(2), 1, 1, null, Instant::now));
        assertThat(m.predict(column(nan, 2.4, 2.6))).isDeepEqualTo(new double[][] {{1, 0}, {1, 0}, {0, 1}});
        assertThat(((CompactForest.Fitted) m).forest().nodeCount()).isEqualTo(3);
    }

    @Test
    void missingValues_randomSplit_constantPresentValues_missingVersusPresent() {
        double nan = Double.NaN;
        int[] labels = {1, 1, 1, 0, 0, 0};
        CompactForest.Tree t = HistForest.classification(column(nan, nan, nan, 7, 7, 7), labels, 2, null,
                HistForest.Criterion.GINI, 1, 1, NO_LIMIT, false, true).grow(1, 2);
        assertThat(t.feature()).containsExactly(0, -1, -1);
        assertThat(t.threshold()[0]).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(t.leafValues()).containsExactly(0, 1, 1, 0);
    }

    @Test
    void randomSplit_thresholdWithinTheNodeRange() {
        // extra trees: one random threshold per candidate, uniform in [min, max) of the node; a two-value feature
        // is thus always cut between its values, whatever the seed
        int[] labels = {0, 0, 0, 1, 1, 1};
        for (long seed = 1; seed <= 20; seed++) {
            CompactForest.Tree t = HistForest.classification(column(2, 2, 2, 9, 9, 9), labels, 2, null,
                    HistForest.Criterion.GINI, 1, 1, NO_LIMIT, false, true).grow(seed, 0);
            assertThat(t.feature()).containsExactly(0, -1, -1);
            assertThat(t.threshold()[0]).isGreaterThanOrEqualTo(2).isLessThan(9);
        }
    }

    @Test
    void maxDepthAndMinLeafWeight_respectedOnRealData() {
        ClassicData.Split s = ClassicData.creditG();
        FeatureMatrix x = s.train().x();
        int[] labels = LearnSupport.classLabels(s.train().y(), 2);
        for (boolean random : new boolean[] {false, true}) {
            CompactForest.Tree shallow = HistForest.classification(x, labels, 2, null, HistForest.Criterion.GINI, 3,
                    1, 3, false, random).grow(5, 6);
            assertThat(maxLeafDepth(shallow)).isEqualTo(3);
            CompactForest.Tree big = HistForest.classification(x, labels, 2, null, HistForest.Criterion.ENTROPY, 3,
                    25, NO_LIMIT, false, random).grow(5, 6);
            int[] perLeaf = rowsPerLeaf(big, x);
            assertThat(Arrays.stream(perLeaf).filter(c -> c > 0).min().orElseThrow()).isGreaterThanOrEqualTo(25);
            // and it is not one leaf: the bar binds
            assertThat(big.feature().length).isGreaterThan(15);
        }
        ClassicData.Split c = ClassicData.concrete();
        CompactForest.Tree reg = HistForest.regression(c.train().x(), c.train().y(), null, 8, 10, 4, false)
                .grow(5, 6);
        assertThat(maxLeafDepth(reg)).isLessThanOrEqualTo(4);
        assertThat(Arrays.stream(rowsPerLeaf(reg, c.train().x())).filter(v -> v > 0).min().orElseThrow())
                .isGreaterThanOrEqualTo(10);
    }

    @Test
    void fit_anyThreadCount_bitIdenticalForest() throws IOException {
        ClassicData.Split v = ClassicData.vehicle();
        ClassicData.Split c = ClassicData.concrete();
        Map<String, String> o = Map.of("trees", "24");
        for (boolean et : new boolean[] {false, true}) {
            for (ClassicData.Split s : List.of(v, c)) {
                if (et && s == c) {
                    continue; // extra-trees regression is ExtraTreesRegression's
                }
                byte[][] forests = new byte[3][];
                for (int threads = 1; threads <= 3; threads++) {
                    Learner l = et ? new ExtraTreesLearner(o) : new RandomForestLearner(o);
                    CompactForest.Fitted m = (CompactForest.Fitted) l.fit(s.train(),
                            new LearnContext(s.task(), 11, threads, null, Instant::now));
                    forests[threads - 1] = bytes(m.forest());
                }
                assertThat(forests[1]).as("et=%s", et).isEqualTo(forests[0]);
                assertThat(forests[2]).as("et=%s", et).isEqualTo(forests[0]);
            }
        }
    }

    @Test
    void load_modelsSavedByTheTribuoVersion_predictAsThen() throws IOException {
        // 4-tree iris models saved before HistForest replaced Tribuo's CART (format version 1), with their test
        // predictions: the model format did not change
        ClassicData.Split s = ClassicData.iris();
        FittedLearner rf = RandomForestLearner.load(resource("random_forest_iris.bin"));
        FittedLearner et = ExtraTreesLearner.load(resource("extra_trees_iris.bin"));
        String[] lines = new String(resource("iris_test_predictions.csv"), StandardCharsets.UTF_8).split("\n");
        double[][] prf = rf.predict(s.testX());
        double[][] pet = et.predict(s.testX());
        assertThat(lines).hasSize(s.testY().length);
        for (int i = 0; i < lines.length; i++) {
            double[] expected = Arrays.stream(lines[i].split(",")).mapToDouble(Double::parseDouble).toArray();
            assertThat(prf[i]).containsExactly(Arrays.copyOfRange(expected, 0, 3));
            assertThat(pet[i]).containsExactly(Arrays.copyOfRange(expected, 3, 6));
        }
        assertThat(rf.info()).containsEntry("trees", "4").doesNotContainKey("implementation");
    }

    @Test
    void badInputs_rejectedWithTheValue() {
        FeatureMatrix x = column(1, Double.POSITIVE_INFINITY, 3);
        double[] y = {0, 1, 0};
        LearnContext ctx = new LearnContext(Task.classification(2), 1, 1, null, Instant::now);
        for (Learner l : List.of(new RandomForestLearner(Map.of("trees", "2")),
                new ExtraTreesLearner(Map.of("trees", "2")))) {
            assertThatThrownBy(() -> l.fit(new TrainData(x, y, null), ctx))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'x'")
                    .hasMessageContaining("row 1").hasMessageContaining("Infinity");
        }
        assertThatThrownBy(() -> HistForest.classification(ramp(3), new int[] {0, 1, 0}, 2, null,
                HistForest.Criterion.SQUARED_ERROR, 1, 1, 1, false, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SQUARED_ERROR");
        assertThatThrownBy(() -> new RandomForestLearner(Map.of()).fit(new TrainData(ramp(3), new double[] {0, 2, 1},
                null), ctx)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1");
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = HistForestTest.class.getResourceAsStream("/forest/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource forest/" + name);
            }
            return in.readAllBytes();
        }
    }

    private static byte[] bytes(CompactForest f) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        f.write(new DataOutputStream(out));
        return out.toByteArray();
    }

    /** @return the depth of the deepest leaf (root = 0) */
    private static int maxLeafDepth(CompactForest.Tree t) {
        int[] depth = new int[t.feature().length];
        int max = 0;
        for (int i = 0; i < depth.length; i++) {
            if (t.feature()[i] >= 0) {
                depth[i + 1] = depth[i] + 1;
                depth[t.next()[i]] = depth[i] + 1;
            } else {
                max = Math.max(max, depth[i]);
            }
        }
        return max;
    }

    /** @return per node, the number of rows of {@code x} that end in it (0 for split nodes) */
    private static int[] rowsPerLeaf(CompactForest.Tree t, FeatureMatrix x) {
        int[] count = new int[t.feature().length];
        for (int r = 0; r < x.rows(); r++) {
            int node = 0;
            while (t.feature()[node] >= 0) {
                node = x.get(r, t.feature()[node]) > t.threshold()[node] ? t.next()[node] : node + 1;
            }
            count[node]++;
        }
        return count;
    }
}
