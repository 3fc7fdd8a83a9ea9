package io.automl4j.core.internal.learn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The hyperparameters a wrapped library accepts, by the library's own names: types, defaults, bounds and aliases.
 * {@link #resolve} validates user overrides and returns the full resolved map (defaults filled in) with values in a
 * canonical string form, which is both what the learner passes to the library and what provenance records.
 */
final class Hyperparameters {

    enum Type { INT, DOUBLE, BOOLEAN, CHOICE }

    /**
     * One hyperparameter.
     *
     * @param name         the library's canonical name
     * @param type         value type
     * @param defaultValue the default, in canonical form
     * @param min          lower bound (numbers only)
     * @param minInclusive whether {@code min} itself is allowed
     * @param max          upper bound (numbers only)
     * @param choices      allowed values (CHOICE only)
     */
    record Spec(String name, Type type, String defaultValue, double min, boolean minInclusive, double max,
                Set<String> choices) {
        Spec {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(defaultValue, "defaultValue");
            choices = Set.copyOf(choices);
        }

        static Spec intAtLeast(String name, int defaultValue, int min) {
            return new Spec(name, Type.INT, Integer.toString(defaultValue), min, true, Integer.MAX_VALUE, Set.of());
        }

        static Spec doubleAtLeast(String name, double defaultValue, double min) {
            return new Spec(name, Type.DOUBLE, Double.toString(defaultValue), min, true, Double.POSITIVE_INFINITY,
                    Set.of());
        }

        static Spec positive(String name, double defaultValue) {
            return new Spec(name, Type.DOUBLE, Double.toString(defaultValue), 0, false, Double.POSITIVE_INFINITY,
                    Set.of());
        }

        /** A fraction in (0, 1]. */
        static Spec fraction(String name, double defaultValue) {
            return new Spec(name, Type.DOUBLE, Double.toString(defaultValue), 0, false, 1, Set.of());
        }

        static Spec bool(String name, boolean defaultValue) {
            return new Spec(name, Type.BOOLEAN, Boolean.toString(defaultValue), 0, true, 0, Set.of());
        }

        static Spec choice(String name, String defaultValue, String... choices) {
            return new Spec(name, Type.CHOICE, defaultValue, 0, true, 0, Set.of(choices));
        }

        String canonical(String library, String raw) {
            String value = raw == null ? "" : raw.trim();
            switch (type) {
                case INT: {
                    int v;
                    try {
                        v = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(String.format(Locale.ROOT,
                                "%s hyperparameter '%s' has invalid value '%s' (expected an integer)",
                                library, name, raw));
                    }
                    checkRange(library, raw, v);
                    return Integer.toString(v);
                }
                case DOUBLE: {
                    double v;
                    try {
                        v = Double.parseDouble(value);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(String.format(Locale.ROOT,
                                "%s hyperparameter '%s' has invalid value '%s' (expected a number)",
                                library, name, raw));
                    }
                    if (!Double.isFinite(v)) {
                        throw new IllegalArgumentException(String.format(Locale.ROOT,
                                "%s hyperparameter '%s' has invalid value '%s' (expected a finite number)",
                                library, name, raw));
                    }
                    checkRange(library, raw, v);
                    return Double.toString(v);
                }
                case BOOLEAN: {
                    String lower = value.toLowerCase(Locale.ROOT);
                    if (!lower.equals("true") && !lower.equals("false")) {
                        throw new IllegalArgumentException(String.format(Locale.ROOT,
                                "%s hyperparameter '%s' has invalid value '%s' (expected true or false)",
                                library, name, raw));
                    }
                    return lower;
                }
                case CHOICE: {
                    if (!choices.contains(value)) {
                        throw new IllegalArgumentException(String.format(Locale.ROOT,
                                "%s hyperparameter '%s' has invalid value '%s' (expected one of %s)",
                                library, name, raw, new TreeSet<>(choices)));
                    }
                    return value;
                }
                default:
                    throw new AssertionError(type);
            }
        }

        private void checkRange(String library, String raw, double v) {
            boolean low = minInclusive ? v >= min : v > min;
            if (!low || v > max) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%s hyperparameter '%s' has invalid value '%s' (expected %s%s, %s])", library, name, raw,
                        minInclusive ? "[" : "(", format(min), max == Double.POSITIVE_INFINITY
                                || max == Integer.MAX_VALUE ? "+inf" : format(max)));
            }
        }

        private static String format(double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
        }
    }

    private final String library;
    private final Map<String, Spec> specs;
    private final Map<String, String> aliases;

    /**
     * @param library name used in messages, e.g. {@code "XGBOOST"}
     * @param specs   the canonical parameters
     * @param aliases alias → canonical name
     */
    Hyperparameters(String library, List<Spec> specs, Map<String, String> aliases) {
        this.library = library;
        Map<String, Spec> m = new LinkedHashMap<>();
        for (Spec s : specs) {
            if (m.put(s.name(), s) != null) {
                throw new IllegalArgumentException("duplicate spec " + s.name());
            }
        }
        for (Map.Entry<String, String> a : aliases.entrySet()) {
            if (!m.containsKey(a.getValue()) || m.containsKey(a.getKey())) {
                throw new IllegalArgumentException("bad alias " + a);
            }
        }
        this.specs = Collections.unmodifiableMap(m);
        this.aliases = Map.copyOf(aliases);
    }

    /** @return every accepted name (canonical names and aliases), sorted */
    SortedMap<String, String> validNames() {
        SortedMap<String, String> out = new TreeMap<>();
        specs.keySet().forEach(k -> out.put(k, k));
        out.putAll(aliases);
        return out;
    }

    /** @return the canonical names, sorted */
    Set<String> names() {
        return new TreeSet<>(specs.keySet());
    }

    /**
     * @param overrides user values by canonical name or alias (null = none)
     * @return every canonical parameter with its resolved value in canonical form, sorted by name
     * @throws IllegalArgumentException for an unknown name (the message lists the valid ones), an unparsable or
     *                                  out-of-range value (naming parameter and value), or an alias conflicting
     *                                  with its canonical name
     */
    SortedMap<String, String> resolve(Map<String, String> overrides) {
        SortedMap<String, String> given = new TreeMap<>();
        if (overrides != null) {
            for (Map.Entry<String, String> e : new TreeMap<>(overrides).entrySet()) {
                String key = Objects.requireNonNull(e.getKey(), "hyperparameter name");
                String canonicalName = specs.containsKey(key) ? key : aliases.get(key);
                if (canonicalName == null) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "Unknown %s hyperparameter '%s'; valid names are %s", library, key,
                            validNames().keySet()));
                }
                String value = specs.get(canonicalName).canonical(library, e.getValue());
                String previous = given.put(canonicalName, value);
                if (previous != null && !previous.equals(value)) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "%s hyperparameter '%s' was given twice (through an alias) with different values "
                                    + "'%s' and '%s'", library, canonicalName, previous, value));
                }
            }
        }
        SortedMap<String, String> out = new TreeMap<>();
        for (Spec s : specs.values()) {
            out.put(s.name(), given.getOrDefault(s.name(), s.defaultValue()));
        }
        return out;
    }

    /**
     * @param overrides user values by canonical name or alias
     * @param name      a canonical name
     * @return true when the user set {@code name} (directly or through an alias)
     */
    boolean isGiven(Map<String, String> overrides, String name) {
        if (overrides == null) {
            return false;
        }
        for (String key : overrides.keySet()) {
            if (name.equals(key) || name.equals(aliases.get(key))) {
                return true;
            }
        }
        return false;
    }
}
