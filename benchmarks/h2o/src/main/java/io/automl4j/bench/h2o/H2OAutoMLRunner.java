package io.automl4j.bench.h2o;

import ai.h2o.automl.AutoML;
import ai.h2o.automl.AutoMLBuildSpec;
import com.google.gson.GsonBuilder;
import hex.Model;
import hex.ModelMetrics;
import hex.ModelMetricsBinomial;
import hex.ModelMetricsMultinomial;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import water.DKV;
import water.H2O;
import water.H2OStarter;
import water.Key;
import water.fvec.Frame;
import water.fvec.Vec;
import water.util.FrameUtils;

/**
 * Runs H2O AutoML 3.44.0.1 once, embedded in this JVM, with the protocol of the shared reference numbers
 * ({@code shared/bench/h2o-3.44.0.1-60s.tsv}): {@code max_runtime_secs = budget}, the given seed (42 for the
 * reference), all other settings at H2O's defaults, the leaderboard ranked on the test part
 * ({@code leaderboard_frame = test}); for classification the target is converted to a factor in both frames.
 * With the environment variable {@code H2O_LEADERBOARD=cv} the leaderboard frame is left unset, so H2O ranks its
 * models by their 5-fold cross-validation metrics on the training part and the leader is chosen without looking at
 * the test part (the selection automl4j makes on its own holdout); {@code leaderboard_value} is then the leader's
 * cross-validation metric.
 *
 * <p>Usage: {@code H2OAutoMLRunner TRAIN.csv TEST.csv TARGET binary|multiclass|regression BUDGET_S SEED [OUT.json]}
 *
 * <p>Reports the leader's metric on the test frame (AUC for binary, LogLoss for multiclass, RMSE for regression),
 * obtained by scoring the leader on the test frame, the number of models on the leaderboard (stacked ensembles
 * included), the leader's algorithm and the seconds of the AutoML phase alone (start to {@code get()} returning).
 * The result is one JSON object written to OUT.json (if given) and one line {@code H2O_RESULT<TAB>json} on stdout;
 * H2O's own log also goes to stdout/stderr. Benchmark tool only: it prints and calls {@link System#exit}.
 */
public final class H2OAutoMLRunner {

