package io.automl4j.core.internal.learn;

import com.microsoft.ml.lightgbm.SWIGTYPE_p_double;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_float;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_int;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_long_long;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_void;
import com.microsoft.ml.lightgbm.lightgbmlib;
import com.microsoft.ml.lightgbm.lightgbmlibConstants;
import io.automl4j.api.Algorithm;
import io.automl4j.api.ModelFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import static io.automl4j.core.internal.learn.LightGbmArena.check;
import static io.automl4j.core.internal.learn.LightGbmArena.create;
import static io.automl4j.core.internal.learn.LightGbmArena.saveModel;

/**
 * LightGBM leaf-wise histogram gradient boosting through the SWIG bindings of {@code lightgbmlib} (AUTOML-R24
 * {@code GBDT}; portfolio entry 1: learning_rate 0.05, 31 leaves, up to 10,000 rounds, early stopping after 50
 * rounds without improvement on an {@link InnerSplit inner 10% split} (or the rows the engine passes in {@link LearnContext#earlyStoppingData()}: a bagged fold's
 * out-of-fold rows); the model keeps the best round). The
 * portfolio variants are overrides: {@link #LARGE} (entry 5) and {@link #EXTRA_TREES} (entry 10).
 *
 * <p>Hyperparameters use LightGBM's names ({@code learning_rate}, {@code num_leaves}, ...; see
 * {@link #validNames()}, a few common aliases are accepted), plus {@code num_iterations} (maximum rounds) and
 * {@code early_stopping_rounds} (0 = off: no inner split, all rows train for exactly {@code num_iterations}
 * rounds). Setting {@code bagging_fraction} below 1 without {@code bagging_freq} resolves {@code bagging_freq} to
 * 1, since LightGBM ignores the fraction otherwise.
 *
 * <p>Training stops adding rounds once {@link LearnContext#shouldStop()} (AUTOML-R39), keeping at least one round;
 * {@code info()} has the same keys as {@link XGBoostLearner}'s ({@code rounds}, {@code bestIteration},
 * {@code timeLimited}, ...).
 *
 * <p>Reproducibility: every LightGBM seed is derived from the learner seed; {@code deterministic=true} turns off
 * LightGBM's thread-order-dependent reductions and {@code force_col_wise=true} builds each feature's histogram in
 * one thread, so models do not depend on the thread count (native threads are
 * {@link Boosting#nativeThreads capped by data size}). The early-stopping loss is computed here in row order.
 * LightGBM logging is off ({@code verbosity=-1}, set for each calling thread since LightGBM's log level is
 * thread-local); only fatal native errors still reach stderr, and they also surface as exceptions.
 *
 * <p>Native memory (datasets, boosters, SWIG arrays) is freed in {@code finally} blocks; a fitted model's booster
 * is freed by {@link Fitted#close()} or, failing that, by a {@link Cleaner} once the model is unreachable.
 */
final class LightGbmLearner extends BaseLearner {

    /** {@link FittedLearner#kind()} of this learner's models. */
    static final String KIND = "lightgbm";

    /** Portfolio entry 5, GBDT_LARGE: lr 0.03, 128 leaves, feature fraction 0.9, at least 3 rows per leaf. */
    static final Map<String, String> LARGE = Map.of("learning_rate", "0.03", "num_leaves", "128",
            "feature_fraction", "0.9", "min_data_in_leaf", "3");

    /** Portfolio entry 10: GBDT with extremely randomised split thresholds, lr 0.05. */
    static final Map<String, String> EXTRA_TREES = Map.of("extra_trees", "true", "learning_rate", "0.05");

    private static final Logger LOG = LoggerFactory.getLogger(LightGbmLearner.class);
    private static final String MAGIC = "A4JL";

