package io.automl4j.core.internal.search;

import io.automl4j.api.InvalidJobSpecException;
import io.automl4j.api.data.Column;
import io.automl4j.api.data.Dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * User validation data (AUTOML-R17): checked against the training schema (AUTOML-R4) and appended to the training
 * rows, so types, labels and encodings are resolved once for both; the engine then holds out exactly the appended
 * rows. Preprocessing is still fitted on training folds only.
 */
final class ValidationData {
    private ValidationData() {
    }

    /**
     * @param training   training data
     * @param validation validation data with the same columns (order irrelevant)
     * @return training rows followed by validation rows, in the training column order
     * @throws InvalidJobSpecException naming the columns that differ
     */
    static Dataset append(Dataset training, Dataset validation) {
        TreeSet<String> missing = new TreeSet<>(training.columnNames());
        missing.removeAll(validation.columnNames());
        TreeSet<String> extra = new TreeSet<>(validation.columnNames());
        extra.removeAll(training.columnNames());
        if (!missing.isEmpty() || !extra.isEmpty()) {
            List<String> parts = new ArrayList<>();
            if (!missing.isEmpty()) {
                parts.add("lacks training column(s) " + missing);
            }
            if (!extra.isEmpty()) {
                parts.add("has column(s) " + extra + " that the training data does not have");
            }
            throw new InvalidJobSpecException("validation data schema differs from the training data: it "
                    + String.join(" and ", parts));
        }
        if (validation.rowCount() == 0) {
            throw new InvalidJobSpecException("validation data has no rows");
        }
        int n = training.rowCount();
        int m = validation.rowCount();
        Dataset.Builder b = Dataset.builder();
        for (String name : training.columnNames()) {
            Column a = training.column(name);
            Column v = validation.column(name);
            if (a.isNumericStorage() && v.isNumericStorage()) {
                double[] d = new double[n + m];
                for (int i = 0; i < n; i++) {
                    d[i] = a.number(i);
                }
                for (int i = 0; i < m; i++) {
                    d[n + i] = v.number(i);
                }
                b.numeric(name, d);
            } else {
                String[] s = new String[n + m];
                for (int i = 0; i < n; i++) {
                    s[i] = a.text(i);
                }
                for (int i = 0; i < m; i++) {
                    s[n + i] = v.text(i);
                }
                b.text(name, s);
            }
        }
        return b.build();
    }
}
