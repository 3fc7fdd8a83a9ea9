package io.automl4j.core.internal.preprocess;

import io.automl4j.api.AutoMLJob;
import io.automl4j.api.data.ColumnType;
import io.automl4j.api.data.Dataset;
import io.automl4j.core.internal.EventLog;
import io.automl4j.core.internal.data.ColumnData;
import io.automl4j.core.internal.data.DataAnalyzer;
import io.automl4j.core.internal.data.DateFormats;
import io.automl4j.core.internal.data.PreparedData;
import io.automl4j.core.internal.data.TypedTable;
import io.automl4j.core.internal.learn.FeatureMatrix;
import io.automl4j.core.internal.learn.Learner.Flavor;
import io.automl4j.core.internal.learn.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Per-fold preprocessing: exact statistics, encodings and no leakage from non-training rows (AUTOML-R19–R22). */
class PreprocessingTest {
    private static final double NaN = Double.NaN;
    /** 2020-03-15T10:20:30Z, a Sunday, day 75 of the year. */
    private static final double MARCH_15 = 1_584_267_630;
    private static final long SEED = 42;

    private static TypedTable table(ColumnData... cols) {
        return new TypedTable(List.of(cols), cols[0].size(), Map.of());
    }

    private static int[] range(int from, int to) {
        return IntStream.range(from, to).toArray();
    }

    private static Preprocessing.Fitted fit(TypedTable t, int[] rows, double[] y, Task task, Flavor flavor) {
        return Preprocessing.fit(t, rows, y, task, flavor, SEED);
    }

    private static ColumnTransform only(Preprocessing.Fitted f) {
        assertThat(f.preprocessor().transforms()).hasSize(1);
        return f.preprocessor().transforms().get(0);
    }

    private static String[] repeat(String value, int times) {
        String[] out = new String[times];
        java.util.Arrays.fill(out, value);
        return out;
    }

    private static String[] concat(String[]... parts) {
        List<String> out = new ArrayList<>();
        for (String[] p : parts) {
            out.addAll(java.util.Arrays.asList(p));
        }
        return out.toArray(new String[0]);
    }

    // ---- statistics (AUTOML-R19)

    @Test
    void stats_withMissing_meanAndStdAreOfMedianImputedValues() {
        // median 2.5; imputed 1, 2, 3, 4, 2.5 -> mean 2.5, population variance 5 / 5
        assertThat(Preprocessing.stats(new double[] {4, NaN, 1, 3, 2}, null)).containsExactly(2.5, 2.5, 1.0, 1.0);
    }

    @Test
    void stats_oddCount_medianIsMiddleValue() {
        double[] s = Preprocessing.stats(new double[] {5, 1, 3}, null);
        assertThat(s).containsExactly(3.0, 3.0, Math.sqrt(8.0 / 3), 0.0);
    }

    @Test
    void stats_onlyGivenRows_areUsed() {
        assertThat(Preprocessing.stats(new double[] {100, 1, 3, NaN, -100}, new int[] {1, 2, 3}))
                .containsExactly(2.0, 2.0, Math.sqrt(2.0 / 3), 1.0);
    }

    @Test
    void stats_constantColumn_hasUnitStd() {
        assertThat(Preprocessing.stats(new double[] {7, 7, 7}, null)).containsExactly(7.0, 7.0, 1.0, 0.0);
    }

    @Test
    void stats_allMissing_isZeroMeanUnitStd() {
        assertThat(Preprocessing.stats(new double[] {NaN, NaN}, null)).containsExactly(0.0, 0.0, 1.0, 2.0);
    }

    // ---- NUMERIC (AUTOML-R19)

    @Test
    void fit_treeNumeric_keepsRawValuesWithNaN() {
        TypedTable t = table(ColumnData.numeric("x", new double[] {1.5, NaN, -3}));
        Preprocessing.Fitted f = fit(t, range(0, 3), new double[3], Task.REGRESSION, Flavor.TREE);
        assertThat(only(f).method()).isEqualTo("RAW");
        assertThat(f.train().names()).containsExactly("x");
        assertThat(f.train().data()).containsExactly(1.5, NaN, -3);
    }

