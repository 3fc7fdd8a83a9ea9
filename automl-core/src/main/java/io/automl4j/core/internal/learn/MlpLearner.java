package io.automl4j.core.internal.learn;

import io.automl4j.api.Algorithm;
import io.automl4j.api.ModelFormatException;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Multilayer perceptron (AUTOML-R25 portfolio entry 6): fully connected ReLU network with inverted dropout, trained
 * by minibatch Adam with early stopping, in plain Java ({@link MlpNetwork}, {@link AdamOptimizer}).
 *
 * <p>Network: {@code layers} hidden ReLU layers, hidden layer i having {@code max(1, units / 2^i)} units (so
 * 256/128 by default); inverted {@code dropout} on hidden activations in training only; He-normal initial weights
 * from the seed. Classification (binary too) has k softmax outputs and minimises the cross-entropy; regression has
 * one linear output and minimises the squared error of the target standardised inside the learner (training mean
 * and standard deviation), restored on predict. Inputs are the DENSE flavour's standardised features.
 *
 * <p>Training: rows are shuffled every epoch from the seed and cut into minibatches of {@code batch_size}; each
 * minibatch's loss is the weighted mean {@code sum(w_i * loss_i) / batch rows} with sample weights scaled to mean 1
 * (plus L2 {@code weight_decay/2 * |W|^2} on the weights, not the biases), and one Adam step ({@code learning_rate},
 * beta 0.9/0.999, epsilon 1e-8; hand-written, see {@link AdamOptimizer} for why) follows. After every epoch the
 * weighted mean loss (cross-entropy, or squared error in standardised units) of the watched rows is computed:
 * {@link LearnContext#earlyStoppingData()} when the engine passes it (a bagged fold's out-of-fold rows; all
 * training rows then fit), else an {@link InnerSplit inner split} of {@code validation_fraction}. Training stops
 * after {@code early_stopping_rounds} epochs without improvement, after {@code max_epochs}, when a step monitor
 * asks ({@code stoppedAtStep}), or when the deadline passes or the thread is interrupted (checked before every
 * minibatch after the first; {@code timeLimited=true}); the weights of the best epoch are kept. With
 * {@code validation_fraction} 0 nothing is watched and exactly {@code max_epochs} epochs run on all rows (refit with
 * the bagged fits' mean best epoch, Hyperband's epoch resource). A non-finite training or watched loss (exploding
 * values) fails the fit with an {@link IllegalStateException} naming the epoch and the learning rate.
 *
 * <p>Hyperparameters (defaults): {@code layers} 2 (1..5), {@code units} 256, {@code activation} relu and
 * {@code optimizer} adam (fixed, listed for provenance), {@code learning_rate} 0.001, {@code dropout} 0.1 ([0, 1)),
 * {@code batch_size} 64 (R25 leaves it open; on vehicle, concrete and credit_g 64 beat 128 and 32),
 * {@code weight_decay} 0 ([0, 0.1]), {@code max_epochs} 200, {@code early_stopping_rounds} 10,
 * {@code validation_fraction} 0.1 ([0, 0.5]). {@code info()} records {@code epochs}, {@code bestEpoch},
 * {@code steps} (minibatch updates), {@code validationRows}, {@code validationSource}, the per-epoch
 * {@code validationLosses}, {@code layerSizes} and {@code timeLimited}.
 *
 * <p>Single-threaded and deterministic: initial weights, shuffles and dropout masks come from separate streams split
 * off {@code SplittableRandom(ctx.seed())}, so predictions are bit-identical for a seed whatever
 * {@code ctx.threads()} says.
 */
final class MlpLearner extends BaseLearner {
    static final String KIND = "mlp";
    /** 2: this network (flat doubles). 1 was the Smile 1.5.3 network of earlier builds: refused on load. */
    static final int FORMAT_VERSION = 2;
    /** Rows per forward pass when evaluating or predicting. */
    private static final int EVAL_CHUNK = 256;

    private final ClassicParams params;

