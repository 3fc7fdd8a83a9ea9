package io.automl4j.api.model;

import io.automl4j.api.ProblemType;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Predictions for a table, one row per input row. Immutable.
 *
 * <p>Classification models fill {@link #label(int)} and {@link #probabilities(int)}; regression models fill
 * {@link #value(int)}. {@link #warnings()} counts scoring problems that were tolerated (AUTOML-R18), e.g. text in a
 * numeric column treated as missing.
 */
public final class Predictions {
    private final ProblemType problemType;
    private final List<String> labels;
    private final int positiveIndex;
    private final double[][] probabilities;
    private final double[] values;
    private final Map<String, Long> warnings;

    private Predictions(ProblemType problemType, List<String> labels, int positiveIndex, double[][] probabilities,
                        double[] values, Map<String, Long> warnings) {
        this.problemType = problemType;
        this.labels = List.copyOf(labels);
        this.positiveIndex = positiveIndex;
        this.probabilities = probabilities;
        this.values = values;
        this.warnings = Map.copyOf(warnings);
    }

    /**
     * @param labels        class labels in natural order
     * @param positiveIndex index of the positive class in {@code labels} (binary), else -1
     * @param probabilities n x k probabilities (taken over, not copied: callers hand over ownership)
     * @param warnings      tolerated problems and their counts
     * @return classification predictions
     */
    public static Predictions ofClassification(List<String> labels, int positiveIndex, double[][] probabilities,
                                               Map<String, Long> warnings) {
        ProblemType t = labels.size() == 2 ? ProblemType.BINARY_CLASSIFICATION
                : ProblemType.MULTICLASS_CLASSIFICATION;
        for (double[] row : probabilities) {
            if (row.length != labels.size()) {
                throw new IllegalArgumentException("probability rows must have " + labels.size() + " entries");
            }
        }
        return new Predictions(t, labels, positiveIndex, probabilities, null, warnings);
    }

    /**
     * @param values   predicted values (taken over)
     * @param warnings tolerated problems and their counts
     * @return regression predictions
     */
    public static Predictions ofRegression(double[] values, Map<String, Long> warnings) {
        return new Predictions(ProblemType.REGRESSION, List.of(), -1, null, values, warnings);
    }

    /** @return the problem type of the model that produced these */
    public ProblemType problemType() {
        return problemType;
    }

    /** @return row count */
    public int size() {
        return values != null ? values.length : probabilities.length;
    }

    /** @return training labels in natural order (empty for regression) */
    public List<String> labels() {
        return labels;
    }

    /**
     * @param row 0-based row
     * @return the predicted label: highest probability, ties to the first in {@link #labels()}
     * @throws IllegalStateException for regression
     */
    public String label(int row) {
        requireClassification("label");
        return labels.get(argmax(row));
    }

    /**
     * @param row 0-based row
     * @return probability of the predicted label
     */
    public double probability(int row) {
        requireClassification("probability");
        return probabilities[row][argmax(row)];
    }

    /**
     * @param row 0-based row
     * @return a copy of the class probabilities aligned with {@link #labels()}
     */
    public double[] probabilities(int row) {
        requireClassification("probabilities");
        return probabilities[row].clone();
    }

    /**
     * @param row 0-based row
     * @return probability of the positive class
     * @throws IllegalStateException unless binary
     */
    public double positiveProbability(int row) {
        if (problemType != ProblemType.BINARY_CLASSIFICATION) {
            throw new IllegalStateException("POSITIVE_PROBABILITY is only defined for binary classification");
        }
        return probabilities[row][positiveIndex];
    }

    /**
     * @param row 0-based row
     * @return the predicted value
     * @throws IllegalStateException unless regression
     */
    public double value(int row) {
        if (values == null) {
            throw new IllegalStateException("value() is for regression; use label()/probabilities()");
        }
        return values[row];
    }

    /** @return tolerated problems and their counts, e.g. {@code "column 'age': non-numeric values treated as missing" -> 3} */
    public Map<String, Long> warnings() {
        return warnings;
    }

    /**
     * Checks that {@code keys} fit this problem type (AUTOML-R50).
     *
     * @param keys requested keys
     * @throws IllegalArgumentException for classification-only keys on regression, or POSITIVE_PROBABILITY on
     *                                  multiclass
     */
    public void checkKeys(List<PredictionKey> keys) {
        for (PredictionKey k : keys) {
            if (problemType == ProblemType.REGRESSION && k != PredictionKey.PREDICTED_LABEL) {
                throw new IllegalArgumentException(k + " is not available for regression; only PREDICTED_LABEL is");
            }
            if (k == PredictionKey.POSITIVE_PROBABILITY && problemType != ProblemType.BINARY_CLASSIFICATION) {
                throw new IllegalArgumentException("POSITIVE_PROBABILITY is only available for binary classification");
            }
        }
    }

    /**
     * Writes CSV with one column per key, in key order (AUTOML-R50): lists as quoted strings, e.g.
     * {@code "dog",0.6,"[0.1, 0.6, 0.3]","['cat', 'dog', 'fish']"}.
     *
     * @param out  destination (not closed)
     * @param keys the keys, at least one
     * @throws IOException on write errors
     */
    public void writeCsv(Writer out, List<PredictionKey> keys) throws IOException {
        Objects.requireNonNull(out, "out");
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one prediction key is required");
        }
        checkKeys(keys);
        List<String> header = new ArrayList<>();
        for (PredictionKey k : keys) {
            header.add(k.name().toLowerCase(Locale.ROOT));
        }
        out.write(String.join(",", header));
        out.write('\n');
        String labelList = null;
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < size(); r++) {
            sb.setLength(0);
            for (int i = 0; i < keys.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                switch (keys.get(i)) {
                    case PREDICTED_LABEL -> {
                        if (values != null) {
                            sb.append(values[r]);
                        } else {
                            sb.append(quote(label(r)));
                        }
                    }
                    case PROBABILITY -> sb.append(probability(r));
                    case POSITIVE_PROBABILITY -> sb.append(positiveProbability(r));
                    case PROBABILITIES -> sb.append('"').append(Arrays.toString(probabilities[r])).append('"');
                    case LABELS -> {
                        if (labelList == null) {
                            StringBuilder l = new StringBuilder("\"[");
                            for (int j = 0; j < labels.size(); j++) {
                                l.append(j > 0 ? ", " : "").append('\'')
                                        .append(labels.get(j).replace("\"", "\"\"")).append('\'');
                            }
                            labelList = l.append("]\"").toString();
                        }
                        sb.append(labelList);
                    }
                }
            }
            sb.append('\n');
            out.write(sb.toString());
        }
    }

    private static String quote(String s) {
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    private int argmax(int row) {
        double[] p = probabilities[row];
        int best = 0;
        for (int j = 1; j < p.length; j++) {
            if (p[j] > p[best]) {
                best = j;
            }
        }
        return best;
    }

    private void requireClassification(String what) {
        if (probabilities == null) {
            throw new IllegalStateException(what + "() is for classification; use value() for regression");
        }
    }
}
