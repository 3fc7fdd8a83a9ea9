package io.automl4j.core.internal.hpo;

import java.util.ArrayList;
import java.util.List;

/**
 * GRID (AUTOML-R31): every combination of categorical values, algorithms in space order, and within an algorithm
 * the parameters in declaration order with the last varying fastest. Coordinates are the canonical
 * {@code (i + 0.5) / k} of each value index.
 */
public final class GridSampler {
    private GridSampler() {
    }

    /**
     * @param space a space of categorical dimensions only
     * @return every combination, in enumeration order
     * @throws IllegalArgumentException when a dimension is not categorical
     */
    public static List<Config> enumerate(SearchSpace space) {
        List<Config> out = new ArrayList<>();
        for (int a = 0; a < space.size(); a++) {
            List<Dim> dims = space.get(a).dims();
            for (Dim d : dims) {
                if (d.kind() != Dim.Kind.CATEGORICAL) {
                    throw new IllegalArgumentException("GRID needs categorical parameters, but " + d + " is not");
                }
            }
            int[] idx = new int[dims.size()];
            while (true) {
                double[] u = new double[dims.size()];
                for (int d = 0; d < u.length; d++) {
                    u[d] = (idx[d] + 0.5) / dims.get(d).size();
                }
                out.add(new Config(a, u));
                int d = dims.size() - 1;
                while (d >= 0 && ++idx[d] == dims.get(d).size()) {
                    idx[d] = 0;
                    d--;
                }
                if (d < 0) {
                    break;
                }
            }
        }
        return out;
    }
}
