package org.helperscripts.telemetry.ports.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.helperscripts.telemetry.ports.in.CleanupResult;
import org.helperscripts.telemetry.ports.in.PurgeExpiredRecords;
import org.helperscripts.telemetry.ports.out.RecordMaintenance;

/**
 * Deletes the records created more than {@code retentionDays} days ago, in batches
 * ({@link RecordMaintenance#deleteCreatedBefore}); retention 0 keeps every record. A day is 24
 * hours counted back from now, not a calendar day.
 */
public final class PurgeExpiredRecordsService implements PurgeExpiredRecords {

    private final RecordMaintenance store;
    private final int retentionDays;
    private final int batchSize;
    private final CleanupJournal journal;
    private final Clock clock;

    /**
     * @param retentionDays how many days a record is kept ({@code RETENTION_DAYS}); 0 keeps them all
     * @param journal       where the outcome is remembered for {@link CleanupJournal#cleanupStatus()}
     */
    public PurgeExpiredRecordsService(RecordMaintenance store, int retentionDays, CleanupJournal journal,
                                      Clock clock) {
        this(store, retentionDays, RecordMaintenance.DEFAULT_BATCH_SIZE, journal, clock);
    }

    PurgeExpiredRecordsService(RecordMaintenance store, int retentionDays, int batchSize, CleanupJournal journal,
                               Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        if (retentionDays < 0) {
            throw new IllegalArgumentException("the retention must not be negative, was " + retentionDays + " days");
        }
        this.retentionDays = retentionDays;
        this.batchSize = RecordMaintenance.requireBatchSize(batchSize);
        this.journal = Objects.requireNonNull(journal, "journal");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public CleanupResult purgeExpiredRecords() {
        Instant start = clock.instant();
        int deleted = 0;
        if (retentionDays > 0) {
            try {
                deleted = store.deleteCreatedBefore(start.minus(Duration.ofDays(retentionDays)), batchSize);
            } catch (RuntimeException failure) {
                journal.failed(start, "deleting expired records", failure);
                throw failure;
            }
        }
        CleanupResult result = new CleanupResult(start, deleted, Duration.between(start, clock.instant()));
        journal.purged(result);
        return result;
    }
}
