package io.automl4j.core.internal.hpo;

import io.automl4j.api.CandidateStatus;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * AUTOML-R38 completion criteria, fed with finished trials in trial order. The job stops when any holds:
 * {@code maxCandidates} trials finished (completed, failed or stopped); {@code targetObjectiveValue} reached by a
 * completed trial (≥ when maximising, ≤ when minimising); N consecutive completed trials did not beat the best
 * ({@code maxCandidatesNotImproving}); convergence: with {@code completeOnConvergence}, after ≥ 20 completed
 * trials, each of the last max(10, ⌈0.1·maxCandidates⌉) completed trials improved the best by ≤ 1% relative,
 * |Δ| / max(|best before|, 1e-12). The time criterion is checked by the search itself. Not thread-safe.
 */
public final class Completion {
    /** All planned trials finished (R38, R59). */
    public static final String MAX_CANDIDATES_REACHED = "MAX_CANDIDATES_REACHED";
    /** The time budget ran out (R58). */
    public static final String MAX_AUTO_ML_JOB_RUNTIME_REACHED = "MAX_AUTO_ML_JOB_RUNTIME_REACHED";
    /** A completed trial reached {@code targetObjectiveValue}. */
    public static final String TARGET_OBJECTIVE_VALUE_REACHED = "TARGET_OBJECTIVE_VALUE_REACHED";
    /** {@code maxCandidatesNotImproving} consecutive completed trials did not beat the best. */
    public static final String MAX_CANDIDATES_NOT_IMPROVING = "MAX_CANDIDATES_NOT_IMPROVING";
    /** The best objective converged. */
    public static final String CONVERGED = "CONVERGED";
    /** The job was stopped (interrupt). */
    public static final String STOPPED = "STOPPED";

    /** Completed trials before convergence may be declared. */
    public static final int MIN_COMPLETED_FOR_CONVERGENCE = 20;
    /** Relative improvement at or below which a trial does not count as an improvement for convergence. */
    public static final double CONVERGENCE_TOLERANCE = 0.01;

    private final int maxCandidates;
    private final boolean maximising;
    private final Double target;
    private final Integer notImproving;
    private final boolean convergence;
    private final int window;

    private int finished;
    private int completed;
    private double best = Double.NaN;
    private int sinceImprovement;
    private final Deque<Double> recentRelativeImprovements = new ArrayDeque<>();

    /**
     * @param maxCandidates planned trials
     * @param maximising    objective direction
     * @param target        target objective value, or null
     * @param notImproving  N, or null
     * @param convergence   whether to complete on convergence
     */
    public Completion(int maxCandidates, boolean maximising, Double target, Integer notImproving,
                      boolean convergence) {
        this.maxCandidates = maxCandidates;
        this.maximising = maximising;
        this.target = target;
        this.notImproving = notImproving;
        this.convergence = convergence;
        this.window = Math.max(10, (int) Math.ceil(0.1 * maxCandidates));
    }

    /** @return the convergence window max(10, ⌈0.1·maxCandidates⌉) */
    public int window() {
        return window;
    }

    /** @return the best completed objective so far (NaN before any) */
    public double best() {
        return best;
    }

    /**
     * @param status    the finished trial's status
     * @param objective its objective (used only when COMPLETED)
     * @return the criterion met after this trial, if any (target first, then not-improving, convergence, count)
     */
    public Optional<String> onFinished(CandidateStatus status, double objective) {
        finished++;
        if (status == CandidateStatus.COMPLETED && !Double.isNaN(objective)) {
            completed++;
            boolean improves = Double.isNaN(best) || (maximising ? objective > best : objective < best);
            double relative = 0;
            if (!Double.isNaN(best) && improves) {
                relative = Math.abs(objective - best) / Math.max(Math.abs(best), 1e-12);
            } else if (Double.isNaN(best)) {
                relative = Double.POSITIVE_INFINITY;
            }
            if (improves) {
                best = objective;
                sinceImprovement = 0;
            } else {
                sinceImprovement++;
            }
            recentRelativeImprovements.addLast(relative);
            if (recentRelativeImprovements.size() > window) {
                recentRelativeImprovements.removeFirst();
            }
            if (target != null && (maximising ? objective >= target : objective <= target)) {
                return Optional.of(TARGET_OBJECTIVE_VALUE_REACHED);
            }
            if (notImproving != null && sinceImprovement >= notImproving) {
                return Optional.of(MAX_CANDIDATES_NOT_IMPROVING);
            }
            if (convergence && completed >= MIN_COMPLETED_FOR_CONVERGENCE
                    && recentRelativeImprovements.size() == window
                    && recentRelativeImprovements.stream().allMatch(r -> r <= CONVERGENCE_TOLERANCE)) {
                return Optional.of(CONVERGED);
            }
        }
        if (finished >= maxCandidates) {
            return Optional.of(MAX_CANDIDATES_REACHED);
        }
        return Optional.empty();
    }
}
