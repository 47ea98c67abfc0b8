package org.helperscripts.telemetry.smtp;

import java.time.Duration;

/**
 * How long to wait before a retry: the first wait, doubled for each further retry and capped,
 * then cut by up to half at random so that instances failing together do not retry together.
 */
record Backoff(Duration first) {

    static final Duration MAX = Duration.ofMinutes(1);

    /**
     * @param retry  1 for the first retry
     * @param random a value in [0, 1)
     */
    Duration before(int retry, double random) {
        Duration full = first;
        for (int i = 1; i < retry && full.compareTo(MAX) < 0; i++) {
            full = full.multipliedBy(2);
        }
        if (full.compareTo(MAX) > 0) {
            full = MAX;
        }
        long halfNanos = full.toNanos() / 2;
        return Duration.ofNanos(full.toNanos() - halfNanos + (long) (halfNanos * random));
    }
}
