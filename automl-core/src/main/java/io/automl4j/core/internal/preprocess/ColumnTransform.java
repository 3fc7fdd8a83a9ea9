package io.automl4j.core.internal.preprocess;

import io.automl4j.api.data.ColumnType;

import java.util.List;

/**
 * The fitted transform of one input column (AUTOML-R19–R23), persisted as JSON inside the model. Only the fields of
 * its method are set.
 *
 * @param column     input column
 * @param type       its type
 * @param method     RAW (trees: value, NaN = missing), STANDARDIZE (impute median, indicator, z-score),
 *                   ONE_HOT, CODES (trees: integer codes by frequency), TARGET (out-of-fold target encoding),
 *                   DATE_PARTS, TFIDF
 * @param median     imputation values (per output for DATE_PARTS; one for STANDARDIZE)
 * @param mean       standardisation means
 * @param std        standardisation standard deviations (never 0)
 * @param indicator  whether a missing indicator column follows (STANDARDIZE)
 * @param levels     kept categorical levels (ONE_HOT, CODES, TARGET) then the {@code RARE} and {@code MISSING}
 *                   buckets, or TF-IDF vocabulary
 * @param encoding   TARGET: per level, the encoded values (one per output)
 * @param prior      TARGET: the global values used for unseen levels; TFIDF: idf per term
 * @param dateFormat DATE_PARTS: the format name
 * @param hasTime    DATE_PARTS: whether hour and minute are produced
 * @param outputs    output column names
 */
public record ColumnTransform(String column, ColumnType type, String method, List<Double> median, List<Double> mean,
                              List<Double> std, boolean indicator, List<String> levels, List<List<Double>> encoding,
                              List<Double> prior, String dateFormat, boolean hasTime, List<String> outputs) {
    public static final String RARE = "__rare__";
    public static final String MISSING = "__missing__";

    /** @return a short description for provenance, e.g. "ONE_HOT(7 levels)" */
    public String describe() {
        return switch (method) {
            case "ONE_HOT", "CODES", "TARGET" -> method + "(" + levels.size() + " levels)";
            case "TFIDF" -> method + "(" + levels.size() + " terms)";
            case "STANDARDIZE" -> indicator ? "MEDIAN_IMPUTE+INDICATOR+STANDARDIZE" : "MEDIAN_IMPUTE+STANDARDIZE";
            default -> method;
        };
    }
}