  private H2OAutoMLRunner() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 6 || args.length > 7) {
      usage("expected 6 or 7 arguments, got " + args.length);
    }
    File train = new File(args[0]);
    File test = new File(args[1]);
    String target = args[2];
    String task = args[3];
    if (!task.equals("binary") && !task.equals("multiclass") && !task.equals("regression")) {
      usage("task must be binary, multiclass or regression, got '" + task + "'");
    }
    double budget = parseDouble(args[4], "budget seconds");
    if (!(budget > 0) || Double.isInfinite(budget)) {
      usage("budget seconds must be a finite number > 0, got " + args[4]);
    }
    long seed = parseLong(args[5], "seed");
    for (File f : new File[] {train, test}) {
      if (!f.isFile()) {
        usage("no such file: " + f);
      }
    }
    Path out = args.length == 7 ? Path.of(args[6]) : null;

    int status = 0;
    try {
      Map<String, Object> result = run(train, test, target, task, budget, seed);
      String json = new GsonBuilder().serializeSpecialFloatingPointValues().create().toJson(result);
      if (out != null) {
        Files.writeString(out, json + "\n", StandardCharsets.UTF_8);
      }
      System.out.println("H2O_RESULT\t" + json);
    } catch (Throwable t) {
      t.printStackTrace();
      status = 1;
    } finally {
      System.out.flush();
      System.err.flush();
      // H2O's non-daemon threads keep the JVM alive otherwise.
      System.exit(status);
    }
  }

  static Map<String, Object> run(File trainFile, File testFile, String target, String task, double budget, long seed)
      throws IOException {
    long t0 = System.nanoTime();
    H2OStarter.start(new String[] {"-ip", "127.0.0.1", "-port", "54321", "-name", "h2o-runner-" + ProcessHandle.current().pid()}, true);
    H2O.waitForCloudSize(1, 60_000);
    double startSeconds = seconds(t0);

    long t1 = System.nanoTime();
    Frame train = FrameUtils.parseFrame(Key.make("train"), trainFile);
    Frame test = FrameUtils.parseFrame(Key.make("test"), testFile);
    if (train.find(target) < 0) {
      throw new IllegalArgumentException("target column '" + target + "' not in " + trainFile
          + " (columns: " + String.join(",", train.names()) + ")");
    }
    if (test.find(target) < 0) {
      throw new IllegalArgumentException("target column '" + target + "' not in " + testFile);
    }
    if (!task.equals("regression")) {
      toFactor(train, target);
      toFactor(test, target);
    } else if (!train.vec(target).isNumeric()) {
      throw new IllegalArgumentException("regression target '" + target + "' is not numeric in " + trainFile
          + " (H2O type " + train.vec(target).get_type_str() + ")");
    }
    for (String name : train.names()) {
      Vec a = train.vec(name);
      Vec b = test.vec(name);
      if (b == null) {
        throw new IllegalArgumentException("column '" + name + "' of " + trainFile + " missing in " + testFile);
      }
      if (a.get_type() != b.get_type()) {
        System.err.printf(Locale.ROOT, "WARN column '%s' parsed as %s in train but %s in test (H2O adapts it at scoring)%n",
            name, a.get_type_str(), b.get_type_str());
      }
    }
    double parseSeconds = seconds(t1);

    AutoMLBuildSpec spec = new AutoMLBuildSpec();
    spec.input_spec.training_frame = train._key;
    boolean cvLeaderboard = "cv".equals(System.getenv("H2O_LEADERBOARD"));
    if (!cvLeaderboard) {
      spec.input_spec.leaderboard_frame = test._key;
    }
    spec.input_spec.response_column = target;
    spec.build_control.stopping_criteria.set_max_runtime_secs(budget);
    spec.build_control.stopping_criteria.set_seed(seed);

    long t2 = System.nanoTime();
    AutoML aml = AutoML.startAutoML(spec);
    aml.get();
    double automlSeconds = seconds(t2);

    Model<?, ?, ?> leader = aml.leader();
    if (leader == null) {
      throw new IllegalStateException("H2O AutoML produced no model within " + budget + " s");
    }
    Frame preds = leader.score(test);
    preds.delete();
    ModelMetrics mm = ModelMetrics.getFromDKV(leader, test);
    String metric;
    double value;
    switch (task) {
      case "binary":
        metric = "AUC";
        value = ((ModelMetricsBinomial) mm).auc();
        break;
      case "multiclass":
        metric = "LogLoss";
        value = ((ModelMetricsMultinomial) mm).logloss();
        break;
      default:
        metric = "RMSE";
        value = mm.rmse();
        break;
    }
    // Ranked on the same test frame, the leaderboard's value for the leader must agree; with H2O_LEADERBOARD=cv it
    // is the leader's cross-validation metric.
    double leaderboardValue = aml.leaderboard().getMetricValues(metric.toLowerCase(Locale.ROOT))[0];

    Map<String, Object> r = new LinkedHashMap<>();
    r.put("h2o_version", H2O.ABV.projectVersion());
    r.put("task", task);
    r.put("target", target);
    r.put("metric", metric);
    r.put("value", value);
    r.put("leaderboard", cvLeaderboard ? "cv" : "test");
    r.put("leaderboard_value", leaderboardValue);
    r.put("models", aml.leaderboard().getModelCount());
    r.put("leader", leader._parms.algoName());
    r.put("leader_id", leader._key.toString());
    r.put("budget_s", budget);
    r.put("seed", seed);
    r.put("train_rows", train.numRows());
    r.put("test_rows", test.numRows());
    r.put("cluster_start_s", round1(startSeconds));
    r.put("parse_s", round1(parseSeconds));
    r.put("automl_s", round1(automlSeconds));
    r.put("nthreads", H2O.ARGS.nthreads);
    return r;
  }

  private static void toFactor(Frame f, String column) {
    Vec v = f.vec(column);
    if (!v.isCategorical()) {
      f.replace(f.find(column), v.toCategoricalVec()).remove();
      DKV.put(f);
    }
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private static double round1(double x) {
    return Math.round(x * 10) / 10.0;
  }

  private static double parseDouble(String s, String what) {
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      usage(what + " must be a number, got '" + s + "'");
      throw new AssertionError(e);
    }
  }

  private static long parseLong(String s, String what) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      usage(what + " must be an integer, got '" + s + "'");
      throw new AssertionError(e);
    }
  }

  private static void usage(String problem) {
    PrintStream err = System.err;
    err.println("error: " + problem);
    err.println("usage: H2OAutoMLRunner TRAIN.csv TEST.csv TARGET binary|multiclass|regression BUDGET_S SEED [OUT.json]");
    System.exit(2);
  }
}
