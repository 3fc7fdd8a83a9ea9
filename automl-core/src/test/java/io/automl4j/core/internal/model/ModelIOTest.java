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
        Path d = copyWithManifest(root -> root.put("formatVersion", 2));
        assertThatThrownBy(() -> ModelIO.load(d, CATALOG))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("format version 2")
                .hasMessageContaining("reads format versions up to 1")
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
}