    @Test
    void fit_denseNumericWithMissingInTraining_imputesStandardisesAndIndicates() {
        TypedTable t = table(ColumnData.numeric("x", new double[] {4, NaN, 1, 3, 2, 100, NaN}));
        int[] train = range(0, 5);
        Preprocessing.Fitted f = fit(t, train, new double[7], Task.REGRESSION, Flavor.DENSE);
        ColumnTransform x = only(f);
        assertThat(x.method()).isEqualTo("STANDARDIZE");
        assertThat(x.median()).containsExactly(2.5);
        assertThat(x.mean()).containsExactly(2.5);
        assertThat(x.std()).containsExactly(1.0);
        assertThat(x.indicator()).isTrue();
        assertThat(x.describe()).isEqualTo("MEDIAN_IMPUTE+INDICATOR+STANDARDIZE");
        assertThat(f.train().names()).containsExactly("x", "x#missing");
        assertThat(f.train().data()).containsExactly(1.5, 0, 0, 1, -1.5, 0, 0.5, 0, -0.5, 0);
        FeatureMatrix va = f.preprocessor().transform(t, new int[] {5, 6});
        assertThat(va.data()).containsExactly(97.5, 0, 0, 1);
    }

    @Test
    void fit_denseNumericWithMissingOnlyOutsideTraining_hasNoIndicator() {
        TypedTable t = table(ColumnData.numeric("x", new double[] {1, 2, 3, 4, NaN}));
        Preprocessing.Fitted f = fit(t, range(0, 4), new double[5], Task.REGRESSION, Flavor.DENSE);
        ColumnTransform x = only(f);
        assertThat(x.indicator()).isFalse();
        assertThat(x.describe()).isEqualTo("MEDIAN_IMPUTE+STANDARDIZE");
        assertThat(f.train().names()).containsExactly("x");
        // a missing scoring value becomes the training median, then standardised: (2.5 - 2.5) / std
        assertThat(f.preprocessor().transform(t, new int[] {4}).data()).containsExactly(0.0);
        assertThat(x.std()).containsExactly(Math.sqrt(1.25));
    }

    // ---- CATEGORICAL (AUTOML-R20)

    @Test
    void fit_categorical_poolsRareLevelsAndKeepsMissingLevel() {
        String[] v = concat(repeat("a", 5), repeat("b", 6), repeat("c", 4), repeat("d", 1), repeat(null, 2),
                new String[] {"zzz", null, "c", "a"});
        TypedTable t = table(ColumnData.strings("c", ColumnType.CATEGORICAL, v));
        Preprocessing.Fitted f = fit(t, range(0, 18), new double[v.length], Task.REGRESSION, Flavor.TREE);
        ColumnTransform c = only(f);
        assertThat(c.method()).isEqualTo("ONE_HOT");
        // by training frequency, then the rare and missing buckets
        assertThat(c.levels()).containsExactly("b", "a", ColumnTransform.RARE, ColumnTransform.MISSING);
        assertThat(c.outputs()).containsExactly("c=b", "c=a", "c=__rare__", "c=__missing__");
        assertThat(c.describe()).isEqualTo("ONE_HOT(4 levels)");
        FeatureMatrix m = f.preprocessor().transform(t, new int[] {0, 5, 11, 15, 16, 18, 19, 20, 21});
        assertThat(m.toRowArrays()).isDeepEqualTo(new double[][] {
                new double[] {0, 1, 0, 0},  // a
                new double[] {1, 0, 0, 0},  // b
                new double[] {0, 0, 1, 0},  // c: 4 < 5 occurrences -> rare
                new double[] {0, 0, 1, 0},  // d -> rare
                new double[] {0, 0, 0, 1},  // missing
                new double[] {0, 0, 1, 0},  // unseen "zzz" -> rare
                new double[] {0, 0, 0, 1},  // missing
                new double[] {0, 0, 1, 0},  // c
                new double[] {0, 1, 0, 0}}); // a
    }

    @Test
    void fit_categoricalFrequencyTie_ordersLevelsByValue() {
        String[] v = concat(repeat("y", 5), repeat("x", 5));
        TypedTable t = table(ColumnData.strings("c", ColumnType.CATEGORICAL, v));
        ColumnTransform c = only(fit(t, range(0, 10), new double[10], Task.REGRESSION, Flavor.TREE));
        assertThat(c.levels()).containsExactly("x", "y", ColumnTransform.RARE, ColumnTransform.MISSING);
    }

    /** {@code levels} levels "L00".., each {@code times} times, in blocks. */
    private static String[] levels(int levels, int times) {
        String[] out = new String[levels * times];
        for (int i = 0; i < out.length; i++) {
            out[i] = String.format("L%02d", i / times);
        }
        return out;
    }

