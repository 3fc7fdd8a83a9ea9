package io.automl4j.api.data;

import io.automl4j.api.DataFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CSV reading and in-memory construction (AUTOML-R13), including every bad-input case. */
class DatasetTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void readCsv_quotedFieldsBomAndMissing() throws IOException {
        Path p = write("a.csv", "\uFEFFa,b,c\n1,\"x, y\",\n2,\"multi\nline\",z\n");
        Dataset d = Dataset.readCsv(p);
        assertThat(d.columnNames()).containsExactly("a", "b", "c");
        assertThat(d.rowCount()).isEqualTo(2);
        assertThat(d.column("b").text(0)).isEqualTo("x, y");
        assertThat(d.column("b").text(1)).isEqualTo("multi\nline");
        assertThat(d.column("c").isMissing(0)).isTrue();
        assertThat(d.sizeBytes()).hasValue(Files.size(p));
    }

    @Test
    void readCsv_gzip_sizeIsUncompressed() throws IOException {
        String text = "a,b\n1,2\n3,4\n";
        Path p = dir.resolve("a.csv.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(p))) {
            o.write(text.getBytes(StandardCharsets.UTF_8));
        }
        Dataset d = Dataset.readCsv(p);
        assertThat(d.rowCount()).isEqualTo(2);
        assertThat(d.sizeBytes()).hasValue(text.length());
    }

    /** AUTOML-R11: a reader is read to the end, so the AUTO rule gets its UTF-8 size, the same as the file's. */
    @Test
    void readCsv_reader_sizeIsUtf8BytesRead(@TempDir Path dir) throws IOException {
        String text = "\uFEFFname,city\nZo\u00eb,K\u00f8benhavn\n\u6771\u4eac,\uD83D\uDE00\n";
        Path p = dir.resolve("u.csv");
        Files.writeString(p, text, StandardCharsets.UTF_8);
        Dataset fromReader = Dataset.readCsv(new java.io.StringReader(text), "u.csv");
        assertThat(fromReader.sizeBytes()).hasValue(Files.size(p));
        assertThat(fromReader.sizeBytes()).hasValue(text.getBytes(StandardCharsets.UTF_8).length);
        assertThat(Dataset.readCsv(p).sizeBytes()).isEqualTo(fromReader.sizeBytes());
        assertThat(fromReader.column("city").text(1)).isEqualTo("\uD83D\uDE00");
    }

    @Test
    void readCsv_missingFile() {
        assertThatThrownBy(() -> Dataset.readCsv(dir.resolve("nope.csv"))).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("file not found").hasMessageContaining("nope.csv");
    }

    @Test
    void readCsv_emptyFile() throws IOException {
        Path p = write("e.csv", "");
        assertThatThrownBy(() -> Dataset.readCsv(p)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("is empty");
    }

    @Test
    void readCsv_headerOnly() throws IOException {
        Path p = write("h.csv", "a,b,c\n");
        assertThatThrownBy(() -> Dataset.readCsv(p)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("has a header but no data rows");
    }

    @Test
    void readCsv_raggedRow_namesLineAndCounts() throws IOException {
        Path p = write("r.csv", "a,b,c\n1,2,3\n4,5\n");
        assertThatThrownBy(() -> Dataset.readCsv(p)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("line 3 has 2 fields but the header has 3");
    }

    @Test
    void readCsv_raggedRowAfterMultilineField_countsPhysicalLines() throws IOException {
        Path p = write("r.csv", "a,b\n1,\"x\ny\"\n4,5,6\n");
        assertThatThrownBy(() -> Dataset.readCsv(p)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("line 4 has 3 fields");
    }

    @Test
    void readCsv_duplicateHeader() throws IOException {
        Path p = write("d.csv", "a,b,a\n1,2,3\n");
        assertThatThrownBy(() -> Dataset.readCsv(p)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("duplicate column name 'a'");
    }

    @Test
    void readCsv_emptyHeaderName() throws IOException {
        Path p = write("d.csv", "a,,c\n1,2,3\n");
        assertThatThrownBy(() -> Dataset.readCsv(p)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("header column 2 has an empty name");
    }

    @Test
    void readCsv_directory() {
        assertThatThrownBy(() -> Dataset.readCsv(dir)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("is a directory");
    }

    @Test
    void builder_lengthMismatch() {
        assertThatThrownBy(() -> Dataset.builder().numeric("a", new double[] {1, 2})
                .text("b", new String[] {"x"}).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'b' has 1 rows");
    }

    @Test
    void fromRows_unionOfKeysAndTypes() {
        Map<String, Object> r1 = new LinkedHashMap<>();
        r1.put("n", 1.5);
        r1.put("s", "a");
        Map<String, Object> r2 = new LinkedHashMap<>();
        r2.put("n", null);
        r2.put("t", true);
        Dataset d = Dataset.fromRows(List.of(r1, r2));
        assertThat(d.columnNames()).containsExactly("n", "s", "t");
        assertThat(d.column("n").isNumericStorage()).isTrue();
        assertThat(d.column("n").isMissing(1)).isTrue();
        assertThat(d.column("s").isMissing(1)).isTrue();
        assertThat(d.column("t").text(1)).isEqualTo("true");
        assertThat(d.sizeBytes()).isEmpty();
    }

    @Test
    void column_unknownNameListsColumns() {
        Dataset d = Dataset.builder().numeric("a", new double[] {1}).build();
        assertThatThrownBy(() -> d.column("b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("column 'b' not found; columns are [a]");
    }
}
