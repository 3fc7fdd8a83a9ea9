package io.automl4j.registry;

import io.automl4j.api.AutoMLJob;
import io.automl4j.api.AutoMLResult;
import io.automl4j.api.Algorithm;
import io.automl4j.api.data.Dataset;
import io.automl4j.api.eval.Direction;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Shared test fixtures: one tiny real model (iris, LINEAR, fixed seed) and small external artifacts. */
final class TestModels {
    private static AutoMLResult iris;

    private TestModels() {
    }

    static Path irisPath() {
        return Path.of("../automl-core/src/test/resources/datasets/iris.csv");
    }

    static Dataset irisData() {
        return Dataset.readCsv(irisPath());
    }

    /** Trained once per JVM. */
    static synchronized AutoMLResult iris() {
        if (iris == null) {
            iris = AutoMLJob.builder().name("iris-test").target("species").algorithms(Algorithm.LINEAR)
                    .maxCandidates(1).seed(7L).build().fit(irisData());
        }
        return iris;
    }

    static InputStream bytes(String content) {
        return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
    }

    /** A small external artifact spec with one metric. */
    static VersionSpec spec(double auc) {
        return VersionSpec.builder().format("test-bytes", 1).problemType("BINARY")
                .metrics(Map.of("AUC", auc)).objective("AUC", Direction.MAXIMIZE).build();
    }

    static VersionSpec spec() {
        return VersionSpec.builder().format("test-bytes", 1).build();
    }
}
