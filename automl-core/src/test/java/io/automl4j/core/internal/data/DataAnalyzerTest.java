package io.automl4j.core.internal.data;

import io.automl4j.api.AutoMLJob;
import io.automl4j.api.Event;
import io.automl4j.api.InvalidJobSpecException;
import io.automl4j.api.ProblemType;
import io.automl4j.api.Stage;
import io.automl4j.api.data.ColumnType;
import io.automl4j.api.data.Dataset;
import io.automl4j.api.eval.Metric;
import io.automl4j.core.internal.EventLog;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Validation against the data: problem type, positive class, exclusions, drops (AUTOML-R4, R6–R10, R14–R16). */
class DataAnalyzerTest {
    private static final Path DATASETS = Path.of("src/test/resources/datasets");

    private final EventLog events = new EventLog(InstantSource.system(), List.of());

    private static AutoMLJob.Builder job() {
        return AutoMLJob.builder().target("y");
    }

    /** A numeric feature 0..n-1, a 3-level categorical feature, and the target as text. */
    private static Dataset withTarget(String... y) {
        int n = y.length;
        double[] x = new double[n];
        String[] c = new String[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            c[i] = "abc".substring(i % 3, i % 3 + 1);
        }
        return Dataset.builder().numeric("x", x).text("c", c).text("y", y).build();
    }

