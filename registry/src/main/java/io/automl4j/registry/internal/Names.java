package io.automl4j.registry.internal;

import java.util.Map;
import java.util.regex.Pattern;

/** Name and field validation (REG-R2, REG-R4, REG-R6); every violation is an IAE naming value, rule and limit. */
public final class Names {
    private static final Pattern GROUP = Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9])*");
    private static final Pattern ALIAS = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
    private static final Pattern NUMERIC_ALIAS = Pattern.compile("v?[0-9]+");
    private static final Pattern META_KEY = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");

    private Names() {
    }

    /** @param name group name @throws IllegalArgumentException breaking REG-R2 */
    public static void checkGroup(String name) {
        if (name == null || name.isEmpty() || name.length() > 63) {
            throw new IllegalArgumentException("Invalid group name " + quote(name) + ": must be 1-63 characters"
                    + (name == null ? "" : ", got " + name.length()) + " (REG-R2)");
        }
        if (!GROUP.matcher(name).matches()) {
            throw new IllegalArgumentException("Invalid group name " + quote(name)
                    + ": must match [a-zA-Z0-9](-*[a-zA-Z0-9])* (letters, digits and inner hyphens) (REG-R2)");
        }
    }

    /** @param alias alias @throws IllegalArgumentException breaking REG-R4 */
    public static void checkAlias(String alias) {
        if (alias == null || !ALIAS.matcher(alias).matches()) {
            throw new IllegalArgumentException("Invalid alias " + quote(alias)
                    + ": must match [a-z][a-z0-9_-]{0,62} (1-63 characters, lower case) (REG-R4)");
        }
        if (alias.equals("latest")) {
            throw new IllegalArgumentException("Invalid alias 'latest': reserved for models:/<group>/latest (REG-R4)");
        }
        if (NUMERIC_ALIAS.matcher(alias).matches()) {
            throw new IllegalArgumentException("Invalid alias " + quote(alias)
                    + ": must not look like a version (v?[0-9]+) (REG-R4)");
        }
    }

    /** @param what field @param value stage or status @throws IllegalArgumentException breaking REG-R4 */
    public static void checkStage(String what, String value) {
        if (value == null || value.isEmpty() || value.length() > 63) {
            throw new IllegalArgumentException("Invalid lifecycle " + what + " " + quote(value)
                    + ": must be 1-63 characters (REG-R4)");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException("Invalid lifecycle " + what + " " + quote(value)
                        + ": control character at index " + i + " (REG-R4)");
            }
        }
    }

    /**
     * @param what  field name
     * @param value value (null allowed)
     * @param max   maximum length
     */
    public static void checkLength(String what, String value, int max) {
        if (value != null && value.length() > max) {
            throw new IllegalArgumentException("Invalid " + what + ": " + value.length()
                    + " characters exceeds the limit of " + max);
        }
    }

    /** @param tags group tags @throws IllegalArgumentException breaking REG-R2 */
    public static void checkTags(Map<String, String> tags) {
        if (tags == null) {
            throw new IllegalArgumentException("tags must not be null (use an empty map)");
        }
        if (tags.size() > 50) {
            throw new IllegalArgumentException("Too many tags: " + tags.size() + " exceeds the limit of 50 (REG-R2)");
        }
        for (Map.Entry<String, String> e : tags.entrySet()) {
            String k = e.getKey();
            if (k == null || k.isEmpty() || k.length() > 128) {
                throw new IllegalArgumentException("Invalid tag key " + quote(k)
                        + ": must be 1-128 characters (REG-R2)");
            }
            if (e.getValue() == null || e.getValue().length() > 256) {
                throw new IllegalArgumentException("Invalid value for tag '" + k
                        + "': must be non-null and at most 256 characters"
                        + (e.getValue() == null ? "" : ", got " + e.getValue().length()) + " (REG-R2)");
            }
        }
    }

    /** @param key metadata key @param value value @throws IllegalArgumentException breaking REG-R4 */
    public static void checkMetadataEntry(String key, String value) {
        if (key == null || !META_KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("Invalid metadata key " + quote(key)
                    + ": must be 1-128 characters of [A-Za-z0-9_.:-] (REG-R4)");
        }
        if (value == null || value.length() > 256) {
            throw new IllegalArgumentException("Invalid value for metadata key '" + key
                    + "': must be non-null and at most 256 characters"
                    + (value == null ? "" : ", got " + value.length()) + " (REG-R4)");
        }
    }

    /** @param m metadata @throws IllegalArgumentException breaking REG-R4 */
    public static void checkMetadata(Map<String, String> m) {
        if (m == null) {
            throw new IllegalArgumentException("metadata must not be null (use an empty map)");
        }
        if (m.size() > 50) {
            throw new IllegalArgumentException("Too many metadata entries: " + m.size()
                    + " exceeds the limit of 50 (REG-R4)");
        }
        m.forEach(Names::checkMetadataEntry);
    }

    /** @param m metrics @throws IllegalArgumentException on a bad name or a non-finite value */
    public static void checkMetrics(Map<String, Double> m) {
        if (m == null) {
            throw new IllegalArgumentException("metrics must not be null (use an empty map)");
        }
        for (Map.Entry<String, Double> e : m.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty() || e.getKey().length() > 128) {
                throw new IllegalArgumentException("Invalid metric name " + quote(e.getKey())
                        + ": must be 1-128 characters");
            }
            if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException("Invalid value for metric '" + e.getKey() + "': " + e.getValue()
                        + " (must be finite)");
            }
        }
    }

    /** @param m hyperparameters @throws IllegalArgumentException on null or over-long entries */
    public static void checkHyperparameters(Map<String, String> m) {
        if (m == null) {
            throw new IllegalArgumentException("hyperparameters must not be null (use an empty map)");
        }
        for (Map.Entry<String, String> e : m.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty() || e.getKey().length() > 128) {
                throw new IllegalArgumentException("Invalid hyperparameter name " + quote(e.getKey())
                        + ": must be 1-128 characters");
            }
            checkLength("hyperparameter '" + e.getKey() + "'", e.getValue(), 4096);
        }
    }

    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        String shown = s.length() > 80 ? s.substring(0, 80) + "…" : s;
        return "'" + shown + "'";
    }
}
