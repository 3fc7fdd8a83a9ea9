package io.automl4j.core.internal.hpo;

import io.automl4j.api.Algorithm;
import io.automl4j.api.AutoMLJob;
import io.automl4j.api.AutoMLResult;
import io.automl4j.api.Candidate;
import io.automl4j.api.InvalidJobSpecException;
import io.automl4j.api.eval.EntryKind;
import io.automl4j.api.eval.LeaderboardEntry;
import io.automl4j.api.eval.Metric;
import io.automl4j.api.hpo.ParameterRanges;
import io.automl4j.api.hpo.WarmStartType;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * AUTOML-R41 warm start, checked at fit start: same objective metric as every parent; IDENTICAL_DATA_AND_ALGORITHM
 * also needs the same data fingerprint and algorithm set. Per algorithm searched by a parent and this job: the same
 * total count of static + tunable parameters, no tunable parameter changing type (categorical / integer /
 * continuous), and (tunable→static changes, each categorical value counting, + changed static values) ≤ 10.
 * The parents' completed trials become {@link Observation}s of this job's space (negative trial indices, parents
 * and trials in order); a trial whose algorithm is not searched, or whose value of a dimension is missing or
 * outside the new range, is left out.
 */
final class WarmStart {
    /** Most (tunable→static + changed static) parameter changes. */
    static final int MAX_CHANGES = 10;

    private WarmStart() {
    }

    /**
     * @param job         the job (with warm start)
     * @param space       this job's space
     * @param fingerprint this job's data fingerprint
     * @param objective   this job's objective
     * @return the seeded observations, oriented for minimisation
     * @throws InvalidJobSpecException when a rule is broken, naming the parent and the rule
     */
    static List<Observation> observations(AutoMLJob job, SearchSpace space, String fingerprint, Metric objective) {
        boolean maximising = objective.direction() == io.automl4j.api.eval.Direction.MAXIMIZE;
        Set<Algorithm> mine = EnumSet.copyOf(job.algorithms().orElse(AutoMLJob.DEFAULT_HPO_ALGORITHMS));
        List<Observation> out = new ArrayList<>();
        int n = 0;
        for (AutoMLResult p : job.warmStartParents()) {
            n += p.leaderboard().size();
        }
        int next = -n;
        for (AutoMLResult p : job.warmStartParents()) {
            String name = p.provenance().jobName();
            if (p.resolved().objectiveMetric() != objective) {
                throw new InvalidJobSpecException("warm start parent " + name + " optimised "
                        + p.resolved().objectiveMetric() + " but this job optimises " + objective
                        + "; the objective metric must be the same (AUTOML-R41)");
            }
            Set<Algorithm> theirs = EnumSet.copyOf(p.job().algorithms().orElse(AutoMLJob.DEFAULT_HPO_ALGORITHMS));
            if (job.warmStartType().orElseThrow() == WarmStartType.IDENTICAL_DATA_AND_ALGORITHM) {
                if (!p.provenance().dataFingerprint().equals(fingerprint)) {
                    throw new InvalidJobSpecException("IDENTICAL_DATA_AND_ALGORITHM warm start needs the data of parent "
                            + name + ", but the data fingerprint differs; use TRANSFER_LEARNING");
                }
                if (!theirs.equals(mine)) {
                    throw new InvalidJobSpecException("IDENTICAL_DATA_AND_ALGORITHM warm start needs the algorithms "
                            + theirs + " of parent " + name + " but this job searches " + mine);
                }
            }
            for (Algorithm a : theirs) {
                if (mine.contains(a)) {
                    checkParameters(name, a, params(p.job(), a), params(job, a));
                }
            }
            Map<String, Candidate> byName = new LinkedHashMap<>();
            for (Candidate c : p.candidates()) {
                byName.put(c.name(), c);
            }
            List<LeaderboardEntry> trials = new ArrayList<>(p.leaderboard().entries());
            trials.sort((x, y) -> Integer.compare(x.candidateIndex(), y.candidateIndex()));
            for (LeaderboardEntry e : trials) {
                Candidate c = byName.get(e.candidateName());
                int trial = next++;
                if (e.kind() != EntryKind.TRIAL || c == null || Double.isNaN(e.objective())) {
                    continue;
                }
                Config config = toConfig(space, c);
                if (config != null) {
                    out.add(new Observation(trial, config, maximising ? -e.objective() : e.objective()));
                }
            }
        }
        return out;
    }

