package io.automl4j.core.internal.run;

import io.automl4j.api.JobStatus;
import io.automl4j.api.SecondaryStatus;
import io.automl4j.api.TrainingFailedException;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A job running on its own daemon thread, watched through its {@link JobControl} (AUTOML-R45–R47; FCST-R1): the
 * common part of the tabular and forecasting run handles, which add their live items and events. Thread-safe.
 *
 * @param <C> the control type
 * @param <R> the result type
 */
public abstract class BackgroundJob<C extends JobControl<?>, R> {
    private final String kind;
    private final C control;
    private final boolean interruptStops;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile R result;
    private volatile RuntimeException failure;

    /**
     * Starts the job at once.
     *
     * @param kind           the handle's name in {@link #toString()}
     * @param threadName     the job thread's name
     * @param control        the job's control
     * @param interruptStops whether interrupting a thread waiting in {@link #result()} requests a stop
     * @param job            runs the job under the control and returns its result (failures are rethrown from
     *                       {@link #result()}; an {@link Error} as a {@link TrainingFailedException})
     */
    protected BackgroundJob(String kind, String threadName, C control, boolean interruptStops, Function<C, R> job) {
        this.kind = kind;
        this.control = control;
        this.interruptStops = interruptStops;
        Thread t = new Thread(() -> {
            try {
                result = job.apply(control);
            } catch (RuntimeException e) {
                failure = e;
            } catch (Error e) {
                failure = new TrainingFailedException("the job failed: " + e);
                throw e;
            } finally {
                done.countDown();
            }
        }, threadName);
        t.setDaemon(true);
        t.start();
    }

    /** @return the job's control */
    protected final C control() {
        return control;
    }

    /** @return the current status */
    public final JobStatus status() {
        return control.status();
    }

    /** @return the current detailed phase */
    public final SecondaryStatus secondaryStatus() {
        return control.secondaryStatus();
    }

    /** Requests a stop (AUTOML-R47). Idempotent; a no-op once terminal. */
    public final void stop() {
        control.requestStop();
    }

    /**
     * @param timeout how long to wait
     * @return true when the job ended within the timeout
     * @throws InterruptedException when the waiting thread is interrupted (the job keeps running)
     */
    public final boolean await(Duration timeout) throws InterruptedException {
        return done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Waits for the end, also when interrupted (the interrupt flag is set again on return; with
     * {@code interruptStops} each interrupt requests a stop).
     *
     * @return the result
     * @throws RuntimeException the job's failure
     */
    public final R result() {
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
                if (interruptStops) {
                    control.requestStop();
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw failure;
        }
        return result;
    }

    /** @return one sentence naming why the job failed, when it FAILED */
    public final Optional<String> failureReason() {
        return Optional.ofNullable(control.failureReason());
    }

    @Override
    public final String toString() {
        return kind + "[" + control.secondaryStatus() + "]";
    }
}
