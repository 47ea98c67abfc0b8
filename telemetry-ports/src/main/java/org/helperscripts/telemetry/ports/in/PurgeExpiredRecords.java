package org.helperscripts.telemetry.ports.in;

/**
 * A scheduler asks, every few minutes, to delete the records past their retention, as the
 * records of processing promise; an operator may ask for it at once.
 */
public interface PurgeExpiredRecords {

    /**
     * Deletes every record created more than the configured number of days ago (RETENTION_DAYS);
     * with retention 0 it keeps everything and touches nothing.
     *
     * @return how many records were deleted, and when and how long it took
     * @throws org.helperscripts.telemetry.ports.out.StoreUnavailableException when the store
     *     cannot delete now; the failure is in the {@link CleanupStatus} as well
     */
    CleanupResult purgeExpiredRecords();
}
