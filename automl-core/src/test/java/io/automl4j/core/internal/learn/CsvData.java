package io.automl4j.core.internal.learn;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Test fixture: a CSV from {@code src/test/resources/datasets} as a {@link TrainData}, independent of the engine's
 * preprocessing. Only numeric feature columns are kept (a column is numeric when every non-empty value parses);
 * empty cells become NaN. A classification target becomes class indices in sorted label order.
 */
final class CsvData {

    final FeatureMatrix x;
    final double[] y;
    final List<String> classes; // empty for regression
    final Task task;

    private CsvData(FeatureMatrix x, double[] y, List<String> classes, Task task) {
        this.x = x;
        this.y = y;
        this.classes = classes;
        this.task = task;
    }

    static CsvData classification(String file, String target) {
        return load(file, target, true, false);
    }

    /**
     * Like {@link #classification} but keeps the non-numeric columns too, as integer codes of their labels in
     * sorted order (a test-side encoding that trees can split on; not the engine's preprocessing).
     */
    static CsvData classificationWithCodes(String file, String target) {
        return load(file, target, true, true);
    }

    static CsvData regression(String file, String target) {
        return load(file, target, false, false);
    }

    TrainData all() {
        return new TrainData(x, y, null);
    }

    /** A fixed, seeded train/test split. */
    Split split(double testFraction, long seed) {
        int n = y.length;
        List<Integer> idx = new ArrayList<>(IntStream.range(0, n).boxed().toList());
        java.util.Collections.shuffle(idx, new Random(seed));
        int nTest = (int) Math.round(testFraction * n);
        int[] test = idx.subList(0, nTest).stream().mapToInt(Integer::intValue).sorted().toArray();
        int[] train = idx.subList(nTest, n).stream().mapToInt(Integer::intValue).sorted().toArray();
        TrainData all = all();
        return new Split(all.select(train), all.select(test));
    }

    /** @param train training rows @param test held-out rows */
    record Split(TrainData train, TrainData test) {
    }

    private static CsvData load(String file, String target, boolean classification, boolean codes) {
        List<CSVRecord> records;
        List<String> header;
        try (InputStream in = CsvData.class.getResourceAsStream("/datasets/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource datasets/" + file);
            }
            Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
            CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(reader);
            header = parser.getHeaderNames();
            records = parser.getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int targetCol = header.indexOf(target);
        if (targetCol < 0) {
            throw new IllegalArgumentException("no column " + target + " in " + header);
        }
        List<Integer> featureCols = new ArrayList<>();
        java.util.Map<Integer, List<String>> codeBooks = new java.util.HashMap<>();
        for (int c = 0; c < header.size(); c++) {
            if (c == targetCol) {
                continue;
            }
            if (isNumeric(records, c)) {
                featureCols.add(c);
            } else if (codes) {
                featureCols.add(c);
                TreeSet<String> labels = new TreeSet<>();
                int col = c;
                records.forEach(rec -> {
                    if (!rec.get(col).isEmpty()) {
                        labels.add(rec.get(col));
                    }
                });
                codeBooks.put(c, List.copyOf(labels));
            }
        }
        int n = records.size();
        int p = featureCols.size();
        double[] data = new double[n * p];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < p; j++) {
                String s = records.get(r).get(featureCols.get(j));
                List<String> book = codeBooks.get(featureCols.get(j));
                data[r * p + j] = s.isEmpty() ? Double.NaN : book != null ? book.indexOf(s) : Double.parseDouble(s);
            }
        }
        List<String> names = featureCols.stream().map(header::get).toList();
        double[] y = new double[n];
        List<String> classes = List.of();
        if (classification) {
            TreeSet<String> labels = new TreeSet<>();
            records.forEach(rec -> labels.add(rec.get(targetCol)));
            classes = List.copyOf(labels);
            for (int r = 0; r < n; r++) {
                y[r] = classes.indexOf(records.get(r).get(targetCol));
            }
        } else {
            for (int r = 0; r < n; r++) {
                y[r] = Double.parseDouble(records.get(r).get(targetCol));
            }
        }
        Task task = classification ? Task.classification(classes.size()) : Task.REGRESSION;
        return new CsvData(new FeatureMatrix(n, p, data, names), y, classes, task);
    }

    private static boolean isNumeric(List<CSVRecord> records, int col) {
        for (CSVRecord r : records) {
            String s = r.get(col);
            if (!s.isEmpty()) {
                try {
                    Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        return true;
    }

    // ---- scores computed in the test, independent of the engine's metrics ----

    static double accuracy(double[][] proba, double[] y) {
        int correct = 0;
        for (int i = 0; i < y.length; i++) {
            int best = 0;
            for (int j = 1; j < proba[i].length; j++) {
                if (proba[i][j] > proba[i][best]) {
                    best = j;
                }
            }
            correct += best == (int) y[i] ? 1 : 0;
        }
        return (double) correct / y.length;
    }

    static double rmse(double[][] pred, double[] y) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            double d = pred[i][0] - y[i];
            s += d * d;
        }
        return Math.sqrt(s / y.length);
    }

    /** AUC of class 1 by the rank (Mann-Whitney) formula, ties getting average ranks. */
    static double auc(double[][] proba, double[] y) {
        int n = y.length;
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (a, b) -> Double.compare(proba[a][1], proba[b][1]));
        double[] rank = new double[n];
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && proba[order[j + 1]][1] == proba[order[i]][1]) {
                j++;
            }
            double avg = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                rank[order[k]] = avg;
            }
            i = j + 1;
        }
        double pos = 0;
        double rankSum = 0;
        for (int i = 0; i < n; i++) {
            if (y[i] == 1) {
                pos++;
                rankSum += rank[i];
            }
        }
        double neg = n - pos;
        return (rankSum - pos * (pos + 1) / 2) / (pos * neg);
    }
}
