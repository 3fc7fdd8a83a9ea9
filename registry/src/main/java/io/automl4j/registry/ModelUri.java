package io.automl4j.registry;

import io.automl4j.registry.internal.Names;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model reference (REG-R12): {@code models:/<group>/<version>}, {@code models:/<group>@<alias>} or
 * {@code models:/<group>/latest}. Immutable.
 */
public final class ModelUri {
    private static final String FORMS = "models:/<group>/<version>, models:/<group>@<alias> or models:/<group>/latest";
    private static final Pattern VERSION = Pattern.compile("models:/([^/@]+)/([1-9][0-9]{0,9})");
    private static final Pattern LATEST = Pattern.compile("models:/([^/@]+)/latest");
    private static final Pattern ALIAS = Pattern.compile("models:/([^/@]+)@([^/@]+)");

    /** What the URI points at. */
    public enum Kind {
        /** A fixed version number. */
        VERSION,
        /** An alias. */
        ALIAS,
        /** The highest existing version. */
        LATEST
    }

    private final String group;
    private final Kind kind;
    private final int version;
    private final String alias;

    private ModelUri(String group, Kind kind, int version, String alias) {
        this.group = group;
        this.kind = kind;
        this.version = version;
        this.alias = alias;
    }

    /**
     * @param uri text in one of the accepted forms
     * @return the parsed URI
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    public static ModelUri parse(String uri) {
        Objects.requireNonNull(uri, "uri");
        try {
            Matcher m = VERSION.matcher(uri);
            if (m.matches()) {
                long v = Long.parseLong(m.group(2));
                if (v > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("version " + v + " exceeds " + Integer.MAX_VALUE);
                }
                return of(m.group(1), (int) v);
            }
            m = LATEST.matcher(uri);
            if (m.matches()) {
                return latest(m.group(1));
            }
            m = ALIAS.matcher(uri);
            if (m.matches()) {
                return alias(m.group(1), m.group(2));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid model URI '" + uri + "': " + e.getMessage()
                    + "; accepted forms: " + FORMS, e);
        }
        throw new IllegalArgumentException("Invalid model URI '" + uri + "'; accepted forms: " + FORMS);
    }

    /**
     * @param group   group name
     * @param version version number ≥ 1
     * @return {@code models:/group/version}
     */
    public static ModelUri of(String group, int version) {
        Names.checkGroup(group);
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1, got " + version);
        }
        return new ModelUri(group, Kind.VERSION, version, null);
    }

    /**
     * @param group group name
     * @param alias alias name (REG-R4)
     * @return {@code models:/group@alias}
     */
    public static ModelUri alias(String group, String alias) {
        Names.checkGroup(group);
        Names.checkAlias(alias);
        return new ModelUri(group, Kind.ALIAS, 0, alias);
    }

    /**
     * @param group group name
     * @return {@code models:/group/latest}
     */
    public static ModelUri latest(String group) {
        Names.checkGroup(group);
        return new ModelUri(group, Kind.LATEST, 0, null);
    }

    /** @return the group name */
    public String group() {
        return group;
    }

    /** @return the kind of reference */
    public Kind kind() {
        return kind;
    }

    /** @return the version number (kind VERSION), else 0 */
    public int version() {
        return version;
    }

    /** @return the alias (kind ALIAS), else null */
    public String alias() {
        return alias;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case VERSION -> "models:/" + group + "/" + version;
            case ALIAS -> "models:/" + group + "@" + alias;
            case LATEST -> "models:/" + group + "/latest";
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelUri u && u.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