    static final Hyperparameters PARAMETERS = new Hyperparameters("GBDT", List.of(
            Hyperparameters.Spec.positive("learning_rate", 0.05),
            Hyperparameters.Spec.intAtLeast("num_leaves", 31, 2),
            Hyperparameters.Spec.intAtLeast("max_depth", -1, -1),
            Hyperparameters.Spec.intAtLeast("min_data_in_leaf", 20, 0),
            Hyperparameters.Spec.doubleAtLeast("min_sum_hessian_in_leaf", 1e-3, 0),
            Hyperparameters.Spec.fraction("feature_fraction", 1.0),
            Hyperparameters.Spec.fraction("bagging_fraction", 1.0),
            Hyperparameters.Spec.intAtLeast("bagging_freq", 0, 0),
            Hyperparameters.Spec.doubleAtLeast("lambda_l1", 0.0, 0),
            Hyperparameters.Spec.doubleAtLeast("lambda_l2", 0.0, 0),
            Hyperparameters.Spec.doubleAtLeast("min_gain_to_split", 0.0, 0),
            Hyperparameters.Spec.intAtLeast("max_bin", 255, 2),
            Hyperparameters.Spec.bool("extra_trees", false),
            Hyperparameters.Spec.intAtLeast("num_iterations", 10_000, 1),
            Hyperparameters.Spec.intAtLeast("early_stopping_rounds", 50, 0)),
            Map.ofEntries(
                    Map.entry("eta", "learning_rate"),
                    Map.entry("num_leaf", "num_leaves"),
                    Map.entry("min_child_samples", "min_data_in_leaf"),
                    Map.entry("min_child_weight", "min_sum_hessian_in_leaf"),
                    Map.entry("colsample_bytree", "feature_fraction"),
                    Map.entry("subsample", "bagging_fraction"),
                    Map.entry("subsample_freq", "bagging_freq"),
                    Map.entry("reg_alpha", "lambda_l1"),
                    Map.entry("reg_lambda", "lambda_l2"),
                    Map.entry("min_split_gain", "min_gain_to_split"),
                    Map.entry("extra_tree", "extra_trees"),
                    Map.entry("num_round", "num_iterations"),
                    Map.entry("num_boost_round", "num_iterations"),
                    Map.entry("n_estimators", "num_iterations"),
                    Map.entry("num_trees", "num_iterations"),
                    Map.entry("early_stopping_round", "early_stopping_rounds")));

    // Handled by the training loop, not passed to LightGBM.
    private static final Set<String> LOOP_PARAMETERS = Set.of("num_iterations", "early_stopping_rounds");

    // Salts for the seeds LightGBM uses, all derived from the learner seed.
    private static final String[] SEED_NAMES = {"seed", "bagging_seed", "feature_fraction_seed", "extra_seed",
        "data_random_seed", "objective_seed", "drop_seed"};

    private final SortedMap<String, String> hyperparameters;

    /** Portfolio defaults (entry 1). */
    LightGbmLearner() {
        this(Map.of());
    }

    /**
     * @param overrides hyperparameters by LightGBM name or alias; null = none
     * @throws IllegalArgumentException for an unknown name (listing the valid names) or an invalid value
     * @throws IllegalStateException    when LightGBM's natives are not available on this platform (the message
     *                                  names os.name and os.arch)
     */
    LightGbmLearner(Map<String, String> overrides) {
        super(Algorithm.GBDT, Flavor.TREE, true);
        SortedMap<String, String> resolved = PARAMETERS.resolve(overrides);
        if (Double.parseDouble(resolved.get("bagging_fraction")) < 1.0
                && !PARAMETERS.isGiven(overrides, "bagging_freq")) {
            resolved.put("bagging_freq", "1");
        }
        this.hyperparameters = Collections.unmodifiableSortedMap(resolved);
        LightGbmNatives.require();
    }

    /** @return true when LightGBM's natives load on this platform (x86-64 Linux, macOS, Windows) */
    static boolean isAvailable() {
        return LightGbmNatives.isAvailable();
    }

    /**
     * For {@code LearnerCatalog#unavailableReason}: the engine skips GBDT with a WARN when this is present.
     *
     * @return why LightGBM's natives cannot be used here (naming os.name and os.arch), or empty
     */
    static Optional<String> unavailableReason() {
        return LightGbmNatives.unavailableReason();
    }

    /** @return every accepted hyperparameter name, aliases included */
    static Set<String> validNames() {
        return PARAMETERS.validNames().keySet();
    }

    @Override
    public Map<String, String> hyperparameters() {
        return hyperparameters;
    }

    @Override
    public Map<String, String> refitOverrides(List<Map<String, String>> foldInfos, int refitRows) {
        int n = Learner.refitRounds(foldInfos, refitRows);
        return n < 1 ? Map.of() : Map.of("num_iterations", Integer.toString(n), "early_stopping_rounds", "0");
    }

