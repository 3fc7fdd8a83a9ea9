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

    /**
     * Waits until a session of this database is blocked on a lock while running a statement matching the LIKE
     * pattern; fails after 20 s (a race test that never reached its race would prove nothing).
     */
    static void awaitBlocked(String pattern) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        try (Connection c = ds(null).getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                        + "AND wait_event_type = 'Lock' AND query LIKE ?")) {
            ps.setString(1, pattern);
            while (true) {
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no session blocked on '" + pattern + "' within 20 s");
                }
                Thread.sleep(10);
            }
        }
    }

    /** What deleteGroup writes (as another process would), left uncommitted on {@code other}. */
    static void deleteGroupUncommitted(Connection other, String group) throws SQLException {
        try (PreparedStatement a = other.prepareStatement("INSERT INTO retired_group (name, next_version) "
                + "SELECT name, next_version FROM model_group WHERE name = ?");
             PreparedStatement b = other.prepareStatement("DELETE FROM model_group WHERE name = ?")) {
            a.setString(1, group);
            a.executeUpdate();
            b.setString(1, group);
            b.executeUpdate();
        }
    }

    /**
     * REG-R3 on a shared server: a group emptied and deleted by another process while this one registers into it.
     * The registration re-creates the group (register creates absent groups) and must continue its numbering, never
     * reuse version 1: (a) the delete commits while the group insert waits for it; (b) the delete locked the group
     * row before the registration found the group existing, and commits while the counter update waits.
     */
    @org.junit.jupiter.api.Test
    void registerWhileGroupDeletedElsewhere_REG_R3_neverReusesNumbers() throws Exception {
        for (String g : List.of("ga", "gb")) {
            reg(g, "1");
            reg(g, "2");
            registry.deleteVersion(ModelUri.of(g, 1), DeleteOptions.defaults());
            registry.deleteVersion(ModelUri.of(g, 2), DeleteOptions.defaults());
        }
        try (Connection other = ds(schema).getConnection()) {
            other.setAutoCommit(false);
            deleteGroupUncommitted(other, "ga");
            java.util.concurrent.CompletableFuture<ModelVersion> a =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> reg("ga", "3"));
            awaitBlocked("INSERT INTO model_group%");
            other.commit();
            org.assertj.core.api.Assertions.assertThat(a.get(60, java.util.concurrent.TimeUnit.SECONDS).version())
                    .isEqualTo(3);

            try (PreparedStatement lock = other.prepareStatement(
                    "SELECT next_version FROM model_group WHERE name = 'gb' FOR UPDATE")) {
                lock.executeQuery().close();
            }
            java.util.concurrent.CompletableFuture<ModelVersion> b =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> reg("gb", "3"));
            awaitBlocked("UPDATE model_group SET next_version = next_version%");
            deleteGroupUncommitted(other, "gb");
            other.commit();
            org.assertj.core.api.Assertions.assertThat(b.get(60, java.util.concurrent.TimeUnit.SECONDS).version())
                    .isEqualTo(3);
        }
        org.assertj.core.api.Assertions.assertThat(registry.verify().problems()).isEmpty();
    }

    /**
     * REG-R15 on a shared server: updateGroup while another process's update of the same group is uncommitted. The
     * audit entry must record the value that was really replaced (the other process's), not a stale read.
     */
    @org.junit.jupiter.api.Test
    void updateGroupRacingAnotherProcess_REG_R15_auditHasRealPreviousValue() throws Exception {
        registry.createGroup("g", "original", java.util.Map.of());
        try (Connection other = ds(schema).getConnection()) {
            other.setAutoCommit(false);
            try (Statement st = other.createStatement()) {
                st.executeUpdate("UPDATE model_group SET description = 'by-other' WHERE name = 'g'");
            }
            java.util.concurrent.CompletableFuture<ModelGroup> f = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> registry.updateGroup("g", "mine", null));
            awaitBlocked("%model_group%");
            other.commit();
            org.assertj.core.api.Assertions.assertThat(f.get(60, java.util.concurrent.TimeUnit.SECONDS)
                    .description()).isEqualTo("mine");
        }
        List<AuditEntry> updates = registry.auditLog().query(AuditQuery.group("g")
                .withAction(AuditAction.GROUP_UPDATED));
        org.assertj.core.api.Assertions.assertThat(updates).singleElement()
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(e.from()).contains("by-other"));
    }

    /** REG-R1: credentials given in the JDBC URL are used when user and password are not passed separately. */
    @org.junit.jupiter.api.Test
    void jdbcUrlWithCredentials_REG_R1_opensWithoutSeparateUserAndPassword() {
        reg("g", "1");
        String url = URL + (URL.contains("?") ? "&" : "?") + "user=" + USER + "&password=" + PASSWORD
                + "&currentSchema=" + schema;
        try (ModelRegistry viaUrl = ModelRegistries.postgres(url, null, null)) {
            org.assertj.core.api.Assertions.assertThat(viaUrl.describe(ModelUri.of("g", 1)).version()).isEqualTo(1);
        }
    }

    /** REG-R22 on PostgreSQL: a schema written by a newer library is refused on open, naming both versions. */
    @org.junit.jupiter.api.Test
    void newerSchema_REG_R22_refusedNamingBothVersions() throws Exception {
        reg("g", "1");
        try (Connection c = ds(schema).getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE registry_info SET v = '99' WHERE k = 'schema_version'");
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ModelRegistries.postgres(ds(schema)).close())
                .isInstanceOf(RegistryException.class).hasMessageContaining("schema version 99")
                .hasMessageContaining("(2)");
    }
}
