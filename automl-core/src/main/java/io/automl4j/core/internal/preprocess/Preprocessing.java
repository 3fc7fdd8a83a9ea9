package io.automl4j.core.internal.preprocess;

import io.automl4j.api.data.ColumnType;
import io.automl4j.core.internal.Seeds;
import io.automl4j.core.internal.data.ColumnData;
import io.automl4j.core.internal.data.TypedTable;
import io.automl4j.core.internal.learn.FeatureMatrix;
import io.automl4j.core.internal.learn.Learner.Flavor;
import io.automl4j.core.internal.learn.Task;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Fits preprocessing on training rows only (AUTOML-R19–R22): no statistic ever sees a validation row.
 */
public final class Preprocessing {
    /** Levels seen fewer times than this are pooled into the rare bucket (AUTOML-R20). */
    static final int RARE_COUNT = 5;
    /** Categoricals with at most this many levels (after pooling) are one-hot encoded. */
    static final int ONE_HOT_MAX = 20;
    /** Target-encoding smoothing (AUTOML-R20). */
    static final double SMOOTHING = 10;
    /** Inner folds for out-of-fold target encoding of training rows. */
    static final int TE_FOLDS = 5;
    /**
     * TF-IDF vocabulary cap. The spec's 5,000 terms + 50-component SVD need sparse matrices; v1 keeps a dense
     * matrix and so the 300 most frequent terms (min df 2) for every learner.
     */
    static final int MAX_TERMS = 300;

    private Preprocessing() {
    }

    /**
     * The fitted pipeline plus the transformed training rows (whose target-encoded columns are out-of-fold).
     *
     * @param preprocessor the pipeline
     * @param train        the training matrix
     */
    public record Fitted(FittedPreprocessor preprocessor, FeatureMatrix train) {
    }

    /**
     * @param table  typed columns
     * @param rows   training rows (indices into table)
     * @param y      targets for all table rows (class index or value)
     * @param task   the task
     * @param flavor TREE or DENSE
     * @param seed   seed for the target-encoding inner folds
     * @return pipeline and training matrix
     */
    public static Fitted fit(TypedTable table, int[] rows, double[] y, Task task, Flavor flavor, long seed) {
        // regression target encodings are smoothed means of the target in standard units (training rows' mean and
        // standard deviation), on the scale of the standardised numeric columns beside them; raw means (e.g. house
        // prices around 180,000) would dominate the linear, MLP and kNN inputs
        double[] te = task.isRegression() ? standardised(y, rows) : y;
        List<ColumnTransform> ts = new ArrayList<>();
        for (ColumnData c : table.columns()) {
            ts.add(fitColumn(c, rows, te, task, flavor));
        }
        FittedPreprocessor pre = new FittedPreprocessor(flavor, ts);
        FeatureMatrix m = pre.transform(table, rows);
        // out-of-fold target encoding for the training rows themselves
        int offset = 0;
        for (int ci = 0; ci < ts.size(); ci++) {
            ColumnTransform t = ts.get(ci);
            if (t.method().equals("TARGET")) {
                overwriteOutOfFold(t, table.columns().get(ci), rows, te, task, m, offset, seed);
            }
            offset += t.outputs().size();
        }
        return new Fitted(pre, m);
    }

    private static ColumnTransform fitColumn(ColumnData c, int[] rows, double[] y, Task task, Flavor flavor) {
        String name = c.name();
        switch (c.type()) {
            case NUMERIC -> {
                if (flavor == Flavor.TREE) {
                    return new ColumnTransform(name, c.type(), "RAW", null, null, null, false, null, null, null, null,
                            false, List.of(name));
                }
                double[] v = c.numbers();
                double[] stats = stats(v, rows);
                boolean indicator = stats[3] > 0;
                List<String> outs = indicator ? List.of(name, name + "#missing") : List.of(name);
                return new ColumnTransform(name, c.type(), "STANDARDIZE", List.of(stats[0]), List.of(stats[1]),
                        List.of(stats[2]), indicator, null, null, null, null, false, outs);
            }
            case DATETIME -> {
                boolean hasTime = c.dateFormat().hasTime();
                List<String> outs = FittedPreprocessor.datePartNames(name, hasTime);
                if (flavor == Flavor.TREE) {
                    return new ColumnTransform(name, c.type(), "DATE_PARTS", null, null, null, false, null, null, null,
                            c.dateFormat().name(), hasTime, outs);
                }
                int w = outs.size();
                double[][] parts = new double[w][rows.length];
                for (int k = 0; k < rows.length; k++) {
                    double[] p = FittedPreprocessor.dateParts(c.numbers()[rows[k]], hasTime);
                    for (int j = 0; j < w; j++) {
                        parts[j][k] = p[j];
                    }
                }
                List<Double> med = new ArrayList<>();
                List<Double> mean = new ArrayList<>();
                List<Double> std = new ArrayList<>();
                for (int j = 0; j < w; j++) {
                    double[] s = stats(parts[j], null);
                    med.add(s[0]);
                    mean.add(s[1]);
                    std.add(s[2]);
                }
                return new ColumnTransform(name, c.type(), "DATE_PARTS", med, mean, std, false, null, null, null,
                        c.dateFormat().name(), hasTime, outs);
            }
            case TEXT -> {
                return fitText(c, rows);
            }
            default -> {
                return fitCategorical(c, rows, y, task, flavor);
            }
        }
    }

