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
