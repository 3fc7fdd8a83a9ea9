package io.automl4j.registry.internal;

import io.automl4j.api.data.Column;
import io.automl4j.api.data.ColumnType;
import io.automl4j.api.data.Dataset;
import io.automl4j.api.model.Predictions;
import io.automl4j.api.model.Signature;
import io.automl4j.api.model.TrainedModel;
import io.automl4j.api.provenance.Provenance;
import io.automl4j.registry.InputColumn;
import io.automl4j.registry.ModelSignature;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A loaded model that checks scoring input against the stored input signature first (REG-R7). */
final class CheckedModel implements TrainedModel {
    private final TrainedModel delegate;
    private final ModelSignature stored;
    private final String uri;

    CheckedModel(TrainedModel delegate, ModelSignature stored, String uri) {
        this.delegate = delegate;
        this.stored = stored;
        this.uri = uri;
    }

    /** @throws IllegalArgumentException naming every missing column and every column of the wrong type */
    void check(Dataset data) {
        List<String> missing = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (InputColumn in : stored.inputs()) {
            if (!data.hasColumn(in.name())) {
                missing.add(in.name());
                continue;
            }
            Column col = data.column(in.name());
            if (in.type() == ColumnType.NUMERIC && !col.isNumericStorage()) {
                String bad = firstNonNumber(col);
                if (bad != null) {
                    wrong.add(in.name() + " (expected NUMERIC, found text '" + bad + "')");
                }
            }
            if (!in.nullable()) {
                for (int r = 0; r < col.size(); r++) {
                    if (col.isMissing(r)) {
                        wrong.add(in.name() + " (not nullable, missing at row " + r + ")");
                        break;
                    }
                }
            }
        }
        if (!missing.isEmpty() || !wrong.isEmpty()) {
            StringBuilder sb = new StringBuilder("Input does not match the stored signature of " + uri + ":");
            if (!missing.isEmpty()) {
                sb.append(" missing columns ").append(missing);
            }
            if (!wrong.isEmpty()) {
                sb.append(missing.isEmpty() ? "" : ";").append(" wrong types ").append(wrong);
            }
            throw new IllegalArgumentException(sb.toString());
        }
    }

    /**
     * A text column where the signature says NUMERIC: no non-missing value parses as a number. Single unparseable
     * cells in an otherwise numeric column are tolerated, as the model itself treats them as missing and counts them
     * in its warnings (AUTOML-R18).
     *
     * @return the first non-numeric value when no value is numeric, else null
     */
    static String firstNonNumber(Column col) {
        String first = null;
        for (int r = 0; r < col.size(); r++) {
            if (!col.isMissing(r)) {
                String s = col.text(r).trim();
                try {
                    Double.parseDouble(s);
                    return null;
                } catch (NumberFormatException e) {
                    if (first == null) {
                        first = s;
                    }
                }
            }
        }
        return first;
    }

    @Override
    public Predictions predict(Dataset data) {
        check(data);
        return delegate.predict(data);
    }

    @Override
    public Evaluation evaluate(Dataset data) {
        check(data);
        return delegate.evaluate(data);
    }

    @Override
    public Signature signature() {
        return delegate.signature();
    }

    @Override
    public Provenance provenance() {
        return delegate.provenance();
    }

    @Override
    public void save(Path dir) throws IOException {
        delegate.save(dir);
    }

    @Override
    public String toString() {
        return uri + " " + delegate;
    }
}
