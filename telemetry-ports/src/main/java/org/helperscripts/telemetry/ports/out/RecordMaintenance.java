package org.helperscripts.telemetry.ports.out;

import java.time.Instant;
import java.util.Objects;

import org.helperscripts.telemetry.domain.ErrorCategory;
import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.domain.Status;

/**
 * Keeps a store clean: closes the runs that never reported how they ended, and deletes the
 * records past their retention. Both work in batches, so that neither holds the store's writes
 * back for long however many records they touch; a report written meanwhile is never lost.
 */
public interface RecordMaintenance {

    /** The error a stuck run is closed with. */
    String TIMED_OUT_ERROR = "Installation timed out - no completion status received";

    /** How many records one batch of a clean-up touches, unless a caller says otherwise. */
    int DEFAULT_BATCH_SIZE = 5_000;

    /**
     * Closes the runs still installing, configuring or validating whose record last changed
     * before {@code lastChangedBefore}: each becomes {@linkplain #timedOut timed out}. A final
     * report that arrives later still replaces the status, as the session rule lets a final
     * status replace {@code unknown}.
     *
     * @param now       the {@code updated} time of every closed record
     * @param batchSize the most records changed in one transaction or one round of requests
     * @return how many runs were closed
     * @throws StoreUnavailableException when the store cannot take the changes now; the batches
     *     before were kept
     */
    int closeStuckRuns(Instant lastChangedBefore, Instant now, int batchSize);

    /**
     * Deletes every record created before {@code cutoff}, {@code batchSize} at a time, until none
     * is left.
     *
     * @return how many records were deleted
     * @throws StoreUnavailableException when the store cannot delete now; the batches before
     *     stay deleted
     */
    int deleteCreatedBefore(Instant cutoff, int batchSize);

    /**
     * The record a stuck run becomes: status {@code unknown}, the error {@value #TIMED_OUT_ERROR}
     * in category {@code timeout}, no exit code and no duration (as the session rule gives a new
     * status its own outcome), changed at {@code now}. Every store writes exactly this.
     */
    static Run timedOut(Run stuck, Instant now) {
        Objects.requireNonNull(stuck, "stuck");
        Objects.requireNonNull(now, "now");
        return new Run(stuck.report().withOutcome(Status.UNKNOWN, null, TIMED_OUT_ERROR, ErrorCategory.TIMEOUT, null),
                stuck.created(), now);
    }

    /** Whether {@code run} is one {@link #closeStuckRuns} closes at this cutoff. */
    static boolean isStuck(Run run, Instant lastChangedBefore) {
        return run.report().status().isInProgress() && run.updated().isBefore(lastChangedBefore);
    }

    /** Refuses a batch size below one, which could never make progress. */
    static int requireBatchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1, was " + batchSize);
        }
        return batchSize;
    }
}
