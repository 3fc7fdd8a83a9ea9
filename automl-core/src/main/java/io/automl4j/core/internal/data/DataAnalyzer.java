package io.automl4j.core.internal.data;

import io.automl4j.api.AutoMLJob;
import io.automl4j.api.InvalidJobSpecException;
import io.automl4j.api.ProblemType;
import io.automl4j.api.Stage;
import io.automl4j.api.data.Column;
import io.automl4j.api.data.ColumnType;
import io.automl4j.api.data.Dataset;
import io.automl4j.api.eval.Metric;
import io.automl4j.core.internal.EventLog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Validates a job against its data and prepares the training table (AUTOML-R4, R6, R7, R10, R14–R16): resolves
 * features, excludes rows with an invalid target or weight, infers the problem type and column types, drops
 * unusable columns, and fingerprints the data.
 */
public final class DataAnalyzer {
    /** Fewer usable rows than this is an error (AUTOML-R4). */
    public static final int MIN_ROWS = 20;
    /** Fewer usable rows than this is a WARN event. */
    public static final int WARN_ROWS = 500;
    private static final int MAX_CLASSES = 1000;

    private DataAnalyzer() {
    }

    /**
     * @param job    the job
     * @param data   the training data
     * @param events the event log
     * @return the prepared data
     * @throws InvalidJobSpecException naming the value and the expectation
     */
    public static PreparedData analyze(AutoMLJob job, Dataset data, EventLog events) {
        String target = job.target();
        if (!data.hasColumn(target)) {
            throw new InvalidJobSpecException("target column '" + target + "' not found; columns are "
                    + data.columnNames());
        }
        String weightName = job.sampleWeightColumn().orElse(null);
        if (weightName != null && !data.hasColumn(weightName)) {
            throw new InvalidJobSpecException("sample weight column '" + weightName + "' not found; columns are "
                    + data.columnNames());
        }
        List<String> features = resolveFeatures(job, data, weightName);
        for (String c : job.columnTypes().keySet()) {
            if (!data.hasColumn(c)) {
                throw new InvalidJobSpecException("columnType was set for column '" + c + "', which is not in the data;"
                        + " columns are " + data.columnNames());
            }
        }

        int n = data.rowCount();
        Column tcol = data.column(target);
        // 1. target validity (missing or non-finite)
        boolean[] valid = new boolean[n];
        boolean numericTarget = true;
        int validCount = 0;
        for (int i = 0; i < n; i++) {
            String s = tcol.text(i);
            if (s == null) {
                continue;
            }
            String t = s.trim();
            if (t.isEmpty() || Parsing.isNonFiniteWord(t)) {
                continue;
            }
            double d = Parsing.number(tcol, i);
            if (Double.isInfinite(d)) {
                continue; // AUTOML-R15: a number too large for a double ("1e999") is non-finite
            }
            valid[i] = true;
            validCount++;
            if (Double.isNaN(d)) {
                numericTarget = false;
            }
        }
        Metric metric = job.objectiveMetric().orElse(null);
        ProblemType explicit = job.problemType().orElse(null);
        boolean inferred = explicit == null;
        if (explicit == null && metric != null && metric.problemTypes().size() == 1) {
            explicit = metric.problemTypes().iterator().next();
            events.info(Stage.VALIDATION, "problem type implied by the objective metric", "metric", metric,
                    "problemType", explicit);
            checkImpliedType(metric, explicit, tcol, valid, numericTarget, target);
        }
        if (explicit == ProblemType.REGRESSION && !numericTarget) {
            // AUTOML-R7: rows whose target does not parse are invalid for regression
            for (int i = 0; i < n; i++) {
                if (valid[i] && Double.isNaN(Parsing.number(tcol, i))) {
                    valid[i] = false;
                    validCount--;
                }
            }
            if (validCount == 0) {
                throw new InvalidJobSpecException("problemType is REGRESSION but target '" + target
                        + "' has no numeric values");
            }
            numericTarget = true;
        }
        int excludedTarget = n - validCount;

        // 2. weights
        double[] rawWeights = null;
        int excludedWeight = 0;
        if (weightName != null) {
            Column wcol = data.column(weightName);
            rawWeights = new double[n];
            int parsed = 0;
            for (int i = 0; i < n; i++) {
                double w = Parsing.number(wcol, i);
                rawWeights[i] = w;
                if (!Double.isNaN(w)) {
                    parsed++;
                }
                if (valid[i] && (Double.isNaN(w) || Double.isInfinite(w) || w < 0)) {
                    valid[i] = false;
                    excludedWeight++;
                }
            }
            if (parsed == 0) {
                throw new InvalidJobSpecException("sample weight column '" + weightName
                        + "' is not numeric: no value parses as a number");
            }
        }
        int[] rows = new int[n - excludedTarget - excludedWeight];
        for (int i = 0, k = 0; i < n; i++) {
            if (valid[i]) {
                rows[k++] = i;
            }
        }
        if (excludedTarget > 0) {
            events.warn(Stage.DATA, "rows with a missing or invalid target were excluded", "rows", excludedTarget,
                    "percent", pct(excludedTarget, n));
        }
        if (excludedWeight > 0) {
            events.warn(Stage.DATA, "rows with a missing, non-numeric, negative or non-finite weight were excluded",
                    "rows", excludedWeight, "percent", pct(excludedWeight, n));
        }
        if (rows.length < MIN_ROWS) {
            throw new InvalidJobSpecException("only " + rows.length + " usable rows (of " + n + "; " + excludedTarget
                    + " with an invalid target, " + excludedWeight + " with an invalid weight); at least " + MIN_ROWS
                    + " are required");
        }
        if (rows.length < WARN_ROWS) {
            events.warn(Stage.VALIDATION, "fewer than " + WARN_ROWS + " usable rows: results may be unstable",
                    "rows", rows.length);
        }
        double[] weights = null;
        if (rawWeights != null) {
            weights = new double[rows.length];
            double sum = 0;
            for (int k = 0; k < rows.length; k++) {
                weights[k] = rawWeights[rows[k]];
                sum += weights[k];
            }
            if (sum <= 0) {
                throw new InvalidJobSpecException("all sample weights in column '" + weightName + "' are zero");
            }
        }

        // 3. problem type and target encoding
        Map<String, Integer> counts = new HashMap<>();
        for (int r : rows) {
            counts.merge(tcol.text(r).trim(), 1, Integer::sum);
        }
        int distinct = counts.size();
        ProblemType type = explicit != null ? explicit
                : inferProblemType(tcol, rows, counts, numericTarget, target);
        checkProblemType(type, distinct, numericTarget, target);
        if (metric != null) {
            try {
                AutoMLJob.checkMetricFits(metric, type);
            } catch (IllegalArgumentException e) {
                throw metricMismatch(e, target, distinct);
            }
        }
        events.info(Stage.VALIDATION, "problem type resolved", "problemType", type, "inferred", inferred,
                "distinctTargetValues", distinct);

        double[] y = new double[rows.length];
        List<String> labels = List.of();
        int positive = -1;
        if (type == ProblemType.REGRESSION) {
            for (int k = 0; k < rows.length; k++) {
                y[k] = Parsing.number(tcol, rows[k]);
            }
        } else {
            labels = naturalOrder(counts.keySet(), numericTarget);
            Map<String, Integer> index = new HashMap<>();
            for (int j = 0; j < labels.size(); j++) {
                index.put(labels.get(j), j);
            }
            for (int k = 0; k < rows.length; k++) {
                y[k] = index.get(tcol.text(rows[k]).trim());
            }
            List<String> single = labels.stream().filter(l -> counts.get(l) == 1).toList();
            if (single.size() == 1) {
                events.warn(Stage.VALIDATION, "class '" + single.get(0) + "' has a single row", "class",
                        single.get(0));
            } else if (single.size() > 1) {
                // one event, not hundreds (e.g. an ID or date column chosen as the target by mistake)
                String shown = String.join("', '", single.subList(0, Math.min(5, single.size())));
                events.warn(Stage.VALIDATION, single.size() + " of " + labels.size() + " classes have a single row ('"
                        + shown + "'" + (single.size() > 5 ? ", ..." : "") + ")", "classes", single.size());
            }
            if (type == ProblemType.BINARY_CLASSIFICATION) {
                positive = resolvePositive(job, labels, counts);
                events.info(Stage.VALIDATION, "positive class resolved", "positiveClass", labels.get(positive),
                        "default", job.positiveClass().isEmpty());
            }
        }
        if (job.positiveClass().isPresent() && type != ProblemType.BINARY_CLASSIFICATION) {
            throw new InvalidJobSpecException("positiveClass '" + job.positiveClass().get()
                    + "' applies to BINARY_CLASSIFICATION only, but the problem type is " + type);
        }

        // 4. feature typing over usable rows
        List<ColumnData> cols = new ArrayList<>();
        Map<String, ColumnType> types = new LinkedHashMap<>();
        Map<String, String> dropped = new LinkedHashMap<>();
        for (String f : features) {
            ColumnData cd = TypeInference.type(data.column(f), rows, job.columnTypes().get(f), events);
            String why = dropReason(cd);
            if (why != null) {
                dropped.put(f, why);
                events.warn(Stage.FEATURES, "column '" + f + "' dropped: " + why, "column", f);
                continue;
            }
            cols.add(cd);
            types.put(f, cd.type());
        }
        if (cols.isEmpty()) {
            throw new InvalidJobSpecException("no usable feature columns: " + (dropped.isEmpty() ? "none given"
                    : "all were dropped " + dropped));
        }
        events.info(Stage.FEATURES, "column types inferred", "types", types);
        TypedTable table = new TypedTable(cols, rows.length, Map.of());
        String fingerprint = fingerprint(data, features, target, weightName, types);
        return new PreparedData(table, y, weights, type, inferred, labels, positive, types, dropped, excludedTarget,
                excludedWeight, fingerprint, rows);
    }

