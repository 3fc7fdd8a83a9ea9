package io.automl4j.core.internal.learn;

import io.automl4j.api.Algorithm;
import io.automl4j.api.ModelFormatException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The behaviour both gradient-boosting learners share, on real data with fixed seeded splits. Subclasses bind it
 * to one library.
 */
abstract class AbstractBoostingLearnerTest {

    static final CsvData IRIS = CsvData.classification("iris.csv", "species");
    static final CsvData CREDIT = CsvData.classification("credit_g.csv", "class"); // numeric columns only
    static final CsvData CREDIT_CODES = CsvData.classificationWithCodes("credit_g.csv", "class");
    static final CsvData CONCRETE = CsvData.regression("concrete.csv", "compressive_strength");

    static final long SPLIT_SEED = 20240601L;

    abstract Learner learner(Map<String, String> overrides);

    abstract FittedLearner load(byte[] bytes);

    abstract String kind();

    abstract Algorithm algorithm();

    /** @return the library's name for the maximum number of rounds */
    abstract String roundsParameter();

    /** @return the library's name for the learning rate */
    abstract String learningRateParameter();

    /** RMSE bar on the concrete test split; see {@link #fit_concrete_rmseBelowBar()} for how it was chosen. */
    static final double CONCRETE_RMSE_BAR = 6.0;

    Learner learner() {
        return learner(Map.of());
    }

    static LearnContext ctx(Task task, long seed, int threads) {
        return new LearnContext(task, seed, threads, null, Instant::now);
    }

    static void assertProbabilities(double[][] p, int rows, int k) {
        assertThat(p).hasNumberOfRows(rows);
        for (double[] row : p) {
            assertThat(row).hasSize(k);
            double sum = 0;
            for (double v : row) {
                assertThat(v).isBetween(0.0, 1.0);
                sum += v;
            }
            assertThat(sum).isCloseTo(1.0, within(1e-9));
        }
    }

    // ---- quality on real data ----

    @Test
    void fit_iris_accuracyAtLeast90Percent() {
        CsvData.Split s = IRIS.split(0.3, SPLIT_SEED);
        FittedLearner f = learner().fit(s.train(), ctx(IRIS.task, 1, 1));
        double[][] p = f.predict(s.test().x());
        assertProbabilities(p, s.test().rows(), 3);
        assertThat(CsvData.accuracy(p, s.test().y())).isGreaterThanOrEqualTo(0.9);
        assertThat(f.info()).containsEntry("metric", "mlogloss").containsEntry("timeLimited", "false")
                .containsKey("objective");
    }

    /**
     * credit_g with its seven numeric columns only. They carry little signal (the strong predictors, such as
     * checking_status and credit_history, are categorical): pooled 5-fold out-of-fold AUC measured 0.642 (XGBoost)
     * and 0.646 (LightGBM) for this seed, 0.61-0.65 over other shuffles, single 25% holdouts 0.60-0.69. A 0.70
     * bar is out of reach for numeric columns alone, so this test asserts 0.60 on the stabler 5-fold estimate and
     * the next one asserts 0.70 with the categorical columns included.
     */
    @Test
    void fit_creditNumericColumns_crossValidatedAucAtLeast60Percent() {
        assertThat(CREDIT.x.cols()).isEqualTo(7);
        double[][] oof = crossValidated(CREDIT, 5, SPLIT_SEED);
        assertProbabilities(oof, CREDIT.y.length, 2);
        assertThat(CsvData.auc(oof, CREDIT.y)).isGreaterThanOrEqualTo(0.60);
    }

    /**
     * credit_g with all 20 columns, categorical ones as sorted-label integer codes (test-side encoding): holdout
     * AUC measured 0.771 (XGBoost) and 0.744 (LightGBM) on this split, 0.74-0.81 on other splits.
     */
    @Test
    void fit_creditWithCategoricalCodes_aucAtLeast70Percent() {
        CsvData.Split s = CREDIT_CODES.split(0.25, SPLIT_SEED);
        FittedLearner f = learner().fit(s.train(), ctx(CREDIT_CODES.task, 1, 1));
        double[][] p = f.predict(s.test().x());
        assertProbabilities(p, s.test().rows(), 2);
        assertThat(CsvData.auc(p, s.test().y())).isGreaterThanOrEqualTo(0.70);
        assertThat(f.info()).containsEntry("metric", "logloss");
    }

