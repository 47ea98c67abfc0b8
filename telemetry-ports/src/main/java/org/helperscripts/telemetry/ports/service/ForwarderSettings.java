package org.helperscripts.telemetry.ports.service;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link SpoolForwarder} paces itself.
 *
 * @param batchSize    the most entries read from the spool per round; their removal is one write
 * @param runsInFlight runs delivered at once (reports of one run always go one after the other)
 * @param backoffBase  the first wait after the store was unavailable; each further one may be up to
 *                     twice as long (full jitter), never longer than {@code backoffCap}
 * @param backoffCap   the longest wait between two attempts while the store is unavailable
 * @param idlePoll     how often an empty spool is looked at again
 * @param closeGrace   how long closing waits for deliveries in flight; what is not confirmed by
 *                     then stays in the spool and is delivered after the next start
 * @param waitLogEvery how often, while the store stays unavailable, the spool's depth is logged
 */
public record ForwarderSettings(int batchSize, int runsInFlight, Duration backoffBase, Duration backoffCap,
                                Duration idlePoll, Duration closeGrace, Duration waitLogEvery) {

    public ForwarderSettings {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
        if (runsInFlight < 1) {
            throw new IllegalArgumentException("runsInFlight must be at least 1, was " + runsInFlight);
        }
        positive("backoffBase", backoffBase);
        positive("backoffCap", backoffCap);
        positive("idlePoll", idlePoll);
        positive("closeGrace", closeGrace);
        positive("waitLogEvery", waitLogEvery);
        if (backoffCap.compareTo(backoffBase) < 0) {
            throw new IllegalArgumentException("backoffCap must not be shorter than backoffBase");
        }
    }

    /**
     * 500 entries a round, 8 runs at once (the PocketBase store's write lanes), waits from 250 ms
     * up to 30 s while the store is away, an empty spool looked at every 100 ms, 10 s for deliveries
     * in flight at close, the depth logged every minute of an outage.
     */
    public static ForwarderSettings defaults() {
        return new ForwarderSettings(500, 8, Duration.ofMillis(250), Duration.ofSeconds(30),
                Duration.ofMillis(100), Duration.ofSeconds(10), Duration.ofMinutes(1));
    }

    /** These settings with other backoff bounds, e.g. short ones in tests. */
    public ForwarderSettings withBackoff(Duration base, Duration cap) {
        return new ForwarderSettings(batchSize, runsInFlight, base, cap, idlePoll, closeGrace, waitLogEvery);
    }

    private static void positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
