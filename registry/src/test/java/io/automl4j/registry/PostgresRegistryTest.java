package io.automl4j.registry;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The contract suite on PostgreSQL (REG-R22). The server comes from {@code -Dautoml4j.test.pg.url} or
 * {@code AUTOML4J_TEST_PG_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/automl4j_test}, user/password
 * {@code automl4j}); every test gets its own schema. Skipped with a visible message only when no server answers.
 */
class PostgresRegistryTest extends RegistryContract {
    static final String URL = setting("automl4j.test.pg.url", "AUTOML4J_TEST_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/automl4j_test");
    static final String USER = setting("automl4j.test.pg.user", "AUTOML4J_TEST_PG_USER", "automl4j");
    static final String PASSWORD = setting("automl4j.test.pg.password", "AUTOML4J_TEST_PG_PASSWORD", "automl4j");
    static final AtomicInteger COUNTER = new AtomicInteger();
    static final List<String> SCHEMAS = new ArrayList<>();
    static String reason;
    String schema;

    static String setting(String prop, String env, String def) {
        String v = System.getProperty(prop);
        if (v == null) {
            v = System.getenv(env);
        }
        return v == null ? def : v;
    }

    static PGSimpleDataSource ds(String schema) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(URL);
        ds.setUser(USER);
        ds.setPassword(PASSWORD);
        if (schema != null) {
            ds.setCurrentSchema(schema);
        }
        return ds;
    }

    @BeforeAll
    static void reachable() {
        try (Connection c = ds(null).getConnection()) {
            reason = c.isValid(5) ? null : "PostgreSQL at " + URL + " did not answer";
        } catch (SQLException e) {
            reason = "PostgreSQL at " + URL + " not reachable (" + e.getMessage() + "); start it as in .ci/run";
            System.err.println("SKIPPED PostgresRegistryTest: " + reason);
        }
    }

    @AfterAll
    static void dropSchemas() throws SQLException {
        if (reason != null) {
            return;
        }
        try (Connection c = ds(null).getConnection(); Statement st = c.createStatement()) {
            for (String s : SCHEMAS) {
                st.execute("DROP SCHEMA IF EXISTS " + s + " CASCADE");
            }
        }
    }

    @Override
    ModelRegistry open(RegistryOptions options) throws SQLException {
        if (reason != null && "true".equals(System.getenv("AUTOML4J_TEST_PG_REQUIRED"))) {
            org.junit.jupiter.api.Assertions.fail("AUTOML4J_TEST_PG_REQUIRED is set (CI) but " + reason);
        }
        Assumptions.assumeTrue(reason == null, () -> reason);
        if (schema == null) {
            schema = "reg_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
            try (Connection c = ds(null).getConnection(); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                st.execute("CREATE SCHEMA " + schema);
            }
            synchronized (SCHEMAS) {
                SCHEMAS.add(schema);
            }
        }
        return ModelRegistries.postgres(ds(schema), options);
    }

    @Override
    void corrupt(String sha256) throws SQLException {
        try (Connection c = ds(schema).getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE blob_chunk SET data = ? WHERE sha256 = ? AND idx = 0")) {
            ps.setBytes(1, "tampered".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            ps.setString(2, sha256);
            if (ps.executeUpdate() != 1) {
                throw new AssertionError("blob " + sha256 + " not found");
            }
        }
    }
    /**
     * REG-R20 on a shared server: one registry instance re-registers the same bytes (so the blob is already stored
     * and is only referenced) while a second instance, as another process would, garbage-collects in a loop. gc
     * must never delete the chunks of a registration that has not committed yet: every version stays readable.
     */
    @org.junit.jupiter.api.Test
    void gc_REG_R20_concurrentWithRegistrationOfStoredBlob_neverLosesArtifact() throws Exception {
        ModelRegistry other = open(options());
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger collected = new java.util.concurrent.atomic.AtomicInteger();
        Thread gc = new Thread(() -> {
            while (!done.get()) {
                collected.addAndGet(((io.automl4j.registry.internal.JdbcModelRegistry) other)
                        .gc(java.time.Duration.ZERO));
            }
        });
        gc.start();
        try {
            for (int i = 0; i < 40; i++) {
                ModelVersion v = reg("gcrace", "shared-bytes");
                try (java.io.InputStream in = registry.openArtifact(v.uri())) {
                    org.assertj.core.api.Assertions.assertThat(new String(in.readAllBytes(),
                            java.nio.charset.StandardCharsets.UTF_8)).as("version %s", v.version())
                            .isEqualTo("shared-bytes");
                }
                registry.deleteVersion(v.uri(), DeleteOptions.defaults());
            }
        } finally {
            done.set(true);
            gc.join(30_000);
            other.close();
        }
        org.assertj.core.api.Assertions.assertThat(collected.get()).as("gc ran and collected blobs").isPositive();
        org.assertj.core.api.Assertions.assertThat(registry.verify().problems()).isEmpty();
    }
}
