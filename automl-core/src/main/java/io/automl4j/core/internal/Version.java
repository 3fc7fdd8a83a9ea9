package io.automl4j.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The library version, from the build. */
public final class Version {
    /** e.g. "0.1.0". */
    public static final String LIBRARY = load();

    private Version() {
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("/io/automl4j/core/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
