package org.helperscripts.telemetry.redis;

import java.time.Duration;
import java.util.Objects;

/** What the job locks accept as a job name and a lease. */
final class JobLeases {

    private JobLeases() {
    }

    static void requireValid(String job, Duration lease) {
        if (job == null || job.isBlank()) {
            throw new IllegalArgumentException("a job lock needs a job name");
        }
        Objects.requireNonNull(lease, "lease");
        if (lease.toMillis() < 1) {
            throw new IllegalArgumentException("a job lease must last at least 1 ms, was " + lease);
        }
    }
}
