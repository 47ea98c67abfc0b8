package org.helperscripts.telemetry.ports.service;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

import org.helperscripts.telemetry.ports.in.CheckHealth;
import org.helperscripts.telemetry.ports.in.ServiceHealth;
import org.helperscripts.telemetry.ports.out.ReportSpool;
import org.helperscripts.telemetry.ports.out.ReportStore;

/**
 * Health is the state of what takes reports: the store, or the spool when reports are spooled in
 * front of it (the store's state is then shown, but does not decide).
 */
public final class CheckHealthService implements CheckHealth {

    private final ReportStore store;
    private final Optional<ReportSpool> spool;
    private final Clock clock;

    /** Health of a service that writes reports straight into {@code store}. */
    public CheckHealthService(ReportStore store, Clock clock) {
        this(store, Optional.empty(), clock);
    }

    /** Health of a service that spools reports in {@code spool} before they reach {@code store}. */
    public CheckHealthService(ReportStore store, ReportSpool spool, Clock clock) {
        this(store, Optional.of(spool), clock);
    }

    private CheckHealthService(ReportStore store, Optional<ReportSpool> spool, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.spool = spool;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public ServiceHealth check() {
        return new ServiceHealth(store.health(), spool.map(ReportSpool::health), clock.instant());
    }
}
