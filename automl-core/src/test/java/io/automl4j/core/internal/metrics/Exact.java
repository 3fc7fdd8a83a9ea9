package io.automl4j.core.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

/** The AUTOML-R44 tolerance: 1e-12 relative, or 1e-12 absolute for values below 1 in magnitude; NaN equals NaN. */
final class Exact {

    static final double TOLERANCE = 1e-12;

    private Exact() {
    }

    static void assertExact(double actual, double expected, String what) {
        if (Double.isNaN(expected)) {
            assertThat(actual).as(what).isNaN();
            return;
        }
        double bound = TOLERANCE * Math.max(1.0, Math.abs(expected));
        assertThat(Math.abs(actual - expected))
                .as("%s: expected %s but was %s", what, expected, actual)
                .isLessThanOrEqualTo(bound);
    }
}
