package org.helperscripts.telemetry.ports.out;

import java.time.Instant;
import java.util.Objects;

/**
 * An answer and where it came from.
 *
 * @param value      the answer
 * @param fromCache  true when it was computed earlier and kept, false when computed for this call
 * @param computedAt when the answer was computed
 */
public record CachedAnswer<T>(T value, boolean fromCache, Instant computedAt) {

    public CachedAnswer {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(computedAt, "computedAt");
    }
}
