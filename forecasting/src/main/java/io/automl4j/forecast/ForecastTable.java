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
import java.util.Optional;

/**
 * Forecasts of many series in one table (FCST-R18): the key columns (item id, then the job's grouping columns, FCST-R2),
 * timestamp, {@code mean} and one column per quantile named {@code p} + percent ({@code p10}, {@code p50}).
 * Immutable.
 */
public final class ForecastTable {
    private final String itemIdColumn;
    private final List<String> groupingColumns;
    private final double[] quantiles;
    private final List<SeriesForecast> series;

    /**
     * A table of a job without grouping columns.
     *
     * @param itemIdColumn name of the key column
     * @param quantiles    sorted quantile levels
     * @param series       forecasts per series
     */
    public ForecastTable(String itemIdColumn, double[] quantiles, List<SeriesForecast> series) {
        this(itemIdColumn, List.of(), quantiles, series);
    }

    /**
     * @param itemIdColumn    name of the item-id column
     * @param groupingColumns names of the grouping columns (FCST-R2), in order; every series carries one value each
     * @param quantiles       sorted quantile levels
     * @param series          forecasts per series
     * @throws IllegalArgumentException when a series has another number of grouping values
     */
    public ForecastTable(String itemIdColumn, List<String> groupingColumns, double[] quantiles,
                         List<SeriesForecast> series) {
        this.itemIdColumn = Objects.requireNonNull(itemIdColumn, "itemIdColumn");
        this.groupingColumns = List.copyOf(groupingColumns);
        this.quantiles = quantiles.clone();
        this.series = List.copyOf(series);
        for (SeriesForecast s : this.series) {
            if (s.groupingValues().size() != this.groupingColumns.size()) {
                throw new IllegalArgumentException("series '" + s.itemId() + "' has grouping values "
                        + s.groupingValues() + " but the table's grouping columns are " + this.groupingColumns);
            }
        }
    }

    /** @return the forecasts, in the order series first appear in the data */
    public List<SeriesForecast> series() {
        return series;
    }

    /**
     * @param itemId the item id of a series of a job without grouping columns
     * @return its forecast, if present
     * @throws IllegalStateException when the table has grouping columns (use {@link #get(String, String...)})
     */
    public Optional<SeriesForecast> get(String itemId) {
        if (!groupingColumns.isEmpty()) {
            throw new IllegalStateException("series are keyed by item id and grouping columns " + groupingColumns
                    + "; use get(itemId, groupingValues...) with " + groupingColumns.size() + " value(s)");
        }
        return get(itemId, new String[0]);
    }

    /**
     * Looks a series up by its full key (FCST-R2).
     *
     * @param itemId         the item id
     * @param groupingValues one value per grouping column, in their order; null or an empty string for a missing
     *                       value
     * @return its forecast, if present
     * @throws IllegalArgumentException when the number of values differs from the number of grouping columns
     */
    public Optional<SeriesForecast> get(String itemId, String... groupingValues) {
        Objects.requireNonNull(groupingValues, "groupingValues");
        if (groupingValues.length != groupingColumns.size()) {
            throw new IllegalArgumentException(groupingValues.length + " grouping value(s) given, the table's grouping"
                    + " columns are " + groupingColumns + " (" + groupingColumns.size() + ")");
        }
        List<String> key = new ArrayList<>(groupingValues.length);
        for (String v : groupingValues) {
            key.add(v == null ? "" : v);
        }
        return series.stream().filter(s -> s.itemId().equals(itemId) && s.groupingValues().equals(key)).findFirst();
    }

    /** @return the grouping columns (FCST-R2), empty when series are keyed by the item id alone */
    public List<String> groupingColumns() {
        return groupingColumns;
    }

    /** @return the quantile levels (a copy) */
    public double[] quantiles() {
        return quantiles.clone();
    }

    /** @return the column names: item id, grouping columns, timestamp, mean, p10… */
    public List<String> columnNames() {
        List<String> names = new ArrayList<>();
        names.add(itemIdColumn);
        names.addAll(groupingColumns);
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
     * Writes the table as CSV with a header row ({@link #columnNames()}). Timestamps at midnight are written as
     * dates; a missing grouping value is an empty cell.
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
                    row.addAll(s.groupingValues());
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