    @Override
    public FittedLearner fit(TrainData train, LearnContext ctx) {
        LightGbmNatives.require();
        Task task = ctx.task();
        Boosting.validate(train, task);
        int maxRounds = Integer.parseInt(hyperparameters.get("num_iterations"));
        int patience = Integer.parseInt(hyperparameters.get("early_stopping_rounds"));

        TrainData fitPart = train;
        TrainData watchPart = null;
        int watchIndex = -1; // LightGBM data index whose scores early stopping reads: 1 = validation, 0 = training
        if (patience > 0) {
            InnerSplit split = ctx.earlyStoppingData() != null && ctx.earlyStoppingData().rows() > 0 ? null
                    : InnerSplit.of(train.y(), task, ctx.seed(), InnerSplit.DEFAULT_FRACTION);
            if (split == null) {
                // the engine's out-of-fold rows: all training rows fit, the watched rows are separate
                watchPart = ctx.earlyStoppingData();
                watchIndex = 1;
            } else if (split.hasValidation()) {
                fitPart = train.select(split.train());
                watchPart = train.select(split.valid());
                watchIndex = 1;
            } else {
                watchPart = train;
                watchIndex = 0;
            }
        }

        long start = System.nanoTime();
        int threads = Boosting.nativeThreads(ctx.threads(), fitPart.rows());
        String categorical = categoricalFeatures(train.x());
        String params = nativeParams(task, ctx.seed(), threads)
                + (categorical.isEmpty() ? "" : " categorical_feature=" + categorical);
        String modelText;
        int rounds = 0;
        int keep;
        boolean timeLimited = false;
        boolean earlyStopped = false;
        int stoppedAtStep = 0;
        Boosting.EarlyStopping stopping = patience > 0 ? new Boosting.EarlyStopping(patience) : null;
        try (Arena arena = new Arena()) {
            silence();
            SWIGTYPE_p_void dtrain = arena.dataset(fitPart, params, null);
            SWIGTYPE_p_void dvalid = watchIndex == 1 ? arena.dataset(watchPart, params, dtrain) : null;
            SWIGTYPE_p_void booster = arena.booster(dtrain, params);
            if (dvalid != null) {
                check(lightgbmlib.LGBM_BoosterAddValidData(booster, dvalid), "LGBM_BoosterAddValidData");
            }
            SWIGTYPE_p_int finished = arena.intp();
            int outputs = watchPart == null ? 0 : watchPart.rows() * (task.numClasses() > 2 ? task.numClasses() : 1);
            SWIGTYPE_p_double scores = watchPart == null ? null : arena.doubles(outputs);
            SWIGTYPE_p_long_long length = arena.int64p();
            boolean cannotSplit = false;
            while (rounds < maxRounds) {
                if (rounds > 0 && ctx.shouldStop()) {
                    timeLimited = true;
                    break;
                }
                check(lightgbmlib.LGBM_BoosterUpdateOneIter(booster, finished), "LGBM_BoosterUpdateOneIter");
                if (lightgbmlib.intp_value(finished) == 1) {
                    // No leaf meets the split requirements: LightGBM dropped this round's trees (except on the
                    // very first round, whose constant trees carry the initial score) and training is over.
                    cannotSplit = true;
                    break;
                }
                rounds++;
                if (stopping != null) {
                    check(lightgbmlib.LGBM_BoosterGetPredict(booster, watchIndex, length, scores),
                            "LGBM_BoosterGetPredict");
                    double[][] pred = validationPredictions(scores, watchPart.rows(), task);
                    double loss = Boosting.loss(pred, watchPart.y(), watchPart.weights(), task);
                    boolean stop = stopping.update(rounds, loss);
                    if (!stop && rounds % LearnContext.BOOSTING_STEP == 0
                            && ctx.report(rounds / LearnContext.BOOSTING_STEP, loss)) {
                        stoppedAtStep = rounds / LearnContext.BOOSTING_STEP;
                        break;
                    }
                    if (stop) {
                        earlyStopped = true;
                        break;
                    }
                }
            }
            keep = stopping != null ? stopping.bestRound() : rounds;
            if (rounds == 0 && cannotSplit) {
                rounds = 1; // the constant first round, which LightGBM keeps
                keep = 1;
            }
            modelText = saveModel(booster, keep);
        }

        SortedMap<String, String> info = new TreeMap<>();
        info.put("rounds", Integer.toString(rounds));
        info.put("bestIteration", Integer.toString(keep));
        info.put("fitRows", Integer.toString(fitPart.rows()));
        info.put("timeLimited", Boolean.toString(timeLimited));
        info.put("earlyStopped", Boolean.toString(earlyStopped));
        if (stoppedAtStep > 0) {
            info.put("stoppedAtStep", Integer.toString(stoppedAtStep));
        }
        info.put("metric", Boosting.metricName(task));
        info.put("objective", task.isRegression() ? "regression" : task.isBinary() ? "binary" : "multiclass");
        info.put("validationRows", Integer.toString(watchIndex == 1 ? watchPart.rows() : 0));
        if (!categorical.isEmpty()) {
            info.put("categoricalFeatures", categorical);
        }
        if (stopping != null && stopping.bestRound() > 0) {
            info.put("bestScore", Double.toString(stopping.best()));
        }
        Fitted fitted = Fitted.open(new BoosterArtifact(task, train.x().cols(), keep, info,
                modelText.getBytes(StandardCharsets.UTF_8)), threads);
        if (LOG.isDebugEnabled()) {
            LOG.debug("lightgbm fit: {} rows x {} cols, {} threads, {} rounds, best {}, {}timeLimited={}, {} ms",
                    fitPart.rows(), train.x().cols(), threads, rounds, keep, earlyStopped ? "early stopped, " : "",
                    timeLimited, (System.nanoTime() - start) / 1_000_000);
        }
        return fitted;
    }

