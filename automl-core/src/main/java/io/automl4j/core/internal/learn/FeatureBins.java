package io.automl4j.core.internal.learn;

import java.util.Arrays;

/**
 * Per-column quantile bins for the tree ensembles, as in histogram-based boosting: NaN gets bin 0 and the observed
 * values bins {@code 1..m} (m at most {@link #MAX_BINS}), split by cut points between consecutive values. A column
 * with few distinct values gets one bin per value and cut points at the midpoints, which are exactly CART's
 * thresholds; a column with more gets count-based quantile cut points.
 *
 * <p>Trees are grown on bin indices (far fewer distinct values for Tribuo's CART to scan) and their thresholds are
 * mapped back to raw values with {@link #rawThreshold}: "bin &gt; t" is "value &gt; cut[floor(t) - 1]", and for
 * {@code floor(t) == 0} (missing versus everything else) "value &gt; -infinity". A raw NaN never satisfies
 * {@code value > threshold}, so at prediction time missing values go left, exactly as bin 0 does in training.
 */
final class FeatureBins {
    /** Value bins per column (plus the missing bin), as LightGBM's default {@code max_bin}. */
    static final int MAX_BINS = 255;

    private final double[][] cuts;

    private FeatureBins(double[][] cuts) {
        this.cuts = cuts;
    }

    /** @return bins fitted on the training columns (NaN ignored) */
    static FeatureBins fit(FeatureMatrix x) {
        int n = x.rows();
        int p = x.cols();
        double[][] cuts = new double[p][];
        double[] col = new double[n];
        for (int j = 0; j < p; j++) {
            int m = 0;
            for (int i = 0; i < n; i++) {
                double v = x.get(i, j);
                if (!Double.isNaN(v)) {
                    if (Double.isInfinite(v)) {
                        throw new IllegalArgumentException("feature '" + x.names().get(j) + "' of row " + i + " is "
                                + v + " (expected finite or NaN)");
                    }
                    col[m++] = v;
                }
            }
            cuts[j] = cutPoints(Arrays.copyOf(col, m));
        }
        return new FeatureBins(cuts);
    }

    private static double[] cutPoints(double[] values) {
        Arrays.sort(values);
        int n = values.length;
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || values[i] != values[i - 1]) {
                distinct++;
            }
        }
        double[] out = new double[Math.max(0, Math.min(distinct, MAX_BINS) - 1)];
        int k = 0;
        if (distinct <= MAX_BINS) {
            for (int i = 1; i < n; i++) {
                if (values[i] != values[i - 1]) {
                    out[k++] = midpoint(values[i - 1], values[i]);
                }
            }
        } else {
            double last = Double.NEGATIVE_INFINITY;
            for (int b = 1; b < MAX_BINS; b++) {
                int pos = (int) ((long) b * n / MAX_BINS);
                // move to the next change of value so equal values share a bin
                while (pos < n && values[pos] == values[pos - 1]) {
                    pos++;
                }
                if (pos >= n) {
                    break;
                }
                double cut = midpoint(values[pos - 1], values[pos]);
                if (cut > last) {
                    out[k++] = cut;
                    last = cut;
                }
            }
        }
        return Arrays.copyOf(out, k);
    }

    private static double midpoint(double a, double b) {
        double m = a + (b - a) / 2;
        // never round up onto b: "value > cut" must send b right
        return m < b ? m : a;
    }

    /** @return the bin of {@code value} in column {@code j}: 0 for NaN, else 1 + the number of cuts below it */
    double bin(int j, double value) {
        if (Double.isNaN(value)) {
            return 0;
        }
        double[] c = cuts[j];
        int lo = 0;
        int hi = c.length;
        // first cut >= value
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (c[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return 1 + lo;
    }

    /**
     * @param j         the column
     * @param threshold a tree's threshold on bin indices (rows with bin &gt; threshold go right)
     * @return the raw-value threshold with the same effect on every value
     */
    double rawThreshold(int j, double threshold) {
        int f = (int) Math.floor(threshold);
        if (f <= 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double[] c = cuts[j];
        return f - 1 < c.length ? c[f - 1] : Double.POSITIVE_INFINITY;
    }

    /** @return the number of value bins of column {@code j} */
    int valueBins(int j) {
        return cuts[j].length + 1;
    }
}
