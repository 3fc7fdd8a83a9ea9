package io.automl4j.core.internal.learn;

import io.automl4j.api.Algorithm;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class XGBoostLearnerTest extends AbstractBoostingLearnerTest {

    @Override
    Learner learner(Map<String, String> overrides) {
        return new XGBoostLearner(overrides);
    }

    @Override
    FittedLearner load(byte[] bytes) {
        return XGBoostLearner.load(bytes);
    }

    @Override
    String kind() {
        return "xgboost";
    }

    @Override
    Algorithm algorithm() {
        return Algorithm.XGBOOST;
    }

    @Override
    String roundsParameter() {
        return "num_round";
    }

    @Override
    String learningRateParameter() {
        return "eta";
    }

    @Override
    Map<String, String> samplingOverrides() {
        return Map.of("subsample", "0.8", "colsample_bytree", "0.8");
    }

    @Test
    void hyperparameters_portfolioDefaults() {
        assertThat(new XGBoostLearner().hyperparameters())
                .containsEntry("eta", "0.1")
                .containsEntry("max_depth", "6")
                .containsEntry("tree_method", "hist")
                .containsEntry("num_round", "10000")
                .containsEntry("early_stopping_rounds", "50");
    }

    @Test
    void hyperparameters_aliasResolvesToCanonicalName() {
        Map<String, String> hp = new XGBoostLearner(Map.of("learning_rate", "0.3", "n_estimators", "40"))
                .hyperparameters();
        assertThat(hp).containsEntry("eta", "0.3").containsEntry("num_round", "40")
                .doesNotContainKeys("learning_rate", "n_estimators");
        assertThatThrownBy(() -> new XGBoostLearner(Map.of("learning_rate", "0.3", "eta", "0.2")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eta");
    }

    @Test
    void hyperparameters_choiceValidated() {
        assertThatThrownBy(() -> new XGBoostLearner(Map.of("tree_method", "gpu_hist")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tree_method").hasMessageContaining("'gpu_hist'")
                .hasMessageContaining("[approx, exact, hist]");
    }
}
