package io.automl4j.forecast.internal;

import io.automl4j.forecast.Frequency;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The feature rows of GLOBAL_GBM (FCST-R10). A row describes one step t of one series, from values strictly before t
 * (the series' target divided by its scale, mean |y| of its history) and from what is known at t:
 * <ol>
 *   <li>lags 1..L of the scaled target, L = max(m, 3), plus the seasonal lag 2m when m &gt; 1 (NaN where the
 *       history is too short; LightGBM treats NaN as missing);</li>
 *   <li>rolling means of the last w = max(m, 3) and 2w scaled values (over the non-missing ones available; NaN
 *       when none);</li>
 *   <li>calendar features of the step's bucket label, by frequency unit: min → hour, minute, day of week;
 *       H → hour, day of week; D → day of week, day of month, month, day of year; W → week of year, month;
 *       M → month; Q → quarter; Y → none;</li>
 *   <li>the {@link TimestampFeatures} hook (holiday features);</li>
 *   <li>known covariates at step t: numeric values, then categorical codes;</li>
 *   <li>static features: numeric values, then categorical codes;</li>
 *   <li>the item id as a categorical code.</li>
 * </ol>
 * Categorical codes come from dictionaries built on the training series (missing = its own level, code 0; unseen
 * levels and unseen item ids = NaN, LightGBM's "missing" category). Immutable after construction.
 */
final class GbmFeatures {
    private static final String MISSING = "\u0000missing";

    private final Frequency frequency;
    private final int[] lags;
    private final int[] windows;
    private final String[] calendar;
    private final TimestampFeatures extra;
    private final CovariateSchema schema;
    private final Map<String, Integer> ids;
    private final List<Map<String, Integer>> knownLevels;
    private final List<Map<String, Integer>> staticLevels;
    private final int width;

    /**
     * @param frequency the series' frequency
     * @param period    seasonal period m ≥ 1
     * @param extra     per-timestamp extra features
     * @param schema    covariate columns
     * @param ids       training item ids (dictionary order)
     * @param covs      training covariates, to build the categorical dictionaries
     */
    GbmFeatures(Frequency frequency, int period, TimestampFeatures extra, CovariateSchema schema, List<String> ids,
                List<SeriesCovariates> covs) {
        this.frequency = frequency;
        int m = Math.max(1, period);
        int l = Math.max(m, 3);
        List<Integer> lagList = new ArrayList<>();
        for (int k = 1; k <= l; k++) {
            lagList.add(k);
        }
        if (m > 1 && 2 * m > l) {
            lagList.add(2 * m);
        }
        this.lags = lagList.stream().mapToInt(Integer::intValue).toArray();
        int w = Math.max(m, 3);
        this.windows = new int[] {w, 2 * w};
        this.calendar = calendarNames(frequency.unit());
        this.extra = extra;
        this.schema = schema;
        this.ids = new HashMap<>();
        for (String id : ids) {
            this.ids.putIfAbsent(id, this.ids.size());
        }
        this.knownLevels = new ArrayList<>();
        for (int c = 0; c < schema.knownCategorical().size(); c++) {
            Map<String, Integer> d = new HashMap<>();
            d.put(MISSING, 0);
            for (SeriesCovariates sc : covs) {
                for (String v : sc.knownCategorical()[c]) {
                    d.putIfAbsent(v == null ? MISSING : v, d.size());
                }
            }
            knownLevels.add(d);
        }
        this.staticLevels = new ArrayList<>();
        for (int c = 0; c < schema.staticCategorical().size(); c++) {
            Map<String, Integer> d = new HashMap<>();
            for (SeriesCovariates sc : covs) {
                d.putIfAbsent(sc.staticCategorical()[c], d.size());
            }
            staticLevels.add(d);
        }
        this.width = lags.length + windows.length + calendar.length + extra.names().size()
                + schema.knownNumeric().size() + schema.knownCategorical().size() + schema.staticNumeric().size()
                + schema.staticCategorical().size() + 1;
    }

    private static String[] calendarNames(Frequency.Unit unit) {
        return switch (unit) {
            case MINUTE -> new String[] {"hour", "minute", "day_of_week"};
            case HOUR -> new String[] {"hour", "day_of_week"};
            case DAY -> new String[] {"day_of_week", "day_of_month", "month", "day_of_year"};
            case WEEK -> new String[] {"week_of_year", "month"};
            case MONTH -> new String[] {"month"};
            case QUARTER -> new String[] {"quarter"};
            case YEAR -> new String[0];
        };
    }

    private static double calendar(String name, LocalDateTime t) {
        return switch (name) {
            case "hour" -> t.getHour();
            case "minute" -> t.getMinute();
            case "day_of_week" -> t.getDayOfWeek().getValue();
            case "day_of_month" -> t.getDayOfMonth();
            case "month" -> t.getMonthValue();
            case "day_of_year" -> t.getDayOfYear();
            case "week_of_year" -> (t.getDayOfYear() - 1) / 7 + 1;
            case "quarter" -> (t.getMonthValue() - 1) / 3 + 1;
            default -> throw new IllegalStateException(name);
        };
    }

    /** @return the covariate columns the model was trained with */
    CovariateSchema schema() {
        return schema;
    }

    /** @return columns per row */
    int width() {
        return width;
    }

    /** @return the lags used */
    int[] lags() {
        return lags.clone();
    }

    /** @return the rolling-mean windows */
    int[] windows() {
        return windows.clone();
    }

    /** @return feature names in row order */
    List<String> names() {
        List<String> out = new ArrayList<>();
        for (int l : lags) {
            out.add("lag_" + l);
        }
        for (int w : windows) {
            out.add("rolling_mean_" + w);
        }
        out.addAll(List.of(calendar));
        out.addAll(extra.names());
        schema.knownNumeric().forEach(c -> out.add("known:" + c));
        schema.knownCategorical().forEach(c -> out.add("known:" + c));
        schema.staticNumeric().forEach(c -> out.add("static:" + c));
        schema.staticCategorical().forEach(c -> out.add("static:" + c));
        out.add("item_id");
        return out;
    }

    /**
     * The explained attribute (FCST-R20) each column comes from: a known covariate's or static feature's column name,
     * {@code extraAttribute} for the {@link TimestampFeatures} hook's columns (the holiday calendar), null for the
     * columns of the target's own history, the calendar and the item id.
     *
     * @param extraAttribute attribute name of the hook's columns
     * @return per column, the attribute or null
     */
    String[] attributes(String extraAttribute) {
        String[] out = new String[width];
        int j = lags.length + windows.length + calendar.length;
        for (int k = 0; k < extra.names().size(); k++) {
            out[j++] = extraAttribute;
        }
        for (List<String> columns : List.of(schema.knownNumeric(), schema.knownCategorical(), schema.staticNumeric(),
                schema.staticCategorical())) {
            for (String c : columns) {
                out[j++] = c;
            }
        }
        return out;
    }

    /** @return LightGBM's {@code categorical_feature} value: indices of the coded columns */
    String categoricalIndices() {
        StringBuilder sb = new StringBuilder();
        int base = lags.length + windows.length + calendar.length + extra.names().size()
                + schema.knownNumeric().size();
        for (int c = 0; c < schema.knownCategorical().size(); c++) {
            sb.append(base + c).append(',');
        }
        base += schema.knownCategorical().size() + schema.staticNumeric().size();
        for (int c = 0; c < schema.staticCategorical().size(); c++) {
            sb.append(base + c).append(',');
        }
        sb.append(width - 1);
        return sb.toString();
    }

    /**
     * Writes the row of step {@code t}.
     *
     * @param z     scaled target values; indices below t are read
     * @param t     the step (0 = the series' first bucket)
     * @param start the series' first bucket label
     * @param cov   the series' covariates, covering step t
     * @param id    the item id
     * @param out   destination
     * @param off   offset of the row in {@code out}
     */
    void row(double[] z, int t, LocalDateTime start, SeriesCovariates cov, String id, double[] out, int off) {
        int j = off;
        for (int l : lags) {
            out[j++] = t - l >= 0 ? z[t - l] : Double.NaN;
        }
        for (int w : windows) {
            double s = 0;
            int n = 0;
            for (int u = Math.max(0, t - w); u < t; u++) {
                if (!Double.isNaN(z[u])) {
                    s += z[u];
                    n++;
                }
            }
            out[j++] = n == 0 ? Double.NaN : s / n;
        }
        LocalDateTime ts = frequency.plus(start, t);
        for (String c : calendar) {
            out[j++] = calendar(c, ts);
        }
        extra.write(ts, out, j);
        j += extra.names().size();
        for (double[] v : cov.knownNumeric()) {
            out[j++] = v[t];
        }
        for (int c = 0; c < cov.knownCategorical().length; c++) {
            String v = cov.knownCategorical()[c][t];
            out[j++] = code(knownLevels.get(c), v == null ? MISSING : v);
        }
        for (double v : cov.staticNumeric()) {
            out[j++] = v;
        }
        for (int c = 0; c < cov.staticCategorical().length; c++) {
            out[j++] = code(staticLevels.get(c), cov.staticCategorical()[c]);
        }
        out[j] = code(ids, id);
    }

    private static double code(Map<String, Integer> dictionary, String value) {
        Integer c = dictionary.get(value);
        return c == null ? Double.NaN : c;
    }

    /**
     * @param y history (NaN = missing)
     * @return mean |y| over the non-missing values; 1 when that is 0 or undefined
     */
    static double scale(double[] y, int length) {
        double s = 0;
        int n = 0;
        for (int t = 0; t < length; t++) {
            if (!Double.isNaN(y[t])) {
                s += Math.abs(y[t]);
                n++;
            }
        }
        double mean = n == 0 ? 0 : s / n;
        return mean > 0 && Double.isFinite(mean) ? mean : 1.0;
    }
}
