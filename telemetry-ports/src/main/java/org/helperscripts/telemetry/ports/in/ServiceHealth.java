package org.helperscripts.telemetry.ports.in;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.helperscripts.telemetry.ports.out.SpoolHealth;
import org.helperscripts.telemetry.ports.out.StoreHealth;

/**
 * Whether the service can take reports. Without a spool it can when its store can; with a spool
 * in front of the store it can while the spool accepts reports, whatever the store's state: that
 * the service keeps taking reports while the store is away is what the spool is for.
 *
 * @param store     the store's state
 * @param spool     the spool's state; empty when reports go straight to the store
 * @param checkedAt when the check ran, against which the spool's oldest entry is aged
 */
public record ServiceHealth(StoreHealth store, Optional<SpoolHealth> spool, Instant checkedAt) {

    public ServiceHealth {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(spool, "spool");
        Objects.requireNonNull(checkedAt, "checkedAt");
    }

    public boolean up() {
        return spool.map(SpoolHealth::accepting).orElse(store.available());
    }

    /** How long the oldest spooled report has been waiting; empty without a spool or when it is empty. */
    public Optional<Duration> oldestSpooledAge() {
        return spool.map(SpoolHealth::oldestReceivedAt)
                .map(oldest -> oldest.isAfter(checkedAt) ? Duration.ZERO : Duration.between(oldest, checkedAt));
    }
}
