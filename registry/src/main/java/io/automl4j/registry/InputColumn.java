package io.automl4j.registry;

import io.automl4j.api.data.ColumnType;

import java.util.Objects;

/**
 * One column of a stored input signature (REG-R5).
 *
 * @param name     column name
 * @param type     type the model was trained with
 * @param nullable whether missing values are accepted
 */
public record InputColumn(String name, ColumnType type, boolean nullable) {
    public InputColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
