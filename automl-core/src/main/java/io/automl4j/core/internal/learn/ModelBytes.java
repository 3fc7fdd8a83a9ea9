package io.automl4j.core.internal.learn;

import io.automl4j.api.ModelFormatException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The byte layout shared by the classic learners' {@link FittedLearner#serialize()}: a header (magic, kind,
 * format version) followed by the learner's payload. Also the only place that reads Java serialization, and it
 * does so through an {@link ObjectInputFilter} allowlist of exact class names.
 */
final class ModelBytes {
    /** "A4JL". */
    private static final int MAGIC = 0x41344A4C;
    /** Graph limits for filtered Java deserialization: the Smile models we store are shallow. */
    private static final long MAX_DEPTH = 32;
    private static final long MAX_REFERENCES = 1_000_000;
    private static final long MAX_ARRAY_LENGTH = 200_000_000;

    private ModelBytes() {
    }

    /** Writes a payload after the header. */
    @FunctionalInterface
    interface Payload {
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads a payload after the header has been checked. */
    @FunctionalInterface
    interface Reader<T> {
        T read(DataInputStream in, int version) throws IOException;
    }

    static byte[] write(String kind, int version, Payload payload) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeUTF(kind);
            out.writeInt(version);
            payload.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * @param bytes      what {@link #write} produced
     * @param kind       the expected kind
     * @param maxVersion the newest format version this code reads
     * @throws ModelFormatException when the bytes are not such a model, of another kind, of a newer version, or
     *                              corrupt
     */
    static <T> T read(byte[] bytes, String kind, int maxVersion, Reader<T> reader) {
        if (bytes == null || bytes.length < 4) {
            throw new ModelFormatException("Not a " + kind + " model: " + (bytes == null ? "null" : bytes.length
                    + " bytes"));
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readInt() != MAGIC) {
                throw new ModelFormatException("Not a " + kind + " model: bad magic number");
            }
            String actualKind = in.readUTF();
            if (!actualKind.equals(kind)) {
                throw new ModelFormatException("Expected a '" + kind + "' model but the bytes hold a '" + actualKind
                        + "' model");
            }
            int version = in.readInt();
            if (version < 1 || version > maxVersion) {
                throw new ModelFormatException("Unsupported " + kind + " model format version " + version
                        + " (this library reads versions 1.." + maxVersion + ")");
            }
            T result = reader.read(in, version);
            if (in.read() != -1) {
                throw new ModelFormatException("Corrupt " + kind + " model: trailing bytes");
            }
            return result;
        } catch (IOException e) {
            throw new ModelFormatException("Corrupt " + kind + " model: " + e.getMessage(), e);
        }
    }

    static void writeBlob(DataOutputStream out, byte[] blob) throws IOException {
        out.writeInt(blob.length);
        out.write(blob);
    }

    static byte[] readBlob(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IOException("blob length " + n + " exceeds the remaining " + in.available() + " bytes");
        }
        byte[] blob = new byte[n];
        in.readFully(blob);
        return blob;
    }

    static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
        out.writeInt(values.length);
        for (double v : values) {
            out.writeDouble(v);
        }
    }

    static double[] readDoubles(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || (long) n * Double.BYTES > in.available()) {
            throw new IOException("array length " + n + " exceeds the remaining " + in.available() + " bytes");
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = in.readDouble();
        }
        return out;
    }

    static void writeInfo(DataOutputStream out, Map<String, String> info) throws IOException {
        out.writeInt(info.size());
        for (Map.Entry<String, String> e : new TreeMap<>(info).entrySet()) {
            out.writeUTF(e.getKey());
            out.writeUTF(e.getValue());
        }
    }

    static Map<String, String> readInfo(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 10_000) {
            throw new IOException("bad info entry count " + n);
        }
        Map<String, String> info = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            info.put(in.readUTF(), in.readUTF());
        }
        return info;
    }

    /** @return the Java serialization of {@code o} (only for library models that offer nothing else) */
    static byte[] javaSerialize(Serializable o) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot serialize " + o.getClass().getName(), e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads Java-serialized bytes, allowing only the named classes (plus primitives and arrays whose element type
     * is allowed). Anything else stops the stream before the class is instantiated.
     *
     * @param allowed  exact class names that may appear in the stream
     * @param expected the type of the root object
     * @throws ModelFormatException naming the rejected class, or when the root is not an {@code expected}
     */
    static <T> T javaDeserialize(byte[] bytes, Set<String> allowed, Class<T> expected, String kind) {
        AtomicReference<String> rejected = new AtomicReference<>();
        ObjectInputFilter filter = info -> {
            if (info.depth() > MAX_DEPTH || info.references() > MAX_REFERENCES
                    || info.arrayLength() > MAX_ARRAY_LENGTH) {
                rejected.compareAndSet(null, "object graph beyond limits (depth " + info.depth() + ", references "
                        + info.references() + ", array length " + info.arrayLength() + ")");
                return ObjectInputFilter.Status.REJECTED;
            }
            Class<?> c = info.serialClass();
            if (c == null) {
                return ObjectInputFilter.Status.ALLOWED;
            }
            Class<?> element = c;
            while (element.isArray()) {
                element = element.getComponentType();
            }
            if (element.isPrimitive() || allowed.contains(element.getName())) {
                return ObjectInputFilter.Status.ALLOWED;
            }
            rejected.compareAndSet(null, "class " + c.getName());
            return ObjectInputFilter.Status.REJECTED;
        };
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(filter);
            Object o = in.readObject();
            if (!expected.isInstance(o)) {
                throw new ModelFormatException("Corrupt " + kind + " model: expected a " + expected.getName()
                        + " but found a " + (o == null ? "null" : o.getClass().getName()));
            }
            return expected.cast(o);
        } catch (InvalidClassException e) {
            String what = rejected.get();
            throw new ModelFormatException("Refusing to load " + kind + " model: " + (what == null ? e.getMessage()
                    : what) + " is not in the allowlist " + new TreeSet<>(allowed), e);
        } catch (IOException | ClassNotFoundException e) {
            throw new ModelFormatException("Corrupt " + kind + " model: " + e, e);
        }
    }
}
