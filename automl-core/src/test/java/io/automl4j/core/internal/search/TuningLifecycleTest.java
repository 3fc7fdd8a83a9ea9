package io.automl4j.core.internal.search;

import io.automl4j.api.Algorithm;
import io.automl4j.api.AutoMLJob;
import io.automl4j.api.AutoMLResult;
import io.automl4j.api.CandidateStatus;
import io.automl4j.api.JobStatus;
import io.automl4j.api.Mode;
import io.automl4j.api.SecondaryStatus;
import io.automl4j.api.data.Dataset;
import io.automl4j.core.fake.FakeCatalog;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** HYPERPARAMETER_TUNING under the job lifecycle and with a forced holdout (AUTOML-R32, R45–R47). */
class TuningLifecycleTest {
    private static Dataset iris() {
        return SearchTest.iris();
    }

    @Test
    void validationFraction_forcesHoldout_inTuning() {
        AutoMLJob job = AutoMLJob.builder().target("species").mode(Mode.HYPERPARAMETER_TUNING)
                .algorithms(Algorithm.KNN).maxCandidates(3).validationFraction(0.3).seed(3).build();
        AutoMLResult r = new Search(FakeCatalog.allCentroid()).run(job, iris());
        assertThat(r.events()).anyMatch(e -> e.message().startsWith("trials use the given holdout")
                && e.details().get("holdoutRows").equals("45"));
        assertThat(r.candidates()).allMatch(c -> "holdout".equals(c.info().get("validation")));
    }

    @Test
    void stop_duringTuning_endsStoppedWithCompletedTrials() throws Exception {
        Map<Algorithm, FakeCatalog.Behaviour> b = new EnumMap<>(Algorithm.class);
        b.put(Algorithm.KNN, FakeCatalog.Behaviour.CENTROID);
        b.put(Algorithm.RANDOM_FOREST, FakeCatalog.Behaviour.SLOW);
        AutoMLJob job = AutoMLJob.builder().target("species").mode(Mode.HYPERPARAMETER_TUNING)
                .algorithms(Algorithm.KNN, Algorithm.RANDOM_FOREST).maxCandidates(200).seed(3).build();
        BackgroundRun run = new BackgroundRun(new FakeCatalog(b, Set.of()), job, iris());
        long t = System.nanoTime();
        while (run.secondaryStatus() != SecondaryStatus.MODEL_TUNING) {
            assertThat(System.nanoTime() - t).isLessThan(20_000_000_000L);
            Thread.sleep(10);
        }
        Thread.sleep(1000); // a slow trial is in flight by then: the fake forest waits for its deadline
        run.stop();
        assertThat(run.await(Duration.ofSeconds(20))).isTrue();
        AutoMLResult r = run.result();
        assertThat(run.status()).isEqualTo(JobStatus.STOPPED);
        assertThat(r.completionReason()).isEqualTo("STOPPED");
        assertThat(r.candidates()).anyMatch(c -> c.status() == CandidateStatus.COMPLETED);
        assertThat(r.candidates().size()).isLessThan(200);
    }
}
