package io.automl4j.registry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract suite on the embedded store, plus embedded-only checks (REG-R20, R22). */
class EmbeddedRegistryTest extends RegistryContract {
    @TempDir
    Path tmp;
    Path dir;

    @Override
    ModelRegistry open(RegistryOptions options) {
        if (dir == null) {
            dir = tmp.resolve("registry");
        }
        return ModelRegistries.embedded(dir, options);
    }

    Path blob(String sha) {
        return dir.resolve("blobs/sha256").resolve(sha.substring(0, 2)).resolve(sha.substring(2));
    }

    @Override
    void corrupt(String sha256) throws Exception {
        Path p = blob(sha256);
        byte[] b = Files.readAllBytes(p);
        b[0] ^= 1;
        Files.write(p, b);
    }

    @Test
    void layout_REG_R20_R22_contentAddressedBlobsAndWal() throws Exception {
        ModelVersion v = reg("g", "hello");
        assertThat(blob(v.artifact().sha256())).hasContent("hello");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("registry.db"));
             Statement st = c.createStatement()) {
            var rs = st.executeQuery("PRAGMA journal_mode");
            rs.next();
            assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
        }
    }

    /**
     * REG-R20, a gc/registration race: gc (in another process, here a raw connection holding the database write lock
     * as gc does) read the mtime of an unreferenced, old blob just before a registration of the same bytes found the
     * blob and refreshed it, and then deleted the file while the registration waited for the lock. The
     * registration must not commit a version whose artifact is gone.
     */
    @Test
    void gcDeletesReusedBlobBeforeCommit_REG_R20_versionKeepsItsArtifact() throws Exception {
        ModelVersion old = reg("g", "payload");
        registry.deleteVersion(old.uri(), DeleteOptions.defaults()); // its blob is now unreferenced
        Path blob = blob(old.artifact().sha256());
        Instant hourAgo = Instant.now().minus(java.time.Duration.ofHours(1));
        Files.setLastModifiedTime(blob, java.nio.file.attribute.FileTime.from(hourAgo));
        java.util.concurrent.CompletableFuture<ModelVersion> registering;
        try (Connection gcSide = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("registry.db"));
             Statement st = gcSide.createStatement()) {
            st.execute("BEGIN IMMEDIATE");
            registering = java.util.concurrent.CompletableFuture.supplyAsync(() -> reg("g", "payload"));
            // prepare() found the stored blob and refreshed its mtime; the registration now waits for the write lock
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (Files.getLastModifiedTime(blob).toInstant().isBefore(hourAgo.plusSeconds(60))) {
                assertThat(System.nanoTime()).as("registration never reached the blob").isLessThan(deadline);
                Thread.sleep(5);
            }
            assertThat(registering).isNotDone();
            Files.delete(blob); // what gc does with the mtime it read before the refresh
            st.execute("COMMIT");
        }
        ModelVersion v = registering.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(v.version()).isEqualTo(2);
        assertThat(registry.verify().problems()).isEmpty();
        try (java.io.InputStream in = registry.openArtifact(v.uri())) {
            assertThat(in.readAllBytes()).isEqualTo("payload".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void truncatedBlob_REG_R20_detectedOnLoadNamingVersion() throws Exception {
        ModelVersion v = registry.register("iris", TestModels.iris());
        Path p = blob(v.artifact().sha256());
        byte[] b = Files.readAllBytes(p);
        Files.write(p, java.util.Arrays.copyOf(b, b.length / 2));
        assertThatThrownBy(() -> registry.load(v.uri())).isInstanceOf(ArtifactIntegrityException.class)
                .hasMessageContaining("models:/iris/1").hasMessageContaining(v.artifact().sha256())
                .hasMessageContaining(b.length / 2 + " bytes");
        Files.delete(p);
        assertThatThrownBy(() -> registry.load(v.uri())).isInstanceOf(ArtifactIntegrityException.class)
                .hasMessageContaining("missing");
        assertThat(registry.verify().problems()).singleElement().asString().contains("missing");
    }

    @Test
    void reopen_keepsEverything_andNewerSchemaRefused_REG_R22() throws Exception {
        reg("g", "a");
        registry.setAlias("g", "champion", 1);
        registry.close();
        registry = open(options());
        assertThat(registry.resolve("g", "champion").version()).isEqualTo(1);
        assertThat(reg("g", "b").version()).isEqualTo(2);
        registry.close();
        registry = null;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("registry.db"));
             Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE registry_info SET v = '99' WHERE k = 'schema_version'");
        }
        assertThatThrownBy(() -> open(options())).isInstanceOf(RegistryException.class)
                .hasMessageContaining("schema version 99").hasMessageContaining("(2)");
    }

    /** REG-R22: a version-1 registry (before model cards) is migrated to version 2 on open, keeping its data. */
    @Test
    void migratesSchemaV1ToV2_onOpen() throws Exception {
        reg("g", "a");
        registry.close();
        registry = null;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("registry.db"));
             Statement st = c.createStatement()) {
            st.executeUpdate("DROP TABLE card_revision");
            st.executeUpdate("DROP TABLE model_card");
            st.executeUpdate("DROP TABLE retired_group");
            st.executeUpdate("UPDATE registry_info SET v = '1' WHERE k = 'schema_version'");
        }
        registry = open(options());
        assertThat(registry.describe(ModelUri.of("g", 1)).artifact().size()).isEqualTo(1);
        assertThat(registry.createCard(ModelUri.of("g", 1), "{}").revision()).isEqualTo(1);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("registry.db"));
             Statement st = c.createStatement()) {
            var rs = st.executeQuery("SELECT v FROM registry_info WHERE k = 'schema_version'");
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("2");
        }
    }

    /** REG-R23: an I/O failure on open is a RegistryException naming the path. */
    @Test
    void openOnARegularFile_REG_R23_errorNamesThePath() throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        assertThatThrownBy(() -> ModelRegistries.embedded(file)).isInstanceOf(RegistryException.class)
                .hasMessageContaining("Cannot open the embedded registry at " + file);
    }

    /** REG-R7: an artifact of a newer model-dir format version is refused on load with both versions named. */
    @Test
    void newerArtifactFormat_REG_R7_refusedClearly() {
        ModelVersion v = registry.register("g", TestModels.bytes("future"), VersionSpec.builder()
                .format(ArtifactInfo.MODEL_DIR_ZIP, 2).build());
        assertThatThrownBy(() -> registry.load(v.uri())).isInstanceOf(RegistryException.class)
                .hasMessageContaining("models:/g/1").hasMessageContaining("format version 2")
                .hasMessageContaining("(1)");
    }

    /** Untrusted artifacts: the registry itself never uses Java deserialization (the engine's is allow-listed). */
    @Test
    void registrySourcesNeverUseJavaDeserialization() throws Exception {
        try (var files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                assertThat(Files.readString(f)).as(f.toString()).doesNotContain("ObjectInputStream")
                        .doesNotContain("readObject(");
            }
        }
    }

    @Test
    void maliciousZip_entryOutsideDirectory_refused() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(bytes)) {
            z.putNextEntry(new java.util.zip.ZipEntry("../evil.txt"));
            z.write(1);
            z.closeEntry();
        }
        ModelVersion v = registry.register("g", new java.io.ByteArrayInputStream(bytes.toByteArray()),
                VersionSpec.builder().build());
        assertThatThrownBy(() -> registry.load(v.uri())).isInstanceOf(RegistryException.class)
                .hasMessageContaining("outside its directory");
        assertThat(tmp.resolve("evil.txt")).doesNotExist();
        assertThat(registry.group("g").tags()).isEqualTo(Map.of());
    }
}
