package org.helperscripts.telemetry.pocketbase;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.helperscripts.telemetry.ports.out.StoreUnavailableException;

/**
 * Whether PocketBase answers its health check, asked at most once per {@link #FRESH_FOR}: the
 * service's /healthz is open to anyone and not rate-limited, and without this every poll of it
 * (and every /metrics scrape) would be one more request to PocketBase. Callers that come while a
 * check is under way wait for its answer instead of asking again.
 */
final class HealthProbe {

    static final Duration FRESH_FOR = Duration.ofSeconds(1);

    private final Upstream upstream;
    private final Clock clock;
    private Instant askedAt;
    private boolean reachable;

    HealthProbe(Upstream upstream, Clock clock) {
        this.upstream = upstream;
        this.clock = clock;
    }

    /** The latest answer, asking PocketBase (one attempt, no retry) when it is older than {@link #FRESH_FOR}. */
    synchronized boolean reachable() {
        if (askedAt == null || !clock.instant().isBefore(askedAt.plus(FRESH_FOR))) {
            reachable = ask();
            askedAt = clock.instant();
        }
        return reachable;
    }

    private boolean ask() {
        try {
            upstream.sendOnce("GET", "/api/health", null, null);
            return true;
        } catch (StoreUnavailableException | PocketBaseError e) {
            return false;
        }
    }
}
