package org.helperscripts.telemetry.ports.service;

import java.time.Instant;
import java.util.Objects;

import org.helperscripts.telemetry.ports.in.CleanupResult;
import org.helperscripts.telemetry.ports.in.CleanupStatus;
import org.helperscripts.telemetry.ports.in.ViewCleanupStatus;

/**
 * Remembers what the clean-up services did, in memory, for {@link ViewCleanupStatus}: one journal
 * shared by {@link CloseStuckRunsService} and {@link PurgeExpiredRecordsService}. Thread-safe.
 */
public final class CleanupJournal implements ViewCleanupStatus {

    private CleanupStatus status = CleanupStatus.none();

    @Override
    public synchronized CleanupStatus cleanupStatus() {
        return status;
    }

    synchronized void closed(CleanupResult result) {
        status = new CleanupStatus(result, status.lastPurge(), status.closedTotal() + result.records(),
                status.purgedTotal(), status.lastFailureAt(), status.lastFailure());
    }

    synchronized void purged(CleanupResult result) {
        status = new CleanupStatus(status.lastClose(), result, status.closedTotal(),
                status.purgedTotal() + result.records(), status.lastFailureAt(), status.lastFailure());
    }

    synchronized void failed(Instant at, String job, RuntimeException failure) {
        Objects.requireNonNull(at, "at");
        String reason = job + ": " + (failure.getMessage() == null ? failure.getClass().getSimpleName()
                : failure.getMessage());
        status = new CleanupStatus(status.lastClose(), status.lastPurge(), status.closedTotal(),
                status.purgedTotal(), at, reason);
    }
}