    private static List<String> resolveFeatures(AutoMLJob job, Dataset data, String weightName) {
        if (job.features().isPresent()) {
            List<String> fs = job.features().get();
            for (String f : fs) {
                if (!data.hasColumn(f)) {
                    throw new InvalidJobSpecException("feature column '" + f + "' not found; columns are "
                            + data.columnNames());
                }
            }
            return fs;
        }
        List<String> fs = new ArrayList<>();
        for (String c : data.columnNames()) {
            if (!c.equals(job.target()) && !c.equals(weightName)) {
                fs.add(c);
            }
        }
        if (fs.isEmpty()) {
            throw new InvalidJobSpecException("the data has no feature columns besides the target '" + job.target()
                    + "'");
        }
        return fs;
    }

    /** AUTOML-R6. */
    static ProblemType inferProblemType(Column tcol, int[] rows, Map<String, Integer> counts, boolean numeric,
                                        String target) {
        int distinct = counts.size();
        if (distinct < 2) {
            throw new InvalidJobSpecException("target '" + target + "' has " + distinct
                    + " distinct value(s); at least 2 are required");
        }
        if (!numeric) {
            if (distinct == 2) {
                return ProblemType.BINARY_CLASSIFICATION;
            }
            if (distinct <= MAX_CLASSES) {
                return ProblemType.MULTICLASS_CLASSIFICATION;
            }
            throw new InvalidJobSpecException("cannot infer: target '" + target + "' has " + distinct
                    + " distinct text values; set problemType");
        }
        if (distinct == 2) {
            return ProblemType.BINARY_CLASSIFICATION;
        }
        boolean integers = true;
        Set<Double> values = new HashSet<>();
        for (int r : rows) {
            double v = Parsing.number(tcol, r);
            values.add(v);
            if (v != Math.rint(v)) {
                integers = false;
            }
        }
        int nd = values.size();
        double ratio = nd / (double) rows.length;
        if (!integers || nd > 50) {
            return ProblemType.REGRESSION;
        }
        if (nd >= 3 && nd <= 20 && ratio <= 0.05) {
            return ProblemType.MULTICLASS_CLASSIFICATION;
        }
        throw new InvalidJobSpecException(String.format(Locale.ROOT,
                "problem type is ambiguous: target '%s' is integer-valued with %d distinct values (ratio %.4f); "
                        + "set problemType", target, nd, ratio));
    }

