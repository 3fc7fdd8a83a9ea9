package io.automl4j.core.internal.learn;

import io.automl4j.api.Algorithm;
import smile.classification.NeuralNetwork;

import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Multilayer perceptron (portfolio entry 6) on Smile 1.5.3's {@code NeuralNetwork}s: {@link NeuralNetwork}
 * (softmax output, cross-entropy) for classification and {@link smile.regression.NeuralNetwork} (linear output,
 * squared error, target standardised inside the learner and restored on predict) for regression.
 *
 * <p>What Smile 1.5.3 offers, and so what this learner really does (the spec's ReLU / dropout / Adam are not
 * available): hidden units use the logistic sigmoid; training is online stochastic gradient descent (one update
 * per row, rows shuffled every epoch) with Smile's momentum {@code delta = (1-m)*lr*grad + m*delta}, and Smile's
 * weight decay {@code w *= 1 - lr*decay} after each update; no dropout. The learner drives the epochs itself:
 * it draws the initial weights (uniform in +-1/sqrt(fan-in), Smile's rule) and the shuffles from
 * {@code ctx.seed()}, keeps an inner validation split ({@code validation_fraction}, stratified for
 * classification), evaluates it after every epoch and keeps the best weights; it stops after
 * {@code early_stopping_rounds} epochs without improvement, after {@code max_epochs}, or when the deadline passes
 * (checked every 256 rows; at least 256 rows are always learned; {@code timeLimited=true}).
 *
 * <p>Hyperparameters (defaults): {@code layers} 2 and {@code units} 256: hidden layer i has
 * {@code max(1, units / 2^i)} units, so 256/128; {@code activation} logistic_sigmoid and {@code optimizer}
 * sgd_momentum (fixed, listed so provenance states them); {@code learning_rate} 0.01; {@code momentum} 0.9;
 * {@code weight_decay} 0 (Smile allows [0, 0.1]); {@code max_epochs} 200; {@code early_stopping_rounds} 10;
 * {@code validation_fraction} 0.1, where 0 means no inner split and no early stopping: exactly {@code max_epochs}
 * epochs on all rows (for a refit with the epoch count of an earlier fit, or Hyperband). Sample weights are honoured
 * (Smile's per-row learning weight, scaled to mean 1). {@code info()} records {@code epochs}, {@code bestEpoch} and
 * the per-epoch {@code validationLosses}.
 *
 * <p>Deterministic for a seed: everything random comes from {@code ctx.seed()}; Smile's own (thread-local) random
 * generator is only used by the network constructor, whose weights are then overwritten.
 */
final class MlpLearner extends BaseLearner {
    static final String KIND = "mlp";
    private static final int FORMAT_VERSION = 1;
    private static final int CHECK_EVERY = 256;

    /** Everything a serialized Smile network may contain. */
    private static final Set<String> ALLOWED_CLASSES = Set.of(
            "smile.classification.NeuralNetwork",
            "smile.classification.NeuralNetwork$Layer",
            "smile.classification.NeuralNetwork$ErrorFunction",
            "smile.classification.NeuralNetwork$ActivationFunction",
            "smile.regression.NeuralNetwork",
            "smile.regression.NeuralNetwork$Layer",
            "smile.regression.NeuralNetwork$ActivationFunction",
            "java.lang.Enum");

    private final ClassicParams params;

    MlpLearner(Map<String, String> overrides) {
        super(Algorithm.MLP, Flavor.DENSE, true);
        this.params = ClassicParams.builder(Algorithm.MLP)
                .add("layers", "2", ClassicParams.intRange(1, 5))
                .add("units", "256", ClassicParams.intRange(1, 4096))
                .add("activation", "logistic_sigmoid", ClassicParams.oneOf("logistic_sigmoid"))
                .add("optimizer", "sgd_momentum", ClassicParams.oneOf("sgd_momentum"))
                .add("learning_rate", "0.01", ClassicParams.doubleRange(0, false, 10, true))
                .add("momentum", "0.9", ClassicParams.doubleRange(0, true, 1, false))
                .add("weight_decay", "0", ClassicParams.doubleRange(0, true, 0.1, true))
                .add("max_epochs", "200", ClassicParams.intRange(1, 100_000))
                .add("early_stopping_rounds", "10", ClassicParams.intRange(1, 100_000))
                .add("validation_fraction", "0.1", ClassicParams.doubleRange(0, true, 0.5, true))
                .resolve(overrides);
    }

    @Override
    public Map<String, String> hyperparameters() {
        return params.asMap();
    }

    /** @return the unit counts of all layers: input, hidden..., output */
    private int[] layerSizes(int inputs, int outputs) {
        int layers = params.getInt("layers");
        int units = params.getInt("units");
        int[] sizes = new int[layers + 2];
        sizes[0] = inputs;
        for (int i = 0; i < layers; i++) {
            sizes[i + 1] = Math.max(1, units >> i);
        }
        sizes[layers + 1] = outputs;
        return sizes;
    }

    /** Smile's two network classes behind one face. */
    private interface Net {
        /** One online update; {@code target} is the class index or the standardised value. */
        void learn(double[] x, double target, double weight);

        /** @return the loss of one row (cross-entropy or squared error) */
        double loss(double[] x, double target);

        Net copy();

        double[][] weights(int layer);

        Object smileModel();
    }

    private static final class ClassifierNet implements Net {
        private final NeuralNetwork nn;
        private final double[] buffer;

        ClassifierNet(NeuralNetwork nn, int k) {
            this.nn = nn;
            this.buffer = new double[k];
        }

        @Override
        public void learn(double[] x, double target, double weight) {
            nn.learn(x, (int) target, weight);
        }

        @Override
        public double loss(double[] x, double target) {
            nn.predict(x, buffer);
            return -Math.log(Math.max(buffer[(int) target], 1e-15));
        }

        @Override
        public Net copy() {
            return new ClassifierNet(nn.clone(), buffer.length);
        }

        @Override
        public double[][] weights(int layer) {
            return nn.getWeight(layer);
        }

        @Override
        public Object smileModel() {
            return nn;
        }
    }

    private static final class RegressorNet implements Net {
        private final smile.regression.NeuralNetwork nn;

        RegressorNet(smile.regression.NeuralNetwork nn) {
            this.nn = nn;
        }

        @Override
        public void learn(double[] x, double target, double weight) {
            nn.learn(x, target, weight);
        }

        @Override
        public double loss(double[] x, double target) {
            double d = nn.predict(x) - target;
            return d * d;
        }

        @Override
        public Net copy() {
            return new RegressorNet(nn.clone());
        }

        @Override
        public double[][] weights(int layer) {
            return nn.getWeight(layer);
        }

        @Override
        public Object smileModel() {
            return nn;
        }
    }

    @Override
    public Map<String, String> refitOverrides(List<Map<String, String>> foldInfos) {
        int n = Learner.meanInfo(foldInfos, "bestEpoch");
        return n < 1 ? Map.of() : Map.of("max_epochs", Integer.toString(n), "validation_fraction", "0");
    }

    @Override
    public FittedLearner fit(TrainData train, LearnContext ctx) {
        LearnSupport.checkNonEmpty(train, KIND);
        LearnSupport.checkFiniteFeatures(train.x(), "MLP");
        long start = System.nanoTime();
        Task task = ctx.task();
        int n = train.rows();
        int p = train.x().cols();
        double[][] x = train.x().toRowArrays();
        double[] target = new double[n];
        double yMean = 0;
        double yScale = 1;
        int[] labels = null;
        if (task.isRegression()) {
            LearnSupport.checkFiniteTargets(train.y());
            double[] y = train.y();
            for (double v : y) {
                yMean += v;
            }
            yMean /= n;
            double ss = 0;
            for (double v : y) {
                ss += (v - yMean) * (v - yMean);
            }
            yScale = Math.sqrt(ss / n);
            if (!(yScale > 0)) {
                yScale = 1;
            }
            for (int i = 0; i < n; i++) {
                target[i] = (y[i] - yMean) / yScale;
            }
        } else {
            labels = LearnSupport.classLabels(train.y(), task.numClasses());
            for (int i = 0; i < n; i++) {
                target[i] = labels[i];
            }
        }
        double[] weights = meanOneWeights(train);

        SplittableRandom rng = new SplittableRandom(ctx.seed());
        // inner validation split for early stopping (none when too few rows to spare any)
        boolean[] isValidation = validationSplit(n, labels, params.getDouble("validation_fraction"), rng.split());
        int[] trainIdx = indices(isValidation, false);
        int[] validIdx = indices(isValidation, true);

        int outputs = task.isRegression() ? 1 : task.numClasses();
        int[] sizes = layerSizes(p, outputs);
        Net net = newNet(task, sizes);
        initialiseWeights(net, sizes, rng.split());

        int maxEpochs = params.getInt("max_epochs");
        int patience = params.getInt("early_stopping_rounds");
        SplittableRandom shuffleRng = rng.split();
        Net best = net.copy();
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        int epochs = 0;
        boolean timeLimited = false;
        int stoppedAtStep = 0;
        long learned = 0;
        int[] order = trainIdx.clone();
        StringBuilder curve = new StringBuilder();
        epochLoop:
        for (int epoch = 1; epoch <= maxEpochs; epoch++) {
            shuffle(order, shuffleRng);
            for (int t = 0; t < order.length; t++) {
                if (t % CHECK_EVERY == 0 && learned >= CHECK_EVERY && ctx.shouldStop()) {
                    timeLimited = true;
                    if (t == 0) {
                        break epochLoop;
                    }
                    break;
                }
                int i = order[t];
                if (weights == null) {
                    net.learn(x[i], target[i], 1.0);
                } else if (weights[i] > 0) {
                    net.learn(x[i], target[i], weights[i]);
                }
                learned++;
            }
            epochs = epoch;
            double loss = validIdx.length == 0 ? -epoch : validationLoss(net, x, target, weights, validIdx);
            if (validIdx.length > 0) {
                curve.append(curve.length() == 0 ? "" : ",")
                        .append(String.format(java.util.Locale.ROOT, "%.6g", loss));
            }
            if (!Double.isFinite(loss)) {
                // diverged (e.g. a too large learning rate): keep the best weights so far
                break;
            }
            if (loss < bestLoss) {
                bestLoss = loss;
                bestEpoch = epoch;
                best = net.copy();
            } else if (epoch - bestEpoch >= patience) {
                break;
            }
            if (validIdx.length > 0 && !timeLimited && ctx.report(epoch, loss)) {
                stoppedAtStep = epoch;
                break;
            }
            if (timeLimited) {
                break;
            }
        }
        if (bestEpoch == 0) {
            // no finished epoch (deadline inside the first one, or divergence): keep the current weights
            best = net;
        }
        Map<String, String> info = new TreeMap<>();
        info.put("epochs", Integer.toString(epochs));
        if (stoppedAtStep > 0) {
            info.put("stoppedAtStep", Integer.toString(stoppedAtStep));
        }
        info.put("bestEpoch", Integer.toString(bestEpoch));
        info.put("validationRows", Integer.toString(validIdx.length));
        if (validIdx.length > 0 && Double.isFinite(bestLoss)) {
            info.put("validationLoss", Double.toString(bestLoss));
        }
        info.put("layerSizes", java.util.Arrays.toString(sizes));
        if (validIdx.length > 0) {
            // one value per epoch, for the engine's per-step reporting and stopping rules
            info.put("validationLosses", curve.toString());
        }
        info.put("timeLimited", Boolean.toString(timeLimited));
        info.put("fitMillis", Long.toString((System.nanoTime() - start) / 1_000_000));
        return new FittedMlp(task.numClasses(), p, yMean, yScale, best.smileModel(), info);
    }

    private static Net newNet(Task task, int[] sizes) {
        if (task.isRegression()) {
            return new RegressorNet(new smile.regression.NeuralNetwork(
                    smile.regression.NeuralNetwork.ActivationFunction.LOGISTIC_SIGMOID, sizes));
        }
        return new ClassifierNet(new NeuralNetwork(NeuralNetwork.ErrorFunction.CROSS_ENTROPY,
                NeuralNetwork.ActivationFunction.SOFTMAX, sizes), task.numClasses());
    }

    private Net configure(Net net) {
        double lr = params.getDouble("learning_rate");
        double momentum = params.getDouble("momentum");
        double decay = params.getDouble("weight_decay");
        if (net.smileModel() instanceof NeuralNetwork nn) {
            nn.setLearningRate(lr);
            nn.setMomentum(momentum);
            nn.setWeightDecay(decay);
        } else {
            smile.regression.NeuralNetwork nn = (smile.regression.NeuralNetwork) net.smileModel();
            nn.setLearningRate(lr);
            nn.setMomentum(momentum);
            nn.setWeightDecay(decay);
        }
        return net;
    }

    /**
     * Overwrites Smile's initial weights (drawn from its thread-local generator) with the same distribution drawn
     * from our seed. {@code getWeight} returns the live arrays.
     */
    private void initialiseWeights(Net net, int[] sizes, SplittableRandom rng) {
        configure(net);
        for (int l = 1; l < sizes.length; l++) {
            double[][] w = net.weights(l);
            double r = 1.0 / Math.sqrt(sizes[l - 1]);
            for (double[] row : w) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = -r + 2 * r * rng.nextDouble();
                }
            }
        }
    }

    private static double validationLoss(Net net, double[][] x, double[] target, double[] weights, int[] idx) {
        double sum = 0;
        double wsum = 0;
        for (int i : idx) {
            double w = weights == null ? 1 : weights[i];
            sum += w * net.loss(x[i], target[i]);
            wsum += w;
        }
        return wsum > 0 ? sum / wsum : 0;
    }

    private static double[] meanOneWeights(TrainData train) {
        if (train.weights() == null) {
            return null;
        }
        double sum = 0;
        for (double w : train.weights()) {
            if (!(w >= 0) || !Double.isFinite(w)) {
                throw new IllegalArgumentException("sample weights must be finite and >= 0 but one was " + w);
            }
            sum += w;
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("sample weights must not all be zero");
        }
        double[] out = new double[train.rows()];
        for (int i = 0; i < out.length; i++) {
            out[i] = train.weights()[i] * out.length / sum;
        }
        return out;
    }

    /** @return which rows are held out: a seeded fraction, stratified by class; none when fewer than 10 rows */
    static boolean[] validationSplit(int n, int[] labels, double fraction, SplittableRandom rng) {
        boolean[] out = new boolean[n];
        if (n < 10 || fraction == 0) {
            return out;
        }
        int groups = labels == null ? 1 : java.util.Arrays.stream(labels).max().orElse(0) + 1;
        for (int g = 0; g < groups; g++) {
            int count = 0;
            for (int i = 0; i < n; i++) {
                if (labels == null || labels[i] == g) {
                    count++;
                }
            }
            int[] members = new int[count];
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (labels == null || labels[i] == g) {
                    members[k++] = i;
                }
            }
            shuffle(members, rng);
            int take = (int) Math.round(count * fraction);
            // keep at least one training row of every class
            take = Math.min(take, count - 1);
            for (int t = 0; t < take; t++) {
                out[members[t]] = true;
            }
        }
        return out;
    }

    private static int[] indices(boolean[] mask, boolean value) {
        int c = 0;
        for (boolean b : mask) {
            if (b == value) {
                c++;
            }
        }
        int[] out = new int[c];
        int k = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] == value) {
                out[k++] = i;
            }
        }
        return out;
    }

    private static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** The fitted network. Smile's networks keep per-call buffers, so every predict works on its own copy. */
    static final class FittedMlp implements FittedLearner {
        private final int numClasses;
        private final int cols;
        private final double yMean;
        private final double yScale;
        private final Object model;
        private final Map<String, String> info;

        FittedMlp(int numClasses, int cols, double yMean, double yScale, Object model, Map<String, String> info) {
            this.numClasses = numClasses;
            this.cols = cols;
            this.yMean = yMean;
            this.yScale = yScale;
            this.model = model;
            this.info = Collections.unmodifiableMap(new TreeMap<>(info));
        }

        @Override
        public double[][] predict(FeatureMatrix x) {
            LearnSupport.checkWidth(x, cols, KIND);
            double[][] out = new double[x.rows()][];
            if (numClasses == 0) {
                smile.regression.NeuralNetwork nn = ((smile.regression.NeuralNetwork) model).clone();
                for (int i = 0; i < x.rows(); i++) {
                    out[i] = new double[] {yMean + yScale * nn.predict(x.row(i))};
                }
            } else {
                NeuralNetwork nn = ((NeuralNetwork) model).clone();
                for (int i = 0; i < x.rows(); i++) {
                    double[] proba = new double[numClasses];
                    nn.predict(x.row(i), proba);
                    LearnSupport.normalize(proba);
                    out[i] = proba;
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
                out.writeInt(numClasses);
                out.writeInt(cols);
                out.writeDouble(yMean);
                out.writeDouble(yScale);
                ModelBytes.writeInfo(out, info);
                // Smile 1.5.3 networks can only be saved by Java serialization; read back through an allowlist
                ModelBytes.writeBlob(out, ModelBytes.javaSerialize((java.io.Serializable) model));
            });
        }

        @Override
        public Map<String, String> info() {
            return info;
        }

        static FittedLearner load(byte[] bytes) {
            return ModelBytes.read(bytes, KIND, FORMAT_VERSION, (in, version) -> {
                int numClasses = in.readInt();
                int cols = in.readInt();
                double yMean = in.readDouble();
                double yScale = in.readDouble();
                Map<String, String> info = ModelBytes.readInfo(in);
                byte[] blob = ModelBytes.readBlob(in);
                if (numClasses < 0 || numClasses == 1 || cols < 1) {
                    throw new IOException("bad header: classes " + numClasses + ", columns " + cols);
                }
                Object model = numClasses == 0
                        ? ModelBytes.javaDeserialize(blob, ALLOWED_CLASSES, smile.regression.NeuralNetwork.class, KIND)
                        : ModelBytes.javaDeserialize(blob, ALLOWED_CLASSES, NeuralNetwork.class, KIND);
                return new FittedMlp(numClasses, cols, yMean, yScale, model, info);
            });
        }
    }

    /**
     * @param bytes what {@link FittedLearner#serialize()} of an MLP produced
     * @return the model
     * @throws io.automl4j.api.ModelFormatException when the bytes are not a readable MLP, or hold classes outside
     *                                              the allowlist of Smile network classes
     */
    static FittedLearner load(byte[] bytes) {
        return FittedMlp.load(bytes);
    }

    @Override
    public String toString() {
        return "MlpLearner" + params.asMap();
    }
}
