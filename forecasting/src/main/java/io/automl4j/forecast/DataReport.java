package io.automl4j.forecast;

import io.automl4j.forecast.internal.ReportJson;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The data report of a forecasting job (FCST-R19): what was loaded after bucketing, aggregation (FCST-R2) and
 * filling (FCST-R13). Immutable.
 *
 * @param seriesCount        number of series
 * @param frequency          the frequency used
 * @param frequencyInferred  whether it was inferred (FCST-R6)
 * @param minLength          shortest regularised series, in steps
 * @param medianLength       median length
 * @param maxLength          longest series
 * @param steps              regularised steps over all series
 * @param missingTargetRows  input rows whose target was missing
 * @param zeroShare          share of zero targets among the non-missing steps after filling (CROSTON/TSB run on
 *                           series with a zero share ≥ 30%)
 * @param filling            missing and filled counts per column and range (middle, back, future)
 * @param warnings           warnings about the data (columns ignored, fillings, short series, …)
 * @param seriesKey          the columns that identify a series: the item id, then the grouping columns (FCST-R2)
 */
public record DataReport(int seriesCount, Frequency frequency, boolean frequencyInferred, int minLength,
                         double medianLength, int maxLength, long steps, long missingTargetRows, double zeroShare,
                         List<Filling> filling, List<String> warnings, List<String> seriesKey) {
    /**
     * Gaps of one column in one range.
     *
     * @param column  column name
     * @param range   {@code middle} (inside a series), {@code back} (after its end up to the dataset's last timestamp)
     *                or {@code future} (forecast steps, known covariates)
     * @param series  series with at least one gap in the range
     * @param missing steps without a value
     * @param filled  steps filled (0 for the target with {@code nan} and for categorical covariates, whose missing
     *                values are their own level)
     * @param method  filling method, e.g. {@code zero}, {@code value:2.0}, {@code mean}, {@code missing level}
     */
    public record Filling(String column, String range, int series, long missing, long filled, String method) {
        /** Validates. */
        public Filling {
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(range, "range");
            Objects.requireNonNull(method, "method");
        }
    }

    /** Copies the lists. */
    public DataReport {
        Objects.requireNonNull(frequency, "frequency");
        filling = List.copyOf(filling);
        warnings = List.copyOf(warnings);
        seriesKey = List.copyOf(seriesKey);
    }

    /** @return the report as pretty-printed JSON (undefined numbers as null) */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("formatVersion", 1);
        m.put("seriesCount", seriesCount);
        m.put("seriesKey", seriesKey);
        m.put("frequency", frequency.toString());
        m.put("frequencyInferred", frequencyInferred);
        Map<String, Object> len = new LinkedHashMap<>();
        len.put("min", minLength);
        len.put("median", medianLength);
        len.put("max", maxLength);
        m.put("length", len);
        m.put("steps", steps);
        m.put("missingTargetRows", missingTargetRows);
        m.put("zeroShare", zeroShare);
        m.put("filling", filling.stream().map(f -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("column", f.column());
            x.put("range", f.range());
            x.put("series", f.series());
            x.put("missing", f.missing());
            x.put("filled", f.filled());
            x.put("method", f.method());
            return x;
        }).toList());
        m.put("warnings", warnings);
        return ReportJson.write(m);
    }
}
