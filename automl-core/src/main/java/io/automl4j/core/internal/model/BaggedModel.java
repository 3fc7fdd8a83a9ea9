package io.automl4j.core.internal.model;

import io.automl4j.api.DataFormatException;
import io.automl4j.api.ProblemType;
import io.automl4j.api.data.Dataset;
import io.automl4j.api.model.Predictions;
import io.automl4j.api.model.Signature;
import io.automl4j.api.model.TrainedModel;
import io.automl4j.api.provenance.Provenance;
import io.automl4j.core.internal.data.ColumnData;
import io.automl4j.core.internal.data.DateFormats;
import io.automl4j.core.internal.data.TypeInference;
import io.automl4j.core.internal.data.TypedTable;
import io.automl4j.core.internal.ensemble.Stacker;
import io.automl4j.core.internal.learn.FeatureMatrix;
import io.automl4j.core.internal.preprocess.FittedPreprocessor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A model that averages its members' predictions (probabilities for classification, values for regression):
 * the k fold models of a bagged candidate (AUTOML-R27). Immutable and thread-safe.
 */
public final class BaggedModel implements TrainedModel {
    private final Signature signature;
    private final Provenance provenance;
    private final Map<String, String> dateFormats;
    private final List<Member> members;
    private final int[] groups;
    private final Stacker stacker;

    /**
     * @param signature   inputs, labels, outputs
     * @param provenance  lineage
     * @param dateFormats DATETIME input column to its {@link DateFormats} name
     * @param members     fold models, weights summing to 1
     */
    public BaggedModel(Signature signature, Provenance provenance, Map<String, String> dateFormats,
                       List<Member> members) {
        this(signature, provenance, dateFormats, members, new int[members.size()], null);
    }

