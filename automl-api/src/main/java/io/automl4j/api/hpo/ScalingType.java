package io.automl4j.api.hpo;

/**
 * How an integer or continuous range maps the internal unit coordinate u ∈ [0, 1] to a value (AUTOML-R35).
 */
public enum ScalingType {
    /** LOGARITHMIC if min &gt; 0 and max/min ≥ 100, else LINEAR. */
    AUTO,
    /** x = a + u(b − a). */
    LINEAR,
    /** x = exp(ln a + u(ln b − ln a)); requires min &gt; 0. */
    LOGARITHMIC,
    /** x = 1 − exp(ln(1−b) + u(ln(1−a) − ln(1−b))); continuous only, 0 ≤ min &lt; max &lt; 1. */
    REVERSE_LOGARITHMIC;

    /**
     * @param min lower bound
     * @param max upper bound
     * @return the scaling AUTO stands for on [min, max] (this scaling itself unless AUTO)
     */
    public ScalingType resolve(double min, double max) {
        if (this != AUTO) {
            return this;
        }
        return min > 0 && max / min >= 100 ? LOGARITHMIC : LINEAR;
    }
}
