package io.automl4j.core.internal.data;

import io.automl4j.api.Event;
import io.automl4j.api.InvalidJobSpecException;
import io.automl4j.api.data.Column;
import io.automl4j.api.data.ColumnType;
import io.automl4j.api.data.Dataset;
import io.automl4j.core.internal.EventLog;
import org.junit.jupiter.api.Test;

import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Column type inference and scoring-time parsing (AUTOML-R14, R18). */
class TypeInferenceTest {
    /** 2020-01-02T00:00:00Z. */
    private static final double JAN_2 = 1_577_923_200;
    /** 2020-01-13T00:00:00Z. */
    private static final double JAN_13 = 1_578_873_600;

    private final EventLog events = new EventLog(InstantSource.system(), List.of());

    private static Column text(String... values) {
        return Dataset.builder().text("c", values).build().column("c");
    }

    private static int[] all(int n) {
        return IntStream.range(0, n).toArray();
    }

    private ColumnData infer(String... values) {
        return TypeInference.type(text(values), all(values.length), null, events);
    }

    private ColumnData infer(ColumnType override, String... values) {
        return TypeInference.type(text(values), all(values.length), override, events);
    }

    // ---- NUMERIC

    @Test
    void type_everyValueParses_isNumeric() {
        ColumnData c = infer("1", " 2.5", "-3e2", null, "");
        assertThat(c.type()).isEqualTo(ColumnType.NUMERIC);
        assertThat(c.numbers()).containsExactly(1, 2.5, -300, Double.NaN, Double.NaN);
        assertThat(events.events()).isEmpty();
    }

    @Test
    void type_nanAndInfStrings_areMissingWithWarn() {
        ColumnData c = infer("1", "NaN", "inf", "2", "-Infinity");
        assertThat(c.type()).isEqualTo(ColumnType.NUMERIC);
        assertThat(c.numbers()).containsExactly(1, Double.NaN, Double.NaN, 2, Double.NaN);
        assertThat(events.events()).singleElement().satisfies(e -> {
            assertThat(e.level()).isEqualTo(Event.Level.WARN);
            assertThat(e.message()).isEqualTo("non-finite values (NaN/inf) in column 'c' treated as missing");
            assertThat(e.details()).containsEntry("rows", "3");
        });
    }

    @Test
    void type_onlyNonFiniteWords_isAllMissingNumeric() {
        ColumnData c = infer("NaN", "inf", null, "NaN");
        assertThat(c.type()).isEqualTo(ColumnType.NUMERIC);
        assertThat(c.numbers()).containsOnly(Double.NaN);
        assertThat(events.events()).singleElement().satisfies(e -> assertThat(e.details()).containsEntry("rows", "3"));
    }

    @Test
    void type_allMissing_isNotNumeric() {
        ColumnData c = infer(new String[] {null, " ", null});
        assertThat(c.type()).isEqualTo(ColumnType.CATEGORICAL);
        assertThat(c.strings()).containsOnlyNulls();
    }

    @Test
    void type_numberOverflowingToInfinity_isMissingWithWarn() {
        ColumnData c = infer("1", "1e999", "2");
        assertThat(c.type()).isEqualTo(ColumnType.NUMERIC);
        assertThat(c.numbers()).containsExactly(1, Double.NaN, 2);
        assertThat(events.events()).singleElement().satisfies(e -> assertThat(e.details()).containsEntry("rows", "1"));
    }

    @Test
    void type_numericStorageInfinity_isMissing() {
        Column col = Dataset.builder().numeric("c", new double[] {1, Double.POSITIVE_INFINITY, Double.NaN}).build()
                .column("c");
        ColumnData c = TypeInference.type(col, all(3), null, events);
        assertThat(c.type()).isEqualTo(ColumnType.NUMERIC);
        assertThat(c.numbers()).containsExactly(1, Double.NaN, Double.NaN);
    }

    @Test
    void type_javaSuffixesAndHex_areNotNumbers() {
        assertThat(infer("1d", "2f", "0x1A").type()).isEqualTo(ColumnType.CATEGORICAL);
    }

    @Test
    void type_integerCodes_stayNumeric() {
        assertThat(infer("1", "2", "3", "1", "2").type()).isEqualTo(ColumnType.NUMERIC);
    }

