package io.automl4j.core.internal.learn;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BoostingTest {

    @Test
    void nativeThreads_cappedByRows() {
        assertThat(Boosting.nativeThreads(4, 100)).isEqualTo(1);
        assertThat(Boosting.nativeThreads(4, 2 * Boosting.ROWS_PER_THREAD)).isEqualTo(2);
        assertThat(Boosting.nativeThreads(4, 1_000_000)).isEqualTo(4);
        assertThat(Boosting.nativeThreads(1, 1_000_000)).isEqualTo(1);
    }

    @Test
    void fromRaw_binaryAndMulticlass() {
        double[][] b = Boosting.fromRaw(new double[] {0.0, 800.0, -800.0}, 3, Task.classification(2));
        assertThat(b[0]).containsExactly(0.5, 0.5);
        assertThat(b[1][1]).isEqualTo(1.0);
        assertThat(b[2][1]).isEqualTo(0.0);
        double[][] m = Boosting.fromRaw(new double[] {1, 2, 3, 1000, 0, -1000}, 2, Task.classification(3));
        assertThat(m[0][0] + m[0][1] + m[0][2]).isCloseTo(1.0, within(1e-15));
        assertThat(m[0][2]).isCloseTo(Math.exp(3) / (Math.exp(1) + Math.exp(2) + Math.exp(3)), within(1e-15));
        assertThat(m[1]).containsExactly(1.0, 0.0, 0.0);
    }

    @Test
    void loss_weightedLogLossAndRmse() {
        double[][] p = {{0.5, 0.5}, {0.2, 0.8}};
        double[] y = {0, 1};
        assertThat(Boosting.loss(p, y, null, Task.classification(2)))
                .isCloseTo(-(Math.log(0.5) + Math.log(0.8)) / 2, within(1e-12));
        assertThat(Boosting.loss(p, y, new double[] {0, 1}, Task.classification(2)))
                .isCloseTo(-Math.log(0.8), within(1e-12));
        assertThat(Boosting.loss(new double[][] {{1}, {3}}, new double[] {0, 0}, null, Task.REGRESSION))
                .isCloseTo(Math.sqrt(5), within(1e-12));
    }

    @Test
    void earlyStopping_stopsAfterPatienceRoundsWithoutStrictImprovement() {
        Boosting.EarlyStopping es = new Boosting.EarlyStopping(2);
        assertThat(es.update(1, 1.0)).isFalse();
        assertThat(es.update(2, 0.5)).isFalse();
        assertThat(es.update(3, 0.5)).isFalse(); // a tie is no improvement
        assertThat(es.update(4, 0.7)).isTrue();
        assertThat(es.bestRound()).isEqualTo(2);
        assertThat(es.best()).isEqualTo(0.5);
    }
}
