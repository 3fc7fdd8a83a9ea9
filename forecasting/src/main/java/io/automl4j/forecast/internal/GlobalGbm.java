package io.automl4j.forecast.internal;

import com.microsoft.ml.lightgbm.SWIGTYPE_p_double;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_float;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_int;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_long_long;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_void;
import com.microsoft.ml.lightgbm.lightgbmlib;
import com.microsoft.ml.lightgbm.lightgbmlibConstants;
import io.automl4j.core.internal.learn.LightGbmArena;
import io.automl4j.core.internal.learn.LightGbmNatives;
import io.automl4j.forecast.Frequency;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

import static io.automl4j.core.internal.learn.LightGbmArena.check;
import static io.automl4j.core.internal.learn.LightGbmArena.saveModel;

/**
 * GLOBAL_GBM (FCST-R10): one LightGBM model across all series on the rows of {@link GbmFeatures}, the target divided
 * by each series' mean |y| (restored on output); one model for the mean (L2 objective) and one per quantile level
 * (objective {@code quantile}, alpha = τ); recursive multi-step prediction, each step's mean becoming the next step's
 * lag. Quantile forecasts are sorted per step so they never cross (FCST-R8).
 *
 * <p>The models learn the change of the scaled target from the previous step, z<sub>t</sub> − z<sub>t−1</sub>, and
 * predictions add it back to the previous value (observed, or the previous step's mean forecast). Trees cannot
 * extrapolate a level they have not seen; learning changes lets trending series continue their trend (on the first
 * 100 M3 quarterly series: sMAPE 12.33 against 13.45 when learning z<sub>t</sub> itself). The quantile models
 * therefore give one-step quantiles of the change around the mean path: their intervals do not widen with the
 * horizon as a multi-step error would.
 *
 * <p>Training: a fixed {@value #ROUNDS} rounds at learning rate {@value #LEARNING_RATE}, 31 leaves, at least
 * min(20, max(2, rows/50)) rows per leaf. No early stopping: stopping the mean model on the last h training steps of
 * each series (patience 50, at most 1000 rounds; validated by one-step squared error or by the recursive h-step
 * error) chose 10–120 rounds and was worse on the held-out test of every set measured (M3 quarterly, h = 8, sMAPE
 * 10.30–10.93 against 10.23; chicago_ridership, h = 28, 10.5–12.8 against 7.45): the backtests already measure the
 * model, and a fixed count keeps the backtests and the final refit alike. Under a time budget the models train
 * round-robin, one round each in turn, so they share the time and end with the same round count (see
 * {@link #fit}). Training rows are every step t ≥ 1 of every series whose target at t and t − 1 is not missing.
 *
 * <p>Reproducibility: LightGBM's seeds derive from the job seed; {@code deterministic=true} and
 * {@code force_col_wise=true} make the trees independent of the native thread count, so forecasts do not depend on
 * the job's threads (native threads: one per {@value #ROWS_PER_THREAD} rows, at most the job's threads, as in
 * automl-core; OpenMP threads spinning on a busy machine make small fits many times slower). Boosters are saved as model text and reloaded for prediction, so backtests, the final forecast
 * and later {@code predict} calls use models built the same way. LightGBM's natives are loaded once per JVM by
 * automl-core's {@link LightGbmNatives}.
 */
final class GlobalGbm {
    private static final Logger LOG = LoggerFactory.getLogger(GlobalGbm.class);

    /** Boosting rounds per model. */
    static final int ROUNDS = 300;
    /** Learning rate. */
    static final double LEARNING_RATE = 0.05;

    private GlobalGbm() {
    }

    /** The time a fit may take: {@link #stop()} is true once it must stop adding rounds (deadline, stop, interrupt). */
    @FunctionalInterface
    interface Budget {
        /** No deadline: stops only on interruption. */
        Budget NONE = () -> Thread.currentThread().isInterrupted();

        /** @return true once training must stop adding rounds */
        boolean stop();
    }

    /** Thrown when not even one round of every booster fits in the budget: the model is dropped. */
    static final class BudgetTooShortException extends RuntimeException {
        BudgetTooShortException(String message) {
            super(message);
        }
    }