    @Test
    void type_onlyGivenRows_areConsidered() {
        ColumnData c = TypeInference.type(text("oops", "1", "2"), new int[] {1, 2}, null, events);
        assertThat(c.type()).isEqualTo(ColumnType.NUMERIC);
        assertThat(c.numbers()).containsExactly(1, 2);
    }

    @Test
    void type_numericOverrideOnText_throwsNamingValue() {
        assertThatThrownBy(() -> infer(ColumnType.NUMERIC, "1", "NaN", "abc", "2"))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessage("columnType of 'c' is NUMERIC but value 'abc' does not parse as a number");
    }

    @Test
    void type_numericOverrideWithNonFiniteWords_isNumeric() {
        ColumnData c = infer(ColumnType.NUMERIC, "1", "NaN");
        assertThat(c.numbers()).containsExactly(1, Double.NaN);
    }

    @Test
    void type_categoricalOverrideOnStoredNumbers_usesTheirText() {
        Column col = Dataset.builder().numeric("c", new double[] {1, 2.5, Double.NaN}).build().column("c");
        ColumnData c = TypeInference.type(col, all(3), ColumnType.CATEGORICAL, events);
        assertThat(c.type()).isEqualTo(ColumnType.CATEGORICAL);
        assertThat(c.strings()).containsExactly("1", "2.5", null);
    }

    // ---- DATETIME

    @Test
    void type_isoDates_isDatetime() {
        ColumnData c = infer("2020-01-02", "2020-01-13", null);
        assertThat(c.type()).isEqualTo(ColumnType.DATETIME);
        assertThat(c.dateFormat()).isEqualTo(DateFormats.ISO_DATE);
        assertThat(c.numbers()).containsExactly(JAN_2, JAN_13, Double.NaN);
    }

    @Test
    void type_isoDateTimesWithAndWithoutOffset_areEpochSeconds() {
        ColumnData c = infer("2020-01-02T03:04:05Z", "2020-01-02T03:04:05+02:00", "2020-01-02T03:04:05");
        assertThat(c.dateFormat()).isEqualTo(DateFormats.ISO_DATE_TIME);
        double t = JAN_2 + 3 * 3600 + 4 * 60 + 5;
        assertThat(c.numbers()).containsExactly(t, t - 7200, t);
    }

    @Test
    void type_isoDateSpaceTime_isDatetime() {
        assertThat(infer("2020-01-02 03:04:05", "2020-01-13 00:00:00").dateFormat())
                .isEqualTo(DateFormats.ISO_DATE_SPACE_TIME);
    }

    @Test
    void type_slashYearFirst_isDatetime() {
        assertThat(infer("2020/01/02", "2020/01/13").dateFormat()).isEqualTo(DateFormats.SLASH_YMD);
        assertThat(infer("2020/01/02 10:00:00", "2020/01/13 23:59:59").dateFormat())
                .isEqualTo(DateFormats.SLASH_YMD_TIME);
    }

    @Test
    void type_monthFirstWithDayAboveTwelve_isUs() {
        ColumnData c = infer("01/13/2020", "01/02/2020");
        assertThat(c.dateFormat()).isEqualTo(DateFormats.US);
        assertThat(c.numbers()).containsExactly(JAN_13, JAN_2);
    }

    @Test
    void type_dayFirstWithDayAboveTwelve_isEu() {
        ColumnData c = infer("13/01/2020", "02/01/2020");
        assertThat(c.dateFormat()).isEqualTo(DateFormats.EU);
        assertThat(c.numbers()).containsExactly(JAN_13, JAN_2);
    }

    @Test
    void type_dayMonthAmbiguous_throws() {
        assertThatThrownBy(() -> infer("01/02/2020", "03/04/2020", "12/11/2020"))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessage("date column 'c' parses both as MM/dd/yyyy and as dd/MM/yyyy; set columnType('c', "
                        + "CATEGORICAL) or reformat the dates as ISO-8601 (yyyy-MM-dd)");
    }

    @Test
    void type_mixedDateFormats_isCategorical() {
        assertThat(infer("2020-01-02", "2020/01/03", "2020-01-02").type()).isEqualTo(ColumnType.CATEGORICAL);
    }

    @Test
    void type_datetimeOverrideOnNonDate_throws() {
        assertThatThrownBy(() -> infer(ColumnType.DATETIME, "2020-01-02", "hello"))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessageStartingWith("columnType of 'c' is DATETIME but value 'hello' is not in a supported format");
    }

