package io.automl4j.forecast.internal;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The Schur–Cohn root test agrees with companion-matrix eigenvalues (FCST-R10, ETS admissibility). */
class EtsAdmissibleTest {
    @Test
    void schurCohnAgreesWithEigenvalues() {
        Random rnd = new Random(7);
        int agree = 0;
        int inside = 0;
        for (int trial = 0; trial < 2000; trial++) {
            int d = 2 + rnd.nextInt(12);
            double[] c = new double[d + 1];
            for (int k = 0; k < d; k++) {
                c[k] = rnd.nextGaussian() * 0.3;
            }
            c[d] = 1;
            double max = Ets.maxRootModulus(c);
            if (Math.abs(max - 1) < 1e-6) {
                agree++;
                continue;
            }
            boolean expected = max < 1;
            inside += expected ? 1 : 0;
            if (Ets.rootsWithin(c, 1.0) == expected) {
                agree++;
            }
        }
        assertThat(agree).isEqualTo(2000);
        assertThat(inside).isBetween(100, 1900);
    }
}
