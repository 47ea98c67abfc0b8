package org.helperscripts.telemetry.ports.in;

import java.time.Instant;
import java.util.Optional;

/**
 * What the clean-up jobs did last, for an operator: since this instance started, not across
 * restarts.
 *
 * @param lastClose      the last time stuck runs were closed; {@code null} before the first
 * @param lastPurge      the last time expired records were deleted; {@code null} before the first
 * @param closedTotal    runs closed since the start
 * @param purgedTotal    records deleted since the start
 * @param lastFailureAt  when a clean-up failed last; {@code null} when none has
 * @param lastFailure    why it failed (the store's message); {@code null} when none has
 */
public record CleanupStatus(CleanupResult lastClose, CleanupResult lastPurge, long closedTotal, long purgedTotal,
                            Instant lastFailureAt, String lastFailure) {

    /** Nothing has run yet. */
    public static CleanupStatus none() {
        return new CleanupStatus(null, null, 0, 0, null, null);
    }

    public Optional<CleanupResult> lastCloseResult() {
        return Optional.ofNullable(lastClose);
    }

    public Optional<CleanupResult> lastPurgeResult() {
        return Optional.ofNullable(lastPurge);
    }

    public Optional<String> lastFailureReason() {
        return Optional.ofNullable(lastFailure);
    }
}
