package io.automl4j.forecast.internal;

import io.automl4j.api.Event;
import io.automl4j.api.JobStatus;
import io.automl4j.api.SecondaryStatus;
import io.automl4j.api.TrainingFailedException;
import io.automl4j.api.data.Dataset;
import io.automl4j.forecast.ForecastJob;
import io.automl4j.forecast.ForecastResult;
import io.automl4j.forecast.ForecastRun;
import io.automl4j.forecast.LeaderboardRow;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@link ForecastRun} over a {@link ForecastEngine} on its own daemon thread. */
public final class BackgroundForecastRun implements ForecastRun {
    private final ForecastControl control;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile ForecastResult result;
    private volatile RuntimeException failure;

    /**
     * Starts the job at once; its time budget counts from this call (AUTOML-R58).
     *
     * @param job              the job
     * @param data             long-format history
     * @param futureCovariates future known covariates, or null
     */
    public BackgroundForecastRun(ForecastJob job, Dataset data, Dataset futureCovariates) {
        long t0 = System.nanoTime();
        this.control = new ForecastControl(job.listeners(), job.clock());
        Thread t = new Thread(() -> {
            try {
                result = new ForecastEngine(job).fit(data, futureCovariates, control, t0);
            } catch (RuntimeException e) {
                failure = e;
            } catch (Error e) {
                failure = new TrainingFailedException("the job failed: " + e);
                throw e;
            } finally {
                done.countDown();
            }
        }, "automl4j-forecast-" + job.name());
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
    public List<LeaderboardRow> leaderboard() {
        return control.rows();
    }

    @Override
    public List<Event> events() {
        return control.events();
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
    public ForecastResult result() {
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                // interrupting the waiting (or fitting) thread is a stop request (FCST-R1, AUTOML-R47)
                interrupted = true;
                control.requestStop();
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
        return "ForecastRun[" + control.secondaryStatus() + "]";
    }
}
