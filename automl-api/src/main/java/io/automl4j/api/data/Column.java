package io.automl4j.api.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * One column of a {@link Dataset}: either text cells (as read from CSV, {@code null} = missing) or numbers
 * ({@code NaN} = missing). Immutable.
 */
public final class Column {
    private final String name;
    private final String[] strings;
    private final double[] numbers;

    private Column(String name, String[] strings, double[] numbers) {
        this.name = Objects.requireNonNull(name, "name");
        this.strings = strings;
        this.numbers = numbers;
    }

    static Column ofStrings(String name, String[] values) {
        String[] copy = values.clone();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] != null && copy[i].isEmpty()) {
                copy[i] = null;
            }
        }
        return new Column(name, copy, null);
    }

    static Column ofStringsNoCopy(String name, String[] values) {
        return new Column(name, values, null);
    }

    static Column ofNumbers(String name, double[] values) {
        return new Column(name, null, values.clone());
    }

    /** @return the column name */
    public String name() {
        return name;
    }

    /** @return the number of cells */
    public int size() {
        return strings != null ? strings.length : numbers.length;
    }

    /** @return true when the column stores numbers (built from {@code double[]}) rather than text cells */
    public boolean isNumericStorage() {
        return numbers != null;
    }

    /**
     * @param row 0-based row
     * @return true when the cell is missing (empty / null text, or NaN)
     */
    public boolean isMissing(int row) {
        return strings != null ? strings[row] == null : Double.isNaN(numbers[row]);
    }

    /**
     * @param row 0-based row
     * @return the cell as text ({@code Double.toString} for stored numbers, integral values without ".0"),
     *         or null when missing
     */
    public String text(int row) {
        if (strings != null) {
            return strings[row];
        }
        double v = numbers[row];
        if (Double.isNaN(v)) {
            return null;
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    /**
     * @param row 0-based row
     * @return the stored number (NaN when missing)
     * @throws IllegalStateException when the column stores text; parse {@link #text(int)} instead
     */
    public double number(int row) {
        if (numbers == null) {
            throw new IllegalStateException("column '" + name + "' stores text, not numbers");
        }
        return numbers[row];
    }

    @Override
    public String toString() {
        int n = Math.min(5, size());
        String[] head = new String[n];
        for (int i = 0; i < n; i++) {
            head[i] = text(i);
        }
        return "Column[" + name + ", " + size() + " rows, " + (numbers != null ? "numbers" : "text") + ", head="
                + Arrays.toString(head) + "]";
    }
}
