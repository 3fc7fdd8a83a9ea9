package io.automl4j.forecast.internal;

import io.automl4j.api.InvalidJobSpecException;
import io.automl4j.api.data.Column;
import io.automl4j.api.data.Dataset;
import io.automl4j.forecast.Aggregation;
import io.automl4j.forecast.FillSpec;
import io.automl4j.forecast.ForecastJob;
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
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Long-format loading (FCST-R4…R6, R13): parses timestamps with one format, infers or applies the frequency,
 * buckets timestamps, rejects duplicate (series, timestamp) rows unless the target's aggregation is configured,
 * combines rows that share a bucket with each column's {@link Aggregation} (FCST-R2; target SUM by default), and
 * regularises every series from its first to its last bucket (to the dataset's last bucket with back filling); the
 * target's gaps (steps without a row or with a missing value) are filled by its method (default zero) and counted
 * per range.
 *
 * <p>Known covariates and static features (FCST-R2, R3, R13) are kept per series: numeric columns (every non-missing
 * value parses as a number) are aggregated within a bucket (AVG by default), categorical ones take the first
 * non-missing value; numeric covariate gaps are filled by the column's configured method or are an error; a missing
 * categorical value is its own level; static features must be present and constant within each series.
 */
public final class SeriesLoader {
    /** Loaded data; {@code keyColumns} = the item-id column followed by the grouping columns (FCST-R2). */
    public record Loaded(List<Series> series, Frequency frequency, boolean inferred, int filledSteps,
                         int missingTargets, List<String> warnings, CovariateSchema schema,
                         List<SeriesCovariates> covariates, List<FillCount> fills, List<String> keyColumns) {
    }

    /**
     * Gaps of one column in one range (FCST-R13, R19 data report).
     *
     * @param column  column name
     * @param range   "middle", "back" or "future"
     * @param series  series with at least one gap there
     * @param missing gap steps
     * @param filled  steps filled (0 with {@code nan} and for categorical columns, whose gaps are a level)
     * @param method  the filling method ("missing level" for categorical columns)
     */
    public record FillCount(String column, String range, int series, long missing, long filled, String method) {
    }

    /**
     * Which covariate columns to keep and how to fill them.
     *
     * @param known    known-covariate columns
     * @param statics  static-feature columns
     * @param fillings fill methods by column
     * @param fixed    the training data's typing of the columns, or null to type them from this data
     * @param aggregations aggregation methods by column (FCST-R2); defaults for the others
     * @param backFill whether series are extended to the dataset's last bucket (FCST-R13 back range)
     */
    public record CovariateSpec(List<String> known, List<String> statics, Map<String, FillSpec> fillings,
                                CovariateSchema fixed, Map<String, Aggregation> aggregations, boolean backFill) {
        /** No covariates. */
        public static final CovariateSpec NONE = new CovariateSpec(List.of(), List.of(), Map.of(), null);

        /** Without aggregations and back filling. */
        public CovariateSpec(List<String> known, List<String> statics, Map<String, FillSpec> fillings,
                             CovariateSchema fixed) {
            this(known, statics, fillings, fixed, Map.of(), false);
        }

        /**
         * @param job   the job
         * @param fixed typing from training, or null
         * @return the job's covariate columns and fillings
         */
        public static CovariateSpec of(ForecastJob job, CovariateSchema fixed) {
            return new CovariateSpec(job.knownCovariates(), job.staticFeatures(), job.fillings(), fixed,
                    job.aggregations(), job.backFill());
        }
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
        return load(data, itemId, timestamp, target, frequency, timestampFormat, CovariateSpec.NONE);
    }

    /**
     * @param data            the table
     * @param job             columns, frequency, timestamp format, covariates and fillings
     * @param frequency       frequency to use, or null for the job's (or inferred)
     * @param fixed           the training data's covariate typing, or null
     * @return the regularised series with their covariates
     */
    public static Loaded load(Dataset data, ForecastJob job, Frequency frequency, CovariateSchema fixed) {
        return load(data, job.itemId(), job.groupingColumns(), job.timestamp(), job.target(), frequency != null
                ? frequency : job.frequency().orElse(null), job.timestampFormat().orElse(null),
                CovariateSpec.of(job, fixed));
    }

    static Loaded load(Dataset data, String itemId, String timestamp, String target, Frequency frequency,
                       String timestampFormat, CovariateSpec spec) {
        return load(data, itemId, List.of(), timestamp, target, frequency, timestampFormat, spec);
    }

    /**
     * @param grouping grouping columns (FCST-R2): a series is identified by the item id and these values
     *                 ({@link SeriesKey}); empty for the item id alone
     */
    static Loaded load(Dataset data, String itemId, List<String> grouping, String timestamp, String target,
                       Frequency frequency, String timestampFormat, CovariateSpec spec) {
        for (String c : new String[] {itemId, timestamp, target}) {
            if (!data.hasColumn(c)) {
                throw new InvalidJobSpecException("column '" + c + "' not found; columns are " + data.columnNames()
                        + " (FCST-R2)");
            }
        }
        requireGrouping(data, grouping, "");
        Function<String, String> label = id -> SeriesKey.label(id, itemId, grouping);
        for (List<String> cols : List.of(spec.known(), spec.statics())) {
            for (String c : cols) {
                if (!data.hasColumn(c)) {
                    throw new InvalidJobSpecException((cols == spec.known() ? "known covariate" : "static feature")
                            + " column '" + c + "' not found; columns are " + data.columnNames() + " (FCST-R2)");
                }
            }
        }
        List<String> warnings = new ArrayList<>();
        List<String> ignored = new ArrayList<>(data.columnNames());
        ignored.removeAll(List.of(itemId, timestamp, target));
        ignored.removeAll(grouping);
        ignored.removeAll(spec.known());
        ignored.removeAll(spec.statics());
        if (!ignored.isEmpty()) {
            warnings.add("columns ignored (neither item id, " + (grouping.isEmpty() ? "" : "grouping, ")
                    + "timestamp, target, known covariate nor static feature): "
                    + ignored + " (FCST-R3)");
        }
        CovariateSchema schema = schema(data, spec);
        RawCovariates raw0 = RawCovariates.read(data, schema);
        int n = data.rowCount();
        Column idCol = data.column(itemId);
        Column tsCol = data.column(timestamp);
        Column yCol = data.column(target);
        Column[] groupCols = grouping.stream().map(data::column).toArray(Column[]::new);
        String[] ids = new String[n];
        String[] raw = new String[n];
        double[] y = new double[n];
        int missingTargets = 0;
        for (int i = 0; i < n; i++) {
            ids[i] = idCol.text(i);
            if (ids[i] == null) {
                throw new InvalidJobSpecException("item id missing at row " + (i + 1) + " (FCST-R4)");
            }
            ids[i] = keyAt(ids[i], itemId, groupCols, i);
            raw[i] = tsCol.text(i);
            if (raw[i] == null) {
                throw new InvalidJobSpecException("timestamp missing at row " + (i + 1) + " of series "
                        + label.apply(ids[i]) + " (FCST-R4)");
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
        Aggregation targetAgg = spec.aggregations().getOrDefault(target, Aggregation.SUM);
        boolean combine = spec.aggregations().containsKey(target);
        Map<String, int[]> sorted = new LinkedHashMap<>();
        LocalDateTime origin = null;
        for (Map.Entry<String, List<Integer>> e : rows.entrySet()) {
            int[] r = e.getValue().stream().mapToInt(Integer::intValue).toArray();
            Integer[] boxed = Arrays.stream(r).boxed().toArray(Integer[]::new);
            Arrays.sort(boxed, (a, b) -> ts[a].compareTo(ts[b])); // stable: equal timestamps keep file order
            for (int k = 0; k < r.length; k++) {
                r[k] = boxed[k];
                if (!combine && k > 0 && ts[r[k]].equals(ts[r[k - 1]])) {
                    throw new InvalidJobSpecException("duplicate rows for series " + label.apply(e.getKey())
                            + " at timestamp "
                            + ts[r[k]] + " (rows " + (r[k - 1] + 1) + " and " + (r[k] + 1)
                            + "); remove them, aggregate to a coarser frequency or configure aggregation(\"" + target
                            + "\", ...) to combine them (FCST-R4)");
                }
            }
            sorted.put(e.getKey(), r);
            if (origin == null || ts[r[0]].isBefore(origin)) {
                origin = ts[r[0]];
            }
        }
        boolean inferred = frequency == null;
        Frequency f = inferred ? infer(sorted, ts) : frequency;
        LocalDateTime end = null; // the dataset's last bucket (end of the back range)
        for (int[] r : sorted.values()) {
            LocalDateTime b = f.bucketStart(ts[r[r.length - 1]], origin);
            end = end == null || b.isAfter(end) ? b : end;
        }
        List<Series> out = new ArrayList<>(sorted.size());
        List<SeriesCovariates> covs = new ArrayList<>(sorted.size());
        int[] ownLength = new int[sorted.size()];
        int si = 0;
        for (Map.Entry<String, int[]> e : sorted.entrySet()) {
            int[] r = e.getValue();
            double[] staticNum = raw0.staticNumeric(label.apply(e.getKey()), r);
            String[] staticCat = raw0.staticCategorical(label.apply(e.getKey()), r);
            LocalDateTime first = f.bucketStart(ts[r[0]], origin);
            LocalDateTime last = f.bucketStart(ts[r[r.length - 1]], origin);
            long own = f.steps(first, last) + 1;
            long len = spec.backFill() ? f.steps(first, end) + 1 : own;
            if (len > 50_000_000L) {
                throw new InvalidJobSpecException("series " + label.apply(e.getKey()) + " spans " + len + " steps of " + f
                        + "; check the frequency");
            }
            boolean[] seen = new boolean[(int) len];
            int[] bucketOf = new int[r.length];
            int ri = 0;
            int prevRow = -1;
            for (int row : r) {
                LocalDateTime b = f.bucketStart(ts[row], origin);
                int idx = (int) f.steps(first, b);
                if (!f.plus(first, idx).equals(b)) {
                    throw new InvalidJobSpecException("timestamp " + ts[row] + " of series "
                            + label.apply(e.getKey()) + " at row " + (row + 1) + " is not on the " + f + " grid (FCST-R5)");
                }
                bucketOf[ri++] = idx;
                if (seen[idx] && inferred && !combine) {
                    throw new InvalidJobSpecException("irregular timestamps: series " + label.apply(e.getKey())
                            + " has "
                            + ts[prevRow] + " (row " + (prevRow + 1) + ") and " + ts[row] + " (row " + (row + 1)
                            + ") in the same " + f + " step of the inferred frequency; set frequency to"
                            + " aggregate (FCST-R6)");
                }
                seen[idx] = true;
                prevRow = row;
            }
            double[] rowValues = new double[r.length];
            for (int k = 0; k < r.length; k++) {
                rowValues[k] = y[r[k]];
            }
            out.add(new Series(e.getKey(), first, aggregate(rowValues, bucketOf, (int) len, targetAgg)));
            covs.add(new SeriesCovariates(raw0.bucketNumeric(r, bucketOf, (int) len, spec.aggregations()),
                    raw0.bucketCategorical(r, bucketOf, (int) len), staticNum, staticCat));
            ownLength[si++] = (int) own;
        }
        List<FillCount> fills = new ArrayList<>();
        int filled = fillTarget(out, ownLength, target, spec.fillings().get(target), warnings, fills, label);
        fillCovariates(out, ownLength, covs, schema, spec.fillings(), warnings, fills, label);
        List<String> keyColumns = new ArrayList<>(List.of(itemId));
        keyColumns.addAll(grouping);
        return new Loaded(out, f, inferred, filled, missingTargets, warnings, schema, covs, List.copyOf(fills),
                List.copyOf(keyColumns));
    }

    /**
     * The known covariates of the h steps after the end of every series (FCST-R14), taken from {@code future}
     * (long format: item id, grouping columns, timestamp, the known covariates; other columns ignored; rows of other
     * series or other steps ignored; several rows in one step aggregated as in the history; rows are matched to a
     * series by its full key, FCST-R2). A numeric step without a value is
     * filled by the column's configured method from the series' history; otherwise a missing step is an error naming
     * the series and the column. Static values are those of the history.
     *
     * @param future  the future table, or null when none was given
     * @param job     the job (columns, timestamp format, fillings)
     * @param loaded  the loaded history
     * @param h       steps
     * @param notes   receives one line per column whose future steps were filled (FCST-R13 report), or null
     * @return per series, the covariates of the history followed by the h future steps
     */
    public static List<SeriesCovariates> withFuture(Dataset future, ForecastJob job, Loaded loaded, int h,
                                                    List<String> notes) {
        return withFuture(future, job, loaded, h, notes, null);
    }

    /**
     * As {@link #withFuture(Dataset, ForecastJob, Loaded, int, List)}, also counting the filled future steps.
     *
     * @param counts receives one {@link FillCount} (range "future") per filled column, or null
     */
    public static List<SeriesCovariates> withFuture(Dataset future, ForecastJob job, Loaded loaded, int h,
                                                    List<String> notes, List<FillCount> counts) {
        CovariateSchema schema = loaded.schema();
        List<Series> series = loaded.series();
        int kn = schema.knownNumeric().size();
        int kc = schema.knownCategorical().size();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < series.size(); i++) {
            index.put(series.get(i).id(), i);
        }
        double[][][] sum = new double[series.size()][kn][h];
        int[][][] cnt = new int[series.size()][kn][h];
        String[][][] cat = new String[series.size()][kc][h];
        boolean[][] present = new boolean[series.size()][h];
        Function<String, String> label = id -> SeriesKey.label(id, job.itemId(), job.groupingColumns());
        if (future != null && schema.hasKnown()) {
            requireGrouping(future, job.groupingColumns(), "future covariates: ");
            List<String> needed = new ArrayList<>(List.of(job.itemId(), job.timestamp()));
            needed.addAll(schema.knownNumeric());
            needed.addAll(schema.knownCategorical());
            for (String c : needed) {
                if (!future.hasColumn(c)) {
                    throw new InvalidJobSpecException("future covariates: column '" + c + "' not found; columns are "
                            + future.columnNames() + " (FCST-R14)");
                }
            }
            int n = future.rowCount();
            Column idCol = future.column(job.itemId());
            Column[] groupCols = job.groupingColumns().stream().map(future::column).toArray(Column[]::new);
            Column tsCol = future.column(job.timestamp());
            String[] raw = new String[n];
            for (int r = 0; r < n; r++) {
                raw[r] = tsCol.text(r);
                if (raw[r] == null) {
                    throw new InvalidJobSpecException("future covariates: timestamp missing at row " + (r + 1)
                            + " (FCST-R14)");
                }
            }
            LocalDateTime[] ts = n == 0 ? new LocalDateTime[0]
                    : TimestampParser.parse(raw, job.timestamp(), job.timestampFormat().orElse(null));
            Column[] numCols = new Column[kn];
            for (int c = 0; c < kn; c++) {
                numCols[c] = future.column(schema.knownNumeric().get(c));
                requireNumeric(numCols[c]);
            }
            Column[] catCols = new Column[kc];
            for (int c = 0; c < kc; c++) {
                catCols[c] = future.column(schema.knownCategorical().get(c));
            }
            Frequency f = loaded.frequency();
            // rows in time order so that FIRST is the earliest row of a step
            Integer[] order = new Integer[n];
            for (int r = 0; r < n; r++) {
                order[r] = r;
            }
            Arrays.sort(order, (a, b) -> ts[a].compareTo(ts[b]));
            for (int r : order) {
                String id = idCol.text(r);
                Integer i = id == null ? null : index.get(keyAt(id, job.itemId(), groupCols, r));
                if (i == null) {
                    continue;
                }
                Series s = series.get(i);
                LocalDateTime b = f.bucketStart(ts[r], s.start());
                long k = f.steps(s.start(), b) - s.length();
                if (k < 0 || k >= h || !f.plus(s.start(), s.length() + k).equals(b)) {
                    continue;
                }
                int step = (int) k;
                present[i][step] = true;
                for (int c = 0; c < kn; c++) {
                    double x = value(numCols[c], r);
                    if (!Double.isNaN(x)) {
                        sum[i][c][step] += x;
                        cnt[i][c][step]++;
                    }
                }
                for (int c = 0; c < kc; c++) {
                    if (cat[i][c][step] == null && !catCols[c].isMissing(r)) {
                        cat[i][c][step] = catCols[c].text(r);
                    }
                }
            }
        }
        List<SeriesCovariates> out = new ArrayList<>(series.size());
        int[] filledSteps = new int[kn];
        int[] filledSeries = new int[kn];
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            SeriesCovariates hist = loaded.covariates().get(i);
            double[][] num = new double[kn][h];
            for (int c = 0; c < kn; c++) {
                String name = schema.knownNumeric().get(c);
                for (int t = 0; t < h; t++) {
                    num[c][t] = cnt[i][c][t] == 0 ? Double.NaN : sum[i][c][t] / cnt[i][c][t];
                }
                FillSpec spec = job.fillings().get(name);
                int gaps = 0;
                for (int t = 0; t < h; t++) {
                    if (Double.isNaN(num[c][t]) && spec == null) {
                        throw missingFuture(name, s, label, loaded.frequency(), t, h, future == null);
                    }
                    gaps += Double.isNaN(num[c][t]) ? 1 : 0;
                }
                filledSteps[c] += gaps;
                filledSeries[c] += gaps > 0 ? 1 : 0;
                fill(num[c], hist.knownNumeric()[c], true, spec == null ? FillSpec.zero() : spec,
                        "known covariate '" + name + "'", label.apply(s.id()));
            }
            for (int c = 0; c < kc; c++) {
                for (int t = 0; t < h; t++) {
                    if (!present[i][t]) {
                        throw missingFuture(schema.knownCategorical().get(c), s, label, loaded.frequency(), t, h,
                                future == null);
                    }
                }
            }
            out.add(hist.concat(new SeriesCovariates(num, cat[i], hist.staticNumeric(), hist.staticCategorical())));
        }
        for (int c = 0; c < kn && counts != null; c++) {
            if (filledSteps[c] > 0) {
                String name = schema.knownNumeric().get(c);
                counts.add(new FillCount(name, "future", filledSeries[c], filledSteps[c], filledSteps[c],
                        job.fillings().get(name).toString()));
            }
        }
        for (int c = 0; c < kn && notes != null; c++) {
            if (filledSteps[c] > 0) {
                notes.add("known covariate '" + schema.knownNumeric().get(c) + "': " + filledSteps[c]
                        + " future steps in " + filledSeries[c] + " series filled with "
                        + job.fillings().get(schema.knownNumeric().get(c)) + " (FCST-R13)");
            }
        }
        return out;
    }

    private static InvalidJobSpecException missingFuture(String column, Series s, Function<String, String> label,
                                                         Frequency f, int step, int h, boolean noTable) {
        return new InvalidJobSpecException("known covariate '" + column + "' has no future value for series "
                + label.apply(s.id()) + " at " + f.plus(s.start(), s.length() + (long) step) + " (step " + (step + 1)
                + " of " + h
                + ")" + (noTable ? "; no future covariates were given" : "")
                + "; pass the h future steps of every known covariate" + " or configure a filling method for numeric"
                + " ones (FCST-R14)");
    }

    /** @throws InvalidJobSpecException naming the first grouping column the table lacks (FCST-R2) */
    private static void requireGrouping(Dataset data, List<String> grouping, String context) {
        for (String c : grouping) {
            if (!data.hasColumn(c)) {
                throw new InvalidJobSpecException(context + "grouping column '" + c + "' not found; columns are "
                        + data.columnNames() + " (FCST-R2)");
            }
        }
    }

    /** The internal id of row {@code row} ({@link SeriesKey}); a missing grouping value is the empty string. */
    private static String keyAt(String itemIdValue, String itemIdColumn, Column[] grouping, int row) {
        if (grouping.length == 0) {
            return itemIdValue;
        }
        SeriesKey.check(itemIdValue, itemIdColumn, row);
        List<String> values = new ArrayList<>(grouping.length);
        for (Column g : grouping) {
            String v = g.text(row);
            SeriesKey.check(v, g.name(), row);
            values.add(v);
        }
        return SeriesKey.id(itemIdValue, values);
    }

    /** Types every covariate / static column and checks the limits of FCST-R3. */
    private static CovariateSchema schema(Dataset data, CovariateSpec spec) {
        if (spec.known().isEmpty() && spec.statics().isEmpty()) {
            return CovariateSchema.NONE;
        }
        List<String> kn = new ArrayList<>();
        List<String> kc = new ArrayList<>();
        List<String> sn = new ArrayList<>();
        List<String> sc = new ArrayList<>();
        for (List<String> cols : List.of(spec.known(), spec.statics())) {
            boolean known = cols == spec.known();
            for (String c : cols) {
                boolean numeric;
                if (spec.fixed() != null) {
                    numeric = spec.fixed().isNumeric(c);
                    if (numeric) {
                        requireNumeric(data.column(c));
                    }
                } else {
                    numeric = isNumeric(data.column(c));
                }
                (known ? (numeric ? kn : kc) : (numeric ? sn : sc)).add(c);
            }
        }
        for (String c : kc) {
            Aggregation a = spec.aggregations().get(c);
            if (a != null && a != Aggregation.FIRST) {
                throw new InvalidJobSpecException("aggregation " + a + " of known covariate '" + c + "': the column is"
                        + " categorical (not every value is a number), so only FIRST is allowed (FCST-R2)");
            }
        }
        for (String c : kc) {
            FillSpec fs = spec.fillings().get(c);
            if (fs != null) {
                throw new InvalidJobSpecException("filling " + fs + " of known covariate '" + c + "': the column is"
                        + " categorical (not every value is a number); its missing values are their own level and"
                        + " are not filled (FCST-R13)");
            }
        }
        int numeric = kn.size() + sn.size();
        int categorical = kc.size() + sc.size();
        if (numeric > ForecastJob.MAX_NUMERIC_COVARIATES) {
            throw new InvalidJobSpecException(numeric + " numeric known-covariate and static columns " + concat(kn, sn)
                    + " exceed the limit of " + ForecastJob.MAX_NUMERIC_COVARIATES + " (FCST-R3)");
        }
        if (categorical > ForecastJob.MAX_CATEGORICAL_COVARIATES) {
            throw new InvalidJobSpecException(categorical + " categorical known-covariate and static columns "
                    + concat(kc, sc) + " exceed the limit of " + ForecastJob.MAX_CATEGORICAL_COVARIATES + " (FCST-R3)");
        }
        return new CovariateSchema(kn, kc, sn, sc);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** @return true when every non-missing value parses as a finite number (and at least one is present) */
    static boolean isNumeric(Column col) {
        if (col.isNumericStorage()) {
            return true;
        }
        boolean any = false;
        for (int i = 0; i < col.size(); i++) {
            if (!col.isMissing(i)) {
                if (!Double.isFinite(parse(col.text(i)))) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    private static void requireNumeric(Column col) {
        for (int i = 0; i < col.size(); i++) {
            if (!col.isMissing(i) && !Double.isFinite(value(col, i))) {
                throw new InvalidJobSpecException("column '" + col.name() + "' was numeric in the training data but"
                        + " row " + (i + 1) + " holds '" + col.text(i) + "' (FCST-R2)");
            }
        }
    }

    private static double parse(String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** @return the cell as a number: NaN when missing, NaN too when not a number (callers checked) */
    static double value(Column col, int row) {
        if (col.isMissing(row)) {
            return Double.NaN;
        }
        return col.isNumericStorage() ? col.number(row) : parse(col.text(row));
    }

    /** Covariate cells of the raw rows, typed per the schema. */
    private record RawCovariates(CovariateSchema schema, double[][] knownNum, String[][] knownCat,
                                 double[][] staticNum, String[][] staticCat) {
        static RawCovariates read(Dataset data, CovariateSchema schema) {
            return new RawCovariates(schema, numbers(data, schema.knownNumeric()),
                    texts(data, schema.knownCategorical()), numbers(data, schema.staticNumeric()),
                    texts(data, schema.staticCategorical()));
        }

        private static double[][] numbers(Dataset data, List<String> cols) {
            double[][] out = new double[cols.size()][data.rowCount()];
            for (int c = 0; c < cols.size(); c++) {
                Column col = data.column(cols.get(c));
                for (int i = 0; i < data.rowCount(); i++) {
                    out[c][i] = value(col, i);
                }
            }
            return out;
        }

        private static String[][] texts(Dataset data, List<String> cols) {
            String[][] out = new String[cols.size()][data.rowCount()];
            for (int c = 0; c < cols.size(); c++) {
                Column col = data.column(cols.get(c));
                for (int i = 0; i < data.rowCount(); i++) {
                    out[c][i] = col.isMissing(i) ? null : col.text(i);
                }
            }
            return out;
        }

        double[] staticNumeric(String series, int[] rows) {
            double[] out = new double[staticNum.length];
            for (int c = 0; c < out.length; c++) {
                String name = schema.staticNumeric().get(c);
                int firstRow = -1;
                for (int row : rows) {
                    double x = staticNum[c][row];
                    if (Double.isNaN(x)) {
                        throw new InvalidJobSpecException("static feature '" + name + "' is missing at row " + (row + 1)
                                + " of series " + series + "; static features must not be missing (FCST-R13)");
                    }
                    if (firstRow < 0) {
                        firstRow = row;
                        out[c] = x;
                    } else if (Double.compare(x, out[c]) != 0) {
                        throw notConstant(name, series, String.valueOf(out[c]), firstRow, String.valueOf(x), row);
                    }
                }
            }
            return out;
        }

        String[] staticCategorical(String series, int[] rows) {
            String[] out = new String[staticCat.length];
            for (int c = 0; c < out.length; c++) {
                String name = schema.staticCategorical().get(c);
                int firstRow = -1;
                for (int row : rows) {
                    String x = staticCat[c][row];
                    if (x == null) {
                        throw new InvalidJobSpecException("static feature '" + name + "' is missing at row " + (row + 1)
                                + " of series " + series + "; static features must not be missing (FCST-R13)");
                    }
                    if (firstRow < 0) {
                        firstRow = row;
                        out[c] = x;
                    } else if (!x.equals(out[c])) {
                        throw notConstant(name, series, out[c], firstRow, x, row);
                    }
                }
            }
            return out;
        }

        private static InvalidJobSpecException notConstant(String name, String series, String a, int rowA, String b,
                                                           int rowB) {
            return new InvalidJobSpecException("static feature '" + name + "' is not constant within series " + series
                    + ": '" + a + "' at row " + (rowA + 1) + " and '" + b + "' at row " + (rowB + 1)
                    + " (FCST-R2)");
        }

        /** Per column, its aggregation (default AVG) of the non-missing values per bucket (NaN when none), FCST-R2. */
        double[][] bucketNumeric(int[] rows, int[] bucketOf, int len, Map<String, Aggregation> aggregations) {
            double[][] out = new double[knownNum.length][];
            for (int c = 0; c < out.length; c++) {
                double[] x = new double[rows.length];
                for (int k = 0; k < rows.length; k++) {
                    x[k] = knownNum[c][rows[k]];
                }
                out[c] = aggregate(x, bucketOf, len,
                        aggregations.getOrDefault(schema.knownNumeric().get(c), Aggregation.AVG));
            }
            return out;
        }

        /** First non-missing value per bucket (null when none), rows in time order (FCST-R2 FIRST). */
        String[][] bucketCategorical(int[] rows, int[] bucketOf, int len) {
            String[][] out = new String[knownCat.length][len];
            for (int c = 0; c < out.length; c++) {
                for (int k = 0; k < rows.length; k++) {
                    if (out[c][bucketOf[k]] == null) {
                        out[c][bucketOf[k]] = knownCat[c][rows[k]];
                    }
                }
            }
            return out;
        }
    }

    /**
     * Fills the gaps of numeric known covariates by their configured method (FCST-R13), middle and back ranges; gaps
     * without a method are an error naming the column, the series count and the gap count. Adds one note per filled
     * column and range, and counts the missing level of categorical covariates.
     */
    private static void fillCovariates(List<Series> series, int[] ownLength, List<SeriesCovariates> covs,
                                       CovariateSchema schema, Map<String, FillSpec> fillings, List<String> warnings,
                                       List<FillCount> fills, Function<String, String> label) {
        String[] ranges = {"middle", "back"};
        for (int c = 0; c < schema.knownNumeric().size(); c++) {
            String name = schema.knownNumeric().get(c);
            FillSpec spec = fillings.get(name);
            long[] gaps = new long[2];
            int[] seriesWithGaps = new int[2];
            for (int i = 0; i < series.size(); i++) {
                double[] v = covs.get(i).knownNumeric()[c];
                long[] g = new long[2];
                for (int t = 0; t < v.length; t++) {
                    g[t < ownLength[i] ? 0 : 1] += Double.isNaN(v[t]) ? 1 : 0;
                }
                for (int r = 0; r < 2; r++) {
                    gaps[r] += g[r];
                    seriesWithGaps[r] += g[r] > 0 ? 1 : 0;
                }
                if (g[0] + g[1] > 0 && spec != null) {
                    fill(v, v.clone(), false, spec, "known covariate '" + name + "'",
                            label.apply(series.get(i).id()));
                }
            }
            long total = gaps[0] + gaps[1];
            if (total > 0 && spec == null) {
                int withGaps = 0;
                for (int i = 0; i < series.size(); i++) {
                    for (double x : covs.get(i).knownNumeric()[c]) {
                        if (Double.isNaN(x)) {
                            withGaps++;
                            break;
                        }
                    }
                }
                throw new InvalidJobSpecException("known covariate '" + name + "' has " + total + " missing steps in "
                        + withGaps + " series" + (gaps[1] > 0 ? " (" + gaps[1] + " in the back range)" : "")
                        + " and no filling method; set filling(\"" + name
                        + "\", FillSpec.mean()) or another of zero, value, median, min, max (FCST-R13)");
            }
            for (int r = 0; r < 2; r++) {
                if (gaps[r] > 0) {
                    fills.add(new FillCount(name, ranges[r], seriesWithGaps[r], gaps[r], gaps[r], spec.toString()));
                    warnings.add("known covariate '" + name + "': " + gaps[r] + " missing steps (" + ranges[r]
                            + ") in " + seriesWithGaps[r] + " series filled with " + spec + " (FCST-R13)");
                }
            }
        }
        for (int c = 0; c < schema.knownCategorical().size(); c++) {
            long[] gaps = new long[2];
            int[] seriesWithGaps = new int[2];
            for (int i = 0; i < series.size(); i++) {
                String[] v = covs.get(i).knownCategorical()[c];
                long[] g = new long[2];
                for (int t = 0; t < v.length; t++) {
                    g[t < ownLength[i] ? 0 : 1] += v[t] == null ? 1 : 0;
                }
                for (int r = 0; r < 2; r++) {
                    gaps[r] += g[r];
                    seriesWithGaps[r] += g[r] > 0 ? 1 : 0;
                }
            }
            for (int r = 0; r < 2; r++) {
                if (gaps[r] > 0) {
                    fills.add(new FillCount(schema.knownCategorical().get(c), ranges[r], seriesWithGaps[r], gaps[r],
                            0, "missing level"));
                }
            }
        }
    }

    /**
     * Fills the NaNs of {@code target} from the observations of {@code observed} (the same array for middle gaps,
     * the history for future steps): mean / median / min / max of the {@value FillSpec#RECENT} most recent
     * non-missing observations before the gap (or, when there is none before it, the first ones after it).
     *
     * @param target   values to fill in place; for future steps index 0 follows the end of {@code observed}
     * @param observed observations (a copy of {@code target} before filling, or the history)
     * @param future   whether {@code target} holds the steps after {@code observed}
     * @param column   the column as named in messages, e.g. {@code known covariate 'price'}
     * @param series   the series as named in messages ({@link SeriesKey#label})
     */
    static void fill(double[] target, double[] observed, boolean future, FillSpec spec, String column,
                     String series) {
        if (spec.method() == FillSpec.Method.NAN) {
            return;
        }
        for (int t = 0; t < target.length; t++) {
            if (!Double.isNaN(target[t])) {
                continue;
            }
            switch (spec.method()) {
                case ZERO -> target[t] = 0;
                case VALUE -> target[t] = spec.value();
                default -> {
                    double[] recent = recent(observed, future ? observed.length : t);
                    if (recent.length == 0) {
                        throw new InvalidJobSpecException(column + " of series " + series
                                + " has no observed value to fill its gaps with " + spec + " (FCST-R13)");
                    }
                    target[t] = switch (spec.method()) {
                        case MEAN -> java.util.Arrays.stream(recent).average().orElseThrow();
                        case MIN -> java.util.Arrays.stream(recent).min().orElseThrow();
                        case MAX -> java.util.Arrays.stream(recent).max().orElseThrow();
                        default -> median(recent);
                    };
                }
            }
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** Up to 64 non-missing values before index {@code end} (most recent), else the first ones from it. */
    private static double[] recent(double[] v, int end) {
        List<Double> out = new ArrayList<>();
        for (int t = end - 1; t >= 0 && out.size() < FillSpec.RECENT; t--) {
            if (!Double.isNaN(v[t])) {
                out.add(v[t]);
            }
        }
        for (int t = end; t < v.length && out.isEmpty(); t++) {
            // no observation before the gap: the first ones after it
            for (int u = t; u < v.length && out.size() < FillSpec.RECENT; u++) {
                if (!Double.isNaN(v[u])) {
                    out.add(v[u]);
                }
            }
            break;
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * Combines the values of rows in time order per bucket (FCST-R2): missing values are ignored, a bucket without a
     * non-missing value (or without rows) is NaN.
     *
     * @param values   one value per row, rows in time order
     * @param bucketOf the bucket of each row
     * @param len      number of buckets
     * @param method   how to combine
     * @return one value per bucket
     */
    static double[] aggregate(double[] values, int[] bucketOf, int len, Aggregation method) {
        double[] out = new double[len];
        int[] count = new int[len];
        Arrays.fill(out, Double.NaN);
        for (int k = 0; k < values.length; k++) {
            double x = values[k];
            if (Double.isNaN(x)) {
                continue;
            }
            int b = bucketOf[k];
            double cur = out[b];
            out[b] = count[b] == 0 ? x : switch (method) {
                case SUM, AVG -> cur + x;
                case FIRST -> cur;
                case MIN -> Math.min(cur, x);
                case MAX -> Math.max(cur, x);
            };
            count[b]++;
        }
        if (method == Aggregation.AVG) {
            for (int b = 0; b < len; b++) {
                if (count[b] > 0) {
                    out[b] /= count[b];
                }
            }
        }
        return out;
    }

    /**
     * Fills the target's gaps (FCST-R13) in place: middle = before {@code ownLength[i]}, back = from there to the end
     * of the (back-filled) series. {@code nan} leaves them missing.
     *
     * @return steps filled
     */
    private static int fillTarget(List<Series> series, int[] ownLength, String target, FillSpec configured,
                                  List<String> warnings, List<FillCount> fills, Function<String, String> label) {
        FillSpec spec = configured != null ? configured : FillSpec.zero();
        long[] missing = new long[2];
        int[] withGaps = new int[2];
        for (int i = 0; i < series.size(); i++) {
            double[] v = series.get(i).values();
            long[] g = new long[2];
            for (int t = 0; t < v.length; t++) {
                g[t < ownLength[i] ? 0 : 1] += Double.isNaN(v[t]) ? 1 : 0;
            }
            for (int r = 0; r < 2; r++) {
                missing[r] += g[r];
                withGaps[r] += g[r] > 0 ? 1 : 0;
            }
            if (g[0] + g[1] > 0 && spec.method() != FillSpec.Method.NAN) {
                fill(v, v.clone(), false, spec, "target '" + target + "'", label.apply(series.get(i).id()));
            }
        }
        boolean nan = spec.method() == FillSpec.Method.NAN;
        String[] ranges = {"middle", "back"};
        for (int r = 0; r < 2; r++) {
            if (missing[r] > 0) {
                fills.add(new FillCount(target, ranges[r], withGaps[r], missing[r], nan ? 0 : missing[r],
                        spec.toString()));
            }
        }
        String bias = switch (spec.method()) {
            case ZERO -> "; zero-filling can bias forecasts low";
            case NAN -> "; nan can bias forecasts high";
            default -> "";
        };
        String how = nan ? "kept missing (nan: ETS and ARIMA skip them, the other models interpolate them, backtests"
                + " do not score them)"
                : "filled with " + spec + (configured == null ? " (FCST-R13 default)" : " (FCST-R13)");
        if (missing[0] > 0) {
            warnings.add(missing[0] + " missing steps inside series " + how + bias
                    + (nan ? " (FCST-R13)" : ""));
        }
        if (missing[1] > 0) {
            warnings.add(missing[1] + " steps after the end of " + withGaps[1] + " series up to the dataset's last"
                    + " timestamp (back range) " + how + bias + (nan ? " (FCST-R13)" : ""));
        }
        return nan ? 0 : (int) (missing[0] + missing[1]);
    }

    /** Most common gap between consecutive timestamps over all series, mapped calendar-exactly (FCST-R6). */
    static Frequency infer(Map<String, int[]> sorted, LocalDateTime[] ts) {
        Map<String, Integer> counts = new HashMap<>();
        Map<String, LocalDateTime[]> example = new HashMap<>();
        for (int[] r : sorted.values()) {
            for (int k = 1; k < r.length; k++) {
                LocalDateTime a = ts[r[k - 1]];
                LocalDateTime b = ts[r[k]];
                if (a.equals(b)) {
                    continue; // rows combined by a configured aggregation (FCST-R4)
                }
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
