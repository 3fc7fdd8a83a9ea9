package io.automl4j.api.provenance;

/**
 * The platform a model was trained on; floating-point results may differ across JVMs and CPUs (AUTOML-R57).
 *
 * @param libraryVersion automl4j version
 * @param javaVersion    {@code java.version}
 * @param javaVendor     {@code java.vendor}
 * @param osName         {@code os.name}
 * @param osArch         {@code os.arch}
 */
public record RuntimeInfo(String libraryVersion, String javaVersion, String javaVendor, String osName,
                          String osArch) {

    /**
     * @param libraryVersion the automl4j version
     * @return the current JVM's facts
     */
    public static RuntimeInfo current(String libraryVersion) {
        return new RuntimeInfo(libraryVersion, System.getProperty("java.version"),
                System.getProperty("java.vendor"), System.getProperty("os.name"), System.getProperty("os.arch"));
    }
}
