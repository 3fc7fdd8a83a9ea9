package io.automl4j.api.eval;

import io.automl4j.api.ProblemType;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The evaluation metrics (AUTOML-R42, R43). Each has a report name, a {@link Direction} and the problem types it
 * applies to. The formulas are in the specification; the implementations are pure functions in the engine.
 */
public enum Metric {
    /** Weighted share of correct labels. */
    ACCURACY("Accuracy", Direction.MAXIMIZE, Family.CLASSIFICATION),
    /** Weighted ROC AUC of p(positive). */
    AUC("AUC", Direction.MAXIMIZE, Family.BINARY),
    /** Mean per-class recall over classes present; ignores weights. */
    BALANCED_ACCURACY("BalancedAccuracy", Direction.MAXIMIZE, Family.CLASSIFICATION),
    /** F1 of the positive class. */
    F1("F1", Direction.MAXIMIZE, Family.BINARY),
    /** Unweighted mean of per-class F1. */
    F1_MACRO("F1macro", Direction.MAXIMIZE, Family.MULTICLASS),
    /** Median single-row predict seconds; ignores weights. */
    INFERENCE_LATENCY("InferenceLatency", Direction.MINIMIZE, Family.ANY),
    /** Weighted cross-entropy, natural log, probabilities clipped to [1e-15, 1 - 1e-15]. */
    LOG_LOSS("LogLoss", Direction.MINIMIZE, Family.CLASSIFICATION),
    /** Weighted mean absolute error. */
    MAE("MAE", Direction.MINIMIZE, Family.REGRESSION),
    /** Weighted mean squared error. */
    MSE("MSE", Direction.MINIMIZE, Family.REGRESSION),
    /** Precision of the positive class. */
    PRECISION("Precision", Direction.MAXIMIZE, Family.BINARY),
    /** Unweighted mean of per-class precision. */
    PRECISION_MACRO("PrecisionMacro", Direction.MAXIMIZE, Family.MULTICLASS),
    /** Weighted coefficient of determination. */
    R2("R2", Direction.MAXIMIZE, Family.REGRESSION),
    /** Recall of the positive class. */
    RECALL("Recall", Direction.MAXIMIZE, Family.BINARY),
    /** Unweighted mean of per-class recall. */
    RECALL_MACRO("RecallMacro", Direction.MAXIMIZE, Family.MULTICLASS),
    /** Square root of MSE. */
    RMSE("RMSE", Direction.MINIMIZE, Family.REGRESSION),
    /** Weighted mean absolute percentage error as a fraction, over rows with a non-zero target. */
    MAPE("MAPE", Direction.MINIMIZE, Family.REGRESSION);

    /** Which problem types a metric implies (AUTOML-R9). */
    enum Family { BINARY, MULTICLASS, CLASSIFICATION, REGRESSION, ANY }

    private final String reportName;
    private final Direction direction;
    private final Family family;

    Metric(String reportName, Direction direction, Family family) {
        this.reportName = reportName;
        this.direction = direction;
        this.family = family;
    }

    /** @return the name used in leaderboards and reports, e.g. {@code "LogLoss"} */
    public String reportName() {
        return reportName;
    }

    /** @return whether larger or smaller is better */
    public Direction direction() {
        return direction;
    }

    /**
     * @param type a problem type
     * @return true when this metric can be computed for {@code type}
     */
    public boolean appliesTo(ProblemType type) {
        return switch (family) {
            case ANY -> true;
            case BINARY -> type == ProblemType.BINARY_CLASSIFICATION;
            case MULTICLASS -> type == ProblemType.MULTICLASS_CLASSIFICATION;
            case CLASSIFICATION -> type.isClassification();
            case REGRESSION -> type == ProblemType.REGRESSION;
        };
    }

    /**
     * @return the problem types this metric is defined for (all three for INFERENCE_LATENCY)
     */
    public Set<ProblemType> problemTypes() {
        EnumSet<ProblemType> s = EnumSet.noneOf(ProblemType.class);
        for (ProblemType t : ProblemType.values()) {
            if (appliesTo(t)) {
                s.add(t);
            }
        }
        return s;
    }

    /**
     * The metrics every candidate reports for a problem type (AUTOML-R43), in report order.
     *
     * @param type the problem type
     * @return the metrics, an immutable list
     */
    public static List<Metric> forProblemType(ProblemType type) {
        return switch (type) {
            case BINARY_CLASSIFICATION -> List.of(ACCURACY, AUC, BALANCED_ACCURACY, F1, INFERENCE_LATENCY, LOG_LOSS,
                    PRECISION, RECALL);
            case MULTICLASS_CLASSIFICATION -> List.of(ACCURACY, BALANCED_ACCURACY, F1_MACRO, INFERENCE_LATENCY,
                    LOG_LOSS, PRECISION_MACRO, RECALL_MACRO);
            case REGRESSION -> List.of(INFERENCE_LATENCY, MAE, MSE, R2, RMSE, MAPE);
        };
    }

    /**
     * The default objective of a problem type (AUTOML-R8).
     *
     * @param type the problem type
     * @return F1 for binary, ACCURACY for multiclass, MSE for regression
     */
    public static Metric defaultFor(ProblemType type) {
        return switch (type) {
            case BINARY_CLASSIFICATION -> F1;
            case MULTICLASS_CLASSIFICATION -> ACCURACY;
            case REGRESSION -> MSE;
        };
    }

    /**
     * Parses a metric by enum name or report name, ignoring case, underscores and dashes.
     *
     * @param text e.g. {@code "log_loss"}, {@code "LogLoss"}, {@code "auc"}
     * @return the metric
     * @throws IllegalArgumentException naming the text and the valid names when nothing matches
     */
    public static Metric parse(String text) {
        String key = normalise(text);
        for (Metric m : values()) {
            if (normalise(m.name()).equals(key) || normalise(m.reportName).equals(key)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown metric '" + text + "'; expected one of "
                + Arrays.toString(values()));
    }

    private static String normalise(String s) {
        return s == null ? "" : s.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
    }
}