    /** @return y standardised by the mean and standard deviation of its {@code rows} (other entries too) */
    static double[] standardised(double[] y, int[] rows) {
        double[] s = stats(y, rows);
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = (y[i] - s[1]) / s[2];
        }
        return out;
    }

    /** @return {median, mean, std (never 0), missing count} of the imputed values over rows (null = all) */
    static double[] stats(double[] v, int[] rows) {
        int n = rows == null ? v.length : rows.length;
        double[] present = new double[n];
        int p = 0;
        for (int k = 0; k < n; k++) {
            double x = v[rows == null ? k : rows[k]];
            if (!Double.isNaN(x)) {
                present[p++] = x;
            }
        }
        int missing = n - p;
        if (p == 0) {
            return new double[] {0, 0, 1, missing};
        }
        double[] s = Arrays.copyOf(present, p);
        Arrays.sort(s);
        double median = p % 2 == 1 ? s[p / 2] : 0.5 * (s[p / 2 - 1] + s[p / 2]);
        double sum = 0;
        for (int i = 0; i < p; i++) {
            sum += s[i];
        }
        sum += missing * median;
        double mean = sum / n;
        double ss = 0;
        for (int i = 0; i < p; i++) {
            ss += (s[i] - mean) * (s[i] - mean);
        }
        ss += missing * (median - mean) * (median - mean);
        double std = Math.sqrt(ss / n);
        if (!(std > 1e-12)) {
            std = 1;
        }
        return new double[] {median, mean, std, missing};
    }

    private static ColumnTransform fitCategorical(ColumnData c, int[] rows, double[] y, Task task, Flavor flavor) {
        String[] v = c.strings();
        Map<String, Integer> counts = new HashMap<>();
        int missingRows = 0;
        for (int r : rows) {
            if (v[r] != null) {
                counts.merge(v[r], 1, Integer::sum);
            } else {
                missingRows++;
            }
        }
        List<String> kept = new ArrayList<>();
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() >= RARE_COUNT) {
                kept.add(e.getKey());
            }
        }
        // by frequency (desc), then by value: deterministic
        kept.sort((a, b) -> {
            int cmp = Integer.compare(counts.get(b), counts.get(a));
            return cmp != 0 ? cmp : a.compareTo(b);
        });
        List<String> levels = new ArrayList<>(kept);
        levels.add(ColumnTransform.RARE);
        levels.add(ColumnTransform.MISSING);
        String name = c.name();
        // the levels the training rows have after pooling: the kept ones, plus "rare" and "missing" when they occur
        // (both buckets are always encoded, so that unseen values have a place at scoring time)
        int observedLevels = kept.size() + (kept.size() < counts.size() ? 1 : 0) + (missingRows > 0 ? 1 : 0);
        if (observedLevels <= ONE_HOT_MAX) {
            List<String> outs = new ArrayList<>();
            for (String l : levels) {
                outs.add(name + "=" + l);
            }
            return new ColumnTransform(name, c.type(), "ONE_HOT", null, null, null, false, levels, null, null, null,
                    false, outs);
        }
        if (flavor == Flavor.TREE) {
            return new ColumnTransform(name, c.type(), "CODES", null, null, null, false, levels, null, null, null,
                    false, List.of(name + "#code"));
        }
        int width = encodingWidth(task);
        double[][] enc = encode(v, rows, y, task, levels);
        List<List<Double>> encoding = new ArrayList<>();
        for (int i = 0; i < levels.size(); i++) {
            encoding.add(toList(enc[i]));
        }
        List<String> outs = new ArrayList<>();
        for (int j = 0; j < width; j++) {
            outs.add(width == 1 ? name + "#te" : name + "#te" + j);
        }
        return new ColumnTransform(name, c.type(), "TARGET", null, null, null, false, levels, encoding,
                toList(enc[levels.size()]), null, false, outs);
    }

    private static int encodingWidth(Task task) {
        return task.isRegression() || task.isBinary() ? 1 : task.numClasses();
    }

    /**
     * Smoothed means per level (m = 10): regression mean, binary p(class 1), multiclass p(class j) per class.
     *
     * @return one row per level plus a last row holding the prior
     */
    private static double[][] encode(String[] v, int[] rows, double[] y, Task task, List<String> levels) {
        int w = encodingWidth(task);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < levels.size(); i++) {
            index.put(levels.get(i), i);
        }
        int rare = index.get(ColumnTransform.RARE);
        int missing = index.get(ColumnTransform.MISSING);
        double[][] sums = new double[levels.size()][w];
        double[] cnt = new double[levels.size()];
        double[] prior = new double[w];
        for (int r : rows) {
            double[] t = targetVector(y[r], task, w);
            Integer li = v[r] == null ? Integer.valueOf(missing) : index.get(v[r]);
            int l = li == null ? rare : li;
            for (int j = 0; j < w; j++) {
                sums[l][j] += t[j];
                prior[j] += t[j];
            }
            cnt[l]++;
        }
        for (int j = 0; j < w; j++) {
            prior[j] /= Math.max(1, rows.length);
        }
        double[][] out = new double[levels.size() + 1][w];
        for (int l = 0; l < levels.size(); l++) {
            for (int j = 0; j < w; j++) {
                out[l][j] = (sums[l][j] + SMOOTHING * prior[j]) / (cnt[l] + SMOOTHING);
            }
        }
        out[levels.size()] = prior;
        return out;
    }

    private static double[] targetVector(double y, Task task, int w) {
        double[] t = new double[w];
        if (task.isRegression()) {
            t[0] = y;
        } else if (task.isBinary()) {
            t[0] = y == 1 ? 1 : 0;
        } else {
            t[(int) y] = 1;
        }
        return t;
    }

    private static void overwriteOutOfFold(ColumnTransform t, ColumnData c, int[] rows, double[] y, Task task,
                                           FeatureMatrix m, int offset, long seed) {
        int n = rows.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, offset));
        Seeds.shuffle(order, rng);
        int folds = Math.min(TE_FOLDS, n);
        double[] data = m.data();
        int width = m.cols();
        for (int f = 0; f < folds; f++) {
            List<Integer> in = new ArrayList<>();
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                (i % folds == f ? out : in).add(order[i]);
            }
            int[] inRows = in.stream().mapToInt(i -> rows[i]).toArray();
            double[][] enc = encode(c.strings(), inRows, y, task, t.levels());
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < t.levels().size(); i++) {
                index.put(t.levels().get(i), i);
            }
            int rare = index.get(ColumnTransform.RARE);
            int missing = index.get(ColumnTransform.MISSING);
            for (int i : out) {
                String s = c.strings()[rows[i]];
                Integer li = s == null ? Integer.valueOf(missing) : index.get(s);
                double[] e = enc[li == null ? rare : li];
                for (int j = 0; j < e.length; j++) {
                    data[i * width + offset + j] = e[j];
                }
            }
        }
    }

    private static ColumnTransform fitText(ColumnData c, int[] rows) {
        String[] v = c.strings();
        Map<String, Integer> df = new HashMap<>();
        for (int r : rows) {
            Set<String> seen = new HashSet<>(tokens(v[r]));
            for (String t : seen) {
                df.merge(t, 1, Integer::sum);
            }
        }
        List<Map.Entry<String, Integer>> terms = new ArrayList<>();
        for (Map.Entry<String, Integer> e : df.entrySet()) {
            if (e.getValue() >= 2) {
                terms.add(e);
            }
        }
        terms.sort((a, b) -> {
            int cmp = Integer.compare(b.getValue(), a.getValue());
            return cmp != 0 ? cmp : a.getKey().compareTo(b.getKey());
        });
        if (terms.size() > MAX_TERMS) {
            terms = terms.subList(0, MAX_TERMS);
        }
        List<String> vocab = new ArrayList<>();
        List<Double> idf = new ArrayList<>();
        List<String> outs = new ArrayList<>();
        for (Map.Entry<String, Integer> e : terms) {
            vocab.add(e.getKey());
            // smooth idf as in scikit-learn: ln((1 + n) / (1 + df)) + 1
            idf.add(Math.log((1.0 + rows.length) / (1.0 + e.getValue())) + 1);
            outs.add(c.name() + "#tfidf:" + e.getKey());
        }
        outs.add(c.name() + "#tokens");
        return new ColumnTransform(c.name(), ColumnType.TEXT, "TFIDF", null, null, null, false, vocab, null, idf,
                null, false, outs);
    }

    /** Lower-cased word unigrams and bigrams. */
    static List<String> tokens(String s) {
        if (s == null) {
            return List.of();
        }
        String[] words = s.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+");
        List<String> out = new ArrayList<>();
        String prev = null;
        for (String w : words) {
            if (w.isEmpty()) {
                continue;
            }
            out.add(w);
            if (prev != null) {
                out.add(prev + " " + w);
            }
            prev = w;
        }
        return out;
    }

    private static List<Double> toList(double[] a) {
        List<Double> l = new ArrayList<>(a.length);
        for (double x : a) {
            l.add(x);
        }
        return l;
    }

    /** @return per column, the transform chosen (for provenance) */
    public static Map<String, String> describe(FittedPreprocessor p) {
        return new LinkedHashMap<>(p.describe());
    }
}
