package io.automl4j.forecast;

import io.automl4j.api.Event;
import io.automl4j.api.InvalidJobSpecException;
import io.automl4j.api.JobStatus;
import io.automl4j.api.SecondaryStatus;
import io.automl4j.api.TrainingFailedException;
import io.automl4j.api.data.Dataset;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The forecasting job lifecycle (FCST-R1; AUTOML-R45–R47): start/await/stop/result, interruption, failure, the
 * honest time budget (AUTOML-R58) and reproducibility across thread counts (FCST-R21).
 */
class ForecastRunTest {
    /** The first {@code count} series of the 100 real M3 quarterly series of the test resources. */
    static Dataset m3(int count) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(ForecastRunTest.class.getResource("/fcst/m3_q100.csv")
                .toURI()));
        Set<String> ids = new LinkedHashSet<>();
        StringBuilder sb = new StringBuilder(lines.get(0)).append('\n');
        for (String l : lines.subList(1, lines.size())) {
            String id = l.substring(0, l.indexOf(','));
            if (ids.contains(id) || ids.size() < count) {
                ids.add(id);
                sb.append(l).append('\n');
            }
        }
        assertThat(ids).hasSize(count);
        return Dataset.readCsv(new StringReader(sb.toString()), "m3_q" + count);
    }

    private static ForecastJob.Builder job() {
        return ForecastJob.builder().itemId("item_id").timestamp("timestamp").target("target").horizon(8).seed(7)
                .threads(2);
    }

    private static boolean isModelEvent(Event e, String message, ForecastAlgorithm a) {
        return e.message().equals(message) && a.name().equals(e.details().get("model"));
    }

    /**
     * A listener that, when {@code a} starts, signals {@code reached} and holds the job's thread until the STOPPING
     * event was seen (at most 20 s), so that the stop lands while the backtests are in progress, deterministically.
     */
    private static Consumer<Event> holdAt(ForecastAlgorithm a, CountDownLatch reached, AtomicBoolean stopping) {
        return e -> {
            if (e.message().equals("status STOPPING")) {
                stopping.set(true);
            }
            if (!isModelEvent(e, "model started", a)) {
                return;
            }
            reached.countDown();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < end && !stopping.get()) {
                try {
                    Thread.sleep(2);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        };
    }

    @Test
    void stopFromAnotherThreadDuringBacktestsEndsStoppedWithTheBestCompletedModelAutomlR47() throws Exception {
        CountDownLatch reached = new CountDownLatch(1);
        ForecastJob j = job().algorithms(ForecastAlgorithm.NAIVE, ForecastAlgorithm.SEASONAL_NAIVE,
                ForecastAlgorithm.ETS, ForecastAlgorithm.ARIMA)
                .listener(holdAt(ForecastAlgorithm.ETS, reached, new AtomicBoolean())).build();
        Dataset data = m3(100);
        ForecastRun run = j.start(data);
        assertThat(reached.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(run.status()).isEqualTo(JobStatus.IN_PROGRESS);
        assertThat(run.secondaryStatus()).isEqualTo(SecondaryStatus.TRAINING_MODELS);
        assertThat(run.leaderboard()).extracting(LeaderboardRow::model).containsExactly("NAIVE", "SEASONAL_NAIVE");
        run.stop();
        run.stop(); // idempotent
        ForecastResult r = run.result();
        assertThat(run.status()).isEqualTo(JobStatus.STOPPED);
        assertThat(r.status()).isEqualTo(JobStatus.STOPPED);
        assertThat(r.secondaryStatus()).isEqualTo(SecondaryStatus.STOPPED);
        // the completed models only; no ensemble after a stop; ETS was stopped before its first series fit
        assertThat(r.leaderboard()).extracting(LeaderboardRow::model)
                .containsExactlyInAnyOrder("NAIVE", "SEASONAL_NAIVE");
        assertThat(r.events()).anyMatch(e -> isModelEvent(e, "model stopped: the job was stopped",
                ForecastAlgorithm.ETS) && e.details().get("fits").equals("0"));
        assertThat(r.events()).anyMatch(e -> isModelEvent(e, "model not started: the job was stopped",
                ForecastAlgorithm.ARIMA));
        assertThat(r.events()).anyMatch(e -> e.message().equals("ensemble skipped: the job was stopped"));
        assertThat(r.reproducible()).isFalse();
        assertThat(r.reproducibleReason()).contains("stopped");
        // the forecaster is the best completed model, refit: the same forecasts as a job of that model alone
        ForecastAlgorithm best = ForecastAlgorithm.valueOf(r.best().model());
        assertThat(r.forecaster().name()).isEqualTo(best.name());
        assertThat(r.forecasts().series()).hasSize(100);
        ForecastResult alone = job().algorithms(best).build().fit(data);
        assertThat(alone.secondaryStatus()).isEqualTo(SecondaryStatus.COMPLETED);
        for (SeriesForecast s : alone.forecasts().series()) {
            SeriesForecast t = r.forecasts().get(s.itemId()).orElseThrow();
            assertThat(t.mean()).containsExactly(s.mean());
            assertThat(t.quantile(2)).containsExactly(s.quantile(2));
        }
        run.stop(); // a no-op once terminal
        assertThat(run.status()).isEqualTo(JobStatus.STOPPED);
    }

    @Test
    void interruptingTheFittingThreadStopsTheJobFcstR1() throws Exception {
        CountDownLatch reached = new CountDownLatch(1);
        AtomicReference<ForecastResult> result = new AtomicReference<>();
        AtomicBoolean flagKept = new AtomicBoolean();
        ForecastJob j = job().algorithms(ForecastAlgorithm.NAIVE, ForecastAlgorithm.ETS, ForecastAlgorithm.THETA)
                .listener(holdAt(ForecastAlgorithm.ETS, reached, new AtomicBoolean())).build();
        Dataset data = m3(40);
        Thread t = new Thread(() -> {
            result.set(j.fit(data));
            flagKept.set(Thread.currentThread().isInterrupted());
        });
        t.start();
        assertThat(reached.await(30, TimeUnit.SECONDS)).isTrue();
        t.interrupt();
        t.join(30_000);
        assertThat(t.isAlive()).isFalse();
        ForecastResult r = result.get();
        assertThat(r.secondaryStatus()).isEqualTo(SecondaryStatus.STOPPED);
        assertThat(r.leaderboard()).extracting(LeaderboardRow::model).containsExactly("NAIVE");
        assertThat(r.forecaster().name()).isEqualTo("NAIVE");
        assertThat(r.forecasts().series()).hasSize(40);
        assertThat(flagKept).isTrue();
    }

    @Test
    void awaitTimesOutWhileRunningAndReportsTheEndFcstR1() throws Exception {
        CountDownLatch reached = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ForecastJob j = job().algorithms(ForecastAlgorithm.NAIVE, ForecastAlgorithm.THETA).listener(e -> {
            if (isModelEvent(e, "model started", ForecastAlgorithm.THETA)) {
                reached.countDown();
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
        }).build();
        ForecastRun run = j.start(m3(20));
        assertThat(reached.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(run.await(Duration.ofMillis(100))).isFalse();
        assertThat(run.status()).isEqualTo(JobStatus.IN_PROGRESS);
        assertThat(run.secondaryStatus()).isEqualTo(SecondaryStatus.TRAINING_MODELS);
        assertThat(run.failureReason()).isEmpty();
        assertThat(run.leaderboard()).extracting(LeaderboardRow::model).containsExactly("NAIVE");
        release.countDown();
        assertThat(run.await(Duration.ofSeconds(30))).isTrue();
        assertThat(run.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(run.secondaryStatus()).isEqualTo(SecondaryStatus.COMPLETED);
        assertThat(run.leaderboard()).extracting(LeaderboardRow::model).containsExactly("NAIVE", "THETA",
                "ENSEMBLE");
        ForecastResult r = run.result();
        assertThat(r.secondaryStatus()).isEqualTo(SecondaryStatus.COMPLETED);
        assertThat(r.reproducible()).isTrue();
        // phase changes, then each model's start and end in order, the ensemble, the selection and the end
        List<String> log = r.events().stream().map(e -> e.message()
                + (e.details().containsKey("model") && e.message().startsWith("model ") ? " " + e.details()
                .get("model") : "")).toList();
        assertThat(log).containsSubsequence("job started", "status ANALYZING_DATA", "data loaded",
                "status TRAINING_MODELS", "model started NAIVE", "model completed NAIVE", "model started THETA",
                "model completed THETA", "ensemble built",
                "best model selected; refit on the full history and final forecasts", "job completed",
                "status COMPLETED");
        assertThat(r.events()).isEqualTo(run.events());
    }

    @Test
    void aFailedJobThrowsItsReasonFromResultAutomlR58() throws Exception {
        // ARIMA alone cannot start within 1 ms (loading takes longer) and is not one of the always-run models
        ForecastRun run = job().algorithms(ForecastAlgorithm.ARIMA).maxJobRuntime(Duration.ofMillis(1)).build()
                .start(m3(20));
        assertThatThrownBy(run::result).isInstanceOf(TrainingFailedException.class)
                .hasMessage("no model completed within PT0.001S");
        assertThat(run.status()).isEqualTo(JobStatus.FAILED);
        assertThat(run.secondaryStatus()).isEqualTo(SecondaryStatus.FAILED);
        assertThat(run.failureReason()).contains("no model completed within PT0.001S");
        assertThat(run.events()).anyMatch(e -> e.level() == Event.Level.WARN
                && e.message().equals("maxJobRuntime reached: ARIMA not run"));
        run.stop(); // no-op once terminal
        assertThat(run.status()).isEqualTo(JobStatus.FAILED);

        // a data error fails the run too and is rethrown as is
        ForecastRun bad = ForecastJob.builder().itemId("item_id").timestamp("timestamp").target("target")
                .horizon(400).build().start(m3(3));
        assertThatThrownBy(bad::result).isInstanceOf(InvalidJobSpecException.class)
                .hasMessageStartingWith("horizon 400 exceeds the limit");
        assertThat(bad.status()).isEqualTo(JobStatus.FAILED);
        assertThat(bad.failureReason().orElseThrow()).startsWith("horizon 400 exceeds the limit");
    }

    /** A synthetic panel: {@code count} quarterly series of 40 points (seasonal level + trend + noise). */
    static Dataset panel(int count, long seed) {
        Random rnd = new Random(seed);
        StringBuilder sb = new StringBuilder(count * 40 * 24).append("item_id,timestamp,target\n");
        List<String> quarters = new ArrayList<>();
        for (int t = 0; t < 40; t++) {
            quarters.add(LocalDate.of(2010, 1, 1).plusMonths(3L * t).toString());
        }
        for (int s = 0; s < count; s++) {
            double level = 50 + 100 * rnd.nextDouble();
            double trend = rnd.nextGaussian();
            for (int t = 0; t < 40; t++) {
                double y = level + trend * t + 0.2 * level * Math.sin(Math.PI * t / 2) + 3 * rnd.nextGaussian();
                sb.append('s').append(s).append(',').append(quarters.get(t)).append(',')
                        .append(String.format(java.util.Locale.ROOT, "%.3f", y)).append('\n');
            }
        }
        return Dataset.readCsv(new StringReader(sb.toString()), "panel" + count);
    }

    @Test
    void aTinyBudgetEndsWithinBudgetPlusTenSecondsWithAForecastAutomlR58() {
        Dataset data = panel(2000, 5);
        ForecastJob j = ForecastJob.builder().itemId("item_id").timestamp("timestamp").target("target").horizon(4)
                .seed(3).threads(2).maxJobRuntime(Duration.ofSeconds(1)).build();
        long t0 = System.nanoTime();
        ForecastResult r = j.fit(data);
        double wall = (System.nanoTime() - t0) / 1e9;
        assertThat(wall).isLessThanOrEqualTo(1 + 10);
        assertThat(r.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(r.secondaryStatus()).isEqualTo(SecondaryStatus.MAX_AUTO_ML_JOB_RUNTIME_REACHED);
        List<String> ran = r.leaderboard().stream().map(LeaderboardRow::model).toList();
        assertThat(ran).contains("NAIVE", "SEASONAL_NAIVE");
        assertThat(r.forecasts().series()).hasSize(2000);
        for (double v : r.forecasts().get("s1999").orElseThrow().mean()) {
            assertThat(v).isFinite();
        }
        // every model that did not complete is named in a warning (and a WARN event): not run, or stopped
        // (CROSTON and TSB are skipped for another reason: no series is intermittent)
        for (ForecastAlgorithm a : ForecastAlgorithm.values()) {
            if (a == ForecastAlgorithm.CROSTON || a == ForecastAlgorithm.TSB || ran.contains(a.name())) {
                continue;
            }
            assertThat(r.warnings()).as(a.name()).anyMatch(w -> w.startsWith("maxJobRuntime reached: " + a + " "));
            assertThat(r.events()).anyMatch(e -> e.level() == Event.Level.WARN
                    && e.message().startsWith("maxJobRuntime reached: " + a + " "));
        }
        assertThat(r.reproducible()).isFalse();
        assertThat(r.reproducibleReason()).contains("time budget");
    }

    @Test
    void theBudgetStopsALocalModelBetweenSeriesAndGlobalGbmBetweenRoundsAutomlR58() {
        // 300 series: ARIMA needs seconds for its backtests and as long again for its refit, so it is stopped after
        // its first fits; GLOBAL_GBM (300 rounds × 4 boosters) is cut to the rounds whose refit still fits.
        // Budgets are 1.5 s more than a NAIVE-only run of the same data takes here (loading speed varies with the
        // machine).
        Dataset data = panel(300, 8);
        ForecastJob.Builder b = ForecastJob.builder().itemId("item_id").timestamp("timestamp").target("target")
                .horizon(4).seed(3).threads(2);
        double naiveOnly = b.algorithms(ForecastAlgorithm.NAIVE).build().fit(data).seconds();
        Duration budget = Duration.ofMillis((long) ((naiveOnly + 1.5) * 1000));

        long t0 = System.nanoTime();
        ForecastResult arima = b.algorithms(ForecastAlgorithm.NAIVE, ForecastAlgorithm.ARIMA).maxJobRuntime(budget)
                .build().fit(data);
        double wallArima = (System.nanoTime() - t0) / 1e9;
        assertThat(wallArima).isLessThanOrEqualTo(budget.toMillis() / 1000.0 + 10);
        assertThat(arima.secondaryStatus()).isEqualTo(SecondaryStatus.MAX_AUTO_ML_JOB_RUNTIME_REACHED);
        assertThat(arima.leaderboard()).extracting(LeaderboardRow::model).containsExactly("NAIVE");
        assertThat(arima.warnings()).anyMatch(w -> w.startsWith("maxJobRuntime reached: ARIMA stopped after ")
                && w.endsWith(" of 300 series fits and dropped"));
        assertThat(arima.forecasts().series()).hasSize(300);

        t0 = System.nanoTime();
        // without the ensemble, so that the status comes from GLOBAL_GBM's cut rounds alone
        ForecastResult gbm = b.algorithms(ForecastAlgorithm.NAIVE, ForecastAlgorithm.GLOBAL_GBM).ensemble(false)
                .maxJobRuntime(budget).build().fit(data);
        double wallGbm = (System.nanoTime() - t0) / 1e9;
        assertThat(wallGbm).isLessThanOrEqualTo(budget.toMillis() / 1000.0 + 10);
        assertThat(gbm.secondaryStatus()).isEqualTo(SecondaryStatus.MAX_AUTO_ML_JOB_RUNTIME_REACHED);
        assertThat(gbm.leaderboard()).extracting(LeaderboardRow::model).contains("NAIVE", "GLOBAL_GBM");
        // its 4 boosters (mean, 3 quantiles) shared the time round-robin: each window's boosters trained the same
        // number of rounds, at least one, and the warning says how many
        assertThat(gbm.warnings()).anyMatch(w -> w.matches("maxJobRuntime reached: GLOBAL_GBM trained [1-9]\\d* of"
                + " 300 rounds per booster \\(all 4 boosters alike\\)"));
        List<Event> windows = gbm.events().stream().filter(e -> e.message().equals("GLOBAL_GBM window trained"))
                .toList();
        assertThat(windows).hasSize(1);
        assertThat(windows.get(0).details()).containsEntry("boosters", "4").containsEntry("timeLimited", "true");
        int windowRounds = Integer.parseInt(windows.get(0).details().get("roundsPerBooster"));
        assertThat(windowRounds).isBetween(1, 299);
        // a GLOBAL_GBM refit (when it is the best model) trains at most the backtest's rounds, all boosters alike
        List<Event> refits = gbm.events().stream()
                .filter(e -> e.message().equals("GLOBAL_GBM refit on the full history")).toList();
        assertThat(refits).hasSize(gbm.forecaster().name().equals("GLOBAL_GBM") ? 1 : 0);
        for (Event refit : refits) {
            assertThat(refit.details()).containsEntry("boosters", "4");
            assertThat(Integer.parseInt(refit.details().get("roundsPerBooster"))).isBetween(1, windowRounds);
        }
        assertThat(gbm.forecasts().series()).hasSize(300);
    }

    @Test
    void countBudgetRunsAreBitIdenticalWithOneAndTwoThreadsFcstR21() throws Exception {
        // 12 real series and two quantiles keep the two runs of every model (GLOBAL_GBM: 3 boosters) short; the
        // 4-series variant in ForecastJobFitTest covers two backtest windows
        Dataset data = m3(12);
        ForecastResult one = job().quantiles(0.1, 0.9).threads(1).build().fit(data);
        ForecastResult two = job().quantiles(0.1, 0.9).threads(2).build().fit(data);
        assertThat(one.reproducible()).isTrue();
        assertThat(one.reproducibleReason()).isEqualTo("count budget and fixed seed");
        assertThat(one.secondaryStatus()).isEqualTo(SecondaryStatus.COMPLETED);
        // every model ran, GLOBAL_GBM included (CROSTON is skipped: no M3 series is intermittent)
        assertThat(one.leaderboard()).extracting(LeaderboardRow::model).containsExactlyInAnyOrder("NAIVE",
                "SEASONAL_NAIVE", "ETS", "ARIMA", "THETA", "NPTS", "GLOBAL_GBM", "PROPHET_LIKE", "ENSEMBLE");
        assertThat(two.leaderboard()).hasSameSizeAs(one.leaderboard());
        for (int i = 0; i < one.leaderboard().size(); i++) {
            LeaderboardRow a = one.leaderboard().get(i);
            LeaderboardRow b = two.leaderboard().get(i);
            assertThat(b.model()).isEqualTo(a.model());
            assertThat(Double.doubleToRawLongBits(b.objective())).isEqualTo(Double.doubleToRawLongBits(a.objective()));
            // Double.equals compares bit patterns
            assertThat(b.metrics()).isEqualTo(a.metrics());
            assertThat(b.weights()).isEqualTo(a.weights());
        }
        assertThat(two.forecaster().name()).isEqualTo(one.forecaster().name());
        for (SeriesForecast s : one.forecasts().series()) {
            SeriesForecast t = two.forecasts().get(s.itemId()).orElseThrow();
            assertThat(t.mean()).containsExactly(s.mean());
            for (int q = 0; q < 2; q++) {
                assertThat(t.quantile(q)).containsExactly(s.quantile(q));
            }
        }
        assertThat(two.backtests()).hasSameSizeAs(one.backtests()).isNotEmpty();
        for (int i = 0; i < one.backtests().size(); i++) {
            BacktestRow a = one.backtests().get(i);
            BacktestRow b = two.backtests().get(i);
            assertThat(b.model() + b.itemId() + b.timestamp()).isEqualTo(a.model() + a.itemId() + a.timestamp());
            assertThat(Double.doubleToRawLongBits(b.mean())).isEqualTo(Double.doubleToRawLongBits(a.mean()));
            assertThat(java.util.Arrays.equals(b.quantiles(), a.quantiles())).isTrue();
        }
    }
}
