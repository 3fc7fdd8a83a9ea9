package io.automl4j.core.internal.ensemble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The STACKED meta-learner (AUTOML-R28a) against scikit-learn's LogisticRegression on the same meta features
 * (fixtures/stacker/make_fixture.py) and against exact non-negative least squares solutions.
 */
class StackerTest {
    private static JsonNode fixture() throws Exception {
        return new ObjectMapper().readTree(Path.of("src/test/resources/fixtures/stacker/stacker.json").toFile());
    }

    @Test
    void multinomial_matchesSklearnWithSampleWeights() throws Exception {
        JsonNode f = fixture().get("multiclass");
        int n = f.get("y").size();
        double[] y = new double[n];
        double[] w = new double[n];
        List<double[][]> preds = List.of(new double[n][3], new double[n][3]);
        for (int i = 0; i < n; i++) {
            y[i] = f.get("y").get(i).asInt();
            w[i] = f.get("w").get(i).asDouble();
            for (int g = 0; g < 2; g++) {
                for (int c = 0; c < 3; c++) {
                    preds.get(g)[i][c] = f.get("x").get(i).get(g * 3 + c).asDouble();
                }
            }
        }
        Stacker s = Stacker.fit(preds, 3, -1, y, w);
        double[][] p = s.apply(preds);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                assertThat(p[i][c]).as("row %d class %d", i, c)
                        .isCloseTo(f.get("proba").get(i).get(c).asDouble(), within(1e-7));
            }
        }
    }

    @Test
    void binary_usesPositiveClassOnly_matchesSklearn() throws Exception {
        JsonNode f = fixture().get("binary");
        int n = f.get("y").size();
        double[] y = new double[n];
        List<double[][]> preds = new ArrayList<>();
        for (int g = 0; g < 3; g++) {
            preds.add(new double[n][2]);
        }
        for (int i = 0; i < n; i++) {
            y[i] = f.get("y").get(i).asInt();
            for (int g = 0; g < 3; g++) {
                double v = f.get("x").get(i).get(g).asDouble();
                // the negative column is junk on purpose: only the positive class's probability is an input
                preds.get(g)[i] = new double[] {0.123, v};
            }
        }
        Stacker s = Stacker.fit(preds, 2, 1, y, null);
        assertThat(s.coefficients()[0]).hasSize(3);
        double[][] p = s.apply(preds);
        for (int i = 0; i < n; i++) {
            assertThat(p[i][1]).isCloseTo(f.get("proba").get(i).asDouble(), within(1e-7));
            assertThat(p[i][0] + p[i][1]).isCloseTo(1.0, within(1e-12));
        }
    }

    @Test
    void nonNegativeRidge_recoversExactBlend() {
        int n = 50;
        double[][] a = new double[n][1];
        double[][] b = new double[n][1];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            a[i][0] = Math.sin(i);
            b[i][0] = Math.cos(i * 0.7) + i * 0.01;
            y[i] = 2.0 + 0.3 * a[i][0] + 0.7 * b[i][0];
        }
        Stacker s = Stacker.fit(List.of(a, b), 0, -1, y, null);
        // the tiny tie-breaking ridge shrinks by ~1e-6
        assertThat(s.coefficients()[0][0]).isCloseTo(0.3, within(1e-5));
        assertThat(s.coefficients()[0][1]).isCloseTo(0.7, within(1e-5));
        assertThat(s.intercepts()[0]).isCloseTo(2.0, within(1e-5));
    }

    @Test
    void nonNegativeRidge_clampsAnAntiCorrelatedMemberToZero() {
        int n = 40;
        double[][] good = new double[n][1];
        double[][] bad = new double[n][1];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 7 + 0.1 * i;
            good[i][0] = y[i] + 0.01 * Math.sin(i);
            bad[i][0] = -y[i];
        }
        Stacker s = Stacker.fit(List.of(good, bad), 0, -1, y, null);
        assertThat(s.coefficients()[0][1]).isEqualTo(0.0);
        assertThat(s.coefficients()[0][0]).isCloseTo(1.0, within(0.01));
    }

    @Test
    void apply_wrongMemberCount_isRejected() {
        double[][] a = {{1}, {2}, {3}};
        List<double[][]> two = new ArrayList<>();
        two.add(a);
        two.add(a);
        Stacker s = Stacker.fit(two, 0, -1, new double[] {1, 2, 3}, null);
        List<double[][]> one = new ArrayList<>();
        one.add(a);
        assertThatThrownBy(() -> s.apply(one)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expects 2 members but got 1");
    }
}
