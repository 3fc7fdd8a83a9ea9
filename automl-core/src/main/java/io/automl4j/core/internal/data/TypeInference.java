package io.automl4j.core.internal.data;

import io.automl4j.api.InvalidJobSpecException;
import io.automl4j.api.Stage;
import io.automl4j.api.data.Column;
import io.automl4j.api.data.ColumnType;
import io.automl4j.core.internal.EventLog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Column type inference (AUTOML-R14) and the typed parsing of training and scoring columns. */
public final class TypeInference {
    private TypeInference() {
    }

    /**
     * Infers (or applies the override of) a column's type over the given rows and parses it.
     *
     * @param col      the raw column
     * @param rows     usable rows
     * @param override the user's type, or null
     * @param events   the event log
     * @return the typed column
     * @throws InvalidJobSpecException for a NUMERIC override on non-numeric values, or an ambiguous date column
     */
    public static ColumnData type(Column col, int[] rows, ColumnType override, EventLog events) {
        String name = col.name();
        if (col.isNumericStorage() && (override == null || override == ColumnType.NUMERIC)) {
            double[] v = new double[rows.length];
            for (int k = 0; k < rows.length; k++) {
                v[k] = col.number(rows[k]);
                if (Double.isInfinite(v[k])) {
                    v[k] = Double.NaN;
                }
            }
            return ColumnData.numeric(name, v);
        }
        // text cells: try NUMERIC
        List<String> present = new ArrayList<>();
        double[] nums = new double[rows.length];
        boolean numeric = true;
        int nonFinite = 0;
        for (int k = 0; k < rows.length; k++) {
            String s = col.text(rows[k]);
            if (s == null || s.isBlank()) {
                nums[k] = Double.NaN;
                continue;
            }
            String t = s.trim();
            present.add(t);
            if (Parsing.isNonFiniteWord(t)) {
                nonFinite++;
                nums[k] = Double.NaN;
                continue;
            }
            double d = numeric ? Parsing.parse(t) : Double.NaN;
            if (Double.isNaN(d)) {
                numeric = false;
            } else if (Double.isInfinite(d)) {
                nonFinite++; // too large for a double ("1e999"): non-finite like "inf", so missing
                d = Double.NaN;
            }
            nums[k] = d;
        }
        if (override == ColumnType.NUMERIC && !numeric) {
            String bad = firstNonNumeric(present);
            throw new InvalidJobSpecException("columnType of '" + name + "' is NUMERIC but value '" + bad
                    + "' does not parse as a number");
        }
        // NaN/inf words are missing numbers, so a column of nothing else is an all-missing NUMERIC column
        if ((override == null && numeric && !present.isEmpty()) || override == ColumnType.NUMERIC) {
            if (nonFinite > 0) {
                events.warn(Stage.FEATURES, "non-finite values (NaN/inf) in column '" + name + "' treated as missing",
                        "column", name, "rows", nonFinite);
            }
            return ColumnData.numeric(name, nums);
        }
        String[] strings = new String[rows.length];
        for (int k = 0; k < rows.length; k++) {
            String s = col.text(rows[k]);
            strings[k] = s == null || s.isBlank() ? null : s.trim();
        }
        if (override == null || override == ColumnType.DATETIME) {
            DateFormats f = detectDate(name, present, override == ColumnType.DATETIME);
            if (f != null) {
                double[] v = new double[rows.length];
                for (int k = 0; k < rows.length; k++) {
                    v[k] = strings[k] == null ? Double.NaN : f.parse(strings[k]);
                }
                return ColumnData.datetime(name, v, f);
            }
        }
        if (override == ColumnType.TEXT || (override == null && looksLikeText(present))) {
            return ColumnData.strings(name, ColumnType.TEXT, col.isNumericStorage() ? strings : strings);
        }
        return ColumnData.strings(name, ColumnType.CATEGORICAL, strings);
    }

    private static String firstNonNumeric(List<String> values) {
        for (String v : values) {
            if (Double.isNaN(Parsing.parse(v)) && !Parsing.isNonFiniteWord(v)) {
                return v;
            }
        }
        return "?";
    }

