package io.automl4j.core.internal.learn;

import java.util.Arrays;

/**
 * Exact best split of a regression tree node by the absolute-error criterion (the decrease in the weighted sum of
 * absolute deviations from each child's weighted median), over the bins of one feature. This is the criterion of
 * portfolio entry 9 in regression (AUTOML-R25: "RANDOM_FOREST ... absolute error").
 *
 * <p>How: every row's target has a fixed rank among the training targets. Two Fenwick (binary indexed) trees over
 * the ranks hold, for the node and for the rows left of the current cut, the weight and the weighted target per
 * rank. Scanning a feature's bins in order moves each bin's rows into the "left" tree; at every cut between two
 * non-empty bins the weighted median of either side is found by a descent of the tree (the right side's is the
 * node's minus the left's, which a Fenwick tree allows because its node values are linear), and the sum of absolute
 * deviations from a median {@code m} is {@code m * W_below - S_below + S_above - m * W_above}, all read off the same
 * descent. A node costs O(rows * log n) per candidate feature, against O(rows * distinct values) or more for the
 * direct way; scikit-learn's criterion uses the same two-sided running medians.
 *
 * <p>The Fenwick trees of a node are over the node's own ranks (its rows' global ranks, sorted once per node), so
 * their size and depth shrink with the node; they are cleared by zeroing (not subtracting), so no rounding drift
 * carries from one feature or node to the next. Instances hold only the ranks; the mutable state is
 * in a {@link Scratch}, one per tree (so one per thread).
 */
final class AbsoluteErrorSplitter {
    private final int n;
    /** Rank (0-based, ties broken by row index) of every row's target. */
    private final int[] rank;
    /** Targets in rank order. */
    private final double[] sorted;

