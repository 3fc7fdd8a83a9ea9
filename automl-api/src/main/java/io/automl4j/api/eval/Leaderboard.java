package io.automl4j.api.eval;

import io.automl4j.api.ProblemType;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Completed candidates and ensembles ranked by the objective (AUTOML-R48): best first, ties to the lower
 * candidate index. Immutable.
 */
public final class Leaderboard {
    private final Metric objective;
    private final ProblemType problemType;
    private final List<LeaderboardEntry> entries;

    private Leaderboard(Metric objective, ProblemType problemType, List<LeaderboardEntry> entries) {
        this.objective = objective;
        this.problemType = problemType;
        this.entries = entries;
    }

    /**
     * Sorts and ranks entries.
     *
     * @param objective   the ranking metric
     * @param problemType the problem type (decides the metric columns)
     * @param entries     entries in any order; their ranks are replaced
     * @return the ranked leaderboard
     */
    public static Leaderboard of(Metric objective, ProblemType problemType, List<LeaderboardEntry> entries) {
        Objects.requireNonNull(objective, "objective");
        Comparator<LeaderboardEntry> byObjective = (a, b) -> {
            double x = a.objective();
            double y = b.objective();
            if (Double.isNaN(x) || Double.isNaN(y)) {
                return Double.isNaN(x) ? (Double.isNaN(y) ? 0 : 1) : -1;
            }
            int c = Double.compare(x, y);
            return objective.direction() == Direction.MAXIMIZE ? -c : c;
        };
        List<LeaderboardEntry> sorted = new ArrayList<>(entries);
        sorted.sort(byObjective.thenComparingInt(LeaderboardEntry::candidateIndex));
        List<LeaderboardEntry> ranked = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            ranked.add(sorted.get(i).withRank(i + 1));
        }
        return new Leaderboard(objective, problemType, List.copyOf(ranked));
    }

    /** @return the ranking metric */
    public Metric objective() {
        return objective;
    }

    /** @return entries, best first */
    public List<LeaderboardEntry> entries() {
        return entries;
    }

    /** @return number of entries */
    public int size() {
        return entries.size();
    }

    /**
     * @return the best entry
     * @throws NoSuchElementException when empty
     */
    public LeaderboardEntry best() {
        if (entries.isEmpty()) {
            throw new NoSuchElementException("the leaderboard is empty: no candidate completed");
        }
        return entries.get(0);
    }

    /**
     * Writes the leaderboard as CSV: rank, candidate, kind, algorithms, objective, objective_std, every metric
     * of the problem type, fit_seconds, folds, hyperparameters.
     *
     * @param out destination (not closed)
     * @throws IOException on write errors
     */
    public void writeCsv(Writer out) throws IOException {
        List<Metric> metrics = Metric.forProblemType(problemType);
        List<String> head = new ArrayList<>(List.of("rank", "candidate", "kind", "algorithms", "objective_metric",
                "objective", "objective_std"));
        for (Metric m : metrics) {
            head.add(m.reportName());
        }
        head.addAll(List.of("fit_seconds", "folds", "member_weights", "hyperparameters"));
        out.write(String.join(",", head));
        out.write('\n');
        for (LeaderboardEntry e : entries) {
            List<String> row = new ArrayList<>();
            row.add(Integer.toString(e.rank()));
            row.add(csv(e.candidateName()));
            row.add(e.kind().name());
            row.add(csv(e.algorithms().stream().map(Enum::name).collect(Collectors.joining(";"))));
            row.add(objective.reportName());
            row.add(Double.toString(e.objective()));
            row.add(Double.toString(e.objectiveStdDev()));
            for (Metric m : metrics) {
                row.add(Double.toString(e.metric(m)));
            }
            row.add(String.format(java.util.Locale.ROOT, "%.3f", e.fitSeconds()));
            row.add(Integer.toString(e.folds()));
            row.add(csv(join(e.memberWeights())));
            row.add(csv(join(e.hyperparameters())));
            out.write(String.join(",", row));
            out.write('\n');
        }
    }

    private static String join(Map<String, ?> m) {
        return m.entrySet().stream().map(x -> x.getKey() + "=" + x.getValue()).collect(Collectors.joining(";"));
    }

    private static String csv(String s) {
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        int w = 9;
        for (LeaderboardEntry e : entries) {
            w = Math.max(w, e.candidateName().length());
        }
        String head = "%-4s %-" + w + "s %-16s %12s %9s %8s%n";
        String row = "%-4d %-" + w + "s %-16s %12.6f %9.6f %8.2f%n";
        sb.append(String.format(java.util.Locale.ROOT, head, "rank", "candidate", "kind", objective.reportName(),
                "std", "fit_s"));
        for (LeaderboardEntry e : entries) {
            sb.append(String.format(java.util.Locale.ROOT, row, e.rank(), e.candidateName(), e.kind(), e.objective(),
                    e.objectiveStdDev(), e.fitSeconds()));
        }
        return sb.toString();
    }
}
