package io.automl4j.forecast.internal;

import io.automl4j.api.InvalidJobSpecException;
import io.automl4j.api.data.Column;
import io.automl4j.api.data.Dataset;
import io.automl4j.forecast.Frequency;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Long-format loading (FCST-R4…R6, R13): parses timestamps with one format, infers or applies the frequency,
 * buckets timestamps, rejects duplicate (series, timestamp) rows, sums rows that share a bucket at a coarser given
 * frequency, and regularises every series from its first to its last bucket; missing buckets are filled with zero
 * (the default target filling of FCST-R13) and counted.
 */
public final class SeriesLoader {
    /** Loaded data. */
    public record Loaded(List<Series> series, Frequency frequency, boolean inferred, int filledSteps,
                         int missingTargets, List<String> warnings) {
    }

    /** Most series per job (FCST-R3). */
    static final int MAX_SERIES = 5_000_000;

    private SeriesLoader() {
    }

    /**
     * @param data            the table
     * @param itemId          key column
     * @param timestamp       timestamp column
     * @param target          target column
     * @param frequency       given frequency or null to infer
     * @param timestampFormat pattern or null to infer
     * @return the regularised series, in order of first appearance
     */
    public static Loaded load(Dataset data, String itemId, String timestamp, String target, Frequency frequency,
                              String timestampFormat) {
        for (String c : new String[] {itemId, timestamp, target}) {
            if (!data.hasColumn(c)) {
                throw new InvalidJobSpecException("column '" + c + "' not found; columns are " + data.columnNames()
                        + " (FCST-R2)");
            }
        }
        List<String> warnings = new ArrayList<>();
        List<String> ignored = new ArrayList<>(data.columnNames());
        ignored.removeAll(List.of(itemId, timestamp, target));
        if (!ignored.isEmpty()) {
            warnings.add("columns ignored (covariates are not supported yet): " + ignored);
        }
        int n = data.rowCount();
        Column idCol = data.column(itemId);
        Column tsCol = data.column(timestamp);
        Column yCol = data.column(target);
        String[] ids = new String[n];
        String[] raw = new String[n];
        double[] y = new double[n];
        int missingTargets = 0;
        for (int i = 0; i < n; i++) {
            ids[i] = idCol.text(i);
            if (ids[i] == null) {
                throw new InvalidJobSpecException("item id missing at row " + (i + 1) + " (FCST-R4)");
            }
            raw[i] = tsCol.text(i);
            if (raw[i] == null) {
                throw new InvalidJobSpecException("timestamp missing at row " + (i + 1) + " of series '" + ids[i]
                        + "' (FCST-R4)");
            }
            if (yCol.isMissing(i)) {
                y[i] = Double.NaN;
                missingTargets++;
            } else if (yCol.isNumericStorage()) {
                y[i] = yCol.number(i);
            } else {
                try {
                    y[i] = Double.parseDouble(yCol.text(i).trim());
                } catch (NumberFormatException e) {
                    throw new InvalidJobSpecException("target '" + target + "' must be numeric but row " + (i + 1)
                            + " holds '" + yCol.text(i) + "' (FCST-R2)");
                }
                if (Double.isInfinite(y[i])) {
                    throw new InvalidJobSpecException("target '" + target + "' is infinite at row " + (i + 1));
                }
            }
        }
        LocalDateTime[] ts = TimestampParser.parse(raw, timestamp, timestampFormat);
        // group rows by series, in order of first appearance
        Map<String, List<Integer>> rows = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            rows.computeIfAbsent(ids[i], k -> new ArrayList<>()).add(i);
        }
        if (rows.size() > MAX_SERIES) {
            throw new InvalidJobSpecException(rows.size() + " series exceed the limit of " + MAX_SERIES
                    + " (FCST-R3)");
        }
        Map<String, int[]> sorted = new LinkedHashMap<>();
        LocalDateTime origin = null;
        for (Map.Entry<String, List<Integer>> e : rows.entrySet()) {
            int[] r = e.getValue().stream().mapToInt(Integer::intValue).toArray();
            Integer[] boxed = Arrays.stream(r).boxed().toArray(Integer[]::new);
            Arrays.sort(boxed, (a, b) -> ts[a].compareTo(ts[b]));
            for (int k = 0; k < r.length; k++) {
                r[k] = boxed[k];
                if (k > 0 && ts[r[k]].equals(ts[r[k - 1]])) {
                    throw new InvalidJobSpecException("duplicate rows for series '" + e.getKey() + "' at timestamp "
                            + ts[r[k]] + " (rows " + (r[k - 1] + 1) + " and " + (r[k] + 1)
                            + "); remove them or aggregate to a coarser frequency (FCST-R4)");
                }
            }
            sorted.put(e.getKey(), r);
            if (origin == null || ts[r[0]].isBefore(origin)) {
                origin = ts[r[0]];
            }
        }
        boolean inferred = frequency == null;
        Frequency f = inferred ? infer(sorted, ts) : frequency;
        List<Series> out = new ArrayList<>(sorted.size());
        int filled = 0;
        for (Map.Entry<String, int[]> e : sorted.entrySet()) {
            int[] r = e.getValue();
            LocalDateTime first = f.bucketStart(ts[r[0]], origin);
            LocalDateTime last = f.bucketStart(ts[r[r.length - 1]], origin);
            long len = f.steps(first, last) + 1;
            if (len > 50_000_000L) {
                throw new InvalidJobSpecException("series '" + e.getKey() + "' spans " + len + " steps of " + f
                        + "; check the frequency");
            }
            double[] v = new double[(int) len];
            boolean[] seen = new boolean[(int) len];
            int prevRow = -1;
            for (int row : r) {
                LocalDateTime b = f.bucketStart(ts[row], origin);
                int idx = (int) f.steps(first, b);
                if (!f.plus(first, idx).equals(b)) {
                    throw new InvalidJobSpecException("timestamp " + ts[row] + " of series '" + e.getKey()
                            + "' at row " + (row + 1) + " is not on the " + f + " grid (FCST-R5)");
                }
                if (seen[idx]) {
                    if (inferred) {
                        throw new InvalidJobSpecException("irregular timestamps: series '" + e.getKey() + "' has "
                                + ts[prevRow] + " (row " + (prevRow + 1) + ") and " + ts[row] + " (row " + (row + 1)
                                + ") in the same " + f + " step of the inferred frequency; set frequency to"
                                + " aggregate (FCST-R6)");
                    }
                    v[idx] = sumNaN(v[idx], y[row]);
                } else {
                    v[idx] = y[row];
                    seen[idx] = true;
                }
                prevRow = row;
            }
            for (int k = 0; k < len; k++) {
                if (!seen[k]) {
                    v[k] = 0.0;
                    filled++;
                }
            }
            out.add(new Series(e.getKey(), first, v));
        }
        if (filled > 0) {
            warnings.add(filled + " missing steps inside series filled with zero (FCST-R13 default);"
                    + " zero-filling can bias forecasts low");
        }
        return new Loaded(out, f, inferred, filled, missingTargets, warnings);
    }

    private static double sumNaN(double a, double b) {
        if (Double.isNaN(a)) {
            return b;
        }
        if (Double.isNaN(b)) {
            return a;
        }
        return a + b;
    }

    /** Most common gap between consecutive timestamps over all series, mapped calendar-exactly (FCST-R6). */
    static Frequency infer(Map<String, int[]> sorted, LocalDateTime[] ts) {
        Map<String, Integer> counts = new HashMap<>();
        Map<String, LocalDateTime[]> example = new HashMap<>();
        for (int[] r : sorted.values()) {
            for (int k = 1; k < r.length; k++) {
                LocalDateTime a = ts[r[k - 1]];
                LocalDateTime b = ts[r[k]];
                String key = gapKey(a, b);
                counts.merge(key, 1, Integer::sum);
                example.putIfAbsent(key, new LocalDateTime[] {a, b});
            }
        }
        if (counts.isEmpty()) {
            throw new InvalidJobSpecException("cannot infer the frequency: no series has two timestamps;"
                    + " set frequency (FCST-R6)");
        }
        String best = null;
        int bestCount = -1;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() > bestCount || (e.getValue() == bestCount && e.getKey().compareTo(best) < 0)) {
                best = e.getKey();
                bestCount = e.getValue();
            }
        }
        LocalDateTime[] ex = example.get(best);
        try {
            return Frequency.parse(best);
        } catch (IllegalArgumentException e) {
            throw new InvalidJobSpecException("the most common gap between timestamps (" + ex[0] + " to " + ex[1]
                    + ", " + best + ") maps to no valid frequency: " + e.getMessage() + "; set frequency (FCST-R6)");
        }
    }

    /** Gap as a frequency text, e.g. "1M", "3M" (→ 1Q), "12M" (→ 1Y), "7D" (→ 1W), "45D" (invalid). */
    static String gapKey(LocalDateTime a, LocalDateTime b) {
        boolean midnight = a.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)
                && b.toLocalTime().equals(java.time.LocalTime.MIDNIGHT);
        boolean sameDay = a.getDayOfMonth() == b.getDayOfMonth()
                || (a.toLocalDate().lengthOfMonth() == a.getDayOfMonth()
                && b.toLocalDate().lengthOfMonth() == b.getDayOfMonth());
        if (midnight && sameDay) {
            long months = ChronoUnit.MONTHS.between(a.withDayOfMonth(1), b.withDayOfMonth(1));
            if (months > 0 && (months != 0)) {
                if (months % 12 == 0) {
                    return (months / 12) + "Y";
                }
                if (months % 3 == 0) {
                    return (months / 3) + "Q";
                }
                return months + "M";
            }
        }
        long minutes = Duration.between(a, b).toMinutes();
        if (minutes % (7 * 1440) == 0) {
            return (minutes / (7 * 1440)) + "W";
        }
        if (minutes % 1440 == 0) {
            return (minutes / 1440) + "D";
        }
        if (minutes % 60 == 0) {
            return (minutes / 60) + "H";
        }
        return minutes + "min";
    }
}
