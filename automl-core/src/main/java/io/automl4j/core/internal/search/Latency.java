package io.automl4j.core.internal.search;

import io.automl4j.core.internal.Seeds;
import io.automl4j.core.internal.data.TypedTable;
import io.automl4j.core.internal.model.BaggedModel;

import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * INFERENCE_LATENCY (AUTOML-R42): median single-row predict seconds through preprocessing and every member model,
 * one thread, after up to 100 warm-up rows, over up to 1,000 rows drawn with a seeded RNG. Bounded by a time
 * budget (at least 5 measured rows), since it runs inside the job's budget. Never part of the reproducibility
 * guarantee.
 */
public final class Latency {
    private Latency() {
    }

    public static double measure(BaggedModel model, TypedTable table, long seed, Duration budget) {
        int n = table.rows();
        SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, Seeds.LATENCY));
        long end = System.nanoTime() + budget.toNanos();
        int warm = Math.min(100, n);
        for (int i = 0; i < warm && (i < 5 || System.nanoTime() < end); i++) {
            model.predictRaw(table.select(new int[] {rng.nextInt(n)}));
        }
        double[] t = new double[Math.min(1000, n)];
        int m = 0;
        while (m < t.length && (m < 5 || System.nanoTime() < end)) {
            TypedTable one = table.select(new int[] {rng.nextInt(n)});
            long s = System.nanoTime();
            model.predictRaw(one);
            t[m++] = (System.nanoTime() - s) / 1e9;
        }
        double[] s = Arrays.copyOf(t, m);
        Arrays.sort(s);
        return m % 2 == 1 ? s[m / 2] : 0.5 * (s[m / 2 - 1] + s[m / 2]);
    }
}
