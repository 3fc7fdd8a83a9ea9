package io.automl4j.core.internal.hpo;

import java.util.ArrayList;
import java.util.List;

/**
 * Hyperband (Li et al. 2018) brackets with reduction factor η (AUTOML-R31). Resources are expressed as levels
 * 0..sMax, level ℓ meaning the fraction η^(ℓ − sMax) of the maximum resource; bracket s starts
 * n = ⌈(sMax + 1)/(s + 1) · η^s⌉ configurations at level sMax − s, and its rung i keeps ⌊n·η^(−i)⌋ of them at level
 * sMax − s + i. Brackets run from s = sMax (most exploratory) down to 0, then the cycle repeats. Pure.
 */
public final class Hyperband {
    /** The reduction factor of AUTOML-R31. */
    public static final int ETA = 3;

    /**
     * One rung of a bracket.
     *
     * @param configurations how many configurations run at this rung
     * @param level          resource level, 0..sMax
     */
    public record Rung(int configurations, int level) {
    }

    private Hyperband() {
    }

    /**
     * @param sMax the largest bracket index (resource ratio max/min = η^sMax)
     * @param eta  reduction factor, &gt;= 2
     * @return the brackets s = sMax..0, each its rungs
     */
    public static List<List<Rung>> brackets(int sMax, int eta) {
        if (sMax < 0 || eta < 2) {
            throw new IllegalArgumentException("sMax must be >= 0 and eta >= 2 but were " + sMax + ", " + eta);
        }
        List<List<Rung>> out = new ArrayList<>();
        for (int s = sMax; s >= 0; s--) {
            long n = ceilDiv((long) (sMax + 1) * pow(eta, s), s + 1);
            List<Rung> rungs = new ArrayList<>();
            for (int i = 0; i <= s; i++) {
                rungs.add(new Rung((int) (n / pow(eta, i)), sMax - s + i));
            }
            out.add(rungs);
        }
        return out;
    }

    /**
     * @param minResource smallest resource
     * @param maxResource largest resource
     * @param eta         reduction factor
     * @param cap         largest sMax to use
     * @return min(cap, ⌊log_η(max/min)⌋), computed exactly in integers
     */
    public static int sMax(long minResource, long maxResource, int eta, int cap) {
        int s = 0;
        long r = minResource;
        while (r * eta <= maxResource && s < cap) {
            r *= eta;
            s++;
        }
        return s;
    }

    /**
     * The resource at a level: min·(max/min)^(level/sMax), rounded half-up (exactly min·η^level when
     * max = min·η^sMax).
     *
     * @param level       0..sMax
     * @param sMax        largest level
     * @param minResource resource at level 0
     * @param maxResource resource at level sMax
     * @return the resource
     */
    public static long resource(int level, int sMax, long minResource, long maxResource) {
        if (sMax == 0 || level >= sMax) {
            return maxResource;
        }
        double r = minResource * Math.pow((double) maxResource / minResource, (double) level / sMax);
        return Math.max(minResource, Math.min(maxResource, (long) Math.floor(r + 0.5)));
    }

    /**
     * @param level level
     * @param sMax  largest level
     * @return the data fraction of a level for algorithms without an iteration resource: η^(level − sMax)
     */
    public static double fraction(int level, int sMax) {
        return 1.0 / pow(ETA, sMax - level);
    }

    private static long pow(int b, int e) {
        long r = 1;
        for (int i = 0; i < e; i++) {
            r *= b;
        }
        return r;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