    /**
     * @param bytes what {@link FittedLearner#serialize()} of a LightGBM model returned
     * @return the model, predicting bit-identically to the one serialized
     * @throws ModelFormatException  when the bytes are not a readable LightGBM model artifact
     * @throws IllegalStateException when LightGBM's natives are not available on this platform
     */
    static FittedLearner load(byte[] bytes) {
        LightGbmNatives.require();
        BoosterArtifact artifact = BoosterArtifact.decode(bytes, MAGIC, KIND);
        try {
            return Fitted.open(artifact, Runtime.getRuntime().availableProcessors());
        } catch (IllegalStateException e) {
            throw new ModelFormatException("lightgbm model cannot be loaded: " + e.getMessage(), e);
        }
    }

    /**
     * Columns the tree preprocessing gave as integer codes (high-cardinality categoricals, AUTOML-R20: "native
     * categorical codes for tree learners"): LightGBM splits them as categories (subsets of levels), not as numbers.
     *
     * @param x features
     * @return comma-separated column indices, or ""
     */
    static String categoricalFeatures(FeatureMatrix x) {
        StringBuilder sb = new StringBuilder();
        List<String> names = x.names();
        for (int j = 0; j < names.size(); j++) {
            if (names.get(j).endsWith(CODE_SUFFIX)) {
                sb.append(sb.length() == 0 ? "" : ",").append(j);
            }
        }
        return sb.toString();
    }

    /** Name suffix of integer-coded categorical columns ({@code ColumnTransform} CODES). */
    static final String CODE_SUFFIX = "#code";

    private String nativeParams(Task task, long seed, int threads) {
        StringBuilder sb = new StringBuilder();
        hyperparameters.forEach((k, v) -> {
            if (!LOOP_PARAMETERS.contains(k)) {
                sb.append(k).append('=').append(v).append(' ');
            }
        });
        if (task.isRegression()) {
            sb.append("objective=regression ");
        } else if (task.isBinary()) {
            sb.append("objective=binary ");
        } else {
            sb.append("objective=multiclass num_class=").append(task.numClasses()).append(' ');
        }
        sb.append("metric=none num_threads=").append(threads);
        for (int i = 0; i < SEED_NAMES.length; i++) {
            sb.append(' ').append(SEED_NAMES[i]).append('=').append(Boosting.seed31(seed, 0x4C47424DL + i));
        }
        sb.append(" deterministic=true force_col_wise=true verbosity=-1");
        return sb.toString();
    }

