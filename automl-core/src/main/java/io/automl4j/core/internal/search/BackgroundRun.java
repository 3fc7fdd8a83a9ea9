package io.automl4j.core.internal.search;

import io.automl4j.api.TrainingFailedException;
import io.automl4j.api.AutoMLJob;
import io.automl4j.api.AutoMLResult;
import io.automl4j.api.AutoMLRun;
import io.automl4j.api.Candidate;
import io.automl4j.api.JobStatus;
import io.automl4j.api.SecondaryStatus;
import io.automl4j.api.data.Dataset;
import io.automl4j.core.internal.learn.LearnerCatalog;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@link AutoMLRun} over a {@link Search} on its own daemon thread. */
public final class BackgroundRun implements AutoMLRun {
    private final RunControl control = new RunControl();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile AutoMLResult result;
    private volatile RuntimeException failure;

    /**
     * Starts the job at once.
     *
     * @param catalog learners
     * @param job     the job
     * @param data    training data
     */
    public BackgroundRun(LearnerCatalog catalog, AutoMLJob job, Dataset data) {
        Thread t = new Thread(() -> {
            try {
                result = new Search(catalog).run(job, data, control);
            } catch (RuntimeException e) {
                failure = e;
            } catch (Error e) {
                failure = new TrainingFailedException("the job failed: " + e);
                throw e;
            } finally {
                done.countDown();
            }
        }, "automl4j-job-" + job.name().orElse("unnamed"));
        t.setDaemon(true);
        t.start();
    }

    @Override
    public JobStatus status() {
        return control.status();
    }

    @Override
    public SecondaryStatus secondaryStatus() {
        return control.secondaryStatus();
    }

    @Override
    public List<Candidate> candidates() {
        return control.candidates();
    }

    @Override
    public void stop() {
        control.requestStop();
    }

    @Override
    public boolean await(Duration timeout) throws InterruptedException {
        return done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public AutoMLResult result() {
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
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

    @Override
    public Optional<String> failureReason() {
        return Optional.ofNullable(control.failureReason());
    }

    @Override
    public String toString() {
        return "AutoMLRun[" + control.secondaryStatus() + "]";
    }
}
