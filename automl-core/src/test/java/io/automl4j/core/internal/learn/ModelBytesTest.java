package io.automl4j.core.internal.learn;

import io.automl4j.api.ModelFormatException;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelBytesTest {

    @Test
    void read_newerFormatVersion_failsLoudly() {
        byte[] v2 = ModelBytes.write("knn", 2, out -> out.writeInt(1));
        assertThatThrownBy(() -> KnnLearner.load(v2)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("version 2").hasMessageContaining("1..1");
    }

    @Test
    void read_trailingBytes_corrupt() {
        byte[] bytes = ModelBytes.write("x", 1, out -> {
            out.writeInt(7);
            out.writeInt(8);
        });
        assertThatThrownBy(() -> ModelBytes.read(bytes, "x", 1, (in, v) -> in.readInt()))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("trailing");
        int sum = ModelBytes.read(bytes, "x", 1, (in, v) -> in.readInt() + in.readInt());
        assertThat(sum).isEqualTo(15);
    }

    @Test
    void javaDeserialize_allowedClassesAndPrimitiveArrays_pass() {
        byte[] bytes = LearnerChecks.javaBytes(new double[][] {{1, 2}, {3}});
        double[][] back = ModelBytes.javaDeserialize(bytes, Set.of(), double[][].class, "test");
        assertThat(back[1]).containsExactly(3.0);
    }

    @Test
    void javaDeserialize_foreignClass_rejectedBeforeInstantiation() {
        LearnerChecks.Tripwire.deserialized = false;
        assertThatThrownBy(() -> ModelBytes.javaDeserialize(LearnerChecks.serializedHashMap(),
                Set.of("java.util.HashMap", "java.util.Map$Entry", "java.lang.String"), Object.class, "test"))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(LearnerChecks.Tripwire.class.getName());
        assertThat(LearnerChecks.Tripwire.deserialized).isFalse();
    }

    @Test
    void javaDeserialize_unexpectedRootType_rejected() {
        byte[] bytes = LearnerChecks.javaBytes(new int[] {1});
        assertThatThrownBy(() -> ModelBytes.javaDeserialize(bytes, Set.of(), double[].class, "test"))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("expected a [D");
    }
}
