package io.automl4j.forecast;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Impact scores of the attributes of a forecast (FCST-R20): each known covariate, each static feature and the
 * holiday calendar as one attribute named {@code "holidays:" + country} (e.g. {@code holidays:US}).
 *
 * <p>Scores are relative, in [−1, 1]: the signed mean attribution of an attribute to the final forecasts' mean,
 * divided by the largest absolute mean attribution among the attributes of the same scope; 1 (or −1) marks the
 * attribute with the largest impact, 0 no impact. A positive score means the attribute raised the forecasts on
 * average, a negative one lowered them. Scopes: {@link #overall()} (all series and steps), {@link #perSeries()}
 * (the steps of one series) and {@link #perStep()} (one horizon step across series). A scope whose attributions are
 * all zero has all scores 0.
 *
 * <p>Attributions are computed on the forecast steps of every series, in units of the target, per member of the
 * final forecaster and weighted by its ensemble weight (members other than GLOBAL_GBM and PROPHET_LIKE use no
 * attribute and contribute 0):
 * <ul>
 *   <li>GLOBAL_GBM: SHAP values (LightGBM's tree SHAP) of the mean model on each forecast row, summed over the
 *       features that come from the attribute (a covariate's column; every holiday column for the calendar), times
 *       the series' scale. The model predicts each step's change from the previous step, so an attribution is the
 *       attribute's share in that step's predicted change;</li>
 *   <li>PROPHET_LIKE: exactly coefficient × (x − mean of x over the history) for each of its regressors (the
 *       holiday columns and the numeric known covariates), summed per attribute; it does not use categorical
 *       covariates or static features, which therefore score 0 in its share.</li>
 * </ul>
 *
 * <p>When no scores are produced ({@link #available()} false) {@link #reason()} says why: the job has no covariates,
 * static features or holiday calendar, or the final forecaster contains neither GLOBAL_GBM nor PROPHET_LIKE, or its
 * members use none of the job's attributes. Immutable and thread-safe.
 *
 * <pre>{@code
 * ForecastExplanation e = result.explainability();
 * if (e.available()) {
 *     e.overall().forEach((attribute, score) -> log.info("impact of {}: {}", attribute, score));
 * } else {
 *     log.info("no impact scores: {}", e.reason().orElseThrow());
 * }
 * }</pre>
 */
public final class ForecastExplanation {
    private final String reason;
    private final List<String> attributes;
    private final Map<String, Double> overall;
    private final Map<String, Map<String, Double>> perSeries;
    private final List<Map<String, Double>> perStep;

    private ForecastExplanation(String reason, List<String> attributes, Map<String, Double> overall,
                                Map<String, Map<String, Double>> perSeries, List<Map<String, Double>> perStep) {
        this.reason = reason;
        this.attributes = attributes;
        this.overall = overall;
        this.perSeries = perSeries;
        this.perStep = perStep;
    }

    /**
     * An explanation that was not produced.
     *
     * @param reason why (non-blank)
     * @return the explanation
     * @throws IllegalArgumentException when the reason is blank
     */
    public static ForecastExplanation none(String reason) {
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("reason must not be blank");
        }
        return new ForecastExplanation(reason, List.of(), Map.of(), Map.of(), List.of());
    }

    /**
     * Scores of the given attributes.
     *
     * @param attributes attribute names, in report order (non-empty, unique)
     * @param overall    a score per attribute
     * @param perSeries  per series id (in report order), a score per attribute
     * @param perStep    per horizon step (index 0 = the first step), a score per attribute
     * @return the explanation
     * @throws IllegalArgumentException when the attributes are empty or repeated, a map misses an attribute or has
     *                                  another key, or a score is not in [−1, 1]
     */
    public static ForecastExplanation of(List<String> attributes, Map<String, Double> overall,
                                         Map<String, Map<String, Double>> perSeries,
                                         List<Map<String, Double>> perStep) {
        List<String> attrs = List.copyOf(attributes);
        if (attrs.isEmpty()) {
            throw new IllegalArgumentException("attributes must not be empty");
        }
        if (attrs.stream().distinct().count() != attrs.size()) {
            throw new IllegalArgumentException("attributes must be unique but were " + attrs);
        }
        Map<String, Double> all = scores(attrs, overall, "overall");
        Map<String, Map<String, Double>> series = new LinkedHashMap<>();
        perSeries.forEach((id, s) -> series.put(Objects.requireNonNull(id, "series id"),
                scores(attrs, s, "series " + id)));
        List<Map<String, Double>> steps = new ArrayList<>();
        for (int k = 0; k < perStep.size(); k++) {
            steps.add(scores(attrs, perStep.get(k), "step " + (k + 1)));
        }
        return new ForecastExplanation(null, attrs, all, Collections.unmodifiableMap(series), List.copyOf(steps));
    }

    private static Map<String, Double> scores(List<String> attributes, Map<String, Double> scores, String scope) {
        if (!scores.keySet().equals(new java.util.HashSet<>(attributes))) {
            throw new IllegalArgumentException("scores of " + scope + " must have exactly the attributes "
                    + attributes + " but had " + scores.keySet());
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (String a : attributes) {
            double v = scores.get(a);
            if (!(v >= -1 && v <= 1)) {
                throw new IllegalArgumentException("score of " + a + " (" + scope + ") must be in [-1, 1] but was "
                        + v);
            }
            out.put(a, v);
        }
        return Collections.unmodifiableMap(out);
    }

    /** @return true when scores were produced; false when {@link #reason()} says why not */
    public boolean available() {
        return reason == null;
    }

    /** @return why no scores were produced, or empty when they were */
    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    /** @return the attribute names in report order (empty when none were produced) */
    public List<String> attributes() {
        return attributes;
    }

    /** @return score per attribute over all series and forecast steps (empty when none were produced) */
    public Map<String, Double> overall() {
        return overall;
    }

    /**
     * @return per series, the score per attribute over its forecast steps (empty when none were produced); keyed by
     *         the item id, or, when the job has grouping columns (FCST-R2), by the full key as
     *         {@code item_id=a, store=3} (item-id column, then the grouping columns in their order, {@code name=value}
     *         joined by {@code ", "}; a missing grouping value shows as nothing after {@code =})
     */
    public Map<String, Map<String, Double>> perSeries() {
        return perSeries;
    }

    /**
     * @return per horizon step (index 0 = the first forecast step of every series), the score per attribute across
     *         series (empty when none were produced)
     */
    public List<Map<String, Double>> perStep() {
        return perStep;
    }

    @Override
    public String toString() {
        return available() ? "ForecastExplanation" + overall : "ForecastExplanation[none: " + reason + "]";
    }
}
