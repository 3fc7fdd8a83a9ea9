package io.automl4j.core.internal.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.automl4j.api.AutoMLJob;
import io.automl4j.api.ModelFormatException;
import io.automl4j.api.data.Dataset;
import io.automl4j.api.model.TrainedModel;
import io.automl4j.core.fake.FakeCatalog;
import io.automl4j.core.internal.search.Search;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The on-disk model format fails loudly on newer, corrupt or incomplete artifacts (AUTOML-R49, style 15). */
class ModelIOTest {
    private static final FakeCatalog CATALOG = FakeCatalog.allCentroid();

    @TempDir
    static Path saved;

    @TempDir
    Path dir;

    @BeforeAll
    static void saveModel() throws IOException {
        Dataset iris = Dataset.readCsv(Path.of("src/test/resources/datasets/iris.csv"));
        AutoMLJob job = AutoMLJob.builder().target("species").maxCandidates(1).build();
        new Search(CATALOG).run(job, iris).bestModel().save(saved);
    }

    /** Copies the saved model into this test's directory. */
    private Path copy() throws IOException {
        return copyTo(dir);
    }

    private static Path copyTo(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(saved)) {
            for (Path p : files.toList()) {
                Path to = dir.resolve(saved.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        return dir;
    }

    private Path copyWithManifest(Consumer<ObjectNode> edit) throws IOException {
        Path d = copy();
        Path mf = d.resolve("model.json");
        ObjectNode root = (ObjectNode) ModelIO.JSON.readTree(mf.toFile());
        edit.accept(root);
        Files.write(mf, ModelIO.JSON.writeValueAsBytes(root));
        return d;
    }

    private static ObjectNode firstMember(ObjectNode root) {
        return (ObjectNode) root.path("members").get(0);
    }

    @Test
    void load_unmodifiedCopy_loads() throws IOException {
        TrainedModel m = ModelIO.load(copy(), CATALOG);
        assertThat(m.signature().labels()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(((BaggedModel) m).members()).hasSize(5);
    }

    @Test
    void load_newerFormatVersion_throwsAskingToUpgrade() throws IOException {
        Path d = copyWithManifest(root -> root.put("formatVersion", 3));
        assertThatThrownBy(() -> ModelIO.load(d, CATALOG))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("format version 3")
                .hasMessageContaining("reads format versions up to 2")
                .hasMessageContaining("upgrade");
    }

    @Test
    void load_invalidFormatVersion_throws() throws IOException {
        Path d = copyWithManifest(root -> root.put("formatVersion", 0));
        assertThatThrownBy(() -> ModelIO.load(d, CATALOG))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageEndingWith("has an invalid format version: 0");
    }

    @Test
    void load_tamperedMember_throwsNamingFileAndChecksum() throws IOException {
        Path d = copy();
        Path blob = d.resolve("members/002.bin");
        byte[] b = Files.readAllBytes(blob);
        b[b.length - 1] ^= 1;
        Files.write(blob, b);
        assertThatThrownBy(() -> ModelIO.load(d, CATALOG))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("members/002.bin")
                .hasMessageContaining("checksum");
    }

    @Test
    void load_missingMember_throwsNamingFile() throws IOException {
        Path d = copy();
        Files.delete(d.resolve("members/001.bin"));
        assertThatThrownBy(() -> ModelIO.load(d, CATALOG))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("is incomplete: members/001.bin is missing");
    }

    @Test
    void load_missingManifest_throws() throws IOException {
        Path d = copy();
        Files.delete(d.resolve("model.json"));
        assertThatThrownBy(() -> ModelIO.load(d, CATALOG))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage("no automl4j model at " + d + ": model.json not found");
    }

    @Test
    void load_emptyDirectory_throws() {
        assertThatThrownBy(() -> ModelIO.load(dir, CATALOG))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("model.json not found");
    }

    @Test
    void load_garbageManifest_throws() throws IOException {
        Path d = copy();
        Files.writeString(d.resolve("model.json"), "{\"format\": \"automl4j-model\", \"formatVersion\": 1, garbage",
                StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ModelIO.load(d, CATALOG))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageStartingWith("corrupt model manifest " + d.resolve("model.json"));
    }

    @Test
    void load_emptyManifest_throws() throws IOException {
        Path d = copy();
        Files.write(d.resolve("model.json"), new byte[0]);
        assertThatThrownBy(() -> ModelIO.load(d, CATALOG))
                .isInstanceOf(ModelFormatException.class);
    }

    @Test
    void load_otherJson_throwsNotAManifest() throws IOException {
        Path d = copy();
        Files.writeString(d.resolve("model.json"), "{\"hello\": [1, 2, 3]}", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ModelIO.load(d, CATALOG))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage(d.resolve("model.json") + " is not an automl4j model manifest");
    }

    @Test
    void load_manifestWithoutSignature_throws() throws IOException {
        Path d = copyWithManifest(root -> root.remove("signature"));
        assertThatThrownBy(() -> ModelIO.load(d, CATALOG))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("corrupt model manifest")
                .hasMessageContaining("signature");
    }

    @Test
    void load_manifestWithoutMembers_throws() throws IOException {
        Path d = copyWithManifest(root -> root.remove("members"));
        assertThatThrownBy(() -> ModelIO.load(d, CATALOG))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("corrupt model manifest")
                .hasMessageContaining("members");
    }

    @Test
    void load_memberWithUnknownPreprocessor_throws() throws IOException {
        Path d = copyWithManifest(root -> firstMember(root).put("preprocessor", 7));
        assertThatThrownBy(() -> ModelIO.load(d, CATALOG))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("corrupt model manifest")
                .hasMessageContaining("preprocessor 7");
    }

    @Test
    void load_memberPathOutsideDirectory_throws() throws IOException {
        Path d = copyWithManifest(root -> firstMember(root).put("file", "../../etc/passwd"));
        assertThatThrownBy(() -> ModelIO.load(d, CATALOG))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage("member file ../../etc/passwd points outside the model directory");
    }

    @Test
    void load_unknownLearnerKind_throwsNamingFile() throws IOException {
        Path d = copyWithManifest(root -> firstMember(root).put("kind", "martian-forest"));
        assertThatThrownBy(() -> ModelIO.load(d, CATALOG))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageStartingWith("cannot restore members/000.bin (martian-forest)");
    }

    @Test
    void save_deflatesEveryMember_declaringItsRawSize() throws IOException {
        Path d = copy();
        ObjectNode root = (ObjectNode) ModelIO.JSON.readTree(d.resolve("model.json").toFile());
        assertThat(root.path("formatVersion").asInt()).isEqualTo(ModelIO.FORMAT_VERSION).isEqualTo(2);
        for (var m : root.path("members")) {
            assertThat(m.path("encoding").asText()).isEqualTo("deflate");
            byte[] stored = Files.readAllBytes(d.resolve(m.path("file").asText()));
            java.util.zip.Inflater inf = new java.util.zip.Inflater();
            inf.setInput(stored);
            byte[] raw = new byte[(int) m.path("size").asLong() + 1];
            int n;
            try {
                n = inf.inflate(raw);
            } catch (java.util.zip.DataFormatException e) {
                throw new AssertionError(e);
            }
            assertThat(inf.finished()).isTrue();
            assertThat(n).isEqualTo(m.path("size").asInt()).isPositive();
            inf.end();
        }
    }

    @Test
    void save_boosterModelsShrinkSeveralFold() throws IOException {
        // real LightGBM fold models: their text format is what makes ensembles of boosters large on disk
        Dataset iris = Dataset.readCsv(Path.of("src/test/resources/datasets/iris.csv"));
        AutoMLJob job = AutoMLJob.builder().target("species").algorithms(java.util.Set.of(
                io.automl4j.api.Algorithm.GBDT)).maxCandidates(1).seed(3).build();
        TrainedModel model = new Search(io.automl4j.core.internal.learn.Learners.INSTANCE).run(job, iris)
                .bestModel();
        model.save(dir);
        ObjectNode root = (ObjectNode) ModelIO.JSON.readTree(dir.resolve("model.json").toFile());
        long raw = 0;
        long stored = 0;
        for (var m : root.path("members")) {
            raw += m.path("size").asLong();
            stored += Files.size(dir.resolve(m.path("file").asText()));
        }
        assertThat(stored).as("stored %d of %d raw bytes", stored, raw).isLessThan(raw / 3);
        TrainedModel back = ModelIO.load(dir, io.automl4j.core.internal.learn.Learners.INSTANCE);
        var p1 = model.predict(iris);
        var p2 = back.predict(iris);
        for (int i = 0; i < p1.size(); i++) {
            assertThat(p2.probabilities(i)).containsExactly(p1.probabilities(i));
        }
    }

    /** A model saved by automl4j 0.1.0-SNAPSHOT in format 1 (raw member blobs), with its predictions then. */
    @Test
    void load_formatOneModel_predictsAsWhenSaved() throws IOException {
        Path fixture = Path.of("src/test/resources/fixtures/model-v1");
        assertThat(ModelIO.JSON.readTree(fixture.resolve("model/model.json").toFile()).path("formatVersion").asInt())
                .isEqualTo(1);
        TrainedModel m = ModelIO.load(fixture.resolve("model"), io.automl4j.core.internal.learn.Learners.INSTANCE);
        Dataset iris = Dataset.readCsv(Path.of("src/test/resources/datasets/iris.csv"));
        var p = m.predict(iris);
        List<String> lines = Files.readAllLines(fixture.resolve("predictions.csv"));
        assertThat(lines).hasSize(151);
        for (int i = 0; i < 150; i++) {
            String probs = lines.get(i + 1).replaceAll(".*\\[(.*)\\].*", "$1");
            double[] expected = java.util.Arrays.stream(probs.split(",")).mapToDouble(Double::parseDouble).toArray();
            assertThat(p.probabilities(i)).containsExactly(expected);
        }
    }

    /** Rewrites member 0's file and its checksum, so only the encoding checks can catch it. */
    private Path copyWithMemberBytes(byte[] bytes, Consumer<ObjectNode> edit) throws IOException {
        Path d = copyTo(Files.createTempDirectory(dir, "model"));
        Files.write(d.resolve("members/000.bin"), bytes);
        Path mf = d.resolve("model.json");
        ObjectNode root = (ObjectNode) ModelIO.JSON.readTree(mf.toFile());
        firstMember(root).put("sha256", ModelIO.sha256(bytes));
        edit.accept(root);
        Files.write(mf, ModelIO.JSON.writeValueAsBytes(root));
        return d;
    }

    @Test
    void load_memberNotADeflateStream_throwsNamingFile() throws IOException {
        Path d = copyWithMemberBytes("not deflated at all".getBytes(StandardCharsets.UTF_8), root -> { });
        assertThatThrownBy(() -> ModelIO.load(d, CATALOG))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("members/000.bin is not a valid deflate stream");
    }

    @Test
    void load_memberSizeOtherThanDeclared_throws() throws IOException {
        byte[] raw = "twenty bytes of blob".getBytes(StandardCharsets.UTF_8);
        for (long declared : new long[] {19, 21}) {
            Path d = copyWithMemberBytes(ModelIO.deflate(raw), root -> firstMember(root).put("size", declared));
            assertThatThrownBy(() -> ModelIO.load(d, CATALOG))
                    .as("declared %d", declared)
                    .isInstanceOf(ModelFormatException.class)
                    .hasMessageContaining("members/000.bin does not inflate to its declared " + declared + " bytes");
        }
        // a truncated stream of the right declared size
        byte[] stored = ModelIO.deflate(raw);
        Path d = copyWithMemberBytes(java.util.Arrays.copyOf(stored, stored.length - 3),
                root -> firstMember(root).put("size", raw.length));
        assertThatThrownBy(() -> ModelIO.load(d, CATALOG)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("members/000.bin");
    }

    @Test
    void load_unknownEncoding_throwsNamingIt() throws IOException {
        Path d = copyWithManifest(root -> firstMember(root).put("encoding", "zstd"));
        assertThatThrownBy(() -> ModelIO.load(d, CATALOG))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("members/000.bin has encoding 'zstd'");
    }

    @Test
    void load_negativeDeclaredSize_throws() throws IOException {
        Path d = copyWithManifest(root -> firstMember(root).put("size", -5));
        assertThatThrownBy(() -> ModelIO.load(d, CATALOG))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("declares an invalid size -5");
    }
}
