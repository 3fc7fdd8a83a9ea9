package io.automl4j.core.internal.data;

import io.automl4j.api.data.ColumnType;

import java.util.Objects;

/**
 * A typed feature column over the usable rows: numbers for NUMERIC (NaN = missing) and DATETIME (epoch seconds),
 * strings for CATEGORICAL and TEXT (null = missing).
 */
public final class ColumnData {
    private final String name;
    private final ColumnType type;
    private final double[] numbers;
    private final String[] strings;
    private final DateFormats dateFormat;

    private ColumnData(String name, ColumnType type, double[] numbers, String[] strings, DateFormats dateFormat) {
        this.name = Objects.requireNonNull(name);
        this.type = Objects.requireNonNull(type);
        this.numbers = numbers;
        this.strings = strings;
        this.dateFormat = dateFormat;
    }

    public static ColumnData numeric(String name, double[] v) {
        return new ColumnData(name, ColumnType.NUMERIC, v, null, null);
    }

    public static ColumnData datetime(String name, double[] epochSeconds, DateFormats format) {
        return new ColumnData(name, ColumnType.DATETIME, epochSeconds, null, format);
    }

    public static ColumnData strings(String name, ColumnType type, String[] v) {
        if (type != ColumnType.CATEGORICAL && type != ColumnType.TEXT) {
            throw new IllegalArgumentException("string storage is for CATEGORICAL or TEXT, not " + type);
        }
        return new ColumnData(name, type, null, v, null);
    }

    public String name() {
        return name;
    }

    public ColumnType type() {
        return type;
    }

    public int size() {
        return numbers != null ? numbers.length : strings.length;
    }

    /** @return numbers (NUMERIC, DATETIME); do not modify */
    public double[] numbers() {
        return numbers;
    }

    /** @return strings (CATEGORICAL, TEXT); do not modify */
    public String[] strings() {
        return strings;
    }

    /**
     * @param idx rows to keep, in order
     * @return a new column with those rows
     */
    public ColumnData select(int[] idx) {
        if (numbers != null) {
            double[] v = new double[idx.length];
            for (int i = 0; i < idx.length; i++) {
                v[i] = numbers[idx[i]];
            }
            return new ColumnData(name, type, v, null, dateFormat);
        }
        String[] v = new String[idx.length];
        for (int i = 0; i < idx.length; i++) {
            v[i] = strings[idx[i]];
        }
        return new ColumnData(name, type, null, v, null);
    }

    /** @return the datetime format, or null */
    public DateFormats dateFormat() {
        return dateFormat;
    }
}
