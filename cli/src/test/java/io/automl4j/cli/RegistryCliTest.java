package io.automl4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.automl4j.cli.CliTest.dataset;
import static io.automl4j.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code train --registry} and {@code registry ...} end to end on a real model (REG-R8, R11, R12, R15, R20). */
class RegistryCliTest {
    @TempDir
    Path dir;

    CliTest.Run train(Path reg, String group) {
        return run("train", "--data", dataset("iris.csv").toString(), "--target", "species", "--algorithms", "LINEAR",
                "--max-candidates", "1", "--seed", "3", "--out", dir.resolve("out").toString(), "--registry",
                reg.toString(), "--group", group);
    }

    static void assertOneLineError(CliTest.Run r, String... parts) {
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("error: ").doesNotContain("\n").doesNotContain("at io.");
        for (String p : parts) {
            assertThat(r.err()).contains(p);
        }
    }

    @Test
    void trainRegisters_thenRegistryCommands() throws Exception {
        Path reg = dir.resolve("reg");
        CliTest.Run t = train(reg, "iris");
        assertThat(t.code()).as(t.err()).isZero();
        assertThat(t.out()).contains("registered models:/iris/1 in " + reg);
        assertThat(train(reg, "iris").out()).contains("registered models:/iris/2");
        String r = reg.toString();

        CliTest.Run groups = run("registry", "list", "--registry", r);
        assertThat(groups.code()).isZero();
        assertThat(groups.out()).containsPattern("iris\\s+2\\s+2");

        assertThat(run("registry", "approve", "models:/iris/1", "--comment", "looks good", "--registry", r,
                "--actor", "carol").out()).contains("models:/iris/1 APPROVED");
        assertThat(run("registry", "alias", "iris", "champion", "1", "--registry", r).out())
                .contains("models:/iris@champion -> models:/iris/1");
        assertThat(run("registry", "stage", "models:/iris@champion", "--stage", "Production", "--status",
                "Approved", "--registry", r).out()).contains("models:/iris/1 Production/Approved");
        assertThat(run("registry", "reject", "models:/iris/2", "--registry", r).out())
                .contains("models:/iris/2 REJECTED");

        CliTest.Run list = run("registry", "list", "iris", "--registry", r);
        assertThat(list.out()).containsPattern("1\\s+APPROVED\\s+Production/Approved\\s+champion")
                .containsPattern("2\\s+REJECTED\\s+-\\s+-");

        CliTest.Run describe = run("registry", "describe", "models:/iris@champion", "--registry", r);
        assertThat(describe.code()).isZero();
        assertThat(describe.out()).contains("uri:            models:/iris/1")
                .contains("approval:       APPROVED (looks good)").contains("target:         species")
                .contains("problem type:   MULTICLASS_CLASSIFICATION");

        CliTest.Run history = run("registry", "history", "iris", "--version", "1", "--registry", r);
        assertThat(history.out()).contains("VERSION_REGISTERED").contains("APPROVAL_CHANGED").contains("carol")
                .contains("# looks good").contains("ALIAS_SET").contains("LIFECYCLE_CHANGED")
                .doesNotContain("iris/2");

        CliTest.Run verify = run("registry", "verify", "--registry", r);
        assertThat(verify.code()).isZero();
        assertThat(verify.out()).contains("ok: 1 groups, 2 versions, 0 problems");

        // Tamper with every blob: verify reports each version and exits 1.
        List<Path> blobs = new ArrayList<>();
        try (Stream<Path> s = Files.walk(reg.resolve("blobs"))) {
            s.filter(Files::isRegularFile).forEach(blobs::add);
        }
        for (Path b : blobs) {
            Files.write(b, new byte[]{1, 2, 3});
        }
        CliTest.Run bad = run("registry", "verify", "--registry", r);
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.out()).contains("problem: models:/iris/1: blob sha256").contains("FAILED");
    }

    @Test
    void quickstart_registersIntoEmbeddedRegistry() {
        Path reg = dir.resolve("qs-registry");
        CliTest.Run q = run("quickstart", "--max-runtime", "10s", "--out", dir.resolve("qs").toString(), "--registry",
                reg.toString());
        assertThat(q.code()).as(q.err()).isZero();
        assertThat(q.out()).contains("registered models:/quickstart/1 in " + reg);
        assertThat(run("registry", "describe", "models:/quickstart/latest", "--registry", reg.toString()).out())
                .contains("objective:      AUC (MAXIMIZE)").contains("metric:         AUC = ");
    }

    /** The same commands on PostgreSQL (--jdbc), skipped visibly when no server answers (as in .ci/run). */
    @Test
    void jdbc_postgres_listApproveHistory() throws Exception {
        String base = System.getProperty("automl4j.test.pg.url",
                System.getenv().getOrDefault("AUTOML4J_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/automl4j_test"));
        String schema = "cli_test_" + ProcessHandle.current().pid();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(base, "automl4j", "automl4j");
             java.sql.Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            st.execute("CREATE SCHEMA " + schema);
        } catch (java.sql.SQLException e) {
            if ("true".equals(System.getenv("AUTOML4J_TEST_PG_REQUIRED"))) {
                org.junit.jupiter.api.Assertions.fail("AUTOML4J_TEST_PG_REQUIRED is set (CI) but PostgreSQL at "
                        + base + " is not reachable: " + e.getMessage());
            }
            org.junit.jupiter.api.Assumptions.abort("PostgreSQL at " + base + " not reachable: " + e.getMessage());
        }
        String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        try {
            try (io.automl4j.registry.ModelRegistry r = io.automl4j.registry.ModelRegistries.postgres(url,
                    "automl4j", "automl4j")) {
                r.register("pg-group", new java.io.ByteArrayInputStream(new byte[]{1, 2, 3}),
                        io.automl4j.registry.VersionSpec.builder().format("bytes", 1).build());
            }
            String[] auth = {"--jdbc", url, "--user", "automl4j", "--password", "automl4j"};
            CliTest.Run list = run(concat(new String[]{"registry", "list"}, auth));
            assertThat(list.code()).as(list.err()).isZero();
            assertThat(list.out()).containsPattern("pg-group\\s+1\\s+1");
            assertThat(run(concat(new String[]{"registry", "approve", "models:/pg-group/1"}, auth)).out())
                    .contains("models:/pg-group/1 APPROVED");
            assertThat(run(concat(new String[]{"registry", "history", "pg-group"}, auth)).out())
                    .contains("APPROVAL_CHANGED");
            assertThat(run(concat(new String[]{"registry", "verify"}, auth)).out())
                    .contains("ok: 1 groups, 1 versions, 0 problems");
        } finally {
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(base, "automl4j", "automl4j");
                 java.sql.Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void badInput_exitCode2_oneLine() {
        Path reg = dir.resolve("reg");
        assertOneLineError(train(reg, "bad_name"), "Invalid group name 'bad_name'");
        assertThat(reg.resolve("registry.db")).doesNotExist();
        String r = reg.toString();
        // a mistyped --registry path is an error, not a new empty registry that verifies "ok"
        assertOneLineError(run("registry", "verify", "--registry", r), "No model registry at " + r);
        assertOneLineError(run("registry", "approve", "models:/nope/1", "--registry", r), "No model registry");
        assertThat(reg).doesNotExist();
        io.automl4j.registry.ModelRegistries.embedded(reg).close();
        assertOneLineError(run("registry", "approve", "models:/nope/1", "--registry", r),
                "Model group 'nope' does not exist");
        assertOneLineError(run("registry", "describe", "churn/1", "--registry", r), "Invalid model URI",
                "models:/<group>/<version>");
        assertOneLineError(run("registry", "alias", "g", "latest", "1", "--registry", r), "Invalid alias 'latest'");
        CliTest.Run both = run("registry", "list", "--registry", r, "--jdbc", "jdbc:postgresql://x/y");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
        CliTest.Run none = run("registry", "list");
        assertThat(none.code()).isEqualTo(2);
        assertOneLineError(run("registry", "list", "--jdbc", "jdbc:mysql://x/y"), "jdbc:postgresql:");
        assertOneLineError(run("train", "--data", dataset("iris.csv").toString(), "--target", "species", "--out",
                dir.resolve("o").toString(), "--registry", r), "--registry needs --group");
    }

    /** REG-R20 from the command line: gc removes old unreferenced blobs, keeps young ones and live ones. */
    @Test
    void gc_removesOldUnreferencedBlobsOnly() throws Exception {
        Path reg = dir.resolve("reg");
        String oldSha;
        String youngSha;
        String liveSha;
        try (io.automl4j.registry.ModelRegistry r = io.automl4j.registry.ModelRegistries.embedded(reg)) {
            io.automl4j.registry.VersionSpec spec = io.automl4j.registry.VersionSpec.builder().format("bytes", 1)
                    .build();
            io.automl4j.registry.ModelVersion old = r.register("g", new java.io.ByteArrayInputStream(new byte[]{1}),
                    spec);
            io.automl4j.registry.ModelVersion young = r.register("g",
                    new java.io.ByteArrayInputStream(new byte[]{2}), spec);
            liveSha = r.register("g", new java.io.ByteArrayInputStream(new byte[]{3}), spec).artifact().sha256();
            r.deleteVersion(old.uri(), io.automl4j.registry.DeleteOptions.defaults());
            r.deleteVersion(young.uri(), io.automl4j.registry.DeleteOptions.defaults());
            oldSha = old.artifact().sha256();
            youngSha = young.artifact().sha256();
        }
        Files.setLastModifiedTime(blob(reg, oldSha), java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(java.time.Duration.ofHours(1))));
        CliTest.Run gc = run("registry", "gc", "--registry", reg.toString());
        assertThat(gc.code()).as(gc.err()).isZero();
        assertThat(gc.out()).contains("removed 1 unreferenced blob(s)");
        assertThat(blob(reg, oldSha)).doesNotExist();
        assertThat(blob(reg, youngSha)).exists();
        assertThat(blob(reg, liveSha)).exists();
        assertThat(run("registry", "verify", "--registry", reg.toString()).out())
                .contains("ok: 1 groups, 1 versions, 0 problems");
    }

    static Path blob(Path reg, String sha) {
        return reg.resolve("blobs/sha256").resolve(sha.substring(0, 2)).resolve(sha.substring(2));
    }

    @Test
    void strictLifecycle_unknownStage_exit2_nothingChanged() {
        Path reg = dir.resolve("reg");
        assertThat(train(reg, "iris").code()).isZero();
        String r = reg.toString();
        assertOneLineError(run("registry", "stage", "models:/iris/1", "--stage", "Staging", "--strict-lifecycle",
                "--registry", r), "unknown stage 'Staging'", "REG-R10");
        assertThat(run("registry", "history", "iris", "--registry", r).out()).doesNotContain("LIFECYCLE_CHANGED");
        assertThat(run("registry", "stage", "models:/iris/1", "--stage", "Development", "--strict-lifecycle",
                "--registry", r).code()).isZero();
    }
}
