package io.automl4j.core.internal.run;

import io.automl4j.api.JobStatus;
import io.automl4j.api.SecondaryStatus;
import io.automl4j.api.TrainingFailedException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared background handle (AUTOML-R45–R47; FCST-R1): await, result, failures and interruption. */
class BackgroundJobTest {
    static final class Run extends BackgroundJob<JobControlTest.ListControl, String> {
        Run(boolean interruptStops, Function<JobControlTest.ListControl, String> job) {
            super("TestRun", "automl4j-test", new JobControlTest.ListControl(), interruptStops, job);
        }

        JobControlTest.ListControl state() {
            return control();
        }
    }

    @Test
    void awaitTimesOutWhileRunningThenResultReturnsTheJobsValue() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<String> thread = new AtomicReference<>();
        Run run = new Run(false, c -> {
            thread.set(Thread.currentThread().getName() + (Thread.currentThread().isDaemon() ? " daemon" : ""));
            c.transition(SecondaryStatus.TRAINING_MODELS);
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            c.transition(SecondaryStatus.COMPLETED);
            return "done";
        });
        assertThat(run.await(Duration.ofMillis(50))).isFalse();
        assertThat(run.status()).isEqualTo(JobStatus.IN_PROGRESS);
        release.countDown();
        assertThat(run.await(Duration.ofSeconds(10))).isTrue();
        assertThat(run.result()).isEqualTo("done");
        assertThat(run.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(run.failureReason()).isEmpty();
        assertThat(run).hasToString("TestRun[COMPLETED]");
        assertThat(thread).hasValue("automl4j-test daemon");
    }

    @Test
    void aFailureIsRethrownAsIsAndAnErrorAsTrainingFailedException() throws Exception {
        IllegalStateException boom = new IllegalStateException("boom");
        Run failed = new Run(false, c -> {
            c.fail("boom");
            throw boom;
        });
        assertThatThrownBy(failed::result).isSameAs(boom);
        assertThat(failed.failureReason()).contains("boom");
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);

        // the Error still reaches the job thread's uncaught-exception handler
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        AtomicReference<Throwable> uncaught = new AtomicReference<>();
        CountDownLatch handled = new CountDownLatch(1);
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            uncaught.set(e);
            handled.countDown();
        });
        try {
            Run broken = new Run(false, c -> {
                throw new AssertionError("deliberate");
            });
            assertThatThrownBy(broken::result).isInstanceOf(TrainingFailedException.class)
                    .hasMessage("the job failed: java.lang.AssertionError: deliberate");
            assertThat(handled.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(uncaught.get()).isInstanceOf(AssertionError.class).hasMessage("deliberate");
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
    }

    /** The job waits up to {@code ms} for a stop request and says whether it saw one. */
    private static Function<JobControlTest.ListControl, String> waitForStop(long ms) {
        return c -> {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
            while (!c.stopRequested() && System.nanoTime() < end) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            c.transition(c.stopRequested() ? SecondaryStatus.STOPPED : SecondaryStatus.COMPLETED);
            return c.stopRequested() ? "stopped" : "ran to the end";
        };
    }

    @Test
    void interruptingResultStopsTheJobWhenAskedAndKeepsTheFlag() {
        Run run = new Run(true, waitForStop(10_000));
        long t0 = System.nanoTime();
        Thread.currentThread().interrupt();
        String r = run.result();
        boolean flag = Thread.interrupted(); // clears it for the next tests
        assertThat(r).isEqualTo("stopped");
        assertThat(flag).isTrue();
        assertThat(run.state().stopRequested()).isTrue();
        assertThat(run.status()).isEqualTo(JobStatus.STOPPED);
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(5);
    }

    @Test
    void withoutInterruptStopsInterruptingResultWaitsForTheEndAndKeepsTheFlag() {
        Run run = new Run(false, waitForStop(300));
        Thread.currentThread().interrupt();
        String r = run.result();
        boolean flag = Thread.interrupted();
        assertThat(r).isEqualTo("ran to the end");
        assertThat(flag).isTrue();
        assertThat(run.state().stopRequested()).isFalse();
        assertThat(run.status()).isEqualTo(JobStatus.COMPLETED);
    }
}
