package io.automl4j.forecast;

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
 * from the end of every series, the backtest export and the data and model-quality reports (FCST-R19).
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
     */
    public ForecastResult(ForecastJob job, Frequency frequency, int seasonalPeriod, List<LeaderboardRow> leaderboard,
                          Forecaster forecaster, ForecastTable forecasts, int seriesCount, List<String> warnings,
                          double seconds, List<BacktestRow> backtests, DataReport dataReport,
                          QualityReport qualityReport, ForecastExplanation explainability) {
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

    /** @return backtest forecasts of every model (and the ensemble) next to the actuals (FCST-R19) */
    public List<BacktestRow> backtests() {
        return backtests;
    }

    /**
     * Writes the backtest export as CSV: item id, window, timestamp, model, actual, mean, p10…
     *
     * @param path destination (overwritten)
     */
    public void writeBacktestsCsv(Path path) {
        try (Writer w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get());
            List<Object> header = new ArrayList<>(List.of(job.itemId(), "window", "timestamp", "model", "actual",
                    "mean"));
            for (double q : job.quantiles()) {
                header.add(ForecastTable.quantileName(q));
            }
            p.printRecord(header);
            for (BacktestRow r : backtests) {
                List<Object> row = new ArrayList<>(List.of(r.itemId(), r.window(), r.timestamp().toLocalTime()
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
