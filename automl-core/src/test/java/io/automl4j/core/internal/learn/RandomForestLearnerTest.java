package io.automl4j.core.internal.learn;

import io.automl4j.api.Algorithm;
import io.automl4j.api.ModelFormatException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

import static io.automl4j.core.internal.learn.LearnerChecks.assertProbabilities;
import static io.automl4j.core.internal.learn.LearnerChecks.assertRoundTrip;
import static io.automl4j.core.internal.learn.LearnerChecks.assertSamePredictions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Random forest on real data, fixed splits of {@link ClassicData}, seed 42. Bars, from measurements (automl4j's
 * {@link HistForest}; in brackets Tribuo's CART it replaced, measured on the same split and seed):
 * credit_g (7 numeric columns) AUC 0.656 [0.658; mean over seeds 1-6 0.659 against 0.655], bar 0.62 (a constant
 * predictor gives 0.5, the linear model 0.57; scikit-learn 1.2.1's RandomForestClassifier(300) on the same split
 * 0.648); vehicle accuracy 0.726 [0.726; seeds 1-6 0.731 both], bar 0.68; concrete RMSE 5.19 [5.23], bar 6.0
 * (training-mean predictor 16.8, ridge 10.9; RandomForestRegressor(300, max_features=1/3) 5.53); airfoil RMSE
 * 1.86 [1.88], bar 2.2 (the target's standard deviation is 6.9). Entry 9 with 300 trees measured AUC 0.629 [0.633;
 * seeds 1-6 0.638 both] (scikit-learn 0.633) and RMSE 5.15 [Tribuo 5.89; scikit-learn 5.23]; the test uses 60
 * trees (measured 4.97) and the bar 5.6 to stay fast.
 */
class RandomForestLearnerTest {

    private static FittedLearner fit(Map<String, String> overrides, ClassicData.Split s, long seed) {
        return new RandomForestLearner(overrides).fit(s.train(), s.ctx(seed));
    }

    @Test
    void iris_accuracyAtLeast90Percent() {
        ClassicData.Split s = ClassicData.iris();
        double[][] p = fit(Map.of(), s, 42).predict(s.testX());
        assertProbabilities(p, s.testY().length, 3);
        assertThat(ClassicData.accuracy(p, s.testY())).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void creditG_aucAboveBar() {
        ClassicData.Split s = ClassicData.creditG();
        FittedLearner m = fit(Map.of(), s, 42);
        double[][] p = m.predict(s.testX());
        assertProbabilities(p, s.testY().length, 2);
        assertThat(ClassicData.auc(p, s.testY())).isGreaterThan(0.62);
        assertThat(m.info()).containsEntry("trees", "300").containsEntry("timeLimited", "false")
                .containsEntry("featuresPerSplit", "2").containsEntry("maxBins", "255")
                .containsEntry("implementation",
                        "automl4j histogram CART (best split over the bins of each candidate feature)");
    }

    @Test
    void concrete_rmseBelowBar() {
        ClassicData.Split s = ClassicData.concrete();
        FittedLearner m = fit(Map.of(), s, 42);
        double[][] p = m.predict(s.testX());
        assertThat(p[0]).hasSize(1);
        // bar 6.5 with Tribuo (measured 5.23 then); 6.0 now (measured 5.19)
        assertThat(ClassicData.rmse(p, s.testY())).isLessThan(6.0);
        // regression uses all 8 features per split by default
        assertThat(m.info()).containsEntry("featuresPerSplit", "8").containsEntry("implementation",
                "automl4j histogram CART (best split over the bins of each candidate feature)");
    }

    @Test
    void airfoil_rmseBelowBar() {
        ClassicData.Split s = ClassicData.airfoil();
        FittedLearner m = fit(Map.of("trees", "100"), s, 42);
        // 300 trees: 1.86 (Tribuo 1.88); 100 trees measured 1.88
        assertThat(ClassicData.rmse(m.predict(s.testX()), s.testY())).isLessThan(2.2);
    }

    @Test
    void vehicle_accuracyAboveBar() {
        ClassicData.Split s = ClassicData.vehicle();
        double[][] p = fit(Map.of(), s, 42).predict(s.testX());
        assertProbabilities(p, s.testY().length, 4);
        assertThat(ClassicData.accuracy(p, s.testY())).isGreaterThan(0.68);
    }

    @Test
    void portfolioEntry9_entropyAbsoluteErrorHalfTheFeatures() {
        Map<String, String> entry9 = Map.of("classification_criterion", "entropy",
                "regression_criterion", "absolute_error", "max_features", "0.5", "trees", "60");
        ClassicData.Split iris = ClassicData.iris();
        FittedLearner clf = fit(entry9, iris, 42);
        assertThat(ClassicData.accuracy(clf.predict(iris.testX()), iris.testY())).isGreaterThanOrEqualTo(0.9);
        assertThat(clf.info()).containsEntry("featuresPerSplit", "2");
        ClassicData.Split concrete = ClassicData.concrete();
        FittedLearner reg = fit(entry9, concrete, 42);
        assertThat(reg.info()).containsEntry("featuresPerSplit", "4")
                .containsEntry("implementation",
                        "automl4j histogram CART (best split over the bins of each candidate feature)");
        assertThat(ClassicData.rmse(reg.predict(concrete.testX()), concrete.testY())).isLessThan(5.6);
    }

    @Test
    void fit_sameSeed_identicalPredictions_differentSeed_different() {
        ClassicData.Split s = ClassicData.creditG();
        Map<String, String> o = Map.of("trees", "40");
        double[][] a = fit(o, s, 7).predict(s.testX());
        assertSamePredictions(a, fit(o, s, 7).predict(s.testX()));
        assertThat(Arrays.deepEquals(a, fit(o, s, 8).predict(s.testX()))).isFalse();
    }

    @Test
    void fit_twoThreads_sameForestAsOneThread() {
        ClassicData.Split s = ClassicData.creditG();
        Map<String, String> o = Map.of("trees", "40");
        double[][] one = fit(o, s, 7).predict(s.testX());
        LearnContext two = new LearnContext(s.task(), 7, 2, null, Instant::now);
        assertSamePredictions(one, new RandomForestLearner(o).fit(s.train(), two).predict(s.testX()));
    }

    @Test
    void serialize_load_identicalPredictions() {
        ClassicData.Split c = ClassicData.creditG();
        FittedLearner m = fit(Map.of("trees", "40"), c, 3);
        FittedLearner loaded = assertRoundTrip(m, RandomForestLearner::load, c.testX());
        assertThat(loaded.kind()).isEqualTo("random_forest");
        ClassicData.Split r = ClassicData.concrete();
        assertRoundTrip(fit(Map.of("trees", "20"), r, 3), RandomForestLearner::load, r.testX());
    }

    @Test
    void load_otherKindOrGarbage_modelFormatException() {
        ClassicData.Split s = ClassicData.iris();
        byte[] et = new ExtraTreesLearner(Map.of("trees", "5")).fit(s.train(), s.ctx(1)).serialize();
        assertThatThrownBy(() -> RandomForestLearner.load(et)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("'random_forest'").hasMessageContaining("'extra_trees'");
        assertThatThrownBy(() -> RandomForestLearner.load(new byte[] {1, 2, 3, 4, 5}))
                .isInstanceOf(ModelFormatException.class);
        byte[] good = fit(Map.of("trees", "5"), s, 1).serialize();
        byte[] truncated = Arrays.copyOf(good, good.length - 9);
        assertThatThrownBy(() -> RandomForestLearner.load(truncated)).isInstanceOf(ModelFormatException.class);
    }

    @Test
    void fit_classAbsentFromTraining_stillKColumns() {
        ClassicData.Split s = ClassicData.iris();
        TrainData without2 = ClassicData.without(s.train(), 2);
        double[][] p = new RandomForestLearner(Map.of("trees", "30")).fit(without2, s.ctx(1)).predict(s.testX());
        assertProbabilities(p, s.testY().length, 3);
        for (double[] row : p) {
            assertThat(row[2]).isZero();
        }
    }

    @Test
    void fit_missingValues_usedAndPredicted() {
        ClassicData.Split s = ClassicData.creditG();
        // blank out 30% of "duration" (column 0) in training and test
        double[] tr = s.train().x().data().clone();
        double[] te = s.testX().data().clone();
        int p = s.train().x().cols();
        for (int i = 0; i < s.train().rows(); i += 3) {
            tr[i * p] = Double.NaN;
        }
        for (int i = 0; i < s.testX().rows(); i += 3) {
            te[i * p] = Double.NaN;
        }
        FeatureMatrix trX = new FeatureMatrix(s.train().rows(), p, tr, s.train().x().names());
        FeatureMatrix teX = new FeatureMatrix(s.testX().rows(), p, te, s.testX().names());
        FittedLearner m = new RandomForestLearner(Map.of()).fit(new TrainData(trX, s.train().y(), null), s.ctx(42));
        double[][] proba = m.predict(teX);
        assertProbabilities(proba, teX.rows(), 2);
        assertThat(ClassicData.auc(proba, s.testY())).isGreaterThan(0.6);
        assertRoundTrip(m, RandomForestLearner::load, teX);
    }

    @Test
    void fit_weights_honoured() {
        ClassicData.Split s = ClassicData.creditG();
        // leaves of at least 10 (weighted) rows hold both classes, so weights move the probabilities
        Map<String, String> o = Map.of("trees", "30", "min_samples_leaf", "10");
        double[] twos = new double[s.train().rows()];
        Arrays.fill(twos, 2.0);
        double[] uneven = new double[s.train().rows()];
        for (int i = 0; i < uneven.length; i++) {
            // weight the "bad" class (0) ten times
            uneven[i] = s.train().y()[i] == 0 ? 10.0 : 1.0;
        }
        RandomForestLearner learner = new RandomForestLearner(o);
        assertThat(learner.supportsWeights()).isTrue();
        double[][] plain = learner.fit(s.train(), s.ctx(5)).predict(s.testX());
        double[][] scaled = learner.fit(new TrainData(s.train().x(), s.train().y(), twos), s.ctx(5))
                .predict(s.testX());
        double[][] skewed = learner.fit(new TrainData(s.train().x(), s.train().y(), uneven), s.ctx(5))
                .predict(s.testX());
        // weights are scaled to mean 1: a constant weight changes nothing
        assertSamePredictions(plain, scaled);
        assertThat(mean(skewed, 0)).isGreaterThan(mean(plain, 0) + 0.05);
    }

    private static double mean(double[][] p, int col) {
        return Arrays.stream(p).mapToDouble(r -> r[col]).average().orElseThrow();
    }

    @Test
    void fit_deadlinePassed_returnsOneTreeTimeLimited() {
        ClassicData.Split s = ClassicData.creditG();
        long t0 = System.nanoTime();
        FittedLearner m = new RandomForestLearner(Map.of()).fit(s.train(), LearnerChecks.pastDeadline(s.task(), 1));
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(2.0);
        assertThat(m.info()).containsEntry("timeLimited", "true").containsEntry("trees", "1");
        assertProbabilities(m.predict(s.testX()), s.testY().length, 2);
    }

    @Test
    void constructor_unknownHyperparameter_listsValidNames() {
        assertThatThrownBy(() -> new RandomForestLearner(Map.of("n_estimators", "10")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("n_estimators")
                .hasMessageContaining("[bootstrap, classification_criterion, max_depth, max_features, "
                        + "min_samples_leaf, regression_criterion, trees]");
    }

    @Test
    void constructor_badValue_namesParameterAndValue() {
        assertThatThrownBy(() -> new RandomForestLearner(Map.of("trees", "0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'trees'")
                .hasMessageContaining("'0'");
        assertThatThrownBy(() -> new RandomForestLearner(Map.of("classification_criterion", "log_loss")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'classification_criterion'")
                .hasMessageContaining("'log_loss'").hasMessageContaining("[gini, entropy]");
        assertThatThrownBy(() -> new RandomForestLearner(Map.of("max_features", "1.5")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'max_features'");
    }

    @Test
    void hyperparameters_fullResolvedSortedMap() {
        RandomForestLearner l = new RandomForestLearner(Map.of("max_features", "0.50", "trees", "120"));
        assertThat(l.algorithm()).isEqualTo(Algorithm.RANDOM_FOREST);
        assertThat(l.flavor()).isEqualTo(Learner.Flavor.TREE);
        assertThat(l.hyperparameters()).containsExactly(
                Map.entry("bootstrap", "true"),
                Map.entry("classification_criterion", "gini"),
                Map.entry("max_depth", "0"),
                Map.entry("max_features", "0.5"),
                Map.entry("min_samples_leaf", "1"),
                Map.entry("regression_criterion", "squared_error"),
                Map.entry("trees", "120"));
    }
}