    private static DateFormats detectDate(String name, List<String> present, boolean required) {
        if (present.isEmpty()) {
            return null;
        }
        for (String v : present) {
            if (!DateFormats.looksLikeDate(v)) {
                if (required) {
                    throw new InvalidJobSpecException("columnType of '" + name + "' is DATETIME but value '" + v
                            + "' is not in a supported format (ISO-8601, yyyy/MM/dd[ HH:mm:ss], MM/dd/yyyy, "
                            + "dd/MM/yyyy)");
                }
                return null;
            }
        }
        Set<String> distinct = new HashSet<>(present);
        List<DateFormats> ok = DateFormats.matching(new ArrayList<>(distinct));
        if (ok.isEmpty()) {
            if (required) {
                throw new InvalidJobSpecException("columnType of '" + name + "' is DATETIME but its values do not all"
                        + " parse with one supported format");
            }
            return null;
        }
        if (ok.contains(DateFormats.US) && ok.contains(DateFormats.EU)) {
            throw new InvalidJobSpecException("date column '" + name + "' parses both as MM/dd/yyyy and as dd/MM/yyyy;"
                    + " set columnType('" + name + "', CATEGORICAL) or reformat the dates as ISO-8601 (yyyy-MM-dd)");
        }
        return ok.get(0);
    }

    /** TEXT: mean whitespace token count >= 3 and distinct values over 50% of non-missing rows. */
    private static boolean looksLikeText(List<String> present) {
        if (present.isEmpty()) {
            return false;
        }
        long tokens = 0;
        Set<String> distinct = new HashSet<>();
        for (String s : present) {
            tokens += s.split("\\s+").length;
            distinct.add(s);
        }
        double mean = tokens / (double) present.size();
        return mean >= 3 && distinct.size() > 0.5 * present.size();
    }

    /**
     * Parses a scoring column with its training type (AUTOML-R18): text in a NUMERIC column and unparsable dates
     * become missing and are counted in {@code warnings}.
     *
     * @param col        raw column
     * @param type       training type
     * @param dateFormat training date format (DATETIME only)
     * @param warnings   counts of tolerated problems, by message
     * @return the typed column over all rows
     */
    public static ColumnData parseForScoring(Column col, ColumnType type, DateFormats dateFormat,
                                             Map<String, Long> warnings) {
        int n = col.size();
        String name = col.name();
        switch (type) {
            case NUMERIC -> {
                double[] v = new double[n];
                long bad = 0;
                for (int i = 0; i < n; i++) {
                    if (col.isNumericStorage()) {
                        v[i] = col.number(i);
                    } else {
                        String s = col.text(i);
                        if (s == null || s.isBlank()) {
                            v[i] = Double.NaN;
                            continue;
                        }
                        String t = s.trim();
                        v[i] = Parsing.parse(t);
                        if (Double.isNaN(v[i]) && !Parsing.isNonFiniteWord(t)) {
                            bad++;
                        }
                    }
                    if (Double.isInfinite(v[i])) {
                        v[i] = Double.NaN;
                    }
                }
                if (bad > 0) {
                    warnings.merge("column '" + name + "': non-numeric values treated as missing", bad, Long::sum);
                }
                return ColumnData.numeric(name, v);
            }
            case DATETIME -> {
                double[] v = new double[n];
                long bad = 0;
                for (int i = 0; i < n; i++) {
                    String s = col.text(i);
                    v[i] = s == null || s.isBlank() ? Double.NaN : dateFormat.parse(s.trim());
                    if (s != null && !s.isBlank() && Double.isNaN(v[i])) {
                        bad++;
                    }
                }
                if (bad > 0) {
                    warnings.merge("column '" + name + "': values not in format " + dateFormat.pattern()
                            + " treated as missing", bad, Long::sum);
                }
                return ColumnData.datetime(name, v, dateFormat);
            }
            default -> {
                String[] v = new String[n];
                for (int i = 0; i < n; i++) {
                    String s = col.text(i);
                    v[i] = s == null || s.isBlank() ? null : s.trim();
                }
                return ColumnData.strings(name, type, v);
            }
        }
    }
}
