package io.automl4j.benchmarks;

import io.automl4j.registry.ApprovalStatus;
import io.automl4j.registry.ModelRegistries;
import io.automl4j.registry.ModelRegistry;
import io.automl4j.registry.ModelUri;
import io.automl4j.registry.ModelVersion;
import io.automl4j.registry.VersionSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The embedded registry (issue 4): registration throughput with small (1 KiB) artifacts, and alias /
 * latest-approved / latest lookups in a group holding {@code versions} versions. Lookups go through indexes
 * (alias primary key, {@code (group, approval_status, version)}), so they must not grow with the version count.
 *
 * <p>The large group is filled by copying one registered version row with SQL (100,000 registrations through the
 * API would dominate the run); every 1,000th version is APPROVED and the alias points at the middle version.
 *
 * <pre>{@code
 * mvn -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar RegistryBench -wi 2 -i 3 -f 1 -w 1s -r 2s
 * }</pre>
 */
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class RegistryBench {

    /** A registry with one large group. */
    @State(Scope.Benchmark)
    public static class Big {
        @Param({"1000", "100000"})
        int versions;

        Path dir;
        ModelRegistry registry;
        ModelUri alias;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            dir = Files.createTempDirectory("automl4j-registry-bench-");
            try (ModelRegistry r = ModelRegistries.embedded(dir)) {
                r.register("big", new ByteArrayInputStream(new byte[1024]), VersionSpec.builder()
                        .format("bench", 1).metrics(Map.of("AUC", 0.5)).build());
            }
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("registry.db"));
                 Statement st = c.createStatement()) {
                c.setAutoCommit(false);
                String cols = "created_at, created_by, blob_sha256, blob_size, artifact_format, "
                        + "artifact_format_version, problem_type, objective_metric, objective_direction, metrics, "
                        + "hyperparameters, provenance, signature, job_id, job_name, candidate_name, data_fingerprint, "
                        + "source_uri, description, metadata, approval_status, approval_description, stage, "
                        + "stage_status, stage_description, revision, modified_at, modified_by";
                st.executeUpdate("WITH RECURSIVE n(v) AS (SELECT 2 UNION ALL SELECT v + 1 FROM n WHERE v < "
                        + versions + ") INSERT INTO model_version (group_name, version, " + cols + ") "
                        + "SELECT 'big', n.v, " + cols.replace("approval_status,",
                        "CASE WHEN n.v % 1000 = 0 THEN 'APPROVED' ELSE approval_status END,")
                        + " FROM n, model_version WHERE group_name = 'big' AND version = 1");
                st.executeUpdate("INSERT INTO version_metric (group_name, version, name, value) "
                        + "SELECT group_name, version, 'AUC', 0.5 FROM model_version WHERE version > 1");
                st.executeUpdate("UPDATE model_group SET next_version = " + (versions + 1) + " WHERE name = 'big'");
                st.executeUpdate("INSERT INTO model_alias (group_name, alias, version) VALUES ('big', 'champion', "
                        + (versions / 2) + ")");
                c.commit();
                st.execute("ANALYZE");
            }
            registry = ModelRegistries.embedded(dir);
            alias = ModelUri.alias("big", "champion");
            if (registry.group("big").versionCount() != versions
                    || registry.latestVersion("big", ApprovalStatus.APPROVED).orElseThrow().version()
                    != versions / 1000 * 1000) {
                throw new IllegalStateException("setup did not produce " + versions + " versions");
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            registry.close();
            deleteTree(dir);
        }
    }

    /** An empty registry that grows while registrations are measured. */
    @State(Scope.Benchmark)
    public static class Fresh {
        Path dir;
        ModelRegistry registry;
        final SplittableRandom random = new SplittableRandom(42L);
        final VersionSpec spec = VersionSpec.builder().format("bench", 1).metrics(Map.of("AUC", 0.5)).build();

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            dir = Files.createTempDirectory("automl4j-registry-bench-");
            registry = ModelRegistries.embedded(dir);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            registry.close();
            deleteTree(dir);
        }
    }

    /** Registrations per second, 1 KiB distinct artifacts (blob fsync + one SQLite transaction each). */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public ModelVersion register(Fresh f) {
        byte[] bytes = new byte[1024];
        f.random.nextBytes(bytes);
        return f.registry.register("bench", new ByteArrayInputStream(bytes), f.spec);
    }

    /** {@code models:/big@champion} → full version metadata. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public ModelVersion resolveAlias(Big b) {
        return b.registry.describe(b.alias);
    }

    /** {@code latestVersion(big, APPROVED)}. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Optional<ModelVersion> latestApproved(Big b) {
        return b.registry.latestVersion("big", ApprovalStatus.APPROVED);
    }

    /** {@code models:/big/latest}. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public ModelVersion latest(Big b) {
        return b.registry.describe(ModelUri.latest("big"));
    }

    static void deleteTree(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