    // LightGBM's GetPredict gives transformed scores (probabilities), class-major for multiclass.
    private static double[][] validationPredictions(SWIGTYPE_p_double scores, int n, Task task) {
        double[][] out = new double[n][];
        if (task.isRegression()) {
            for (int i = 0; i < n; i++) {
                out[i] = new double[] {lightgbmlib.doubleArray_getitem(scores, i)};
            }
        } else if (task.isBinary()) {
            for (int i = 0; i < n; i++) {
                double p = lightgbmlib.doubleArray_getitem(scores, i);
                out[i] = new double[] {1 - p, p};
            }
        } else {
            int k = task.numClasses();
            for (int i = 0; i < n; i++) {
                out[i] = new double[k];
            }
            for (int j = 0; j < k; j++) {
                for (int i = 0; i < n; i++) {
                    out[i][j] = lightgbmlib.doubleArray_getitem(scores, (long) j * n + i);
                }
            }
        }
        return out;
    }

    /** Sets this thread's LightGBM log level to fatal-only (LightGBM keeps it per thread). */
    private static void silence() {
        lightgbmlib.LGBM_DatasetUpdateParamChecking("verbosity=-1", "verbosity=-1");
    }

    /** {@link LightGbmArena} with the learner's dataset and booster constructors. */
    private static final class Arena extends LightGbmArena {
        /** @return a dataset freed when the arena closes */
        SWIGTYPE_p_void dataset(TrainData data, String params, SWIGTYPE_p_void reference) {
            FeatureMatrix x = data.x();
            SWIGTYPE_p_double values = doubles(x.data());
            SWIGTYPE_p_void ds = create(out -> lightgbmlib.LGBM_DatasetCreateFromMat(
                    lightgbmlib.double_to_voidp_ptr(values), lightgbmlibConstants.C_API_DTYPE_FLOAT64, x.rows(),
                    x.cols(), 1, params, reference, out), "LGBM_DatasetCreateFromMat");
            onClose(() -> lightgbmlib.LGBM_DatasetFree(ds));
            SWIGTYPE_p_float label = floats(data.y());
            check(lightgbmlib.LGBM_DatasetSetField(ds, "label", lightgbmlib.float_to_voidp_ptr(label), data.rows(),
                    lightgbmlibConstants.C_API_DTYPE_FLOAT32), "LGBM_DatasetSetField(label)");
            if (data.weights() != null) {
                SWIGTYPE_p_float weight = floats(data.weights());
                check(lightgbmlib.LGBM_DatasetSetField(ds, "weight", lightgbmlib.float_to_voidp_ptr(weight),
                        data.rows(), lightgbmlibConstants.C_API_DTYPE_FLOAT32), "LGBM_DatasetSetField(weight)");
            }
            return ds;
        }

        /** @return a booster freed when the arena closes (before the datasets it was created from) */
        SWIGTYPE_p_void booster(SWIGTYPE_p_void dataset, String params) {
            SWIGTYPE_p_void b = create(out -> lightgbmlib.LGBM_BoosterCreate(dataset, params, out),
                    "LGBM_BoosterCreate");
            onClose(() -> lightgbmlib.LGBM_BoosterFree(b));
            return b;
        }
    }

    /** Owns a native booster handle; run by {@link Fitted#close()} or by the {@link Cleaner}. */
    private static final class BoosterHandle implements Runnable {
        private final SWIGTYPE_p_void handle;
        private boolean freed;

        BoosterHandle(SWIGTYPE_p_void handle) {
            this.handle = handle;
        }

        @Override
        public synchronized void run() {
            if (!freed) {
                freed = true;
                lightgbmlib.LGBM_BoosterFree(handle);
            }
        }
    }

    /**
     * A trained LightGBM model, held as a booster loaded from the saved model text (so a fitted model and its
     * reloaded copy are built the same way and predict identically). LightGBM's prediction API takes a shared
     * lock, so concurrent predictions are safe.
     */
    static final class Fitted implements FittedLearner, AutoCloseable {
        private final SWIGTYPE_p_void booster;
        private final Cleaner.Cleanable cleanable;
        private final BoosterArtifact header; // model text dropped: serialize() re-exports from the booster
        private final int maxThreads;
        private final ReadWriteLock lock = new ReentrantReadWriteLock();
        private boolean closed;

        private Fitted(SWIGTYPE_p_void booster, BoosterArtifact header, int maxThreads) {
            this.booster = booster;
            this.header = header;
            this.maxThreads = maxThreads;
            this.cleanable = Boosting.CLEANER.register(this, new BoosterHandle(booster));
        }

