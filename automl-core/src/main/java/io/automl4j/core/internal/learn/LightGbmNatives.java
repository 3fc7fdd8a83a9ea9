package io.automl4j.core.internal.learn;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;

/**
 * Loads LightGBM's native libraries from the {@code lightgbmlib} jar, which ships them without a loader: extracts
 * {@code lib_lightgbm} and {@code lib_lightgbm_swig} for this platform to a temporary directory and
 * {@code System.load}s them in that order. Happens at most once per class loader (class initialisation is
 * thread-safe); a failure is remembered and reported by {@link #require()}.
 *
 * <p>The jar has x86-64 natives for Linux, macOS and Windows only. JNI binds a library to the class loader of the
 * class that loads it, so this class must be loaded by the same class loader as {@code lightgbmlib}'s classes
 * (true for a flat class path); a mismatch is detected and reported as "not available".
 *
 * <p>Public (in an internal package) so that the forecasting module's GLOBAL_GBM loads the natives through this same
 * class: loading the libraries twice in one JVM from two extracted copies must not happen.
 */
public final class LightGbmNatives {

    private static final Logger LOG = LoggerFactory.getLogger(LightGbmNatives.class);

    private LightGbmNatives() {
    }

    /** @return true when LightGBM can be used in this JVM (loads the natives on first call) */
    public static boolean isAvailable() {
        return Holder.FAILURE == null;
    }

    /** @return why LightGBM cannot be used in this JVM (naming os.name and os.arch), or empty when it can */
    public static Optional<String> unavailableReason() {
        return Optional.ofNullable(Holder.FAILURE);
    }

    /** @throws IllegalStateException naming os.name and os.arch when the natives cannot be used here */
    public static void require() {
        String failure = Holder.FAILURE;
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }

    private static final class Holder {
        static final String FAILURE = load();
    }

    /**
     * Where this platform's natives live in the jar.
     *
     * @param osName {@code os.name}
     * @param osArch {@code os.arch}
     * @return {directory, library suffix}, or null when the jar has no natives for this platform
     */
    static String[] platform(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = osArch.toLowerCase(Locale.ROOT);
        if (!(arch.equals("amd64") || arch.equals("x86_64"))) {
            return null;
        }
        if (os.startsWith("linux")) {
            return new String[] {"linux", ".so"};
        } else if (os.startsWith("mac") || os.startsWith("darwin")) {
            return new String[] {"osx", ".dylib"};
        } else if (os.startsWith("windows")) {
            return new String[] {"windows", ".dll"};
        }
        return null;
    }

    /** @return the message for a platform without natives, naming os.name and os.arch */
    static String unsupportedMessage(String osName, String osArch) {
        return "LightGBM native libraries are not available for os.name=" + osName + ", os.arch=" + osArch
                + " (lightgbmlib ships x86_64 natives for Linux, macOS and Windows only)";
    }

    private static String load() {
        String osName = System.getProperty("os.name", "");
        String osArch = System.getProperty("os.arch", "");
        String[] platform = platform(osName, osArch);
        if (platform == null) {
            String msg = unsupportedMessage(osName, osArch);
            LOG.debug(msg);
            return msg;
        }
        String dir = platform[0];
        String suffix = platform[1];
        String prefix = "lib_lightgbm";
        String where = "os.name=" + osName + ", os.arch=" + osArch;
        try {
            Class<?> jni = Class.forName("com.microsoft.ml.lightgbm.lightgbmlibJNI", false,
                    LightGbmNatives.class.getClassLoader());
            String base = "/com/microsoft/ml/lightgbm/" + dir + "/x86_64/";
            Path tmp = Files.createTempDirectory("automl4j-lightgbm-");
            tmp.toFile().deleteOnExit();
            // Order matters: the SWIG wrapper links against lib_lightgbm, which must already be loaded.
            for (String name : new String[] {prefix + suffix, prefix + "_swig" + suffix}) {
                Path target = tmp.resolve(name);
                try (InputStream in = jni.getResourceAsStream(base + name)) {
                    if (in == null) {
                        throw new IOException("resource " + base + name + " not found in the lightgbmlib jar");
                    }
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                target.toFile().deleteOnExit();
                System.load(target.toAbsolutePath().toString());
            }
            // Proves that the JNI symbols resolve from lightgbmlib's own class loader.
            com.microsoft.ml.lightgbm.lightgbmlib.delete_intp(com.microsoft.ml.lightgbm.lightgbmlib.new_intp());
            LOG.debug("LightGBM natives loaded from {}", tmp);
            return null;
        } catch (IOException | LinkageError | ClassNotFoundException | SecurityException e) {
            String msg = "LightGBM native libraries could not be loaded for " + where + ": " + e;
            LOG.debug(msg);
            return msg;
        }
    }
}
