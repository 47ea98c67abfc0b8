package org.helperscripts.telemetry.ports.service;

import java.util.Objects;

import org.helperscripts.telemetry.ports.in.CheckHealth;
import org.helperscripts.telemetry.ports.in.ServiceHealth;
import org.helperscripts.telemetry.ports.out.ReportStore;

/** Health is the store's health: without a store no report can be accepted. */
public final class CheckHealthService implements CheckHealth {

    private final ReportStore store;

    public CheckHealthService(ReportStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public ServiceHealth check() {
        return new ServiceHealth(store.health());
    }
}