    @Test
    void fit_twentyLevels_isOneHot() {
        TypedTable t = table(ColumnData.strings("c", ColumnType.CATEGORICAL, levels(20, 5)));
        for (Flavor flavor : Flavor.values()) {
            ColumnTransform c = only(fit(t, range(0, 100), new double[100], Task.REGRESSION, flavor));
            assertThat(c.method()).as(flavor.name()).isEqualTo("ONE_HOT");
            assertThat(c.outputs()).hasSize(22);
        }
    }

    @Test
    void fit_eighteenLevelsPlusRareAndMissing_isOneHot() {
        String[] v = concat(levels(18, 5), new String[] {"odd", null});
        TypedTable t = table(ColumnData.strings("c", ColumnType.CATEGORICAL, v));
        assertThat(only(fit(t, range(0, v.length), new double[v.length], Task.REGRESSION, Flavor.DENSE)).method())
                .isEqualTo("ONE_HOT");
    }

    @Test
    void fit_nineteenLevelsPlusRareAndMissing_isNotOneHot() {
        String[] v = concat(levels(19, 5), new String[] {"odd", null});
        TypedTable t = table(ColumnData.strings("c", ColumnType.CATEGORICAL, v));
        assertThat(only(fit(t, range(0, v.length), new double[v.length], Task.REGRESSION, Flavor.TREE)).method())
                .isEqualTo("CODES");
    }

    @Test
    void fit_moreThanTwentyLevelsForTrees_isCodes() {
        String[] v = concat(levels(21, 5), new String[] {"unseen", null, "L20"});
        TypedTable t = table(ColumnData.strings("c", ColumnType.CATEGORICAL, v));
        Preprocessing.Fitted f = fit(t, range(0, 105), new double[v.length], Task.REGRESSION, Flavor.TREE);
        ColumnTransform c = only(f);
        assertThat(c.method()).isEqualTo("CODES");
        assertThat(c.levels()).hasSize(23).startsWith("L00", "L01").endsWith(ColumnTransform.RARE,
                ColumnTransform.MISSING);
        assertThat(c.outputs()).containsExactly("c#code");
        assertThat(c.describe()).isEqualTo("CODES(23 levels)");
        assertThat(f.preprocessor().transform(t, new int[] {0, 104, 105, 106, 107}).data())
                .containsExactly(0, 20, 21, 22, 20);
    }

    @Test
    void fit_moreThanTwentyLevelsForDense_isSmoothedTargetEncoding() {
        // level Lk has target k on all its 5 rows; prior = mean(0..20) = 10, population sd = sqrt(770 / 21);
        // regression encodings are in standard units of the training target: (raw smoothed mean - 10) / sd
        String[] v = concat(levels(21, 5), new String[] {"unseen", null});
        double[] y = new double[v.length];
        for (int i = 0; i < 105; i++) {
            y[i] = i / 5;
        }
        y[105] = 1000;
        y[106] = -1000;
        double sd = Math.sqrt(770.0 / 21);
        TypedTable t = table(ColumnData.strings("c", ColumnType.CATEGORICAL, v));
        Preprocessing.Fitted f = fit(t, range(0, 105), y, Task.REGRESSION, Flavor.DENSE);
        ColumnTransform c = only(f);
        assertThat(c.method()).isEqualTo("TARGET");
        assertThat(c.outputs()).containsExactly("c#te");
        assertThat(c.prior().get(0)).isCloseTo(0.0, within(1e-12));
        // (sum + 10 * prior) / (count + 10), raw 100/15 for L00 and 200/15 for L20
        assertThat(c.encoding().get(c.levels().indexOf("L00")).get(0))
                .isCloseTo((100.0 / 15 - 10) / sd, within(1e-12));
        assertThat(c.encoding().get(c.levels().indexOf("L20")).get(0))
                .isCloseTo((200.0 / 15 - 10) / sd, within(1e-12));
        // an empty bucket encodes to the prior
        assertThat(c.encoding().get(c.levels().indexOf(ColumnTransform.RARE)).get(0)).isCloseTo(0.0, within(1e-12));
        assertThat(f.preprocessor().transform(t, new int[] {105, 106}).data())
                .containsExactly(new double[] {0.0, 0.0}, within(1e-12));
    }