    /**
     * AUTOML-R9: when only the metric chose the problem type and the target contradicts that type, the error names
     * the metric and the type the target itself implies (e.g. "F1 is a binary metric; for MULTICLASS_CLASSIFICATION
     * use F1_MACRO") rather than a problem type the user never set. Returns when the target fits the implied type
     * or its own type cannot be inferred (the AUTOML-R7 check then reports it).
     */
    private static void checkImpliedType(Metric metric, ProblemType implied, Column tcol, boolean[] valid,
                                         boolean numeric, String target) {
        Map<String, Integer> counts = new HashMap<>();
        List<Integer> validRows = new ArrayList<>();
        boolean anyNumber = false;
        for (int i = 0; i < valid.length; i++) {
            if (valid[i]) {
                validRows.add(i);
                counts.merge(tcol.text(i).trim(), 1, Integer::sum);
                anyNumber |= !Double.isNaN(Parsing.number(tcol, i));
            }
        }
        int distinct = counts.size();
        boolean fits = switch (implied) {
            case BINARY_CLASSIFICATION -> distinct == 2;
            case MULTICLASS_CLASSIFICATION -> distinct >= 3 && distinct <= MAX_CLASSES;
            case REGRESSION -> anyNumber;
        };
        if (fits) {
            return;
        }
        ProblemType own;
        try {
            own = inferProblemType(tcol, validRows.stream().mapToInt(Integer::intValue).toArray(), counts, numeric,
                    target);
        } catch (InvalidJobSpecException e) {
            return;
        }
        try {
            AutoMLJob.checkMetricFits(metric, own);
        } catch (IllegalArgumentException e) {
            throw metricMismatch(e, target, distinct);
        }
    }

