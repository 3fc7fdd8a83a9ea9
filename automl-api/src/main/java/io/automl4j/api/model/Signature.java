package io.automl4j.api.model;

import io.automl4j.api.ProblemType;
import io.automl4j.api.data.ColumnType;

import java.util.List;
import java.util.Objects;

/**
 * What a model takes and returns (AUTOML-R49).
 *
 * @param inputs        the feature columns a scoring table must contain, with their training types
 * @param target        the target column name
 * @param problemType   the problem type
 * @param labels        training labels in natural order (empty for regression)
 * @param positiveClass the positive class (binary), else null
 * @param outputs       the prediction keys this model supports
 */
public record Signature(List<Input> inputs, String target, ProblemType problemType, List<String> labels,
                        String positiveClass, List<PredictionKey> outputs) {

    /**
     * One input column.
     *
     * @param name column name
     * @param type column type the model was trained with
     */
    public record Input(String name, ColumnType type) {
        public Input {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }

    public Signature {
        inputs = List.copyOf(inputs);
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(problemType, "problemType");
        labels = List.copyOf(labels);
        outputs = List.copyOf(outputs);
    }

    /** @return the input column names in order */
    public List<String> inputNames() {
        return inputs.stream().map(Input::name).toList();
    }
}
