package org.helperscripts.telemetry.ports.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.helperscripts.telemetry.ports.in.CleanupResult;
import org.helperscripts.telemetry.ports.in.CloseStuckRuns;
import org.helperscripts.telemetry.ports.out.RecordMaintenance;

/**
 * Closes the runs whose record has not changed for {@code stuckAfter} while they were still in
 * progress: the client was killed, lost its network or never sent its last report. The store does
 * the work in batches ({@link RecordMaintenance#closeStuckRuns}); a late final report still wins.
 */
public final class CloseStuckRunsService implements CloseStuckRuns {

    private final RecordMaintenance store;
    private final Duration stuckAfter;
    private final int batchSize;
    private final CleanupJournal journal;
    private final Clock clock;

    /**
     * @param stuckAfter how long a run may go without a report before it counts as stuck
     *                   ({@code STUCK_AFTER_HOURS}); positive
     * @param journal    where the outcome is remembered for {@link CleanupJournal#cleanupStatus()}
     */
    public CloseStuckRunsService(RecordMaintenance store, Duration stuckAfter, CleanupJournal journal, Clock clock) {
        this(store, stuckAfter, RecordMaintenance.DEFAULT_BATCH_SIZE, journal, clock);
    }

    CloseStuckRunsService(RecordMaintenance store, Duration stuckAfter, int batchSize, CleanupJournal journal,
                          Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.stuckAfter = Objects.requireNonNull(stuckAfter, "stuckAfter");
        if (stuckAfter.isNegative() || stuckAfter.isZero()) {
            throw new IllegalArgumentException("the time after which a run is stuck must be positive, was "
                    + stuckAfter);
        }
        this.batchSize = RecordMaintenance.requireBatchSize(batchSize);
        this.journal = Objects.requireNonNull(journal, "journal");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public CleanupResult closeStuckRuns() {
        Instant start = clock.instant();
        int closed;
        try {
            closed = store.closeStuckRuns(start.minus(stuckAfter), start, batchSize);
        } catch (RuntimeException failure) {
            journal.failed(start, "closing stuck runs", failure);
            throw failure;
        }
        CleanupResult result = new CleanupResult(start, closed, Duration.between(start, clock.instant()));
        journal.closed(result);
        return result;
    }
}
