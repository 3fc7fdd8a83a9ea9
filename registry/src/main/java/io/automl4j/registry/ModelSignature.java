package io.automl4j.registry;

import java.util.List;

/**
 * The stored input and output signature of a version (REG-R5).
 *
 * @param inputs        input columns in order
 * @param target        target column name (may be empty for external artifacts)
 * @param outputs       prediction keys the model returns
 * @param labels        class labels (empty for regression)
 * @param positiveClass positive class (binary), else null
 */
public record ModelSignature(List<InputColumn> inputs, String target, List<String> outputs, List<String> labels,
                             String positiveClass) {
    public ModelSignature {
        inputs = List.copyOf(inputs);
        target = target == null ? "" : target;
        outputs = List.copyOf(outputs);
        labels = List.copyOf(labels);
    }

    /** @return an empty signature (no input check on load) */
    public static ModelSignature empty() {
        return new ModelSignature(List.of(), "", List.of(), List.of(), null);
    }
}