    /**
     * @param y finite targets of all training rows
     */
    AbsoluteErrorSplitter(double[] y) {
        this.n = y.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int c = Double.compare(y[a], y[b]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        this.rank = new int[n];
        this.sorted = new double[n];
        for (int r = 0; r < n; r++) {
            rank[order[r]] = r;
            sorted[r] = y[order[r]];
        }
    }

    /** Per-tree mutable state. */
    final class Scratch {
        // Fenwick trees, 1-based: node totals and the rows left of the cut; weight and weighted target
        final double[] totW = new double[n + 1];
        final double[] totS = new double[n + 1];
        final double[] leftW = new double[n + 1];
        final double[] leftS = new double[n + 1];
        // point values per rank (for the median row's own weight)
        final double[] pTotW = new double[n];
        final double[] pTotS = new double[n];
        final double[] pLeftW = new double[n];
        final double[] pLeftS = new double[n];
        final int[] byBin = new int[n];
        final int[] binStart = new int[257];
        final int[] binFill = new int[256];
        /** The node's global ranks, sorted; a global rank's position there; the node's targets in rank order. */
        final int[] nodeRanks = new int[n];
        final int[] local = new int[n];
        final double[] nodeSorted = new double[n];
        int size;
        int topStep;
        double nodeW;
        double nodeS;
    }

    Scratch scratch() {
        return new Scratch();
    }

    /** Ranks the node's rows and loads them into the node tree. Call {@link #endNode} before the next node. */
    void beginNode(Scratch s, int[] rows, int from, int to, double[] tw) {
        int m = to - from;
        for (int q = from; q < to; q++) {
            s.nodeRanks[q - from] = rank[rows[q]];
        }
        Arrays.sort(s.nodeRanks, 0, m);
        for (int i = 0; i < m; i++) {
            s.local[s.nodeRanks[i]] = i;
            s.nodeSorted[i] = sorted[s.nodeRanks[i]];
        }
        s.size = m;
        s.topStep = m == 0 ? 0 : Integer.highestOneBit(m);
        double sw = 0;
        double ss = 0;
        for (int q = from; q < to; q++) {
            int r = rows[q];
            double w = tw[r];
            if (w == 0) {
                continue;
            }
            sw += w;
            ss += insert(s, false, r, w);
        }
        s.nodeW = sw;
        s.nodeS = ss;
    }

    /** Clears the node tree. */
    void endNode(Scratch s) {
        int m = s.size;
        Arrays.fill(s.totW, 0, m + 1, 0);
        Arrays.fill(s.totS, 0, m + 1, 0);
        Arrays.fill(s.pTotW, 0, m, 0);
        Arrays.fill(s.pTotS, 0, m, 0);
    }

    /**
     * The best cut of one feature in the current node.
     *
     * @param binned        column-major bin indices (unsigned bytes) of all rows
     * @param base          the feature's offset in {@code binned}
     * @param minLeafWeight each child's weight must be at least this (and positive)
     * @param out           on success: {@code out[0]} = the score (minus the children's summed absolute deviations,
     *                      larger is better), {@code out[1]} = the last bin going left, {@code out[2]} = the first
     *                      bin going right
     * @return false when the feature has no valid cut in this node
     */
    boolean bestCut(Scratch s, int[] rows, int from, int to, byte[] binned, int base, double[] tw,
                    double minLeafWeight, double[] out) {
        // counting sort of the node's rows by bin, over the node's bin range only
        int[] start = s.binStart;
        int lo = 255;
        int hi = 0;
        for (int q = from; q < to; q++) {
            int b = binned[base + rows[q]] & 0xFF;
            lo = Math.min(lo, b);
            hi = Math.max(hi, b);
        }
        if (lo >= hi) {
            return false;
        }
        Arrays.fill(start, lo, hi + 2, 0);
        for (int q = from; q < to; q++) {
            start[(binned[base + rows[q]] & 0xFF) + 1]++;
        }
        start[lo] = 0;
        for (int b = lo; b <= hi; b++) {
            start[b + 1] += start[b];
        }
        int m = to - from;
        int[] fill = s.binFill;
        System.arraycopy(start, lo, fill, lo, hi - lo + 1);
        for (int q = from; q < to; q++) {
            int r = rows[q];
            s.byBin[fill[binned[base + r] & 0xFF]++] = r;
        }
        boolean found = false;
        double lw = 0;
        double ls = 0;
        int prevBin = -1;
        for (int b = lo; b <= hi; b++) {
            int a = start[b];
            int e = start[b + 1];
            if (a == e) {
                continue;
            }
            if (prevBin >= 0) {
                double rw = s.nodeW - lw;
                if (lw >= minLeafWeight && rw >= minLeafWeight && lw > 0 && rw > 0) {
                    double sad = deviation(s, true, lw, ls) + deviation(s, false, rw, s.nodeS - ls);
                    double score = -sad;
                    if (!found || score > out[0]) {
                        out[0] = score;
                        out[1] = prevBin;
                        out[2] = b;
                        found = true;
                    }
                }
            }
            for (int i = a; i < e; i++) {
                int r = s.byBin[i];
                double w = tw[r];
                if (w == 0) {
                    continue;
                }
                lw += w;
                ls += insert(s, true, r, w);
            }
            prevBin = b;
        }
        Arrays.fill(s.leftW, 0, m + 1, 0);
        Arrays.fill(s.leftS, 0, m + 1, 0);
        Arrays.fill(s.pLeftW, 0, m, 0);
        Arrays.fill(s.pLeftS, 0, m, 0);
        return found;
    }

    /**
     * Weighted sum of absolute deviations from the weighted median of the left rows, or of the node's rows minus the
     * left ones.
     */
    private double deviation(Scratch s, boolean left, double total, double totalS) {
        // smallest rank whose cumulative weight reaches half the total
        double half = total / 2;
        int size = s.size;
        int pos = 0;
        double w = 0;
        double sum = 0;
        for (int step = s.topStep; step > 0; step >>= 1) {
            int nx = pos + step;
            if (nx > size) {
                continue;
            }
            double vw = left ? s.leftW[nx] : s.totW[nx] - s.leftW[nx];
            if (w + vw < half) {
                pos = nx;
                w += vw;
                sum += left ? s.leftS[nx] : s.totS[nx] - s.leftS[nx];
            }
        }
        int k = Math.min(pos, size - 1); // the median row's position among the node's ranks
        double mw = left ? s.pLeftW[k] : s.pTotW[k] - s.pLeftW[k];
        double ms = left ? s.pLeftS[k] : s.pTotS[k] - s.pLeftS[k];
        double med = s.nodeSorted[k];
        double aboveW = total - w - mw;
        double aboveS = totalS - sum - ms;
        return Math.max(0, med * w - sum) + Math.max(0, aboveS - med * aboveW);
    }

    /** Adds row {@code r} with weight {@code w} to the left or the node tree; returns its weighted target. */
    private double insert(Scratch s, boolean left, int r, double w) {
        int k = s.local[rank[r]];
        double v = w * s.nodeSorted[k];
        if (left) {
            add(s.leftW, s.leftS, s.size, k, w, v);
            s.pLeftW[k] += w;
            s.pLeftS[k] += v;
        } else {
            add(s.totW, s.totS, s.size, k, w, v);
            s.pTotW[k] += w;
            s.pTotS[k] += v;
        }
        return v;
    }

    private static void add(double[] tw, double[] ts, int size, int k, double w, double v) {
        for (int i = k + 1; i <= size; i += i & -i) {
            tw[i] += w;
            ts[i] += v;
        }
    }
}