    /**
     * A trained GLOBAL_GBM: features, and the model text of the mean model and of each quantile model.
     *
     * @param features       feature layout and dictionaries
     * @param meanModel      LightGBM model text of the L2 model
     * @param quantileModels model texts per quantile level
     * @param levels         the quantile levels
     * @param rounds         rounds every model trained: the requested count, or fewer when the budget cut training
     *                       short; all boosters train as many
     * @param timeLimited    whether the budget cut training short
     */
    record Model(GbmFeatures features, String meanModel, String[] quantileModels, double[] levels, int rounds,
                 boolean timeLimited) {
    }

    /**
     * Trains on the first {@code length[i]} steps of every series with {@code length[i] ≥ 2}.
     *
     * <p>Budget: the models (mean and one per quantile level) train round-robin, one round each in turn, so under a
     * deadline they share the time and end with the same round count; the budget is checked between turns (a turn
     * is one round of each model). If it is spent before one turn, a {@link BudgetTooShortException} drops the model
     * (unless {@code atLeastOne}). The trees do not depend on the order: each model's rounds are the same as when
     * trained one model after the other.
     *
     * @param series     the series
     * @param length     training steps per series (series with fewer than 2 are left out)
     * @param covs       their covariates (covering at least the training steps)
     * @param schema     covariate columns
     * @param f          frequency
     * @param m          seasonal period
     * @param levels     quantile levels
     * @param seed       seed
     * @param threads    native threads
     * @param extra      per-timestamp extra features
     * @param budget     when training must stop adding rounds
     * @param maxRounds  rounds per model, at most {@link #ROUNDS}
     * @param atLeastOne train one round of every model even past the budget (the final refit) instead of throwing
     * @return the model
     * @throws BudgetTooShortException when the budget cannot fit one round of every model and not atLeastOne
     */
    static Model fit(List<Series> series, int[] length, List<SeriesCovariates> covs, CovariateSchema schema,
                     Frequency f, int m, double[] levels, long seed, int threads, TimestampFeatures extra,
                     Budget budget, int maxRounds, boolean atLeastOne) {
        return fit(series, length, covs, schema, f, m, levels, seed, threads, extra, budget, maxRounds, atLeastOne,
                -1);
    }

