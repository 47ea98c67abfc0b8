package org.helperscripts.telemetry.domain;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Which scripts fail most. A script needs a minimum number of installs before its failure rate
 * counts, so that one failed install of a rare script does not top the list at 100 %.
 */
public record AppFailureRule(int minimumInstalls) {

    private static final Comparator<AppOutcomes> WORST_FIRST =
            Comparator.comparingDouble(AppOutcomes::failureRatePercent).reversed()
                    .thenComparing(Comparator.comparingLong(AppOutcomes::failed).reversed())
                    .thenComparing(AppOutcomes::nsapp);

    public AppFailureRule {
        if (minimumInstalls < 1) {
            throw new IllegalArgumentException("minimum installs must be at least 1, was " + minimumInstalls);
        }
    }

    public static AppFailureRule of(int minimumInstalls) {
        return new AppFailureRule(minimumInstalls);
    }

    /**
     * The scripts with enough installs and at least one failure, highest failure rate first (ties:
     * more failures first, then by name), at most {@code limit} of them.
     */
    public List<AppOutcomes> worst(Collection<AppOutcomes> apps, int limit) {
        return apps.stream()
                .filter(app -> app.installs() >= minimumInstalls && app.failed() > 0)
                .sorted(WORST_FIRST)
                .limit(limit)
                .toList();
    }
}
