package io.automl4j.forecast.internal;

import io.automl4j.forecast.Frequency;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Holiday features of a run of time buckets (FCST-R15), for the models that use a holiday calendar (PROPHET_LIKE,
 * GLOBAL_GBM):
 * <ul>
 *   <li>buckets of one day or less ({@code 1D}, {@code H}, {@code min}): column {@value #IS_HOLIDAY} (1 when the
 *       bucket's date is a public holiday) and one indicator per holiday name of the country, named
 *       {@code "holiday:" + name}, in the calendar's order of first occurrence (the same columns for every run of
 *       buckets, so training and future features line up). Names are grouped by {@link #featureName}: the source's
 *       "(estimated)" marks are dropped (same holiday, provisional date) and one-off bridge days
 *       "Day off (substituted from 02/04/2024)" become one "Day off" feature; "(observed)" days stay separate;</li>
 *   <li>longer buckets ({@code 2D}..{@code 6D}, {@code W}, {@code M}, {@code Q}, {@code Y}): one column
 *       {@value #HOLIDAY_COUNT}, the number of public-holiday dates inside the bucket [label, next label).</li>
 * </ul>
 * Buckets (or the days of a bucket) outside the calendar's years (1990–2040, or fewer where the source covers fewer,
 * see {@link HolidayCalendar#covers}) count as non-holidays; {@link #uncovered()} says how many buckets touched such
 * days, so callers can warn.
 */
public final class HolidayFeatures {
    /** Name of the is-holiday column (daily and finer buckets). */
    public static final String IS_HOLIDAY = "is_holiday";
    /** Name of the count column (buckets longer than one day). */
    public static final String HOLIDAY_COUNT = "holiday_count";
    /** Prefix of the per-holiday indicator columns. */
    public static final String PREFIX = "holiday:";

    private final List<String> names;
    private final double[][] columns;
    private final int uncovered;

    private HolidayFeatures(List<String> names, double[][] columns, int uncovered) {
        this.names = List.copyOf(names);
        this.columns = columns;
        this.uncovered = uncovered;
    }

    /** @return whether buckets of this frequency get indicators (one day or less) rather than counts */
    public static boolean indicators(Frequency f) {
        return switch (f.unit()) {
            case MINUTE, HOUR -> true;
            case DAY -> f.multiplier() == 1;
            default -> false;
        };
    }

    /**
     * @param country   a supported country code or alias (see {@link HolidayCalendar#canonical})
     * @param timestamps bucket labels (bucket starts) of frequency {@code f}
     * @param f         the frequency
     * @return the features, one value per timestamp in every column
     */
    public static HolidayFeatures forBuckets(String country, List<LocalDateTime> timestamps, Frequency f) {
        HolidayCalendar cal = HolidayCalendar.of(country);
        int n = timestamps.size();
        int uncovered = 0;
        if (indicators(f)) {
            List<String> cols = new ArrayList<>();
            cols.add(IS_HOLIDAY);
            Map<String, Integer> index = new HashMap<>();
            Map<String, Integer> byFeature = new HashMap<>();
            for (String h : cal.holidayNames()) {
                String feature = PREFIX + featureName(h);
                Integer j = byFeature.get(feature);
                if (j == null) {
                    j = cols.size();
                    byFeature.put(feature, j);
                    cols.add(feature);
                }
                index.put(h, j);
            }
            double[][] v = new double[cols.size()][n];
            for (int t = 0; t < n; t++) {
                LocalDate d = timestamps.get(t).toLocalDate();
                if (!cal.covers(d)) {
                    uncovered++;
                    continue;
                }
                List<String> on = cal.namesOn(d);
                if (!on.isEmpty()) {
                    v[0][t] = 1;
                    for (String h : on) {
                        v[index.get(h)][t] = 1;
                    }
                }
            }
            return new HolidayFeatures(cols, v, uncovered);
        }
        double[] count = new double[n];
        for (int t = 0; t < n; t++) {
            LocalDateTime start = timestamps.get(t);
            LocalDate from = start.toLocalDate();
            LocalDate to = f.plus(start, 1).toLocalDate();
            if (!cal.covers(from) || !cal.covers(to.minusDays(1))) {
                uncovered++;
            }
            count[t] = cal.count(from, to);
        }
        return new HolidayFeatures(List.of(HOLIDAY_COUNT), new double[][] {count}, uncovered);
    }

    /**
     * @param name a holiday name of the calendar
     * @return the name its indicator column uses: without "estimated" marks and "(substituted from …)" suffixes
     */
    static String featureName(String name) {
        String n = SUBSTITUTED.matcher(name).replaceAll("");
        n = ESTIMATED.matcher(n).replaceAll("");
        n = n.replace("(observed, estimated)", "(observed)").replace("(estimated, observed)", "(observed)");
        return n.strip();
    }

    private static final Pattern SUBSTITUTED = Pattern.compile("\\s*\\(substituted from [^)]*\\)");
    private static final Pattern ESTIMATED = Pattern.compile("\\s*\\(estimated\\)");

    /**
     * @param country a supported country code or alias
     * @param start   label of the first bucket
     * @param steps   number of consecutive buckets
     * @param f       the frequency
     * @return the features of buckets {@code start}, {@code start + 1 step}, …
     */
    public static HolidayFeatures forSteps(String country, LocalDateTime start, int steps, Frequency f) {
        List<LocalDateTime> ts = new ArrayList<>(steps);
        for (int k = 0; k < steps; k++) {
            ts.add(f.plus(start, k));
        }
        return forBuckets(country, ts, f);
    }

    /** @return column names: {@value #IS_HOLIDAY} and {@code holiday:<name>} columns, or {@value #HOLIDAY_COUNT} */
    public List<String> names() {
        return names;
    }

    /** @return number of columns */
    public int size() {
        return columns.length;
    }

    /** @param j column index @return the column's values, one per timestamp (a copy) */
    public double[] column(int j) {
        return columns[j].clone();
    }

    /** @param j column index @param t timestamp index @return the value */
    public double value(int j, int t) {
        return columns[j][t];
    }

    /** @return number of buckets with days outside the calendars' years, treated as non-holidays */
    public int uncovered() {
        return uncovered;
    }
}
