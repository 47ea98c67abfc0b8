package org.helperscripts.telemetry.ports.in;

/**
 * A scheduler asks, every few minutes, to close the runs that never reported how they ended; an
 * operator may ask for it at once.
 */
public interface CloseStuckRuns {

    /**
     * Closes every run still in progress whose record has not changed for the configured time
     * (STUCK_AFTER_HOURS): it becomes {@code unknown} with a time-out error.
     *
     * @return how many runs were closed, and when and how long it took
     * @throws org.helperscripts.telemetry.ports.out.StoreUnavailableException when the store
     *     cannot take the changes now; the failure is in the {@link CleanupStatus} as well
     */
    CleanupResult closeStuckRuns();
}
