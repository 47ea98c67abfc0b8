package org.helperscripts.telemetry.http;

import java.util.Objects;
import java.util.Optional;

import org.helperscripts.telemetry.ports.in.BrowseRecords;
import org.helperscripts.telemetry.ports.in.CheckHealth;
import org.helperscripts.telemetry.ports.in.IngestReport;
import org.helperscripts.telemetry.ports.in.ViewDashboard;

/**
 * The use cases the web API offers, one per thing its callers ask for, and the maintainers'
 * actions behind the admin token.
 */
public record WebUseCases(IngestReport ingest, BrowseRecords records, CheckHealth health, ViewDashboard dashboard,
                          Alerting alerting, Optional<CleanupActions> cleanup, AdminAccess admin) {

    public WebUseCases {
        Objects.requireNonNull(ingest, "ingest");
        Objects.requireNonNull(records, "records");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(dashboard, "dashboard");
        Objects.requireNonNull(alerting, "alerting");
        Objects.requireNonNull(cleanup, "cleanup");
        Objects.requireNonNull(admin, "admin");
    }

    /** The public API only: alerts off, admin endpoints off. */
    public static WebUseCases publicOnly(IngestReport ingest, BrowseRecords records, CheckHealth health,
                                         ViewDashboard dashboard) {
        return new WebUseCases(ingest, records, health, dashboard, Alerting.off(), Optional.empty(), AdminAccess.off());
    }
}
