package io.automl4j.core.internal.run;

import io.automl4j.api.JobStatus;
import io.automl4j.api.SecondaryStatus;
import io.automl4j.api.Stage;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared run state (AUTOML-R45–R47, R55; FCST-R1): transitions, events, stop requests and the hook. */
class JobControlTest {
    /** Live items in arrival order, as forecasting keeps its leaderboard rows. */
    static final class ListControl extends JobControl<String> {
        private final List<String> items = new ArrayList<>();
        final List<String> events = new CopyOnWriteArrayList<>();

        ListControl attached(Instant now) {
            attachEvents((stage, message, kv) -> events.add(stage + " " + message + " " + Arrays.toString(kv)),
                    () -> now);
            return this;
        }

        @Override
        protected void store(String item) {
            items.add(item);
        }

        @Override
        protected List<String> snapshot() {
            return List.copyOf(items);
        }
    }

    @Test
    void everyTransitionIsOneEventWithItsStageAndAStopKeepsStoppingUntilTheEnd() {
        ListControl c = new ListControl().attached(Instant.EPOCH);
        assertThat(c.secondaryStatus()).isEqualTo(SecondaryStatus.STARTING);
        c.transition(SecondaryStatus.ANALYZING_DATA);
        c.transition(SecondaryStatus.ANALYZING_DATA); // same phase: no event
        c.transition(SecondaryStatus.MODEL_TUNING);
        c.requestStop();
        c.transition(SecondaryStatus.GENERATING_EXPLAINABILITY_REPORT); // ignored after a stop request
        assertThat(c.secondaryStatus()).isEqualTo(SecondaryStatus.STOPPING);
        assertThat(c.status()).isEqualTo(JobStatus.STOPPING);
        c.transition(SecondaryStatus.STOPPED);
        c.transition(SecondaryStatus.COMPLETED); // terminal is final
        assertThat(c.secondaryStatus()).isEqualTo(SecondaryStatus.STOPPED);
        assertThat(c.status()).isEqualTo(JobStatus.STOPPED);
        assertThat(c.events).containsExactly(
                Stage.DATA + " status ANALYZING_DATA [from, STARTING, to, ANALYZING_DATA, status, IN_PROGRESS]",
                Stage.SEARCH + " status MODEL_TUNING [from, ANALYZING_DATA, to, MODEL_TUNING, status, IN_PROGRESS]",
                Stage.SEARCH + " status STOPPING [from, MODEL_TUNING, to, STOPPING, status, STOPPING]",
                Stage.SELECTION + " status STOPPED [from, STOPPING, to, STOPPED, status, STOPPED]");
    }

    @Test
    void stopRunsTheHookOnceStampsTheJobClockAndIsANoOpOnceTerminal() {
        Instant now = Instant.parse("2026-12-02T08:00:00Z");
        ListControl c = new ListControl().attached(now);
        AtomicInteger hook = new AtomicInteger();
        c.onStop(hook::incrementAndGet);
        assertThat(c.stopRequested()).isFalse();
        assertThat(c.stopRequestedAt()).isNull();
        c.requestStop();
        c.requestStop();
        assertThat(hook).hasValue(1);
        assertThat(c.stopRequested()).isTrue();
        assertThat(c.stopRequestedAt()).isEqualTo(now);

        ListControl done = new ListControl();
        done.onStop(hook::incrementAndGet);
        done.transition(SecondaryStatus.COMPLETED);
        done.requestStop();
        assertThat(hook).hasValue(1);
        assertThat(done.stopRequested()).isFalse();
        assertThat(done.secondaryStatus()).isEqualTo(SecondaryStatus.COMPLETED);
    }

    @Test
    void failEndsFailedWithTheReasonAndWorksWithoutAnEventLog() {
        ListControl c = new ListControl();
        c.transition(SecondaryStatus.TRAINING_MODELS);
        assertThat(c.failureReason()).isNull();
        c.fail("no candidate completed");
        assertThat(c.secondaryStatus()).isEqualTo(SecondaryStatus.FAILED);
        assertThat(c.status()).isEqualTo(JobStatus.FAILED);
        assertThat(c.failureReason()).isEqualTo("no candidate completed");
        assertThat(c.events).isEmpty();
    }

    @Test
    void failOnThrow_returnsTheResult_orFailsWithTheMessageAndRethrowsTheSameException() {
        ListControl ok = new ListControl();
        assertThat(ok.failOnThrow(() -> 42)).isEqualTo(42);
        assertThat(ok.failureReason()).isNull();
        ListControl expected = new ListControl();
        io.automl4j.api.TrainingFailedException tf = new io.automl4j.api.TrainingFailedException("nothing completed");
        assertThatThrownBy(() -> expected.failOnThrow(() -> {
            throw tf;
        })).isSameAs(tf);
        assertThat(expected.status()).isEqualTo(JobStatus.FAILED);
        assertThat(expected.failureReason()).isEqualTo("nothing completed");
        ListControl bug = new ListControl();
        IllegalStateException ise = new IllegalStateException("boom");
        assertThatThrownBy(() -> bug.failOnThrow(() -> {
            throw ise;
        })).isSameAs(ise);
        assertThat(bug.failureReason()).isEqualTo("IllegalStateException: boom");
    }

    @Test
    void theHookAndTheEventLogRunOutsideTheLockSoAWatcherIsNeverBlocked() throws Exception {
        ListControl c = new ListControl();
        AtomicBoolean watcherFromHook = new AtomicBoolean();
        AtomicBoolean watcherFromEvent = new AtomicBoolean();
        c.attachEvents((stage, message, kv) -> {
            if (message.equals("status STOPPING")) {
                watcherFromEvent.set(itemsFromAnotherThread(c));
            }
        }, java.time.InstantSource.system());
        c.onStop(() -> watcherFromHook.set(itemsFromAnotherThread(c)));
        c.update("a");
        c.requestStop();
        assertThat(watcherFromEvent).isTrue();
        assertThat(watcherFromHook).isTrue();
        assertThat(c.items()).containsExactly("a");
    }

    /** @return true when another thread could read the items within 5 s (it would block while the lock is held) */
    private static boolean itemsFromAnotherThread(JobControl<?> c) {
        AtomicBoolean read = new AtomicBoolean();
        Thread t = new Thread(() -> read.set(c.items() != null));
        t.start();
        try {
            t.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return read.get();
    }
}
