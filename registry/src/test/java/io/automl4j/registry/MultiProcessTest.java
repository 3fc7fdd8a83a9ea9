package io.automl4j.registry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Several JVMs on one embedded registry, and JVMs killed mid-registration (REG-R3, R20, R21). */
class MultiProcessTest {
    @TempDir
    Path tmp;

    static Process spawn(Path dir, String group, int count, long seed) throws IOException {
        return spawn(dir, group, count, seed, 1);
    }

    static Process spawn(Path dir, String group, int count, long seed, int threads) throws IOException {
        return spawn(dir.toString(), group, count, seed, threads);
    }

    static Process spawn(String where, String group, int count, long seed, int threads) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                RegistryWorker.class.getName(), where, group, Integer.toString(count), Long.toString(seed),
                Integer.toString(threads));
        pb.redirectErrorStream(true);
        return pb.start();
    }

    static List<String> lines(Process p) throws IOException {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                out.add(line);
            }
        }
        return out;
    }

    /**
     * REG-R21: 4 processes × 25 registrations (5 threads × 5 each) into one group yield exactly versions 1..100,
     * no duplicates, every artifact readable.
     */
    @Test
    void fourProcessesTimesTwentyFive_REG_R21() throws Exception {
        Path dir = tmp.resolve("reg");
        List<Process> procs = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            procs.add(spawn(dir, "shared", 5, 100 + p, 5));
        }
        Set<Integer> reported = new HashSet<>();
        for (Process p : procs) {
            List<String> out = lines(p);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(String.join("\n", out)).isZero();
            for (String l : out) {
                if (l.matches("[0-9]+")) {
                    assertThat(reported.add(Integer.parseInt(l))).as("duplicate " + l).isTrue();
                }
            }
        }
        List<Integer> expected = IntStream.rangeClosed(1, 100).boxed().toList();
        assertThat(reported).containsExactlyInAnyOrderElementsOf(expected);
        try (ModelRegistry r = ModelRegistries.embedded(dir)) {
            VerifyReport report = r.verify();
            assertThat(report.problems()).isEmpty();
            assertThat(report.versions()).isEqualTo(100);
            assertThat(r.searchVersions(VersionQuery.builder().groups("shared").pageSize(1000).build()).items())
                    .extracting(ModelVersion::version).containsExactlyElementsOf(expected);
            Set<String> actors = new HashSet<>();
            r.auditLog().query(AuditQuery.group("shared").withAction(AuditAction.VERSION_REGISTERED))
                    .forEach(e -> actors.add(e.actor()));
            assertThat(actors).hasSize(4);
        }
    }

    /** REG-R21/R22: the same on PostgreSQL: 3 processes × 2 threads × 5 into one group → versions 1..30. */
    @Test
    void postgres_threeProcessesTimesTwoThreads_REG_R21() throws Exception {
        String schema = "reg_mp_" + ProcessHandle.current().pid();
        try (java.sql.Connection c = PostgresRegistryTest.ds(null).getConnection();
             java.sql.Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            st.execute("CREATE SCHEMA " + schema);
        } catch (java.sql.SQLException e) {
            if ("true".equals(System.getenv("AUTOML4J_TEST_PG_REQUIRED"))) {
                org.junit.jupiter.api.Assertions.fail("AUTOML4J_TEST_PG_REQUIRED is set (CI) but PostgreSQL at "
                        + PostgresRegistryTest.URL + " is not reachable: " + e.getMessage());
            }
            org.junit.jupiter.api.Assumptions.abort("PostgreSQL at " + PostgresRegistryTest.URL
                    + " not reachable: " + e.getMessage());
        }
        String url = PostgresRegistryTest.URL + (PostgresRegistryTest.URL.contains("?") ? "&" : "?")
                + "currentSchema=" + schema;
        try {
            List<Process> procs = new ArrayList<>();
            for (int p = 0; p < 3; p++) {
                procs.add(spawn(url, "pg-shared", 5, 200 + p, 2));
            }
            Set<Integer> reported = new HashSet<>();
            for (Process p : procs) {
                List<String> out = lines(p);
                assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).as(String.join("\n", out)).isZero();
                out.stream().filter(l -> l.matches("[0-9]+"))
                        .forEach(l -> assertThat(reported.add(Integer.parseInt(l))).as("duplicate " + l).isTrue());
            }
            assertThat(reported).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 30).boxed().toList());
            try (ModelRegistry r = ModelRegistries.postgres(PostgresRegistryTest.ds(schema))) {
                assertThat(r.verify().problems()).isEmpty();
                assertThat(r.verify().versions()).isEqualTo(30);
            }
        } finally {
            try (java.sql.Connection c = PostgresRegistryTest.ds(null).getConnection();
                 java.sql.Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    /**
     * REG-R20: a child killed with SIGKILL at seeded random points while registering, five times. After each
     * kill the registry opens, verify() passes, the visible versions are exactly 1..N (no half-written version),
     * and the next registration gets N+1.
     */
    @Test
    void killedMidRegistration_REG_R20_registryStaysConsistent() throws Exception {
        Path dir = tmp.resolve("crash");
        Random delays = new Random(20261122L);
        int expectedNext = 1;
        for (int round = 0; round < 5; round++) {
            Process p = spawn(dir, "crash", 0, round);
            BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            assertThat(r.readLine()).isEqualTo("ready");
            assertThat(r.readLine()).matches("[0-9]+"); // the first registration is done: kill in steady state
            Thread.sleep(delays.nextInt(300));
            p.destroyForcibly();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            try (ModelRegistry reg = ModelRegistries.embedded(dir)) {
                VerifyReport report = reg.verify();
                assertThat(report.problems()).as("round " + round).isEmpty();
                int n = reg.group("crash").latestVersion();
                assertThat(n).as("round %d: the child must have registered something", round)
                        .isGreaterThanOrEqualTo(expectedNext);
                System.out.println("crash round " + round + ": killed after version " + n);
                assertThat(reg.searchVersions(VersionQuery.builder().groups("crash").pageSize(1000).build())
                        .items()).extracting(ModelVersion::version)
                        .containsExactlyElementsOf(IntStream.rangeClosed(1, n).boxed().toList());
                ModelVersion next = reg.register("crash", TestModels.bytes("after round " + round),
                        TestModels.spec());
                assertThat(next.version()).isEqualTo(n + 1);
                expectedNext = n + 2;
            }
        }
        // Orphan blobs (written, then killed before commit) are removed by gc() without touching live ones.
        try (ModelRegistry reg = ModelRegistries.embedded(dir)) {
            long files;
            try (var s = Files.walk(dir.resolve("blobs"))) {
                files = s.filter(Files::isRegularFile).count();
            }
            int removed = ((io.automl4j.registry.internal.JdbcModelRegistry) reg).gc(java.time.Duration.ZERO);
            long after;
            try (var s = Files.walk(dir.resolve("blobs"))) {
                after = s.filter(Files::isRegularFile).count();
            }
            assertThat(after).isEqualTo(files - removed).isEqualTo(reg.verify().versions());
            assertThat(reg.verify().problems()).isEmpty();
        }
    }
}
