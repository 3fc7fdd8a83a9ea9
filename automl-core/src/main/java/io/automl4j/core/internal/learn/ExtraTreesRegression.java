package io.automl4j.core.internal.learn;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Extremely randomised regression trees with the squared-error criterion (Geurts, Ernst &amp; Wehenkel 2006,
 * Algorithm 1, as scikit-learn's {@code ExtraTreesRegressor}), grown on the raw feature values straight into
 * {@link CompactForest}'s layout.
 *
 * <p><b>Why not Tribuo.</b> Tribuo 4.3.2's random-split regression node never clears its per-feature index lists,
 * so with more than one candidate feature per split each later candidate is scored on the union of earlier
 * candidates' rows and the chosen split is corrupt; with one feature per split it is correct but weak (on
 * concrete, test RMSE 8.4 against 5.4 for the random forest). Classification extra trees stay on Tribuo (their
 * random split is unaffected).
 *
 * <p>At each node, candidate features are drawn without replacement until {@code mtry} features that are not
 * constant in the node have been found (or none are left); each gets one threshold drawn uniformly between its
 * minimum and maximum in the node; the candidate with the largest weighted variance reduction wins, subject to each
 * child's weight being at least {@code minLeafWeight}. Missing values (NaN) go left, as {@link CompactForest}
 * routes them at prediction. A node becomes a leaf (weighted mean) when it cannot be split, is pure, or is at
 * {@code maxDepth}. Deterministic for a seed.
 */
final class ExtraTreesRegression {

    /** Column-major copy of the features: column j's rows are contiguous (cache-friendly per-feature passes). */
    private final double[] cols;
    private final int n;
    private final int p;
    private final double[] y;
    private final float[] w;
    private final int mtry;
    private final double minLeafWeight;
    private final int maxDepth;

