package io.automl4j.core.internal.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.automl4j.api.ProblemType;
import io.automl4j.api.eval.Metric;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.automl4j.core.internal.metrics.Exact.assertExact;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks every metric against scikit-learn reference values (AUTOML-R44) to 1e-12 relative. The fixtures in
 * {@code src/test/resources/metrics} come from {@code generate_fixtures.py} there, which also lists where the spec
 * and scikit-learn differ and how each fixture follows the spec.
 */
class MetricsFixtureTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    List<DynamicNode> fixtures() {
        JsonNode index = read("index.json");
        List<DynamicNode> nodes = new ArrayList<>();
        for (JsonNode file : index.get("fixtures")) {
            nodes.add(fixture(read(file.asText())));
        }
        assertThat(nodes).hasSizeGreaterThanOrEqualTo(13);
        return nodes;
    }

    private static DynamicContainer fixture(JsonNode f) {
        String name = f.get("name").asText();
        ProblemType type = ProblemType.valueOf(f.get("problemType").asText());
        int k = f.get("numClasses").asInt();
        int positive = f.get("positiveClass").asInt();
        double[] y = vector(f.get("y"));
        double[][] pred = matrix(f.get("pred"));
        double[] w = f.get("weights").isNull() ? null : vector(f.get("weights"));
        JsonNode expected = f.get("expected");

        List<DynamicNode> tests = new ArrayList<>();
        Map<Metric, Double> all = Metrics.evaluateAll(type, k, y, pred, w, positive);
        tests.add(DynamicTest.dynamicTest("evaluateAll covers the fixture's metrics", () ->
                assertThat(all.keySet()).containsExactlyElementsOf(metricNames(expected))));
        for (Iterator<String> it = expected.fieldNames(); it.hasNext(); ) {
            Metric metric = Metric.valueOf(it.next());
            double reference = expected.get(metric.name()).asDouble();
            tests.add(DynamicTest.dynamicTest(metric.name(), () -> {
                assertExact(Metrics.evaluate(metric, k, y, pred, w, positive), reference, name + " " + metric);
                assertExact(all.get(metric), reference, name + " " + metric + " (evaluateAll)");
            }));
        }
        if (f.has("mapeExcludedRows")) {
            int excluded = f.get("mapeExcludedRows").asInt();
            tests.add(DynamicTest.dynamicTest("mapeExcludedRows", () ->
                    assertThat(Metrics.mapeExcludedRows(y)).isEqualTo(excluded)));
        }
        return DynamicContainer.dynamicContainer(name, tests);
    }

    private static Set<Metric> metricNames(JsonNode expected) {
        Set<Metric> names = new LinkedHashSet<>();
        expected.fieldNames().forEachRemaining(n -> names.add(Metric.valueOf(n)));
        return names;
    }

    private static double[] vector(JsonNode array) {
        double[] v = new double[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = array.get(i).asDouble();
        }
        return v;
    }

    private static double[][] matrix(JsonNode rows) {
        double[][] m = new double[rows.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = vector(rows.get(i));
        }
        return m;
    }

    private static JsonNode read(String file) {
        try (InputStream in = MetricsFixtureTest.class.getResourceAsStream("/metrics/" + file)) {
            assertThat(in).as("fixture %s on the test classpath", file).isNotNull();
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