    MlpLearner(Map<String, String> overrides) {
        super(Algorithm.MLP, Flavor.DENSE, true);
        this.params = ClassicParams.builder(Algorithm.MLP)
                .add("layers", "2", ClassicParams.intRange(1, 5))
                .add("units", "256", ClassicParams.intRange(1, 4096))
                .add("activation", "relu", ClassicParams.oneOf("relu"))
                .add("optimizer", "adam", ClassicParams.oneOf("adam"))
                .add("learning_rate", "0.001", ClassicParams.doubleRange(0, false, 1, true))
                .add("dropout", "0.1", ClassicParams.doubleRange(0, true, 1, false))
                .add("batch_size", "64", ClassicParams.intRange(1, 65_536))
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

    @Override
    public Map<String, String> refitOverrides(List<Map<String, String>> foldInfos, int refitRows) {
        // epochs are not scaled: an epoch over more rows already takes proportionally more steps
        int n = Learner.meanInfo(foldInfos, "bestEpoch");
        return n < 1 ? Map.of() : Map.of("max_epochs", Integer.toString(n), "validation_fraction", "0");
    }

    /** Rows with their learning targets: class indices or standardised values, and weights (null = 1). */
    private record Rows(double[] x, int cols, int[] labels, double[] targets, double[] weights, int n) {
    }

    @Override
    public FittedLearner fit(TrainData train, LearnContext ctx) {
        LearnSupport.checkNonEmpty(train, KIND);
        LearnSupport.checkFiniteFeatures(train.x(), "MLP");
        long start = System.nanoTime();
        Task task = ctx.task();
        int n = train.rows();
        int p = train.x().cols();
        double yMean = 0;
        double yScale = 1;
        if (task.isRegression()) {
            LearnSupport.checkFiniteTargets(train.y());
            for (double v : train.y()) {
                yMean += v;
            }
            yMean /= n;
            double ss = 0;
            for (double v : train.y()) {
                ss += (v - yMean) * (v - yMean);
            }
            yScale = Math.sqrt(ss / n);
            if (!(yScale > 0) || !Double.isFinite(yScale)) {
                yScale = 1;
            }
        }
        Rows all = rows(train, task, yMean, yScale, meanOneWeights(train));

        // which rows fit and which are watched for early stopping
        double fraction = params.getDouble("validation_fraction");
        Rows fitRows = all;
        Rows watch = null;
        String source = "none";
        if (fraction > 0) {
            TrainData es = ctx.earlyStoppingData();
            if (es != null && es.rows() > 0) {
                if (es.x().cols() != p) {
                    throw new IllegalArgumentException("MLP early-stopping data has " + es.x().cols()
                            + " columns but the training data has " + p);
                }
                LearnSupport.checkFiniteFeatures(es.x(), "MLP early-stopping data");
                if (task.isRegression()) {
                    LearnSupport.checkFiniteTargets(es.y());
                }
                watch = rows(es, task, yMean, yScale, es.weights());
                source = "earlyStoppingData";
            } else {
                InnerSplit split = InnerSplit.of(train.y(), task, ctx.seed(), fraction);
                if (split.hasValidation()) {
                    fitRows = select(all, split.train());
                    watch = select(all, split.valid());
                    source = "innerSplit";
                }
            }
        }

        int outputs = task.isRegression() ? 1 : task.numClasses();
        int[] sizes = layerSizes(p, outputs);
        MlpNetwork net = new MlpNetwork(sizes);
        SplittableRandom rng = new SplittableRandom(ctx.seed());
        double[] theta = net.initialParameters(rng.split());
        SplittableRandom shuffleRng = rng.split();
        SplittableRandom dropoutRng = rng.split();

        double lr = params.getDouble("learning_rate");
        double dropout = params.getDouble("dropout");
        double decay = params.getDouble("weight_decay");
        int maxEpochs = params.getInt("max_epochs");
        int patience = params.getInt("early_stopping_rounds");
        int batch = Math.min(params.getInt("batch_size"), fitRows.n());
        AdamOptimizer adam = new AdamOptimizer(theta.length, lr);
        MlpNetwork.Workspace ws = net.new Workspace(Math.max(batch, Math.min(EVAL_CHUNK,
                watch == null ? 0 : watch.n())));
        double[] grad = new double[theta.length];
        int[] batchLabels = new int[batch];
        double[] batchTargets = new double[batch];
        double[] batchWeights = fitRows.weights() == null ? null : new double[batch];

        double[] best = null;
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        int epochs = 0;
        boolean timeLimited = false;
        int stoppedAtStep = 0;
        int[] order = new int[fitRows.n()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        StringBuilder curve = new StringBuilder();
        for (int epoch = 1; epoch <= maxEpochs; epoch++) {
            shuffle(order, shuffleRng);
            boolean stepped = false;
            for (int from = 0; from < order.length; from += batch) {
                if (adam.steps() > 0 && ctx.shouldStop()) {
                    timeLimited = true;
                    break;
                }
                int rows = Math.min(batch, order.length - from);
                double[] in = ws.input();
                for (int b = 0; b < rows; b++) {
                    int r = order[from + b];
                    System.arraycopy(fitRows.x(), r * p, in, b * p, p);
                    if (fitRows.labels() != null) {
                        batchLabels[b] = fitRows.labels()[r];
                    } else {
                        batchTargets[b] = fitRows.targets()[r];
                    }
                    if (batchWeights != null) {
                        batchWeights[b] = fitRows.weights()[r];
                    }
                }
                net.forward(theta, ws, rows, dropout, dropoutRng);
                double scale = 1.0 / rows;
                double loss = fitRows.labels() != null
                        ? net.crossEntropy(ws, rows, batchLabels, batchWeights, scale)
                        : net.squaredError(ws, rows, batchTargets, batchWeights, scale);
                if (!Double.isFinite(loss)) {
                    throw diverged("training", epoch, loss);
                }
                Arrays.fill(grad, 0);
                net.backward(theta, ws, rows, dropout, grad);
                net.addWeightDecay(theta, decay, grad);
                adam.step(theta, grad);
                stepped = true;
            }
            if (!stepped) {
                break; // stopped before this epoch learned anything
            }
            epochs = epoch;
            if (watch == null) {
                bestEpoch = epoch;
            } else {
                double loss = meanLoss(net, theta, ws, watch);
                curve.append(curve.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.6g", loss));
                if (!Double.isFinite(loss)) {
                    throw diverged("validation", epoch, loss);
                }
                if (loss < bestLoss) {
                    bestLoss = loss;
                    bestEpoch = epoch;
                    if (best == null) {
                        best = theta.clone();
                    } else {
                        System.arraycopy(theta, 0, best, 0, theta.length);
                    }
                } else if (epoch - bestEpoch >= patience) {
                    break;
                }
                if (!timeLimited && ctx.report(epoch, loss)) {
                    stoppedAtStep = epoch;
                    break;
                }
            }
            if (timeLimited) {
                break;
            }
        }
        double[] kept = best != null ? best : theta;
        Map<String, String> info = new TreeMap<>();
        info.put("epochs", Integer.toString(epochs));
        if (stoppedAtStep > 0) {
            info.put("stoppedAtStep", Integer.toString(stoppedAtStep));
        }
        info.put("bestEpoch", Integer.toString(bestEpoch));
        info.put("steps", Integer.toString(adam.steps()));
        info.put("validationRows", Integer.toString(watch == null ? 0 : watch.n()));
        info.put("validationSource", source);
        if (watch != null && Double.isFinite(bestLoss)) {
            info.put("validationLoss", Double.toString(bestLoss));
            // one value per epoch, for the engine's per-step reporting and stopping rules
            info.put("validationLosses", curve.toString());
        }
        info.put("layerSizes", Arrays.toString(sizes));
        info.put("timeLimited", Boolean.toString(timeLimited));
        info.put("fitMillis", Long.toString((System.nanoTime() - start) / 1_000_000));
        return new FittedMlp(task.numClasses(), net, yMean, yScale, kept, info);
    }

    private IllegalStateException diverged(String which, int epoch, double loss) {
        return new IllegalStateException("MLP diverged: the " + which + " loss became " + loss + " in epoch "
                + epoch + " (learning_rate " + params.get("learning_rate") + ", weight_decay "
                + params.get("weight_decay") + "); non-finite values exploded in the network");
    }

    private static Rows rows(TrainData data, Task task, double yMean, double yScale, double[] weights) {
        int n = data.rows();
        if (task.isRegression()) {
            double[] t = new double[n];
            for (int i = 0; i < n; i++) {
                t[i] = (data.y()[i] - yMean) / yScale;
            }
            return new Rows(data.x().data(), data.x().cols(), null, t, weights, n);
        }
        return new Rows(data.x().data(), data.x().cols(), LearnSupport.classLabels(data.y(), task.numClasses()),
                null, weights, n);
    }

    private static Rows select(Rows r, int[] idx) {
        int p = r.cols();
        double[] x = new double[idx.length * p];
        int[] labels = r.labels() == null ? null : new int[idx.length];
        double[] targets = r.targets() == null ? null : new double[idx.length];
        double[] weights = r.weights() == null ? null : new double[idx.length];
        for (int k = 0; k < idx.length; k++) {
            int i = idx[k];
            System.arraycopy(r.x(), i * p, x, k * p, p);
            if (labels != null) {
                labels[k] = r.labels()[i];
            } else {
                targets[k] = r.targets()[i];
            }
            if (weights != null) {
                weights[k] = r.weights()[i];
            }
        }
        return new Rows(x, p, labels, targets, weights, idx.length);
    }

    /** @return the weighted mean loss of {@code rows} at inference (no dropout); 0 when all weights are 0 */
    private static double meanLoss(MlpNetwork net, double[] theta, MlpNetwork.Workspace ws, Rows rows) {
        int p = rows.cols();
        int chunk = ws.capacity;
        double sum = 0;
        double weightSum = 0;
        for (int from = 0; from < rows.n(); from += chunk) {
            int m = Math.min(chunk, rows.n() - from);
            System.arraycopy(rows.x(), from * p, ws.input(), 0, m * p);
            net.forward(theta, ws, m, 0, null);
            double[] w = rows.weights() == null ? null : Arrays.copyOfRange(rows.weights(), from, from + m);
            sum += rows.labels() != null
                    ? net.crossEntropy(ws, m, Arrays.copyOfRange(rows.labels(), from, from + m), w, 0)
                    : net.squaredError(ws, m, Arrays.copyOfRange(rows.targets(), from, from + m), w, 0);
            if (w == null) {
                weightSum += m;
            } else {
                for (double v : w) {
                    weightSum += v;
                }
            }
        }
        return weightSum > 0 ? sum / weightSum : 0;
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

    private static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** The fitted network: immutable parameters; every predict call uses its own buffers. */
    static final class FittedMlp implements FittedLearner {
        private final int numClasses;
        private final MlpNetwork net;
        private final double yMean;
        private final double yScale;
        private final double[] theta;
        private final Map<String, String> info;

        FittedMlp(int numClasses, MlpNetwork net, double yMean, double yScale, double[] theta,
                  Map<String, String> info) {
            this.numClasses = numClasses;
            this.net = net;
            this.yMean = yMean;
            this.yScale = yScale;
            this.theta = theta;
            this.info = Collections.unmodifiableMap(new TreeMap<>(info));
        }

        @Override
        public double[][] predict(FeatureMatrix x) {
            int p = net.inputs();
            LearnSupport.checkWidth(x, p, KIND);
            double[][] out = new double[x.rows()][];
            MlpNetwork.Workspace ws = net.new Workspace(Math.max(1, Math.min(EVAL_CHUNK, x.rows())));
            for (int from = 0; from < x.rows(); from += ws.capacity) {
                int m = Math.min(ws.capacity, x.rows() - from);
                System.arraycopy(x.data(), from * p, ws.input(), 0, m * p);
                net.forward(theta, ws, m, 0, null);
                if (numClasses == 0) {
                    double[] z = ws.output();
                    for (int b = 0; b < m; b++) {
                        out[from + b] = new double[] {yMean + yScale * z[b]};
                    }
                } else {
                    net.softmax(ws, m, out, from);
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
                out.writeDouble(yMean);
                out.writeDouble(yScale);
                ModelBytes.writeInfo(out, info);
                int[] sizes = net.sizes();
                out.writeInt(sizes.length);
                for (int s : sizes) {
                    out.writeInt(s);
                }
                ModelBytes.writeDoubles(out, theta);
            });
        }

        @Override
        public Map<String, String> info() {
            return info;
        }

        static FittedLearner load(byte[] bytes) {
            return ModelBytes.read(bytes, KIND, FORMAT_VERSION, (in, version) -> {
                if (version == 1) {
                    throw new ModelFormatException("Cannot load mlp model format version 1: it holds a Smile 1.5.3 "
                            + "network of an earlier automl4j build, which this build no longer reads (the MLP is "
                            + "now a ReLU/Adam network, format version " + FORMAT_VERSION + "); retrain the model");
                }
                int numClasses = in.readInt();
                double yMean = in.readDouble();
                double yScale = in.readDouble();
                Map<String, String> info = ModelBytes.readInfo(in);
                int count = in.readInt();
                if (count < 2 || count > 64) {
                    throw new IOException("bad layer count " + count);
                }
                int[] sizes = new int[count];
                for (int i = 0; i < count; i++) {
                    sizes[i] = in.readInt();
                }
                int outputs = numClasses == 0 ? 1 : numClasses;
                if (numClasses < 0 || numClasses == 1 || sizes[count - 1] != outputs) {
                    throw new IOException("bad header: classes " + numClasses + ", layer sizes "
                            + Arrays.toString(sizes));
                }
                MlpNetwork net;
                try {
                    net = new MlpNetwork(sizes);
                } catch (IllegalArgumentException e) {
                    throw new IOException(e.getMessage(), e);
                }
                double[] theta = ModelBytes.readDoubles(in);
                if (theta.length != net.parameterCount()) {
                    throw new IOException(theta.length + " parameters for layer sizes " + Arrays.toString(sizes)
                            + " (expected " + net.parameterCount() + ")");
                }
                return new FittedMlp(numClasses, net, yMean, yScale, theta, info);
            });
        }
    }

    /**
     * @param bytes what {@link FittedLearner#serialize()} of an MLP produced
     * @return the model
     * @throws ModelFormatException when the bytes are not a readable MLP of format version 2 (version 1, the
     *                              Smile network of earlier builds, is refused with a message saying so)
     */
    static FittedLearner load(byte[] bytes) {
        return FittedMlp.load(bytes);
    }

    @Override
    public String toString() {
        return "MlpLearner" + params.asMap();
    }
}
