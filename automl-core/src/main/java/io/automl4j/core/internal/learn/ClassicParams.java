package io.automl4j.core.internal.learn;

import io.automl4j.api.Algorithm;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The resolved hyperparameters of one learner: its defaults with validated overrides applied. Every value is kept
 * in a canonical string form (what {@link Learner#hyperparameters()} shows and provenance records).
 */
final class ClassicParams {

    /** Checks one raw value and returns its canonical form. */
    @FunctionalInterface
    interface Rule {
        /**
         * @param raw the value as given
         * @return the canonical string form
         * @throws IllegalArgumentException with the expectation (e.g. "an integer >= 1") as its message
         */
        String canonical(String raw);
    }

    private final Algorithm algorithm;
    private final Map<String, String> values;

    private ClassicParams(Algorithm algorithm, Map<String, String> values) {
        this.algorithm = algorithm;
        this.values = values;
    }

    /** @return a builder of the parameter table of {@code algorithm} */
    static Builder builder(Algorithm algorithm) {
        return new Builder(algorithm);
    }

    /** Declares the known parameters, their defaults and rules. */
    static final class Builder {
        private final Algorithm algorithm;
        private final Map<String, String> defaults = new LinkedHashMap<>();
        private final Map<String, Rule> rules = new LinkedHashMap<>();

        private Builder(Algorithm algorithm) {
            this.algorithm = algorithm;
        }

        Builder add(String name, String defaultValue, Rule rule) {
            defaults.put(name, rule.canonical(defaultValue));
            rules.put(name, rule);
            return this;
        }

        /**
         * @param overrides name to value; unknown names and invalid values are rejected
         * @return the resolved parameters
         * @throws IllegalArgumentException for an unknown name (listing the valid ones) or an invalid value
         */
        ClassicParams resolve(Map<String, String> overrides) {
            Objects.requireNonNull(overrides, "overrides");
            Map<String, String> out = new TreeMap<>(defaults);
            for (Map.Entry<String, String> e : new TreeMap<>(overrides).entrySet()) {
                String name = e.getKey();
                Rule rule = rules.get(name);
                if (rule == null) {
                    throw new IllegalArgumentException("Unknown hyperparameter '" + name + "' for " + algorithm
                            + "; valid names are " + new TreeMap<>(defaults).keySet());
                }
                String raw = e.getValue();
                if (raw == null) {
                    throw new IllegalArgumentException("Invalid value null for hyperparameter '" + name + "' of "
                            + algorithm);
                }
                String canonical;
                try {
                    canonical = rule.canonical(raw.trim());
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException("Invalid value '" + raw + "' for hyperparameter '" + name
                            + "' of " + algorithm + ": expected " + ex.getMessage(), ex);
                }
                out.put(name, canonical);
            }
            return new ClassicParams(algorithm, Collections.unmodifiableMap(out));
        }
    }

    /** @return all resolved values, sorted by name, unmodifiable */
    Map<String, String> asMap() {
        return values;
    }

    String get(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalStateException("no hyperparameter '" + name + "' in " + algorithm);
        }
        return v;
    }

    int getInt(String name) {
        return Integer.parseInt(get(name));
    }

    long getLong(String name) {
        return Long.parseLong(get(name));
    }

    double getDouble(String name) {
        return Double.parseDouble(get(name));
    }

    boolean getBoolean(String name) {
        return Boolean.parseBoolean(get(name));
    }

    /** @return the comma-separated doubles of {@code name} */
    double[] getDoubles(String name) {
        return List.of(get(name).split(",")).stream().mapToDouble(Double::parseDouble).toArray();
    }

    // ---- rules ----

    static Rule intRange(int min, int max) {
        return raw -> {
            int v;
            try {
                v = Integer.parseInt(raw);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(describeInt(min, max));
            }
            if (v < min || v > max) {
                throw new IllegalArgumentException(describeInt(min, max));
            }
            return Integer.toString(v);
        };
    }

    private static String describeInt(int min, int max) {
        return max == Integer.MAX_VALUE ? "an integer >= " + min : "an integer in [" + min + ", " + max + "]";
    }

    /** A finite double in the interval, bounds inclusive or not. */
    static Rule doubleRange(double min, boolean minInclusive, double max, boolean maxInclusive) {
        String expected = "a number in " + (minInclusive ? "[" : "(") + fmt(min) + ", " + fmt(max)
                + (maxInclusive ? "]" : ")");
        return raw -> {
            double v = parseFinite(raw, expected);
            boolean ok = (minInclusive ? v >= min : v > min) && (maxInclusive ? v <= max : v < max);
            if (!ok) {
                throw new IllegalArgumentException(expected);
            }
            return Double.toString(v);
        };
    }

    /** A non-empty comma-separated list of finite doubles, each in the interval. */
    static Rule doubleList(double min, boolean minInclusive, double max) {
        String expected = "a comma-separated list of numbers in " + (minInclusive ? "[" : "(") + fmt(min) + ", "
                + fmt(max) + "]";
        return raw -> {
            String[] parts = raw.split(",", -1);
            StringBuilder sb = new StringBuilder();
            for (String part : parts) {
                double v = parseFinite(part.trim(), expected);
                if ((minInclusive ? v < min : v <= min) || v > max) {
                    throw new IllegalArgumentException(expected);
                }
                if (sb.length() > 0) {
                    sb.append(',');
                }
                sb.append(v);
            }
            return sb.toString();
        };
    }

    static Rule oneOf(String... allowed) {
        Set<String> set = Set.of(allowed);
        String expected = "one of " + List.of(allowed);
        return raw -> {
            String v = raw.toLowerCase(Locale.ROOT);
            if (!set.contains(v)) {
                throw new IllegalArgumentException(expected);
            }
            return v;
        };
    }

    static Rule bool() {
        return raw -> {
            String v = raw.toLowerCase(Locale.ROOT);
            if (!v.equals("true") && !v.equals("false")) {
                throw new IllegalArgumentException("true or false");
            }
            return v;
        };
    }

    static Rule anyLong() {
        return raw -> {
            try {
                return Long.toString(Long.parseLong(raw));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("an integer");
            }
        };
    }

    private static double parseFinite(String raw, String expected) {
        double v;
        try {
            v = Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(expected);
        }
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(expected);
        }
        return v;
    }

    private static String fmt(double v) {
        if (v == Double.MAX_VALUE || v == Double.POSITIVE_INFINITY) {
            return "inf";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    @Override
    public String toString() {
        return algorithm + values.toString();
    }
}