    /** One parameter of an algorithm's spec: kind C/I/D for tunable ranges, S for a static value. */
    private record Param(char kind, int values, String value) {
    }

    private static Map<String, Param> params(AutoMLJob job, Algorithm a) {
        Map<String, Param> m = new LinkedHashMap<>();
        ParameterRanges r = job.parameterRanges().get(a);
        List<Dim> dims = r == null ? SearchSpace.builtIn(a) : r.ranges().stream().map(Dim::of).toList();
        for (Dim d : dims) {
            char k = d.kind() == Dim.Kind.CATEGORICAL ? 'C' : d.kind() == Dim.Kind.INTEGER ? 'I' : 'D';
            m.put(d.name(), new Param(k, d.size(), null));
        }
        Map<String, String> statics = r == null ? SearchSpace.builtInFixed(a) : r.staticValues();
        statics.forEach((k, v) -> m.put(k, new Param('S', 0, v)));
        return m;
    }

    private static void checkParameters(String parent, Algorithm a, Map<String, Param> theirs,
                                        Map<String, Param> mine) {
        if (theirs.size() != mine.size()) {
            throw new InvalidJobSpecException("warm start: " + a + " has " + mine.size() + " static + tunable "
                    + "parameters but " + theirs.size() + " in parent " + parent + "; the count must stay the same");
        }
        int changes = 0;
        for (Map.Entry<String, Param> e : theirs.entrySet()) {
            Param t = e.getValue();
            Param m = mine.get(e.getKey());
            if (m == null) {
                continue;
            }
            if (t.kind() != 'S' && m.kind() != 'S' && t.kind() != m.kind()) {
                throw new InvalidJobSpecException("warm start: " + a + " parameter '" + e.getKey() + "' changes type"
                        + " from parent " + parent + "; a parameter may not change type");
            }
            if (t.kind() != 'S' && m.kind() == 'S') {
                changes += t.kind() == 'C' ? t.values() : 1;
            } else if (t.kind() == 'S' && m.kind() == 'S' && !t.value().equals(m.value())) {
                changes++;
            }
        }
        if (changes > MAX_CHANGES) {
            throw new InvalidJobSpecException("warm start: " + a + " has " + changes + " tunable-to-static or changed"
                    + " static parameter values relative to parent " + parent + "; at most " + MAX_CHANGES);
        }
    }

    /** @return the candidate as a point of {@code space}, or null when it does not fit it */
    static Config toConfig(SearchSpace space, Candidate c) {
        for (int a = 0; a < space.size(); a++) {
            SearchSpace.AlgoSpace as = space.get(a);
            if (as.algorithm() != c.algorithm()) {
                continue;
            }
            double[] u = new double[as.dims().size()];
            for (int d = 0; d < u.length; d++) {
                Dim dim = as.dims().get(d);
                String v = c.hyperparameters().get(dim.name());
                if (v == null) {
                    return null;
                }
                if (dim.kind() == Dim.Kind.CATEGORICAL) {
                    int i = dim.values().indexOf(v);
                    if (i < 0) {
                        return null;
                    }
                    u[d] = (i + 0.5) / dim.size();
                } else {
                    double x;
                    try {
                        x = Double.parseDouble(v);
                    } catch (NumberFormatException e) {
                        return null;
                    }
                    if (x < dim.min() || x > dim.max()) {
                        return null;
                    }
                    u[d] = Scaling.toUnit(dim.scaling(), dim.min(), dim.max(), x);
                }
            }
            return new Config(a, u);
        }
        return null;
    }
}
