package io.automl4j.core.internal.learn;

import io.automl4j.api.Algorithm;
import io.automl4j.api.ModelFormatException;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.ref.Cleaner;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * XGBoost through xgboost4j's Java API (AUTOML-R25 portfolio entry 2): eta 0.1, max_depth 6, {@code hist}, up to
 * 10,000 rounds with early stopping after 50 rounds without improvement of the validation loss (log-loss,
 * multiclass log-loss or RMSE) on an {@link InnerSplit inner 10% split} (or the rows the engine passes in {@link LearnContext#earlyStoppingData()}: a bagged fold's
 * out-of-fold rows); the model keeps the best round.
 *
 * <p>Hyperparameters use XGBoost's names ({@code eta}, {@code max_depth}, ...; see {@link #validNames()}), plus
 * {@code num_round} (maximum rounds) and {@code early_stopping_rounds} (0 = off: no inner split, all rows train
 * for exactly {@code num_round} rounds, which is how a refit with a fixed round count is expressed).
 *
 * <p>Training runs round by round and stops adding rounds once {@link LearnContext#shouldStop()} (AUTOML-R39); at
 * least one round is always trained so that the model is usable. {@code info()} reports {@code rounds} (trained),
 * {@code bestIteration} (rounds the model keeps and predicts with; use it as {@code num_round} for a refit),
 * {@code timeLimited}, {@code earlyStopped}, {@code objective}, {@code metric}, {@code bestScore} and
 * {@code validationRows}.
 *
 * <p>Reproducibility: XGBoost's seed is derived from the learner seed; native threads are
 * {@link Boosting#nativeThreads capped by data size}. The early-stopping loss is computed here, in row order, from
 * the library's margins, so it cannot depend on the thread count. XGBoost's {@code hist} method accumulates float
 * gradients into double histograms; its models were bit-identical for 1 and 3 threads in our tests (and 1 vs 2 on
 * 20,000 rows), but XGBoost does not document this as a guarantee. Probabilities are computed from the margins in
 * double precision ({@link Boosting#fromRaw}).
 */
final class XGBoostLearner extends BaseLearner {

    /** {@link FittedLearner#kind()} of this learner's models. */
    static final String KIND = "xgboost";

    private static final Logger LOG = LoggerFactory.getLogger(XGBoostLearner.class);
    private static final String MAGIC = "A4JX";
    private static final long SEED_SALT = 0x58_47_42_53_45_45_44L; // "XGBSEED"

    static final Hyperparameters PARAMETERS = new Hyperparameters("XGBOOST", List.of(
            Hyperparameters.Spec.positive("eta", 0.1),
            Hyperparameters.Spec.intAtLeast("max_depth", 6, 0),
            Hyperparameters.Spec.doubleAtLeast("min_child_weight", 1.0, 0),
            Hyperparameters.Spec.doubleAtLeast("gamma", 0.0, 0),
            Hyperparameters.Spec.doubleAtLeast("alpha", 0.0, 0),
            Hyperparameters.Spec.doubleAtLeast("lambda", 1.0, 0),
            Hyperparameters.Spec.doubleAtLeast("max_delta_step", 0.0, 0),
            Hyperparameters.Spec.fraction("subsample", 1.0),
            Hyperparameters.Spec.fraction("colsample_bytree", 1.0),
            Hyperparameters.Spec.fraction("colsample_bylevel", 1.0),
            Hyperparameters.Spec.fraction("colsample_bynode", 1.0),
            Hyperparameters.Spec.choice("tree_method", "hist", "hist", "approx", "exact"),
            Hyperparameters.Spec.choice("grow_policy", "depthwise", "depthwise", "lossguide"),
            Hyperparameters.Spec.intAtLeast("max_leaves", 0, 0),
            Hyperparameters.Spec.intAtLeast("max_bin", 256, 2),
            Hyperparameters.Spec.intAtLeast("num_round", 10_000, 1),
            Hyperparameters.Spec.intAtLeast("early_stopping_rounds", 50, 0)),
            Map.of("learning_rate", "eta",
                    "min_split_loss", "gamma",
                    "reg_alpha", "alpha",
                    "reg_lambda", "lambda",
                    "num_boost_round", "num_round",
                    "n_estimators", "num_round"));

    // Passed to XGBoost as booster parameters; the rest are handled here.
    private static final List<String> LOOP_PARAMETERS = List.of("num_round", "early_stopping_rounds");

    private final SortedMap<String, String> hyperparameters;

    /** Portfolio defaults. */
    XGBoostLearner() {
        this(Map.of());
    }

    /**
     * @param overrides hyperparameters by XGBoost name (or alias, e.g. {@code learning_rate}); null = none
     * @throws IllegalArgumentException for an unknown name (listing the valid names) or an invalid value
     */
    XGBoostLearner(Map<String, String> overrides) {
        super(Algorithm.XGBOOST, Flavor.TREE, true);
        this.hyperparameters = Collections.unmodifiableSortedMap(PARAMETERS.resolve(overrides));
    }

    /** @return every accepted hyperparameter name, aliases included */
    static java.util.Set<String> validNames() {
        return PARAMETERS.validNames().keySet();
    }

    @Override
    public Map<String, String> hyperparameters() {
        return hyperparameters;
    }

    @Override
    public Map<String, String> refitOverrides(List<Map<String, String>> foldInfos, int refitRows) {
        int n = Learner.refitRounds(foldInfos, refitRows);
        return n < 1 ? Map.of() : Map.of("num_round", Integer.toString(n), "early_stopping_rounds", "0");
    }

    @Override
    public FittedLearner fit(TrainData train, LearnContext ctx) {
        Task task = ctx.task();
        Boosting.validate(train, task);
        int maxRounds = Integer.parseInt(hyperparameters.get("num_round"));
        int patience = Integer.parseInt(hyperparameters.get("early_stopping_rounds"));

        // Early stopping watches an inner validation split, or the training rows when no split is possible.
        TrainData fitPart = train;
        TrainData watchPart = null;
        if (patience > 0) {
            InnerSplit split = ctx.earlyStoppingData() != null && ctx.earlyStoppingData().rows() > 0 ? null
                    : InnerSplit.of(train.y(), task, ctx.seed(), InnerSplit.DEFAULT_FRACTION);
            if (split == null) {
                // the engine's out-of-fold rows: all training rows fit, the watched rows are separate
                watchPart = ctx.earlyStoppingData();
            } else if (split.hasValidation()) {
                fitPart = train.select(split.train());
                watchPart = train.select(split.valid());
            } else {
                watchPart = train;
            }
        }

        long start = System.nanoTime();
        DMatrix dtrain = null;
        DMatrix dwatch = null;
        Booster booster = null;
        try {
            dtrain = matrix(fitPart);
            dwatch = watchPart == null ? null : watchPart == train && fitPart == train ? dtrain : matrix(watchPart);
            Map<String, DMatrix> watches = new HashMap<>();
            if (dwatch != null && dwatch != dtrain) {
                watches.put("valid", dwatch); // registers its prediction cache: per-round margins are incremental
            }
            // Zero rounds: XGBoost.train only creates the booster; the loop below owns the rounds.
            int threads = Boosting.nativeThreads(ctx.threads(), fitPart.rows());
            Map<String, Object> params = nativeParams(task, ctx.seed(), threads);
            if (task.isBinary()) {
                singleClassBaseScore(fitPart).ifPresent(b -> params.put("base_score", b));
            }
            booster = XGBoost.train(dtrain, params, 0, watches, null, null, null, 0, null);

            Boosting.EarlyStopping stopping = patience > 0 ? new Boosting.EarlyStopping(patience) : null;
            int rounds = 0;
            boolean timeLimited = false;
            boolean earlyStopped = false;
            int stoppedAtStep = 0;
            while (rounds < maxRounds) {
                if (rounds > 0 && ctx.shouldStop()) {
                    timeLimited = true;
                    break;
                }
                booster.update(dtrain, rounds);
                rounds++;
                if (stopping != null) {
                    double[][] pred = Boosting.fromRaw(Boosting.flatten(booster.predict(dwatch, true)),
                            watchPart.rows(), task);
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
            int keep = stopping != null ? stopping.bestRound() : rounds;

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
            info.put("objective", String.valueOf(params.get("objective")));
            info.put("validationRows", Integer.toString(watchPart == null ? 0 : watchPart == train ? 0
                    : watchPart.rows()));
            if (stopping != null) {
                info.put("bestScore", Double.toString(stopping.best()));
            }
            byte[] model = booster.toByteArray("ubj");
            Fitted fitted = Fitted.open(new BoosterArtifact(task, train.x().cols(), keep, info, model), threads);
            if (LOG.isDebugEnabled()) {
                LOG.debug("xgboost fit: {} rows x {} cols, {} threads, {} rounds, best {}, {}timeLimited={}, {} ms",
                        fitPart.rows(), train.x().cols(), threads, rounds, keep,
                        earlyStopped ? "early stopped, " : "", timeLimited, (System.nanoTime() - start) / 1_000_000);
            }
            return fitted;
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost training failed: " + e.getMessage(), e);
        } finally {
            if (booster != null) {
                booster.dispose();
            }
            if (dwatch != null && dwatch != dtrain) {
                dwatch.dispose();
            }
            if (dtrain != null) {
                dtrain.dispose();
            }
        }
    }

    /**
     * @param bytes what {@link FittedLearner#serialize()} of an XGBoost model returned
     * @return the model, predicting bit-identically to the one serialized
     * @throws ModelFormatException when the bytes are not a readable XGBoost model artifact
     */
    static FittedLearner load(byte[] bytes) {
        BoosterArtifact artifact = BoosterArtifact.decode(bytes, MAGIC, KIND);
        try {
            return Fitted.open(artifact, 0);
        } catch (XGBoostError e) {
            throw new ModelFormatException("xgboost model cannot be loaded: " + e.getMessage(), e);
        }
    }

    private Map<String, Object> nativeParams(Task task, long seed, int threads) {
        Map<String, Object> p = new HashMap<>();
        hyperparameters.forEach((k, v) -> {
            if (!LOOP_PARAMETERS.contains(k)) {
                p.put(k, v);
            }
        });
        if (task.isRegression()) {
            p.put("objective", "reg:squarederror");
        } else if (task.isBinary()) {
            p.put("objective", "binary:logistic");
        } else {
            p.put("objective", "multi:softprob");
            p.put("num_class", Integer.toString(task.numClasses()));
        }
        p.put("nthread", Integer.toString(threads));
        p.put("seed", Integer.toString(Boosting.seed31(seed, SEED_SALT)));
        p.put("verbosity", "0");
        return p;
    }

    /**
     * XGBoost estimates the logistic intercept from the labels and fails ("base_score must be in (0,1)") when all
     * weight is on one class, which a small or heavily weighted fold can produce. Then the intercept is set to
     * the observed probability, clipped to [1e-6, 1 - 1e-6].
     */
    private static java.util.Optional<String> singleClassBaseScore(TrainData data) {
        double positive = 0;
        double total = 0;
        for (int i = 0; i < data.rows(); i++) {
            positive += data.weight(i) * data.y()[i];
            total += data.weight(i);
        }
        if (positive > 0 && positive < total) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(positive > 0 ? "0.999999" : "0.000001");
    }

    private static DMatrix matrix(TrainData data) throws XGBoostError {
        FeatureMatrix x = data.x();
        DMatrix d = new DMatrix(x.toFloatArray(), x.rows(), x.cols(), Float.NaN);
        try {
            d.setLabel(toFloat(data.y()));
            if (data.weights() != null) {
                d.setWeight(toFloat(data.weights()));
            }
            return d;
        } catch (XGBoostError | RuntimeException e) {
            d.dispose();
            throw e;
        }
    }

    private static float[] toFloat(double[] a) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (float) a[i];
        }
        return out;
    }

    /**
     * A trained XGBoost model, predicting with rounds 1..iterations. Its booster lives on one
     * {@link XGBoostWorkers worker} thread, which runs all its native calls and frees it: at {@link #close()}, or
     * through a {@link Cleaner} once the model is unreachable.
     */
    static final class Fitted implements FittedLearner, AutoCloseable {
        private final Booster booster;
        private final int worker;
        private final BoosterArtifact header; // model bytes dropped: serialize() re-exports from the booster
        private final Cleaner.Cleanable cleanable;
        private final ReadWriteLock lock = new ReentrantReadWriteLock();
        private boolean closed;

        private Fitted(Booster booster, int worker, BoosterArtifact header) {
            this.booster = booster;
            this.worker = worker;
            this.header = header;
            // The action holds the booster strongly, so xgboost4j's own finalizer cannot free it on the finalizer
            // thread first; the action frees it on its worker.
            this.cleanable = Boosting.CLEANER.register(this, () -> XGBoostWorkers.execute(worker, booster::dispose));
        }

        /**
         * @param artifact the model
         * @param threads  nthread for predictions, 0 = XGBoost's default (all processors)
         */
        static Fitted open(BoosterArtifact artifact, int threads) throws XGBoostError {
            int worker = XGBoostWorkers.assign();
            BoosterArtifact header = new BoosterArtifact(artifact.task, artifact.numFeatures, artifact.iterations,
                    artifact.info, new byte[0]);
            Booster b = XGBoostWorkers.call(worker, () -> {
                Booster loaded;
                try {
                    loaded = XGBoost.loadModel(artifact.model);
                } catch (IOException e) {
                    throw new XGBoostError("cannot read model bytes: " + e.getMessage());
                }
                try {
                    if (threads > 0) {
                        loaded.setParam("nthread", Integer.toString(threads));
                    }
                    loaded.setParam("verbosity", "0");
                    // One prediction configures the learner now, before the model is shared.
                    margins(loaded, header, new float[artifact.numFeatures], 1);
                    return loaded;
                } catch (XGBoostError | RuntimeException e) {
                    loaded.dispose();
                    throw e;
                }
            });
            return new Fitted(b, worker, header);
        }

        @Override
        public double[][] predict(FeatureMatrix x) {
            if (x.cols() != header.numFeatures) {
                throw new IllegalArgumentException("expected " + header.numFeatures + " feature columns but got "
                        + x.cols());
            }
            int rows = x.rows();
            if (rows == 0) {
                return new double[0][];
            }
            float[] data = x.toFloatArray();
            float[][] margins;
            lock.readLock().lock();
            try {
                requireOpen();
                margins = XGBoostWorkers.call(worker, () -> margins(booster, header, data, rows));
            } catch (XGBoostError e) {
                throw new IllegalStateException("XGBoost prediction failed: " + e.getMessage(), e);
            } finally {
                lock.readLock().unlock();
            }
            return Boosting.fromRaw(Boosting.flatten(margins), rows, header.task);
        }

        private static float[][] margins(Booster b, BoosterArtifact header, float[] data, int rows)
                throws XGBoostError {
            return b.inplace_predict(data, rows, header.numFeatures, Float.NaN, new int[] {0, header.iterations},
                    Booster.PredictionType.kMargin, null);
        }

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public byte[] serialize() {
            byte[] model;
            lock.readLock().lock();
            try {
                requireOpen();
                model = XGBoostWorkers.call(worker, () -> booster.toByteArray("ubj"));
            } catch (XGBoostError e) {
                throw new IllegalStateException("XGBoost model export failed: " + e.getMessage(), e);
            } finally {
                lock.readLock().unlock();
            }
            return new BoosterArtifact(header.task, header.numFeatures, header.iterations, header.info, model)
                    .encode(MAGIC);
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
                if (!closed) {
                    closed = true;
                    XGBoostWorkers.call(worker, () -> {
                        booster.dispose();
                        return null;
                    });
                    cleanable.clean(); // deregisters; its dispose is then a no-op
                }
            } finally {
                lock.writeLock().unlock();
            }
        }

        private void requireOpen() {
            if (closed) {
                throw new IllegalStateException("xgboost model was closed");
            }
        }

        @Override
        public String toString() {
            return "XGBoostLearner.Fitted[" + header.task + ", " + header.iterations + " rounds]";
        }
    }
}
