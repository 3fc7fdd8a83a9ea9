package io.automl4j.core.internal.learn;

import io.automl4j.api.Algorithm;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.automl4j.core.internal.learn.LearnerChecks.assertProbabilities;
import static io.automl4j.core.internal.learn.LearnerChecks.assertRoundTrip;
import static io.automl4j.core.internal.learn.LearnerChecks.assertSamePredictions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * kNN (k = 10, 1/d weights, Smile KD-tree) on standardised real data. Bars: credit_g numeric-only AUC measured
 * 0.651, bar 0.6 (constant 0.5, linear 0.57); concrete RMSE measured 8.76, bar 10 (training-mean predictor 16.8,
 * ridge 10.9). scikit-learn 1.2.1's KNeighbors*(10, weights="distance") gives the same 0.651 and 8.76.
 */
class KnnLearnerTest {

    private static FittedLearner fit(Map<String, String> overrides, ClassicData.Split s) {
        return new KnnLearner(overrides).fit(s.train(), s.ctx(42));
    }

    @Test
    void iris_accuracyAtLeast90Percent() {
        ClassicData.Split s = ClassicData.iris().standardised();
        double[][] p = fit(Map.of(), s).predict(s.testX());
        assertProbabilities(p, s.testY().length, 3);
        assertThat(ClassicData.accuracy(p, s.testY())).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void creditG_aucAboveBar() {
        ClassicData.Split s = ClassicData.creditG().standardised();
        double[][] p = fit(Map.of(), s).predict(s.testX());
        assertProbabilities(p, s.testY().length, 2);
        assertThat(ClassicData.auc(p, s.testY())).isGreaterThan(0.6);
    }

    @Test
    void concrete_rmseBelowBar() {
        ClassicData.Split s = ClassicData.concrete().standardised();
        double[][] p = fit(Map.of(), s).predict(s.testX());
        assertThat(ClassicData.rmse(p, s.testY())).isLessThan(10.0);
    }

    /** Four training points on a line; queries chosen so the weights can be checked by hand. */
    private static TrainData line(double... y) {
        return new TrainData(new FeatureMatrix(4, 1, new double[] {0, 1, 2, 4}, List.of("x")), y, null);
    }

    private static FeatureMatrix queries(double... q) {
        return new FeatureMatrix(q.length, 1, q, List.of("x"));
    }

    @Test
    void predict_regression_inverseDistanceWeightedMean() {
        FittedLearner m = new KnnLearner(Map.of("k", "2")).fit(line(10, 20, 30, 50),
                new LearnContext(Task.REGRESSION, 1, 1, null, java.time.Instant::now));
        // neighbours of 1.25: x=1 (d 0.25, w 4) and x=2 (d 0.75, w 4/3): (80 + 40) / (16/3) = 22.5
        assertThat(m.predict(queries(1.25))[0][0]).isCloseTo(22.5, within(1e-12));
        // an exact match takes all the weight
        assertThat(m.predict(queries(2.0))[0][0]).isEqualTo(30.0);
    }

    @Test
    void predict_classification_normalisedWeights_absentClassZero() {
        FittedLearner m = new KnnLearner(Map.of("k", "3")).fit(line(0, 1, 1, 0),
                new LearnContext(Task.classification(3), 1, 1, null, java.time.Instant::now));
        // neighbours of 0.5: x=0 (class 0, w 2), x=1 (class 1, w 2), x=2 (class 1, w 2/3)
        double[] p = m.predict(queries(0.5))[0];
        assertThat(p[0]).isCloseTo(2 / (14 / 3.0), within(1e-12));
        assertThat(p[1]).isCloseTo((8 / 3.0) / (14 / 3.0), within(1e-12));
        assertThat(p[2]).isZero();
        assertThat(m.predict(queries(4.0))[0]).containsExactly(1.0, 0.0, 0.0);
    }

    @Test
    void predict_uniformWeights_plainMean() {
        FittedLearner m = new KnnLearner(Map.of("k", "2", "weights", "uniform")).fit(line(10, 20, 30, 50),
                new LearnContext(Task.REGRESSION, 1, 1, null, java.time.Instant::now));
        assertThat(m.predict(queries(1.25))[0][0]).isCloseTo(25.0, within(1e-12));
    }

    /** The matrix with {@code extra} all-zero columns appended: distances, hence neighbours, are unchanged. */
    private static FeatureMatrix padded(FeatureMatrix x, int extra) {
        int p = x.cols() + extra;
        double[] d = new double[x.rows() * p];
        java.util.List<String> names = new java.util.ArrayList<>(x.names());
        for (int j = 0; j < extra; j++) {
            names.add("zero" + j);
        }
        for (int i = 0; i < x.rows(); i++) {
            System.arraycopy(x.data(), i * x.cols(), d, i * p, x.cols());
        }
        return new FeatureMatrix(x.rows(), p, d, names);
    }

    @Test
    void predict_kdTreeAndLinearScan_agree() {
        // continuous synthetic features: no equally distant neighbours, so both searches find the same ones
        ClassicData.Split s = ClassicData.synthetic(3000, 5, true, 9L);
        FittedLearner kd = fit(Map.of(), s);
        TrainData wide = new TrainData(padded(s.train().x(), 8), s.train().y(), null);
        FittedLearner scan = new KnnLearner(Map.of()).fit(wide, s.ctx(42));
        assertThat(kd.info()).containsEntry("search", "kd_tree");
        assertThat(scan.info()).containsEntry("search", "linear_scan");
        double[][] a = kd.predict(s.testX());
        double[][] b = scan.predict(padded(s.testX(), 8));
        for (int i = 0; i < a.length; i++) {
            assertThat(b[i][0]).isCloseTo(a[i][0], within(1e-9));
        }
        assertRoundTrip(scan, KnnLearner::load, padded(s.testX(), 8));
    }

    @Test
    void fit_kLargerThanRows_usesAllRows() {
        FittedLearner m = new KnnLearner(Map.of()).fit(line(10, 20, 30, 50),
                new LearnContext(Task.REGRESSION, 1, 1, null, java.time.Instant::now));
        assertThat(m.predict(queries(3.0))[0][0]).isFinite();
    }

    @Test
    void fit_moreRowsThanCap_seededSubsample() {
        ClassicData.Split s = ClassicData.creditG().standardised();
        Map<String, String> o = Map.of("max_train_rows", "300");
        FittedLearner a = new KnnLearner(o).fit(s.train(), s.ctx(5));
        assertThat(a.info()).containsEntry("trainRows", "300").containsEntry("subsampled", "true");
        assertSamePredictions(a.predict(s.testX()), new KnnLearner(o).fit(s.train(), s.ctx(5)).predict(s.testX()));
        assertThat(KnnLearner.subsample(1000, 300, 5)).hasSize(300).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void serialize_load_identicalPredictions() {
        ClassicData.Split c = ClassicData.iris().standardised();
        assertRoundTrip(fit(Map.of(), c), KnnLearner::load, c.testX());
        ClassicData.Split r = ClassicData.concrete().standardised();
        assertRoundTrip(fit(Map.of(), r), KnnLearner::load, r.testX());
    }

    @Test
    void fit_classAbsentFromTraining_stillKColumns() {
        ClassicData.Split s = ClassicData.iris().standardised();
        double[][] p = new KnnLearner(Map.of()).fit(ClassicData.without(s.train(), 0), s.ctx(1)).predict(s.testX());
        assertProbabilities(p, s.testY().length, 3);
        for (double[] row : p) {
            assertThat(row[0]).isZero();
        }
    }

    @Test
    void fit_nanFeature_rejected() {
        TrainData bad = new TrainData(new FeatureMatrix(2, 1, new double[] {0, Double.NaN}, List.of("x")),
                new double[] {1, 2}, null);
        assertThatThrownBy(() -> new KnnLearner(Map.of()).fit(bad,
                new LearnContext(Task.REGRESSION, 1, 1, null, java.time.Instant::now)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'x'");
    }

    @Test
    void constructor_unknownHyperparameter_listsValidNames() {
        assertThatThrownBy(() -> new KnnLearner(Map.of("n_neighbors", "5")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'n_neighbors'").hasMessageContaining("[k, max_train_rows, weights]");
    }

    @Test
    void constructor_badValue_namesParameterAndValue() {
        assertThatThrownBy(() -> new KnnLearner(Map.of("k", "ten")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'k'")
                .hasMessageContaining("'ten'").hasMessageContaining("integer");
    }

    @Test
    void hyperparameters_defaults_noWeights() {
        KnnLearner l = new KnnLearner(Map.of());
        assertThat(l.algorithm()).isEqualTo(Algorithm.KNN);
        assertThat(l.supportsWeights()).isFalse();
        assertThat(l.hyperparameters()).containsExactly(Map.entry("k", "10"), Map.entry("max_train_rows", "20000"),
                Map.entry("weights", "distance"));
    }
}
