package io.automl4j.forecast;

import io.automl4j.api.Event;
import io.automl4j.api.data.Dataset;
import io.automl4j.forecast.internal.BackgroundForecastRun;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * An immutable forecasting job (FCST-R1, R2): which columns hold the series key, time and target, the horizon, the
 * quantiles, the models to try, the backtest set-up and the budget, plus optional known covariates and static
 * features (used by {@link ForecastAlgorithm#GLOBAL_GBM}). Validated at {@link Builder#build()}; the
 * data-dependent rules (horizon vs. series length, frequency inference, duplicate rows, column types and the
 * limits of FCST-R3, covariate gaps) are checked by {@link #fit(Dataset)}.
 *
 * <pre>{@code
 * ForecastJob job = ForecastJob.builder()
 *     .itemId("item_id").timestamp("timestamp").target("target")
 *     .horizon(8)
 *     .quantiles(0.1, 0.5, 0.9)
 *     .seed(42)
 *     .build();
 * ForecastResult result = job.fit(Dataset.readCsv(Path.of("m3_quarterly.csv")));
 * }</pre>
 *
 * <p>{@link #start(Dataset)} runs the same job in the background and returns a {@link ForecastRun} handle (status,
 * completed models, {@code stop()}, {@code await}); {@code fit} is {@code start(data).result()}.
 */
public final class ForecastJob {
    /** Largest horizon accepted (FCST-R7); the data may impose a smaller one (⌊L_max / 4⌋). */
    public static final int MAX_HORIZON = 500;
    /** Most quantiles per job (FCST-R8). */
    public static final int MAX_QUANTILES = 5;
    /** Most backtest windows (FCST-R2). */
    public static final int MAX_BACKTEST_WINDOWS = 5;
    /** Most numeric known-covariate + static columns (FCST-R3). */
    public static final int MAX_NUMERIC_COVARIATES = 13;
    /** Most categorical known-covariate + static columns (FCST-R3). */
    public static final int MAX_CATEGORICAL_COVARIATES = 10;
    /** Most grouping columns (FCST-R3). */
    public static final int MAX_GROUPING_COLUMNS = 5;

    private final String name;
    private final String itemId;
    private final String timestamp;
    private final String target;
    private final List<String> groupingColumns;
    private final Frequency frequency;
    private final int horizon;
    private final double[] quantiles;
    private final Set<ForecastAlgorithm> algorithms;
    private final ForecastMetric objectiveMetric;
    private final int backtestWindows;
    private final Integer backtestOffset;
    private final Integer seasonalPeriod;
    private final String timestampFormat;
    private final Duration maxJobRuntime;
    private final long seed;
    private final int threads;
    private final boolean ensemble;
    private final List<String> knownCovariates;
    private final List<String> staticFeatures;
    private final Map<String, FillSpec> fillings;
    private final Map<String, Aggregation> aggregations;
    private final boolean backFill;
    private final String holidayCountry;
    private final List<Consumer<Event>> listeners;
    private final InstantSource clock;
    private final TimestampLabel timestampLabel;

    private ForecastJob(Builder b) {
        this.name = b.name != null ? b.name : "forecast-" + UUID.randomUUID().toString().substring(0, 8);
        this.itemId = b.itemId;
        this.timestamp = b.timestamp;
        this.target = b.target;
        this.groupingColumns = List.copyOf(b.groupingColumns);
        this.frequency = b.frequency;
        this.horizon = b.horizon;
        this.quantiles = b.quantiles.clone();
        this.algorithms = b.algorithms;
        this.objectiveMetric = b.objectiveMetric;
        this.backtestWindows = b.backtestWindows;
        this.backtestOffset = b.backtestOffset;
        this.seasonalPeriod = b.seasonalPeriod;
        this.timestampFormat = b.timestampFormat;
        this.maxJobRuntime = b.maxJobRuntime;
        this.seed = b.seed;
        this.threads = b.threads;
        this.ensemble = b.ensemble;
        this.knownCovariates = List.copyOf(b.knownCovariates);
        this.staticFeatures = List.copyOf(b.staticFeatures);
        this.fillings = Collections.unmodifiableMap(new LinkedHashMap<>(b.fillings));
        this.aggregations = Collections.unmodifiableMap(new LinkedHashMap<>(b.aggregations));
        this.backFill = b.backFill;
        this.holidayCountry = b.holidayCountry;
        this.listeners = List.copyOf(b.listeners);
        this.clock = b.clock;
        this.timestampLabel = b.timestampLabel;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the job: loads and regularises the series, backtests every algorithm, builds the greedy ensemble, picks
     * the best by the objective, refits it on the full history and forecasts the horizon for every series. Same as
     * {@code start(data).result()}: interrupting the calling thread stops the job, which then returns the best model
     * completed so far (status STOPPED) and leaves the interrupt flag set.
     *
     * @param data long-format table (FCST-R4)
     * @return the result
     * @throws io.automl4j.api.InvalidJobSpecException when the data does not fit the job (missing or non-numeric
     *                                                 columns, duplicate rows, irregular or ambiguous timestamps,
     *                                                 a horizon over the data's limit)
     * @throws io.automl4j.api.TrainingFailedException when no model completed (within {@link #maxJobRuntime()} or
     *                                                 before a stop)
     */
    public ForecastResult fit(Dataset data) {
        return start(data).result();
    }

    /**
     * As {@link #fit(Dataset)}, with the values of the known covariates for the h steps after the end of every
     * series (FCST-R14), needed for the final forecasts when {@link #knownCovariates()} is not empty and
     * {@link ForecastAlgorithm#GLOBAL_GBM} is among the algorithms (numeric covariates with a
     * {@link Builder#filling filling} method are filled instead when a step is absent).
     *
     * @param data              long-format table (FCST-R4)
     * @param futureCovariates  long format: item id, grouping columns, timestamp and every known covariate for the future steps
     * @return the result
     */
    public ForecastResult fit(Dataset data, Dataset futureCovariates) {
        return start(data, futureCovariates).result();
    }

    /**
     * Starts the job on a background thread (FCST-R1); the time budget counts from this call (AUTOML-R58).
     *
     * @param data long-format table (FCST-R4)
     * @return the run handle; data errors surface from {@link ForecastRun#result()}
     */
    public ForecastRun start(Dataset data) {
        Objects.requireNonNull(data, "data");
        return new BackgroundForecastRun(this, data, null);
    }

    /**
     * As {@link #start(Dataset)} with the known covariates of the future steps (see {@link #fit(Dataset, Dataset)}).
     *
     * @param data             long-format table (FCST-R4)
     * @param futureCovariates long format: item id, grouping columns, timestamp and every known covariate for the future steps
     * @return the run handle
     */
    public ForecastRun start(Dataset data, Dataset futureCovariates) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(futureCovariates, "futureCovariates");
        return new BackgroundForecastRun(this, data, futureCovariates);
    }

    /** @return the job name */
    public String name() {
        return name;
    }

    /** @return the item-id column */
    public String itemId() {
        return itemId;
    }

    /** @return the timestamp column */
    public String timestamp() {
        return timestamp;
    }

    /** @return the target column */
    public String target() {
        return target;
    }

    /**
     * @return the grouping columns (FCST-R2), in the order given; empty when a series is identified by its item id
     *         alone. With grouping, a series is identified by its item id and its values of these columns: the same
     *         item id in two stores makes two series. A missing grouping value (an empty cell) is a value of its own
     *         (shown as an empty string / empty CSV cell in the outputs).
     */
    public List<String> groupingColumns() {
        return groupingColumns;
    }

    /** @return the configured frequency, empty when it is inferred (FCST-R6) */
    public Optional<Frequency> frequency() {
        return Optional.ofNullable(frequency);
    }

    /** @return the forecast horizon in steps */
    public int horizon() {
        return horizon;
    }

    /** @return the quantile levels, sorted ascending (a copy) */
    public double[] quantiles() {
        return quantiles.clone();
    }

    /** @return the algorithms to try, in enum order */
    public Set<ForecastAlgorithm> algorithms() {
        return algorithms;
    }

    /** @return the metric that ranks models and drives the ensemble */
    public ForecastMetric objectiveMetric() {
        return objectiveMetric;
    }

    /** @return number of backtest windows */
    public int backtestWindows() {
        return backtestWindows;
    }

    /** @return the distance in steps between backtest windows, empty for the default (= horizon) */
    public OptionalInt backtestOffset() {
        return backtestOffset == null ? OptionalInt.empty() : OptionalInt.of(backtestOffset);
    }

    /** @return the seasonal period, empty for the frequency's default (FCST-R6) */
    public OptionalInt seasonalPeriod() {
        return seasonalPeriod == null ? OptionalInt.empty() : OptionalInt.of(seasonalPeriod);
    }

    /** @return the timestamp pattern ({@link DateTimeFormatter} syntax), empty when inferred (FCST-R4) */
    public Optional<String> timestampFormat() {
        return Optional.ofNullable(timestampFormat);
    }

    /**
     * The wall-clock budget of the whole job, from {@code fit}/{@code start} to the result (AUTOML-R58 applied):
     * loading, backtests, ensemble, refit and final forecasts; the wall time stays within budget + max(10 s, 5%).
     * Models run in {@link ForecastAlgorithm} order, so the cheap NAIVE and SEASONAL_NAIVE run first, and always
     * (even past the deadline) when requested, so that a result exists; every other model starts only while time
     * (≥ 5% of the budget) remains after a reserve for the refit phase (≥ 10% of the budget, else 1.5 × the measured per-window fit time
     * of the completed models and of the one in flight) and is stopped between series fits (GLOBAL_GBM between
     * boosting rounds) when it runs into that reserve, or as soon as its measured rate shows that its remaining
     * fits and its refit would (a local model so stopped is dropped; GLOBAL_GBM's boosters train round-robin and
     * keep the rounds they trained, all alike, and its refit trains as many; it is dropped if not even one round of
     * each fits). The ensemble is skipped when its estimated time does not fit. A job whose budget
     * cut work ends
     * MAX_AUTO_ML_JOB_RUNTIME_REACHED with a warning naming what was skipped, and is not reproducible (FCST-R21).
     *
     * @return the budget, empty for none (a count budget: every model runs)
     */
    public Optional<Duration> maxJobRuntime() {
        return Optional.ofNullable(maxJobRuntime);
    }

    /** @return the seed of every random choice (simulated intervals) */
    public long seed() {
        return seed;
    }

    /** @return worker threads for per-series work; results do not depend on it */
    public int threads() {
        return threads;
    }

    /** @return whether the greedy ensemble (FCST-R12) is built when two or more models ran */
    public boolean ensemble() {
        return ensemble;
    }

    /** @return which instant of a bucket labels it in the outputs (FCST-R2, R5); START by default */
    public TimestampLabel timestampLabel() {
        return timestampLabel;
    }

    /** @return the clock of event times and provenance start/end (the system clock unless injected) */
    public InstantSource clock() {
        return clock;
    }

    /** @return listeners that receive every event as it happens (AUTOML-R55) */
    public List<Consumer<Event>> listeners() {
        return listeners;
    }

    /** @return known-covariate columns (future values known; numeric or categorical), in the order given */
    public List<String> knownCovariates() {
        return knownCovariates;
    }

    /** @return static-feature columns (constant within each series), in the order given */
    public List<String> staticFeatures() {
        return staticFeatures;
    }

    /** @return configured filling methods by column (FCST-R13); unmodifiable */
    public Map<String, FillSpec> fillings() {
        return fillings;
    }

    /**
     * @return configured aggregation methods by column (FCST-R2); unmodifiable. Columns not listed use the defaults
     *         of {@link Aggregation}
     */
    public Map<String, Aggregation> aggregations() {
        return aggregations;
    }

    /**
     * @return whether every series is extended to the last timestamp of the whole dataset and that back range is
     *         filled (FCST-R13); false by default
     */
    public boolean backFill() {
        return backFill;
    }

    /** @return the canonical code of the holiday calendar (FCST-R15), empty for none */
    public Optional<String> holidayCountry() {
        return Optional.ofNullable(holidayCountry);
    }

    /**
     * @return every builder field as text, defaults resolved or named ("inferred", "= horizon", "none"), in a fixed
     *         order; the {@code spec} of {@link ForecastProvenance}. Listeners are not part of the spec.
     */
    public Map<String, String> toSpecMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("itemId", itemId);
        m.put("timestamp", timestamp);
        m.put("target", target);
        m.put("groupingColumns", groupingColumns.isEmpty() ? "none" : groupingColumns.toString());
        m.put("frequency", frequency == null ? "inferred" : frequency.toString());
        m.put("horizon", Integer.toString(horizon));
        m.put("quantiles", Arrays.toString(quantiles));
        m.put("algorithms", algorithms.toString());
        m.put("objectiveMetric", objectiveMetric.name());
        m.put("backtestWindows", Integer.toString(backtestWindows));
        m.put("backtestOffset", backtestOffset == null ? "= horizon" : backtestOffset.toString());
        m.put("seasonalPeriod", seasonalPeriod == null ? "per frequency" : seasonalPeriod.toString());
        m.put("timestampFormat", timestampFormat == null ? "inferred" : timestampFormat);
        m.put("timestampLabel", timestampLabel.name());
        m.put("maxJobRuntime", maxJobRuntime == null ? "none" : maxJobRuntime.toString());
        m.put("seed", Long.toString(seed));
        m.put("threads", Integer.toString(threads));
        m.put("ensemble", Boolean.toString(ensemble));
        m.put("knownCovariates", knownCovariates.toString());
        m.put("staticFeatures", staticFeatures.toString());
        m.put("fillings", fillings.toString());
        m.put("aggregations", aggregations.toString());
        m.put("backFill", Boolean.toString(backFill));
        m.put("holidayCountry", holidayCountry == null ? "none" : holidayCountry);
        return Collections.unmodifiableMap(m);
    }

    @Override
    public String toString() {
        return "ForecastJob[" + name + ", h=" + horizon + ", quantiles=" + Arrays.toString(quantiles)
                + ", algorithms=" + algorithms + ", objective=" + objectiveMetric + "]";
    }

    /** Mutable builder; {@link #build()} validates every field at once. */
    public static final class Builder {
        private String name;
        private String itemId;
        private String timestamp;
        private String target;
        private Frequency frequency;
        private int horizon;
        private boolean horizonSet;
        private double[] quantiles = {0.1, 0.5, 0.9};
        private Set<ForecastAlgorithm> algorithms = EnumSet.allOf(ForecastAlgorithm.class);
        private ForecastMetric objectiveMetric = ForecastMetric.AVERAGE_WQL;
        private int backtestWindows = 1;
        private Integer backtestOffset;
        private Integer seasonalPeriod;
        private String timestampFormat;
        private Duration maxJobRuntime;
        private long seed = 42L;
        private int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        private boolean ensemble = true;
        private List<String> knownCovariates = List.of();
        private List<String> staticFeatures = List.of();
        private List<String> groupingColumns = List.of();
        private final Map<String, FillSpec> fillings = new LinkedHashMap<>();
        private final Map<String, Aggregation> aggregations = new LinkedHashMap<>();
        private boolean backFill;
        private String holidayCountry;
        private final List<Consumer<Event>> listeners = new ArrayList<>();
        private InstantSource clock = InstantSource.system();
        private TimestampLabel timestampLabel = TimestampLabel.START;

        private Builder() {
        }

        /**
         * Adds a listener called with every event as it happens (AUTOML-R55), on the job's thread (the STOPPING
         * transition on the thread that requested the stop); it must be fast and must not throw (exceptions are
         * logged and ignored). Listeners are not part of the spec.
         *
         * @param listener the listener
         * @return this
         */
        public Builder listener(Consumer<Event> listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * @param label which instant of a frequency bucket labels it in forecasts and the backtest export (FCST-R2,
         *              R5): {@link TimestampLabel#START} (default) or {@link TimestampLabel#END}
         * @return this
         */
        public Builder timestampLabel(TimestampLabel label) {
            this.timestampLabel = Objects.requireNonNull(label, "timestampLabel");
            return this;
        }

        /**
         * @param clock source of event times and of provenance start/end (FCST-R2 "as tabular": injectable for
         *              tests); budgets are measured with {@link System#nanoTime()} whatever the clock. Not part of
         *              the spec map.
         * @return this
         */
        public Builder clock(InstantSource clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @param name job name; generated when not set @return this */
        public Builder name(String name) {
            this.name = requireText(name, "name");
            return this;
        }

        /** @param column the item-id (series key) column @return this */
        public Builder itemId(String column) {
            this.itemId = requireText(column, "itemId");
            return this;
        }

        /** @param column the timestamp column @return this */
        public Builder timestamp(String column) {
            this.timestamp = requireText(column, "timestamp");
            return this;
        }

        /** @param column the numeric target column @return this */
        public Builder target(String column) {
            this.target = requireText(column, "target");
            return this;
        }

        /**
         * Columns that, with the item id, identify a series (FCST-R2): e.g. {@code groupingColumns("store")} when the
         * same item ids occur in several stores. At most {@value ForecastJob#MAX_GROUPING_COLUMNS}, distinct, none
         * of them the item id, timestamp, target, a known covariate or a static feature (checked at
         * {@link #build()}); each must exist in the data (checked at fit and at prediction). A missing value is a
         * value of its own. Every output shows the key as separate columns: item id, then the grouping columns in
         * this order ({@link ForecastTable}, backtest export); explanations and messages name a series as
         * {@code item_id=a, store=3}. GLOBAL_GBM's categorical item-id feature is the full key (one category per
         * series); the grouping values are not features of their own.
         *
         * @param columns grouping columns, none to identify series by the item id alone
         * @return this
         */
        public Builder groupingColumns(String... columns) {
            Objects.requireNonNull(columns, "groupingColumns");
            this.groupingColumns = Arrays.asList(columns.clone());
            return this;
        }

        /** @param frequency the sampling frequency; inferred when not set (FCST-R6) @return this */
        public Builder frequency(Frequency frequency) {
            this.frequency = Objects.requireNonNull(frequency, "frequency");
            return this;
        }

        /** @param frequency text form, e.g. {@code "1D"}, {@code "Q"} (FCST-R5) @return this */
        public Builder frequency(String frequency) {
            this.frequency = Frequency.parse(frequency);
            return this;
        }

        /** @param steps forecast horizon, 1..500 (FCST-R7) @return this */
        public Builder horizon(int steps) {
            this.horizon = steps;
            this.horizonSet = true;
            return this;
        }

        /** @param levels 1..5 unique levels in [0.01, 0.99], multiples of 0.01 (FCST-R8) @return this */
        public Builder quantiles(double... levels) {
            this.quantiles = Objects.requireNonNull(levels, "quantiles").clone();
            return this;
        }

        /**
         * @param levels levels as text: {@code "0.25"} or {@code "p25"} (FCST-R8)
         * @return this
         */
        public Builder quantiles(String... levels) {
            Objects.requireNonNull(levels, "quantiles");
            double[] q = new double[levels.length];
            for (int i = 0; i < levels.length; i++) {
                q[i] = parseQuantile(levels[i]);
            }
            this.quantiles = q;
            return this;
        }

        /** @param algorithms non-empty set of models to try @return this */
        public Builder algorithms(ForecastAlgorithm... algorithms) {
            Objects.requireNonNull(algorithms, "algorithms");
            return algorithms(Arrays.asList(algorithms));
        }

        /** @param algorithms non-empty set of models to try @return this */
        public Builder algorithms(Iterable<ForecastAlgorithm> algorithms) {
            Objects.requireNonNull(algorithms, "algorithms");
            EnumSet<ForecastAlgorithm> set = EnumSet.noneOf(ForecastAlgorithm.class);
            for (ForecastAlgorithm a : algorithms) {
                set.add(Objects.requireNonNull(a, "algorithm"));
            }
            this.algorithms = set;
            return this;
        }

        /** @param metric the objective (default {@link ForecastMetric#AVERAGE_WQL}) @return this */
        public Builder objectiveMetric(ForecastMetric metric) {
            this.objectiveMetric = Objects.requireNonNull(metric, "objectiveMetric");
            return this;
        }

        /** @param windows backtest windows, 1..5 (FCST-R2, R16) @return this */
        public Builder backtestWindows(int windows) {
            this.backtestWindows = windows;
            return this;
        }

        /** @param steps distance between windows, ≥ horizon and ≤ ⌊L_max/2⌋ (FCST-R2) @return this */
        public Builder backtestOffset(int steps) {
            this.backtestOffset = steps;
            return this;
        }

        /** @param period seasonal period ≥ 1 (1 = no seasonality) @return this */
        public Builder seasonalPeriod(int period) {
            this.seasonalPeriod = period;
            return this;
        }

        /** @param pattern {@link DateTimeFormatter} pattern of the timestamp column (FCST-R4) @return this */
        public Builder timestampFormat(String pattern) {
            this.timestampFormat = requireText(pattern, "timestampFormat");
            return this;
        }

        /** @param budget positive wall-clock budget for the whole job @return this */
        public Builder maxJobRuntime(Duration budget) {
            this.maxJobRuntime = Objects.requireNonNull(budget, "maxJobRuntime");
            return this;
        }

        /** @param seed seed of all random choices @return this */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** @param threads worker threads ≥ 1 @return this */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /** @param enabled whether to build the greedy ensemble (default true) @return this */
        public Builder ensemble(boolean enabled) {
            this.ensemble = enabled;
            return this;
        }

        /**
         * @param columns columns whose values are known in advance for the forecast steps (price, promotion),
         *                numeric or categorical (FCST-R2); used by {@link ForecastAlgorithm#GLOBAL_GBM}, the numeric
         *                ones also by {@link ForecastAlgorithm#PROPHET_LIKE} (as regressors), ignored by the
         *                statistical models
         * @return this
         */
        public Builder knownCovariates(String... columns) {
            Objects.requireNonNull(columns, "knownCovariates");
            this.knownCovariates = List.of(columns.clone());
            return this;
        }

        /**
         * @param columns columns constant within each series (store size, region), numeric or categorical, never
         *                missing (FCST-R2, R13); used by {@link ForecastAlgorithm#GLOBAL_GBM}
         * @return this
         */
        public Builder staticFeatures(String... columns) {
            Objects.requireNonNull(columns, "staticFeatures");
            this.staticFeatures = List.of(columns.clone());
            return this;
        }

        /**
         * How the gaps of the target or of a numeric known covariate are filled (FCST-R13). A gap is a step of the
         * regularised series without a row or whose value is missing. Ranges: middle (between a series' first and
         * last row), back (after its last row up to the dataset's last timestamp, only with
         * {@link #backFill(boolean)}) and, for covariates, future (the h forecast steps, FCST-R14).
         * <ul>
         * <li>Target: default {@link FillSpec#zero()}; every method is allowed. {@link FillSpec#nan()} keeps the
         * gaps missing (FCST-R11): ETS and ARIMA skip them in their likelihoods, GLOBAL_GBM skips training rows with a
         * missing value, the other models interpolate them linearly; backtests do not score them.
         * Zero-filling can bias forecasts low, {@code nan} can bias them high (both are reported as warnings).</li>
         * <li>Numeric known covariates: not filled by default (gaps are then an error); every method but
         * {@code nan}.</li>
         * </ul>
         * The column is checked at {@link #build()}: it must be the target or a known covariate (static features are
         * never missing; categorical covariates keep "missing" as a level, checked against the data at fit).
         *
         * @param column the target or a numeric known covariate
         * @param spec   the method; {@code mean/median/min/max} use the {@value FillSpec#RECENT} most recent
         *               observations of the series before the gap
         * @return this
         * @throws IllegalStateException when the column's filling was already set
         */
        public Builder filling(String column, FillSpec spec) {
            requireText(column, "filling column");
            Objects.requireNonNull(spec, "filling spec");
            if (fillings.containsKey(column)) {
                throw new IllegalStateException("filling of '" + column + "' was already set to "
                        + fillings.get(column) + " (FCST-R13)");
            }
            fillings.put(column, spec);
            return this;
        }

        /**
         * How the rows of one series falling into one bucket of the frequency are combined (FCST-R2): e.g. daily
         * data with {@code frequency("1W")}, or hourly data with {@code "1D"}. Defaults: target
         * {@link Aggregation#SUM}, numeric known covariates {@link Aggregation#AVG}, categorical ones {@link Aggregation#FIRST} (the only method
         * allowed for categorical columns, checked at fit).
         *
         * <p>Rows of one series with exactly the same timestamp are an error (FCST-R4) unless the target's
         * aggregation is configured here: setting it declares that such rows are parts of one observation, and they
         * are then combined with the configured methods (also when the frequency is inferred).
         *
         * @param column the target or a known covariate
         * @param method the method
         * @return this
         * @throws IllegalStateException when the column's aggregation was already set
         */
        public Builder aggregation(String column, Aggregation method) {
            requireText(column, "aggregation column");
            Objects.requireNonNull(method, "aggregation method");
            if (aggregations.containsKey(column)) {
                throw new IllegalStateException("aggregation of '" + column + "' was already set to "
                        + aggregations.get(column) + " (FCST-R2)");
            }
            aggregations.put(column, method);
            return this;
        }

        /**
         * Extends every series to the last timestamp of the whole dataset and fills that back range (FCST-R13): the
         * target with its filling method (default zero), numeric known covariates with theirs (an error when a
         * covariate then has gaps and no method), categorical covariates with the "missing" level. Off by default:
         * series end at their last row (FCST-R9), since series that simply end at different dates (M3, most
         * panels) would otherwise get long runs of zeros appended. Use it when a series ending early means no
         * demand (e.g. retail items not sold since).
         *
         * @param enabled whether to fill the back range
         * @return this
         */
        public Builder backFill(boolean enabled) {
            this.backFill = enabled;
            return this;
        }

        /**
         * Applies one country's public-holiday calendar to every series (FCST-R15); used by PROPHET_LIKE (holiday
         * regressors) and GLOBAL_GBM (holiday features of history and future steps), ignored by the statistical
         * models.
         *
         * @param code two-letter ISO 3166-1 alpha-2 code, any case, or the alias {@code UK} (= GB); Kosovo is
         *             {@code XK}; see {@link Holidays#supportedCountries()}
         * @return this
         * @throws IllegalArgumentException naming the code and listing close matches when it is not supported
         */
        public Builder holidayCountry(String code) {
            this.holidayCountry = Holidays.canonicalCode(code);
            return this;
        }

        /**
         * @return the validated job
         * @throws IllegalArgumentException naming the field, the value and the rule when a field is invalid
         * @throws IllegalStateException    when a required field is missing
         */
        public ForecastJob build() {
            if (itemId == null || timestamp == null || target == null) {
                throw new IllegalStateException("itemId, timestamp and target columns are required (FCST-R2)");
            }
            if (itemId.equals(timestamp) || itemId.equals(target) || timestamp.equals(target)) {
                throw new IllegalArgumentException("itemId '" + itemId + "', timestamp '" + timestamp
                        + "' and target '" + target + "' must be distinct columns (FCST-R2)");
            }
            if (!horizonSet) {
                throw new IllegalStateException("horizon is required (FCST-R2)");
            }
            if (horizon < 1 || horizon > MAX_HORIZON) {
                throw new IllegalArgumentException("horizon " + horizon + " must be in 1.." + MAX_HORIZON
                        + " (FCST-R7)");
            }
            quantiles = validateQuantiles(quantiles);
            if (algorithms.isEmpty()) {
                throw new IllegalArgumentException("algorithms must name at least one of "
                        + Arrays.toString(ForecastAlgorithm.values()) + " (FCST-R2)");
            }
            if (backtestWindows < 1 || backtestWindows > MAX_BACKTEST_WINDOWS) {
                throw new IllegalArgumentException("backtestWindows " + backtestWindows + " must be in 1.."
                        + MAX_BACKTEST_WINDOWS + " (FCST-R2)");
            }
            if (backtestOffset != null && backtestOffset < horizon) {
                throw new IllegalArgumentException("backtestOffset " + backtestOffset + " must be ≥ horizon "
                        + horizon + " (FCST-R2)");
            }
            if (seasonalPeriod != null && seasonalPeriod < 1) {
                throw new IllegalArgumentException("seasonalPeriod " + seasonalPeriod + " must be ≥ 1 (FCST-R2)");
            }
            if (maxJobRuntime != null && (maxJobRuntime.isNegative() || maxJobRuntime.isZero())) {
                throw new IllegalArgumentException("maxJobRuntime " + maxJobRuntime + " must be positive");
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads " + threads + " must be ≥ 1");
            }
            if (timestampFormat != null) {
                try {
                    DateTimeFormatter.ofPattern(timestampFormat, Locale.ROOT);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("timestampFormat '" + timestampFormat
                            + "' is not a valid DateTimeFormatter pattern: " + e.getMessage(), e);
                }
            }
            validateCovariates();
            validateGrouping();
            return new ForecastJob(this);
        }

        private void validateGrouping() {
            if (groupingColumns.size() > MAX_GROUPING_COLUMNS) {
                throw new IllegalArgumentException(groupingColumns.size() + " grouping columns " + groupingColumns
                        + " exceed the limit of " + MAX_GROUPING_COLUMNS + " (FCST-R3)");
            }
            Set<String> seen = new LinkedHashSet<>();
            for (String c : groupingColumns) {
                if (c == null || c.isBlank()) {
                    throw new IllegalArgumentException("grouping column names must not be null or blank, got "
                            + (c == null ? "null" : "'" + c + "'") + " (FCST-R2)");
                }
                String role = c.equals(itemId) ? "the item-id column" : c.equals(timestamp) ? "the timestamp column"
                        : c.equals(target) ? "the target column" : knownCovariates.contains(c) ? "a known covariate"
                        : staticFeatures.contains(c) ? "a static feature" : null;
                if (role != null) {
                    throw new IllegalArgumentException("grouping column '" + c + "' is " + role + "; grouping columns"
                            + " must be other columns (FCST-R2)");
                }
                if (!seen.add(c)) {
                    throw new IllegalArgumentException("grouping column '" + c + "' is given twice (FCST-R2)");
                }
            }
        }

        private void validateCovariates() {
            Set<String> seen = new LinkedHashSet<>();
            for (List<String> list : List.of(knownCovariates, staticFeatures)) {
                String role = list == knownCovariates ? "known covariate" : "static feature";
                for (String c : list) {
                    if (c == null || c.isBlank()) {
                        throw new IllegalArgumentException(role + " column names must not be null or blank (FCST-R2)");
                    }
                    if (c.equals(itemId) || c.equals(timestamp) || c.equals(target)) {
                        throw new IllegalArgumentException(role + " '" + c + "' is the item-id, timestamp or target"
                                + " column; covariates and static features must be other columns (FCST-R2)");
                    }
                    if (!seen.add(c)) {
                        throw new IllegalArgumentException(role + " '" + c + "' is given twice among the known"
                                + " covariates and static features (FCST-R2)");
                    }
                }
            }
            int limit = MAX_NUMERIC_COVARIATES + MAX_CATEGORICAL_COVARIATES;
            if (seen.size() > limit) {
                throw new IllegalArgumentException(seen.size() + " known-covariate and static columns exceed the limit"
                        + " of " + limit + " (≤ " + MAX_NUMERIC_COVARIATES + " numeric and ≤ "
                        + MAX_CATEGORICAL_COVARIATES + " categorical, FCST-R3)");
            }
            for (Map.Entry<String, FillSpec> e : fillings.entrySet()) {
                String c = e.getKey();
                FillSpec.Method method = e.getValue().method();
                if (c.equals(target)) {
                    continue; // every method is allowed for the target
                } else if (knownCovariates.contains(c)) {
                    if (method == FillSpec.Method.NAN) {
                        throw new IllegalArgumentException("filling of known covariate '" + c + "' with nan: covariates"
                                + " accept zero, value, mean, median, min or max (FCST-R13)");
                    }
                } else if (staticFeatures.contains(c)) {
                    throw new IllegalArgumentException("filling of static feature '" + c + "': static features must"
                            + " not be missing, so they are never filled (FCST-R13)");
                } else {
                    throw new IllegalArgumentException("filling column '" + c + "' is neither the target '" + target
                            + "' nor a known covariate " + knownCovariates + " (FCST-R13)");
                }
            }
            for (Map.Entry<String, Aggregation> e : aggregations.entrySet()) {
                String c = e.getKey();
                if (staticFeatures.contains(c)) {
                    throw new IllegalArgumentException("aggregation of static feature '" + c + "': static features are"
                            + " constant within a series, so they are never aggregated (FCST-R2)");
                }
                if (!c.equals(target) && !knownCovariates.contains(c)) {
                    throw new IllegalArgumentException("aggregation column '" + c + "' is neither the target '" + target
                            + "' nor a known covariate " + knownCovariates + " (FCST-R2)");
                }
            }
        }

        private static double[] validateQuantiles(double[] levels) {
            if (levels.length < 1 || levels.length > MAX_QUANTILES) {
                throw new IllegalArgumentException("quantiles: " + levels.length + " levels given, must be 1.."
                        + MAX_QUANTILES + " (FCST-R8)");
            }
            TreeSet<Double> sorted = new TreeSet<>();
            for (double q : levels) {
                if (!(q >= 0.01 - 1e-12 && q <= 0.99 + 1e-12)) {
                    throw new IllegalArgumentException("quantile " + q + " must be in [0.01, 0.99] (FCST-R8)");
                }
                double cents = q * 100;
                if (Math.abs(cents - Math.rint(cents)) > 1e-9) {
                    throw new IllegalArgumentException("quantile " + q + " must be a multiple of 0.01 (FCST-R8)");
                }
                if (!sorted.add(Math.rint(cents) / 100)) {
                    throw new IllegalArgumentException("quantile " + q + " is given twice (FCST-R8)");
                }
            }
            List<Double> list = new ArrayList<>(sorted);
            double[] out = new double[list.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = list.get(i);
            }
            return out;
        }

        private static double parseQuantile(String text) {
            Objects.requireNonNull(text, "quantile");
            String t = text.trim();
            try {
                if (t.startsWith("p") || t.startsWith("P")) {
                    return Integer.parseInt(t.substring(1)) / 100.0;
                }
                return Double.parseDouble(t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("quantile '" + text
                        + "' is neither a number like 0.25 nor a name like p25 (FCST-R8)", e);
            }
        }

        private static String requireText(String value, String field) {
            Objects.requireNonNull(value, field);
            if (value.isBlank()) {
                throw new IllegalArgumentException(field + " must not be blank");
            }
            return value;
        }
    }
}
