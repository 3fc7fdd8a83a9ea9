package io.automl4j.core.internal.metrics;

import io.automl4j.api.ProblemType;
import io.automl4j.api.eval.Metric;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The evaluation metrics of AUTOML-R42 as pure static functions: no state, no logging, no allocation beyond what a
 * metric needs (AUTOML-R44). INFERENCE_LATENCY is measured by the engine, not computed here.
 *
 * <p>Conventions shared by every function:
 * <ul>
 *   <li>{@code w} holds sample weights, one per row, or is {@code null} for all 1. Weights are assumed finite and
 *       {@code >= 0} (the data layer excludes other rows, AUTOML-R16); they are not re-checked here. Every metric
 *       uses them except BALANCED_ACCURACY.</li>
 *   <li>Class labels are indices {@code 0..k-1}; {@code cm[t][p]} counts rows of true class {@code t} predicted as
 *       {@code p}.</li>
 *   <li>Hard labels ({@link #hardLabels}) are the argmax of the probabilities with ties going to the lowest index;
 *       for binary problems a row is positive when {@code p(positive) >= 0.5}.</li>
 *   <li>Macro metrics average unweighted over the classes present (by row count, whatever their weight) in
 *       {@code y} or {@code yhat}; a per-class 0/0 counts as 0.</li>
 *   <li>A weighted mean over rows whose weights sum to 0 is NaN. A NaN prediction makes AUC, LOG_LOSS and the
 *       regression metrics NaN; hard labels of rows with NaN probabilities are unspecified.</li>
 *   <li>Arrays of different lengths, empty inputs and labels outside {@code [0, k)} are rejected with an
 *       {@link IllegalArgumentException}; probabilities are not checked to sum to 1.</li>
 * </ul>
 *
 * <p>The engine calls {@link #evaluate} for one metric or {@link #evaluateAll} for every metric of a problem type:
 * <pre>{@code
 * Map<Metric, Double> m = Metrics.evaluateAll(ProblemType.BINARY_CLASSIFICATION, 2, y, probabilities, weights, 1);
 * double auc = m.get(Metric.AUC);
 * }</pre>
 */
public final class Metrics {

    /** LOG_LOSS clips probabilities to {@code [LOG_LOSS_EPS, 1 - LOG_LOSS_EPS]} (AUTOML-R42). */
    public static final double LOG_LOSS_EPS = 1e-15;

    // Below this size the merge sort of AUC hands runs to insertion sort.
    private static final int INSERTION_SORT_RUN = 32;

    private Metrics() {
    }

    // ------------------------------------------------------------------------------------------------ dispatch

    /**
     * Computes one metric from a model's predictions.
     *
     * @param metric        the metric; not INFERENCE_LATENCY
     * @param numClasses    0 for regression, 2 for binary, k &gt; 2 for multiclass
     * @param y             the targets: class indices {@code 0..k-1} (as doubles) or regression values
     * @param pred          n &times; k class probabilities (rows summing to 1), or n &times; 1 predicted values
     * @param weights       sample weights, or {@code null} for all 1
     * @param positiveClass the index of the positive class for binary problems (0 or 1); ignored otherwise
     * @return the metric's value; NaN where AUTOML-R42 says so (e.g. AUC with one class, MAPE with no non-zero
     *         target)
     * @throws IllegalArgumentException if {@code metric} is INFERENCE_LATENCY, does not apply to the problem
     *                                  {@code numClasses} describes, or the inputs are inconsistent (lengths,
     *                                  widths, class indices, {@code positiveClass})
     */
    public static double evaluate(Metric metric, int numClasses, double[] y, double[][] pred, double[] weights,
                                  int positiveClass) {
        Objects.requireNonNull(metric, "metric");
        requireComputed(metric);
        ProblemType type = problemType(numClasses);
        requireApplies(metric, type, numClasses);
        return new Evaluation(numClasses, y, pred, weights, positiveClass).value(metric);
    }

    /**
     * Computes every metric of a problem type (AUTOML-R43) except INFERENCE_LATENCY, sharing the hard labels and
     * the confusion matrix between them.
     *
     * @param type          the problem type; must agree with {@code numClasses}
     * @param numClasses    0 for regression, 2 for binary, k &gt; 2 for multiclass
     * @param y             the targets, as for {@link #evaluate}
     * @param pred          the predictions, as for {@link #evaluate}
     * @param weights       sample weights, or {@code null} for all 1
     * @param positiveClass the index of the positive class for binary problems; ignored otherwise
     * @return an unmodifiable map in the order of {@link Metric#forProblemType}, without INFERENCE_LATENCY
     * @throws IllegalArgumentException if {@code type} contradicts {@code numClasses} or the inputs are
     *                                  inconsistent
     */
    public static Map<Metric, Double> evaluateAll(ProblemType type, int numClasses, double[] y, double[][] pred,
                                                  double[] weights, int positiveClass) {
        Objects.requireNonNull(type, "type");
        ProblemType implied = problemType(numClasses);
        if (implied != type) {
            throw new IllegalArgumentException("problem type " + type + " does not match numClasses = " + numClasses
                    + " (expected " + expectedClasses(type) + ")");
        }
        Evaluation e = new Evaluation(numClasses, y, pred, weights, positiveClass);
        List<Metric> metrics = Metric.forProblemType(type);
        Map<Metric, Double> out = new LinkedHashMap<>();
        for (Metric m : metrics) {
            if (m != Metric.INFERENCE_LATENCY) {
                out.put(m, e.value(m));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    // --------------------------------------------------------------------------------------------- label input

    /**
     * Converts class indices stored as doubles to ints.
     *
     * @param y          the targets
     * @param numClasses the number of classes k &ge; 2
     * @return a new array of indices
     * @throws IllegalArgumentException if a value is not an integer in {@code [0, k)}
     */
    public static int[] classLabels(double[] y, int numClasses) {
        Objects.requireNonNull(y, "y");
        int[] labels = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            double v = y[i];
            int c = (int) v;
            if (c != v || c < 0 || c >= numClasses) {
                throw new IllegalArgumentException("y[" + i + "] = " + v + " is not a class index in [0, "
                        + numClasses + ")");
            }
            labels[i] = c;
        }
        return labels;
    }

    /**
     * Hard labels from class probabilities: argmax with ties to the lowest index; for two classes, the positive
     * class when {@code p[positiveClass] >= 0.5}, else the other.
     *
     * @param numClasses    the number of classes k &ge; 2, the width of every row
     * @param p             n &times; k probabilities
     * @param positiveClass the positive class when k = 2 (0 or 1); ignored otherwise
     * @return a new array of predicted class indices
     * @throws IllegalArgumentException if a row does not have k columns or {@code positiveClass} is not 0 or 1 for
     *                                  k = 2
     */
    public static int[] hardLabels(int numClasses, double[][] p, int positiveClass) {
        requireClassification(numClasses);
        requireWidth(p, p.length, numClasses);
        if (numClasses == 2) {
            requirePositive(positiveClass);
        }
        return argmax(numClasses, p, positiveClass);
    }

    // hardLabels without the checks: rows have numClasses columns, positiveClass is 0 or 1 when binary.
    private static int[] argmax(int numClasses, double[][] p, int positiveClass) {
        int[] labels = new int[p.length];
        if (numClasses == 2) {
            int negative = 1 - positiveClass;
            for (int i = 0; i < p.length; i++) {
                labels[i] = p[i][positiveClass] >= 0.5 ? positiveClass : negative;
            }
            return labels;
        }
        for (int i = 0; i < p.length; i++) {
            double[] row = p[i];
            int best = 0;
            for (int c = 1; c < numClasses; c++) {
                if (row[c] > row[best]) {   // strict: ties keep the lower index
                    best = c;
                }
            }
            labels[i] = best;
        }
        return labels;
    }

    /**
     * The weighted confusion matrix.
     *
     * @param k    the number of classes
     * @param y    true class indices
     * @param yhat predicted class indices
     * @param w    sample weights, or {@code null} for all 1
     * @return a new k &times; k matrix; {@code cm[t][p]} is the weight of rows of class {@code t} predicted
     *         {@code p}
     * @throws IllegalArgumentException if the lengths differ, the input is empty or a label is outside
     *                                  {@code [0, k)}
     */
    public static double[][] confusionMatrix(int k, int[] y, int[] yhat, double[] w) {
        requireClassification(k);
        int n = rows(y.length, yhat.length, w);
        double[][] cm = new double[k][k];
        for (int i = 0; i < n; i++) {
            int t = y[i];
            int p = yhat[i];
            if (t < 0 || t >= k) {
                throw new IllegalArgumentException("y[" + i + "] = " + t + " is outside [0, " + k + ")");
            }
            if (p < 0 || p >= k) {
                throw new IllegalArgumentException("yhat[" + i + "] = " + p + " is outside [0, " + k + ")");
            }
            cm[t][p] += w == null ? 1.0 : w[i];
        }
        return cm;
    }

    // ------------------------------------------------------------------------------------------ label metrics

    /**
     * ACCURACY: Σw·1[ŷ=y] / Σw.
     *
     * @param k    the number of classes
     * @param y    true class indices
     * @param yhat predicted class indices
     * @param w    sample weights, or {@code null}
     * @return the weighted share of correct labels
     * @throws IllegalArgumentException as {@link #confusionMatrix}
     */
    public static double accuracy(int k, int[] y, int[] yhat, double[] w) {
        return accuracy(confusionMatrix(k, y, yhat, w));
    }

    /**
     * BALANCED_ACCURACY: the mean recall over the classes present in {@code y}; ignores weights.
     *
     * @param k    the number of classes
     * @param y    true class indices
     * @param yhat predicted class indices
     * @return the balanced accuracy
     * @throws IllegalArgumentException as {@link #confusionMatrix}
     */
    public static double balancedAccuracy(int k, int[] y, int[] yhat) {
        return balancedAccuracy(confusionMatrix(k, y, yhat, null));
    }

    /**
     * PRECISION: TP/(TP+FP) for the positive class, weighted; 0 with no (weighted) positive predictions.
     *
     * @param k             the number of classes
     * @param y             true class indices
     * @param yhat          predicted class indices
     * @param w             sample weights, or {@code null}
     * @param positiveClass the positive class index
     * @return the precision
     * @throws IllegalArgumentException as {@link #confusionMatrix}, or if {@code positiveClass} is outside
     *                                  {@code [0, k)}
     */
    public static double precision(int k, int[] y, int[] yhat, double[] w, int positiveClass) {
        requireClassIndex(positiveClass, k);
        return precision(confusionMatrix(k, y, yhat, w), positiveClass);
    }

    /**
     * RECALL: TP/(TP+FN) for the positive class, weighted; 0 with no (weighted) positives.
     *
     * @param k             the number of classes
     * @param y             true class indices
     * @param yhat          predicted class indices
     * @param w             sample weights, or {@code null}
     * @param positiveClass the positive class index
     * @return the recall
     * @throws IllegalArgumentException as {@link #precision(int, int[], int[], double[], int)}
     */
    public static double recall(int k, int[] y, int[] yhat, double[] w, int positiveClass) {
        requireClassIndex(positiveClass, k);
        return recall(confusionMatrix(k, y, yhat, w), positiveClass);
    }

    /**
     * F1: 2PR/(P+R) for the positive class; 0 when P+R = 0.
     *
     * @param k             the number of classes
     * @param y             true class indices
     * @param yhat          predicted class indices
     * @param w             sample weights, or {@code null}
     * @param positiveClass the positive class index
     * @return the F1 score
     * @throws IllegalArgumentException as {@link #precision(int, int[], int[], double[], int)}
     */
    public static double f1(int k, int[] y, int[] yhat, double[] w, int positiveClass) {
        requireClassIndex(positiveClass, k);
        double[][] cm = confusionMatrix(k, y, yhat, w);
        return f1(precision(cm, positiveClass), recall(cm, positiveClass));
    }

    /**
     * PRECISION_MACRO: the unweighted mean of per-class precision over the classes in y ∪ ŷ (0/0 → 0).
     *
     * @param k    the number of classes
     * @param y    true class indices
     * @param yhat predicted class indices
     * @param w    sample weights, or {@code null}
     * @return the macro precision
     * @throws IllegalArgumentException as {@link #confusionMatrix}
     */
    public static double precisionMacro(int k, int[] y, int[] yhat, double[] w) {
        return macro(Metric.PRECISION_MACRO, confusionMatrix(k, y, yhat, w), present(k, y, yhat));
    }

    /**
     * RECALL_MACRO: the unweighted mean of per-class recall over the classes in y ∪ ŷ (0/0 → 0).
     *
     * @param k    the number of classes
     * @param y    true class indices
     * @param yhat predicted class indices
     * @param w    sample weights, or {@code null}
     * @return the macro recall
     * @throws IllegalArgumentException as {@link #confusionMatrix}
     */
    public static double recallMacro(int k, int[] y, int[] yhat, double[] w) {
        return macro(Metric.RECALL_MACRO, confusionMatrix(k, y, yhat, w), present(k, y, yhat));
    }

    /**
     * F1_MACRO: the unweighted mean of per-class F1 over the classes in y ∪ ŷ.
     *
     * @param k    the number of classes
     * @param y    true class indices
     * @param yhat predicted class indices
     * @param w    sample weights, or {@code null}
     * @return the macro F1
     * @throws IllegalArgumentException as {@link #confusionMatrix}
     */
    public static double f1Macro(int k, int[] y, int[] yhat, double[] w) {
        return macro(Metric.F1_MACRO, confusionMatrix(k, y, yhat, w), present(k, y, yhat));
    }

    // ---------------------------------------------------------------------------------- probability metrics

    /**
     * AUC: the weighted area under the ROC curve of {@code score}, by trapezoids over the distinct thresholds, so
     * that tied scores contribute one diagonal segment. O(n log n).
     *
     * @param y             true class indices; rows equal to {@code positiveClass} are positives, all others
     *                      negatives
     * @param score         the score of the positive class, e.g. p(positive)
     * @param w             sample weights, or {@code null}
     * @param positiveClass the positive class index
     * @return the AUC in [0, 1]; NaN if the positives or the negatives have no weight (one class present) or a
     *         score is NaN
     * @throws IllegalArgumentException if the lengths differ or the input is empty
     */
    public static double auc(int[] y, double[] score, double[] w, int positiveClass) {
        rows(y.length, score.length, w);
        return aucOwned(y, score.clone(), w, positiveClass);
    }

    /**
     * LOG_LOSS: −Σw·ln(clip(p_y, 1e-15, 1 − 1e-15)) / Σw, natural log; probabilities are used as given (not
     * renormalised after clipping).
     *
     * @param y true class indices
     * @param p n &times; k probabilities
     * @param w sample weights, or {@code null}
     * @return the weighted mean negative log-likelihood
     * @throws IllegalArgumentException if the lengths differ, the input is empty or a label is not a column of its
     *                                  row
     */
    public static double logLoss(int[] y, double[][] p, double[] w) {
        int n = rows(y.length, p.length, w);
        double loss = 0.0;
        double sw = 0.0;
        for (int i = 0; i < n; i++) {
            double[] row = p[i];
            if (y[i] < 0 || y[i] >= row.length) {
                throw new IllegalArgumentException("y[" + i + "] = " + y[i] + " is not a column of pred row " + i
                        + " (" + row.length + " columns)");
            }
            double wi = w == null ? 1.0 : w[i];
            double pi = Math.min(Math.max(row[y[i]], LOG_LOSS_EPS), 1.0 - LOG_LOSS_EPS);
            loss -= wi * Math.log(pi);
            sw += wi;
        }
        return loss / sw;
    }

    // ----------------------------------------------------------------------------------- regression metrics

    /**
     * MAE: Σw·|y−ŷ| / Σw.
     *
     * @param y    targets
     * @param yhat predictions
     * @param w    sample weights, or {@code null}
     * @return the weighted mean absolute error
     * @throws IllegalArgumentException if the lengths differ or the input is empty
     */
    public static double mae(double[] y, double[] yhat, double[] w) {
        int n = rows(y.length, yhat.length, w);
        double sum = 0.0;
        double sw = 0.0;
        for (int i = 0; i < n; i++) {
            double wi = w == null ? 1.0 : w[i];
            sum += wi * Math.abs(y[i] - yhat[i]);
            sw += wi;
        }
        return sum / sw;
    }

    /**
     * MSE: Σw·(y−ŷ)² / Σw.
     *
     * @param y    targets
     * @param yhat predictions
     * @param w    sample weights, or {@code null}
     * @return the weighted mean squared error
     * @throws IllegalArgumentException if the lengths differ or the input is empty
     */
    public static double mse(double[] y, double[] yhat, double[] w) {
        int n = rows(y.length, yhat.length, w);
        double sum = 0.0;
        double sw = 0.0;
        for (int i = 0; i < n; i++) {
            double wi = w == null ? 1.0 : w[i];
            double d = y[i] - yhat[i];
            sum += wi * (d * d);
            sw += wi;
        }
        return sum / sw;
    }

    /**
     * RMSE: √MSE.
     *
     * @param y    targets
     * @param yhat predictions
     * @param w    sample weights, or {@code null}
     * @return the root of the weighted mean squared error
     * @throws IllegalArgumentException if the lengths differ or the input is empty
     */
    public static double rmse(double[] y, double[] yhat, double[] w) {
        return Math.sqrt(mse(y, yhat, w));
    }

    /**
     * R2: 1 − Σw(y−ŷ)² / Σw(y−ȳ_w)² with ȳ_w the weighted mean. When y is constant over the rows with positive
     * weight the result is 1 for a perfect prediction and 0 otherwise; constancy is tested on the values
     * themselves, so rounding in ȳ_w cannot turn a constant target into a tiny denominator.
     *
     * @param y    targets
     * @param yhat predictions
     * @param w    sample weights, or {@code null}
     * @return the coefficient of determination in (−∞, 1]; NaN if the weights sum to 0
     * @throws IllegalArgumentException if the lengths differ or the input is empty
     */
    public static double r2(double[] y, double[] yhat, double[] w) {
        int n = rows(y.length, yhat.length, w);
        double sw = 0.0;
        double swy = 0.0;
        boolean constant = true;
        double first = Double.NaN;
        for (int i = 0; i < n; i++) {
            double wi = w == null ? 1.0 : w[i];
            sw += wi;
            swy += wi * y[i];
            if (wi > 0) {
                if (first != first) {   // NaN: no weighted row seen yet
                    first = y[i];
                } else if (y[i] != first) {
                    constant = false;
                }
            }
        }
        if (!(sw > 0)) {
            return Double.NaN;
        }
        double mean = swy / sw;
        double ssRes = 0.0;
        double ssTot = 0.0;
        for (int i = 0; i < n; i++) {
            double wi = w == null ? 1.0 : w[i];
            double r = y[i] - yhat[i];
            double t = y[i] - mean;
            ssRes += wi * (r * r);
            ssTot += wi * (t * t);
        }
        if (constant || ssTot == 0.0) {
            return ssRes == 0.0 ? 1.0 : 0.0;
        }
        return 1.0 - ssRes / ssTot;
    }

    /**
     * MAPE: Σw·|y−ŷ|/|y| / Σw over the rows with y ≠ 0, as a fraction (not %). Rows with y = 0 are excluded;
     * {@link #mapeExcludedRows} counts them.
     *
     * @param y    targets
     * @param yhat predictions
     * @param w    sample weights, or {@code null}
     * @return the weighted mean absolute percentage error; NaN if every target is 0
     * @throws IllegalArgumentException if the lengths differ or the input is empty
     */
    public static double mape(double[] y, double[] yhat, double[] w) {
        int n = rows(y.length, yhat.length, w);
        double sum = 0.0;
        double sw = 0.0;
        int used = 0;
        for (int i = 0; i < n; i++) {
            if (y[i] != 0.0) {
                double wi = w == null ? 1.0 : w[i];
                sum += wi * (Math.abs(y[i] - yhat[i]) / Math.abs(y[i]));
                sw += wi;
                used++;
            }
        }
        return used == 0 ? Double.NaN : sum / sw;
    }

    /**
     * The number of rows MAPE leaves out because their target is 0 (or −0).
     *
     * @param y targets
     * @return the count of {@code y[i] == 0}
     */
    public static int mapeExcludedRows(double[] y) {
        Objects.requireNonNull(y, "y");
        int excluded = 0;
        for (double v : y) {
            if (v == 0.0) {
                excluded++;
            }
        }
        return excluded;
    }

    // ------------------------------------------------------------------------- confusion-matrix derivations

    private static double accuracy(double[][] cm) {
        double correct = 0.0;
        double total = 0.0;
        for (int t = 0; t < cm.length; t++) {
            correct += cm[t][t];
            for (double v : cm[t]) {
                total += v;
            }
        }
        return correct / total;
    }

    // Classes absent from y (empty row) are left out, as AUTOML-R42 says; cm must hold plain counts.
    private static double balancedAccuracy(double[][] counts) {
        double sum = 0.0;
        int classes = 0;
        for (int t = 0; t < counts.length; t++) {
            double row = rowSum(counts, t);
            if (row > 0) {
                sum += counts[t][t] / row;
                classes++;
            }
        }
        return sum / classes;
    }

    private static double precision(double[][] cm, int c) {
        double predicted = colSum(cm, c);
        return predicted > 0 ? cm[c][c] / predicted : 0.0;
    }

    private static double recall(double[][] cm, int c) {
        double actual = rowSum(cm, c);
        return actual > 0 ? cm[c][c] / actual : 0.0;
    }

    private static double f1(double precision, double recall) {
        double s = precision + recall;
        return s > 0 ? 2.0 * precision * recall / s : 0.0;
    }

    private static double macro(Metric metric, double[][] cm, boolean[] present) {
        double sum = 0.0;
        int classes = 0;
        for (int c = 0; c < cm.length; c++) {
            if (!present[c]) {
                continue;
            }
            sum += switch (metric) {
                case PRECISION_MACRO -> precision(cm, c);
                case RECALL_MACRO -> recall(cm, c);
                case F1_MACRO -> f1(precision(cm, c), recall(cm, c));
                default -> throw new AssertionError(metric);
            };
            classes++;
        }
        return sum / classes;
    }

    // Presence by row count, not weight: a class seen only in zero-weight rows still joins the macro average.
    private static boolean[] present(int k, int[] y, int[] yhat) {
        boolean[] present = new boolean[k];
        for (int i = 0; i < y.length; i++) {
            present[y[i]] = true;
            present[yhat[i]] = true;
        }
        return present;
    }

    private static double rowSum(double[][] cm, int t) {
        double s = 0.0;
        for (double v : cm[t]) {
            s += v;
        }
        return s;
    }

    private static double colSum(double[][] cm, int p) {
        double s = 0.0;
        for (double[] row : cm) {
            s += row[p];
        }
        return s;
    }

    // ------------------------------------------------------------------------------------------------- AUC

    // keys is a private copy of the scores that this method may reorder.
    private static double aucOwned(int[] y, double[] keys, double[] w, int positiveClass) {
        int n = keys.length;
        for (double k : keys) {
            if (k != k) {
                return Double.NaN;
            }
        }
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        sortByKey(keys, idx);
        // Sweep thresholds from the highest score down. All rows sharing a score move the ROC point at once, so
        // a tie adds one trapezoid (the diagonal), never a staircase that would depend on row order.
        double tp = 0.0;
        double fp = 0.0;
        double twiceArea = 0.0;
        int i = n - 1;
        while (i >= 0) {
            double s = keys[i];
            double tp0 = tp;
            double fp0 = fp;
            do {
                int r = idx[i];
                double wi = w == null ? 1.0 : w[r];
                if (y[r] == positiveClass) {
                    tp += wi;
                } else {
                    fp += wi;
                }
                i--;
            } while (i >= 0 && keys[i] == s);
            twiceArea += (fp - fp0) * (tp + tp0);
        }
        if (!(tp > 0) || !(fp > 0)) {
            return Double.NaN;
        }
        return twiceArea / (2.0 * tp * fp);
    }

    // Ascending stable sort of keys, permuting idx alongside: insertion-sorted runs, then bottom-up merges.
    // O(n log n) in the worst case, whatever the number of ties. keys must not contain NaN.
    static void sortByKey(double[] keys, int[] idx) {
        int n = keys.length;
        for (int lo = 0; lo < n; lo += INSERTION_SORT_RUN) {
            insertionSort(keys, idx, lo, Math.min(lo + INSERTION_SORT_RUN, n));
        }
        if (n <= INSERTION_SORT_RUN) {
            return;
        }
        double[] srcK = keys;
        int[] srcI = idx;
        double[] dstK = new double[n];
        int[] dstI = new int[n];
        for (long width = INSERTION_SORT_RUN; width < n; width *= 2) {
            for (long lo = 0; lo < n; lo += 2 * width) {
                int mid = (int) Math.min(lo + width, n);
                int hi = (int) Math.min(lo + 2 * width, n);
                merge(srcK, srcI, dstK, dstI, (int) lo, mid, hi);
            }
            double[] tk = srcK;
            srcK = dstK;
            dstK = tk;
            int[] ti = srcI;
            srcI = dstI;
            dstI = ti;
        }
        if (srcK != keys) {
            System.arraycopy(srcK, 0, keys, 0, n);
            System.arraycopy(srcI, 0, idx, 0, n);
        }
    }

    private static void insertionSort(double[] keys, int[] idx, int lo, int hi) {
        for (int i = lo + 1; i < hi; i++) {
            double k = keys[i];
            int v = idx[i];
            int j = i - 1;
            while (j >= lo && keys[j] > k) {
                keys[j + 1] = keys[j];
                idx[j + 1] = idx[j];
                j--;
            }
            keys[j + 1] = k;
            idx[j + 1] = v;
        }
    }

    private static void merge(double[] srcK, int[] srcI, double[] dstK, int[] dstI, int lo, int mid, int hi) {
        int a = lo;
        int b = mid;
        int o = lo;
        if (mid >= hi || srcK[mid - 1] <= srcK[mid]) {   // already in order: copy
            System.arraycopy(srcK, lo, dstK, lo, hi - lo);
            System.arraycopy(srcI, lo, dstI, lo, hi - lo);
            return;
        }
        while (a < mid && b < hi) {
            if (srcK[b] < srcK[a]) {
                dstK[o] = srcK[b];
                dstI[o++] = srcI[b++];
            } else {
                dstK[o] = srcK[a];
                dstI[o++] = srcI[a++];
            }
        }
        while (a < mid) {
            dstK[o] = srcK[a];
            dstI[o++] = srcI[a++];
        }
        while (b < hi) {
            dstK[o] = srcK[b];
            dstI[o++] = srcI[b++];
        }
    }

    // ------------------------------------------------------------------------------------------- validation

    private static void requireComputed(Metric metric) {
        if (metric == Metric.INFERENCE_LATENCY) {
            throw new IllegalArgumentException("INFERENCE_LATENCY is measured (median single-row predict time), "
                    + "not computed from predictions");
        }
    }

    private static void requireApplies(Metric metric, ProblemType type, int numClasses) {
        if (!metric.appliesTo(type)) {
            throw new IllegalArgumentException("metric " + metric + " does not apply to " + type + " (numClasses = "
                    + numClasses + "); it applies to " + metric.problemTypes());
        }
    }

    private static ProblemType problemType(int numClasses) {
        if (numClasses == 0) {
            return ProblemType.REGRESSION;
        }
        requireClassification(numClasses);
        return numClasses == 2 ? ProblemType.BINARY_CLASSIFICATION : ProblemType.MULTICLASS_CLASSIFICATION;
    }

    private static String expectedClasses(ProblemType type) {
        return switch (type) {
            case BINARY_CLASSIFICATION -> "numClasses = 2";
            case MULTICLASS_CLASSIFICATION -> "numClasses > 2";
            case REGRESSION -> "numClasses = 0";
        };
    }

    private static void requireClassification(int k) {
        if (k < 2) {
            throw new IllegalArgumentException("numClasses must be 0 (regression) or >= 2 (classification) but was "
                    + k);
        }
    }

    private static void requirePositive(int positiveClass) {
        if (positiveClass != 0 && positiveClass != 1) {
            throw new IllegalArgumentException("positiveClass must be 0 or 1 for binary classification but was "
                    + positiveClass);
        }
    }

    private static void requireClassIndex(int c, int k) {
        if (c < 0 || c >= k) {
            throw new IllegalArgumentException("positiveClass = " + c + " is outside [0, " + k + ")");
        }
    }

    private static void requireWidth(double[][] pred, int n, int width) {
        for (int i = 0; i < n; i++) {
            if (pred[i] == null || pred[i].length != width) {
                throw new IllegalArgumentException("pred row " + i + " has "
                        + (pred[i] == null ? "no array" : pred[i].length + " columns") + "; expected " + width);
            }
        }
    }

    // Returns the common length n >= 1 of the targets and the predictions; weights may be null.
    private static int rows(int yLength, int predLength, double[] w) {
        if (predLength != yLength) {
            throw new IllegalArgumentException("predictions have " + predLength + " rows but y has " + yLength);
        }
        if (w != null && w.length != yLength) {
            throw new IllegalArgumentException("weights have " + w.length + " entries but y has " + yLength);
        }
        if (yLength == 0) {
            throw new IllegalArgumentException("no rows to evaluate: y is empty");
        }
        return yLength;
    }

    // ------------------------------------------------------------------------------------ shared evaluation

    /** One set of predictions, with the hard labels and confusion matrices computed once, on first use. */
    private static final class Evaluation {
        private final int k;
        private final double[] y;
        private final double[][] pred;
        private final double[] w;
        private final int positiveClass;
        private int[] labels;
        private int[] yhat;
        private double[][] cm;
        private double[][] counts;
        private boolean[] present;
        private double[] values;

        Evaluation(int k, double[] y, double[][] pred, double[] w, int positiveClass) {
            problemType(k);
            Objects.requireNonNull(y, "y");
            Objects.requireNonNull(pred, "pred");
            rows(y.length, pred.length, w);
            requireWidth(pred, pred.length, k == 0 ? 1 : k);
            if (k == 2) {
                requirePositive(positiveClass);
            }
            this.k = k;
            this.y = y;
            this.pred = pred;
            this.w = w;
            this.positiveClass = positiveClass;
            if (k > 0) {
                labels = classLabels(y, k);
            }
        }

        double value(Metric m) {
            return switch (m) {
                case ACCURACY -> accuracy(cm());
                case AUC -> aucOwned(labels, column(positiveClass), w, positiveClass);
                case BALANCED_ACCURACY -> balancedAccuracy(counts());
                case F1 -> f1(precision(cm(), positiveClass), recall(cm(), positiveClass));
                case F1_MACRO, PRECISION_MACRO, RECALL_MACRO -> macro(m, cm(), present());
                case LOG_LOSS -> logLoss(labels, pred, w);
                case PRECISION -> precision(cm(), positiveClass);
                case RECALL -> recall(cm(), positiveClass);
                case MAE -> mae(y, values(), w);
                case MSE -> mse(y, values(), w);
                case R2 -> r2(y, values(), w);
                case RMSE -> rmse(y, values(), w);
                case MAPE -> mape(y, values(), w);
                case INFERENCE_LATENCY -> throw new AssertionError(m);
            };
        }

        private double[] column(int c) {
            double[] col = new double[pred.length];
            for (int i = 0; i < col.length; i++) {
                col[i] = pred[i][c];
            }
            return col;
        }

        private double[] values() {
            if (values == null) {
                values = column(0);
            }
            return values;
        }

        private int[] yhat() {
            if (yhat == null) {
                yhat = argmax(k, pred, positiveClass);
            }
            return yhat;
        }

        private double[][] cm() {
            if (cm == null) {
                cm = confusionMatrix(k, labels, yhat(), w);
            }
            return cm;
        }

        private double[][] counts() {
            if (counts == null) {
                counts = w == null ? cm() : confusionMatrix(k, labels, yhat(), null);
            }
            return counts;
        }

        private boolean[] present() {
            if (present == null) {
                present = Metrics.present(k, labels, yhat());
            }
            return present;
        }
    }
}
