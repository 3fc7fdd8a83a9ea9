package io.automl4j.core.internal.hpo;

import io.automl4j.api.hpo.ParameterRanges;
import io.automl4j.api.hpo.ScalingType;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One tunable dimension of an algorithm's space: a categorical (values in order) or an integer / continuous range
 * with a resolved scaling. Every dimension is addressed by a unit coordinate u ∈ [0, 1]; a categorical with k
 * values maps u to index min(k − 1, ⌊u·k⌋), and its canonical coordinate for index i is (i + 0.5)/k.
 *
 * @param name    the learner's hyperparameter name
 * @param kind    CATEGORICAL, INTEGER or CONTINUOUS
 * @param min     lower bound (numbers)
 * @param max     upper bound (numbers)
 * @param scaling resolved scaling (numbers), LINEAR for categoricals
 * @param values  the values (categoricals), else empty
 */
public record Dim(String name, Kind kind, double min, double max, ScalingType scaling, List<String> values) {
    /** Dimension kinds. */
    public enum Kind { CATEGORICAL, INTEGER, CONTINUOUS }

    public Dim {
        Objects.requireNonNull(name, "name");
        values = List.copyOf(values);
        if (scaling == ScalingType.AUTO) {
            scaling = scaling.resolve(min, max);
        }
    }

    /**
     * @param r a validated API range
     * @return its dimension
     */
    public static Dim of(ParameterRanges.Range r) {
        if (r instanceof ParameterRanges.Categorical c) {
            return categorical(c.name(), c.values());
        } else if (r instanceof ParameterRanges.IntegerRange i) {
            return new Dim(i.name(), Kind.INTEGER, i.min(), i.max(), i.resolvedScaling(), List.of());
        } else {
            ParameterRanges.ContinuousRange c = (ParameterRanges.ContinuousRange) r;
            return new Dim(c.name(), Kind.CONTINUOUS, c.min(), c.max(), c.resolvedScaling(), List.of());
        }
    }

    static Dim categorical(String name, List<String> values) {
        return new Dim(name, Kind.CATEGORICAL, 0, values.size() - 1, ScalingType.LINEAR, values);
    }

    static Dim integer(String name, int min, int max, ScalingType scaling) {
        return of(new ParameterRanges.IntegerRange(name, min, max, scaling));
    }

    static Dim continuous(String name, double min, double max, ScalingType scaling) {
        return of(new ParameterRanges.ContinuousRange(name, min, max, scaling));
    }

    /** @param u unit coordinate @return the categorical index of u */
    public int index(double u) {
        int k = values.size();
        return Math.max(0, Math.min(k - 1, (int) Math.floor(u * k)));
    }

    /**
     * @param u unit coordinate
     * @return the value as the learner expects it: the categorical value, the integer, or the double via
     *         {@link Double#toString}
     */
    public String valueOf(double u) {
        return switch (kind) {
            case CATEGORICAL -> values.get(index(u));
            case INTEGER -> Long.toString(Scaling.intFromUnit(scaling, (long) min, (long) max, u));
            case CONTINUOUS -> Double.toString(Scaling.fromUnit(scaling, min, max, u));
        };
    }

    /** @return the number of values of a categorical (or 0) */
    public int size() {
        return values.size();
    }

    @Override
    public String toString() {
        return kind == Kind.CATEGORICAL ? name + values
                : String.format(Locale.ROOT, "%s %s [%s, %s] %s", name, kind, min, max, scaling);
    }
}