    /** Pooled out-of-fold predictions of a seeded k-fold split. */
    double[][] crossValidated(CsvData data, int folds, long seed) {
        int n = data.y.length;
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            idx.add(i);
        }
        java.util.Collections.shuffle(idx, new java.util.Random(seed));
        double[][] oof = new double[n][];
        TrainData all = data.all();
        for (int f = 0; f < folds; f++) {
            List<Integer> tr = new ArrayList<>();
            List<Integer> te = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                (i % folds == f ? te : tr).add(idx.get(i));
            }
            int[] trainRows = tr.stream().mapToInt(Integer::intValue).sorted().toArray();
            int[] testRows = te.stream().mapToInt(Integer::intValue).sorted().toArray();
            double[][] p = learner().fit(all.select(trainRows), ctx(data.task, f, 1))
                    .predict(all.select(testRows).x());
            for (int i = 0; i < testRows.length; i++) {
                oof[testRows[i]] = p[i];
            }
        }
        return oof;
    }

    /**
     * concrete: RMSE measured 4.87 (XGBoost) and 5.34 (LightGBM) on this split, 3.8-5.3 over three other splits;
     * the target's standard deviation is 16.7 and published gradient-boosting results are RMSE 4-5.
     */
    /** AUTOML-R37 hook: the loss is reported every 10 rounds, and a monitor's stop ends training there. */
    @Test
    void fit_stepMonitor_reportsEvery10Rounds_andStops() {
        CsvData.Split s = CONCRETE.split(0.2, SPLIT_SEED);
        java.util.List<Double> seen = new java.util.ArrayList<>();
        LearnContext ctx = new LearnContext(Task.REGRESSION, 1, 1, null, Instant::now, (step, loss) -> {
            assertThat(step).isEqualTo(seen.size() + 1);
            seen.add(loss);
            return step == 3;
        });
        FittedLearner f = learner().fit(s.train(), ctx);
        assertThat(seen).hasSize(3).allMatch(v -> v > 0 && Double.isFinite(v));
        assertThat(seen.get(2)).isLessThan(seen.get(0)); // RMSE falls with rounds
        assertThat(f.info()).containsEntry("stoppedAtStep", "3").containsEntry("rounds", "30");
    }

    @Test
    void fit_concrete_rmseBelowBar() {
        CsvData.Split s = CONCRETE.split(0.2, SPLIT_SEED);
        FittedLearner f = learner().fit(s.train(), ctx(Task.REGRESSION, 1, 1));
        double[][] p = f.predict(s.test().x());
        assertThat(p).hasNumberOfRows(s.test().rows());
        assertThat(p[0]).hasSize(1);
        assertThat(CsvData.rmse(p, s.test().y())).isLessThanOrEqualTo(CONCRETE_RMSE_BAR);
        assertThat(f.info()).containsEntry("metric", "rmse");
    }

    @Test
    void fit_binary_probabilitiesAreComplementary() {
        CsvData.Split s = CREDIT.split(0.25, SPLIT_SEED);
        double[][] p = learner().fit(s.train(), ctx(CREDIT.task, 3, 1)).predict(s.test().x());
        for (double[] row : p) {
            assertThat(row[0]).isEqualTo(1 - row[1]);
        }
    }

    @Test
    void fit_missingValues_areHandled() {
        CsvData.Split s = CREDIT_CODES.split(0.25, SPLIT_SEED);
        TrainData train = withNaN(s.train(), 0.1, 7);
        TrainData test = withNaN(s.test(), 0.1, 8);
        double[][] p = learner().fit(train, ctx(CREDIT_CODES.task, 1, 1)).predict(test.x());
        assertProbabilities(p, test.rows(), 2);
        assertThat(CsvData.auc(p, test.y())).isGreaterThan(0.65);
    }

    private static TrainData withNaN(TrainData d, double share, long seed) {
        double[] data = d.x().data().clone();
        java.util.Random r = new java.util.Random(seed);
        for (int i = 0; i < data.length; i++) {
            if (r.nextDouble() < share) {
                data[i] = Double.NaN;
            }
        }
        FeatureMatrix x = new FeatureMatrix(d.rows(), d.x().cols(), data, d.x().names());
        return new TrainData(x, d.y(), d.weights());
    }

    // ---- early stopping and round control ----

    @Test
    void fit_earlyStopping_keepsBestIteration() {
        CsvData.Split s = IRIS.split(0.3, SPLIT_SEED);
        FittedLearner f = learner().fit(s.train(), ctx(IRIS.task, 1, 1));
        int rounds = Integer.parseInt(f.info().get("rounds"));
        int best = Integer.parseInt(f.info().get("bestIteration"));
        assertThat(f.info()).containsEntry("earlyStopped", "true").containsKey("bestScore");
        assertThat(rounds - best).isEqualTo(50);
        // iris: 105 training rows -> stratified 10% = 4 + 3 + 4 rows (round half up per class of 35, 35, 35)
        assertThat(f.info().get("validationRows")).isEqualTo(Integer.toString(
                InnerSplit.of(s.train().y(), IRIS.task, 1, 0.1).valid().length));
        // the rows it fitted on: the training rows less the inner early-stopping split
        assertThat(f.info().get("fitRows")).isEqualTo(Integer.toString(
                InnerSplit.of(s.train().y(), IRIS.task, 1, 0.1).train().length));
    }

    @Test
    void refitOverrides_roundsScaledByRefitRowsOverFitRows() {
        // two fold models kept 40 and 61 rounds (mean 50.5 -> 51) fitting on 400 and 400 rows; refit on 625 rows
        List<Map<String, String>> infos = List.of(Map.of("bestIteration", "40", "fitRows", "400"),
                Map.of("bestIteration", "61", "fitRows", "400"));
        assertThat(learner().refitOverrides(infos, 625))
                .containsEntry(roundsParameter(), Long.toString(Math.round(51 * 625 / 400.0)))
                .containsEntry("early_stopping_rounds", "0");
        // the same rows: the mean kept rounds; fold infos of older models without fitRows: unscaled
        assertThat(learner().refitOverrides(infos, 400)).containsEntry(roundsParameter(), "51");
        assertThat(learner().refitOverrides(List.of(Map.of("bestIteration", "51")), 625))
                .containsEntry(roundsParameter(), "51");
        assertThat(learner().refitOverrides(List.of(Map.of()), 625)).isEmpty();
    }

    @Test
    void fit_engineEarlyStoppingRows_fitOnAllTrainingRowsAndWatchThoseRows() {
        CsvData.Split s = IRIS.split(0.3, SPLIT_SEED);
        LearnContext c = new LearnContext(IRIS.task, 1, 1, null, Instant::now, s.test());
        FittedLearner f = learner().fit(s.train(), c);
        assertThat(f.info()).containsEntry("validationRows", Integer.toString(s.test().rows()))
                .containsEntry("fitRows", Integer.toString(s.train().rows()))
                .containsEntry("earlyStopped", "true");
        // the watched rows decide the kept round: a different watch set gives a different model
        FittedLearner inner = learner().fit(s.train(), ctx(IRIS.task, 1, 1));
        assertThat(f.info().get("bestScore")).isNotEqualTo(inner.info().get("bestScore"));
    }

    @Test
    void fit_earlyStoppingOff_trainsExactlyTheRoundsOnAllRows() {
        CsvData.Split s = IRIS.split(0.3, SPLIT_SEED);
        FittedLearner f = learner(Map.of(roundsParameter(), "17", "early_stopping_rounds", "0"))
                .fit(s.train(), ctx(IRIS.task, 1, 1));
        assertThat(f.info()).containsEntry("rounds", "17").containsEntry("bestIteration", "17")
                .containsEntry("validationRows", "0").containsEntry("earlyStopped", "false");
    }

    @Test
    void fit_bestIterationRefit_reproducesRoundCount() {
        CsvData.Split s = CREDIT.split(0.25, SPLIT_SEED);
        FittedLearner bagged = learner().fit(s.train(), ctx(CREDIT.task, 5, 1));
        String best = bagged.info().get("bestIteration");
        FittedLearner refit = learner(Map.of(roundsParameter(), best, "early_stopping_rounds", "0"))
                .fit(s.train(), ctx(CREDIT.task, 5, 1));
        assertThat(refit.info()).containsEntry("rounds", best).containsEntry("bestIteration", best);
    }

    // ---- deadline (AUTOML-R39) ----

    @Test
    void fit_deadlineInThePast_returnsQuicklyTimeLimited() {
        CsvData.Split s = CREDIT.split(0.25, SPLIT_SEED);
        LearnContext past = new LearnContext(CREDIT.task, 1, 2, Instant.now().minusSeconds(1), Instant::now);
        learner(Map.of(roundsParameter(), "1")).fit(s.train(), ctx(CREDIT.task, 1, 1)); // natives loaded: untimed
        long t0 = System.nanoTime();
        FittedLearner f = learner().fit(s.train(), past);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
        assertThat(f.info()).containsEntry("timeLimited", "true").containsEntry("rounds", "1");
        assertProbabilities(f.predict(s.test().x()), s.test().rows(), 2);
    }

    @Test
    void fit_deadlinePassesDuringTraining_stopsAtTheNextRound() {
        CsvData.Split s = CONCRETE.split(0.2, SPLIT_SEED);
        AtomicInteger calls = new AtomicInteger();
        Instant deadline = Instant.parse("2030-01-01T00:00:00Z");
        // The clock is read once per round from round 2 on; it passes the deadline on its 5th reading.
        Supplier<Instant> clock = () -> calls.incrementAndGet() < 5 ? deadline.minusSeconds(1) : deadline;
        FittedLearner f = learner().fit(s.train(), new LearnContext(Task.REGRESSION, 1, 1, deadline, clock));
        assertThat(f.info()).containsEntry("timeLimited", "true").containsEntry("rounds", "5")
                .containsEntry("bestIteration", "5");
    }

    // ---- determinism ----

    @Test
    void fit_sameSeed_bitIdenticalPredictions() {
        CsvData.Split s = IRIS.split(0.3, SPLIT_SEED);
        double[][] a = learner().fit(s.train(), ctx(IRIS.task, 42, 1)).predict(s.test().x());
        double[][] b = learner().fit(s.train(), ctx(IRIS.task, 42, 1)).predict(s.test().x());
        assertThat(Arrays.deepEquals(a, b)).isTrue();
    }

    /**
     * Thread counts only take effect from {@link Boosting#ROWS_PER_THREAD} rows per thread on, so this enlarges
     * the data 15-fold (seeded 1% jitter) to about 13,500 fitting rows: 1 vs 3 native threads.
     */
    @Test
    void fit_threadCount_doesNotChangePredictions() {
        Map<String, String> o = new HashMap<>(samplingOverrides());
        o.put(roundsParameter(), "60");
        for (CsvData data : List.of(CREDIT_CODES, CONCRETE)) {
            TrainData big = enlarge(data.all(), 15, 0.01, 3);
            assertThat(Boosting.nativeThreads(3, (int) (big.rows() * 0.9))).isEqualTo(3);
            FittedLearner one = learner(o).fit(big, ctx(data.task, 9, 1));
            FittedLearner three = learner(o).fit(big, ctx(data.task, 9, 3));
            assertThat(three.info()).isEqualTo(one.info());
            assertThat(Arrays.deepEquals(one.predict(data.x), three.predict(data.x))).isTrue();
        }
    }

    static TrainData enlarge(TrainData d, int times, double jitter, long seed) {
        java.util.Random r = new java.util.Random(seed);
        int n = d.rows();
        int p = d.x().cols();
        double[] x = new double[n * p * times];
        double[] y = new double[n * times];
        for (int t = 0; t < times; t++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < p; j++) {
                    x[(t * n + i) * p + j] = d.x().get(i, j) * (1 + jitter * r.nextGaussian());
                }
                y[t * n + i] = d.y()[i];
            }
        }
        return new TrainData(new FeatureMatrix(n * times, p, x, d.x().names()), y, null);
    }

    /** @return overrides that make the library draw random numbers (row / feature sampling) */
    abstract Map<String, String> samplingOverrides();

    @Test
    void fit_seed_changesSampledModels() {
        CsvData.Split s = CONCRETE.split(0.2, SPLIT_SEED);
        Learner l = learner(samplingOverrides());
        double[][] a = l.fit(s.train(), ctx(Task.REGRESSION, 1, 1)).predict(s.test().x());
        double[][] b = l.fit(s.train(), ctx(Task.REGRESSION, 2, 1)).predict(s.test().x());
        assertThat(Arrays.deepEquals(a, b)).isFalse();
    }

    // ---- persistence ----

    @Test
    void serialize_load_bitIdenticalPredictions() {
        for (CsvData data : List.of(IRIS, CREDIT, CONCRETE)) {
            CsvData.Split s = data.split(0.25, SPLIT_SEED);
            FittedLearner f = learner().fit(s.train(), ctx(data.task, 11, 1));
            byte[] bytes = f.serialize();
            FittedLearner g = load(bytes);
            assertThat(g.kind()).isEqualTo(kind()).isEqualTo(f.kind());
            assertThat(g.info()).isEqualTo(f.info());
            double[][] expected = f.predict(s.test().x());
            assertThat(Arrays.deepEquals(g.predict(s.test().x()), expected)).isTrue();
            // and once more through the reloaded model's own export
            assertThat(Arrays.deepEquals(load(g.serialize()).predict(s.test().x()), expected)).isTrue();
        }
    }

    @Test
    void load_garbage_throwsModelFormatException() {
        assertThatThrownBy(() -> load(new byte[] {1, 2, 3})).isInstanceOf(ModelFormatException.class);
        CsvData.Split s = IRIS.split(0.3, SPLIT_SEED);
        byte[] bytes = learner(Map.of(roundsParameter(), "3", "early_stopping_rounds", "0"))
                .fit(s.train(), ctx(IRIS.task, 1, 1)).serialize();
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 10);
        assertThatThrownBy(() -> load(truncated)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("truncated");
        byte[] newer = bytes.clone();
        newer[7] = 9; // format version 9
        assertThatThrownBy(() -> load(newer)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("version 9");
    }

    // ---- weights ----

    @Test
    void fit_zeroWeightsOnAClass_removeItsProbabilityMass() {
        CsvData.Split s = IRIS.split(0.3, SPLIT_SEED);
        TrainData train = s.train();
        double[] w = new double[train.rows()];
        for (int i = 0; i < w.length; i++) {
            w[i] = train.y()[i] == 2 ? 0.0 : 1.0;
        }
        TrainData weighted = new TrainData(train.x(), train.y(), w);
        double[][] plain = learner().fit(train, ctx(IRIS.task, 1, 1)).predict(s.test().x());
        double[][] zeroed = learner().fit(weighted, ctx(IRIS.task, 1, 1)).predict(s.test().x());
        assertThat(meanColumn(plain, 2)).isGreaterThan(0.25);
        assertThat(meanColumn(zeroed, 2)).isLessThan(0.1);
    }

    @Test
    void fit_weights_changeTheBinaryModel() {
        CsvData.Split s = CREDIT.split(0.25, SPLIT_SEED);
        TrainData train = s.train();
        double[] w = new double[train.rows()];
        for (int i = 0; i < w.length; i++) {
            w[i] = train.y()[i] == 0 ? 5.0 : 1.0; // up-weight class 0 ("bad")
        }
        double[][] plain = learner().fit(train, ctx(CREDIT.task, 1, 1)).predict(s.test().x());
        double[][] heavy = learner().fit(new TrainData(train.x(), train.y(), w), ctx(CREDIT.task, 1, 1))
                .predict(s.test().x());
        assertThat(meanColumn(heavy, 0)).isGreaterThan(meanColumn(plain, 0) + 0.2);
    }

    private static double meanColumn(double[][] p, int col) {
        return Arrays.stream(p).mapToDouble(r -> r[col]).average().orElseThrow();
    }

    // ---- concurrency ----

    @Test
    void predict_concurrentCalls_matchSerialPredictions() throws Exception {
        CsvData.Split s = CREDIT.split(0.25, SPLIT_SEED);
        FittedLearner f = learner().fit(s.train(), ctx(CREDIT.task, 1, 1));
        double[][] expected = f.predict(s.test().x());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[][]>> futures = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                futures.add(pool.submit(() -> f.predict(s.test().x())));
            }
            for (Future<double[][]> fu : futures) {
                assertThat(Arrays.deepEquals(fu.get(30, TimeUnit.SECONDS), expected)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- contract surface ----

    @Test
    void learner_describesItself() {
        Learner l = learner();
        assertThat(l.algorithm()).isEqualTo(algorithm());
        assertThat(l.flavor()).isEqualTo(Learner.Flavor.TREE);
        assertThat(l.supportsWeights()).isTrue();
    }

    @Test
    void hyperparameters_sortedDefaultsWithOverrides() {
        Map<String, String> hp = learner(Map.of(learningRateParameter(), "0.2")).hyperparameters();
        assertThat(new ArrayList<>(hp.keySet())).isSorted();
        assertThat(hp).containsEntry(learningRateParameter(), "0.2").containsEntry("early_stopping_rounds", "50")
                .containsEntry(roundsParameter(), "10000");
        assertThatThrownBy(() -> hp.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void hyperparameters_unknownName_listsValidNames() {
        assertThatThrownBy(() -> learner(Map.of("no_such_param", "1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no_such_param")
                .hasMessageContaining(learningRateParameter())
                .hasMessageContaining(roundsParameter())
                .hasMessageContaining("early_stopping_rounds");
    }

    @Test
    void hyperparameters_unparsableValue_namesParameterAndValue() {
        assertThatThrownBy(() -> learner(Map.of(learningRateParameter(), "fast")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(learningRateParameter()).hasMessageContaining("'fast'");
        assertThatThrownBy(() -> learner(Map.of(roundsParameter(), "12.5")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(roundsParameter()).hasMessageContaining("'12.5'");
    }

    @Test
    void hyperparameters_outOfRange_namesBounds() {
        assertThatThrownBy(() -> learner(Map.of(learningRateParameter(), "-0.1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(learningRateParameter()).hasMessageContaining("'-0.1'")
                .hasMessageContaining("(0, +inf]");
        assertThatThrownBy(() -> learner(Map.of(roundsParameter(), "0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[1, +inf]");
    }

    @Test
    void fit_invalidLabels_throwIllegalArgument() {
        FeatureMatrix x = new FeatureMatrix(2, 1, new double[] {1, 2}, List.of("a"));
        assertThatThrownBy(() -> learner().fit(new TrainData(x, new double[] {0, 3}, null),
                ctx(Task.classification(3), 1, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..2");
        assertThatThrownBy(() -> learner().fit(new TrainData(x, new double[] {0, Double.NaN}, null),
                ctx(Task.REGRESSION, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
    }

    @Test
    void predict_wrongColumnCount_throwsIllegalArgument() {
        CsvData.Split s = IRIS.split(0.3, SPLIT_SEED);
        FittedLearner f = learner(Map.of(roundsParameter(), "3", "early_stopping_rounds", "0"))
                .fit(s.train(), ctx(IRIS.task, 1, 1));
        FeatureMatrix wrong = new FeatureMatrix(1, 3, new double[3], List.of("a", "b", "c"));
        assertThatThrownBy(() -> f.predict(wrong)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 4");
        assertThat(f.predict(new FeatureMatrix(0, 4, new double[0], IRIS.x.names()))).isEmpty();
    }

    @Test
    void close_freesTheModel() throws Exception {
        CsvData.Split s = IRIS.split(0.3, SPLIT_SEED);
        FittedLearner f = learner(Map.of(roundsParameter(), "3", "early_stopping_rounds", "0"))
                .fit(s.train(), ctx(IRIS.task, 1, 1));
        assertThat(f).isInstanceOf(AutoCloseable.class);
        ((AutoCloseable) f).close();
        ((AutoCloseable) f).close(); // idempotent
        assertThatThrownBy(() -> f.predict(s.test().x())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void fit_tinyData_stillProducesAModel() {
        // One row per class: no inner split is possible, early stopping watches the training rows.
        FeatureMatrix x = new FeatureMatrix(3, 2, new double[] {1, 2, 3, 4, 5, 6}, List.of("a", "b"));
        Map<String, String> small = new HashMap<>(Map.of(roundsParameter(), "200"));
        FittedLearner f = learner(small).fit(new TrainData(x, new double[] {0, 1, 2}, null),
                ctx(Task.classification(3), 1, 1));
        assertThat(f.info()).containsEntry("validationRows", "0");
        assertProbabilities(f.predict(x), 3, 3);
    }
}
