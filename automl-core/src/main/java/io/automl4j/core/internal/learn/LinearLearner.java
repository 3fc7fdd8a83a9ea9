package io.automl4j.core.internal.learn;

import io.automl4j.api.Algorithm;
import smile.classification.LogisticRegression;
import smile.regression.RidgeRegression;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * L2-regularised linear models (portfolio entry 7): binary logistic or multinomial regression fitted by
 * {@link LogisticSolver} (Smile's L-BFGS on an objective evaluated on the candidate's own thread) for
 * classification and Smile's {@link RidgeRegression} (closed form) for regression. The regularisation strength is
 * chosen by an inner, seeded k-fold cross-validation over a grid of C values (stratified by class for
 * classification; log-loss resp. mean squared error), then the model is refitted on all rows with the chosen C,
 * which {@link FittedLearner#info()} records as {@code C}. Each fold's fit starts from its fit at the previous C,
 * and the final fit from the mean of the chosen C's fold models.
 *
 * <p>C and lambda: the logistic objective is {@code -loglik + lambda/2 * |w|^2} (intercepts not penalised), so
 * lambda = 1/C is exactly scikit-learn's {@code C}. Ridge minimises {@code RSS + lambda * |w|^2} on internally
 * centred and scaled columns; lambda = 1/C there too.
 *
 * <p>Hyperparameters (defaults): {@code c_grid} 0.01,0.1,1,10 (one value skips the inner CV); {@code inner_folds}
 * 3; {@code max_iter} 500 and {@code tol} 1e-5 (L-BFGS; a fit that reaches max_iter keeps its best point and
 * records {@code converged=false}). Sample weights are not supported. The deadline (and thread interruption) is
 * checked before each inner fit and before every evaluation of the logistic objective: when it passes during the
 * CV, C is chosen among the fully evaluated values (or 1.0 when none was); when it passes during the final fit,
 * that fit keeps its best point so far ({@code refitStopped=true}), which is at worst its start, the mean of the
 * chosen C's fold models. Either way {@code timeLimited=true}. When no C was evaluated and the final fit cannot
 * take a single step, the fit fails with that reason rather than return a constant model.
 *
 * <p>Deterministic and independent of the machine: the fold assignment comes from {@code ctx.seed()}, and all sums
 * run in row order on the calling thread.
 */
final class LinearLearner extends BaseLearner {
    static final String KIND = "linear";
    /** 1: logistic models as Java-serialised Smile objects (still read); 2: logistic parameters as doubles. */
    private static final int FORMAT_VERSION = 2;
    private static final Set<String> ALLOWED_CLASSES = Set.of(LogisticRegression.class.getName());

    private final ClassicParams params;

    LinearLearner(Map<String, String> overrides) {
        super(Algorithm.LINEAR, Flavor.DENSE, false);
        this.params = ClassicParams.builder(Algorithm.LINEAR)
                .add("c_grid", "0.01,0.1,1,10", ClassicParams.doubleList(0, false, 1e12))
                .add("inner_folds", "3", ClassicParams.intRange(2, 20))
                .add("max_iter", "500", ClassicParams.intRange(1, 100_000))
                .add("tol", "1e-5", ClassicParams.doubleRange(0, false, 1, false))
                .resolve(overrides);
    }

    @Override
    public Map<String, String> hyperparameters() {
        return params.asMap();
    }

    @Override
    public FittedLearner fit(TrainData train, LearnContext ctx) {
        LearnSupport.checkNonEmpty(train, KIND);
        LearnSupport.checkFiniteFeatures(train.x(), "LINEAR");
        long start = System.nanoTime();
        Task task = ctx.task();
        double[][] x = train.x().toRowArrays();
        double[] grid = params.getDoubles("c_grid");
        int[] labels = task.isRegression() ? null : LearnSupport.classLabels(train.y(), task.numClasses());
        if (task.isRegression()) {
            LearnSupport.checkFiniteTargets(train.y());
        }
        Map<String, String> info = new TreeMap<>();
        boolean timeLimited = false;
        double chosen = grid[0];
        List<LogisticFit> chosenFoldFits = List.of();
        int folds = Math.min(params.getInt("inner_folds"), x.length);
        if (grid.length > 1 && task.isRegression() && x.length - (x.length + folds - 1) / folds <= x[0].length) {
            // Smile's ridge needs more rows than columns: the inner folds are too small for that
            chosen = 1.0;
            info.put("cvSkipped", "inner training folds have no more rows than the " + x[0].length + " columns");
        } else if (grid.length > 1) {
            int[] fold = foldAssignment(x.length, labels, folds, ctx.seed());
            double best = Double.POSITIVE_INFINITY;
            boolean anyComplete = false;
            StringBuilder scores = new StringBuilder();
            LogisticFit[] previous = new LogisticFit[folds]; // each fold's last fit: the next C's warm start
            outer:
            for (double c : grid) {
                double loss = 0;
                List<LogisticFit> fits = new ArrayList<>();
                for (int f = 0; f < folds; f++) {
                    if (ctx.shouldStop()) {
                        timeLimited = true;
                        break outer;
                    }
                    FoldResult r = foldLoss(x, train.y(), labels, fold, f, c, task, previous[f], ctx);
                    if (r.stopped()) {
                        timeLimited = true;
                        break outer;
                    }
                    loss += r.loss();
                    if (r.fit() != null) {
                        previous[f] = r.fit();
                        fits.add(r.fit());
                    }
                }
                loss /= x.length;
                if (scores.length() > 0) {
                    scores.append(',');
                }
                scores.append(c).append(':').append(String.format(java.util.Locale.ROOT, "%.6g", loss));
                anyComplete = true;
                if (loss < best) {
                    best = loss;
                    chosen = c;
                    chosenFoldFits = fits;
                }
            }
            if (!anyComplete) {
                chosen = 1.0;
            }
            info.put("cvMetric", task.isRegression() ? "mse" : "log_loss");
            info.put("cvScores", scores.toString());
            info.put("innerFolds", Integer.toString(folds));
        }
        info.put("C", Double.toString(chosen));
        RidgeFit ridge = task.isRegression() ? fitRidge(x, train.y(), chosen) : null;
        LogisticFit logistic = null;
        if (!task.isRegression()) {
            // warm-started from the mean of the chosen C's fold models, so a fit the deadline stops at once
            // still predicts like those models
            LogisticResult r = fitLogistic(x, labels, task.numClasses(), chosen, meanFit(chosenFoldFits),
                    ctx::shouldStop);
            if (!r.moved()) {
                // only the class frequencies: a constant model would look like a candidate to the ensembles (a
                // constant leaves AUC unchanged, so greedy selection gave one 0.88 weight on adult at 60 s)
                throw new IllegalStateException("LINEAR: the time limit passed before the logistic fit on " + x.length
                        + " rows x " + x[0].length + " columns took a step (C=" + chosen + "); no model");
            }
            logistic = r.fit();
            if (r.stopped()) {
                timeLimited = true;
                info.put("refitStopped", "true");
            }
            info.put("converged", Boolean.toString(r.converged()));
        }
        info.put("timeLimited", Boolean.toString(timeLimited));
        info.put("fitMillis", Long.toString((System.nanoTime() - start) / 1_000_000));
        return new FittedLinear(logistic, ridge, train.x().cols(), info);
    }

    /**
     * @param loss    the summed loss of the fold's rows
     * @param fit     the logistic model fitted on the other folds (classification), else null
     * @param stopped true when the deadline stopped that fit (the loss is then not meaningful)
     */
    private record FoldResult(double loss, LogisticFit fit, boolean stopped) {
    }

    /** Fits on the folds other than {@code f} (logistic: from {@code warm}) and sums the loss on fold f's rows. */
    private FoldResult foldLoss(double[][] x, double[] y, int[] labels, int[] fold, int f, double c, Task task,
                                LogisticFit warm, LearnContext ctx) {
        int nTrain = 0;
        for (int v : fold) {
            if (v != f) {
                nTrain++;
            }
        }
        double[][] xt = new double[nTrain][];
        double[] yt = new double[nTrain];
        int[] lt = labels == null ? null : new int[nTrain];
        int k = 0;
        for (int i = 0; i < x.length; i++) {
            if (fold[i] != f) {
                xt[k] = x[i];
                yt[k] = y[i];
                if (lt != null) {
                    lt[k] = labels[i];
                }
                k++;
            }
        }
        double loss = 0;
        if (task.isRegression()) {
            RidgeFit m = fitRidge(xt, yt, c);
            for (int i = 0; i < x.length; i++) {
                if (fold[i] == f) {
                    double d = m.predict(x[i]) - y[i];
                    loss += d * d;
                }
            }
            return new FoldResult(loss, null, false);
        }
        LogisticResult r = fitLogistic(xt, lt, task.numClasses(), c, warm, ctx::shouldStop);
        if (r.stopped()) {
            return new FoldResult(Double.NaN, null, true);
        }
        double[] proba = new double[task.numClasses()];
        for (int i = 0; i < x.length; i++) {
            if (fold[i] == f) {
                r.fit().predict(x[i], proba);
                loss -= Math.log(Math.max(proba[labels[i]], 1e-15));
            }
        }
        return new FoldResult(loss, r.fit(), false);
    }

    /** Stratified for classification (each class dealt round-robin after a seeded shuffle), plain otherwise. */
    static int[] foldAssignment(int n, int[] labels, int folds, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] fold = new int[n];
        if (labels == null) {
            for (int i = 0; i < n; i++) {
                fold[order[i]] = i % folds;
            }
            return fold;
        }
        int maxClass = Arrays.stream(labels).max().orElse(0);
        int next = 0;
        for (int c = 0; c <= maxClass; c++) {
            for (int i : order) {
                if (labels[i] == c) {
                    fold[i] = next;
                    next = (next + 1) % folds;
                }
            }
        }
        return fold;
    }

    // ---- model fits ----

    /**
     * A logistic model over the classes present in training, mapped back to all k classes: {@link LogisticSolver}
     * parameters ({@code theta}), or a Smile model read from a format-1 file ({@code legacy}); neither when only
     * one class was present.
     */
    record LogisticFit(double[] theta, LogisticRegression legacy, int[] present, int numClasses) {
        boolean constant() {
            return theta == null && legacy == null;
        }

        void predict(double[] row, double[] out) {
            Arrays.fill(out, 0);
            if (constant()) {
                out[present[0]] = 1;
                return;
            }
            double[] p = new double[present.length];
            if (theta != null) {
                LogisticSolver.probabilities(theta, present.length, row, p);
            } else {
                legacy.predict(row, p);
            }
            for (int i = 0; i < present.length; i++) {
                out[present[i]] = p[i];
            }
            LearnSupport.normalize(out);
        }
    }

    /** A fit, whether it was cut short, and whether it moved from its start. */
    record LogisticResult(LogisticFit fit, boolean stopped, boolean converged, boolean moved) {
    }

    /**
     * @param start a fit over the same present classes to start from (warm start), or null
     * @param stop  asked before every objective evaluation; when it says stop, the best point so far is kept
     */
    static LogisticResult fitLogistic(double[][] x, int[] labels, int k, double c, double tol, int maxIter,
                                      LogisticFit start, java.util.function.BooleanSupplier stop) {
        // the solver needs classes 0..m-1 all present: map the present ones, remember where they go back
        boolean[] seen = new boolean[k];
        for (int l : labels) {
            seen[l] = true;
        }
        int[] present = java.util.stream.IntStream.range(0, k).filter(i -> seen[i]).toArray();
        if (present.length == 1) {
            return new LogisticResult(new LogisticFit(null, null, present, k), false, true, true);
        }
        int[] index = new int[k];
        for (int i = 0; i < present.length; i++) {
            index[present[i]] = i;
        }
        int[] mapped = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            mapped[i] = index[labels[i]];
        }
        double[] warm = start != null && start.theta() != null && Arrays.equals(start.present(), present)
                ? start.theta() : null;
        LogisticSolver.Solution s = LogisticSolver.fit(x, mapped, present.length, 1.0 / c, warm, tol, maxIter, stop);
        return new LogisticResult(new LogisticFit(s.theta(), null, present, k), s.stopped(), s.converged(),
                s.moved() || warm != null);
    }

    /** Element-wise mean of fits' parameters over the same classes (the final fit's warm start), else null. */
    static LogisticFit meanFit(List<LogisticFit> fits) {
        if (fits.isEmpty() || fits.get(0).theta() == null) {
            return null;
        }
        LogisticFit first = fits.get(0);
        double[] mean = new double[first.theta().length];
        for (LogisticFit f : fits) {
            if (f.theta() == null || !Arrays.equals(f.present(), first.present())) {
                return null;
            }
            for (int j = 0; j < mean.length; j++) {
                mean[j] += f.theta()[j] / fits.size();
            }
        }
        return new LogisticFit(mean, null, first.present(), first.numClasses());
    }

    private LogisticResult fitLogistic(double[][] x, int[] labels, int k, double c, LogisticFit warm,
                                       java.util.function.BooleanSupplier stop) {
        return fitLogistic(x, labels, k, c, params.getDouble("tol"), params.getInt("max_iter"), warm, stop);
    }

    /** Ridge coefficients on the original scale (Smile's fit, read back through its accessors). */
    record RidgeFit(double intercept, double[] coefficients) {
        double predict(double[] row) {
            double s = intercept;
            for (int j = 0; j < coefficients.length; j++) {
                s += coefficients[j] * row[j];
            }
            return s;
        }
    }

    static RidgeFit fitRidge(double[][] x, double[] y, double c) {
        int p = x[0].length;
        if (x.length <= p) {
            throw new IllegalArgumentException("LINEAR regression (Smile RidgeRegression) needs more rows than columns"
                    + " but got " + x.length + " rows and " + p + " columns");
        }
        RidgeRegression r = new RidgeRegression(x, y, 1.0 / c);
        return new RidgeFit(r.intercept(), r.coefficients().clone());
    }

    // ---- fitted model and persistence ----

    /** The fitted linear model; thread-safe. */
    static final class FittedLinear implements FittedLearner {
        private final LogisticFit logistic;
        private final RidgeFit ridge;
        private final int cols;
        private final Map<String, String> info;

        private FittedLinear(LogisticFit logistic, RidgeFit ridge, int cols, Map<String, String> info) {
            this.logistic = logistic;
            this.ridge = ridge;
            this.cols = cols;
            this.info = Collections.unmodifiableMap(new TreeMap<>(info));
        }

        @Override
        public double[][] predict(FeatureMatrix x) {
            LearnSupport.checkWidth(x, cols, KIND);
            double[][] out = new double[x.rows()][];
            for (int i = 0; i < x.rows(); i++) {
                double[] row = x.row(i);
                if (ridge != null) {
                    out[i] = new double[] {ridge.predict(row)};
                } else {
                    double[] p = new double[logistic.numClasses()];
                    logistic.predict(row, p);
                    out[i] = p;
                }
            }
            return out;
        }

        @Override
        public String kind() {
            return KIND;
        }

        /**
         * Format 2 stores the logistic parameters as doubles. A model read from a format-1 file (a Java-serialised
         * Smile model) is written back in format 1, so it round-trips unchanged.
         */
        @Override
        public byte[] serialize() {
            boolean legacy = logistic != null && logistic.legacy() != null;
            return ModelBytes.write(KIND, legacy ? 1 : FORMAT_VERSION, out -> {
                out.writeInt(cols);
                ModelBytes.writeInfo(out, info);
                if (ridge != null) {
                    out.writeByte('R');
                    out.writeDouble(ridge.intercept());
                    ModelBytes.writeDoubles(out, ridge.coefficients());
                } else {
                    out.writeByte('L');
                    out.writeInt(logistic.numClasses());
                    out.writeInt(logistic.present().length);
                    for (int c : logistic.present()) {
                        out.writeInt(c);
                    }
                    out.writeBoolean(!logistic.constant());
                    if (legacy) {
                        ModelBytes.writeBlob(out, ModelBytes.javaSerialize(logistic.legacy()));
                    } else if (logistic.theta() != null) {
                        ModelBytes.writeDoubles(out, logistic.theta());
                    }
                }
            });
        }

        @Override
        public Map<String, String> info() {
            return info;
        }

        static FittedLearner load(byte[] bytes) {
            return ModelBytes.read(bytes, KIND, FORMAT_VERSION, (in, version) -> {
                int cols = in.readInt();
                Map<String, String> info = ModelBytes.readInfo(in);
                int type = in.readByte();
                if (type == 'R') {
                    double intercept = in.readDouble();
                    double[] coef = ModelBytes.readDoubles(in);
                    if (coef.length != cols) {
                        throw new IOException("ridge has " + coef.length + " coefficients for " + cols + " columns");
                    }
                    return new FittedLinear(null, new RidgeFit(intercept, coef), cols, info);
                }
                if (type != 'L') {
                    throw new IOException("unknown linear model type " + type);
                }
                int k = in.readInt();
                int m = in.readInt();
                if (k < 2 || m < 1 || m > k) {
                    throw new IOException("bad class counts " + k + ", " + m);
                }
                List<Integer> present = new ArrayList<>();
                for (int i = 0; i < m; i++) {
                    int c = in.readInt();
                    if (c < 0 || c >= k) {
                        throw new IOException("bad class " + c);
                    }
                    present.add(c);
                }
                boolean hasModel = in.readBoolean();
                if (hasModel != (m > 1)) {
                    throw new IOException("model presence does not match " + m + " classes");
                }
                double[] theta = null;
                LogisticRegression legacy = null;
                if (hasModel && version == 1) {
                    // format 1: Smile 1.5.3's LogisticRegression, Java-serialised, read through the allowlist
                    legacy = ModelBytes.javaDeserialize(ModelBytes.readBlob(in), ALLOWED_CLASSES,
                            LogisticRegression.class, KIND);
                } else if (hasModel) {
                    theta = ModelBytes.readDoubles(in);
                    if (theta.length != LogisticSolver.parameterCount(m, cols)) {
                        throw new IOException("logistic model has " + theta.length + " parameters for " + m
                                + " classes and " + cols + " columns");
                    }
                }
                int[] pr = present.stream().mapToInt(Integer::intValue).toArray();
                return new FittedLinear(new LogisticFit(theta, legacy, pr, k), null, cols, info);
            });
        }
    }

    /**
     * @param bytes what {@link FittedLearner#serialize()} of a linear model produced
     * @return the model
     * @throws io.automl4j.api.ModelFormatException when the bytes are not a readable linear model
     */
    static FittedLearner load(byte[] bytes) {
        return FittedLinear.load(bytes);
    }

    @Override
    public String toString() {
        return "LinearLearner" + params.asMap();
    }
}
