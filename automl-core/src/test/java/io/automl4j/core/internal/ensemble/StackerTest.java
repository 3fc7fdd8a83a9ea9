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
 * The STACKED meta-learner (AUTOML-R28a) against SciPy's bound-constrained solution of the same non-negative L2
 * logistic problem (fixtures/stacker/make_fixture.py) and against exact non-negative least squares solutions.
 */
class StackerTest {
    private static JsonNode fixture() throws Exception {
        return new ObjectMapper().readTree(Path.of("src/test/resources/fixtures/stacker/stacker.json").toFile());
    }

    @Test
    void multinomial_nonNegative_matchesScipyWithSampleWeights() throws Exception {
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
        for (int c = 0; c < 3; c++) {
            for (int j = 0; j < 6; j++) {
                double expected = f.get("coefficients").get(c).get(j).asDouble();
                assertThat(s.coefficients()[c][j]).as("class %d input %d", c, j).isCloseTo(expected, within(1e-6));
                if (expected == 0.0) {
                    // held at its bound: another member's vote for another class never lowers class c's score
                    assertThat(s.coefficients()[c][j]).as("class %d input %d", c, j).isEqualTo(0.0);
                }
            }
        }
    }

    @Test
    void multinomial_perClassBlockNewton_stillReachesTheConstrainedOptimum() {
        // 5 classes x 20 members = 100 inputs per class, 505 parameters; a zero work limit forces the block Hessian
        int n = 300;
        int k = 5;
        int m = 20;
        java.util.SplittableRandom rng = new java.util.SplittableRandom(11);
        double[] y = new double[n];
        List<double[][]> preds = new ArrayList<>();
        for (int g = 0; g < m; g++) {
            preds.add(new double[n][k]);
        }
        for (int i = 0; i < n; i++) {
            y[i] = i % k;
            for (int g = 0; g < m; g++) {
                double sum = 0;
                for (int c = 0; c < k; c++) {
                    double v = rng.nextDouble() + (c == y[i] ? 0.05 * g : 0);
                    preds.get(g)[i][c] = v;
                    sum += v;
                }
                for (int c = 0; c < k; c++) {
                    preds.get(g)[i][c] /= sum;
                }
            }
        }
        Stacker s = Stacker.fit(preds, k, -1, y, null, 0);
        Stacker full = Stacker.fit(preds, k, -1, y, null);
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < m * k; j++) {
                assertThat(s.coefficients()[c][j]).isCloseTo(full.coefficients()[c][j], within(1e-6));
            }
        }
        // KKT of sum log-loss + lambda/2 |beta|^2 with beta >= 0: zero gradient where beta > 0, >= 0 at the bound
        double[][] p = s.apply(preds);
        int d = m * k;
        double[][] grad = new double[k][d];
        double[] gradIntercept = new double[k];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                double r = p[i][c] - (c == y[i] ? 1 : 0);
                gradIntercept[c] += r;
                for (int g = 0; g < m; g++) {
                    for (int c2 = 0; c2 < k; c2++) {
                        grad[c][g * k + c2] += r * preds.get(g)[i][c2];
                    }
                }
            }
        }
        int positive = 0;
        for (int c = 0; c < k; c++) {
            assertThat(gradIntercept[c]).isCloseTo(0, within(1e-6));
            for (int j = 0; j < d; j++) {
                double b = s.coefficients()[c][j];
                assertThat(b).isGreaterThanOrEqualTo(0);
                double gj = grad[c][j] + Stacker.LAMBDA * b;
                if (b > 0) {
                    positive++;
                    assertThat(gj).as("class %d input %d", c, j).isCloseTo(0, within(1e-6));
                } else {
                    assertThat(gj).as("class %d input %d", c, j).isGreaterThan(-1e-6);
                }
            }
        }
        assertThat(positive).isGreaterThan(k); // the informative members carry weight
    }

    @Test
    void binary_usesPositiveClassOnly_holdsAnAntiCorrelatedMemberAtZero_matchesScipy() throws Exception {
        JsonNode f = fixture().get("binary");
        int n = f.get("y").size();
        double[] y = new double[n];
        List<double[][]> preds = new ArrayList<>();
        for (int g = 0; g < 4; g++) {
            preds.add(new double[n][2]);
        }
        for (int i = 0; i < n; i++) {
            y[i] = f.get("y").get(i).asInt();
            for (int g = 0; g < 4; g++) {
                double v = f.get("x").get(i).get(g).asDouble();
                // the negative column is junk on purpose: only the positive class's probability is an input
                preds.get(g)[i] = new double[] {0.123, v};
            }
        }
        Stacker s = Stacker.fit(preds, 2, 1, y, null);
        assertThat(s.coefficients()[0]).containsOnly(0.0); // the negative class's logit stays zero
        for (int g = 0; g < 4; g++) {
            assertThat(s.coefficients()[1][g]).as("member %d", g)
                    .isCloseTo(f.get("coefficients").get(g).asDouble(), within(1e-6));
        }
        assertThat(s.coefficients()[1][3]).isEqualTo(0.0);
        assertThat(s.usedMembers()).containsExactly(0, 1, 2);
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
    void usedMembers_dropsZeroCoefficientMembers_restrictedStackerPredictsExactlyTheSame() {
        int n = 40;
        double[][] good = new double[n][1];
        double[][] bad = new double[n][1];
        double[][] other = new double[n][1];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            good[i][0] = Math.sin(i);
            other[i][0] = Math.cos(i * 0.7) + i * 0.01;
            y[i] = 2.0 + 0.3 * good[i][0] + 0.7 * other[i][0];
            bad[i][0] = -y[i] + 0.3 * Math.sin(3.1 * i);
        }
        Stacker s = Stacker.fit(List.of(bad, good, other), 0, -1, y, null);
        assertThat(s.coefficients()[0][0]).isEqualTo(0.0);
        assertThat(s.usedMembers()).containsExactly(1, 2);
        Stacker r = s.restrictTo(s.usedMembers());
        assertThat(r.members()).isEqualTo(2);
        double[][] full = s.apply(List.of(bad, good, other));
        double[][] kept = r.apply(List.of(good, other));
        for (int i = 0; i < n; i++) {
            assertThat(kept[i][0]).isEqualTo(full[i][0]);
        }
        // refitting on the kept members alone finds the same solution (the dropped one sat at its bound)
        Stacker again = Stacker.fit(List.of(good, other), 0, -1, y, null);
        assertThat(again.coefficients()[0][0]).isCloseTo(r.coefficients()[0][0], within(1e-6));
        assertThat(again.coefficients()[0][1]).isCloseTo(r.coefficients()[0][1], within(1e-6));
    }

    @Test
    void usedMembers_multiclass_keepsEveryMemberWithAnyNonZeroClassWeight() {
        Stacker s = new Stacker(3, -1, 3, new double[][] {{0, 0, 0, 1, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0, 0, 0, 0},
            {0, 0, 0, 0, 0, 0, 0, 0, 2}}, new double[] {0.1, 0.2, 0.3});
        assertThat(s.usedMembers()).containsExactly(1, 2);
        Stacker r = s.restrictTo(new int[] {1, 2});
        assertThat(r.coefficients()[0]).containsExactly(1, 0, 0, 0, 0, 0);
        assertThat(r.coefficients()[2]).containsExactly(0, 0, 0, 0, 0, 2);
        assertThat(r.intercepts()).containsExactly(0.1, 0.2, 0.3);
        Stacker none = new Stacker(0, -1, 2, new double[][] {{0, 0}}, new double[] {4});
        assertThat(none.usedMembers()).containsExactly(0);
        assertThatThrownBy(() -> s.restrictTo(new int[] {2, 1})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ascending in [0, 3)");
        assertThatThrownBy(() -> s.restrictTo(new int[] {3})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[3]");
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
