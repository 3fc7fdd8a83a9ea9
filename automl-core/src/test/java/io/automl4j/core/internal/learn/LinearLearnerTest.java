package io.automl4j.core.internal.learn;

import io.automl4j.api.Algorithm;
import io.automl4j.api.ModelFormatException;
import org.junit.jupiter.api.Test;
import smile.classification.LogisticRegression;
import smile.regression.RidgeRegression;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.automl4j.core.internal.learn.LearnerChecks.assertProbabilities;
import static io.automl4j.core.internal.learn.LearnerChecks.assertRoundTrip;
import static io.automl4j.core.internal.learn.LearnerChecks.assertSamePredictions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * L2 logistic / ridge with C chosen by inner CV, on standardised real data, seed 42. Bars: credit_g numeric-only
 * AUC measured 0.572, bar 0.54 (the 7 numeric columns carry little linear signal; constant 0.5; scikit-learn
 * 1.2.1's LogisticRegressionCV(Cs=[0.01, 0.1, 1, 10], cv=3) on the same split 0.575); concrete RMSE measured 10.94,
 * bar 11.5 (training-mean predictor 16.8; RidgeCV(alphas=[100, 10, 1, 0.1]) 10.94).
 */
class LinearLearnerTest {

    private static FittedLearner fit(Map<String, String> overrides, ClassicData.Split s, long seed) {
        return new LinearLearner(overrides).fit(s.train(), s.ctx(seed));
    }

    @Test
    void iris_accuracyAtLeast90Percent() {
        ClassicData.Split s = ClassicData.iris().standardised();
        FittedLearner m = fit(Map.of(), s, 42);
        double[][] p = m.predict(s.testX());
        assertProbabilities(p, s.testY().length, 3);
        assertThat(ClassicData.accuracy(p, s.testY())).isGreaterThanOrEqualTo(0.9);
        assertThat(m.info()).containsKeys("C", "cvScores").containsEntry("cvMetric", "log_loss")
                .containsEntry("innerFolds", "3");
    }

    /**
     * An almost unregularised C (e.g. from an HPO range) on separable data with few iterations: L-BFGS reaches
     * max_iter; the best point so far is kept and flagged, no failure.
     */
    @Test
    void hugeC_onSeparableData_keepsBestIterateAtMaxIter() {
        ClassicData.Split s = ClassicData.iris().standardised();
        FittedLearner m = fit(Map.of("c_grid", "1e12", "max_iter", "15"), s, 42);
        assertThat(ClassicData.accuracy(m.predict(s.testX()), s.testY())).isGreaterThanOrEqualTo(0.9);
        assertThat(m.info()).containsEntry("converged", "false").containsEntry("timeLimited", "false");
    }

    @Test
    void creditG_aucAboveBar_chosenCRecorded() {
        ClassicData.Split s = ClassicData.creditG().standardised();
        FittedLearner m = fit(Map.of(), s, 42);
        double[][] p = m.predict(s.testX());
        assertProbabilities(p, s.testY().length, 2);
        assertThat(ClassicData.auc(p, s.testY())).isGreaterThan(0.54);
        assertThat(m.info().get("C")).isIn("0.01", "0.1", "1.0", "10.0");
        assertThat(m.info().get("cvScores").split(",")).hasSize(4);
    }

    @Test
    void concrete_rmseBelowBar() {
        ClassicData.Split s = ClassicData.concrete().standardised();
        FittedLearner m = fit(Map.of(), s, 42);
        double[][] p = m.predict(s.testX());
        assertThat(p[0]).hasSize(1);
        assertThat(ClassicData.rmse(p, s.testY())).isLessThan(11.5);
        assertThat(m.info()).containsEntry("cvMetric", "mse");
    }

    /**
     * The final model is the optimum of the same objective as Smile 1.5.3's LogisticRegression (the reference) on
     * all rows with the chosen C (lambda = 1/C): binary (credit-g, 2 classes) and multinomial (iris, 3), every test
     * row's probabilities within 1e-4 of Smile's (both stop at a gradient tolerance of 1e-5, from different starts).
     */
    @Test
    void fit_chosenC_isRefittedOnAllRows_matchesSmileLogisticRegression() {
        for (ClassicData.Split s : java.util.List.of(ClassicData.creditG().standardised(),
                ClassicData.iris().standardised())) {
            FittedLearner m = fit(Map.of(), s, 42);
            assertThat(m.info()).containsEntry("converged", "true");
            double c = Double.parseDouble(m.info().get("C"));
            int k = s.task().numClasses();
            LogisticRegression direct = new LogisticRegression(s.train().x().toRowArrays(),
                    LearnSupport.classLabels(s.train().y(), k), 1 / c, 1e-8, 5000);
            double[][] ours = m.predict(s.testX());
            double[] expected = new double[k];
            for (int i = 0; i < s.testY().length; i++) {
                direct.predict(s.testX().row(i), expected);
                for (int j = 0; j < k; j++) {
                    assertThat(ours[i][j]).as("row %d class %d, C=%s", i, j, c).isCloseTo(expected[j], within(1e-4));
                }
            }
        }

        ClassicData.Split r = ClassicData.concrete().standardised();
        FittedLearner ridge = fit(Map.of(), r, 42);
        RidgeRegression directRidge = new RidgeRegression(r.train().x().toRowArrays(), r.train().y(),
                1 / Double.parseDouble(ridge.info().get("C")));
        assertThat(ridge.predict(r.testX())[0][0]).isCloseTo(directRidge.predict(r.testX().row(0)), within(1e-9));
    }

    @Test
    void fit_singleC_skipsInnerCv() {
        ClassicData.Split s = ClassicData.iris().standardised();
        FittedLearner m = fit(Map.of("c_grid", "0.5"), s, 1);
        assertThat(m.info()).containsEntry("C", "0.5").doesNotContainKey("cvScores");
    }

    /** n rows of p columns, column 0 constant, y a noisy linear function of the others. */
    private static TrainData smallRegression(int n, int p) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        double[] x = new double[n * p];
        double[] y = new double[n];
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int j = 0; j < p; j++) {
            names.add("c" + j);
        }
        for (int i = 0; i < n; i++) {
            x[i * p] = 1.0;
            for (int j = 1; j < p; j++) {
                x[i * p + j] = rng.nextDouble();
                y[i] += j * x[i * p + j];
            }
            y[i] += 0.01 * rng.nextDouble();
        }
        return new TrainData(new FeatureMatrix(n, p, x, names), y, null);
    }

    @Test
    void fit_regression_innerFoldsTooSmallForRidge_skipsCv_constantColumnTolerated() {
        LearnContext ctx = new LearnContext(Task.REGRESSION, 1, 1, null, Instant::now);
        FittedLearner m = new LinearLearner(Map.of()).fit(smallRegression(8, 5), ctx);
        assertThat(m.info()).containsEntry("C", "1.0").containsKey("cvSkipped");
        assertThat(m.predict(smallRegression(8, 5).x())[0][0]).isFinite();
        FittedLearner cv = new LinearLearner(Map.of()).fit(smallRegression(40, 5), ctx);
        assertThat(cv.info()).doesNotContainKey("cvSkipped").containsKey("cvScores");
    }

    @Test
    void fit_regression_notMoreRowsThanColumns_explains() {
        LearnContext ctx = new LearnContext(Task.REGRESSION, 1, 1, null, Instant::now);
        assertThatThrownBy(() -> new LinearLearner(Map.of("c_grid", "1")).fit(smallRegression(5, 5), ctx))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5 rows and 5 columns");
    }

    @Test
    void fit_sameSeed_identicalPredictions() {
        ClassicData.Split s = ClassicData.creditG().standardised();
        assertSamePredictions(fit(Map.of(), s, 4).predict(s.testX()), fit(Map.of(), s, 4).predict(s.testX()));
        // larger data: the objective's sums run in row order on the calling thread
        ClassicData.Split big = ClassicData.synthetic(3000, 15, false, 5L);
        assertSamePredictions(fit(Map.of(), big, 4).predict(big.testX()), fit(Map.of(), big, 4).predict(big.testX()));
    }

    @Test
    void serialize_load_identicalPredictions() {
        ClassicData.Split c = ClassicData.iris().standardised();
        assertRoundTrip(fit(Map.of(), c, 1), LinearLearner::load, c.testX());
        ClassicData.Split r = ClassicData.concrete().standardised();
        assertRoundTrip(fit(Map.of(), r, 1), LinearLearner::load, r.testX());
    }

    /** A linear model file of the given version: 4 columns, classes 0 and 1 present, then {@code model}'s bytes. */
    private static byte[] binaryLogisticBytes(int version, ModelBytes.Payload model) {
        return ModelBytes.write("linear", version, out -> {
                out.writeInt(4);
                ModelBytes.writeInfo(out, Map.of());
                out.writeByte('L');
                out.writeInt(2);
                out.writeInt(2);
                out.writeInt(0);
                out.writeInt(1);
                out.writeBoolean(true);
                model.write(out);
        });
    }

    @Test
    void load_foreignClassInJavaStream_rejectedBeforeInstantiation() {
        LearnerChecks.Tripwire.deserialized = false;
        byte[] evil = binaryLogisticBytes(1, out -> ModelBytes.writeBlob(out, LearnerChecks.serializedHashMap()));
        assertThatThrownBy(() -> LinearLearner.load(evil)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("java.util.HashMap").hasMessageContaining("allowlist");
        assertThat(LearnerChecks.Tripwire.deserialized).isFalse();
    }

    @Test
    void fit_classAbsentFromTraining_stillKColumns() {
        ClassicData.Split s = ClassicData.iris().standardised();
        double[][] p = new LinearLearner(Map.of()).fit(ClassicData.without(s.train(), 1), s.ctx(1))
                .predict(s.testX());
        assertProbabilities(p, s.testY().length, 3);
        for (double[] row : p) {
            assertThat(row[1]).isZero();
        }
        // a single class left: a constant model
        TrainData onlyZero = ClassicData.without(ClassicData.without(s.train(), 1), 2);
        double[][] q = new LinearLearner(Map.of()).fit(onlyZero, s.ctx(1)).predict(s.testX());
        assertThat(q[0]).containsExactly(1.0, 0.0, 0.0);
    }

    /**
     * A deadline already passed: no C is evaluated and the final fit stops before its first step. Its start (the
     * class frequencies) is a constant model, which the ensembles must not see as a candidate: the fit fails with
     * the reason, so the candidate is recorded as failed (a constant leaves AUC unchanged, and greedy selection once
     * gave such a LINEAR 0.88 weight).
     */
    @Test
    void fit_deadlinePassed_failsInsteadOfReturningAConstant() {
        ClassicData.Split s = ClassicData.creditG().standardised();
        assertThatThrownBy(() -> new LinearLearner(Map.of()).fit(s.train(), LearnerChecks.pastDeadline(s.task(), 1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("time limit passed")
                .hasMessageContaining(s.train().x().rows() + " rows x " + s.train().x().cols() + " columns");
    }

    /** A clock that reaches the deadline at its {@code limit}-th reading; counts readings. */
    private static LearnContext deadlineAfterReadings(Task task, AtomicInteger calls, int limit) {
        Instant deadline = Instant.parse("2030-01-01T00:00:00Z");
        return new LearnContext(task, 1, 1, deadline,
                () -> calls.incrementAndGet() < limit ? deadline.minusSeconds(1) : deadline);
    }

    /**
     * The deadline is read before every inner fit and every objective evaluation. Passing it half-way through the
     * fit keeps exactly the C values fully evaluated by then (the same scores as the unlimited run: the fits are
     * deterministic), chooses among them, and stops the final fit at once, which keeps its start: the mean of the
     * chosen C's fold models, still a useful model (AUC above the bar of the full fit).
     */
    @Test
    void fit_deadlineDuringCv_keepsCompletedCValues_finalFitStopsAtOnce() {
        ClassicData.Split s = ClassicData.creditG().standardised();
        AtomicInteger unlimitedReadings = new AtomicInteger();
        FittedLearner full = new LinearLearner(Map.of()).fit(s.train(),
                deadlineAfterReadings(s.task(), unlimitedReadings, Integer.MAX_VALUE));
        String[] allScores = full.info().get("cvScores").split(",");
        assertThat(allScores).hasSize(4);

        AtomicInteger readings = new AtomicInteger();
        int limit = unlimitedReadings.get() / 2;
        FittedLearner m = new LinearLearner(Map.of()).fit(s.train(), deadlineAfterReadings(s.task(), readings, limit));
        assertThat(readings.get()).as("no reading after the stopped final fit's first").isEqualTo(limit + 1);
        assertThat(m.info()).containsEntry("timeLimited", "true").containsEntry("refitStopped", "true");
        String[] kept = m.info().get("cvScores").split(",");
        assertThat(kept.length).isBetween(1, 3);
        assertThat(kept).containsExactly(java.util.Arrays.copyOf(allScores, kept.length));
        String best = java.util.Arrays.stream(kept)
                .min(java.util.Comparator.comparingDouble(e -> Double.parseDouble(e.split(":")[1]))).orElseThrow();
        assertThat(Double.parseDouble(m.info().get("C"))).isEqualTo(Double.parseDouble(best.split(":")[0]));
        assertThat(ClassicData.auc(m.predict(s.testX()), s.testY())).isGreaterThan(0.54);
    }

    /** An interrupted thread (the engine's stop) ends the fit as a passed deadline does, on the calling thread. */
    @Test
    void fit_interrupted_stops() {
        ClassicData.Split s = ClassicData.synthetic(3000, 15, false, 5L);
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> new LinearLearner(Map.of()).fit(s.train(), s.ctx(1)))
                    .hasMessageContaining("time limit passed");
        } finally {
            assertThat(Thread.interrupted()).as("interrupt flag left set for the caller").isTrue();
        }
    }

    /** Format-1 files (Java-serialised Smile 1.5.3 models) still load, predict as the Smile model, re-save as 1. */
    @Test
    void load_format1SmileModel_predictsAsSmile() {
        ClassicData.Split s = ClassicData.iris().standardised();
        LogisticRegression smile = new LogisticRegression(s.train().x().toRowArrays(),
                LearnSupport.classLabels(s.train().y(), 3), 1.0, 1e-5, 500);
        byte[] v1 = ModelBytes.write("linear", 1, out -> {
            out.writeInt(s.train().x().cols());
            ModelBytes.writeInfo(out, Map.of("C", "1.0"));
            out.writeByte('L');
            out.writeInt(3);
            out.writeInt(3);
            for (int c = 0; c < 3; c++) {
                out.writeInt(c);
            }
            out.writeBoolean(true);
            ModelBytes.writeBlob(out, ModelBytes.javaSerialize(smile));
        });
        FittedLearner loaded = LinearLearner.load(v1);
        double[][] p = loaded.predict(s.testX());
        double[] expected = new double[3];
        for (int i = 0; i < p.length; i++) {
            smile.predict(s.testX().row(i), expected);
            for (int j = 0; j < 3; j++) {
                assertThat(p[i][j]).isCloseTo(expected[j], within(1e-15)); // up to the renormalisation
            }
        }
        assertRoundTrip(loaded, LinearLearner::load, s.testX());
        // header: magic (4 bytes), kind as modified UTF-8 (2 + 6), version
        assertThat(java.nio.ByteBuffer.wrap(loaded.serialize(), 12, 4).getInt()).isEqualTo(1);
        assertThat(java.nio.ByteBuffer.wrap(fit(Map.of(), s, 1).serialize(), 12, 4).getInt()).isEqualTo(2);
    }

    @Test
    void load_format2ParameterCountMismatch_rejected() {
        byte[] bad = binaryLogisticBytes(2, out -> ModelBytes.writeDoubles(out, new double[] {1, 2, 3}));
        assertThatThrownBy(() -> LinearLearner.load(bad)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("3 parameters for 2 classes and 4 columns");
    }

    @Test
    void constructor_unknownHyperparameter_listsValidNames() {
        assertThatThrownBy(() -> new LinearLearner(Map.of("C", "1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'C'").hasMessageContaining("[c_grid, inner_folds, max_iter, tol]");
    }

    @Test
    void constructor_badValue_namesParameterAndValue() {
        assertThatThrownBy(() -> new LinearLearner(Map.of("c_grid", "1,-2")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'c_grid'")
                .hasMessageContaining("'1,-2'");
    }

    @Test
    void hyperparameters_defaults() {
        LinearLearner l = new LinearLearner(Map.of());
        assertThat(l.algorithm()).isEqualTo(Algorithm.LINEAR);
        assertThat(l.flavor()).isEqualTo(Learner.Flavor.DENSE);
        assertThat(l.supportsWeights()).isFalse();
        assertThat(l.hyperparameters()).containsExactly(Map.entry("c_grid", "0.01,0.1,1.0,10.0"),
                Map.entry("inner_folds", "3"), Map.entry("max_iter", "500"), Map.entry("tol", "1.0E-5"));
    }
}
