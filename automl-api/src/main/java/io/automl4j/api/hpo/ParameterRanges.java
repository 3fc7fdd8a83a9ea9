package io.automl4j.api.hpo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The tunable ranges and static values of one algorithm's hyperparameters (AUTOML-R33–R36), in declaration order
 * (which is GRID's enumeration order, last parameter fastest). Immutable; validated as it is built:
 * categorical ranges have 1..30 unique values; integer and continuous ranges have finite bounds with min &lt; max
 * (min == max is an error: use a static value) and a scaling that fits the bounds (R35); at most 30 tunable, 100
 * static and 100 parameters in total; names are 1–255 characters and unique. Whether a name is known to the
 * algorithm is checked when the job starts (the learner's catalogue), with the valid names in the message.
 *
 * <pre>{@code
 * ParameterRanges xgb = ParameterRanges.builder()
 *     .continuous("eta", 0.05, 0.3, ScalingType.LOGARITHMIC)
 *     .integer("max_depth", 2, 8)
 *     .categorical("grow_policy", "depthwise", "lossguide")
 *     .staticValue("num_round", "200")
 *     .build();
 * }</pre>
 */
public final class ParameterRanges {
    /** Most tunable parameters per algorithm. */
    public static final int MAX_TUNABLE = 30;
    /** Most static parameters per algorithm. */
    public static final int MAX_STATIC = 100;
    /** Most parameters (tunable + static) per algorithm. */
    public static final int MAX_TOTAL = 100;
    /** Most values of a categorical range. */
    public static final int MAX_CATEGORICAL_VALUES = 30;
    /** Longest parameter name. */
    public static final int MAX_NAME_LENGTH = 255;

    /** One tunable parameter. */
    public sealed interface Range permits Categorical, IntegerRange, ContinuousRange {
        /** @return the hyperparameter name, as the algorithm's learner knows it */
        String name();
    }

    /**
     * A categorical range.
     *
     * @param name   parameter name
     * @param values 1..30 unique string values, in order
     */
    public record Categorical(String name, List<String> values) implements Range {
        public Categorical {
            checkName(name);
            Objects.requireNonNull(values, "values");
            values = List.copyOf(values);
            if (values.isEmpty() || values.size() > MAX_CATEGORICAL_VALUES) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "categorical parameter '%s' must have 1..%d values but has %d", name, MAX_CATEGORICAL_VALUES,
                        values.size()));
            }
            if (new HashSet<>(values).size() != values.size()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "categorical parameter '%s' has duplicate values %s", name, values));
            }
        }
    }

    /**
     * An integer range; values are sampled on the continuous scale, rounded half-up and clamped (R35).
     *
     * @param name    parameter name
     * @param min     lower bound (inclusive)
     * @param max     upper bound (inclusive), &gt; min
     * @param scaling AUTO, LINEAR or LOGARITHMIC (LOGARITHMIC requires min &gt; 0)
     */
    public record IntegerRange(String name, int min, int max, ScalingType scaling) implements Range {
        public IntegerRange {
            checkName(name);
            Objects.requireNonNull(scaling, "scaling");
            checkBounds(name, "integer", min, max, scaling);
            if (scaling == ScalingType.REVERSE_LOGARITHMIC) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "integer parameter '%s' [%d, %d]: scaling REVERSE_LOGARITHMIC applies to continuous "
                                + "parameters only", name, min, max));
            }
        }

        /** @return the scaling with AUTO resolved (R35) */
        public ScalingType resolvedScaling() {
            return scaling.resolve(min, max);
        }
    }

    /**
     * A continuous range.
     *
     * @param name    parameter name
     * @param min     finite lower bound
     * @param max     finite upper bound, &gt; min
     * @param scaling AUTO, LINEAR, LOGARITHMIC (min &gt; 0) or REVERSE_LOGARITHMIC (0 ≤ min &lt; max &lt; 1)
     */
    public record ContinuousRange(String name, double min, double max, ScalingType scaling) implements Range {
        public ContinuousRange {
            checkName(name);
            Objects.requireNonNull(scaling, "scaling");
            checkBounds(name, "continuous", min, max, scaling);
            if (scaling == ScalingType.REVERSE_LOGARITHMIC && !(min >= 0 && max < 1)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "continuous parameter '%s' [%s, %s]: scaling REVERSE_LOGARITHMIC requires 0 <= min < max < 1",
                        name, min, max));
            }
        }

        /** @return the scaling with AUTO resolved (R35) */
        public ScalingType resolvedScaling() {
            return scaling.resolve(min, max);
        }
    }

    private final List<Range> ranges;
    private final Map<String, String> staticValues;

    private ParameterRanges(List<Range> ranges, Map<String, String> staticValues) {
        this.ranges = List.copyOf(ranges);
        this.staticValues = Collections.unmodifiableMap(new LinkedHashMap<>(staticValues));
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the tunable ranges in declaration order */
    public List<Range> ranges() {
        return ranges;
    }

    /** @return static hyperparameter values (AUTOML-R36), in declaration order */
    public Map<String, String> staticValues() {
        return staticValues;
    }

    /** @return true when every tunable range is categorical (the GRID requirement, AUTOML-R3) */
    public boolean categoricalOnly() {
        return ranges.stream().allMatch(r -> r instanceof Categorical);
    }

    /**
     * @return the number of GRID combinations (product of categorical sizes; 1 with no ranges)
     * @throws IllegalStateException when a range is not categorical
     */
    public long combinations() {
        long n = 1;
        for (Range r : ranges) {
            if (!(r instanceof Categorical c)) {
                throw new IllegalStateException("parameter '" + r.name() + "' is not categorical; GRID combinations"
                        + " exist only for categorical ranges");
            }
            n = Math.multiplyExact(n, c.values().size());
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParameterRanges p && p.ranges.equals(ranges) && p.staticValues.equals(staticValues);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ranges, staticValues);
    }

    @Override
    public String toString() {
        return "ParameterRanges" + ranges + (staticValues.isEmpty() ? "" : " static " + staticValues);
    }

    private static void checkName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "parameter names must be 1-%d characters but got '%s'", MAX_NAME_LENGTH, name));
        }
    }

    private static void checkBounds(String name, String kind, double min, double max, ScalingType scaling) {
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s parameter '%s' [%s, %s] (scaling %s): bounds must be finite", kind, name, min, max, scaling));
        }
        if (min == max) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s parameter '%s' [%s, %s] (scaling %s): min == max; use a static value", kind, name, min, max,
                    scaling));
        }
        if (min > max) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s parameter '%s' [%s, %s] (scaling %s): min must be < max", kind, name, min, max, scaling));
        }
        if (scaling == ScalingType.LOGARITHMIC && min <= 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s parameter '%s' [%s, %s]: scaling LOGARITHMIC requires min > 0", kind, name, min, max));
        }
    }

    /** Collects ranges and static values; {@link #build()} checks the counts (AUTOML-R34). */
    public static final class Builder {
        private final List<Range> ranges = new ArrayList<>();
        private final Map<String, String> statics = new LinkedHashMap<>();
        private final Set<String> names = new HashSet<>();

        private Builder() {
        }

        /**
         * @param range a tunable range
         * @return this builder
         * @throws IllegalArgumentException when the name is already used
         */
        public Builder add(Range range) {
            Objects.requireNonNull(range, "range");
            claim(range.name());
            ranges.add(range);
            return this;
        }

        /**
         * @param name   parameter name
         * @param values 1..30 unique values
         * @return this builder
         */
        public Builder categorical(String name, String... values) {
            return add(new Categorical(name, List.of(values)));
        }

        /**
         * @param name parameter name
         * @param min  lower bound
         * @param max  upper bound
         * @return this builder (scaling AUTO)
         */
        public Builder integer(String name, int min, int max) {
            return integer(name, min, max, ScalingType.AUTO);
        }

        /**
         * @param name    parameter name
         * @param min     lower bound
         * @param max     upper bound
         * @param scaling scaling type
         * @return this builder
         */
        public Builder integer(String name, int min, int max, ScalingType scaling) {
            return add(new IntegerRange(name, min, max, scaling));
        }

        /**
         * @param name parameter name
         * @param min  lower bound
         * @param max  upper bound
         * @return this builder (scaling AUTO)
         */
        public Builder continuous(String name, double min, double max) {
            return continuous(name, min, max, ScalingType.AUTO);
        }

        /**
         * @param name    parameter name
         * @param min     lower bound
         * @param max     upper bound
         * @param scaling scaling type
         * @return this builder
         */
        public Builder continuous(String name, double min, double max, ScalingType scaling) {
            return add(new ContinuousRange(name, min, max, scaling));
        }

        /**
         * A static hyperparameter (AUTOML-R36), validated by the algorithm's learner when the job starts.
         *
         * @param name  parameter name
         * @param value the value as text
         * @return this builder
         */
        public Builder staticValue(String name, String value) {
            checkName(name);
            if (value == null) {
                throw new IllegalArgumentException("static parameter '" + name + "' must have a value but got null");
            }
            claim(name);
            statics.put(name, value);
            return this;
        }

        /**
         * @return the ranges
         * @throws IllegalArgumentException when there are more than 30 tunable, 100 static or 100 parameters
         */
        public ParameterRanges build() {
            if (ranges.size() > MAX_TUNABLE) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "at most %d tunable parameters per algorithm but got %d", MAX_TUNABLE, ranges.size()));
            }
            if (statics.size() > MAX_STATIC) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "at most %d static parameters per algorithm but got %d", MAX_STATIC, statics.size()));
            }
            if (ranges.size() + statics.size() > MAX_TOTAL) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "at most %d parameters (tunable + static) per algorithm but got %d", MAX_TOTAL,
                        ranges.size() + statics.size()));
            }
            return new ParameterRanges(ranges, statics);
        }

        private void claim(String name) {
            if (!names.add(name)) {
                throw new IllegalArgumentException("parameter '" + name + "' is given twice");
            }
        }
    }
}
