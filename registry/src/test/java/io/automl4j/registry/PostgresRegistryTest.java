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
}
