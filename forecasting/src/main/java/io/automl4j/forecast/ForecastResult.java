package io.automl4j.forecast;

import io.automl4j.api.Event;
import io.automl4j.api.JobStatus;
import io.automl4j.api.SecondaryStatus;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Outcome of {@link ForecastJob#fit} (FCST-R1): the leaderboard (best first), the chosen forecaster, its forecasts
 * from the end of every series, the backtest export, the data and model-quality reports (FCST-R19), the impact
 * scores (FCST-R20); how the job ended ({@link #secondaryStatus()}), its event log and whether it is reproducible
 * (FCST-R21).
 */
public final class ForecastResult {
    private final ForecastJob job;
    private final Frequency frequency;
    private final int seasonalPeriod;
    private final List<LeaderboardRow> leaderboard;
    private final Forecaster forecaster;
    private final ForecastTable forecasts;
    private final int seriesCount;
    private final List<String> warnings;
    private final double seconds;
    private final List<BacktestRow> backtests;
    private final DataReport dataReport;
    private final QualityReport qualityReport;
    private final ForecastExplanation explainability;
    private final SecondaryStatus secondaryStatus;
    private final List<Event> events;
    private final ForecastProvenance provenance;

    /**
     * @param job            the job
     * @param frequency      the frequency used (given or inferred)
     * @param seasonalPeriod the seasonal period used
     * @param leaderboard    rows sorted by objective, best first
     * @param forecaster     the best model (or ensemble), refit on the full history
     * @param forecasts      its forecasts for every series
     * @param seriesCount    number of series
     * @param warnings       data and fitting warnings
     * @param seconds        wall-clock seconds of the whole job
     * @param backtests      backtest forecasts of every model and the ensemble (FCST-R19)
     * @param dataReport     the data report (FCST-R19)
     * @param qualityReport  the model-quality report (FCST-R19)
     * @param explainability impact scores of the final forecasts' attributes, or why there are none (FCST-R20)
     * @param secondaryStatus how the job ended: COMPLETED, MAX_AUTO_ML_JOB_RUNTIME_REACHED or STOPPED
     * @param events         the event log (AUTOML-R55)
     * @param provenance     spec, resolved attributes, data fingerprint, platform, times, reproducibility (FCST-R21)
     */
    public ForecastResult(ForecastJob job, Frequency frequency, int seasonalPeriod, List<LeaderboardRow> leaderboard,
                          Forecaster forecaster, ForecastTable forecasts, int seriesCount, List<String> warnings,
                          double seconds, List<BacktestRow> backtests, DataReport dataReport,
                          QualityReport qualityReport, ForecastExplanation explainability,
                          SecondaryStatus secondaryStatus, List<Event> events, ForecastProvenance provenance) {
        this.job = Objects.requireNonNull(job, "job");
        this.frequency = Objects.requireNonNull(frequency, "frequency");
        this.seasonalPeriod = seasonalPeriod;
        this.leaderboard = List.copyOf(leaderboard);
        this.forecaster = Objects.requireNonNull(forecaster, "forecaster");
        this.forecasts = Objects.requireNonNull(forecasts, "forecasts");
        this.seriesCount = seriesCount;
        this.warnings = List.copyOf(warnings);
        this.seconds = seconds;
        this.backtests = List.copyOf(backtests);
        this.dataReport = Objects.requireNonNull(dataReport, "dataReport");
        this.qualityReport = Objects.requireNonNull(qualityReport, "qualityReport");
        this.explainability = Objects.requireNonNull(explainability, "explainability");
        this.secondaryStatus = Objects.requireNonNull(secondaryStatus, "secondaryStatus");
        JobStatus st = secondaryStatus.jobStatus();
        if (st != JobStatus.COMPLETED && st != JobStatus.STOPPED) {
            throw new IllegalArgumentException("secondaryStatus " + secondaryStatus
                    + " must end a job with a result (COMPLETED, MAX_AUTO_ML_JOB_RUNTIME_REACHED or STOPPED)");
        }

        this.events = List.copyOf(events);
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /** @return the data report: series, lengths, frequency, zero share, missing and filled counts (FCST-R19) */
    public DataReport dataReport() {
        return dataReport;
    }

    /** @return the model-quality report: metrics per window, mean ± std, wQL per quantile (FCST-R19) */
    public QualityReport qualityReport() {
        return qualityReport;
    }

    /**
     * Impact scores of the known covariates, static features and holiday calendar on the final forecasts (FCST-R20),
     * or, when none were produced, the reason.
     *
     * @return the explanation
     */
    public ForecastExplanation explainability() {
        return explainability;
    }

    /** @return COMPLETED, or STOPPED when {@link ForecastRun#stop()} (or an interrupt) ended the job */
    public JobStatus status() {
        return secondaryStatus.jobStatus();
    }

    /**
     * @return COMPLETED (every model ran), MAX_AUTO_ML_JOB_RUNTIME_REACHED (the time budget cut work; the warnings
     *         name what was skipped) or STOPPED
     */
    public SecondaryStatus secondaryStatus() {
        return secondaryStatus;
    }

    /** @return the job's events, oldest first: phase changes, each model's start and end, skipped work, warnings */
    public List<Event> events() {
        return events;
    }

    /**
     * @return true when a rerun with the same data, spec and seed gives bit-identical metrics and forecasts, whatever
     *         the thread count (FCST-R21): false with a time budget or after a stop
     */
    public boolean reproducible() {
        return provenance.reproducible();
    }

    /** @return why the result is (not) reproducible */
    public String reproducibleReason() {
        return provenance.reproducibleReason();
    }

    /** @return the lineage: spec, resolved attributes, data fingerprint, platform, times, reproducibility */
    public ForecastProvenance provenance() {
        return provenance;
    }

    /** @return backtest forecasts of every model (and the ensemble) next to the actuals (FCST-R19) */
    public List<BacktestRow> backtests() {
        return backtests;
    }

    /**
     * Writes the backtest export as CSV: item id, grouping columns (FCST-R2), window, timestamp, model, actual, mean,
     * p10…
     *
     * @param path destination (overwritten)
     */
    public void writeBacktestsCsv(Path path) {
        try (Writer w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get());
            List<Object> header = new ArrayList<>(List.of(job.itemId()));
            header.addAll(job.groupingColumns());
            header.addAll(List.of("window", "timestamp", "model", "actual", "mean"));
            for (double q : job.quantiles()) {
                header.add(ForecastTable.quantileName(q));
            }
            p.printRecord(header);
            for (BacktestRow r : backtests) {
                List<Object> row = new ArrayList<>(List.of(r.itemId()));
                row.addAll(r.groupingValues());
                row.addAll(List.of(r.window(), r.timestamp().toLocalTime()
                        .equals(LocalTime.MIDNIGHT) ? r.timestamp().toLocalDate().toString() : r.timestamp().toString(),
                        r.model(), Double.isNaN(r.actual()) ? "" : r.actual(), r.mean()));
                for (double v : r.quantiles()) {
                    row.add(v);
                }
                p.printRecord(row);
            }
            p.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    /** @return the job */
    public ForecastJob job() {
        return job;
    }

    /** @return the frequency used (given or inferred, FCST-R6) */
    public Frequency frequency() {
        return frequency;
    }

    /** @return the seasonal period used by the models */
    public int seasonalPeriod() {
        return seasonalPeriod;
    }

    /** @return leaderboard rows, best objective first (ties in algorithm order, ENSEMBLE last) */
    public List<LeaderboardRow> leaderboard() {
        return leaderboard;
    }

    /** @return the best row */
    public LeaderboardRow best() {
        return leaderboard.get(0);
    }

    /** @return the chosen forecaster, refit on the full history */
    public Forecaster forecaster() {
        return forecaster;
    }

    /** @return the forecaster's forecasts from the end of every series */
    public ForecastTable forecasts() {
        return forecasts;
    }

    /** @return number of series in the data */
    public int seriesCount() {
        return seriesCount;
    }

    /** @return warnings about the data and the fits */
    public List<String> warnings() {
        return warnings;
    }

    /** @return wall-clock seconds of the job */
    public double seconds() {
        return seconds;
    }
}
