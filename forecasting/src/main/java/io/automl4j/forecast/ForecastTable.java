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
import java.util.Optional;

/**
 * Forecasts of many series in one table (FCST-R18): columns item id, timestamp, {@code mean} and one column per
 * quantile named {@code p} + percent ({@code p10}, {@code p50}). Immutable.
 */
public final class ForecastTable {
    private final String itemIdColumn;
    private final double[] quantiles;
    private final List<SeriesForecast> series;

    /**
     * @param itemIdColumn name of the key column
     * @param quantiles    sorted quantile levels
     * @param series       forecasts per series
     */
    public ForecastTable(String itemIdColumn, double[] quantiles, List<SeriesForecast> series) {
        this.itemIdColumn = itemIdColumn;
        this.quantiles = quantiles.clone();
        this.series = List.copyOf(series);
    }

    /** @return the forecasts, in the order series first appear in the data */
    public List<SeriesForecast> series() {
        return series;
    }

    /**
     * @param itemId a series key
     * @return its forecast, if present
     */
    public Optional<SeriesForecast> get(String itemId) {
        return series.stream().filter(s -> s.itemId().equals(itemId)).findFirst();
    }

    /** @return the quantile levels (a copy) */
    public double[] quantiles() {
        return quantiles.clone();
    }

    /** @return the column names: item id, timestamp, mean, p10… */
    public List<String> columnNames() {
        List<String> names = new ArrayList<>();
        names.add(itemIdColumn);
        names.add("timestamp");
        names.add("mean");
        for (double q : quantiles) {
            names.add(quantileName(q));
        }
        return names;
    }

    /**
     * @param level a quantile level such as 0.1
     * @return its column name, e.g. {@code p10}
     */
    public static String quantileName(double level) {
        return "p" + Math.round(level * 100);
    }

    /**
     * Writes the table as CSV with a header row. Timestamps at midnight are written as dates.
     *
     * @param out the destination
     */
    public void writeCsv(Writer out) {
        try {
            CSVPrinter p = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get());
            p.printRecord(columnNames());
            for (SeriesForecast s : series) {
                for (int t = 0; t < s.horizon(); t++) {
                    List<Object> row = new ArrayList<>();
                    row.add(s.itemId());
                    row.add(s.timestamps().get(t).toLocalTime().equals(LocalTime.MIDNIGHT)
                            ? s.timestamps().get(t).toLocalDate().toString() : s.timestamps().get(t).toString());
                    row.add(s.mean()[t]);
                    for (int q = 0; q < quantiles.length; q++) {
                        row.add(s.quantile(q)[t]);
                    }
                    p.printRecord(row);
                }
            }
            p.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @param path destination file (overwritten) */
    public void writeCsv(Path path) {
        try (Writer w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            writeCsv(w);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }
}
