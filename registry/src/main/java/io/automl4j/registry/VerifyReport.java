package io.automl4j.registry;

import java.util.List;

/**
 * Outcome of {@link ModelRegistry#verify()}.
 *
 * @param groups   groups checked
 * @param versions versions checked
 * @param problems one line per problem (missing or corrupt blob, counter behind the highest version, …)
 */
public record VerifyReport(int groups, int versions, List<String> problems) {
    public VerifyReport {
        problems = List.copyOf(problems);
    }

    /** @return true when no problem was found */
    public boolean ok() {
        return problems.isEmpty();
    }
}
