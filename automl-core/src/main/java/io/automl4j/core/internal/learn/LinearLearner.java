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
 * L2-regularised linear models (portfolio entry 7): Smile's {@link LogisticRegression} (binary logistic or
 * multinomial, fitted by BFGS / L-BFGS to the optimum of the penalised log-likelihood) for classification and
 * Smile's {@link RidgeRegression} (closed form) for regression. The regularisation strength is chosen by an inner,
 * seeded k-fold cross-validation over a grid of C values (stratified by class for classification; log-loss resp.
 * mean squared error), then the model is refitted on all rows with the chosen C, which {@link FittedLearner#info()}
 * records as {@code C}.
 *
 * <p>C and Smile's lambda: Smile minimises {@code -loglik + lambda/2 * |w|^2} (intercept not penalised), so
 * lambda = 1/C is exactly scikit-learn's {@code C}. Ridge minimises {@code RSS + lambda * |w|^2} on internally
 * centred and scaled columns; lambda = 1/C there too.
 *
 * <p>Hyperparameters (defaults): {@code c_grid} 0.01,0.1,1,10 (one value skips the inner CV); {@code inner_folds}
 * 3; {@code max_iter} 500 and {@code tol} 1e-5 (logistic optimiser). Sample weights are not supported: neither
 * Smile model accepts them. The deadline is checked before each inner fit; when it passes, C is chosen among the
 * fully evaluated values (or 1.0 when none was) and the final refit still runs ({@code timeLimited=true}).
 *
 * <p>Deterministic: the fold assignment comes from {@code ctx.seed()} and both Smile fits are deterministic.
 * Smile's logistic regression evaluates its objective on Smile's shared thread pool when there are at least 1,000
 * rows; the chunks are fixed by the row count and the pool size (the machine's core count) and summed in order, so
 * results repeat on one machine but may differ in the last bits between machines with different core counts.
 */
final class LinearLearner extends BaseLearner {
    static final String KIND = "linear";
    private static final int FORMAT_VERSION = 1;
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
            outer:
            for (double c : grid) {
                double loss = 0;
                for (int f = 0; f < folds; f++) {
                    if (ctx.shouldStop()) {
                        timeLimited = true;
                        break outer;
                    }
                    loss += foldLoss(x, train.y(), labels, fold, f, c, task);
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
        info.put("timeLimited", Boolean.toString(timeLimited));
        RidgeFit ridge = task.isRegression() ? fitRidge(x, train.y(), chosen) : null;
        LogisticFit logistic = task.isRegression() ? null : fitLogistic(x, labels, task.numClasses(), chosen);
        info.put("fitMillis", Long.toString((System.nanoTime() - start) / 1_000_000));
        return new FittedLinear(logistic, ridge, train.x().cols(), info);
    }

    /** @return the summed loss of the rows of fold {@code f} under a model fitted on the other folds */
    private double foldLoss(double[][] x, double[] y, int[] labels, int[] fold, int f, double c, Task task) {
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
        } else {
            LogisticFit m = fitLogistic(xt, lt, task.numClasses(), c);
            double[] proba = new double[task.numClasses()];
            for (int i = 0; i < x.length; i++) {
                if (fold[i] == f) {
                    m.predict(x[i], proba);
                    loss -= Math.log(Math.max(proba[labels[i]], 1e-15));
                }
            }
        }
        return loss;
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

    /** A logistic model over the classes present in training, mapped back to all k classes. */
    record LogisticFit(LogisticRegression model, int[] present, int numClasses) {
        void predict(double[] row, double[] out) {
            Arrays.fill(out, 0);
            if (model == null) {
                out[present[0]] = 1;
                return;
            }
            double[] p = new double[present.length];
            model.predict(row, p);
            for (int i = 0; i < present.length; i++) {
                out[present[i]] = p[i];
            }
            LearnSupport.normalize(out);
        }
    }

    static LogisticFit fitLogistic(double[][] x, int[] labels, int k, double c, double tol, int maxIter) {
        // Smile needs classes 0..m-1 all present: map the present ones, remember where they go back
        boolean[] seen = new boolean[k];
        for (int l : labels) {
            seen[l] = true;
        }
        int[] present = java.util.stream.IntStream.range(0, k).filter(i -> seen[i]).toArray();
        if (present.length == 1) {
            return new LogisticFit(null, present, k);
        }
        int[] index = new int[k];
        for (int i = 0; i < present.length; i++) {
            index[present[i]] = i;
        }
        int[] mapped = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            mapped[i] = index[labels[i]];
        }
        // Smile's BFGS gives up ("Too many iterations") on nearly unregularised, (quasi-)separable data: such a C
        // (e.g. from a tuning range) is lowered tenfold until it converges (down to C = 0.001), rather than failing
        double cc = c;
        while (true) {
            try {
                return new LogisticFit(new LogisticRegression(x, mapped, 1.0 / cc, tol, maxIter), present, k);
            } catch (IllegalStateException e) {
                if (cc / 10 < 1e-3 || e.getMessage() == null || !e.getMessage().contains("Too many iterations")) {
                    throw e;
                }
                org.slf4j.LoggerFactory.getLogger(LinearLearner.class).warn(
                        "logistic regression did not converge with C={}; retrying with C={}", cc, cc / 10);
                cc /= 10;
            }
        }
    }

    private LogisticFit fitLogistic(double[][] x, int[] labels, int k, double c) {
        return fitLogistic(x, labels, k, c, params.getDouble("tol"), params.getInt("max_iter"));
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

        @Override
        public byte[] serialize() {
            return ModelBytes.write(KIND, FORMAT_VERSION, out -> {
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
                    // Smile 1.5.3 offers no accessor for the logistic weights: Java serialization, read back
                    // through ModelBytes' allowlist filter
                    out.writeBoolean(logistic.model() != null);
                    if (logistic.model() != null) {
                        ModelBytes.writeBlob(out, ModelBytes.javaSerialize(logistic.model()));
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
                LogisticRegression model = null;
                if (in.readBoolean()) {
                    model = ModelBytes.javaDeserialize(ModelBytes.readBlob(in), ALLOWED_CLASSES,
                            LogisticRegression.class, KIND);
                }
                if ((model == null) != (m == 1)) {
                    throw new IOException("model presence does not match " + m + " classes");
                }
                int[] pr = present.stream().mapToInt(Integer::intValue).toArray();
                return new FittedLinear(new LogisticFit(model, pr, k), null, cols, info);
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