        /**
         * @param artifact   the decoded model
         * @param maxThreads threads predictions may use (capped by batch size); the fit's thread count, or all
         *                   processors for a loaded model
         */
        static Fitted open(BoosterArtifact artifact, int maxThreads) {
            silence();
            String text = new String(artifact.model, StandardCharsets.UTF_8);
            SWIGTYPE_p_void booster;
            SWIGTYPE_p_int iterations = lightgbmlib.new_intp();
            try {
                booster = Arena.create(out -> lightgbmlib.LGBM_BoosterLoadModelFromString(text, iterations, out),
                        "LGBM_BoosterLoadModelFromString");
            } finally {
                lightgbmlib.delete_intp(iterations);
            }
            Fitted f = new Fitted(booster, new BoosterArtifact(artifact.task, artifact.numFeatures,
                    artifact.iterations, artifact.info, new byte[0]), maxThreads);
            SWIGTYPE_p_int classes = lightgbmlib.new_intp();
            try {
                check(lightgbmlib.LGBM_BoosterGetNumClasses(booster, classes), "LGBM_BoosterGetNumClasses");
                int expected = artifact.task.numClasses() > 2 ? artifact.task.numClasses() : 1;
                if (lightgbmlib.intp_value(classes) != expected) {
                    f.close();
                    throw new IllegalStateException("model has " + lightgbmlib.intp_value(classes)
                            + " class outputs but the header says " + expected);
                }
            } finally {
                lightgbmlib.delete_intp(classes);
            }
            return f;
        }

        @Override
        public double[][] predict(FeatureMatrix x) {
            if (x.cols() != header.numFeatures) {
                throw new IllegalArgumentException("expected " + header.numFeatures + " feature columns but got "
                        + x.cols());
            }
            int n = x.rows();
            if (n == 0) {
                return new double[0][];
            }
            int width = header.task.numClasses() > 2 ? header.task.numClasses() : 1;
            lock.readLock().lock();
            try (Arena arena = new Arena()) {
                requireOpen();
                SWIGTYPE_p_double data = arena.doubles(x.data());
                SWIGTYPE_p_double out = arena.doubles((long) n * width);
                SWIGTYPE_p_long_long length = arena.int64p();
                check(lightgbmlib.LGBM_BoosterPredictForMat(booster, lightgbmlib.double_to_voidp_ptr(data),
                        lightgbmlibConstants.C_API_DTYPE_FLOAT64, n, x.cols(), 1,
                        lightgbmlibConstants.C_API_PREDICT_RAW_SCORE, 0, -1,
                        "verbosity=-1 num_threads=" + Boosting.nativeThreads(maxThreads, n), length, out),
                        "LGBM_BoosterPredictForMat");
                if (lightgbmlib.int64_tp_value(length) != (long) n * width) {
                    throw new IllegalStateException("LightGBM returned " + lightgbmlib.int64_tp_value(length)
                            + " scores for " + n + " rows x " + width);
                }
                double[] raw = new double[n * width];
                for (int i = 0; i < raw.length; i++) {
                    raw[i] = lightgbmlib.doubleArray_getitem(out, i);
                }
                return Boosting.fromRaw(raw, n, header.task);
            } finally {
                lock.readLock().unlock();
                Reference.reachabilityFence(this);
            }
        }

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public byte[] serialize() {
            lock.readLock().lock();
            try {
                requireOpen();
                byte[] model = saveModel(booster, -1).getBytes(StandardCharsets.UTF_8);
                return new BoosterArtifact(header.task, header.numFeatures, header.iterations, header.info, model)
                        .encode(MAGIC);
            } finally {
                lock.readLock().unlock();
                Reference.reachabilityFence(this);
            }
        }

        @Override
        public Map<String, String> info() {
            return header.info;
        }

        /** Frees the native booster now; later calls to predict or serialize throw IllegalStateException. */
        @Override
        public void close() {
            lock.writeLock().lock();
            try {
                closed = true;
                cleanable.clean();
            } finally {
                lock.writeLock().unlock();
            }
        }

        private void requireOpen() {
            if (closed) {
                throw new IllegalStateException("lightgbm model was closed");
            }
        }

        @Override
        public String toString() {
            return "LightGbmLearner.Fitted[" + header.task + ", " + header.iterations + " rounds]";
        }
    }
}
