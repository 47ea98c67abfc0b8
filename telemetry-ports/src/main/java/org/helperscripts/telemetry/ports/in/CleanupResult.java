package org.helperscripts.telemetry.ports.in;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What one clean-up did.
 *
 * @param startedAt when it started
 * @param records   how many records it closed or deleted
 * @param took      how long it took
 */
public record CleanupResult(Instant startedAt, int records, Duration took) {
    public CleanupResult {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(took, "took");
        if (records < 0) {
            throw new IllegalArgumentException("records must not be negative, was " + records);
        }
    }
}
