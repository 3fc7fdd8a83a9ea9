package io.automl4j.forecast.internal;

import io.automl4j.api.InvalidJobSpecException;

import java.util.ArrayList;
import java.util.List;

/**
 * The internal id of a series (FCST-R2): the item id alone when the job has no grouping columns (so ids, seeds and
 * messages of ungrouped jobs are unchanged), else the item id and the grouping values joined by the unit separator
 * U+001F. A missing grouping value is the empty string (the {@link io.automl4j.api.data.Dataset} turns empty cells
 * into missing ones, so the two cannot be told apart and "missing" is one value of its own).
 */
public final class SeriesKey {
    /** Joins the parts of a key; never part of an item id or a grouping value (checked at load). */
    static final char SEP = '\u001F';

    private SeriesKey() {
    }

    /**
     * @param itemId   the item id
     * @param grouping the grouping values (null or empty = missing)
     * @return the internal id
     */
    public static String id(String itemId, List<String> grouping) {
        if (grouping.isEmpty()) {
            return itemId;
        }
        StringBuilder b = new StringBuilder(itemId);
        for (String g : grouping) {
            b.append(SEP).append(g == null ? "" : g);
        }
        return b.toString();
    }

    /**
     * @param id       an internal id
     * @param grouping number of grouping columns
     * @return item id followed by the grouping values
     */
    static List<String> parts(String id, int grouping) {
        List<String> out = new ArrayList<>(grouping + 1);
        if (grouping == 0) {
            out.add(id);
            return out;
        }
        int from = 0;
        for (int k = 0; k < grouping; k++) {
            int at = id.indexOf(SEP, from);
            out.add(id.substring(from, at));
            from = at + 1;
        }
        out.add(id.substring(from));
        return out;
    }

    /** @return the item id of an internal id */
    public static String itemId(String id, int grouping) {
        return parts(id, grouping).get(0);
    }

    /** @return the grouping values of an internal id (empty string = missing), unmodifiable */
    public static List<String> groupingValues(String id, int grouping) {
        List<String> p = parts(id, grouping);
        return List.copyOf(p.subList(1, p.size()));
    }

    /**
     * The series as named in messages: {@code 'a'} without grouping, {@code (item_id=a, store=3)} with it.
     *
     * @param id               the internal id
     * @param itemIdColumn     the item-id column
     * @param groupingColumns  the grouping columns
     * @return the label
     */
    public static String label(String id, String itemIdColumn, List<String> groupingColumns) {
        return groupingColumns.isEmpty() ? "'" + id + "'" : "(" + display(id, itemIdColumn, groupingColumns) + ")";
    }

    /**
     * The key as text: the item id without grouping, {@code item_id=a, store=3} with it (the per-series key of
     * explanations).
     */
    public static String display(String id, String itemIdColumn, List<String> groupingColumns) {
        if (groupingColumns.isEmpty()) {
            return id;
        }
        List<String> p = parts(id, groupingColumns.size());
        StringBuilder b = new StringBuilder(itemIdColumn).append('=').append(p.get(0));
        for (int k = 0; k < groupingColumns.size(); k++) {
            b.append(", ").append(groupingColumns.get(k)).append('=').append(p.get(k + 1));
        }
        return b.toString();
    }

    /** @throws InvalidJobSpecException when a key value holds the separator */
    static void check(String value, String column, int row) {
        if (value != null && value.indexOf(SEP) >= 0) {
            throw new InvalidJobSpecException("column '" + column + "' holds the control character U+001F at row "
                    + (row + 1) + "; series key values must not contain it (FCST-R4)");
        }
    }
}
