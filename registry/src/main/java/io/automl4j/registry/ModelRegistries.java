package io.automl4j.registry;

import io.automl4j.registry.internal.JdbcModelRegistry;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Opens registries (REG-R1, REG-R22).
 *
 * <p>Embedded store: a directory with {@code registry.db} (SQLite in WAL mode, busy timeout 60 s, write
 * transactions {@code BEGIN IMMEDIATE}) and {@code blobs/sha256/ab/cdef…}. Several JVMs may open the same directory
 * at once; writers queue on SQLite's lock (multi-process mode, REG-R21), so the directory must be on a local file
 * system (not NFS). PostgreSQL: same logical schema, blobs in a chunked {@code bytea} table. In-memory: SQLite
 * {@code :memory:} with blobs in a table; same semantics, no durability (tests only).
 */
public final class ModelRegistries {
    private ModelRegistries() {
    }

    /** @param dir registry directory (created if absent) @return the registry */
    public static ModelRegistry embedded(Path dir) {
        return embedded(dir, RegistryOptions.defaults());
    }

    /** @param dir registry directory @param options options @return the registry */
    public static ModelRegistry embedded(Path dir, RegistryOptions options) {
        Objects.requireNonNull(dir, "dir");
        return JdbcModelRegistry.embedded(dir, options);
    }

    /** @return a fresh in-memory registry (tests only) */
    public static ModelRegistry inMemory() {
        return inMemory(RegistryOptions.defaults());
    }

    /** @param options options @return a fresh in-memory registry */
    public static ModelRegistry inMemory(RegistryOptions options) {
        return JdbcModelRegistry.inMemory(options);
    }

    /** @param dataSource a PostgreSQL data source @param options options @return the registry */
    public static ModelRegistry postgres(DataSource dataSource, RegistryOptions options) {
        Objects.requireNonNull(dataSource, "dataSource");
        return JdbcModelRegistry.postgres(dataSource, options);
    }

    /** @param dataSource a PostgreSQL data source @return the registry */
    public static ModelRegistry postgres(DataSource dataSource) {
        return postgres(dataSource, RegistryOptions.defaults());
    }

    /**
     * @param jdbcUrl  e.g. {@code jdbc:postgresql://127.0.0.1:5432/registry}
     * @param user     user, or null to use the one in the URL
     * @param password password, or null to use the one in the URL
     * @param options  options
     * @return the registry
     */
    public static ModelRegistry postgres(String jdbcUrl, String user, String password, RegistryOptions options) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            // the URL may carry credentials (password=...): never echo them
            throw new IllegalArgumentException("PostgreSQL JDBC URL must start with jdbc:postgresql:, got '"
                    + jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***") + "'");
        }
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setURL(jdbcUrl);
        // null keeps what the URL carries (?user=…&password=…) instead of clearing it
        if (user != null) {
            ds.setUser(user);
        }
        if (password != null) {
            ds.setPassword(password);
        }
        return JdbcModelRegistry.postgres(ds, options);
    }

    /** @param jdbcUrl URL @param user user @param password password @return the registry */
    public static ModelRegistry postgres(String jdbcUrl, String user, String password) {
        return postgres(jdbcUrl, user, password, RegistryOptions.defaults());
    }
}