    @Test
    void type_datetimeOverrideOnMixedFormats_throws() {
        assertThatThrownBy(() -> infer(ColumnType.DATETIME, "2020-01-02", "2020/01/03"))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessage("columnType of 'c' is DATETIME but its values do not all parse with one supported format");
    }

    // ---- TEXT and CATEGORICAL

    @Test
    void type_threeTokensAndMostlyDistinct_isText() {
        ColumnData c = infer("the quick fox", "a lazy dog sleeps", "hello big world", "the quick fox");
        assertThat(c.type()).isEqualTo(ColumnType.TEXT);
        assertThat(c.strings()).containsExactly("the quick fox", "a lazy dog sleeps", "hello big world",
                "the quick fox");
    }

    @Test
    void type_meanTokensExactlyThree_isText() {
        assertThat(infer("one two three", "four five six").type()).isEqualTo(ColumnType.TEXT);
    }

    @Test
    void type_distinctExactlyHalf_isCategorical() {
        assertThat(infer("a b c", "a b c", "d e f", "d e f").type()).isEqualTo(ColumnType.CATEGORICAL);
    }

    @Test
    void type_fewerThanThreeTokens_isCategorical() {
        assertThat(infer("red car", "blue car", "green bike", "old bus").type()).isEqualTo(ColumnType.CATEGORICAL);
    }

    @Test
    void type_booleans_areCategorical() {
        ColumnData c = infer("true", "false", " true ");
        assertThat(c.type()).isEqualTo(ColumnType.CATEGORICAL);
        assertThat(c.strings()).containsExactly("true", "false", "true");
    }

    @Test
    void type_textOverride_isText() {
        assertThat(infer(ColumnType.TEXT, "a", "b").type()).isEqualTo(ColumnType.TEXT);
    }

    // ---- scoring (AUTOML-R18)

    @Test
    void parseForScoring_textInNumericColumn_isMissingAndCounted() {
        Map<String, Long> warnings = new LinkedHashMap<>();
        warnings.put("column 'c': non-numeric values treated as missing", 1L);
        ColumnData c = TypeInference.parseForScoring(text("1", "abc", null, "NaN", "x y", "1e999"),
                ColumnType.NUMERIC, null, warnings);
        assertThat(c.numbers()).containsExactly(1, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        // NaN words and overflow are missing, not type errors; counts add up across calls
        assertThat(warnings).containsExactly(Map.entry("column 'c': non-numeric values treated as missing", 3L));
    }

    @Test
    void parseForScoring_storedNumbers_areKeptWithoutWarnings() {
        Column col = Dataset.builder().numeric("c", new double[] {1.5, Double.NEGATIVE_INFINITY}).build().column("c");
        Map<String, Long> warnings = new LinkedHashMap<>();
        ColumnData c = TypeInference.parseForScoring(col, ColumnType.NUMERIC, null, warnings);
        assertThat(c.numbers()).containsExactly(1.5, Double.NaN);
        assertThat(warnings).isEmpty();
    }

    @Test
    void parseForScoring_dateInOtherFormat_isMissingAndCounted() {
        Map<String, Long> warnings = new LinkedHashMap<>();
        ColumnData c = TypeInference.parseForScoring(text("2020-01-02", "01/02/2020", null), ColumnType.DATETIME,
                DateFormats.ISO_DATE, warnings);
        assertThat(c.numbers()).containsExactly(JAN_2, Double.NaN, Double.NaN);
        assertThat(c.dateFormat()).isEqualTo(DateFormats.ISO_DATE);
        assertThat(warnings).containsExactly(
                Map.entry("column 'c': values not in format yyyy-MM-dd treated as missing", 1L));
    }

    @Test
    void parseForScoring_categorical_isTrimmedWithBlankAsMissing() {
        Map<String, Long> warnings = new LinkedHashMap<>();
        ColumnData c = TypeInference.parseForScoring(text(" a ", "  ", null, "b"), ColumnType.CATEGORICAL, null,
                warnings);
        assertThat(c.type()).isEqualTo(ColumnType.CATEGORICAL);
        assertThat(c.strings()).containsExactly("a", null, null, "b");
        assertThat(warnings).isEmpty();
    }
}
