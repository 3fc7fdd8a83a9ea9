package io.automl4j.core.internal.learn;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions shared by the classic learners' tests. */
final class LearnerChecks {
    private LearnerChecks() {
    }

    /** Every row has k finite, non-negative entries summing to 1 within 1e-9. */
    static void assertProbabilities(double[][] proba, int rows, int k) {
        assertThat(proba).hasNumberOfRows(rows);
        for (double[] row : proba) {
            assertThat(row).hasSize(k);
            double sum = 0;
            for (double v : row) {
                assertThat(v).isFinite().isBetween(0.0, 1.0);
                sum += v;
            }
            assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    /** Bit-identical prediction matrices. */
    static void assertSamePredictions(double[][] a, double[][] b) {
        assertThat(a.length).isEqualTo(b.length);
        for (int i = 0; i < a.length; i++) {
            assertThat(b[i]).as("row %d", i).containsExactly(a[i]);
        }
    }

    /** serialize, load through {@code loader}: same kind, info and bit-identical predictions. */
    static FittedLearner assertRoundTrip(FittedLearner model, Function<byte[], FittedLearner> loader,
                                         FeatureMatrix x) {
        FittedLearner loaded = loader.apply(model.serialize());
        assertThat(loaded.kind()).isEqualTo(model.kind());
        assertThat(loaded.info()).isEqualTo(model.info());
        assertSamePredictions(model.predict(x), loaded.predict(x));
        return loaded;
    }

    /** A context whose deadline passed long ago. */
    static LearnContext pastDeadline(Task task, long seed) {
        return new LearnContext(task, seed, 1, Instant.EPOCH, Instant::now);
    }

    /** The Java serialization of a {@link HashMap}: a foreign class no model allowlist may accept. */
    static byte[] serializedHashMap() {
        HashMap<String, Object> map = new HashMap<>();
        map.put("payload", new Tripwire());
        return javaBytes(map);
    }

    static byte[] javaBytes(Object o) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A serializable class that records being deserialized: a filter must stop the stream before it. */
    static final class Tripwire implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        static volatile boolean deserialized;

        private void readObject(java.io.ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            deserialized = true;
        }
    }
}
