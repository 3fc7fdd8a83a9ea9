package io.automl4j.core.internal.learn;

import org.junit.jupiter.api.Test;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.dtree.impurity.GiniIndex;
import org.tribuo.common.tree.TreeModel;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.rtree.CARTRegressionTrainer;
import org.tribuo.regression.rtree.impurity.MeanSquaredError;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The glue around Tribuo's trees: binning, flattening, and the forest's handling of missing values. */
class TribuoForestTest {

    private static String[] names(int p) {
        String[] n = new String[p];
        for (int j = 0; j < p; j++) {
            n[j] = String.format("f%07d", j);
        }
        return n;
    }

    private static int[] identity(int p) {
        int[] a = new int[p];
        for (int j = 0; j < p; j++) {
            a[j] = j;
        }
        return a;
    }

    /** Bin indices of every cell, as the forest feeds them to Tribuo. */
    private static double[] binned(FeatureBins bins, FeatureMatrix x, int row) {
        double[] v = x.row(row);
        for (int j = 0; j < v.length; j++) {
            v[j] = bins.bin(j, v[j]);
        }
        return v;
    }

    @Test
    void flatten_classificationTree_predictsAsTribuoOnRawValues() {
        ClassicData.Split s = ClassicData.creditG();
        FeatureMatrix x = s.train().x();
        FeatureBins bins = FeatureBins.fit(x);
        String[] names = names(x.cols());
        LabelFactory f = new LabelFactory();
        MutableDataset<Label> ds = new MutableDataset<>(new SimpleDataSourceProvenance("t", f), f);
        for (int i = 0; i < x.rows(); i++) {
            ds.add(new ArrayExample<>(new Label(Integer.toString((int) s.train().y()[i])), names, binned(bins, x, i)));
        }
        TreeModel<Label> tree = new CARTClassificationTrainer(Integer.MAX_VALUE, 1f, 0f, 0.5f, false,
                new GiniIndex(), 3L).train(ds);
        CompactForest forest = CompactForest.of(List.of(CompactForest.Tree.flatten(tree, identity(x.cols()), bins,
                2, "y")), 2, x.cols());
        double[][] mine = forest.predict(s.testX());
        for (int i = 0; i < s.testX().rows(); i++) {
            Map<String, Label> scores = tree.predict(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names,
                    binned(bins, s.testX(), i))).getOutputScores();
            assertThat(mine[i][1]).as("row %d", i).isCloseTo(scores.get("1").getScore(), within(1e-12));
        }
    }

    @Test
    void flatten_regressionTree_predictsAsTribuoOnRawValues() {
        ClassicData.Split s = ClassicData.concrete();
        FeatureMatrix x = s.train().x();
        FeatureBins bins = FeatureBins.fit(x);
        String[] names = names(x.cols());
        RegressionFactory f = new RegressionFactory();
        MutableDataset<Regressor> ds = new MutableDataset<>(new SimpleDataSourceProvenance("t", f), f);
        for (int i = 0; i < x.rows(); i++) {
            ds.add(new ArrayExample<>(new Regressor("y", s.train().y()[i]), names, binned(bins, x, i)));
        }
        TreeModel<Regressor> tree = new CARTRegressionTrainer(Integer.MAX_VALUE, 1f, 0f, 1f, false,
                new MeanSquaredError(), 3L).train(ds);
        CompactForest forest = CompactForest.of(List.of(CompactForest.Tree.flatten(tree, identity(x.cols()), bins,
                0, "y")), 0, x.cols());
        double[][] mine = forest.predict(s.testX());
        for (int i = 0; i < s.testX().rows(); i++) {
            double tribuo = tree.predict(new ArrayExample<>(RegressionFactory.UNKNOWN_REGRESSOR, names,
                    binned(bins, s.testX(), i))).getOutput().getValues()[0];
            assertThat(mine[i][0]).as("row %d", i).isEqualTo(tribuo);
        }
    }

    @Test
    void bins_fewDistinctValues_oneBinEachAndMidpointThresholds() {
        FeatureMatrix x = new FeatureMatrix(5, 1, new double[] {3, 1, Double.NaN, 2, 3}, List.of("a"));
        FeatureBins bins = FeatureBins.fit(x);
        assertThat(bins.valueBins(0)).isEqualTo(3);
        assertThat(bins.bin(0, Double.NaN)).isZero();
        assertThat(bins.bin(0, 1)).isEqualTo(1);
        assertThat(bins.bin(0, 2)).isEqualTo(2);
        assertThat(bins.bin(0, 3)).isEqualTo(3);
        assertThat(bins.bin(0, -100)).isEqualTo(1);
        assertThat(bins.bin(0, 100)).isEqualTo(3);
        // a tree threshold of 1.5 (between bins 1 and 2) is CART's raw midpoint 1.5
        assertThat(bins.rawThreshold(0, 1.5)).isEqualTo(1.5);
        assertThat(bins.rawThreshold(0, 2.5)).isEqualTo(2.5);
        // bin 0 (missing) against the rest: every observed value is greater
        assertThat(bins.rawThreshold(0, 0.5)).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void bins_manyDistinctValues_quantilesAndSameSideEverywhere() {
        int n = 10_000;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = Math.sin(i) * 1000;
        }
        FeatureMatrix x = new FeatureMatrix(n, 1, v, List.of("a"));
        FeatureBins bins = FeatureBins.fit(x);
        assertThat(bins.valueBins(0)).isBetween(200, FeatureBins.MAX_BINS);
        // for every bin threshold t, "bin > t" and "value > rawThreshold(t)" agree on every value
        for (double t = 0.5; t < bins.valueBins(0); t += 7) {
            double raw = bins.rawThreshold(0, t);
            for (double value : v) {
                assertThat(value > raw).isEqualTo(bins.bin(0, value) > t);
            }
        }
    }

    @Test
    void fit_missingOnlyInOneClass_isolatedBySplit() {
        // the feature is missing exactly for class 1: a tree should learn "missing -> class 1"
        int n = 200;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            x[i] = y[i] == 1 ? Double.NaN : i;
        }
        TrainData train = new TrainData(new FeatureMatrix(n, 1, x, List.of("a")), y, null);
        FittedLearner m = new RandomForestLearner(Map.of("trees", "10")).fit(train,
                new LearnContext(Task.classification(2), 1, 1, null, java.time.Instant::now));
        double[][] p = m.predict(new FeatureMatrix(2, 1, new double[] {Double.NaN, 50}, List.of("a")));
        assertThat(p[0][1]).isGreaterThan(0.9);
        assertThat(p[1][0]).isGreaterThan(0.9);
    }

    @Test
    void load_cyclicForest_rejectedAtLoad() {
        // one split node whose "greater" child points back at itself: would loop forever at predict
        byte[] bytes = ModelBytes.write("random_forest", 1, out -> {
            ModelBytes.writeInfo(out, Map.of());
            out.writeInt(0);
            out.writeInt(1);
            for (int[] ints : new int[][] {{0}, {0, -1}}) {
                out.writeInt(ints.length);
                for (int v : ints) {
                    out.writeInt(v);
                }
            }
            ModelBytes.writeDoubles(out, new double[] {0.5, 1.0});
            out.writeInt(2);
            out.writeInt(0);
            out.writeInt(0);
            ModelBytes.writeDoubles(out, new double[0]);
        });
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RandomForestLearner.load(bytes))
                .isInstanceOf(io.automl4j.api.ModelFormatException.class).hasMessageContaining("bad split node 0");
    }

    @Test
    void mtry_rules() {
        TribuoForest.Config base = new TribuoForest.Config(1, "gini", "squared_error", "sqrt", 1, 1, true, false);
        assertThat(TribuoForest.mtry(base, 16)).isEqualTo(4);
        assertThat(TribuoForest.mtry(withMaxFeatures(base, "third"), 8)).isEqualTo(2);
        assertThat(TribuoForest.mtry(withMaxFeatures(base, "0.5"), 7)).isEqualTo(3);
        assertThat(TribuoForest.mtry(withMaxFeatures(base, "0.1"), 3)).isEqualTo(1);
        assertThat(TribuoForest.mtry(withMaxFeatures(base, "all"), 5)).isEqualTo(5);
        // regression default: every feature on narrow data, p/3 (at least 32) on wide data
        assertThat(TribuoForest.mtry(withMaxFeatures(base, "regression_auto"), 5)).isEqualTo(5);
        assertThat(TribuoForest.mtry(withMaxFeatures(base, "regression_auto"), 32)).isEqualTo(32);
        assertThat(TribuoForest.mtry(withMaxFeatures(base, "regression_auto"), 60)).isEqualTo(32);
        assertThat(TribuoForest.mtry(withMaxFeatures(base, "regression_auto"), 300)).isEqualTo(100);
    }

    private static TribuoForest.Config withMaxFeatures(TribuoForest.Config c, String mf) {
        return new TribuoForest.Config(c.trees(), c.classificationCriterion(), c.regressionCriterion(), mf,
                c.minSamplesLeaf(), c.maxDepth(), c.bootstrap(), c.randomSplits());
    }
}
