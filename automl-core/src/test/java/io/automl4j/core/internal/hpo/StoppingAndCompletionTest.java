package io.automl4j.core.internal.hpo;

import io.automl4j.api.CandidateStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.automl4j.api.CandidateStatus.COMPLETED;
import static io.automl4j.api.CandidateStatus.FAILED;
import static io.automl4j.api.CandidateStatus.STOPPED;
import static org.assertj.core.api.Assertions.assertThat;

/** AUTOML-R37 (median stopping rule) on hand-made histories and R38 (completion criteria), one test each. */
class StoppingAndCompletionTest {
    private static final List<double[]> PEERS = List.of(new double[] {1, 1, 1}, new double[] {2, 2, 2},
            new double[] {3, 3, 3});

    @Test
    void median_needsThreePeersThatReachedTheStep_R37() {
        assertThat(MedianStoppingRule.shouldStop(PEERS.subList(0, 2), new double[] {9}, false)).isFalse();
        // at step 4 none of the peers reported: no decision
        assertThat(MedianStoppingRule.shouldStop(PEERS, new double[] {9, 9, 9, 9}, false)).isFalse();
    }

    @Test
    void median_minimising_stopsWhenBestSoFarIsWorseThanMedian_R37() {
        // averages at step 2: 1, 2, 3 -> median 2
        assertThat(MedianStoppingRule.shouldStop(PEERS, new double[] {2.5, 2.1}, false)).isTrue();
        assertThat(MedianStoppingRule.shouldStop(PEERS, new double[] {2.5, 1.9}, false)).isFalse();
        assertThat(MedianStoppingRule.shouldStop(PEERS, new double[] {2.0, 2.5}, false)).isFalse(); // equal: go on
    }

    @Test
    void median_usesRunningAverages_notLastValues_R37() {
        // peer running averages at step 2: (4+0)/2 = 2, (0+6)/2 = 3, (1+1)/2 = 1, (5+5)/2 = 5 -> median 2.5
        List<double[]> peers = List.of(new double[] {4, 0}, new double[] {0, 6}, new double[] {1, 1},
                new double[] {5, 5}, new double[] {0}); // the last one never reached step 2
        assertThat(MedianStoppingRule.shouldStop(peers, new double[] {3, 2.6}, false)).isTrue();
        assertThat(MedianStoppingRule.shouldStop(peers, new double[] {3, 2.4}, false)).isFalse();
    }

    @Test
    void median_maximising_R37() {
        assertThat(MedianStoppingRule.shouldStop(PEERS, new double[] {1.9}, true)).isTrue();
        assertThat(MedianStoppingRule.shouldStop(PEERS, new double[] {1.0, 2.1}, true)).isFalse();
    }

    @Test
    void completion_maxCandidates_countsFailedAndStopped_R38() {
        Completion c = new Completion(3, true, null, null, false);
        assertThat(c.onFinished(COMPLETED, 0.5)).isEmpty();
        assertThat(c.onFinished(FAILED, Double.NaN)).isEmpty();
        assertThat(c.onFinished(STOPPED, Double.NaN)).contains(Completion.MAX_CANDIDATES_REACHED);
    }

    @Test
    void completion_target_maximising_andMinimising_R38() {
        Completion max = new Completion(100, true, 0.9, null, false);
        assertThat(max.onFinished(COMPLETED, 0.89)).isEmpty();
        assertThat(max.onFinished(FAILED, 0.95)).isEmpty(); // only completed trials count
        assertThat(max.onFinished(COMPLETED, 0.9)).contains(Completion.TARGET_OBJECTIVE_VALUE_REACHED);
        Completion min = new Completion(100, false, 0.2, null, false);
        assertThat(min.onFinished(COMPLETED, 0.21)).isEmpty();
        assertThat(min.onFinished(COMPLETED, 0.2)).contains(Completion.TARGET_OBJECTIVE_VALUE_REACHED);
    }

    @Test
    void completion_notImproving_consecutiveCompletedTrials_R38() {
        Completion c = new Completion(100, true, null, 2, false);
        assertThat(c.onFinished(COMPLETED, 0.5)).isEmpty();
        assertThat(c.onFinished(COMPLETED, 0.6)).isEmpty();
        assertThat(c.onFinished(COMPLETED, 0.6)).isEmpty(); // a tie does not beat the best: 1
        assertThat(c.onFinished(FAILED, Double.NaN)).isEmpty(); // failures neither count nor reset
        assertThat(c.onFinished(COMPLETED, 0.7)).isEmpty(); // improvement resets
        assertThat(c.onFinished(COMPLETED, 0.65)).isEmpty();
        assertThat(c.onFinished(COMPLETED, 0.69)).contains(Completion.MAX_CANDIDATES_NOT_IMPROVING);
    }

    @Test
    void completion_convergence_after20Completed_lastWindowWithin1Percent_R38() {
        Completion c = new Completion(100, true, null, null, true);
        assertThat(c.window()).isEqualTo(10);
        for (int i = 1; i <= 10; i++) {
            assertThat(c.onFinished(COMPLETED, 0.1 * i)).isEmpty(); // big improvements
        }
        Optional<String> last = Optional.empty();
        for (int i = 11; i <= 20; i++) {
            // 0.5% relative improvements count as converged
            last = c.onFinished(COMPLETED, c.best() * 1.005);
            if (i < 20) {
                assertThat(last).as("trial " + i).isEmpty();
            }
        }
        assertThat(last).contains(Completion.CONVERGED);
        assertThat(new Completion(150, true, null, null, true).window()).isEqualTo(15);
    }

    @Test
    void completion_noConvergence_whenATrialInTheWindowImprovedMoreThan1Percent_R38() {
        Completion c = new Completion(100, false, null, null, true);
        for (int i = 0; i < 10; i++) {
            c.onFinished(COMPLETED, 10 - i);
        }
        for (int i = 0; i < 9; i++) {
            assertThat(c.onFinished(COMPLETED, 5)).isEmpty();
        }
        assertThat(c.onFinished(COMPLETED, c.best() * 0.98)).isEmpty(); // 2% better: not converged
        CandidateStatus s = COMPLETED;
        assertThat(c.onFinished(s, 100)).isEmpty();
    }
}
