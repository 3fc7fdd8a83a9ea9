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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Test fixtures for the classic learners: the real data sets of {@code src/test/resources/datasets}, fixed seeded
 * train/test splits, standardisation for the DENSE flavour, and the metrics the tests assert on.
 */
final class ClassicData {
    private ClassicData() {
    }

    /** A labelled table split into training and test rows. */
    record Split(TrainData train, FeatureMatrix testX, double[] testY, Task task) {
        /** @return the same split with features standardised by training mean and standard deviation */
        Split standardised() {
            FeatureMatrix tr = train.x();
            int p = tr.cols();
            double[] mean = new double[p];
            double[] sd = new double[p];
            for (int j = 0; j < p; j++) {
                double s = 0;
                for (int i = 0; i < tr.rows(); i++) {
                    s += tr.get(i, j);
                }
                mean[j] = s / tr.rows();
                double ss = 0;
                for (int i = 0; i < tr.rows(); i++) {
                    double d = tr.get(i, j) - mean[j];
                    ss += d * d;
                }
                sd[j] = Math.sqrt(ss / tr.rows());
                if (sd[j] == 0) {
                    sd[j] = 1;
                }
            }
            return new Split(new TrainData(scale(tr, mean, sd), train.y(), train.weights()),
                    scale(testX, mean, sd), testY, task);
        }

        LearnContext ctx(long seed) {
            return new LearnContext(task, seed, 1, null, Instant::now);
        }
    }

    private static FeatureMatrix scale(FeatureMatrix x, double[] mean, double[] sd) {
        double[] d = x.data().clone();
        int p = x.cols();
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < p; j++) {
                d[i * p + j] = (d[i * p + j] - mean[j]) / sd[j];
            }
        }
        return new FeatureMatrix(x.rows(), p, d, x.names());
    }

    /** iris: 4 numeric features, 3 classes (alphabetical class codes). */
    static Split iris() {
        return load("iris.csv", "species", false, 0.25, 11L);
    }

    /** credit_g, numeric columns only (7), binary target ("bad" = 0, "good" = 1). */
    static Split creditG() {
        return load("credit_g.csv", "class", false, 0.25, 12L);
    }

    /** concrete: 8 numeric features, regression on compressive_strength. */
    static Split concrete() {
        return load("concrete.csv", "compressive_strength", true, 0.25, 13L);
    }

    /** airfoil_self_noise: 5 numeric features, regression on scaled_sound_pressure_db. */
    static Split airfoil() {
        return load("airfoil_self_noise.csv", "scaled_sound_pressure_db", true, 0.25, 16L);
    }

    /** vehicle: 18 numeric features, 4 classes. */
    static Split vehicle() {
        return load("vehicle.csv", "Class", false, 0.25, 14L);
    }

    /**
     * Reads a CSV from the test resources, keeps the columns whose every value is numeric, and splits the rows by
     * a seeded shuffle (stratified by class for classification).
     */
    static Split load(String file, String target, boolean regression, double testFraction, long seed) {
        List<CSVRecord> records;
        List<String> header;
        try (InputStream in = ClassicData.class.getResourceAsStream("/datasets/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource datasets/" + file);
            }
            Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
            CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader);
            header = parser.getHeaderNames();
            records = parser.getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> features = new ArrayList<>();
        for (String h : header) {
            if (!h.equals(target) && records.stream().allMatch(r -> isNumber(r.get(h)))) {
                features.add(h);
            }
        }
        int n = records.size();
        int p = features.size();
        double[] x = new double[n * p];
        double[] y = new double[n];
        List<String> classes = new ArrayList<>(new TreeSet<>(records.stream().map(r -> r.get(target)).toList()));
        for (int i = 0; i < n; i++) {
            CSVRecord r = records.get(i);
            for (int j = 0; j < p; j++) {
                x[i * p + j] = Double.parseDouble(r.get(features.get(j)));
            }
            y[i] = regression ? Double.parseDouble(r.get(target)) : classes.indexOf(r.get(target));
        }
        Task task = regression ? Task.REGRESSION : Task.classification(classes.size());
        FeatureMatrix all = new FeatureMatrix(n, p, x, features);
        return split(all, y, task, testFraction, seed);
    }

    static Split split(FeatureMatrix all, double[] y, Task task, double testFraction, long seed) {
        int n = all.rows();
        Random rnd = new Random(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        int groups = task.isRegression() ? 1 : task.numClasses();
        for (int g = 0; g < groups; g++) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (task.isRegression() || y[i] == g) {
                    idx.add(i);
                }
            }
            java.util.Collections.shuffle(idx, rnd);
            int nTest = (int) Math.round(idx.size() * testFraction);
            test.addAll(idx.subList(0, nTest));
            train.addAll(idx.subList(nTest, idx.size()));
        }
        java.util.Collections.sort(train);
        java.util.Collections.sort(test);
        int[] tr = train.stream().mapToInt(Integer::intValue).toArray();
        int[] te = test.stream().mapToInt(Integer::intValue).toArray();
        TrainData full = new TrainData(all, y, null);
        TrainData trainData = full.select(tr);
        TrainData testData = full.select(te);
        return new Split(trainData, testData.x(), testData.y(), task);
    }

    /**
     * A synthetic table for timings: {@code n} rows, {@code p} standard-normal features, target from a Friedman-like
     * function (regression) or its thresholded value (binary classification).
     */
    static Split synthetic(int n, int p, boolean regression, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] x = new double[n * p];
        double[] y = new double[n];
        List<String> names = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            names.add("x" + j);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                x[i * p + j] = gaussian(rnd);
            }
            double f = 10 * Math.sin(x[i * p] * x[i * p + 1]) + 5 * x[i * p + 2] * x[i * p + 2] + 3 * x[i * p + 3]
                    + 2 * x[i * p + 4] + gaussian(rnd);
            y[i] = regression ? f : (f > 5 ? 1 : 0);
        }
        Task task = regression ? Task.REGRESSION : Task.classification(2);
        return split(new FeatureMatrix(n, p, x, names), y, task, 0.2, seed);
    }

    private static double gaussian(SplittableRandom rnd) {
        double u = rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    // ---- metrics ----

    static double accuracy(double[][] proba, double[] y) {
        int ok = 0;
        for (int i = 0; i < y.length; i++) {
            int best = 0;
            for (int c = 1; c < proba[i].length; c++) {
                if (proba[i][c] > proba[i][best]) {
                    best = c;
                }
            }
            if (best == (int) y[i]) {
                ok++;
            }
        }
        return (double) ok / y.length;
    }

    /** AUC of column 1 for classes {0, 1} (Mann-Whitney, ties counted half). */
    static double auc(double[][] proba, double[] y) {
        int n = y.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(proba[a][1], proba[b][1]));
        double rankSumPos = 0;
        long pos = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && proba[order[j + 1]][1] == proba[order[i]][1]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int t = i; t <= j; t++) {
                if (y[order[t]] == 1) {
                    rankSumPos += rank;
                    pos++;
                }
            }
            i = j + 1;
        }
        long neg = n - pos;
        return (rankSumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    static double rmse(double[][] pred, double[] y) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            double d = pred[i][0] - y[i];
            s += d * d;
        }
        return Math.sqrt(s / y.length);
    }

    /** @return the training rows without class {@code absent} */
    static TrainData without(TrainData train, int absent) {
        int[] keep = java.util.stream.IntStream.range(0, train.rows()).filter(i -> train.y()[i] != absent).toArray();
        return train.select(keep);
    }
}
