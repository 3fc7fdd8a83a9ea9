package io.automl4j.core.internal.learn;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The absolute-error split search (AUTOML-R25 entry 9, regression) against a direct computation. */
class AbsoluteErrorSplitterTest {

    /** Weighted sum of absolute deviations from a weighted median, by sorting. */
    static double sad(List<double[]> yw) {
        List<double[]> s = new ArrayList<>(yw);
        s.sort((a, b) -> Double.compare(a[0], b[0]));
        double total = s.stream().mapToDouble(a -> a[1]).sum();
        double c = 0;
        double med = Double.NaN;
        for (double[] a : s) {
            c += a[1];
            if (c >= total / 2) {
                med = a[0];
                break;
            }
        }
        double d = 0;
        for (double[] a : s) {
            d += a[1] * Math.abs(a[0] - med);
        }
        return d;
    }

    @Test
    void bestCut_matchesTheDirectComputation_withWeightsTiesAndASubsetOfRows() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int trial = 0; trial < 200; trial++) {
            int n = 5 + rng.nextInt(60);
            double[] y = new double[n];
            double[] tw = new double[n];
            byte[] binned = new byte[n];
            int bins = 1 + rng.nextInt(12);
            for (int i = 0; i < n; i++) {
                y[i] = rng.nextInt(4) == 0 ? 3.0 : Math.round(rng.nextGaussian() * 10) / 2.0; // ties
                tw[i] = rng.nextInt(5) == 0 ? 0 : rng.nextInt(3) + (rng.nextBoolean() ? 0.5 : 1);
                binned[i] = (byte) (rng.nextInt(bins) * 20);
            }
            // the node: a random subset of the rows, in a random order
            int[] rows = new int[n];
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (rng.nextInt(4) != 0) {
                    rows[m++] = i;
                }
            }
            double minLeaf = rng.nextBoolean() ? 0 : 1.5;
            AbsoluteErrorSplitter sp = new AbsoluteErrorSplitter(y);
            AbsoluteErrorSplitter.Scratch s = sp.scratch();
            // twice, so a left-over from the first pass would show in the second
            for (int pass = 0; pass < 2; pass++) {
                sp.beginNode(s, rows, 0, m, tw);
                double[] out = new double[3];
                boolean found = sp.bestCut(s, rows, 0, m, binned, 0, tw, minLeaf, out);
                sp.endNode(s);
                // direct: every cut between consecutive non-empty bins
                double best = Double.NEGATIVE_INFINITY;
                int bestLeft = -1;
                for (int cut = 0; cut < 256; cut++) {
                    List<double[]> l = new ArrayList<>();
                    List<double[]> r = new ArrayList<>();
                    boolean leftHasBin = false;
                    boolean rightStartsNext = false;
                    for (int q = 0; q < m; q++) {
                        int i = rows[q];
                        int b = binned[i] & 0xFF;
                        if (b == cut) {
                            leftHasBin = true;
                        }
                        if (tw[i] > 0) {
                            (b <= cut ? l : r).add(new double[] {y[i], tw[i]});
                        }
                    }
                    if (!leftHasBin) {
                        continue;
                    }
                    int next = 256;
                    for (int q = 0; q < m; q++) {
                        int b = binned[rows[q]] & 0xFF;
                        if (b > cut && b < next) {
                            next = b;
                        }
                    }
                    rightStartsNext = next < 256;
                    double lw = l.stream().mapToDouble(a -> a[1]).sum();
                    double rw = r.stream().mapToDouble(a -> a[1]).sum();
                    if (!rightStartsNext || lw < minLeaf || rw < minLeaf || lw <= 0 || rw <= 0) {
                        continue;
                    }
                    double score = -(sad(l) + sad(r));
                    if (score > best + 1e-9) {
                        best = score;
                        bestLeft = cut;
                    }
                }
                if (bestLeft < 0) {
                    assertThat(found).as("trial %d", trial).isFalse();
                } else {
                    assertThat(found).as("trial %d", trial).isTrue();
                    assertThat(out[0]).as("trial %d", trial).isCloseTo(best, within(1e-9));
                    assertThat((int) out[1]).as("trial %d", trial).isEqualTo(bestLeft);
                }
            }
        }
    }

    @Test
    void bestCut_stepWithAnOutlier_splitsAtTheStepNotAtTheOutlier() {
        // y = 0 for bins 0..4, 10 for bins 5..9, plus one huge value in bin 9: squared error would be drawn to
        // isolate the outlier, absolute error keeps the step
        int n = 20;
        double[] y = new double[n];
        double[] tw = new double[n];
        byte[] binned = new byte[n];
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            binned[i] = (byte) (i / 2);
            y[i] = i < 10 ? 0 : 10;
            tw[i] = 1;
            rows[i] = i;
        }
        y[19] = 1e6;
        AbsoluteErrorSplitter sp = new AbsoluteErrorSplitter(y);
        AbsoluteErrorSplitter.Scratch s = sp.scratch();
        sp.beginNode(s, rows, 0, n, tw);
        double[] out = new double[3];
        assertThat(sp.bestCut(s, rows, 0, n, binned, 0, tw, 1, out)).isTrue();
        assertThat(out[1]).isEqualTo(4);
        assertThat(out[2]).isEqualTo(5);
        // left: all 0 (deviation 0); right: nine 10s and the outlier, median 10 -> 1e6 - 10
        assertThat(out[0]).isEqualTo(-(1e6 - 10));
        assertThat(Arrays.stream(s.totW).sum()).isGreaterThan(0);
        sp.endNode(s);
        assertThat(Arrays.stream(s.totW).allMatch(v -> v == 0)).isTrue();
        assertThat(Arrays.stream(s.leftW).allMatch(v -> v == 0)).isTrue();
    }
}