    private static InvalidJobSpecException metricMismatch(IllegalArgumentException e, String target, int distinct) {
        return new InvalidJobSpecException(e.getMessage() + " (target '" + target + "' has " + distinct
                + " distinct values)");
    }

    /** AUTOML-R7. */
    private static void checkProblemType(ProblemType type, int distinct, boolean numeric, String target) {
        switch (type) {
            case BINARY_CLASSIFICATION -> {
                if (distinct != 2) {
                    throw new InvalidJobSpecException("BINARY_CLASSIFICATION requires exactly 2 distinct target values"
                            + " but target '" + target + "' has " + distinct);
                }
            }
            case MULTICLASS_CLASSIFICATION -> {
                if (distinct < 3 || distinct > MAX_CLASSES) {
                    throw new InvalidJobSpecException("MULTICLASS_CLASSIFICATION requires 3.." + MAX_CLASSES
                            + " distinct target values but target '" + target + "' has " + distinct);
                }
            }
            case REGRESSION -> {
                if (!numeric) {
                    throw new InvalidJobSpecException("REGRESSION requires a numeric target but '" + target
                            + "' has text values");
                }
                if (distinct < 2) {
                    throw new InvalidJobSpecException("target '" + target + "' has " + distinct
                            + " distinct value(s); at least 2 are required");
                }
            }
        }
    }

    /** Natural order (AUTOML-R10): numeric ascending when every label is a number, else by UTF-16 code units. */
    public static List<String> naturalOrder(Set<String> labels, boolean numeric) {
        List<String> out = new ArrayList<>(labels);
        boolean allNumeric = numeric;
        if (allNumeric) {
            for (String l : out) {
                if (Double.isNaN(Parsing.parse(l))) {
                    allNumeric = false;
                    break;
                }
            }
        }
        if (allNumeric) {
            out.sort(Comparator.comparingDouble((String s) -> Parsing.parse(s)).thenComparing(Comparator.naturalOrder()));
        } else {
            out.sort(Comparator.naturalOrder());
        }
        return List.copyOf(out);
    }

    /** AUTOML-R10: explicit, else the minority class; a tie goes to the later label in natural order. */
    private static int resolvePositive(AutoMLJob job, List<String> labels, Map<String, Integer> counts) {
        if (job.positiveClass().isPresent()) {
            String p = job.positiveClass().get();
            int i = labels.indexOf(p);
            if (i < 0) {
                throw new InvalidJobSpecException("positiveClass '" + p + "' is not a value of the target; values are "
                        + labels);
            }
            return i;
        }
        int c0 = counts.get(labels.get(0));
        int c1 = counts.get(labels.get(1));
        return c0 < c1 ? 0 : 1;
    }

    private static String dropReason(ColumnData cd) {
        int n = cd.size();
        if (cd.numbers() != null) {
            double first = Double.NaN;
            boolean constant = true;
            int present = 0;
            for (double v : cd.numbers()) {
                if (Double.isNaN(v)) {
                    continue;
                }
                present++;
                if (Double.isNaN(first)) {
                    first = v;
                } else if (v != first) {
                    constant = false;
                }
            }
            if (present == 0) {
                return "all values are missing";
            }
            return constant ? "constant" : null;
        }
        Set<String> distinct = new HashSet<>();
        int present = 0;
        for (String s : cd.strings()) {
            if (s != null) {
                present++;
                distinct.add(s);
            }
        }
        if (present == 0) {
            return "all values are missing";
        }
        if (distinct.size() == 1) {
            return "constant";
        }
        if (cd.type() == ColumnType.CATEGORICAL && distinct.size() == n) {
            return "ID-like: a distinct value on every row";
        }
        return null;
    }

    private static String pct(int part, int whole) {
        return String.format(Locale.ROOT, "%.2f", 100.0 * part / whole);
    }

    /** SHA-256 over header, column types and cells in row order, length-prefixed UTF-8 (AUTOML-R57). */
    static String fingerprint(Dataset data, List<String> features, String target, String weight,
                              Map<String, ColumnType> types) {
        LinkedHashMap<String, String> cols = new LinkedHashMap<>();
        for (String c : features) {
            cols.put(c, String.valueOf(types.get(c)));
        }
        cols.put(target, String.valueOf(types.get(target)));
        if (weight != null) {
            cols.put(weight, String.valueOf(types.get(weight)));
        }
        return Fingerprint.of(data, cols);
    }
}
