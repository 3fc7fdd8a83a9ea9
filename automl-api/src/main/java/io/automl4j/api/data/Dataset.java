package io.automl4j.api.data;

import io.automl4j.api.DataFormatException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * An immutable, column-oriented table: what jobs train on and models predict on (AUTOML-R13). Build one from a
 * CSV file, from rows of maps, or column by column:
 *
 * <pre>{@code
 * Dataset train = Dataset.readCsv(Path.of("churn.csv"));
 * Dataset small = Dataset.builder()
 *     .numeric("age", new double[] {31, 45, Double.NaN})
 *     .text("city", new String[] {"Oslo", "Lima", null})
 *     .build();
 * }</pre>
 *
 * Missing values are empty CSV fields, {@code null}, or {@code NaN}. Column types are inferred by the engine
 * (AUTOML-R14), not here.
 */
public final class Dataset {
    private final List<String> names;
    private final List<Column> columns;
    private final Map<String, Integer> index;
    private final int rows;
    private final long sourceBytes;
    private final String source;

    private Dataset(List<Column> columns, long sourceBytes, String source) {
        this.columns = List.copyOf(columns);
        List<String> n = new ArrayList<>(columns.size());
        Map<String, Integer> idx = new LinkedHashMap<>();
        int r = -1;
        for (Column c : columns) {
            if (c.name().isEmpty()) {
                throw new DataFormatException(source + ": column " + (n.size() + 1) + " has an empty name");
            }
            if (idx.putIfAbsent(c.name(), n.size()) != null) {
                throw new DataFormatException(source + ": duplicate column name '" + c.name() + "'");
            }
            n.add(c.name());
            if (r >= 0 && c.size() != r) {
                throw new IllegalArgumentException("column '" + c.name() + "' has " + c.size()
                        + " rows but '" + columns.get(0).name() + "' has " + r);
            }
            r = c.size();
        }
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a dataset needs at least one column");
        }
        this.names = List.copyOf(n);
        this.index = Collections.unmodifiableMap(idx);
        this.rows = r;
        this.sourceBytes = sourceBytes;
        this.source = source;
    }

    /**
     * Reads a CSV file with a header row (RFC 4180, UTF-8, BOM stripped, {@code ,} delimiter; {@code .gz}
     * files are decompressed).
     *
     * @param path the file
     * @return the table; its {@link #sizeBytes()} is the (uncompressed) file length
     * @throws DataFormatException when the file is missing, empty, has no data rows, a row with the wrong number
     *                             of fields (naming the 1-based line), or duplicate/empty header names
     * @throws UncheckedIOException on other I/O errors
     */
    public static Dataset readCsv(Path path) {
        return readCsv(path, ',');
    }

    /**
     * Like {@link #readCsv(Path)} with another delimiter.
     *
     * @param path      the file
     * @param delimiter the field delimiter, e.g. {@code ';'} or {@code '\t'}
     * @return the table
     */
    public static Dataset readCsv(Path path, char delimiter) {
        Objects.requireNonNull(path, "path");
        if (!Files.exists(path)) {
            throw new DataFormatException("file not found: " + path);
        }
        if (Files.isDirectory(path)) {
            throw new DataFormatException("expected a CSV file but " + path + " is a directory");
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(path))) {
            InputStream in = raw;
            if (path.getFileName().toString().endsWith(".gz")) {
                in = new GZIPInputStream(raw);
            }
            CountingInputStream counting = new CountingInputStream(in);
            Dataset d = read(new InputStreamReader(counting, StandardCharsets.UTF_8), delimiter,
                    path.toString(), -1);
            return new Dataset(d.columns, counting.count, d.source);
        } catch (NoSuchFileException e) {
            throw new DataFormatException("file not found: " + path, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads CSV text with a header row from a reader (which the caller closes). The whole text is read, so its size
     * is known: {@link #sizeBytes()} is the UTF-8 byte length of the characters read (the AUTO rule, AUTOML-R11,
     * then sees the same size as for the file).
     *
     * @param reader     the text
     * @param sourceName a name for error messages, e.g. a URL or "stdin"
     * @return the table
     */
    public static Dataset readCsv(Reader reader, String sourceName) {
        try {
            Utf8CountingReader counting = new Utf8CountingReader(reader);
            Dataset d = read(counting, ',', sourceName, -1);
            return new Dataset(d.columns, counting.bytes, d.source);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + sourceName + ": " + e.getMessage(), e);
        }
    }

    private static Dataset read(Reader reader, char delimiter, String source, long size) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).get();
        Reader r = skipBom(reader);
        try (CSVParser parser = CSVParser.parse(r, format)) {
            List<String> header = null;
            List<List<String>> cols = new ArrayList<>();
            long lastLine = 0;
            for (CSVRecord rec : parser) {
                long startLine = lastLine + 1;
                lastLine = parser.getCurrentLineNumber();
                if (header == null) {
                    if (rec.size() == 1 && rec.get(0).isEmpty()) {
                        continue; // blank lines before the header
                    }
                    header = new ArrayList<>(rec.size());
                    Set<String> seen = new HashSet<>();
                    for (int i = 0; i < rec.size(); i++) {
                        String h = rec.get(i).trim();
                        if (h.isEmpty()) {
                            throw new DataFormatException(source + ": header column " + (i + 1)
                                    + " has an empty name");
                        }
                        if (!seen.add(h)) {
                            throw new DataFormatException(source + ": duplicate column name '" + h + "' in header");
                        }
                        header.add(h);
                        cols.add(new ArrayList<>());
                    }
                    continue;
                }
                if (rec.size() == 1 && rec.get(0).isEmpty() && header.size() > 1) {
                    continue; // a blank line
                }
                if (rec.size() != header.size()) {
                    throw new DataFormatException(source + ": line " + startLine + " has " + rec.size()
                            + " fields but the header has " + header.size());
                }
                for (int i = 0; i < rec.size(); i++) {
                    String v = rec.get(i);
                    cols.get(i).add(v.isEmpty() ? null : v);
                }
            }
            if (header == null) {
                throw new DataFormatException(source + " is empty: expected a header row and data rows");
            }
            if (cols.get(0).isEmpty()) {
                throw new DataFormatException(source + " has a header but no data rows");
            }
            List<Column> columns = new ArrayList<>(header.size());
            for (int i = 0; i < header.size(); i++) {
                columns.add(Column.ofStringsNoCopy(header.get(i), cols.get(i).toArray(new String[0])));
            }
            return new Dataset(columns, size, source);
        } catch (UncheckedIOException e) {
            // commons-csv wraps parse errors (e.g. an unterminated quote) this way
            throw new DataFormatException(source + ": malformed CSV: " + e.getCause().getMessage(), e);
        }
    }

    private static Reader skipBom(Reader reader) throws IOException {
        java.io.PushbackReader pb = new java.io.PushbackReader(reader, 1);
        int c = pb.read();
        if (c != -1 && c != '\uFEFF') {
            pb.unread(c);
        }
        return pb;
    }

    /**
     * Builds a table from rows of maps (e.g. JSON objects). Columns are the union of keys in first-seen order;
     * an absent key or a null value is missing. A column whose non-null values are all {@link Number}s is stored
     * as numbers; anything else is stored as text ({@code toString()}).
     *
     * @param rows the rows, at least one
     * @return the table
     * @throws IllegalArgumentException when {@code rows} is empty
     */
    public static Dataset fromRows(List<? extends Map<String, ?>> rows) {
        Objects.requireNonNull(rows, "rows");
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("rows must not be empty");
        }
        Set<String> keys = new LinkedHashSet<>();
        for (Map<String, ?> row : rows) {
            keys.addAll(row.keySet());
        }
        Builder b = builder();
        for (String k : keys) {
            boolean numeric = true;
            for (Map<String, ?> row : rows) {
                Object v = row.get(k);
                if (v != null && !(v instanceof Number)) {
                    numeric = false;
                    break;
                }
            }
            if (numeric) {
                double[] vals = new double[rows.size()];
                for (int i = 0; i < vals.length; i++) {
                    Object v = rows.get(i).get(k);
                    vals[i] = v == null ? Double.NaN : ((Number) v).doubleValue();
                }
                b.numeric(k, vals);
            } else {
                String[] vals = new String[rows.size()];
                for (int i = 0; i < vals.length; i++) {
                    Object v = rows.get(i).get(k);
                    vals[i] = v == null ? null : v.toString();
                }
                b.text(k, vals);
            }
        }
        return b.build();
    }

    /** @return a builder that adds columns one by one */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the number of rows */
    public int rowCount() {
        return rows;
    }

    /** @return the number of columns */
    public int columnCount() {
        return columns.size();
    }

    /** @return column names in order */
    public List<String> columnNames() {
        return names;
    }

    /**
     * @param name a column name (case-sensitive)
     * @return true if the table has it
     */
    public boolean hasColumn(String name) {
        return index.containsKey(name);
    }

    /**
     * @param name a column name (case-sensitive)
     * @return the column
     * @throws IllegalArgumentException naming the column and listing the available ones
     */
    public Column column(String name) {
        Integer i = index.get(name);
        if (i == null) {
            throw new IllegalArgumentException("column '" + name + "' not found; columns are " + names);
        }
        return columns.get(i);
    }

    /**
     * @param i 0-based column index
     * @return the column
     */
    public Column column(int i) {
        return columns.get(i);
    }

    /**
     * @return the size used by the AUTO rule (AUTOML-R11): the byte length of the source file (uncompressed),
     *         or empty for in-memory tables and streams, whose size the engine computes or treats as unknown
     */
    public OptionalLong sizeBytes() {
        return sourceBytes >= 0 ? OptionalLong.of(sourceBytes) : OptionalLong.empty();
    }

    /** @return where the data came from (file path, "memory", or the name given) */
    public String source() {
        return source;
    }

    /** @return true when this table was built in memory (its canonical CSV size can be computed) */
    public boolean isInMemory() {
        return "memory".equals(source);
    }

    /**
     * @param rowIndices 0-based rows, in the order wanted (repeats allowed)
     * @return a new table with those rows (in memory)
     */
    public Dataset selectRows(int[] rowIndices) {
        List<Column> out = new ArrayList<>(columns.size());
        for (Column c : columns) {
            if (c.isNumericStorage()) {
                double[] v = new double[rowIndices.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = c.number(rowIndices[i]);
                }
                out.add(Column.ofNumbers(c.name(), v));
            } else {
                String[] v = new String[rowIndices.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = c.text(rowIndices[i]);
                }
                out.add(Column.ofStringsNoCopy(c.name(), v));
            }
        }
        return new Dataset(out, -1, "memory");
    }

    @Override
    public String toString() {
        return "Dataset[" + rows + " rows x " + columns.size() + " columns " + names + " from " + source + "]";
    }

    /** Adds columns one by one; all columns must have the same length. */
    public static final class Builder {
        private final List<Column> columns = new ArrayList<>();

        private Builder() {
        }

        /**
         * @param name   column name
         * @param values numbers, NaN = missing (copied)
         * @return this builder
         */
        public Builder numeric(String name, double[] values) {
            columns.add(Column.ofNumbers(requireName(name), Objects.requireNonNull(values, "values")));
            return this;
        }

        /**
         * @param name   column name
         * @param values text cells, null or "" = missing (copied)
         * @return this builder
         */
        public Builder text(String name, String[] values) {
            columns.add(Column.ofStrings(requireName(name), Objects.requireNonNull(values, "values")));
            return this;
        }

        /**
         * @param name   column name
         * @param values any values, null = missing, stored as text via {@code toString()}
         * @return this builder
         */
        public Builder column(String name, List<?> values) {
            String[] v = new String[values.size()];
            for (int i = 0; i < v.length; i++) {
                Object o = values.get(i);
                v[i] = o == null ? null : o.toString();
            }
            return text(name, v);
        }

        private String requireName(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("column name must not be empty");
            }
            for (Column c : columns) {
                if (c.name().equals(name)) {
                    throw new IllegalArgumentException("duplicate column name '" + name + "'");
                }
            }
            return name;
        }

        /**
         * @return the table
         * @throws IllegalArgumentException when no column was added or lengths differ (naming both columns)
         */
        public Dataset build() {
            return new Dataset(columns, -1, "memory");
        }
    }

    /** Counts the UTF-8 encoded length of the characters that pass through. */
    private static final class Utf8CountingReader extends java.io.FilterReader {
        long bytes;

        Utf8CountingReader(Reader in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                bytes += utf8Length((char) c);
            }
            return c;
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            for (int i = 0; i < n; i++) {
                bytes += utf8Length(buf[off + i]);
            }
            return n;
        }

        /** A surrogate pair is 4 bytes: 2 for each half. */
        private static int utf8Length(char c) {
            return c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
    }

    private static final class CountingInputStream extends FilterInputStream {
        long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
