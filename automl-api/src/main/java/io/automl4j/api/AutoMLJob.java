package io.automl4j.api;

import io.automl4j.api.data.ColumnType;
import io.automl4j.api.data.Dataset;
import io.automl4j.api.eval.Metric;
import io.automl4j.api.hpo.ParameterRanges;
import io.automl4j.api.hpo.Strategy;
import io.automl4j.api.hpo.Surrogate;
import io.automl4j.api.hpo.WarmStartType;
import io.automl4j.api.spi.Engines;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * An immutable AutoML job spec (AUTOML-R1, R2). Build one, then {@link #fit(Dataset)}:
 *
 * <pre>{@code
 * AutoMLJob job = AutoMLJob.builder()
 *     .target("class")
 *     .objectiveMetric(Metric.AUC)   // implies BINARY_CLASSIFICATION
 *     .maxCandidates(7)              // count budget: reproducible
 *     .seed(42L)
 *     .build();
 * AutoMLResult result = job.fit(Dataset.readCsv(Path.of("credit.csv")));
 * System.out.println(result.leaderboard());
 * }</pre>
 *
 * Setters validate at once ({@link IllegalArgumentException} naming the value; {@link IllegalStateException} when a
 * one-shot option is set twice); cross-field rules run in {@link Builder#build()}; rules that need the data run at
 * the start of {@code fit} and throw {@link InvalidJobSpecException}.
 */
public final class AutoMLJob {
    /** The seed used when none is set. */
    public static final long DEFAULT_SEED = 12345L;
    /** AUTO resolves to HPO above this many bytes of training data (AUTOML-R11). */
    public static final long DEFAULT_AUTO_MODE_THRESHOLD_BYTES = 100_000_000L;
    /** Default bagging / CV folds. */
    public static final int DEFAULT_FOLDS = 5;
    /** Default share of rows held out for model selection (AUTOML-R17). */
    public static final double DEFAULT_VALIDATION_FRACTION = 0.2;
    /** Default number of candidates trained at the same time. */
    public static final int DEFAULT_MAX_PARALLEL_CANDIDATES = 4;
    /** Longest allowed job runtime. */
    public static final Duration MAX_JOB_RUNTIME = Duration.ofDays(30);
    /** Algorithms searched by HYPERPARAMETER_TUNING when none are set (AUTOML-R30). */
    public static final Set<Algorithm> DEFAULT_HPO_ALGORITHMS = Collections.unmodifiableSet(
            EnumSet.of(Algorithm.XGBOOST, Algorithm.GBDT, Algorithm.LINEAR, Algorithm.MLP));
    /** Most trials (or GRID combinations) of a HYPERPARAMETER_TUNING job (AUTOML-R2, R31). */
    public static final int MAX_HPO_CANDIDATES = 750;

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9])*");

    private final String name;
    private final String target;
    private final ProblemType problemType;
    private final Metric objectiveMetric;
    private final String positiveClass;
    private final Mode mode;
    private final long autoModeThresholdBytes;
    private final List<String> features;
    private final Map<String, ColumnType> columnTypes;
    private final String sampleWeightColumn;
    private final int folds;
    private final Integer maxCandidates;
    private final Duration maxRuntimePerCandidate;
    private final Duration maxJobRuntime;
    private final Set<Algorithm> algorithms;
    private final int threads;
    private final Dataset validationData;
    private final double validationFraction;
    private final boolean validationFractionExplicit;
    private final boolean refitFull;
    private final int maxParallelCandidates;
    private final int ensembleSelectionRounds;
    // HYPERPARAMETER_TUNING options (AUTOML-R31-R38)
    private final Strategy hpoStrategy;
    private final Surrogate bayesianSurrogate;
    private final Map<Algorithm, ParameterRanges> parameterRanges;
    private final boolean earlyStopping;
    private final Double targetObjectiveValue;
    private final Integer maxCandidatesNotImproving;
    private final boolean completeOnConvergence;
    private final Integer hyperbandMinResource;
    private final Integer hyperbandMaxResource;
    private final WarmStartType warmStartType;
    private final List<AutoMLResult> warmStartParents;
    private final List<String> hpoOptionsSet;
    private final long seed;
    private final InstantSource clock;
    private final List<Consumer<Event>> listeners;

    private AutoMLJob(Builder b) {
        this.name = b.name;
        this.target = b.target;
        this.problemType = b.problemType;
        this.objectiveMetric = b.objectiveMetric;
        this.positiveClass = b.positiveClass;
        this.mode = b.mode == null ? Mode.AUTO : b.mode;
        this.autoModeThresholdBytes = b.autoModeThresholdBytes;
        this.features = b.features;
        this.columnTypes = Collections.unmodifiableMap(new LinkedHashMap<>(b.columnTypes));
        this.sampleWeightColumn = b.sampleWeightColumn;
        this.folds = b.folds;
        this.maxCandidates = b.maxCandidates;
        this.maxRuntimePerCandidate = b.maxRuntimePerCandidate;
        this.maxJobRuntime = b.maxJobRuntime;
        this.algorithms = b.algorithms == null ? null : Collections.unmodifiableSet(EnumSet.copyOf(b.algorithms));
        this.threads = b.threads;
        this.validationData = b.validationData;
        this.validationFraction = b.validationFraction;
        this.validationFractionExplicit = b.validationFractionSet;
        this.refitFull = b.refitFull;
        this.maxParallelCandidates = b.maxParallelCandidates;
        this.ensembleSelectionRounds = b.ensembleSelectionRounds;
        this.hpoStrategy = b.hpoStrategy;
        this.bayesianSurrogate = b.bayesianSurrogate == null ? Surrogate.TPE : b.bayesianSurrogate;
        this.parameterRanges = Collections.unmodifiableMap(new java.util.EnumMap<>(b.parameterRanges));
        this.earlyStopping = b.earlyStopping != null && b.earlyStopping;
        this.targetObjectiveValue = b.targetObjectiveValue;
        this.maxCandidatesNotImproving = b.maxCandidatesNotImproving;
        this.completeOnConvergence = b.completeOnConvergence != null && b.completeOnConvergence;
        this.hyperbandMinResource = b.hyperbandMinResource;
        this.hyperbandMaxResource = b.hyperbandMaxResource;
        this.warmStartType = b.warmStartType;
        this.warmStartParents = b.warmStartParents;
        this.hpoOptionsSet = b.hpoOptionsSet();
        this.seed = b.seed;
        this.clock = b.clock;
        this.listeners = List.copyOf(b.listeners);
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the job and blocks until it ends. Interrupting the calling thread acts as {@link AutoMLRun#stop()}: the
     * job returns what completed so far (the thread's interrupt flag is set again on return).
     *
     * @param data training data (the target column and every feature column)
     * @return the result: leaderboard, candidates, best model, events, provenance
     * @throws InvalidJobSpecException when the spec does not fit the data (AUTOML-R4), naming the value
     * @throws TrainingFailedException when no candidate completes (AUTOML-R5)
     * @throws IllegalStateException   when no engine ({@code automl-core}) is on the classpath
     */
    public AutoMLResult fit(Dataset data) {
        Objects.requireNonNull(data, "data");
        return Engines.engine().fit(this, data);
    }

    /**
     * Starts the job on a background thread and returns at once (AUTOML-R1).
     *
     * @param data training data (the target column and every feature column)
     * @return a handle to watch, stop and await the job
     * @throws IllegalStateException when no engine ({@code automl-core}) is on the classpath
     */
    public AutoMLRun start(Dataset data) {
        Objects.requireNonNull(data, "data");
        return Engines.engine().start(this, data);
    }

    /** @return the job name, or empty when it is generated at fit time ({@code automl-<yyyyMMdd-HHmmss>-<hex>}) */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /** @return the target column */
    public String target() {
        return target;
    }

    /** @return the explicit problem type, or empty when inferred (AUTOML-R6) */
    public Optional<ProblemType> problemType() {
        return Optional.ofNullable(problemType);
    }

    /** @return the explicit objective, or empty for the problem type's default (AUTOML-R8) */
    public Optional<Metric> objectiveMetric() {
        return Optional.ofNullable(objectiveMetric);
    }

    /** @return the explicit positive class, or empty for the minority class (AUTOML-R10) */
    public Optional<String> positiveClass() {
        return Optional.ofNullable(positiveClass);
    }

    /** @return the mode (AUTO by default) */
    public Mode mode() {
        return mode;
    }

    /** @return the AUTO-mode size threshold in bytes */
    public long autoModeThresholdBytes() {
        return autoModeThresholdBytes;
    }

    /** @return explicit feature columns, or empty for all columns but the target and weight */
    public Optional<List<String>> features() {
        return Optional.ofNullable(features);
    }

    /** @return column type overrides */
    public Map<String, ColumnType> columnTypes() {
        return columnTypes;
    }

    /** @return the sample weight column, if any */
    public Optional<String> sampleWeightColumn() {
        return Optional.ofNullable(sampleWeightColumn);
    }

    /** @return bagging / CV folds */
    public int folds() {
        return folds;
    }

    /** @return the explicit candidate count, or empty for the mode's default */
    public OptionalInt maxCandidates() {
        return maxCandidates == null ? OptionalInt.empty() : OptionalInt.of(maxCandidates);
    }

    /** @return the per-candidate time limit, if any */
    public Optional<Duration> maxRuntimePerCandidate() {
        return Optional.ofNullable(maxRuntimePerCandidate);
    }

    /** @return the whole-job time limit, if any */
    public Optional<Duration> maxJobRuntime() {
        return Optional.ofNullable(maxJobRuntime);
    }

    /** @return the allowed algorithms, or empty for the mode's default */
    public Optional<Set<Algorithm>> algorithms() {
        return Optional.ofNullable(algorithms);
    }

    /** @return threads the engine may use; never changes results */
    public int threads() {
        return threads;
    }

    /** @return the holdout set given with {@link Builder#validationData}, if any (AUTOML-R17) */
    public Optional<Dataset> validationData() {
        return Optional.ofNullable(validationData);
    }

    /** @return share of the rows held out for selection when no validation data is given (default 0.2) */
    public double validationFraction() {
        return validationFraction;
    }

    /**
     * @return true when {@link Builder#validationFraction} was set explicitly; with validation data, this forces a
     *         holdout in HYPERPARAMETER_TUNING too (AUTOML-R32)
     */
    public boolean hasExplicitValidationFraction() {
        return validationFractionExplicit;
    }

    /** @return whether the chosen entry is retrained on all rows after selection (AUTOML-R29) */
    public boolean refitFull() {
        return refitFull;
    }

    /** @return candidates trained at the same time (default 4; part of the reproducibility key, AUTOML-R60) */
    public int maxParallelCandidates() {
        return maxParallelCandidates;
    }

    /** @return rounds of greedy ensemble selection (AUTOML-R28), default 25 */
    public int ensembleSelectionRounds() {
        return ensembleSelectionRounds;
    }

    /** @return the explicit HPO strategy, or empty for the default (AUTOML-R31: BAYESIAN, HYPERBAND for large data) */
    public Optional<Strategy> hpoStrategy() {
        return Optional.ofNullable(hpoStrategy);
    }

    /** @return the surrogate of the BAYESIAN strategy (default TPE) */
    public Surrogate bayesianSurrogate() {
        return bayesianSurrogate;
    }

    /** @return user parameter ranges per algorithm; algorithms not listed use the built-in ranges (AUTOML-R33) */
    public Map<Algorithm, ParameterRanges> parameterRanges() {
        return parameterRanges;
    }

    /** @return whether the median stopping rule stops unpromising trials (AUTOML-R37), default false */
    public boolean earlyStopping() {
        return earlyStopping;
    }

    /** @return the objective value that ends an HPO job once a completed trial reaches it (AUTOML-R38) */
    public OptionalDouble targetObjectiveValue() {
        return targetObjectiveValue == null ? OptionalDouble.empty() : OptionalDouble.of(targetObjectiveValue);
    }

    /** @return N: an HPO job ends after N consecutive completed trials that did not beat the best (AUTOML-R38) */
    public OptionalInt maxCandidatesNotImproving() {
        return maxCandidatesNotImproving == null ? OptionalInt.empty() : OptionalInt.of(maxCandidatesNotImproving);
    }

    /** @return whether an HPO job ends when the best objective has converged (AUTOML-R38), default false */
    public boolean completeOnConvergence() {
        return completeOnConvergence;
    }

    /** @return the HYPERBAND minimum resource (boosting rounds / epochs), or empty for the default (10 resp. 1) */
    public OptionalInt hyperbandMinResource() {
        return hyperbandMinResource == null ? OptionalInt.empty() : OptionalInt.of(hyperbandMinResource);
    }

    /** @return the HYPERBAND maximum resource (boosting rounds / epochs), or empty for the default (4000 resp. 200) */
    public OptionalInt hyperbandMaxResource() {
        return hyperbandMaxResource == null ? OptionalInt.empty() : OptionalInt.of(hyperbandMaxResource);
    }

    /** @return the warm-start type, if the job warm-starts from parent results (AUTOML-R41) */
    public Optional<WarmStartType> warmStartType() {
        return Optional.ofNullable(warmStartType);
    }

    /** @return the parent HPO results of a warm start (empty without one) */
    public List<AutoMLResult> warmStartParents() {
        return warmStartParents;
    }

    /**
     * @return the names of the HPO-only builder options that were set, in a fixed order; when AUTO resolves to
     *         ENSEMBLING they are ignored with a WARN event (AUTOML-R3)
     */
    public List<String> hpoOptionsSet() {
        return hpoOptionsSet;
    }

    /** @return the job seed */
    public long seed() {
        return seed;
    }

    /** @return the time source */
    public InstantSource clock() {
        return clock;
    }

    /** @return listeners that receive every event as it happens (AUTOML-R55) */
    public List<Consumer<Event>> listeners() {
        return listeners;
    }

    /** @return every field as text, defaults included, for provenance */
    public Map<String, String> toSpecMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("name", String.valueOf(name));
        m.put("target", target);
        m.put("problemType", String.valueOf(problemType));
        m.put("objectiveMetric", String.valueOf(objectiveMetric));
        m.put("positiveClass", String.valueOf(positiveClass));
        m.put("mode", mode.name());
        m.put("autoModeThresholdBytes", Long.toString(autoModeThresholdBytes));
        m.put("features", String.valueOf(features));
        m.put("columnTypes", columnTypes.toString());
        m.put("sampleWeightColumn", String.valueOf(sampleWeightColumn));
        m.put("folds", Integer.toString(folds));
        m.put("maxCandidates", String.valueOf(maxCandidates));
        m.put("maxRuntimePerCandidate", String.valueOf(maxRuntimePerCandidate));
        m.put("maxJobRuntime", String.valueOf(maxJobRuntime));
        m.put("algorithms", String.valueOf(algorithms));
        m.put("threads", Integer.toString(threads));
        m.put("validationData", validationData == null ? "null" : validationData.source());
        m.put("validationFraction", validationData == null ? Double.toString(validationFraction) : "null");
        m.put("refitFull", Boolean.toString(refitFull));
        m.put("maxParallelCandidates", Integer.toString(maxParallelCandidates));
        m.put("ensembleSelectionRounds", Integer.toString(ensembleSelectionRounds));
        m.put("hpoStrategy", String.valueOf(hpoStrategy));
        m.put("bayesianSurrogate", bayesianSurrogate.name());
        m.put("parameterRanges", parameterRanges.toString());
        m.put("earlyStopping", Boolean.toString(earlyStopping));
        m.put("targetObjectiveValue", String.valueOf(targetObjectiveValue));
        m.put("maxCandidatesNotImproving", String.valueOf(maxCandidatesNotImproving));
        m.put("completeOnConvergence", Boolean.toString(completeOnConvergence));
        m.put("hyperbandMinResource", String.valueOf(hyperbandMinResource));
        m.put("hyperbandMaxResource", String.valueOf(hyperbandMaxResource));
        m.put("warmStart", warmStartType == null ? "null" : warmStartType + " "
                + warmStartParents.stream().map(p -> p.provenance().jobName()).toList());
        m.put("seed", Long.toString(seed));
        return m;
    }

    @Override
    public String toString() {
        return "AutoMLJob" + toSpecMap();
    }

    /** Collects and validates job fields. Not thread-safe; {@link #build()} may be called more than once. */
    public static final class Builder {
        private String name;
        private String target;
        private ProblemType problemType;
        private Metric objectiveMetric;
        private String positiveClass;
        private Mode mode;
        private long autoModeThresholdBytes = DEFAULT_AUTO_MODE_THRESHOLD_BYTES;
        private boolean autoModeThresholdSet;
        private List<String> features;
        private final Map<String, ColumnType> columnTypes = new LinkedHashMap<>();
        private String sampleWeightColumn;
        private int folds = DEFAULT_FOLDS;
        private boolean foldsSet;
        private Integer maxCandidates;
        private Duration maxRuntimePerCandidate;
        private Duration maxJobRuntime;
        private Set<Algorithm> algorithms;
        private int threads = Runtime.getRuntime().availableProcessors();
        private boolean threadsSet;
        private Dataset validationData;
        private double validationFraction = DEFAULT_VALIDATION_FRACTION;
        private boolean validationFractionSet;
        private boolean refitFull;
        private boolean refitFullSet;
        private int maxParallelCandidates = DEFAULT_MAX_PARALLEL_CANDIDATES;
        private boolean maxParallelCandidatesSet;
        private int ensembleSelectionRounds = 25;
        private boolean ensembleSelectionRoundsSet;
        private Strategy hpoStrategy;
        private Surrogate bayesianSurrogate;
        private final Map<Algorithm, ParameterRanges> parameterRanges = new java.util.EnumMap<>(Algorithm.class);
        private Boolean earlyStopping;
        private Double targetObjectiveValue;
        private Integer maxCandidatesNotImproving;
        private Boolean completeOnConvergence;
        private Integer hyperbandMinResource;
        private Integer hyperbandMaxResource;
        private WarmStartType warmStartType;
        private List<AutoMLResult> warmStartParents = List.of();
        private long seed = DEFAULT_SEED;
        private boolean seedSet;
        private InstantSource clock = InstantSource.system();
        private boolean clockSet;
        private final List<Consumer<Event>> listeners = new java.util.ArrayList<>();

        private Builder() {
        }

        /**
         * Adds a listener called with every event as it happens, on the engine's thread; it must be fast and must
         * not throw (exceptions are logged and ignored). Listeners are not part of the spec or its provenance.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(Consumer<Event> listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * @param name 1–63 characters, letters and digits with single or repeated inner dashes
         * @return this builder
         */
        public Builder name(String name) {
            requireState(this.name == null, "name was already set to %s", this.name);
            requireArgument(name != null && name.length() >= 1 && name.length() <= 63 && NAME.matcher(name).matches(),
                    "name must be 1-63 characters matching [a-zA-Z0-9](-*[a-zA-Z0-9])* but was '%s'", name);
            this.name = name;
            return this;
        }

        /**
         * @param target the column to predict (required)
         * @return this builder
         */
        public Builder target(String target) {
            requireState(this.target == null, "target was already set to %s", this.target);
            requireArgument(target != null && !target.isBlank(), "target must be a non-blank column name but was '%s'",
                    target);
            this.target = target;
            return this;
        }

        /**
         * @param problemType the problem type; inferred from the target when not set
         * @return this builder
         */
        public Builder problemType(ProblemType problemType) {
            requireState(this.problemType == null, "problemType was already set to %s", this.problemType);
            this.problemType = Objects.requireNonNull(problemType, "problemType");
            return this;
        }

        /**
         * @param metric the ranking metric; defaults per problem type (F1, ACCURACY, MSE)
         * @return this builder
         */
        public Builder objectiveMetric(Metric metric) {
            requireState(this.objectiveMetric == null, "objectiveMetric was already set to %s", this.objectiveMetric);
            this.objectiveMetric = Objects.requireNonNull(metric, "objectiveMetric");
            return this;
        }

        /**
         * @param positiveClass the positive class of a binary target, as text; default the minority class
         * @return this builder
         */
        public Builder positiveClass(String positiveClass) {
            requireState(this.positiveClass == null, "positiveClass was already set to %s", this.positiveClass);
            requireArgument(positiveClass != null && !positiveClass.isEmpty(),
                    "positiveClass must be a non-empty label but was '%s'", positiveClass);
            this.positiveClass = positiveClass;
            return this;
        }

        /**
         * @param mode AUTO (default), ENSEMBLING or HYPERPARAMETER_TUNING
         * @return this builder
         */
        public Builder mode(Mode mode) {
            requireState(this.mode == null, "mode was already set to %s", this.mode);
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * @param bytes data size above which AUTO chooses HPO; &gt; 0
         * @return this builder
         */
        public Builder autoModeThresholdBytes(long bytes) {
            requireState(!autoModeThresholdSet, "autoModeThresholdBytes was already set to %s",
                    autoModeThresholdBytes);
            requireArgument(bytes > 0, "autoModeThresholdBytes must be > 0 but was %s", bytes);
            this.autoModeThresholdBytes = bytes;
            this.autoModeThresholdSet = true;
            return this;
        }

        /**
         * @param features feature columns (non-empty, unique, case-sensitive)
         * @return this builder
         */
        public Builder features(List<String> features) {
            requireState(this.features == null, "features were already set to %s", this.features);
            Objects.requireNonNull(features, "features");
            requireArgument(!features.isEmpty(), "features must not be empty", "");
            Set<String> seen = new HashSet<>();
            for (String f : features) {
                requireArgument(f != null && !f.isEmpty(), "feature names must be non-empty but got '%s'", f);
                requireArgument(seen.add(f), "feature '%s' is listed twice", f);
            }
            this.features = List.copyOf(features);
            return this;
        }

        /**
         * @param features feature columns
         * @return this builder
         */
        public Builder features(String... features) {
            return features(List.of(features));
        }

        /**
         * Overrides the inferred type of a column (AUTOML-R14).
         *
         * @param column column name
         * @param type   the type to use
         * @return this builder
         */
        public Builder columnType(String column, ColumnType type) {
            requireArgument(column != null && !column.isEmpty(), "column must be non-empty but was '%s'", column);
            Objects.requireNonNull(type, "type");
            requireState(!columnTypes.containsKey(column), "columnType of '%s' was already set", column);
            columnTypes.put(column, type);
            return this;
        }

        /**
         * @param column a numeric column of non-negative weights (AUTOML-R16)
         * @return this builder
         */
        public Builder sampleWeightColumn(String column) {
            requireState(sampleWeightColumn == null, "sampleWeightColumn was already set to %s", sampleWeightColumn);
            requireArgument(column != null && !column.isEmpty(), "sampleWeightColumn must be non-empty but was '%s'",
                    column);
            this.sampleWeightColumn = column;
            return this;
        }

        /**
         * @param folds 2..10 (default 5)
         * @return this builder
         */
        public Builder folds(int folds) {
            requireState(!foldsSet, "folds was already set to %s", this.folds);
            requireArgument(folds >= 2 && folds <= 10, "Invalid number of folds: %s (expected 2..10)", folds);
            this.folds = folds;
            this.foldsSet = true;
            return this;
        }

        /**
         * @param n candidates to train: 1..10 in ENSEMBLING (portfolio size), 1..750 in HPO. In ENSEMBLING, a job
         *          with a {@code maxJobRuntime} and no {@code maxCandidates} trains further spare-time
         *          configurations after the ten while time is left; setting it keeps the job to the first n.
         * @return this builder
         */
        public Builder maxCandidates(int n) {
            requireState(maxCandidates == null, "maxCandidates was already set to %s", maxCandidates);
            requireArgument(n >= 1 && n <= 750, "maxCandidates must be in [1, 750] but was %s", n);
            this.maxCandidates = n;
            return this;
        }

        /**
         * @param limit per-candidate time limit, &gt; 0
         * @return this builder
         */
        public Builder maxRuntimePerCandidate(Duration limit) {
            requireState(maxRuntimePerCandidate == null, "maxRuntimePerCandidate was already set to %s",
                    maxRuntimePerCandidate);
            Objects.requireNonNull(limit, "maxRuntimePerCandidate");
            requireArgument(!limit.isNegative() && !limit.isZero(), "maxRuntimePerCandidate must be > 0 but was %s",
                    limit);
            this.maxRuntimePerCandidate = limit;
            return this;
        }

        /**
         * @param limit whole-job time limit, &gt; 0 and at most 30 days; makes the run non-reproducible
         * @return this builder
         */
        public Builder maxJobRuntime(Duration limit) {
            requireState(maxJobRuntime == null, "maxJobRuntime was already set to %s", maxJobRuntime);
            Objects.requireNonNull(limit, "maxJobRuntime");
            requireArgument(!limit.isNegative() && !limit.isZero() && limit.compareTo(MAX_JOB_RUNTIME) <= 0,
                    "maxJobRuntime must be > 0 and <= 30 days but was %s", limit);
            this.maxJobRuntime = limit;
            return this;
        }

        /**
         * @param algorithms algorithms to use (non-empty)
         * @return this builder
         */
        public Builder algorithms(Set<Algorithm> algorithms) {
            requireState(this.algorithms == null, "algorithms were already set to %s", this.algorithms);
            Objects.requireNonNull(algorithms, "algorithms");
            requireArgument(!algorithms.isEmpty(), "algorithms must not be empty", "");
            this.algorithms = EnumSet.copyOf(algorithms);
            return this;
        }

        /**
         * @param algorithms algorithms to use (non-empty)
         * @return this builder
         */
        public Builder algorithms(Algorithm... algorithms) {
            requireArgument(algorithms.length > 0, "algorithms must not be empty", "");
            return algorithms(EnumSet.copyOf(List.of(algorithms)));
        }

        /**
         * @param threads threads the engine may use (default: available processors); never changes results
         * @return this builder
         */
        public Builder threads(int threads) {
            requireState(!threadsSet, "threads was already set to %s", this.threads);
            requireArgument(threads >= 1, "threads must be >= 1 but was %s", threads);
            this.threads = threads;
            this.threadsSet = true;
            return this;
        }

        /**
         * Uses {@code data} as the holdout on which candidates and ensembles are compared (AUTOML-R17): it must have
         * the training data's columns (names; order irrelevant), including the target and the weight column.
         * Excludes {@link #validationFraction}.
         *
         * @param data the validation rows
         * @return this builder
         */
        public Builder validationData(Dataset data) {
            requireState(validationData == null, "validationData was already set", "");
            requireState(!validationFractionSet, "validationData excludes validationFraction (set to %s)",
                    validationFraction);
            this.validationData = Objects.requireNonNull(data, "data");
            return this;
        }

        /**
         * @param fraction share of the rows held out for selection, in (0, 1) (default 0.2); stratified by class
         *                 for classification, random for regression, from the job seed. Excludes
         *                 {@link #validationData}.
         * @return this builder
         */
        public Builder validationFraction(double fraction) {
            requireState(!validationFractionSet, "validationFraction was already set to %s", validationFraction);
            requireState(validationData == null, "validationFraction excludes validationData (already set)%s", "");
            requireArgument(fraction > 0 && fraction < 1, "validationFraction must be in (0, 1) but was %s", fraction);
            this.validationFraction = fraction;
            this.validationFractionSet = true;
            return this;
        }

        /**
         * @param refit when true, the selected entry's configurations are retrained with the holdout rows added,
         *              with the iteration counts of their bagged fits, and that is the final model (AUTOML-R29):
         *              in ENSEMBLING each of the k fold models is retrained on its training folds plus the
         *              holdout and their average kept (one model per configuration on all rows when the time left
         *              is too short for k), except that a regression ensemble retrains each of its configurations
         *              once on all rows; in
         *              HYPERPARAMETER_TUNING the best trial's configuration is retrained on all rows with the rounds
         *              or epochs of its fold models (AUTOML-R32). The leaderboard keeps the holdout scores. With a
         *              {@code maxJobRuntime} the refit uses the time the search leaves: it runs when its estimated
         *              duration fits in the time left, else the model keeps its bagged fits and a WARN event says
         *              so; in ENSEMBLING, time left after the spare-time configurations then repeats the bagging on
         *              new folds. It pays most on small data, where the bagged models saw only 64% of the rows.
         * @return this builder
         */
        public Builder refitFull(boolean refit) {
            requireState(!refitFullSet, "refitFull was already set to %s", refitFull);
            this.refitFull = refit;
            this.refitFullSet = true;
            return this;
        }

        /**
         * @param n candidates trained at the same time, 1..100 (default 4); the machine's cores are shared among
         *          them, so results do not depend on it beyond the reproducibility key (AUTOML-R60)
         * @return this builder
         */
        public Builder maxParallelCandidates(int n) {
            requireState(!maxParallelCandidatesSet, "maxParallelCandidates was already set to %s",
                    maxParallelCandidates);
            requireArgument(n >= 1 && n <= 100, "maxParallelCandidates must be in [1, 100] but was %s", n);
            this.maxParallelCandidates = n;
            this.maxParallelCandidatesSet = true;
            return this;
        }

        /**
         * @param rounds rounds of greedy ensemble selection, 1..1000 (default 25)
         * @return this builder
         */
        public Builder ensembleSelectionRounds(int rounds) {
            requireState(!ensembleSelectionRoundsSet, "ensembleSelectionRounds was already set to %s",
                    ensembleSelectionRounds);
            requireArgument(rounds >= 1 && rounds <= 1000, "ensembleSelectionRounds must be in [1, 1000] but was %s",
                    rounds);
            this.ensembleSelectionRounds = rounds;
            this.ensembleSelectionRoundsSet = true;
            return this;
        }

        /**
         * @param strategy BAYESIAN, RANDOM, GRID or HYPERBAND (AUTOML-R31); HYPERPARAMETER_TUNING only
         * @return this builder
         */
        public Builder hpoStrategy(Strategy strategy) {
            requireState(hpoStrategy == null, "hpoStrategy was already set to %s", hpoStrategy);
            Objects.requireNonNull(strategy, "hpoStrategy");
            requireState(strategy != Strategy.HYPERBAND || earlyStopping == null || !earlyStopping,
                    "hpoStrategy %s cannot be combined with earlyStopping(true): Hyperband stops trials itself",
                    strategy);
            this.hpoStrategy = strategy;
            return this;
        }

        /**
         * @param surrogate TPE (default) or GP_EI, for the BAYESIAN strategy
         * @return this builder
         */
        public Builder bayesianSurrogate(Surrogate surrogate) {
            requireState(bayesianSurrogate == null, "bayesianSurrogate was already set to %s", bayesianSurrogate);
            this.bayesianSurrogate = Objects.requireNonNull(surrogate, "bayesianSurrogate");
            return this;
        }

        /**
         * Replaces the built-in ranges of one algorithm (AUTOML-R33–R36). Parameter names are checked against the
         * algorithm's learner when the job starts.
         *
         * @param algorithm the algorithm
         * @param ranges    its tunable ranges and static values
         * @return this builder
         */
        public Builder parameterRanges(Algorithm algorithm, ParameterRanges ranges) {
            Objects.requireNonNull(algorithm, "algorithm");
            Objects.requireNonNull(ranges, "ranges");
            requireState(!parameterRanges.containsKey(algorithm), "parameterRanges of %s were already set",
                    algorithm);
            parameterRanges.put(algorithm, ranges);
            return this;
        }

        /**
         * @param enabled whether the median stopping rule stops unpromising trials (AUTOML-R37); not with HYPERBAND
         * @return this builder
         */
        public Builder earlyStopping(boolean enabled) {
            requireState(earlyStopping == null, "earlyStopping was already set to %s", earlyStopping);
            requireState(!enabled || hpoStrategy != Strategy.HYPERBAND,
                    "earlyStopping(true) cannot be combined with hpoStrategy %s: Hyperband stops trials itself",
                    hpoStrategy);
            this.earlyStopping = enabled;
            return this;
        }

        /**
         * @param value a finite objective value; the HPO job ends once a completed trial reaches it (AUTOML-R38)
         * @return this builder
         */
        public Builder targetObjectiveValue(double value) {
            requireState(targetObjectiveValue == null, "targetObjectiveValue was already set to %s",
                    targetObjectiveValue);
            requireArgument(Double.isFinite(value), "targetObjectiveValue must be finite but was %s", value);
            this.targetObjectiveValue = value;
            return this;
        }

        /**
         * @param n &gt;= 1: the HPO job ends after n consecutive completed trials that did not beat the best
         * @return this builder
         */
        public Builder maxCandidatesNotImproving(int n) {
            requireState(maxCandidatesNotImproving == null, "maxCandidatesNotImproving was already set to %s",
                    maxCandidatesNotImproving);
            requireArgument(n >= 1, "maxCandidatesNotImproving must be >= 1 but was %s", n);
            this.maxCandidatesNotImproving = n;
            return this;
        }

        /**
         * @param enabled whether the HPO job ends when the best objective converges (AUTOML-R38)
         * @return this builder
         */
        public Builder completeOnConvergence(boolean enabled) {
            requireState(completeOnConvergence == null, "completeOnConvergence was already set to %s",
                    completeOnConvergence);
            this.completeOnConvergence = enabled;
            return this;
        }

        /**
         * Sets the HYPERBAND resource range in boosting rounds (GBDT, XGBOOST; default 10..4000) and epochs or
         * iterations (MLP, LINEAR; default 1..200); other algorithms use data fractions 1/27..1 (AUTOML-R31).
         *
         * @param min minimum resource, &gt;= 1
         * @param max maximum resource, &gt;= 3 * min
         * @return this builder
         */
        public Builder hyperbandResource(int min, int max) {
            requireState(hyperbandMinResource == null, "hyperbandResource was already set to %s",
                    hyperbandMinResource + ".." + hyperbandMaxResource);
            requireArgument(min >= 1, "hyperband minResource must be >= 1 but was %s", min);
            requireArgument(max >= 3L * min && max <= 100_000,
                    "hyperband maxResource must be in [3 * minResource, 100000] but was %s", max);
            this.hyperbandMinResource = min;
            this.hyperbandMaxResource = max;
            return this;
        }

        /**
         * Warm-starts from 1..5 parent HYPERPARAMETER_TUNING results (AUTOML-R41): their completed trials seed the
         * BAYESIAN surrogate and are never re-run (RANDOM skips duplicates). BAYESIAN or RANDOM only; the parents'
         * trials plus this job's may not exceed 750; the objective metric must be the parents'. Data-dependent rules
         * (same data fingerprint and algorithm set for IDENTICAL_DATA_AND_ALGORITHM, parameter changes) are checked
         * when the job starts.
         *
         * @param type    IDENTICAL_DATA_AND_ALGORITHM or TRANSFER_LEARNING
         * @param parents 1..5 parent results of HYPERPARAMETER_TUNING jobs
         * @return this builder
         */
        public Builder warmStart(WarmStartType type, List<AutoMLResult> parents) {
            requireState(warmStartType == null, "warmStart was already set to %s", warmStartType);
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(parents, "parents");
            requireArgument(!parents.isEmpty() && parents.size() <= 5,
                    "warmStart needs 1..5 parent results but got %s", parents.size());
            for (AutoMLResult p : parents) {
                Objects.requireNonNull(p, "parent");
                requireArgument(p.resolved().mode() == Mode.HYPERPARAMETER_TUNING,
                        "warmStart parents must be HYPERPARAMETER_TUNING results, but %s",
                        p.provenance().jobName() + " ran " + p.resolved().mode());
            }
            this.warmStartType = type;
            this.warmStartParents = List.copyOf(parents);
            return this;
        }

        /**
         * @param type    IDENTICAL_DATA_AND_ALGORITHM or TRANSFER_LEARNING
         * @param parents 1..5 parent results
         * @return this builder
         * @see #warmStart(WarmStartType, List)
         */
        public Builder warmStart(WarmStartType type, AutoMLResult... parents) {
            return warmStart(type, List.of(parents));
        }

        private List<String> hpoOptionsSet() {
            List<String> out = new ArrayList<>();
            if (hpoStrategy != null) {
                out.add("hpoStrategy");
            }
            if (bayesianSurrogate != null) {
                out.add("bayesianSurrogate");
            }
            if (!parameterRanges.isEmpty()) {
                out.add("parameterRanges");
            }
            if (earlyStopping != null && earlyStopping) {
                out.add("earlyStopping");
            }
            if (targetObjectiveValue != null) {
                out.add("targetObjectiveValue");
            }
            if (maxCandidatesNotImproving != null) {
                out.add("maxCandidatesNotImproving");
            }
            if (completeOnConvergence != null && completeOnConvergence) {
                out.add("completeOnConvergence");
            }
            if (hyperbandMinResource != null) {
                out.add("hyperbandResource");
            }
            if (warmStartType != null) {
                out.add("warmStart");
            }
            return List.copyOf(out);
        }

        /** AUTOML-R3 rules for the HPO options; GRID's combination count (AUTOML-R31). */
        private void checkHpoOptions() {
            List<String> hpo = hpoOptionsSet();
            requireState(mode != Mode.ENSEMBLING || hpo.isEmpty(),
                    "HYPERPARAMETER_TUNING options %s cannot be used with mode ENSEMBLING", hpo);
            for (Algorithm a : parameterRanges.keySet()) {
                requireState(algorithms == null || algorithms.contains(a),
                        "parameterRanges are given for %s, which is not among the algorithms", a + " " + algorithms);
            }
            if (bayesianSurrogate != null && hpoStrategy != null) {
                requireState(hpoStrategy == Strategy.BAYESIAN,
                        "bayesianSurrogate applies to the BAYESIAN strategy only, but hpoStrategy is %s", hpoStrategy);
            }
            if (hyperbandMinResource != null && hpoStrategy != null) {
                requireState(hpoStrategy == Strategy.HYPERBAND,
                        "hyperbandResource applies to the HYPERBAND strategy only, but hpoStrategy is %s",
                        hpoStrategy);
            }
            if (warmStartType != null) {
                requireState(hpoStrategy == null || hpoStrategy == Strategy.BAYESIAN || hpoStrategy == Strategy.RANDOM,
                        "warmStart works with BAYESIAN or RANDOM only, but hpoStrategy is %s", hpoStrategy);
                int parentTrials = 0;
                for (AutoMLResult p : warmStartParents) {
                    parentTrials += p.candidates().size();
                    requireState(objectiveMetric == null || objectiveMetric == p.resolved().objectiveMetric(),
                            "warmStart needs the parents' objective metric, but %s", "this job optimises "
                                    + objectiveMetric + " and " + p.provenance().jobName() + " optimised "
                                    + p.resolved().objectiveMetric());
                }
                int own = maxCandidates == null ? 100 : maxCandidates;
                requireState(parentTrials + own <= MAX_HPO_CANDIDATES,
                        "parents' trials plus this job's must be at most 750, but are %s", parentTrials + " + " + own);
            }
            if (hpoStrategy == Strategy.GRID) {
                long combinations = 0;
                for (Algorithm a : algorithms == null ? DEFAULT_HPO_ALGORITHMS : algorithms) {
                    ParameterRanges r = parameterRanges.get(a);
                    requireState(r != null, "GRID needs categorical parameterRanges for every algorithm, but %s has "
                            + "none (its built-in ranges are continuous)", a);
                    for (ParameterRanges.Range range : r.ranges()) {
                        requireState(range instanceof ParameterRanges.Categorical,
                                "GRID accepts categorical ranges only, but %s", a + " parameter '" + range.name()
                                        + "' is " + (range instanceof ParameterRanges.IntegerRange ? "an integer"
                                        : "a continuous") + " range");
                    }
                    combinations += r.combinations();
                }
                requireState(combinations <= MAX_HPO_CANDIDATES,
                        "GRID has %s combinations; at most 750 are allowed", combinations);
                requireState(maxCandidates == null || maxCandidates == combinations,
                        "with GRID, maxCandidates must equal the number of combinations %s", combinations
                                + " but was " + maxCandidates);
            }
        }

        /**
         * @param seed the job seed (default {@link #DEFAULT_SEED})
         * @return this builder
         */
        public Builder seed(long seed) {
            requireState(!seedSet, "seed was already set to %s", this.seed);
            this.seed = seed;
            this.seedSet = true;
            return this;
        }

        /**
         * @param clock the time source, for tests
         * @return this builder
         */
        public Builder clock(InstantSource clock) {
            requireState(!clockSet, "clock was already set", "");
            this.clock = Objects.requireNonNull(clock, "clock");
            this.clockSet = true;
            return this;
        }

        /**
         * Checks cross-field rules (AUTOML-R2, R3, R9) and returns the job.
         *
         * @return the immutable job
         * @throws IllegalStateException when the target is missing or options conflict
         * @throws IllegalArgumentException when the metric contradicts the problem type
         */
        public AutoMLJob build() {
            requireState(target != null, "target is required", "");
            if (features != null) {
                requireState(!features.contains(target), "the target '%s' must not be a feature", target);
                requireState(sampleWeightColumn == null || !features.contains(sampleWeightColumn),
                        "the weight column '%s' must not be a feature", sampleWeightColumn);
            }
            requireState(sampleWeightColumn == null || !sampleWeightColumn.equals(target),
                    "the weight column '%s' must not be the target", target);
            if (objectiveMetric != null && problemType != null) {
                checkMetricFits(objectiveMetric, problemType);
            }
            if (positiveClass != null) {
                requireState(problemType == null || problemType == ProblemType.BINARY_CLASSIFICATION,
                        "positiveClass applies to BINARY_CLASSIFICATION only, but problemType is %s", problemType);
                requireState(objectiveMetric == null || objectiveMetric.appliesTo(ProblemType.BINARY_CLASSIFICATION),
                        "positiveClass applies to binary problems, but %s is not a binary metric", objectiveMetric);
            }
            if (mode == Mode.ENSEMBLING && maxCandidates != null) {
                requireState(maxCandidates <= 10,
                        "maxCandidates must be in [1, 10] in ENSEMBLING mode (the portfolio size) but was %s",
                        maxCandidates);
            }
            checkHpoOptions();
            if (mode == Mode.HYPERPARAMETER_TUNING && objectiveMetric == Metric.INFERENCE_LATENCY) {
                throw new IllegalStateException("INFERENCE_LATENCY as objective is allowed only in ENSEMBLING mode");
            }
            if (maxRuntimePerCandidate != null && maxJobRuntime != null) {
                requireState(maxRuntimePerCandidate.compareTo(maxJobRuntime) <= 0,
                        "maxRuntimePerCandidate (%s) must not exceed maxJobRuntime", maxRuntimePerCandidate);
            }
            return new AutoMLJob(this);
        }

        private static void requireArgument(boolean ok, String template, Object value) {
            if (!ok) {
                throw new IllegalArgumentException(String.format(template, value));
            }
        }

        private static void requireState(boolean ok, String template, Object value) {
            if (!ok) {
                throw new IllegalStateException(String.format(template, value));
            }
        }
    }

    /**
     * Checks AUTOML-R9: a metric must fit the problem type.
     *
     * @param metric the metric
     * @param type   the problem type
     * @throws IllegalArgumentException naming both, with the metric to use instead when there is one
     */
    public static void checkMetricFits(Metric metric, ProblemType type) {
        if (metric.appliesTo(type)) {
            return;
        }
        String family = metric.problemTypes().size() == 1
                ? (metric.appliesTo(ProblemType.REGRESSION) ? "a regression" : metric.appliesTo(
                ProblemType.BINARY_CLASSIFICATION) ? "a binary" : "a multiclass")
                : "a classification";
        String hint = switch (metric) {
            case F1 -> "F1_MACRO";
            case PRECISION -> "PRECISION_MACRO";
            case RECALL -> "RECALL_MACRO";
            case F1_MACRO -> "F1";
            case PRECISION_MACRO -> "PRECISION";
            case RECALL_MACRO -> "RECALL";
            case AUC -> type == ProblemType.MULTICLASS_CLASSIFICATION ? "LOG_LOSS" : "RMSE";
            default -> Metric.defaultFor(type).name();
        };
        if (type == ProblemType.REGRESSION) {
            hint = "MSE, RMSE, MAE, R2 or MAPE";
        }
        throw new IllegalArgumentException(metric + " is " + family + " metric; for " + type + " use " + hint);
    }
}