    @Test
    void fit_regressionTargetEncoding_isOnTheScaleOfStandardisedColumns() {
        // house-price-like targets: the encoded column must not be in the target's units (AUTOML-R19/R20)
        String[] v = levels(25, 8);
        double[] y = new double[v.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = 150_000 + 4_000 * (i / 8) + 1_000 * (i % 3);
        }
        TypedTable t = table(ColumnData.strings("c", ColumnType.CATEGORICAL, v));
        Preprocessing.Fitted f = fit(t, range(0, v.length), y, Task.REGRESSION, Flavor.DENSE);
        for (double x : f.train().data()) {
            assertThat(Math.abs(x)).isLessThan(3.0);
        }
    }

    @Test
    void fit_targetEncodingOfTrainingRows_isOutOfFold() {
        String[] v = levels(21, 6);
        int n = v.length;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 4;
        }
        TypedTable t = table(ColumnData.strings("c", ColumnType.CATEGORICAL, v));
        Preprocessing.Fitted a = fit(t, range(0, n), y, Task.REGRESSION, Flavor.DENSE);
        double[] y2 = y.clone();
        y2[7] = 1000;
        Preprocessing.Fitted b = fit(t, range(0, n), y2, Task.REGRESSION, Flavor.DENSE);
        // the final encoding sees row 7, but row 7's own training feature does not: its raw (unstandardised) value
        // is the same in both fits; only the standardisation constants (mean, sd of all rows) differ
        assertThat(b.preprocessor()).isNotEqualTo(a.preprocessor());
        double[] sa = meanSd(y);
        double[] sb = meanSd(y2);
        double rawA = a.train().get(7, 0) * sa[1] + sa[0];
        double rawB = b.train().get(7, 0) * sb[1] + sb[0];
        assertThat(rawB).isCloseTo(rawA, within(1e-9));
        double full = a.preprocessor().transform(t, new int[] {7}).get(0, 0);
        assertThat(a.train().get(7, 0)).isNotEqualTo(full);
        // and the same seed gives the same out-of-fold values
        assertThat(fit(t, range(0, n), y, Task.REGRESSION, Flavor.DENSE).train().data())
                .containsExactly(a.train().data());
    }

    private static double[] meanSd(double[] y) {
        double mean = 0;
        for (double v : y) {
            mean += v;
        }
        mean /= y.length;
        double ss = 0;
        for (double v : y) {
            ss += (v - mean) * (v - mean);
        }
        return new double[] {mean, Math.sqrt(ss / y.length)};
    }

    @Test
    void fit_multiclassTargetEncoding_hasOneOutputPerClass() {
        String[] v = levels(21, 5);
        double[] y = new double[v.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = i % 3;
        }
        TypedTable t = table(ColumnData.strings("c", ColumnType.CATEGORICAL, v));
        ColumnTransform c = only(fit(t, range(0, v.length), y, Task.classification(3), Flavor.DENSE));
        assertThat(c.outputs()).containsExactly("c#te0", "c#te1", "c#te2");
        assertThat(c.prior()).containsExactly(35.0 / 105, 35.0 / 105, 35.0 / 105);
        // L00 rows 0..4 have classes 0, 1, 2, 0, 1
        List<Double> l0 = c.encoding().get(0);
        assertThat(l0.get(0)).isCloseTo((2 + 10.0 / 3) / 15, within(1e-12));
        assertThat(l0.get(2)).isCloseTo((1 + 10.0 / 3) / 15, within(1e-12));
        assertThat(l0.get(0) + l0.get(1) + l0.get(2)).isCloseTo(1.0, within(1e-12));
    }

    // ---- DATETIME (AUTOML-R22)

    @Test
    void fit_treeDatetime_producesDatePartsWithNaNForMissing() {
        TypedTable t = table(ColumnData.datetime("d", new double[] {MARCH_15, NaN}, DateFormats.ISO_DATE_TIME));
        Preprocessing.Fitted f = fit(t, range(0, 2), new double[2], Task.REGRESSION, Flavor.TREE);
        assertThat(f.train().names()).containsExactly("d#year", "d#month", "d#day", "d#dayofweek", "d#dayofyear",
                "d#hour", "d#minute", "d#epoch");
        assertThat(f.train().row(0)).containsExactly(2020, 3, 15, 7, 75, 10, 20, MARCH_15);
        assertThat(f.train().row(1)).containsOnly(NaN);
    }

    @Test
    void fit_dateWithoutTime_hasNoHourOrMinute() {
        TypedTable t = table(ColumnData.datetime("d", new double[] {MARCH_15 - 37_230}, DateFormats.ISO_DATE));
        Preprocessing.Fitted f = fit(t, range(0, 1), new double[1], Task.REGRESSION, Flavor.TREE);
        assertThat(f.train().names()).containsExactly("d#year", "d#month", "d#day", "d#dayofweek", "d#dayofyear",
                "d#epoch");
    }

    @Test
    void fit_denseDatetime_standardisesEachPartWithTrainingStats() {
        double nextYear = MARCH_15 + 365 * 86_400.0; // 2021-03-15, a Monday, day 74
        TypedTable t = table(ColumnData.datetime("d", new double[] {MARCH_15, nextYear, NaN},
                DateFormats.ISO_DATE_TIME));
        Preprocessing.Fitted f = fit(t, range(0, 2), new double[3], Task.REGRESSION, Flavor.DENSE);
        ColumnTransform d = only(f);
        assertThat(d.median().subList(0, 5)).containsExactly(2020.5, 3.0, 15.0, 4.0, 74.5);
        assertThat(d.std().subList(0, 5)).containsExactly(0.5, 1.0, 1.0, 3.0, 0.5);
        assertThat(f.train().row(0)).startsWith(-1, 0, 0, 1, 1);
        // a missing date gets the training medians: 0 after standardisation
        assertThat(f.preprocessor().transform(t, new int[] {2}).row(0)).containsOnly(0.0);
    }

    // ---- TEXT (AUTOML-R21)

    @Test
    void fit_text_isTfIdfOverTermsInAtLeastTwoTrainingRows() {
        String[] v = {"good movie", "bad movie", "Good film", "good good", "bad bad film film"};
        TypedTable t = table(ColumnData.strings("t", ColumnType.TEXT, v));
        Preprocessing.Fitted f = fit(t, range(0, 3), new double[5], Task.REGRESSION, Flavor.DENSE);
        ColumnTransform c = only(f);
        assertThat(c.method()).isEqualTo("TFIDF");
        // df: good 2, movie 2, all others 1 (lower-cased; uni- and bigrams)
        assertThat(c.levels()).containsExactly("good", "movie");
        double idf = Math.log(4.0 / 3) + 1;
        assertThat(c.prior()).containsExactly(idf, idf);
        assertThat(c.outputs()).containsExactly("t#tfidf:good", "t#tfidf:movie", "t#tokens");
        double r = 1 / Math.sqrt(2);
        assertThat(f.train().row(0)).containsExactly(new double[] {r, r, 3}, within(1e-15));
        FeatureMatrix m = f.preprocessor().transform(t, new int[] {3, 4});
        assertThat(m.row(0)).containsExactly(new double[] {1, 0, 3}, within(1e-15));
        assertThat(m.row(1)).containsExactly(0, 0, 7);
    }

    @Test
    void tokens_areLowerCasedUnigramsAndBigrams() {
        assertThat(Preprocessing.tokens("Hello, World! 42")).containsExactly("hello", "world", "hello world", "42",
                "world 42");
        assertThat(Preprocessing.tokens(null)).isEmpty();
    }

    // ---- no leakage: nothing outside the training rows matters

    /** All column types; even rows train, odd rows are held out. */
    private static TypedTable mixedTable(int n, boolean perturbHeldOut) {
        SplittableRandom rng = new SplittableRandom(7);
        double[] x = new double[n];
        String[] c = new String[n];
        String[] h = new String[n];
        double[] d = new double[n];
        String[] txt = new String[n];
        for (int i = 0; i < n; i++) {
            boolean leak = perturbHeldOut && i % 2 == 1;
            x[i] = i % 11 == 0 ? NaN : rng.nextDouble() * 10;
            c[i] = i % 13 == 0 ? null : "c" + rng.nextInt(8);
            h[i] = "h" + (i / 2) % 25; // 25 levels, 6 training rows each
            d[i] = i % 17 == 0 ? NaN : MARCH_15 + rng.nextInt(1000) * 3600.0;
            txt[i] = "w" + i % 7 + " common w" + i % 5;
            if (leak) {
                x[i] = x[i] * 1000 + 1;
                c[i] = i % 4 == 1 ? "c0" : "brand-new";
                h[i] = "h0";
                d[i] = MARCH_15 * 2;
                txt[i] = "leak leak leak";
            }
        }
        return table(ColumnData.numeric("x", x), ColumnData.strings("c", ColumnType.CATEGORICAL, c),
                ColumnData.strings("h", ColumnType.CATEGORICAL, h),
                ColumnData.datetime("d", d, DateFormats.ISO_DATE_TIME), ColumnData.strings("t", ColumnType.TEXT, txt));
    }

    private static double[] target(int n, Task task, boolean perturbHeldOut) {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = task.isRegression() ? i * 0.5 : (i / 2) % task.numClasses();
            if (perturbHeldOut && i % 2 == 1) {
                y[i] = task.isRegression() ? 1e6 : 0;
            }
        }
        return y;
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void fit_heldOutRowsChanged_identicalPipelineAndTrainingMatrix(Flavor flavor) {
        int n = 300;
        int[] train = IntStream.range(0, n).filter(i -> i % 2 == 0).toArray();
        for (Task task : List.of(Task.REGRESSION, Task.classification(2), Task.classification(3))) {
            Preprocessing.Fitted a = fit(mixedTable(n, false), train, target(n, task, false), task, flavor);
            Preprocessing.Fitted b = fit(mixedTable(n, true), train, target(n, task, true), task, flavor);
            assertThat(b.preprocessor()).as("%s %s", flavor, task).isEqualTo(a.preprocessor());
            assertThat(b.train().data()).as("%s %s", flavor, task).containsExactly(a.train().data());
        }
        Map<String, String> methods = fit(mixedTable(n, false), train, target(n, Task.REGRESSION, false),
                Task.REGRESSION, flavor).preprocessor().describe();
        assertThat(methods.get("h")).isEqualTo(flavor == Flavor.TREE ? "CODES(27 levels)" : "TARGET(27 levels)");
        assertThat(methods.get("x")).isEqualTo(flavor == Flavor.TREE ? "RAW" : "MEDIAN_IMPUTE+INDICATOR+STANDARDIZE");
    }

    @Test
    void fit_creditGHeldOutRowsChanged_identicalPipeline() {
        Dataset data = Dataset.readCsv(Path.of("src/test/resources/datasets/credit_g.csv"));
        PreparedData p = DataAnalyzer.analyze(AutoMLJob.builder().target("class").build(), data,
                new EventLog(InstantSource.system(), List.of()));
        int n = p.rows();
        int[] train = IntStream.range(0, n).filter(i -> i % 5 != 0).toArray();
        List<ColumnData> changed = new ArrayList<>();
        for (ColumnData c : p.table().columns()) {
            if (c.numbers() != null) {
                double[] v = c.numbers().clone();
                for (int i = 0; i < n; i += 5) {
                    v[i] = v[i] * 37 + 1;
                }
                changed.add(ColumnData.numeric(c.name(), v));
            } else {
                String[] v = c.strings().clone();
                for (int i = 0; i < n; i += 5) {
                    v[i] = i % 2 == 0 ? null : "unseen";
                }
                changed.add(ColumnData.strings(c.name(), c.type(), v));
            }
        }
        double[] y2 = p.y().clone();
        for (int i = 0; i < n; i += 5) {
            y2[i] = 1 - y2[i];
        }
        TypedTable t2 = new TypedTable(changed, n, Map.of());
        for (Flavor flavor : Flavor.values()) {
            Preprocessing.Fitted a = fit(p.table(), train, p.y(), p.task(), flavor);
            Preprocessing.Fitted b = fit(t2, train, y2, p.task(), flavor);
            assertThat(b.preprocessor()).isEqualTo(a.preprocessor());
            assertThat(b.train().data()).containsExactly(a.train().data());
        }
        // the DENSE statistics are the training rows' own
        ColumnTransform duration = fit(p.table(), train, p.y(), p.task(), Flavor.DENSE).preprocessor().transforms()
                .stream().filter(c -> c.column().equals("duration")).findFirst().orElseThrow();
        double[] stats = Preprocessing.stats(p.table().columns().stream().filter(c -> c.name().equals("duration"))
                .findFirst().orElseThrow().numbers(), train);
        assertThat(duration.median()).containsExactly(stats[0]);
        assertThat(duration.mean()).containsExactly(stats[1]);
        assertThat(duration.std()).containsExactly(stats[2]);
    }
}
