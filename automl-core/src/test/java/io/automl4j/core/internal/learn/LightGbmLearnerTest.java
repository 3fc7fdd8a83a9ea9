package io.automl4j.core.internal.learn;

import io.automl4j.api.Algorithm;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LightGbmLearnerTest extends AbstractBoostingLearnerTest {

    @Override
    Learner learner(Map<String, String> overrides) {
        return new LightGbmLearner(overrides);
    }

    @Override
    FittedLearner load(byte[] bytes) {
        return LightGbmLearner.load(bytes);
    }

    @Override
    String kind() {
        return "lightgbm";
    }

    @Override
    Algorithm algorithm() {
        return Algorithm.GBDT;
    }

    @Override
    String roundsParameter() {
        return "num_iterations";
    }

    @Override
    String learningRateParameter() {
        return "learning_rate";
    }

    @Override
    Map<String, String> samplingOverrides() {
        return Map.of("bagging_fraction", "0.8", "feature_fraction", "0.8");
    }

    /**
     * AUTOML-R20: a high-cardinality categorical arrives as integer codes ("#code") and is split as a category: a
     * target that depends on an arbitrary subset of 30 levels is learnt with one split, which a numeric threshold on
     * the same codes cannot do. The saved model keeps the categorical splits.
     */
    @Test
    void codedCategorical_isSplitNatively() {
        int n = 6000; // ~200 rows a level: above LightGBM's min_data_per_group (100)
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        boolean[] positive = new boolean[30];
        for (int l = 0; l < 30; l++) {
            positive[l] = rng.nextBoolean();
        }
        double[] codes = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            int l = rng.nextInt(30);
            codes[i] = l;
            y[i] = positive[l] ? 1 : 0;
        }
        // one split: a category subset separates the classes, a numeric threshold cannot
        Map<String, String> few = Map.of("num_iterations", "1", "num_leaves", "2", "learning_rate", "1",
                "early_stopping_rounds", "0");
        TrainData coded = new TrainData(new FeatureMatrix(n, 1, codes, java.util.List.of("city#code")), y, null);
        TrainData numeric = new TrainData(new FeatureMatrix(n, 1, codes, java.util.List.of("city")), y, null);
        FittedLearner cat = learner(few).fit(coded, ctx(Task.classification(2), 1, 1));
        FittedLearner num = learner(few).fit(numeric, ctx(Task.classification(2), 1, 1));
        assertThat(cat.info()).containsEntry("categoricalFeatures", "0");
        assertThat(num.info()).doesNotContainKey("categoricalFeatures");
        assertThat(accuracy(cat.predict(coded.x()), y)).isEqualTo(1.0);
        assertThat(accuracy(num.predict(numeric.x()), y)).isLessThan(0.95);
        FittedLearner back = load(cat.serialize());
        assertThat(back.predict(coded.x())).isDeepEqualTo(cat.predict(coded.x()));
    }

    private static double accuracy(double[][] p, double[] y) {
        int ok = 0;
        for (int i = 0; i < y.length; i++) {
            ok += (p[i][1] > 0.5) == (y[i] == 1) ? 1 : 0;
        }
        return ok / (double) y.length;
    }

    @Test
    void isAvailable_onThisPlatform() {
        assertThat(LightGbmLearner.isAvailable()).isTrue();
        assertThat(LightGbmLearner.unavailableReason()).isEmpty();
    }

    @Test
    void natives_unsupportedPlatform_namesOsAndArch() {
        assertThat(LightGbmNatives.platform("Linux", "amd64")).containsExactly("linux", ".so");
        assertThat(LightGbmNatives.platform("Mac OS X", "x86_64")).containsExactly("osx", ".dylib");
        assertThat(LightGbmNatives.platform("Windows 11", "amd64")).containsExactly("windows", ".dll");
        assertThat(LightGbmNatives.platform("Mac OS X", "aarch64")).isNull();
        assertThat(LightGbmNatives.platform("Linux", "aarch64")).isNull();
        assertThat(LightGbmNatives.platform("FreeBSD", "amd64")).isNull();
        assertThat(LightGbmNatives.unsupportedMessage("Linux", "aarch64"))
                .contains("os.name=Linux").contains("os.arch=aarch64");
    }

    @Test
    void hyperparameters_portfolioDefaults() {
        assertThat(new LightGbmLearner().hyperparameters())
                .containsEntry("learning_rate", "0.05")
                .containsEntry("num_leaves", "31")
                .containsEntry("num_iterations", "10000")
                .containsEntry("early_stopping_rounds", "50")
                .containsEntry("extra_trees", "false");
    }

    @Test
    void hyperparameters_largePreset() {
        assertThat(new LightGbmLearner(LightGbmLearner.LARGE).hyperparameters())
                .containsEntry("learning_rate", "0.03")
                .containsEntry("num_leaves", "128")
                .containsEntry("feature_fraction", "0.9")
                .containsEntry("min_data_in_leaf", "3");
    }

    @Test
    void hyperparameters_baggingFractionImpliesBaggingFreq() {
        assertThat(new LightGbmLearner(Map.of("bagging_fraction", "0.7")).hyperparameters())
                .containsEntry("bagging_fraction", "0.7").containsEntry("bagging_freq", "1");
        assertThat(new LightGbmLearner(Map.of("bagging_fraction", "0.7", "bagging_freq", "3")).hyperparameters())
                .containsEntry("bagging_freq", "3");
        assertThat(new LightGbmLearner().hyperparameters()).containsEntry("bagging_freq", "0");
    }

    @Test
    void fit_presets_trainUsefulDifferentModels() {
        CsvData.Split s = CONCRETE.split(0.2, SPLIT_SEED);
        double[][] base = new LightGbmLearner().fit(s.train(), ctx(Task.REGRESSION, 1, 1)).predict(s.test().x());
        double[][] large = new LightGbmLearner(LightGbmLearner.LARGE).fit(s.train(), ctx(Task.REGRESSION, 1, 1))
                .predict(s.test().x());
        double[][] extra = new LightGbmLearner(LightGbmLearner.EXTRA_TREES)
                .fit(s.train(), ctx(Task.REGRESSION, 1, 1)).predict(s.test().x());
        assertThat(CsvData.rmse(large, s.test().y())).isLessThanOrEqualTo(CONCRETE_RMSE_BAR);
        assertThat(CsvData.rmse(extra, s.test().y())).isLessThanOrEqualTo(CONCRETE_RMSE_BAR);
        assertThat(Arrays.deepEquals(base, large)).isFalse();
        assertThat(Arrays.deepEquals(base, extra)).isFalse();
    }
}