    /**
     * A stacked model (AUTOML-R28a): members are grouped by base candidate ({@code groups[i]} is member i's
     * candidate, 0..m-1, each group's weights summing to 1); each group's weighted average feeds the meta-learner.
     *
     * @param signature   inputs, labels, outputs
     * @param provenance  lineage
     * @param dateFormats DATETIME input column to its {@link DateFormats} name
     * @param members     fold models of every base candidate
     * @param groups      base candidate index per member
     * @param stacker     the meta-learner, or null for a plain weighted average of all members
     */
    public BaggedModel(Signature signature, Provenance provenance, Map<String, String> dateFormats,
                       List<Member> members, int[] groups, Stacker stacker) {
        this.signature = Objects.requireNonNull(signature);
        this.provenance = Objects.requireNonNull(provenance);
        this.dateFormats = Map.copyOf(dateFormats);
        this.members = List.copyOf(members);
        this.groups = groups.clone();
        this.stacker = stacker;
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one member");
        }
        if (groups.length != members.size()) {
            throw new IllegalArgumentException(groups.length + " group indices for " + members.size() + " members");
        }
        int max = java.util.Arrays.stream(groups).max().orElse(0);
        if (java.util.Arrays.stream(groups).min().orElse(0) < 0 || (stacker == null ? max != 0
                : max + 1 != stacker.members())) {
            throw new IllegalArgumentException("member groups do not match the meta-learner's "
                    + (stacker == null ? 1 : stacker.members()) + " inputs");
        }
    }

    @Override
    public Predictions predict(Dataset data) {
        Objects.requireNonNull(data, "data");
        Map<String, Long> warnings = new LinkedHashMap<>();
        TypedTable table = scoringTable(data, warnings);
        return predict(table, warnings);
    }

    /**
     * Converts scoring data to the training column types (AUTOML-R18).
     *
     * @param data     scoring rows
     * @param warnings receives tolerated problems
     * @return typed input columns
     */
    TypedTable scoringTable(Dataset data, Map<String, Long> warnings) {
        List<ColumnData> cols = new ArrayList<>();
        for (Signature.Input in : signature.inputs()) {
            if (!data.hasColumn(in.name())) {
                throw new DataFormatException("feature column '" + in.name() + "' is missing from the data to score;"
                        + " the model needs " + signature.inputNames());
            }
            String f = dateFormats.get(in.name());
            cols.add(TypeInference.parseForScoring(data.column(in.name()), in.type(),
                    f == null ? null : DateFormats.valueOf(f), warnings));
        }
        return new TypedTable(cols, data.rowCount(), warnings);
    }

    /**
     * @param table    typed inputs
     * @param warnings tolerated problems to report
     * @return predictions
     */
    Predictions predict(TypedTable table, Map<String, Long> warnings) {
        double[][] avg = predictRaw(table);
        if (signature.problemType() == ProblemType.REGRESSION) {
            double[] v = new double[avg.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = avg[i][0];
            }
            return Predictions.ofRegression(v, warnings);
        }
        int pos = signature.positiveClass() == null ? -1 : signature.labels().indexOf(signature.positiveClass());
        return Predictions.ofClassification(signature.labels(), pos, avg, warnings);
    }

    /**
     * @param table typed inputs
     * @return weighted average of member outputs; probability rows renormalised to sum to 1
     */
    public double[][] predictRaw(TypedTable table) {
        if (stacker != null) {
            return stacker.apply(groupAverages(table));
        }
        int n = table.rows();
        int width = signature.problemType() == ProblemType.REGRESSION ? 1 : signature.labels().size();
        double[][] out = new double[n][width];
        FittedPreprocessor lastPre = null;
        FeatureMatrix lastX = null;
        for (Member m : members) {
            FeatureMatrix x = m.preprocessor() == lastPre ? lastX : m.preprocessor().transform(table, null);
            lastPre = m.preprocessor();
            lastX = x;
            double[][] p = m.learner().predict(x);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < width; j++) {
                    out[i][j] += m.weight() * p[i][j];
                }
            }
        }
        if (width > 1) {
            for (double[] row : out) {
                double s = 0;
                for (double v : row) {
                    s += v;
                }
                for (int j = 0; j < width; j++) {
                    row[j] /= s;
                }
            }
        }
        return out;
    }

    private List<double[][]> groupAverages(TypedTable table) {
        int n = table.rows();
        int width = signature.problemType() == ProblemType.REGRESSION ? 1 : signature.labels().size();
        List<double[][]> out = new ArrayList<>();
        for (int g = 0; g < stacker.members(); g++) {
            out.add(new double[n][width]);
        }
        FittedPreprocessor lastPre = null;
        FeatureMatrix lastX = null;
        for (int k = 0; k < members.size(); k++) {
            Member m = members.get(k);
            FeatureMatrix x = m.preprocessor() == lastPre ? lastX : m.preprocessor().transform(table, null);
            lastPre = m.preprocessor();
            lastX = x;
            double[][] p = m.learner().predict(x);
            double[][] o = out.get(groups[k]);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < width; j++) {
                    o[i][j] += m.weight() * p[i][j];
                }
            }
        }
        return out;
    }

    @Override
    public Evaluation evaluate(Dataset data) {
        String target = signature.target();
        if (!data.hasColumn(target)) {
            throw new DataFormatException("target column '" + target + "' is missing from the data to evaluate");
        }
        io.automl4j.api.data.Column t = data.column(target);
        boolean regression = signature.problemType() == ProblemType.REGRESSION;
        List<String> labels = signature.labels();
        int n = data.rowCount();
        int[] keep = new int[n];
        double[] y = new double[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            String s = t.text(i);
            if (s == null || s.isBlank()) {
                continue;
            }
            double v;
            if (regression) {
                v = io.automl4j.core.internal.data.Parsing.number(t, i);
                if (Double.isNaN(v) || Double.isInfinite(v)) {
                    continue;
                }
            } else {
                v = labels.indexOf(s.trim());
                if (v < 0) {
                    continue;
                }
            }
            keep[m] = i;
            y[m++] = v;
        }
        if (m == 0) {
            throw new DataFormatException("no row of the data to evaluate has a usable value in target '" + target + "'");
        }
        int[] rows = java.util.Arrays.copyOf(keep, m);
        double[] yy = java.util.Arrays.copyOf(y, m);
        Map<String, Long> warnings = new LinkedHashMap<>();
        TypedTable table = scoringTable(data, warnings).select(rows);
        double[][] p = predictRaw(table);
        double[] w = null;
        String weight = provenance.spec().get("sampleWeightColumn");
        if (weight != null && !weight.equals("null") && data.hasColumn(weight)) {
            w = new double[m];
            for (int i = 0; i < m; i++) {
                double v = io.automl4j.core.internal.data.Parsing.number(data.column(weight), rows[i]);
                w[i] = Double.isNaN(v) || v < 0 || Double.isInfinite(v) ? 0 : v;
            }
        }
        int pos = signature.positiveClass() == null ? -1 : labels.indexOf(signature.positiveClass());
        Map<io.automl4j.api.eval.Metric, Double> metrics = io.automl4j.core.internal.metrics.Metrics.evaluateAll(
                signature.problemType(), regression ? 0 : labels.size(), yy, p, w, pos);
        return new Evaluation(metrics, m, n - m);
    }

    @Override
    public Signature signature() {
        return signature;
    }

    @Override
    public Provenance provenance() {
        return provenance;
    }

    /** @return the members, for persistence */
    public List<Member> members() {
        return members;
    }

    /** @return base candidate index per member (all 0 without a meta-learner), for persistence */
    public int[] groups() {
        return groups.clone();
    }

    /** @return the meta-learner of a stacked model, or null */
    public Stacker stacker() {
        return stacker;
    }

    /** @return DATETIME column formats, for persistence */
    public Map<String, String> dateFormats() {
        return dateFormats;
    }

    @Override
    public void save(Path dir) throws IOException {
        ModelIO.save(this, dir);
    }

    @Override
    public String toString() {
        return "BaggedModel[" + provenance.candidates().stream().map(c -> c.name()).toList() + ", "
                + members.size() + " members, " + signature.problemType() + "]";
    }
}