    /** As above; {@code forcedNativeThreads} &gt; 0 overrides the row-based thread cap (tests of thread independence). */
    static Model fit(List<Series> series, int[] length, List<SeriesCovariates> covs, CovariateSchema schema,
                     Frequency f, int m, double[] levels, long seed, int threads, TimestampFeatures extra,
                     Budget budget, int maxRounds, boolean atLeastOne, int forcedNativeThreads) {
        LightGbmNatives.require();
        long t0 = System.nanoTime();
        List<String> ids = new ArrayList<>();
        List<SeriesCovariates> trainCovs = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            if (length[i] >= 2) {
                ids.add(series.get(i).id());
                trainCovs.add(covs.get(i));
            }
        }
        GbmFeatures features = new GbmFeatures(f, m, extra, schema, ids, trainCovs);
        int width = features.width();
        int rows = 0;
        for (int i = 0; i < series.size(); i++) {
            double[] y = series.get(i).values();
            for (int t = 1; t < length[i] && length[i] >= 2; t++) {
                rows += Double.isNaN(y[t]) || Double.isNaN(y[t - 1]) ? 0 : 1;
            }
        }
        if (rows == 0) {
            throw new IllegalStateException("GLOBAL_GBM: no training rows (every series has fewer than 2 points)");
        }
        double[] x = new double[rows * width];
        double[] label = new double[rows];
        int r = 0;
        for (int i = 0; i < series.size(); i++) {
            if (length[i] < 2) {
                continue;
            }
            Series s = series.get(i);
            double[] z = scaled(s.values(), length[i]);
            for (int t = 1; t < length[i]; t++) {
                if (Double.isNaN(z[t]) || Double.isNaN(z[t - 1])) {
                    continue;
                }
                features.row(z, t, s.start(), covs.get(i), s.id(), x, r * width);
                label[r++] = z[t] - z[t - 1];
            }
        }
        int limit = Math.max(1, Math.min(ROUNDS, maxRounds));
        int nativeThreads = forcedNativeThreads > 0 ? forcedNativeThreads : nativeThreads(threads, rows);
        String[] models = new String[levels.length + 1];
        boolean timeLimited = false;
        int trained;
        try (LightGbmArena arena = new LightGbmArena()) {
            silence();
            String params = params(features, rows, seed, nativeThreads);
            SWIGTYPE_p_void ds = dataset(arena, x, label, rows, width, params);
            SWIGTYPE_p_void[] boosters = new SWIGTYPE_p_void[levels.length + 1];
            for (int q = 0; q <= levels.length; q++) {
                String objective = q == 0 ? " objective=regression" : " objective=quantile alpha=" + levels[q - 1];
                SWIGTYPE_p_void b = LightGbmArena.create(out -> lightgbmlib.LGBM_BoosterCreate(ds, params + objective,
                        out), "LGBM_BoosterCreate");
                arena.onClose(() -> lightgbmlib.LGBM_BoosterFree(b));
                boosters[q] = b;
            }
            SWIGTYPE_p_int finished = arena.intp();
            boolean[] done = new boolean[boosters.length];
            trained = 0;
            // round-robin: one round of every booster in turn, so that a deadline leaves them all alike
            while (trained < limit) {
                if (budget.stop()) {
                    if (trained == 0 && !atLeastOne) {
                        throw new BudgetTooShortException("not even one round of each of its " + boosters.length
                                + " boosters fits in the time left");
                    }
                    if (trained > 0) {
                        timeLimited = true;
                        break;
                    }
                }
                for (int q = 0; q < boosters.length; q++) {
                    if (!done[q]) {
                        check(lightgbmlib.LGBM_BoosterUpdateOneIter(boosters[q], finished),
                                "LGBM_BoosterUpdateOneIter");
                        done[q] = lightgbmlib.intp_value(finished) == 1;
                    }
                }
                trained++;
            }
            for (int q = 0; q < boosters.length; q++) {
                models[q] = saveModel(boosters[q], -1);
            }
        }
        LOG.debug("GLOBAL_GBM: {} rows x {} features, {} models, {} of {} rounds each, {} ms", rows, width,
                models.length, trained, limit, (System.nanoTime() - t0) / 1_000_000);
        String[] quantileModels = new String[levels.length];
        System.arraycopy(models, 1, quantileModels, 0, levels.length);
        return new Model(features, models[0], quantileModels, levels.clone(), trained, timeLimited);
    }

    /** LightGBM parameters shared by every model of a fit (objective added per model). */
    private static String params(GbmFeatures features, int rows, long seed, int nativeThreads) {
        int minLeaf = Math.min(20, Math.max(2, rows / 50));
        StringBuilder common = new StringBuilder();
        common.append("learning_rate=").append(LEARNING_RATE).append(" num_leaves=31 min_data_in_leaf=")
                .append(minLeaf).append(" min_data_per_group=").append(Math.min(100, minLeaf))
                .append(" max_bin=255 metric=none num_threads=").append(nativeThreads)
                .append(" categorical_feature=").append(features.categoricalIndices())
                .append(" deterministic=true force_col_wise=true verbosity=-1");
        String[] seedNames = {"seed", "bagging_seed", "feature_fraction_seed", "extra_seed", "data_random_seed",
            "objective_seed", "drop_seed"};
        for (int k = 0; k < seedNames.length; k++) {
            common.append(' ').append(seedNames[k]).append('=').append(seed31(seed, k));
        }
        return common.toString();
    }

    /** A LightGBM dataset of {@code rows} rows, freed with the arena. */
    private static SWIGTYPE_p_void dataset(LightGbmArena arena, double[] x, double[] label, int rows, int width,
                                           String params) {
        SWIGTYPE_p_double values = arena.doubles(x);
        SWIGTYPE_p_void ds = LightGbmArena.create(out -> lightgbmlib.LGBM_DatasetCreateFromMat(
                lightgbmlib.double_to_voidp_ptr(values), lightgbmlibConstants.C_API_DTYPE_FLOAT64, rows, width, 1,
                params, null, out), "LGBM_DatasetCreateFromMat");
        arena.onClose(() -> lightgbmlib.LGBM_DatasetFree(ds));
        SWIGTYPE_p_float lab = arena.floats(label);
        check(lightgbmlib.LGBM_DatasetSetField(ds, "label", lightgbmlib.float_to_voidp_ptr(lab), rows,
                lightgbmlibConstants.C_API_DTYPE_FLOAT32), "LGBM_DatasetSetField(label)");
        return ds;
    }

    /**
     * Forecasts h steps after the first {@code length[i]} steps of every series, recursively. A series with one
     * point is forecast by NAIVE (FCST-R18); one with none gets null.
     *
     * @param model   the model
     * @param series  the series
     * @param length  history steps per series
     * @param covs    covariates covering at least {@code length[i] + h} steps
     * @param h       steps
     * @param threads native threads
     * @return per series, the prediction (quantiles sorted per step), or null
     */
    static Prediction[] predict(Model model, List<Series> series, int[] length, List<SeriesCovariates> covs, int h,
                                int threads) {
        return predict(model, series, length, covs, h, threads, null);
    }

    /** The feature rows of a recursive forecast, kept for {@link #contributions}. */
    private static final class Rows {
        final List<Integer> active = new ArrayList<>();
        final List<double[]> perStep = new ArrayList<>();
        double[] scale;
    }

    /**
     * SHAP contributions (LightGBM's tree SHAP, {@code C_API_PREDICT_CONTRIB}) of the mean model on the rows of the
     * recursive forecast of {@link #predict} (FCST-R20): for series i, step k and column j, the column's share of the
     * predicted change of step k, times the series' scale (units of y). Per row the contributions plus the model's
     * expected value (not returned) add up to the model's output.
     *
     * @return [series][step][column]; null for series the model does not forecast (fewer than 2 points)
     */
    static double[][][] contributions(Model model, List<Series> series, int[] length, List<SeriesCovariates> covs,
                                      int h, int threads) {
        Rows rec = new Rows();
        predict(model, series, length, covs, h, threads, rec);
        double[][][] out = new double[series.size()][][];
        int rows = rec.active.size();
        if (rows == 0) {
            return out;
        }
        int width = model.features().width();
        long total = (long) rows * h;
        if (total * (width + 1) > Integer.MAX_VALUE) {
            throw new IllegalStateException("too many forecast rows to explain: " + total + " rows of " + width
                    + " features");
        }
        try (LightGbmArena arena = new LightGbmArena()) {
            silence();
            SWIGTYPE_p_int iterations = arena.intp();
            SWIGTYPE_p_void booster = LightGbmArena.create(o -> lightgbmlib.LGBM_BoosterLoadModelFromString(
                    model.meanModel(), iterations, o), "LGBM_BoosterLoadModelFromString");
            arena.onClose(() -> lightgbmlib.LGBM_BoosterFree(booster));
            SWIGTYPE_p_double data = arena.doubles(total * width);
            int p = 0;
            for (double[] step : rec.perStep) {
                for (double v : step) {
                    lightgbmlib.doubleArray_setitem(data, p++, v);
                }
            }
            SWIGTYPE_p_double result = arena.doubles(total * (width + 1));
            SWIGTYPE_p_long_long len = arena.int64p();
            check(lightgbmlib.LGBM_BoosterPredictForMat(booster, lightgbmlib.double_to_voidp_ptr(data),
                    lightgbmlibConstants.C_API_DTYPE_FLOAT64, (int) total, width, 1,
                    lightgbmlibConstants.C_API_PREDICT_CONTRIB, 0, -1,
                    "verbosity=-1 num_threads=" + nativeThreads(threads, (int) total), len, result),
                    "LGBM_BoosterPredictForMat(contrib)");
            for (int a = 0; a < rows; a++) {
                out[rec.active.get(a)] = new double[h][width];
            }
            for (int step = 0; step < h; step++) {
                for (int a = 0; a < rows; a++) {
                    int i = rec.active.get(a);
                    long base = ((long) step * rows + a) * (width + 1);
                    for (int j = 0; j < width; j++) {
                        out[i][step][j] = lightgbmlib.doubleArray_getitem(result, base + j) * rec.scale[i];
                    }
                }
            }
        }
        return out;
    }

    private static Prediction[] predict(Model model, List<Series> series, int[] length, List<SeriesCovariates> covs,
                                        int h, int threads, Rows record) {
        LightGbmNatives.require();
        int n = series.size();
        double[] levels = model.levels();
        Prediction[] out = new Prediction[n];
        List<Integer> active = new ArrayList<>();
        double[][] z = new double[n][];
        double[] scale = new double[n];
        for (int i = 0; i < n; i++) {
            if (length[i] <= 0) {
                continue;
            }
            if (length[i] == 1) {
                out[i] = NaiveModels.seasonal(Stats.interpolate(java.util.Arrays.copyOf(series.get(i).values(), 1)),
                        h, 1, levels);
                continue;
            }
            active.add(i);
            scale[i] = GbmFeatures.scale(series.get(i).values(), length[i]);
            z[i] = new double[length[i] + h];
            for (int t = 0; t < length[i]; t++) {
                z[i][t] = series.get(i).values()[t] / scale[i];
            }
        }
        if (record != null) {
            record.active.addAll(active);
            record.scale = scale;
        }
        if (active.isEmpty()) {
            return out;
        }
        GbmFeatures features = model.features();
        int width = features.width();
        int rows = active.size();
        double[][] mean = new double[n][h];
        double[][][] q = new double[n][levels.length][h];
        String[] texts = new String[levels.length + 1];
        texts[0] = model.meanModel();
        System.arraycopy(model.quantileModels(), 0, texts, 1, levels.length);
        try (LightGbmArena arena = new LightGbmArena()) {
            silence();
            SWIGTYPE_p_void[] boosters = new SWIGTYPE_p_void[texts.length];
            SWIGTYPE_p_int iterations = arena.intp();
            for (int k = 0; k < texts.length; k++) {
                String text = texts[k];
                SWIGTYPE_p_void b = LightGbmArena.create(out2 -> lightgbmlib.LGBM_BoosterLoadModelFromString(text,
                        iterations, out2), "LGBM_BoosterLoadModelFromString");
                arena.onClose(() -> lightgbmlib.LGBM_BoosterFree(b));
                boosters[k] = b;
            }
            double[] x = new double[rows * width];
            SWIGTYPE_p_double data = arena.doubles(x.length);
            SWIGTYPE_p_double result = arena.doubles(rows);
            SWIGTYPE_p_long_long len = arena.int64p();
            String predictParams = "verbosity=-1 num_threads=" + nativeThreads(threads, rows);
            for (int step = 0; step < h; step++) {
                for (int a = 0; a < rows; a++) {
                    int i = active.get(a);
                    Series s = series.get(i);
                    features.row(z[i], length[i] + step, s.start(), covs.get(i), s.id(), x, a * width);
                }
                for (int j = 0; j < x.length; j++) {
                    lightgbmlib.doubleArray_setitem(data, j, x[j]);
                }
                if (record != null) {
                    record.perStep.add(x.clone());
                }
                for (int k = 0; k < boosters.length; k++) {
                    check(lightgbmlib.LGBM_BoosterPredictForMat(boosters[k], lightgbmlib.double_to_voidp_ptr(data),
                            lightgbmlibConstants.C_API_DTYPE_FLOAT64, rows, width, 1,
                            lightgbmlibConstants.C_API_PREDICT_NORMAL, 0, -1, predictParams, len, result),
                            "LGBM_BoosterPredictForMat");
                    for (int a = 0; a < rows; a++) {
                        int i = active.get(a);
                        double v = lightgbmlib.doubleArray_getitem(result, a);
                        // the models learn the change from the previous (scaled) value
                        double base = z[i][length[i] + step - 1];
                        v += Double.isNaN(base) ? 0 : base;
                        if (k == 0) {
                            z[i][length[i] + step] = v;
                            mean[i][step] = v * scale[i];
                        } else {
                            q[i][k - 1][step] = v * scale[i];
                        }
                    }
                }
            }
        }
        for (int i : active) {
            Prediction p = new Prediction(mean[i], q[i]);
            Models.sortQuantiles(p);
            out[i] = p;
        }
        return out;
    }

    /** Rows per native thread, as automl-core's boosting learners: small data trains faster on one thread. */
    static final int ROWS_PER_THREAD = 4096;

    /** @return native threads: 1..requested, one per {@value #ROWS_PER_THREAD} rows */
    static int nativeThreads(int requested, int rows) {
        return Math.max(1, Math.min(requested, rows / ROWS_PER_THREAD));
    }

    private static double[] scaled(double[] y, int length) {
        double s = GbmFeatures.scale(y, length);
        double[] z = new double[length];
        for (int t = 0; t < length; t++) {
            z[t] = y[t] / s;
        }
        return z;
    }

    /** A non-negative 31-bit seed per (job seed, salt). */
    private static int seed31(long seed, int salt) {
        long z = seed + 0x9E3779B97F4A7C15L * (salt + 1L) + 0x4742424DL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (int) (z & 0x7FFFFFFF);
    }

    /** Sets this thread's LightGBM log level to fatal-only (LightGBM keeps it per thread). */
    private static void silence() {
        lightgbmlib.LGBM_DatasetUpdateParamChecking("verbosity=-1", "verbosity=-1");
    }
}