    /**
     * @param train         training rows (NaN = missing feature value; targets finite)
     * @param weights       per-row weights scaled to mean 1, or null for all 1
     * @param mtry          candidate features per split, 1..p
     * @param minLeafWeight minimum weight in each child of a split
     * @param maxDepth      maximum depth (root = 0); {@code Integer.MAX_VALUE} for none
     */
    ExtraTreesRegression(TrainData train, float[] weights, int mtry, double minLeafWeight, int maxDepth) {
        this.p = train.x().cols();
        this.n = train.rows();
        double[] rowMajor = train.x().data();
        this.cols = new double[n * p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                cols[j * n + i] = rowMajor[i * p + j];
            }
        }
        this.y = train.y();
        this.w = weights;
        this.mtry = Math.max(1, Math.min(p, mtry));
        this.minLeafWeight = minLeafWeight;
        this.maxDepth = maxDepth;
    }

    /**
     * A node still to grow: its rows {@code rows[from, to)}, depth, the split whose "greater" link points to it
     * (-1 for none), and the features not known to be constant in it: {@code features[0, live)} (a feature constant
     * in a node is constant in all its descendants, so it is never scanned again below it, as in scikit-learn).
     */
    private record Frame(int from, int to, int depth, int parent, int[] features, int live) {
    }

    /** @return one tree grown on all rows with its own random stream */
    CompactForest.Tree grow(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] values = new double[n];
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        int[] all = new int[p];
        for (int j = 0; j < p; j++) {
            all[j] = j;
        }
        Nodes nodes = new Nodes(Math.max(16, 2 * n / 3));
        ArrayDeque<Frame> stack = new ArrayDeque<>();
        stack.push(new Frame(0, n, 0, -1, all, p));
        while (!stack.isEmpty()) {
            Frame f = stack.pop();
            int from = f.from();
            int to = f.to();
            int id = nodes.size;
            if (f.parent() >= 0) {
                nodes.next[f.parent()] = id;
            }
            double sw = 0;
            double sy = 0;
            double syy = 0;
            for (int k = from; k < to; k++) {
                int r = rows[k];
                double wi = w == null ? 1 : w[r];
                sw += wi;
                sy += wi * y[r];
                syy += wi * y[r] * y[r];
            }
            double mean = sw > 0 ? sy / sw : 0;
            boolean pure = syy - sy * mean <= 1e-12 * Math.max(1e-300, syy);
            int split = -1;
            double threshold = 0;
            int[] features = f.features();
            int live = f.live();
            if (!pure && f.depth() < maxDepth && to - from >= 2 && sw >= 2 * minLeafWeight) {
                double bestGain = Double.NEGATIVE_INFINITY;
                int found = 0;
                // draws without replacement from features[drawn, live): drawn ones move to the front; one found
                // constant here is swapped past the live end and dropped for the whole subtree
                int drawn = 0;
                while (drawn < live && found < mtry) {
                    int pick = drawn + rng.nextInt(live - drawn);
                    int j = features[pick];
                    double lo = Double.POSITIVE_INFINITY;
                    double hi = Double.NEGATIVE_INFINITY;
                    int base = j * n;
                    for (int k = from; k < to; k++) {
                        double v = cols[base + rows[k]];
                        values[k] = v;
                        if (v < lo) {
                            lo = v;
                        }
                        if (v > hi) {
                            hi = v;
                        }
                    }
                    if (!(hi > lo)) {
                        live--;
                        features[pick] = features[live];
                        features[live] = j;
                        continue; // constant (or all missing) in this node: does not count
                    }
                    features[pick] = features[drawn];
                    features[drawn] = j;
                    drawn++;
                    found++;
                    double t = lo + rng.nextDouble() * (hi - lo);
                    if (!(t < hi)) {
                        t = lo;
                    }
                    double rw = 0;
                    double ry = 0;
                    for (int k = from; k < to; k++) {
                        if (values[k] > t) {
                            int r = rows[k];
                            double wi = w == null ? 1 : w[r];
                            rw += wi;
                            ry += wi * y[r];
                        }
                    }
                    double lw = sw - rw;
                    if (lw < minLeafWeight || rw < minLeafWeight || !(lw > 0) || !(rw > 0)) {
                        continue;
                    }
                    double ly = sy - ry;
                    // maximising sum of (child sum)^2 / (child weight) maximises the reduction in squared error
                    double gain = ly * ly / lw + ry * ry / rw;
                    if (gain > bestGain) {
                        bestGain = gain;
                        split = j;
                        threshold = t;
                    }
                }
            }
            if (split < 0) {
                nodes.add(-1, mean);
                continue;
            }
            // partition: "less or equal" (and NaN) first, then "greater"
            int mid = from;
            for (int k = from; k < to; k++) {
                int r = rows[k];
                if (!(cols[split * n + r] > threshold)) {
                    rows[k] = rows[mid];
                    rows[mid] = r;
                    mid++;
                }
            }
            nodes.add(split, threshold);
            // the "greater" child is popped after the whole "less or equal" subtree: pre-order, left child = id + 1;
            // each child gets its own copy of the live features (the order of a copy is changed by its draws)
            stack.push(new Frame(mid, to, f.depth() + 1, id, Arrays.copyOf(features, live), live));
            stack.push(new Frame(from, mid, f.depth() + 1, -1, features, live));
        }
        return nodes.toTree();
    }

    /** Growable node arrays in {@link CompactForest.Tree}'s layout (a leaf keeps its value in threshold). */
    private static final class Nodes {
        int[] feature;
        double[] threshold;
        int[] next;
        int size;

        Nodes(int capacity) {
            feature = new int[capacity];
            threshold = new double[capacity];
            next = new int[capacity];
        }

        void add(int f, double t) {
            if (size == feature.length) {
                int c = size * 2;
                feature = Arrays.copyOf(feature, c);
                threshold = Arrays.copyOf(threshold, c);
                next = Arrays.copyOf(next, c);
            }
            feature[size] = f;
            threshold[size] = t;
            size++;
        }

        CompactForest.Tree toTree() {
            return new CompactForest.Tree(Arrays.copyOf(feature, size), Arrays.copyOf(threshold, size),
                    Arrays.copyOf(next, size), new double[0]);
        }
    }
}
