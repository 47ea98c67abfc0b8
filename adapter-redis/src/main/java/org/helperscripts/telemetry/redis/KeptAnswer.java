package org.helperscripts.telemetry.redis;

import java.time.Instant;
import java.util.Objects;

import org.helperscripts.telemetry.ports.out.CachedAnswer;

/**
 * An answer as a tier keeps it: served as fresh until {@code freshUntil}, served stale (while one
 * refresh runs) until {@code goneAt}, not served after that.
 */
record KeptAnswer(Object value, Instant computedAt, Instant freshUntil, Instant goneAt) {

    KeptAnswer {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(computedAt, "computedAt");
        Objects.requireNonNull(freshUntil, "freshUntil");
        Objects.requireNonNull(goneAt, "goneAt");
    }

    boolean freshAt(Instant now) {
        return now.isBefore(freshUntil);
    }

    boolean servableAt(Instant now) {
        return now.isBefore(goneAt);
    }

    <T> CachedAnswer<T> answer(Class<T> type, boolean fromCache) {
        return new CachedAnswer<>(type.cast(value), fromCache, computedAt);
    }
}
