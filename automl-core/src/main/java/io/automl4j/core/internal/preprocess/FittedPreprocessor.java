package io.automl4j.core.internal.preprocess;

import io.automl4j.api.data.ColumnType;
import io.automl4j.core.internal.data.ColumnData;
import io.automl4j.core.internal.data.DateFormats;
import io.automl4j.core.internal.data.TypedTable;
import io.automl4j.core.internal.learn.FeatureMatrix;
import io.automl4j.core.internal.learn.Learner;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A preprocessing pipeline fitted on one training fold: applies exactly the training transforms (AUTOML-R23).
 * Immutable and JSON-serialisable.
 *
 * @param flavor     TREE or DENSE
 * @param transforms one per input column, in order
 */
public record FittedPreprocessor(Learner.Flavor flavor, List<ColumnTransform> transforms) {
    public FittedPreprocessor {
        transforms = List.copyOf(transforms);
    }

    /** @return output column names */
    public List<String> outputNames() {
        List<String> out = new ArrayList<>();
        for (ColumnTransform t : transforms) {
            out.addAll(t.outputs());
        }
        return out;
    }

    /** @return column name to its transform description */
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        for (ColumnTransform t : transforms) {
            m.put(t.column(), t.describe());
        }
        return m;
    }

    /**
     * @param table typed columns containing every input column
     * @param rows  rows to transform, or null for all
     * @return the feature matrix
     */
    public FeatureMatrix transform(TypedTable table, int[] rows) {
        Map<String, ColumnData> byName = new HashMap<>();
        for (ColumnData c : table.columns()) {
            byName.put(c.name(), c);
        }
        int n = rows == null ? table.rows() : rows.length;
        List<String> names = outputNames();
        int width = names.size();
        double[] out = new double[n * width];
        int offset = 0;
        for (ColumnTransform t : transforms) {
            ColumnData c = byName.get(t.column());
            if (c == null) {
                throw new IllegalArgumentException("column '" + t.column() + "' is missing");
            }
            write(t, c, rows, n, out, width, offset);
            offset += t.outputs().size();
        }
        return new FeatureMatrix(n, width, out, names);
    }

    static void write(ColumnTransform t, ColumnData c, int[] rows, int n, double[] out, int width, int offset) {
        switch (t.method()) {
            case "RAW" -> {
                double[] v = c.numbers();
                for (int i = 0; i < n; i++) {
                    out[i * width + offset] = v[rows == null ? i : rows[i]];
                }
            }
            case "STANDARDIZE" -> {
                double[] v = c.numbers();
                double med = t.median().get(0);
                double mu = t.mean().get(0);
                double sd = t.std().get(0);
                for (int i = 0; i < n; i++) {
                    double x = v[rows == null ? i : rows[i]];
                    boolean missing = Double.isNaN(x);
                    out[i * width + offset] = ((missing ? med : x) - mu) / sd;
                    if (t.indicator()) {
                        out[i * width + offset + 1] = missing ? 1 : 0;
                    }
                }
            }
            case "ONE_HOT", "CODES", "TARGET" -> {
                Map<String, Integer> index = levelIndex(t.levels());
                Integer rare = index.get(ColumnTransform.RARE);
                int missing = index.get(ColumnTransform.MISSING);
                String[] v = c.strings();
                for (int i = 0; i < n; i++) {
                    String s = v[rows == null ? i : rows[i]];
                    Integer li = s == null ? Integer.valueOf(missing) : index.get(s);
                    if (li == null || (s != null && (s.equals(ColumnTransform.RARE) || s.equals(ColumnTransform.MISSING)))) {
                        li = rare; // unseen level: the rare bucket (or nothing when no level was rare)
                    }
                    int base = i * width + offset;
                    switch (t.method()) {
                        case "ONE_HOT" -> {
                            if (li != null) {
                                out[base + li] = 1;
                            }
                        }
                        case "CODES" -> out[base] = li == null ? Double.NaN : li;
                        default -> {
                            List<Double> enc = li == null ? t.prior() : t.encoding().get(li);
                            for (int j = 0; j < enc.size(); j++) {
                                out[base + j] = enc.get(j);
                            }
                        }
                    }
                }
            }
            case "DATE_PARTS" -> {
                double[] v = c.numbers();
                int parts = t.outputs().size();
                boolean dense = t.mean() != null;
                for (int i = 0; i < n; i++) {
                    double[] p = dateParts(v[rows == null ? i : rows[i]], t.hasTime());
                    for (int j = 0; j < parts; j++) {
                        double x = p[j];
                        if (dense) {
                            x = ((Double.isNaN(x) ? t.median().get(j) : x) - t.mean().get(j)) / t.std().get(j);
                        }
                        out[i * width + offset + j] = x;
                    }
                }
            }
            case "TFIDF" -> {
                Map<String, Integer> vocab = levelIndex(t.levels());
                String[] v = c.strings();
                int terms = t.levels().size();
                for (int i = 0; i < n; i++) {
                    String s = v[rows == null ? i : rows[i]];
                    int base = i * width + offset;
                    List<String> toks = Preprocessing.tokens(s);
                    out[base + terms] = toks.size();
                    if (toks.isEmpty()) {
                        continue;
                    }
                    double norm = 0;
                    for (String tok : toks) {
                        Integer j = vocab.get(tok);
                        if (j != null) {
                            out[base + j] += 1;
                        }
                    }
                    for (int j = 0; j < terms; j++) {
                        if (out[base + j] != 0) {
                            out[base + j] *= t.prior().get(j);
                            norm += out[base + j] * out[base + j];
                        }
                    }
                    if (norm > 0) {
                        double inv = 1 / Math.sqrt(norm);
                        for (int j = 0; j < terms; j++) {
                            out[base + j] *= inv;
                        }
                    }
                }
            }
            default -> throw new IllegalStateException("unknown transform method " + t.method());
        }
    }

    private static Map<String, Integer> levelIndex(List<String> levels) {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < levels.size(); i++) {
            m.put(levels.get(i), i);
        }
        return m;
    }

    /** Year, month, day, day of week, day of year, [hour, minute], epoch seconds (AUTOML-R22); NaN when missing. */
    static double[] dateParts(double epoch, boolean hasTime) {
        int w = hasTime ? 8 : 6;
        double[] p = new double[w];
        if (Double.isNaN(epoch)) {
            java.util.Arrays.fill(p, Double.NaN);
            return p;
        }
        LocalDateTime t = LocalDateTime.ofInstant(Instant.ofEpochSecond((long) epoch), ZoneOffset.UTC);
        p[0] = t.getYear();
        p[1] = t.getMonthValue();
        p[2] = t.getDayOfMonth();
        p[3] = t.getDayOfWeek().getValue();
        p[4] = t.getDayOfYear();
        int k = 5;
        if (hasTime) {
            p[k++] = t.getHour();
            p[k++] = t.getMinute();
        }
        p[k] = epoch;
        return p;
    }

    static List<String> datePartNames(String col, boolean hasTime) {
        List<String> n = new ArrayList<>(List.of(col + "#year", col + "#month", col + "#day", col + "#dayofweek",
                col + "#dayofyear"));
        if (hasTime) {
            n.add(col + "#hour");
            n.add(col + "#minute");
        }
        n.add(col + "#epoch");
        return n;
    }

    /** @return true when this pipeline has a column of the given type */
    boolean uses(ColumnType type) {
        return transforms.stream().anyMatch(t -> t.type() == type);
    }

    /** @return the date format of a DATETIME column, for scoring */
    public static DateFormats format(ColumnTransform t) {
        return t.dateFormat() == null ? null : DateFormats.valueOf(t.dateFormat());
    }
}
