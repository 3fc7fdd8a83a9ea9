package io.automl4j.core.internal.learn;

import io.automl4j.api.ModelFormatException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The serialized form of a fitted booster: a small versioned header followed by the library's own model bytes
 * (XGBoost UBJSON, LightGBM model text). No Java serialization.
 *
 * <pre>
 *   4 bytes   magic ("A4JX" xgboost, "A4JL" lightgbm)
 *   int       format version (1)
 *   int       numClasses (0 = regression)
 *   int       numFeatures
 *   int       iterations (boosting rounds the model predicts with)
 *   int       info entries, then (UTF key, UTF value) each
 *   int       model length, then the model bytes
 * </pre>
 */
final class BoosterArtifact {

    static final int FORMAT_VERSION = 1;

    final Task task;
    final int numFeatures;
    final int iterations;
    final SortedMap<String, String> info;
    final byte[] model;

    BoosterArtifact(Task task, int numFeatures, int iterations, Map<String, String> info, byte[] model) {
        this.task = task;
        this.numFeatures = numFeatures;
        this.iterations = iterations;
        this.info = Collections.unmodifiableSortedMap(new TreeMap<>(info));
        this.model = model;
    }

    byte[] encode(String magic) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(model.length + 256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(magic.getBytes(StandardCharsets.US_ASCII));
            out.writeInt(FORMAT_VERSION);
            out.writeInt(task.numClasses());
            out.writeInt(numFeatures);
            out.writeInt(iterations);
            out.writeInt(info.size());
            for (Map.Entry<String, String> e : info.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
            out.writeInt(model.length);
            out.write(model);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen with an in-memory stream
        }
        return bytes.toByteArray();
    }

    /**
     * @param bytes what {@link #encode} wrote
     * @param magic the expected magic
     * @param kind  the learner kind, for messages
     * @return the decoded artifact
     * @throws ModelFormatException when the bytes are not such an artifact, truncated, or of a newer version
     */
    static BoosterArtifact decode(byte[] bytes, String magic, String kind) {
        if (bytes == null) {
            throw new ModelFormatException(kind + " model bytes are null");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte[] m = new byte[4];
            in.readFully(m);
            if (!magic.equals(new String(m, StandardCharsets.US_ASCII))) {
                throw new ModelFormatException("not a " + kind + " model: bad magic bytes");
            }
            int version = in.readInt();
            if (version < 1 || version > FORMAT_VERSION) {
                throw new ModelFormatException(kind + " model format version " + version
                        + " is not supported (this build reads version " + FORMAT_VERSION + ")");
            }
            int numClasses = in.readInt();
            int numFeatures = in.readInt();
            int iterations = in.readInt();
            int entries = in.readInt();
            if (numClasses < 0 || numClasses == 1 || numFeatures < 1 || iterations < 0 || entries < 0) {
                throw new ModelFormatException(kind + " model header is corrupt");
            }
            SortedMap<String, String> info = new TreeMap<>();
            for (int i = 0; i < entries; i++) {
                info.put(in.readUTF(), in.readUTF());
            }
            int length = in.readInt();
            if (length < 0 || length != in.available()) {
                throw new ModelFormatException(kind + " model is truncated or has trailing bytes");
            }
            byte[] model = in.readNBytes(length);
            return new BoosterArtifact(new Task(numClasses), numFeatures, iterations, info, model);
        } catch (IOException e) {
            throw new ModelFormatException(kind + " model is truncated or corrupt", e);
        }
    }
}
