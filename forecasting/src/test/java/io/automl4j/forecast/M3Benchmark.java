package io.automl4j.forecast;

import io.automl4j.api.data.Dataset;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * End-to-end M3 comparison (not a unit test; run by {@code benchmarks/scripts/forecast-m3.sh}): holds out the last h
 * points of every series, forecasts them with ETS, ARIMA, THETA (each fit once per series), GLOBAL_GBM (one model
 * over all series) and the automatic job
 * (backtests + ensemble), and prints sMAPE (M4), MASE (m = 4) and wall-clock seconds.
 *
 * <p>Usage: {@code M3Benchmark <file.csv> <out-dir> [h=8] [threads] [algorithms=ETS,ARIMA,THETA,AUTO; GLOBAL_GBM too]
 * [frequency=Q] [m=4] [holidayCountry]} (m = seasonal period of the models and of the MASE scale, as R's
 * {@code frequency(x)}; holidayCountry, e.g. US, is used by PROPHET_LIKE and AUTO).
 */
public final class M3Benchmark {
    private M3Benchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int h = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : Runtime.getRuntime().availableProcessors();
        String[] methods = (args.length > 4 ? args[4] : "ETS,ARIMA,THETA,AUTO").split(",");
        String frequency = args.length > 5 ? args[5] : "Q";
        int period = args.length > 6 ? Integer.parseInt(args[6]) : 4;
        String holidayCountry = args.length > 7 ? args[7] : null;
        Files.createDirectories(out);
        Dataset all = Dataset.readCsv(file);
        Map<String, List<Double>> values = new LinkedHashMap<>();
        Map<String, List<String>> times = new LinkedHashMap<>();
        for (int r = 0; r < all.rowCount(); r++) {
            String id = all.column("item_id").text(r);
            values.computeIfAbsent(id, k -> new ArrayList<>()).add(Double.parseDouble(all.column("target").text(r)));
            times.computeIfAbsent(id, k -> new ArrayList<>()).add(all.column("timestamp").text(r));
        }
        List<String> ids = new ArrayList<>();
        List<String> tIds = new ArrayList<>();
        List<String> tTimes = new ArrayList<>();
        List<Object> tY = new ArrayList<>();
        for (String id : values.keySet()) {
            List<Double> v = values.get(id);
            ids.add(id);
            for (int i = 0; i < v.size() - h; i++) {
                tIds.add(id);
                tTimes.add(times.get(id).get(i));
                tY.add(v.get(i));
            }
        }
        Dataset train = Dataset.builder().column("item_id", tIds).column("timestamp", tTimes)
                .column("target", tY).build();
        ForecastJob.Builder base = ForecastJob.builder().itemId("item_id").timestamp("timestamp").target("target")
                .horizon(h).frequency(frequency).seasonalPeriod(period).threads(threads).seed(1);
        if (holidayCountry != null) {
            base.holidayCountry(holidayCountry);
        }
        System.out.println("method,sMAPE,MASE,seconds");
        try (PrintWriter pw = new PrintWriter(Files.newBufferedWriter(out.resolve("automl4j_forecasts_t" + threads
                + ".csv")))) {
            pw.println("item_id,method,step,forecast");
            for (String method : methods) {
                long t0 = System.nanoTime();
                ForecastTable table;
                String label = method;
                if (method.equals("AUTO")) {
                    ForecastResult r = base.build().fit(train);
                    table = r.forecasts();
                    label = "AUTO(" + r.forecaster().name() + " " + r.forecaster().weights() + ")";
                } else {
                    ForecastJob job = base.build();
                    table = Forecaster.of(job, ForecastAlgorithm.valueOf(method)).predict(train);
                }
                double secs = (System.nanoTime() - t0) / 1e9;
                double smape = 0;
                double mase = 0;
                for (SeriesForecast sf : table.series()) {
                    List<Double> v = values.get(sf.itemId());
                    int n = v.size() - h;
                    double[] f = sf.mean();
                    double s = 0;
                    double e = 0;
                    for (int t = 0; t < h; t++) {
                        double y = v.get(n + t);
                        s += 200 * Math.abs(y - f[t]) / (Math.abs(y) + Math.abs(f[t]));
                        e += Math.abs(y - f[t]);
                        pw.printf(Locale.ROOT, "%s,%s,%d,%.10g%n", sf.itemId(), method, t + 1, f[t]);
                    }
                    double scale = 0;
                    for (int t = period; t < n; t++) {
                        scale += Math.abs(v.get(t) - v.get(t - period));
                    }
                    scale /= n - period;
                    smape += s / h;
                    mase += e / h / scale;
                }
                int k = table.series().size();
                System.out.printf(Locale.ROOT, "%s,%.4f,%.4f,%.2f%n", label.replace(',', ';'), smape / k, mase / k,
                        secs);
            }
        }
    }
}
