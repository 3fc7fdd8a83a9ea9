package io.automl4j.core.internal.learn;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * automl4j's own CART grower for the random forest (classification and squared-error regression) and for
 * classification extra trees, writing straight into {@link CompactForest}'s layout. It replaces Tribuo's CART there:
 * Tribuo keeps an object per distinct value of every feature in every node and copied most of the data at each
 * split, which made a 5-fold bagged forest of 300 trees take ~20 s on 800 rows.
 *
 * <p><b>Best splits (random forest).</b> Features are {@link FeatureBins} indices (at most 256 per column, one byte
 * each, column-major). At each node, {@code mtry} candidate features are drawn without replacement from the tree's
 * random stream; one that is constant in the node still counts, as in Tribuo and R's randomForest, so a node whose
 * candidates are all constant becomes a leaf. (Skipping constant candidates and drawing on, as scikit-learn does,
 * measured worse on credit_g, mean test AUC / log loss over seeds 1-6: random forest 0.650 / 0.590 against
 * 0.659 / 0.581, extra trees 0.667 / 0.605 against 0.682 / 0.570.) For each candidate, a histogram of the node's
 * rows per bin (class weights; or weight and weighted target sum) is accumulated and scanned once for the best cut
 * between two consecutive non-empty bins: the largest decrease in weighted Gini impurity, entropy or squared error,
 * subject to each child's weight being at least {@code minLeafWeight} (and positive). The cut between non-empty
 * bins {@code a < b} is mapped to a raw value with {@link FeatureBins#rawThreshold}{@code (j, (a + b) / 2)}, exactly
 * as the Tribuo path mapped Tribuo's midpoint thresholds on bin indices, so "value &gt; threshold goes right" at
 * prediction is "bin &gt; a" in training. Missing values are bin 0, below all values: a split can isolate them or
 * send them left with the smallest values, and a NaN never compares greater than a threshold, so they go left at
 * prediction too.
 *
 * <p><b>Random splits (classification extra trees; Geurts, Ernst &amp; Wehenkel 2006).</b> On the raw values, as
 * {@link ExtraTreesRegression}: each candidate feature gets one threshold drawn uniformly between its minimum and
 * maximum in the node (NaN ignored), and the best of those by impurity wins. Missing values go left; a feature
 * whose present values are constant in the node but which has missing values there is split missing versus
 * present.
 *
 * <p>Trees: bootstrap (when asked) multiplies each row's weight by the number of times it was drawn, from a
 * separate per-tree seed; rows never drawn take no part. A node becomes a leaf (weighted class distribution, or
 * weighted mean) when it is pure, is at {@code maxDepth} (root = 0), has fewer than two rows or less than twice
 * {@code minLeafWeight}, or has no valid split. Any valid split is taken, also one without impurity decrease (as
 * scikit-learn; Tribuo required a strict decrease, which measured no different). Rows are kept in one index array
 * per tree, partitioned in place at each split; histograms are per-tree scratch arrays (only the bins a node
 * touched are scanned and cleared). Deterministic for the seeds; instances are immutable and {@link #grow} may run
 * on several threads at once.
 */
final class HistForest {

    /** Split criterion. */
    enum Criterion { GINI, ENTROPY, SQUARED_ERROR, ABSOLUTE_ERROR }

    private static final int HIST_BINS = 256;

    private final int n;
    private final int p;
    /** Column-major bin indices (unsigned bytes), best splits only. */
    private final byte[] binned;
    private final FeatureBins bins;
    /** Column-major raw values, random splits only. */
    private final double[] raw;
    private final int[] labels;
    private final int k;
    private final double[] y;
    private final float[] w;
    private final Criterion criterion;
    private final int mtry;
    private final double minLeafWeight;
    private final int maxDepth;
    private final boolean bootstrap;
    private final boolean randomSplits;
    /** Best splits by absolute error (regression with {@link Criterion#ABSOLUTE_ERROR}), else null. */
    private final AbsoluteErrorSplitter absoluteError;

    private HistForest(FeatureMatrix x, int[] labels, int k, double[] y, float[] weights, Criterion criterion,
                       int mtry, double minLeafWeight, int maxDepth, boolean bootstrap, boolean randomSplits) {
        this.n = x.rows();
        this.p = x.cols();
        this.labels = labels;
        this.k = k;
        this.y = y;
        this.w = weights;
        this.criterion = criterion;
        this.mtry = Math.max(1, Math.min(p, mtry));
        this.minLeafWeight = minLeafWeight;
        this.maxDepth = maxDepth;
        this.bootstrap = bootstrap;
        this.randomSplits = randomSplits;
        this.absoluteError = criterion == Criterion.ABSOLUTE_ERROR ? new AbsoluteErrorSplitter(y) : null;
        double[] rowMajor = x.data();
        if (randomSplits) {
            this.bins = null;
            this.binned = null;
            this.raw = new double[n * p];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < p; j++) {
                    double v = rowMajor[i * p + j];
                    if (Double.isInfinite(v)) {
                        // as FeatureBins rejects them for best splits: a uniform threshold needs a finite range
                        throw new IllegalArgumentException("feature '" + x.names().get(j) + "' of row " + i + " is "
                                + v + " (expected finite or NaN)");
                    }
                    raw[j * n + i] = v;
                }
            }
        } else {
            this.bins = FeatureBins.fit(x);
            this.raw = null;
            this.binned = new byte[n * p];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < p; j++) {
                    binned[j * n + i] = (byte) (int) bins.bin(j, rowMajor[i * p + j]);
                }
            }
        }
    }

    /**
     * @param x             features (NaN = missing; infinite values rejected for best splits)
     * @param labels        class of every row, in [0, k)
     * @param k             number of classes (at least 2)
     * @param weights       per-row weights scaled to mean 1, or null for all 1
     * @param criterion     {@link Criterion#GINI} or {@link Criterion#ENTROPY}
     * @param mtry          candidate features per split, clamped to 1..p
     * @param minLeafWeight minimum weight in each child of a split
     * @param maxDepth      maximum depth (root = 0); {@code Integer.MAX_VALUE} for none
     * @param bootstrap     grow each tree on a bootstrap sample
     * @param randomSplits  one uniform random threshold per candidate feature (extra trees) instead of the best
     */
    static HistForest classification(FeatureMatrix x, int[] labels, int k, float[] weights, Criterion criterion,
                                     int mtry, double minLeafWeight, int maxDepth, boolean bootstrap,
                                     boolean randomSplits) {
        if (criterion == Criterion.SQUARED_ERROR || k < 2) {
            throw new IllegalArgumentException("classification needs gini or entropy and k >= 2 but got "
                    + criterion + ", k = " + k);
        }
        return new HistForest(x, labels, k, null, weights, criterion, mtry, minLeafWeight, maxDepth, bootstrap,
                randomSplits);
    }

    /** As {@link #classification} for squared-error regression trees with best splits on finite targets. */
    static HistForest regression(FeatureMatrix x, double[] y, float[] weights, int mtry, double minLeafWeight,
                                 int maxDepth, boolean bootstrap) {
        return regression(x, y, weights, Criterion.SQUARED_ERROR, mtry, minLeafWeight, maxDepth, bootstrap);
    }

    /**
     * As {@link #classification} for regression trees with best splits on finite targets, by squared error or by
     * absolute error ({@link AbsoluteErrorSplitter}: deviations from each child's weighted median). Leaves predict
     * the weighted mean with either criterion (as Tribuo's absolute-error trees did; the mean is what the RMSE and
     * the ensembles built on these predictions want).
     */
    static HistForest regression(FeatureMatrix x, double[] y, float[] weights, Criterion criterion, int mtry,
                                 double minLeafWeight, int maxDepth, boolean bootstrap) {
        if (criterion != Criterion.SQUARED_ERROR && criterion != Criterion.ABSOLUTE_ERROR) {
            throw new IllegalArgumentException("regression needs squared_error or absolute_error but got "
                    + criterion);
        }
        return new HistForest(x, null, 0, y, weights, criterion, mtry, minLeafWeight, maxDepth, bootstrap, false);
    }

    /** @return true when trees split on bins (then thresholds are bin cuts mapped to raw values) */
    boolean binnedSplits() {
        return !randomSplits;
    }

    /** A node still to grow: rows {@code rows[from, to)}, its depth, the split whose "greater" link points to it. */
    private record Frame(int from, int to, int depth, int parent) {
    }

    /** Per-tree scratch space, allocated once per tree. */
    private final class Scratch {
        final int width = k == 0 ? 2 : k;
        /** Per bin: k class weights, or weight and weighted target sum. */
        final double[] hist = new double[HIST_BINS * width];
        final int[] count = new int[HIST_BINS];
        /** The bins with rows in the current histogram. */
        final int[] touched = new int[HIST_BINS];
        final double[] total = new double[width];
        final double[] left = new double[width];
        final double[] right = new double[width];
        final double[] values = randomSplits ? new double[n] : null;
        final int[] features = new int[p];
        final AbsoluteErrorSplitter.Scratch absolute = absoluteError == null ? null : absoluteError.scratch();
        final double[] cut = new double[3];
    }

    /**
     * @param treeSeed the tree's random stream (feature draws, random thresholds)
     * @param bagSeed  the bootstrap sample's random stream (unused without bootstrap)
     * @return one tree in {@link CompactForest.Tree}'s layout
     */
    CompactForest.Tree grow(long treeSeed, long bagSeed) {
        SplittableRandom rng = new SplittableRandom(treeSeed);
        double[] tw = new double[n];
        int[] rows;
        if (bootstrap) {
            SplittableRandom bag = new SplittableRandom(bagSeed);
            int[] drawn = new int[n];
            for (int i = 0; i < n; i++) {
                drawn[bag.nextInt(n)]++;
            }
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (drawn[i] > 0) {
                    m++;
                }
            }
            rows = new int[m];
            m = 0;
            for (int i = 0; i < n; i++) {
                if (drawn[i] > 0) {
                    rows[m++] = i;
                    tw[i] = drawn[i] * (w == null ? 1.0 : w[i]);
                }
            }
        } else {
            rows = new int[n];
            for (int i = 0; i < n; i++) {
                rows[i] = i;
                tw[i] = w == null ? 1.0 : w[i];
            }
        }
        Scratch s = new Scratch();
        for (int j = 0; j < p; j++) {
            s.features[j] = j;
        }
        Nodes nodes = new Nodes(Math.max(16, rows.length / 2), k);
        ArrayDeque<Frame> stack = new ArrayDeque<>();
        stack.push(new Frame(0, rows.length, 0, -1));
        Split best = new Split();
        while (!stack.isEmpty()) {
            Frame f = stack.pop();
            int from = f.from();
            int to = f.to();
            int id = nodes.size;
            if (f.parent() >= 0) {
                nodes.next[f.parent()] = id;
            }
            double sw = nodeTotals(rows, from, to, tw, s.total);
            boolean pure;
            if (k == 0) {
                double sy = s.total[1];
                double syy = 0;
                for (int q = from; q < to; q++) {
                    int r = rows[q];
                    syy += tw[r] * y[r] * y[r];
                }
                pure = syy - sy * (sw > 0 ? sy / sw : 0) <= 1e-12 * Math.max(1e-300, syy);
            } else {
                int present = 0;
                for (int c = 0; c < k; c++) {
                    if (s.total[c] > 0) {
                        present++;
                    }
                }
                pure = present <= 1;
            }
            best.feature = -1;
            if (!pure && f.depth() < maxDepth && to - from >= 2 && sw >= 2 * minLeafWeight) {
                if (randomSplits) {
                    randomSplit(rows, from, to, tw, sw, rng, s, best);
                } else {
                    bestSplit(rows, from, to, tw, sw, rng, s, best);
                }
            }
            if (best.feature < 0) {
                if (k == 0) {
                    nodes.addRegressionLeaf(sw > 0 ? s.total[1] / sw : 0);
                } else {
                    nodes.addClassLeaf(s.total);
                }
                continue;
            }
            int j = best.feature;
            int mid = from;
            if (randomSplits) {
                int base = j * n;
                for (int q = from; q < to; q++) {
                    int r = rows[q];
                    if (!(raw[base + r] > best.threshold)) {
                        rows[q] = rows[mid];
                        rows[mid] = r;
                        mid++;
                    }
                }
                nodes.addSplit(j, best.threshold);
            } else {
                int base = j * n;
                for (int q = from; q < to; q++) {
                    int r = rows[q];
                    if ((binned[base + r] & 0xFF) <= best.leftBin) {
                        rows[q] = rows[mid];
                        rows[mid] = r;
                        mid++;
                    }
                }
                nodes.addSplit(j, bins.rawThreshold(j, (best.leftBin + best.rightBin) / 2.0));
            }
            // the "greater" child is popped after the whole "less or equal" subtree: pre-order, left child = id + 1
            stack.push(new Frame(mid, to, f.depth() + 1, id));
            stack.push(new Frame(from, mid, f.depth() + 1, -1));
        }
        return nodes.toTree();
    }

    /** The chosen split of a node: feature -1 for none. */
    private static final class Split {
        int feature;
        int leftBin;
        int rightBin;
        double threshold;
        double gain;
    }

    /** Fills {@code total} with the node's class weights (or weight and weighted target sum); returns its weight. */
    private double nodeTotals(int[] rows, int from, int to, double[] tw, double[] total) {
        Arrays.fill(total, 0);
        double sw = 0;
        if (k == 0) {
            double sy = 0;
            for (int q = from; q < to; q++) {
                int r = rows[q];
                sw += tw[r];
                sy += tw[r] * y[r];
            }
            total[0] = sw;
            total[1] = sy;
        } else {
            for (int q = from; q < to; q++) {
                int r = rows[q];
                total[labels[r]] += tw[r];
                sw += tw[r];
            }
        }
        return sw;
    }

    /** Draws the next candidate feature without replacement: moves it to {@code features[drawn]}. */
    private static int draw(int[] features, int drawn, SplittableRandom rng) {
        int pick = drawn + rng.nextInt(features.length - drawn);
        int j = features[pick];
        features[pick] = features[drawn];
        features[drawn] = j;
        return j;
    }

    private void bestSplit(int[] rows, int from, int to, double[] tw, double sw, SplittableRandom rng, Scratch s,
                           Split best) {
        double[] hist = s.hist;
        int[] count = s.count;
        int width = s.width;
        double[] left = s.left;
        double[] right = s.right;
        best.gain = Double.NEGATIVE_INFINITY;
        if (absoluteError != null) {
            absoluteError.beginNode(s.absolute, rows, from, to, tw);
            for (int drawn = 0; drawn < mtry; drawn++) {
                int j = draw(s.features, drawn, rng);
                if (absoluteError.bestCut(s.absolute, rows, from, to, binned, j * n, tw, minLeafWeight, s.cut)
                        && s.cut[0] > best.gain) {
                    best.gain = s.cut[0];
                    best.feature = j;
                    best.leftBin = (int) s.cut[1];
                    best.rightBin = (int) s.cut[2];
                }
            }
            absoluteError.endNode(s.absolute);
            return;
        }
        for (int drawn = 0; drawn < mtry; drawn++) {
            int j = draw(s.features, drawn, rng);
            int base = j * n;
            int[] touched = s.touched;
            int t = 0;
            int lo = HIST_BINS;
            int hi = -1;
            for (int q = from; q < to; q++) {
                int r = rows[q];
                int b = binned[base + r] & 0xFF;
                if (count[b]++ == 0) {
                    touched[t++] = b;
                }
                if (k == 0) {
                    hist[2 * b] += tw[r];
                    hist[2 * b + 1] += tw[r] * y[r];
                } else {
                    hist[b * k + labels[r]] += tw[r];
                }
                if (b < lo) {
                    lo = b;
                }
                if (b > hi) {
                    hi = b;
                }
            }
            if (t > 1) {
                // the non-empty bins in order: sorted when few (small nodes), else read off the range
                if (8 * t < hi - lo) {
                    Arrays.sort(touched, 0, t);
                } else {
                    t = 0;
                    for (int b = lo; b <= hi; b++) {
                        if (count[b] > 0) {
                            touched[t++] = b;
                        }
                    }
                }
                Arrays.fill(left, 0);
                for (int i = 0; i < t; i++) {
                    int b = touched[i];
                    if (i > 0) {
                        // candidate: bins <= touched[i - 1] left, bins >= b right
                        double gain = childrenGain(left, right, s.total, sw);
                        if (gain > best.gain) {
                            best.gain = gain;
                            best.feature = j;
                            best.leftBin = touched[i - 1];
                            best.rightBin = b;
                        }
                    }
                    int off = b * width;
                    for (int c = 0; c < width; c++) {
                        left[c] += hist[off + c];
                    }
                }
            }
            for (int i = 0; i < t; i++) {
                int b = touched[i];
                count[b] = 0;
                Arrays.fill(hist, b * width, (b + 1) * width, 0);
            }
        }
    }

    private void randomSplit(int[] rows, int from, int to, double[] tw, double sw, SplittableRandom rng,
                             Scratch s, Split best) {
        double[] values = s.values;
        double[] right = s.right;
        double[] left = s.left;
        best.gain = Double.NEGATIVE_INFINITY;
        for (int drawn = 0; drawn < mtry; drawn++) {
            int j = draw(s.features, drawn, rng);
            int base = j * n;
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            boolean missing = false;
            for (int q = from; q < to; q++) {
                double v = raw[base + rows[q]];
                values[q] = v;
                if (v < lo) {
                    lo = v;
                }
                if (v > hi) {
                    hi = v;
                }
                missing |= Double.isNaN(v);
            }
            double t;
            if (hi > lo) {
                t = lo + rng.nextDouble() * (hi - lo);
                if (!(t < hi)) {
                    t = lo;
                }
            } else if (missing && hi >= lo) {
                t = Double.NEGATIVE_INFINITY; // present values constant: missing versus present
            } else {
                continue; // constant (or all missing) in this node
            }
            Arrays.fill(right, 0);
            for (int q = from; q < to; q++) {
                if (values[q] > t) {
                    int r = rows[q];
                    if (k == 0) {
                        right[0] += tw[r];
                        right[1] += tw[r] * y[r];
                    } else {
                        right[labels[r]] += tw[r];
                    }
                }
            }
            double gain = childrenGain(right, left, s.total, sw);
            if (gain > best.gain) {
                best.gain = gain;
                best.feature = j;
                best.threshold = t;
            }
        }
    }

    /**
     * Completes {@code other} as the node's totals minus {@code side} and scores the split into the two.
     *
     * @return {@link #gain} (symmetric in the two children), or negative infinity when a child is lighter than
     *         {@code minLeafWeight} or empty
     */
    private double childrenGain(double[] side, double[] other, double[] total, double sw) {
        for (int c = 0; c < other.length; c++) {
            other[c] = total[c] - side[c];
        }
        double sideW = k == 0 ? side[0] : sum(side);
        double otherW = sw - sideW;
        if (sideW >= minLeafWeight && otherW >= minLeafWeight && sideW > 0 && otherW > 0) {
            return gain(side, sideW, other, otherW);
        }
        return Double.NEGATIVE_INFINITY;
    }

    /**
     * @return a score that orders splits as the decrease in weighted impurity does (larger is better): for Gini,
     * {@code sum_c L_c^2 / lw + sum_c R_c^2 / rw}; for entropy, minus the children's weighted entropies (in nats);
     * for squared error, {@code Sl^2 / lw + Sr^2 / rw}
     */
    private double gain(double[] left, double lw, double[] right, double rw) {
        switch (criterion) {
            case SQUARED_ERROR -> {
                return left[1] * left[1] / lw + right[1] * right[1] / rw;
            }
            case GINI -> {
                double l = 0;
                double r = 0;
                for (int c = 0; c < k; c++) {
                    l += left[c] * left[c];
                    r += right[c] * right[c];
                }
                return l / lw + r / rw;
            }
            default -> {
                // W * H(W) = W ln W - sum_c w_c ln w_c
                double g = -xlogx(lw) - xlogx(rw);
                for (int c = 0; c < k; c++) {
                    g += xlogx(left[c]) + xlogx(right[c]);
                }
                return g;
            }
        }
    }

    private static double xlogx(double v) {
        return v > 0 ? v * Math.log(v) : 0;
    }

    private static double sum(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s;
    }

    /** Growable node arrays in {@link CompactForest.Tree}'s layout. */
    private static final class Nodes {
        private final int k;
        int[] feature;
        double[] threshold;
        int[] next;
        double[] leafValues;
        int size;
        int valueSize;

        Nodes(int capacity, int k) {
            this.k = k;
            feature = new int[capacity];
            threshold = new double[capacity];
            next = new int[capacity];
            leafValues = new double[k == 0 ? 0 : capacity * k];
        }

        private void ensure() {
            if (size == feature.length) {
                int c = size * 2;
                feature = Arrays.copyOf(feature, c);
                threshold = Arrays.copyOf(threshold, c);
                next = Arrays.copyOf(next, c);
            }
        }

        void addSplit(int f, double t) {
            ensure();
            feature[size] = f;
            threshold[size] = t;
            size++;
        }

        void addRegressionLeaf(double value) {
            ensure();
            feature[size] = -1;
            threshold[size] = value;
            size++;
        }

        void addClassLeaf(double[] classWeights) {
            ensure();
            if (valueSize + k > leafValues.length) {
                leafValues = Arrays.copyOf(leafValues, Math.max(2 * leafValues.length, valueSize + k));
            }
            feature[size] = -1;
            threshold[size] = 0;
            next[size] = valueSize;
            System.arraycopy(classWeights, 0, leafValues, valueSize, k);
            double[] dist = Arrays.copyOfRange(leafValues, valueSize, valueSize + k);
            LearnSupport.normalize(dist);
            System.arraycopy(dist, 0, leafValues, valueSize, k);
            valueSize += k;
            size++;
        }

        CompactForest.Tree toTree() {
            return new CompactForest.Tree(Arrays.copyOf(feature, size), Arrays.copyOf(threshold, size),
                    Arrays.copyOf(next, size), Arrays.copyOf(leafValues, valueSize));
        }
    }
}
