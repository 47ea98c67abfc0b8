package org.helperscripts.telemetry.ports.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.helperscripts.telemetry.ports.in.CleanupResult;
import org.helperscripts.telemetry.ports.in.CleanupStatus;
import org.helperscripts.telemetry.ports.out.RecordMaintenance;
import org.helperscripts.telemetry.ports.out.StoreUnavailableException;
import org.helperscripts.telemetry.ports.service.RecordingMaintenance.Call;
import org.junit.jupiter.api.Test;

class PurgeExpiredRecordsServiceTest {

    private static final Instant NOW = Instant.parse("2026-05-04T12:00:00.250Z");

    private final SteppingClock clock = new SteppingClock(NOW);
    private final RecordingMaintenance store = new RecordingMaintenance(clock);
    private final CleanupJournal journal = new CleanupJournal();

    @Test
    void recordsCreatedMoreThanTheRetentionDaysAgoAreDeletedInBatchesOfTheDefaultSize() {
        store.answer(12_345);

        CleanupResult result = new PurgeExpiredRecordsService(store, 365, journal, clock).purgeExpiredRecords();

        assertEquals(List.of(new Call("delete", Instant.parse("2025-05-04T12:00:00.250Z"), null,
                RecordMaintenance.DEFAULT_BATCH_SIZE)), store.calls());
        assertEquals(new CleanupResult(NOW, 12_345, Duration.ofMillis(1500)), result);
        assertEquals(result, journal.cleanupStatus().lastPurge());
        assertEquals(12_345, journal.cleanupStatus().purgedTotal());
    }

    @Test
    void retentionZeroKeepsEveryRecordAndAsksTheStoreNothing() {
        store.answer(99);

        CleanupResult result = new PurgeExpiredRecordsService(store, 0, journal, clock).purgeExpiredRecords();

        assertTrue(store.calls().isEmpty());
        assertEquals(0, result.records());
        assertEquals(result, journal.cleanupStatus().lastPurge());
    }

    @Test
    void theBatchSizeGivenIsPassedOn() {
        new PurgeExpiredRecordsService(store, 30, 250, journal, clock).purgeExpiredRecords();

        assertEquals(250, store.calls().get(0).batchSize());
    }

    @Test
    void aStoreFailureIsThrownAndRecordedWhileTheClosingCountsStay() {
        CloseStuckRunsService closing = new CloseStuckRunsService(store, Duration.ofHours(3), journal, clock);
        store.answer(5);
        CleanupResult closed = closing.closeStuckRuns();
        StoreUnavailableException down = new StoreUnavailableException("PocketBase did not answer");
        store.fail(down);
        Instant failedAt = clock.instant();

        assertSame(down, assertThrows(StoreUnavailableException.class,
                new PurgeExpiredRecordsService(store, 365, journal, clock)::purgeExpiredRecords));

        CleanupStatus status = journal.cleanupStatus();
        assertEquals("deleting expired records: PocketBase did not answer", status.lastFailure());
        assertEquals(failedAt, status.lastFailureAt());
        assertEquals(closed, status.lastClose());
        assertEquals(5, status.closedTotal());
        assertTrue(status.lastPurgeResult().isEmpty());
    }

    @Test
    void aNegativeRetentionIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new PurgeExpiredRecordsService(store, -1, journal, clock));
        assertTrue(refused.getMessage().contains("-1"));
    }
}