    /** {@code n} labels cycling through {@code values}. */
    private static String[] cycle(int n, String... values) {
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = values[i % values.length];
        }
        return out;
    }

    /** {@code n} integer labels 0..distinct-1, cycling. */
    private static String[] integers(int n, int distinct) {
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = Integer.toString(i % distinct);
        }
        return out;
    }

    private PreparedData analyze(AutoMLJob.Builder job, Dataset data) {
        return DataAnalyzer.analyze(job.build(), data, events);
    }

    private List<Event> warnings() {
        return events.events().stream().filter(e -> e.level() == Event.Level.WARN).toList();
    }

    // ---- AUTOML-R6: problem-type inference

    @Test
    void analyze_singleDistinctTarget_throws() {
        assertThatThrownBy(() -> analyze(job(), withTarget(cycle(30, "a"))))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessageContaining("target 'y' has 1 distinct value(s); at least 2 are required");
    }

    @Test
    void analyze_twoTextValues_isBinary() {
        PreparedData p = analyze(job(), withTarget(cycle(30, "no", "yes")));
        assertThat(p.problemType()).isEqualTo(ProblemType.BINARY_CLASSIFICATION);
        assertThat(p.problemTypeInferred()).isTrue();
        assertThat(p.labels()).containsExactly("no", "yes");
    }

    @Test
    void analyze_threeTextValues_isMulticlass() {
        PreparedData p = analyze(job(), withTarget(cycle(30, "cat", "dog", "fish")));
        assertThat(p.problemType()).isEqualTo(ProblemType.MULTICLASS_CLASSIFICATION);
        assertThat(p.labels()).containsExactly("cat", "dog", "fish");
        assertThat(p.y()).startsWith(0, 1, 2, 0);
    }

    @Test
    void analyze_thousandTextValues_isMulticlass() {
        String[] y = new String[1000];
        for (int i = 0; i < y.length; i++) {
            y[i] = "class" + i;
        }
        assertThat(analyze(job(), withTarget(y)).problemType()).isEqualTo(ProblemType.MULTICLASS_CLASSIFICATION);
    }

    @Test
    void analyze_moreThanThousandTextValues_throws() {
        String[] y = new String[1001];
        for (int i = 0; i < y.length; i++) {
            y[i] = "class" + i;
        }
        assertThatThrownBy(() -> analyze(job(), withTarget(y)))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessage("cannot infer: target 'y' has 1001 distinct text values; set problemType");
    }

    @Test
    void analyze_twoNumericValues_isBinaryInNumericOrder() {
        Dataset d = Dataset.builder().text("f", cycle(30, "a", "b")).numeric("y", doubles(30, 10, 9)).build();
        PreparedData p = analyze(job(), d);
        assertThat(p.problemType()).isEqualTo(ProblemType.BINARY_CLASSIFICATION);
        assertThat(p.labels()).containsExactly("9", "10");
    }

    @Test
    void analyze_integerTargetThreeValuesRatioAtFivePercent_isMulticlass() {
        // 3 distinct / 60 rows = 0.05 exactly: the bound is inclusive
        PreparedData p = analyze(job(), withTarget(integers(60, 3)));
        assertThat(p.problemType()).isEqualTo(ProblemType.MULTICLASS_CLASSIFICATION);
        assertThat(p.labels()).containsExactly("0", "1", "2");
    }

    @Test
    void analyze_integerTargetTwentyValuesRatioAtFivePercent_isMulticlass() {
        PreparedData p = analyze(job(), withTarget(integers(400, 20)));
        assertThat(p.problemType()).isEqualTo(ProblemType.MULTICLASS_CLASSIFICATION);
        assertThat(p.labels()).hasSize(20).startsWith("0", "1", "2").endsWith("19");
    }

    @Test
    void analyze_integerTargetRatioAboveFivePercent_throwsAmbiguous() {
        assertThatThrownBy(() -> analyze(job(), withTarget(integers(59, 3))))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessage("problem type is ambiguous: target 'y' is integer-valued with 3 distinct values "
                        + "(ratio 0.0508); set problemType");
    }

    @Test
    void analyze_integerTargetTwentyOneValues_throwsAmbiguous() {
        assertThatThrownBy(() -> analyze(job(), withTarget(integers(2100, 21))))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessageContaining("problem type is ambiguous")
                .hasMessageContaining("integer-valued with 21 distinct values (ratio 0.0100)");
    }

    @Test
    void analyze_integerTargetFiftyValues_throwsAmbiguous() {
        assertThatThrownBy(() -> analyze(job(), withTarget(integers(100, 50))))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessageContaining("integer-valued with 50 distinct values (ratio 0.5000)");
    }

    @Test
    void analyze_integerTargetFiftyOneValues_isRegression() {
        PreparedData p = analyze(job(), withTarget(integers(102, 51)));
        assertThat(p.problemType()).isEqualTo(ProblemType.REGRESSION);
        assertThat(p.labels()).isEmpty();
        assertThat(p.positiveIndex()).isEqualTo(-1);
        assertThat(p.y()[50]).isEqualTo(50.0);
    }

    @Test
    void analyze_anyNonIntegerValue_isRegression() {
        String[] y = integers(100, 3);
        y[7] = "1.5";
        PreparedData p = analyze(job(), withTarget(y));
        assertThat(p.problemType()).isEqualTo(ProblemType.REGRESSION);
        assertThat(p.y()[7]).isEqualTo(1.5);
    }

    @Test
    void analyze_concrete_isRegression() {
        Dataset d = Dataset.readCsv(DATASETS.resolve("concrete.csv"));
        PreparedData p = DataAnalyzer.analyze(AutoMLJob.builder().target("compressive_strength").build(), d, events);
        assertThat(p.problemType()).isEqualTo(ProblemType.REGRESSION);
        assertThat(p.rows()).isEqualTo(1030);
        assertThat(p.y()[0]).isEqualTo(79.99);
        assertThat(p.columnTypes()).hasSize(8).containsValues(ColumnType.NUMERIC).doesNotContainValue(
                ColumnType.CATEGORICAL);
    }

    @Test
    void analyze_iris_isMulticlassWithNumericFeatures() {
        Dataset d = Dataset.readCsv(DATASETS.resolve("iris.csv"));
        PreparedData p = DataAnalyzer.analyze(AutoMLJob.builder().target("species").build(), d, events);
        assertThat(p.problemType()).isEqualTo(ProblemType.MULTICLASS_CLASSIFICATION);
        assertThat(p.labels()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(p.columnTypes()).containsExactly(Map.entry("sepal_length", ColumnType.NUMERIC),
                Map.entry("sepal_width", ColumnType.NUMERIC), Map.entry("petal_length", ColumnType.NUMERIC),
                Map.entry("petal_width", ColumnType.NUMERIC));
        // 150 rows: below the managed service's minimum
        assertThat(warnings()).anyMatch(e -> e.message().startsWith("fewer than 500 usable rows"));
    }

    // ---- AUTOML-R7: explicit problem type against the target

    @Test
    void analyze_binaryWithThreeValues_throws() {
        assertThatThrownBy(() -> analyze(job().problemType(ProblemType.BINARY_CLASSIFICATION),
                withTarget(cycle(30, "a", "b", "c"))))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessage("BINARY_CLASSIFICATION requires exactly 2 distinct target values but target 'y' has 3");
    }

    @Test
    void analyze_multiclassWithTwoValues_throws() {
        assertThatThrownBy(() -> analyze(job().problemType(ProblemType.MULTICLASS_CLASSIFICATION),
                withTarget(cycle(30, "a", "b"))))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessage("MULTICLASS_CLASSIFICATION requires 3..1000 distinct target values but target 'y' has 2");
    }

    @Test
    void analyze_multiclassWithMoreThanThousandValues_throws() {
        String[] y = new String[1001];
        for (int i = 0; i < y.length; i++) {
            y[i] = "c" + i;
        }
        assertThatThrownBy(() -> analyze(job().problemType(ProblemType.MULTICLASS_CLASSIFICATION), withTarget(y)))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessageContaining("requires 3..1000 distinct target values but target 'y' has 1001");
    }

    @Test
    void analyze_regressionWithSomeTextTargets_excludesAndCountsThem() {
        String[] y = integers(40, 30);
        y[3] = "n/a";
        y[11] = "unknown";
        PreparedData p = analyze(job().problemType(ProblemType.REGRESSION), withTarget(y));
        assertThat(p.problemType()).isEqualTo(ProblemType.REGRESSION);
        assertThat(p.problemTypeInferred()).isFalse();
        assertThat(p.rows()).isEqualTo(38);
        assertThat(p.excludedTarget()).isEqualTo(2);
        assertThat(warnings()).anyMatch(e -> e.message().equals("rows with a missing or invalid target were excluded")
                && e.details().equals(Map.of("rows", "2", "percent", "5.00")));
    }

    @Test
    void analyze_regressionWithTextTarget_throws() {
        assertThatThrownBy(() -> analyze(job().problemType(ProblemType.REGRESSION), withTarget(cycle(30, "a", "b"))))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessage("problemType is REGRESSION but target 'y' has no numeric values");
    }

    @Test
    void analyze_explicitRegressionOnAmbiguousTarget_isAccepted() {
        PreparedData p = analyze(job().problemType(ProblemType.REGRESSION), withTarget(integers(100, 30)));
        assertThat(p.problemType()).isEqualTo(ProblemType.REGRESSION);
        assertThat(p.problemTypeInferred()).isFalse();
    }

    // ---- AUTOML-R9: the metric implies the family

    @Test
    void analyze_regressionMetricOnAmbiguousTarget_impliesRegression() {
        PreparedData p = analyze(job().objectiveMetric(Metric.MAE), withTarget(integers(100, 30)));
        assertThat(p.problemType()).isEqualTo(ProblemType.REGRESSION);
        assertThat(events.events()).anyMatch(e -> e.message().equals("problem type implied by the objective metric")
                && e.details().get("problemType").equals("REGRESSION"));
    }

    @Test
    void analyze_classificationMetricOnContinuousTarget_throwsNamingBoth() {
        String[] y = integers(100, 60);
        y[0] = "0.5";
        assertThatThrownBy(() -> analyze(job().objectiveMetric(Metric.ACCURACY), withTarget(y)))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessageStartingWith("ACCURACY is a classification metric; for REGRESSION use");
    }

    @Test
    void analyze_binaryMetricOnMulticlassTarget_throwsNamingBoth() {
        assertThatThrownBy(() -> analyze(job().objectiveMetric(Metric.F1), withTarget(cycle(30, "a", "b", "c"))))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessageStartingWith("F1 is a binary metric; for MULTICLASS_CLASSIFICATION use F1_MACRO");
    }

    @Test
    void analyze_regressionMetricOnTextTarget_throwsNamingBoth() {
        assertThatThrownBy(() -> analyze(job().objectiveMetric(Metric.MSE), withTarget(cycle(30, "a", "b"))))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessageStartingWith("MSE is a regression metric; for BINARY_CLASSIFICATION use");
    }

    @Test
    void analyze_logLossOnTwoValues_infersBinary() {
        PreparedData p = analyze(job().objectiveMetric(Metric.LOG_LOSS), withTarget(cycle(30, "a", "b")));
        assertThat(p.problemType()).isEqualTo(ProblemType.BINARY_CLASSIFICATION);
    }

    // ---- AUTOML-R10: positive class

    @Test
    void analyze_positiveClassNotALabel_throws() {
        assertThatThrownBy(() -> analyze(job().positiveClass("maybe"), withTarget(cycle(30, "no", "yes"))))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessage("positiveClass 'maybe' is not a value of the target; values are [no, yes]");
    }

    @Test
    void analyze_explicitPositiveClass_isUsedEvenIfMajority() {
        PreparedData p = analyze(job().positiveClass("no"), withTarget(cycle(30, "no", "no", "yes")));
        assertThat(p.labels().get(p.positiveIndex())).isEqualTo("no");
    }

    @Test
    void analyze_defaultPositiveClass_isMinority() {
        // "a" is the minority and first in natural order
        PreparedData p = analyze(job(), withTarget(cycle(30, "a", "b", "b")));
        assertThat(p.labels()).containsExactly("a", "b");
        assertThat(p.positiveIndex()).isZero();
    }

    @Test
    void analyze_positiveClassTieOfText_isLaterInStringOrder() {
        PreparedData p = analyze(job(), withTarget(cycle(30, "true", "false")));
        assertThat(p.labels()).containsExactly("false", "true");
        assertThat(p.labels().get(p.positiveIndex())).isEqualTo("true");
    }

    @Test
    void analyze_positiveClassTieOfNumbers_isLaterInNumericOrder() {
        // "10" < "9" as strings, but 9 < 10 as numbers
        PreparedData p = analyze(job(), withTarget(cycle(30, "10", "9")));
        assertThat(p.labels()).containsExactly("9", "10");
        assertThat(p.labels().get(p.positiveIndex())).isEqualTo("10");
    }

    @Test
    void analyze_positiveClassTieOfMixedText_isLaterInStringOrder() {
        PreparedData p = analyze(job(), withTarget(cycle(30, "10", "9a")));
        assertThat(p.labels()).containsExactly("10", "9a");
        assertThat(p.labels().get(p.positiveIndex())).isEqualTo("9a");
    }

    @Test
    void analyze_positiveClassOnMulticlass_throws() {
        assertThatThrownBy(() -> analyze(job().positiveClass("a"), withTarget(cycle(30, "a", "b", "c"))))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessage("positiveClass 'a' applies to BINARY_CLASSIFICATION only, but the problem type is "
                        + "MULTICLASS_CLASSIFICATION");
    }

    @Test
    void analyze_creditG_positiveClassIsMinorityBad() {
        Dataset d = Dataset.readCsv(DATASETS.resolve("credit_g.csv"));
        PreparedData p = DataAnalyzer.analyze(AutoMLJob.builder().target("class").build(), d, events);
        assertThat(p.problemType()).isEqualTo(ProblemType.BINARY_CLASSIFICATION);
        assertThat(p.labels()).containsExactly("bad", "good");
        assertThat(p.labels().get(p.positiveIndex())).isEqualTo("bad");
        assertThat(p.rows()).isEqualTo(1000);
        assertThat(p.columnTypes()).hasSize(20)
                .containsEntry("checking_status", ColumnType.CATEGORICAL)
                .containsEntry("duration", ColumnType.NUMERIC)
                .containsEntry("purpose", ColumnType.CATEGORICAL)
                .containsEntry("num_dependents", ColumnType.NUMERIC);
        assertThat(warnings()).noneMatch(e -> e.message().startsWith("fewer than 500"));
    }

    // ---- AUTOML-R15: invalid targets

    @Test
    void analyze_missingAndNonFiniteTargets_areExcludedAndCounted() {
        String[] y = cycle(40, "a", "b");
        y[0] = null;
        y[1] = "  ";
        y[2] = "NaN";
        y[3] = "-inf";
        y[4] = "Infinity";
        PreparedData p = analyze(job(), withTarget(y));
        assertThat(p.excludedTarget()).isEqualTo(5);
        assertThat(p.rows()).isEqualTo(35);
        assertThat(p.problemType()).isEqualTo(ProblemType.BINARY_CLASSIFICATION);
        assertThat(warnings()).anyMatch(e -> e.stage() == Stage.DATA
                && e.details().equals(Map.of("rows", "5", "percent", "12.50")));
    }

    @Test
    void analyze_numericTargetOverflowingToInfinity_isExcluded() {
        String[] y = new String[40];
        for (int i = 0; i < y.length; i++) {
            y[i] = (i % 7) + ".25";
        }
        y[5] = "1e999";
        PreparedData p = analyze(job(), withTarget(y));
        assertThat(p.problemType()).isEqualTo(ProblemType.REGRESSION);
        assertThat(p.excludedTarget()).isEqualTo(1);
        assertThat(p.y()).doesNotContain(Double.POSITIVE_INFINITY);
    }

    @Test
    void analyze_numericStorageTargetNaNAndInfinity_areExcluded() {
        double[] y = doubles(30, 0, 1);
        y[0] = Double.NaN;
        y[1] = Double.POSITIVE_INFINITY;
        y[2] = Double.NEGATIVE_INFINITY;
        Dataset d = Dataset.builder().text("f", cycle(30, "p", "q", "r")).numeric("y", y).build();
        PreparedData p = analyze(job(), d);
        assertThat(p.excludedTarget()).isEqualTo(3);
        assertThat(p.labels()).containsExactly("0", "1");
    }

    // ---- AUTOML-R16: sample weights

    @Test
    void analyze_invalidWeights_areExcludedAndCounted() {
        String[] w = cycle(30, "1", "2.5", "0");
        w[0] = null;
        w[1] = "heavy";
        w[2] = "-1";
        w[3] = "inf";
        w[4] = "Infinity";
        Dataset d = Dataset.builder().numeric("x", doubles(30, 1, 2, 3)).text("w", w)
                .text("y", cycle(30, "a", "b")).build();
        PreparedData p = analyze(job().sampleWeightColumn("w"), d);
        assertThat(p.excludedWeight()).isEqualTo(5);
        assertThat(p.excludedTarget()).isZero();
        assertThat(p.rows()).isEqualTo(25);
        // row 5 is the first usable one: weights follow the usable rows
        assertThat(p.weights()).hasSize(25).startsWith(0.0, 1.0, 2.5, 0.0);
        assertThat(p.columnTypes()).containsOnlyKeys("x");
        assertThat(warnings()).anyMatch(e -> e.message().startsWith("rows with a missing, non-numeric, negative")
                && e.details().equals(Map.of("rows", "5", "percent", "16.67")));
    }

    @Test
    void analyze_rowWithInvalidTargetAndWeight_isCountedOnceAsTarget() {
        String[] y = cycle(30, "a", "b");
        y[0] = null;
        String[] w = cycle(30, "1");
        w[0] = "-5";
        Dataset d = Dataset.builder().numeric("x", doubles(30, 1, 2, 3)).text("w", w).text("y", y).build();
        PreparedData p = analyze(job().sampleWeightColumn("w"), d);
        assertThat(p.excludedTarget()).isEqualTo(1);
        assertThat(p.excludedWeight()).isZero();
    }

    @Test
    void analyze_allWeightsZero_throws() {
        Dataset d = Dataset.builder().numeric("x", doubles(30, 1, 2, 3)).numeric("w", new double[30])
                .text("y", cycle(30, "a", "b")).build();
        assertThatThrownBy(() -> analyze(job().sampleWeightColumn("w"), d))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessage("all sample weights in column 'w' are zero");
    }

    @Test
    void analyze_nonNumericWeightColumn_throws() {
        Dataset d = Dataset.builder().numeric("x", doubles(30, 1, 2, 3)).text("w", cycle(30, "low", "high"))
                .text("y", cycle(30, "a", "b")).build();
        assertThatThrownBy(() -> analyze(job().sampleWeightColumn("w"), d))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessage("sample weight column 'w' is not numeric: no value parses as a number");
    }

    // ---- AUTOML-R4: row counts and unknown columns

    @Test
    void analyze_fewerThanTwentyUsableRows_throws() {
        String[] y = cycle(25, "a", "b");
        for (int i = 0; i < 6; i++) {
            y[i] = null;
        }
        assertThatThrownBy(() -> analyze(job(), withTarget(y)))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessage("only 19 usable rows (of 25; 6 with an invalid target, 0 with an invalid weight); "
                        + "at least 20 are required");
    }

    @Test
    void analyze_twentyUsableRows_warnsBelowFiveHundred() {
        PreparedData p = analyze(job(), withTarget(cycle(20, "a", "b")));
        assertThat(p.rows()).isEqualTo(20);
        assertThat(warnings()).anyMatch(e -> e.stage() == Stage.VALIDATION
                && e.message().equals("fewer than 500 usable rows: results may be unstable")
                && e.details().equals(Map.of("rows", "20")));
    }

    @Test
    void analyze_fiveHundredUsableRows_doesNotWarn() {
        analyze(job(), withTarget(cycle(500, "a", "b")));
        assertThat(warnings()).isEmpty();
    }

    @Test
    void analyze_singleRowClass_warns() {
        String[] y = cycle(30, "a", "b");
        y[0] = "c";
        analyze(job(), withTarget(y));
        assertThat(warnings()).anyMatch(e -> e.message().equals("class 'c' has a single row"));
    }

    @Test
    void analyze_manySingleRowClasses_oneWarningNamingTheFirstFive() {
        String[] y = cycle(40, "a", "b");
        for (int i = 0; i < 7; i++) {
            y[i] = "s" + i;
        }
        analyze(job(), withTarget(y));
        assertThat(warnings().stream().filter(e -> e.message().contains("single row"))).singleElement()
                .satisfies(e -> assertThat(e.message()).isEqualTo(
                        "7 of 9 classes have a single row ('s0', 's1', 's2', 's3', 's4', ...)"));
    }

    @Test
    void analyze_unknownTarget_throwsListingColumns() {
        assertThatThrownBy(() -> DataAnalyzer.analyze(AutoMLJob.builder().target("label").build(),
                withTarget(cycle(30, "a", "b")), events))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessage("target column 'label' not found; columns are [x, c, y]");
    }

    @Test
    void analyze_unknownFeature_throwsListingColumns() {
        assertThatThrownBy(() -> analyze(job().features("x", "z"), withTarget(cycle(30, "a", "b"))))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessage("feature column 'z' not found; columns are [x, c, y]");
    }

    @Test
    void analyze_unknownWeightColumn_throwsListingColumns() {
        assertThatThrownBy(() -> analyze(job().sampleWeightColumn("w"), withTarget(cycle(30, "a", "b"))))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessage("sample weight column 'w' not found; columns are [x, c, y]");
    }

    @Test
    void analyze_columnTypeForUnknownColumn_throws() {
        assertThatThrownBy(() -> analyze(job().columnType("z", ColumnType.NUMERIC), withTarget(cycle(30, "a", "b"))))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessage("columnType was set for column 'z', which is not in the data; columns are [x, c, y]");
    }

    @Test
    void analyze_featureList_restrictsColumns() {
        PreparedData p = analyze(job().features("c"), withTarget(cycle(30, "a", "b")));
        assertThat(p.columnTypes()).containsOnlyKeys("c");
        assertThat(p.table().columns()).extracting(ColumnData::name).containsExactly("c");
    }

    @Test
    void analyze_columnTypeOverride_isApplied() {
        PreparedData p = analyze(job().columnType("x", ColumnType.CATEGORICAL), withTarget(cycle(30, "a", "b")));
        // a distinct value on every row: an ID-like categorical is dropped
        assertThat(p.dropped()).containsEntry("x", "ID-like: a distinct value on every row");
    }

    // ---- AUTOML-R14: dropped columns

    @Test
    void analyze_unusableColumns_areDroppedWithWarnings() {
        int n = 30;
        String[] id = new String[n];
        String[] allMissing = new String[n];
        double[] missingNumbers = new double[n];
        for (int i = 0; i < n; i++) {
            id[i] = "id-" + i;
            missingNumbers[i] = Double.NaN;
        }
        Dataset d = Dataset.builder()
                .numeric("keep", doubles(n, 1, 2, 3))
                .numeric("constNum", doubles(n, 7))
                .text("constCat", cycle(n, "same"))
                .text("allMissing", allMissing)
                .text("nanWords", cycle(n, "NaN", "inf", "-Infinity"))
                .numeric("nanNumbers", missingNumbers)
                .text("id", id)
                .numeric("rowNumber", rowNumbers(n))
                .text("y", cycle(n, "a", "b"))
                .build();
        PreparedData p = analyze(job(), d);
        assertThat(p.dropped()).containsExactly(
                Map.entry("constNum", "constant"),
                Map.entry("constCat", "constant"),
                Map.entry("allMissing", "all values are missing"),
                Map.entry("nanWords", "all values are missing"),
                Map.entry("nanNumbers", "all values are missing"),
                Map.entry("id", "ID-like: a distinct value on every row"));
        // integer codes stay NUMERIC and are never ID-like
        assertThat(p.columnTypes()).containsExactly(Map.entry("keep", ColumnType.NUMERIC),
                Map.entry("rowNumber", ColumnType.NUMERIC));
        assertThat(warnings()).filteredOn(e -> e.stage() == Stage.FEATURES)
                .extracting(Event::message)
                .contains("column 'constNum' dropped: constant", "column 'id' dropped: ID-like: a distinct value on "
                        + "every row");
    }

    @Test
    void analyze_categoricalWithOneMissingCell_isNotIdLike() {
        int n = 30;
        String[] id = new String[n];
        for (int i = 1; i < n; i++) {
            id[i] = "id-" + i;
        }
        Dataset d = Dataset.builder().text("id", id).text("y", cycle(n, "a", "b")).build();
        assertThat(analyze(job(), d).columnTypes()).containsEntry("id", ColumnType.CATEGORICAL);
    }

    @Test
    void analyze_allFeaturesDropped_throws() {
        Dataset d = Dataset.builder().numeric("k", doubles(30, 1)).text("y", cycle(30, "a", "b")).build();
        assertThatThrownBy(() -> analyze(job(), d))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessage("no usable feature columns: all were dropped {k=constant}");
    }

    @Test
    void analyze_columnTypedOverUsableRowsOnly() {
        // the only non-numeric cell of x is on a row whose target is missing
        String[] x = cycle(30, "1", "2", "3");
        x[0] = "oops";
        String[] y = cycle(30, "a", "b");
        y[0] = null;
        Dataset d = Dataset.builder().text("x", x).text("y", y).build();
        assertThat(analyze(job(), d).columnTypes()).containsEntry("x", ColumnType.NUMERIC);
    }

    // ---- AUTOML-R57: data fingerprint

    @Test
    void fingerprint_sameData_isStable() {
        String a = analyze(job(), withTarget(cycle(30, "a", "b"))).fingerprint();
        String b = DataAnalyzer.analyze(job().build(), withTarget(cycle(30, "a", "b")),
                new EventLog(InstantSource.system(), List.of())).fingerprint();
        assertThat(a).hasSize(64).isEqualTo(b);
    }

    @Test
    void fingerprint_oneCellChanged_differs() {
        String[] y = cycle(30, "a", "b");
        String a = analyze(job(), withTarget(y)).fingerprint();
        y[29] = "a";
        String b = analyze(job(), withTarget(y)).fingerprint();
        assertThat(b).isNotEqualTo(a);
    }

    @Test
    void fingerprint_numberAsTextOrStored_isTheSame() {
        Dataset stored = Dataset.builder().numeric("x", new double[] {1, 2.5, Double.NaN})
                .text("y", new String[] {"a", "b", "a"}).build();
        Dataset text = Dataset.builder().text("x", new String[] {"1", "2.5", null})
                .text("y", new String[] {"a", "b", "a"}).build();
        Map<String, ColumnType> types = Map.of("x", ColumnType.NUMERIC);
        assertThat(DataAnalyzer.fingerprint(stored, List.of("x"), "y", null, types))
                .isEqualTo(DataAnalyzer.fingerprint(text, List.of("x"), "y", null, types));
    }

    @Test
    void fingerprint_isSha256OfLengthPrefixedHeaderTypesAndCells() throws Exception {
        Dataset d = Dataset.builder().text("x", new String[] {"é", null}).text("y", new String[] {"a", "b"}).build();
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        // header with types (the target has none), then cells row by row: x0, y0, x1, y1
        for (String s : new String[] {"x", "CATEGORICAL", "y", "null", "é", "a"}) {
            lengthPrefixed(expected, s);
        }
        expected.update(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}); // missing cell
        lengthPrefixed(expected, "b");
        assertThat(DataAnalyzer.fingerprint(d, List.of("x"), "y", null, Map.of("x", ColumnType.CATEGORICAL)))
                .isEqualTo(HexFormat.of().formatHex(expected.digest()));
    }

    private static void lengthPrefixed(MessageDigest md, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        md.update(new byte[] {(byte) (b.length >>> 24), (byte) (b.length >>> 16), (byte) (b.length >>> 8),
                (byte) b.length});
        md.update(b);
    }

    // ---- helpers

    private static double[] doubles(int n, double... values) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = values[i % values.length];
        }
        return out;
    }

    private static double[] rowNumbers(int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }
}
