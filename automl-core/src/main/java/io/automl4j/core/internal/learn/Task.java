package io.automl4j.core.internal.learn;

/**
 * What a learner is asked to predict.
 *
 * @param numClasses 0 for regression, 2 for binary, k &gt; 2 for multiclass
 */
public record Task(int numClasses) {
    public static final Task REGRESSION = new Task(0);

    public Task {
        if (numClasses < 0 || numClasses == 1) {
            throw new IllegalArgumentException("numClasses must be 0 (regression) or >= 2 but was " + numClasses);
        }
    }

    public static Task classification(int k) {
        return new Task(k);
    }

    public boolean isRegression() {
        return numClasses == 0;
    }

    public boolean isBinary() {
        return numClasses == 2;
    }

    /** @return the width of a prediction row: k for classification, 1 for regression */
    public int outputWidth() {
        return isRegression() ? 1 : numClasses;
    }
}
