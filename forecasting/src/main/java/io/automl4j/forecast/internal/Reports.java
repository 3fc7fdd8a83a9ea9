package io.automl4j.forecast.internal;

import io.automl4j.forecast.DataReport;
import io.automl4j.forecast.ForecastAlgorithm;
import io.automl4j.forecast.ForecastMetric;
import io.automl4j.forecast.ForecastTable;
import io.automl4j.forecast.QualityReport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the FCST-R19 data and model-quality reports from what the engine computed (no metric code of its own). */
final class Reports {
    private Reports() {
    }

    /**
     * @param loaded      the loaded history
     * @param warnings    warnings about the data
     * @param futureFills filled future steps of known covariates
     * @return the data report
     */
    static DataReport data(SeriesLoader.Loaded loaded, List<String> warnings,
                           List<SeriesLoader.FillCount> futureFills) {
        List<Series> series = loaded.series();
        int[] len = series.stream().mapToInt(Series::length).sorted().toArray();
        int n = len.length;
        double median = n == 0 ? Double.NaN : n % 2 == 1 ? len[n / 2] : (len[n / 2 - 1] + len[n / 2]) / 2.0;
        long steps = 0;
        long zeros = 0;
        long present = 0;
        for (Series s : series) {
            steps += s.length();
            for (double v : s.values()) {
                if (!Double.isNaN(v)) {
                    present++;
                    zeros += v == 0 ? 1 : 0;
                }
            }
        }
        List<DataReport.Filling> fills = new ArrayList<>();
        for (List<SeriesLoader.FillCount> list : List.of(loaded.fills(), futureFills)) {
            for (SeriesLoader.FillCount f : list) {
                fills.add(new DataReport.Filling(f.column(), f.range(), f.series(), f.missing(), f.filled(),
                        f.method()));
            }
        }
        return new DataReport(n, loaded.frequency(), loaded.inferred(), n == 0 ? 0 : len[0], median,
                n == 0 ? 0 : len[n - 1], steps, loaded.missingTargets(), present == 0 ? Double.NaN
                : zeros / (double) present, fills, warnings, loaded.keyColumns());
    }

    /**
     * One model's entry of the quality report.
     *
     * @param name      model name
     * @param perWindow every metric per window (NaN when undefined)
     * @param scored    scored series per window
     * @param wql       [window][level] wQL
     * @param levels    quantile levels
     */
    static QualityReport.Model model(String name, List<Map<ForecastMetric, Double>> perWindow, int[] scored,
                                     double[][] wql, double[] levels, double fitSeconds,
                                     Map<ForecastAlgorithm, Double> weights, int fallbacks) {
        List<QualityReport.Window> windows = new ArrayList<>();
        for (int k = 0; k < perWindow.size(); k++) {
            Map<String, Double> q = new LinkedHashMap<>();
            for (int j = 0; j < levels.length; j++) {
                q.put(ForecastTable.quantileName(levels[j]), wql[k][j]);
            }
            windows.add(new QualityReport.Window(k + 1, scored[k], perWindow.get(k), q));
        }
        Map<ForecastMetric, Double> mean = new EnumMap<>(ForecastMetric.class);
        Map<ForecastMetric, Double> std = new EnumMap<>(ForecastMetric.class);
        for (ForecastMetric m : ForecastMetric.values()) {
            double[] v = perWindow.stream().mapToDouble(w -> w.getOrDefault(m, Double.NaN)).toArray();
            mean.put(m, meanStd(v)[0]);
            std.put(m, meanStd(v)[1]);
        }
        Map<String, Double> qMean = new LinkedHashMap<>();
        Map<String, Double> qStd = new LinkedHashMap<>();
        for (int j = 0; j < levels.length; j++) {
            final int jj = j;
            double[] ms = meanStd(Arrays.stream(wql).mapToDouble(w -> w[jj]).toArray());
            qMean.put(ForecastTable.quantileName(levels[j]), ms[0]);
            qStd.put(ForecastTable.quantileName(levels[j]), ms[1]);
        }
        return new QualityReport.Model(name, windows, mean, std, qMean, qStd, fitSeconds, weights, fallbacks);
    }

    /** Mean and sample standard deviation of the defined values (NaN, NaN when none; std 0 with one). */
    static double[] meanStd(double[] v) {
        double s = 0;
        int n = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                s += x;
                n++;
            }
        }
        if (n == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double mu = s / n;
        double ss = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                ss += (x - mu) * (x - mu);
            }
        }
        return new double[] {mu, n > 1 ? Math.sqrt(ss / (n - 1)) : 0};
    }
}
