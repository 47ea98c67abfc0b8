package org.helperscripts.telemetry.http;

import java.util.Objects;

import org.helperscripts.telemetry.ports.in.CloseStuckRuns;
import org.helperscripts.telemetry.ports.in.PurgeExpiredRecords;
import org.helperscripts.telemetry.ports.in.ViewCleanupStatus;

/** The clean-up a maintainer may run now, and its status: the admin side of the scheduled jobs. */
public record CleanupActions(CloseStuckRuns closeStuckRuns, PurgeExpiredRecords purgeExpiredRecords,
                             ViewCleanupStatus status) {

    public CleanupActions {
        Objects.requireNonNull(closeStuckRuns, "closeStuckRuns");
        Objects.requireNonNull(purgeExpiredRecords, "purgeExpiredRecords");
        Objects.requireNonNull(status, "status");
    }
}
