package io.automl4j.core.internal.data;

import io.automl4j.api.ProblemType;
import io.automl4j.api.data.ColumnType;
import io.automl4j.core.internal.learn.Task;

import java.util.List;
import java.util.Map;

/**
 * The training data after validation, exclusions and type inference.
 *
 * @param table               typed feature columns over the usable rows
 * @param y                   class index (classification) or value (regression) per usable row
 * @param weights             sample weights per usable row, or null
 * @param problemType         resolved problem type
 * @param problemTypeInferred whether it was inferred
 * @param labels              class labels in natural order (empty for regression)
 * @param positiveIndex       index of the positive class in labels (binary), else -1
 * @param columnTypes         type of every kept feature
 * @param dropped             dropped columns and why
 * @param excludedTarget      rows excluded for an invalid target
 * @param excludedWeight      rows excluded for an invalid weight
 * @param fingerprint         SHA-256 of the training data (AUTOML-R57)
 * @param sourceRows          the input row of each usable row (ascending)
 */
public record PreparedData(TypedTable table, double[] y, double[] weights, ProblemType problemType,
                           boolean problemTypeInferred, List<String> labels, int positiveIndex,
                           Map<String, ColumnType> columnTypes, Map<String, String> dropped, int excludedTarget,
                           int excludedWeight, String fingerprint, int[] sourceRows) {

    /** @return the learner task */
    public Task task() {
        return problemType == ProblemType.REGRESSION ? Task.REGRESSION : Task.classification(labels.size());
    }

    /** @return usable row count */
    public int rows() {
        return y.length;
    }
}
