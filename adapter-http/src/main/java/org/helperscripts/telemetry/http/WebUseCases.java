package org.helperscripts.telemetry.http;

import java.util.Objects;

import org.helperscripts.telemetry.ports.in.BrowseRecords;
import org.helperscripts.telemetry.ports.in.CheckHealth;
import org.helperscripts.telemetry.ports.in.IngestReport;
import org.helperscripts.telemetry.ports.in.ViewDashboard;

/** The use cases the web API offers, one per thing its callers ask for. */
public record WebUseCases(IngestReport ingest, BrowseRecords records, CheckHealth health, ViewDashboard dashboard) {

    public WebUseCases {
        Objects.requireNonNull(ingest, "ingest");
        Objects.requireNonNull(records, "records");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(dashboard, "dashboard");
    }
}
