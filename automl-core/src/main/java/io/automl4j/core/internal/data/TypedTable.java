package io.automl4j.core.internal.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Typed feature columns over the same rows. */
public final class TypedTable {
    private final List<ColumnData> columns;
    private final int rows;
    private final Map<String, Long> warnings;

    public TypedTable(List<ColumnData> columns, int rows, Map<String, Long> warnings) {
        this.columns = List.copyOf(columns);
        this.rows = rows;
        this.warnings = new LinkedHashMap<>(warnings);
        for (ColumnData c : columns) {
            if (c.size() != rows) {
                throw new IllegalArgumentException("column " + c.name() + " has " + c.size() + " rows, expected " + rows);
            }
        }
    }

    public List<ColumnData> columns() {
        return columns;
    }

    public int rows() {
        return rows;
    }

    /**
     * @param idx rows to keep, in order
     * @return a new table with those rows
     */
    public TypedTable select(int[] idx) {
        java.util.List<ColumnData> out = new java.util.ArrayList<>(columns.size());
        for (ColumnData c : columns) {
            out.add(c.select(idx));
        }
        return new TypedTable(out, idx.length, warnings);
    }

    /** @return problems tolerated while parsing (scoring), with counts */
    public Map<String, Long> warnings() {
        return warnings;
    }
}
