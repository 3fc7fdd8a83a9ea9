package io.automl4j.api;

import io.automl4j.api.data.ColumnType;
import io.automl4j.api.eval.Metric;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the engine decided for a job (AUTOML-R54): the values behind every default.
 *
 * @param problemType         resolved problem type
 * @param problemTypeInferred true when inferred from the target (AUTOML-R6)
 * @param mode                resolved mode (never AUTO)
 * @param objectiveMetric     the ranking metric
 * @param positiveClass       the positive class for binary problems, else null
 * @param labels              class labels in natural order (empty for regression)
 * @param columnTypes         type of every feature column used, in column order
 * @param droppedColumns      columns dropped (constant, ID-like, all missing) with the reason
 * @param dataSizeBytes       the size used by the AUTO rule, -1 when unknown
 * @param trainingRows        rows used for training
 * @param excludedRows        rows excluded (invalid target or weight)
 */
public record ResolvedAttributes(ProblemType problemType, boolean problemTypeInferred, Mode mode,
                                 Metric objectiveMetric, String positiveClass, List<String> labels,
                                 Map<String, ColumnType> columnTypes, Map<String, String> droppedColumns,
                                 long dataSizeBytes, int trainingRows, int excludedRows) {
    public ResolvedAttributes {
        Objects.requireNonNull(problemType, "problemType");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(objectiveMetric, "objectiveMetric");
        labels = List.copyOf(labels);
        columnTypes = Collections.unmodifiableMap(new LinkedHashMap<>(columnTypes));
        droppedColumns = Collections.unmodifiableMap(new LinkedHashMap<>(droppedColumns));
    }
}
