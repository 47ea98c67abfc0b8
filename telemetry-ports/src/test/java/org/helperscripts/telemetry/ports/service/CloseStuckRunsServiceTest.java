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

class CloseStuckRunsServiceTest {

    private static final Instant NOW = Instant.parse("2026-05-04T12:00:00Z");

    private final SteppingClock clock = new SteppingClock(NOW);
    private final RecordingMaintenance store = new RecordingMaintenance(clock);
    private final CleanupJournal journal = new CleanupJournal();

    @Test
    void runsUnchangedForTheConfiguredHoursAreClosedAtNowInBatchesOfTheDefaultSize() {
        store.answer(7);

        CleanupResult result = new CloseStuckRunsService(store, Duration.ofHours(2), journal, clock).closeStuckRuns();

        assertEquals(List.of(new Call("close", NOW.minus(Duration.ofHours(2)), NOW,
                RecordMaintenance.DEFAULT_BATCH_SIZE)), store.calls());
        assertEquals(new CleanupResult(NOW, 7, Duration.ofMillis(1500)), result);
    }

    @Test
    void theJournalAddsUpTheClosedRunsAndKeepsTheLastResult() {
        CloseStuckRunsService service = new CloseStuckRunsService(store, Duration.ofHours(2), journal, clock);
        store.answer(3);
        service.closeStuckRuns();
        store.answer(4);

        CleanupResult last = service.closeStuckRuns();

        CleanupStatus status = journal.cleanupStatus();
        assertEquals(last, status.lastClose());
        assertEquals(7, status.closedTotal());
        assertTrue(status.lastPurgeResult().isEmpty());
        assertTrue(status.lastFailureReason().isEmpty());
    }

    @Test
    void aStoreFailureIsThrownAndRecordedWithItsTimeAndTheEarlierResultStays() {
        CloseStuckRunsService service = new CloseStuckRunsService(store, Duration.ofHours(2), journal, clock);
        store.answer(2);
        CleanupResult before = service.closeStuckRuns();
        StoreUnavailableException down = new StoreUnavailableException("database is locked");
        store.fail(down);
        Instant failedAt = clock.instant();

        assertSame(down, assertThrows(StoreUnavailableException.class, service::closeStuckRuns));

        CleanupStatus status = journal.cleanupStatus();
        assertEquals(failedAt, status.lastFailureAt());
        assertEquals("closing stuck runs: database is locked", status.lastFailure());
        assertEquals(before, status.lastClose());
        assertEquals(2, status.closedTotal());
    }

    @Test
    void aStuckTimeThatIsNotPositiveOrABatchBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new CloseStuckRunsService(store, Duration.ZERO, journal, clock));
        assertThrows(IllegalArgumentException.class,
                () -> new CloseStuckRunsService(store, Duration.ofHours(-1), journal, clock));
        assertThrows(IllegalArgumentException.class,
                () -> new CloseStuckRunsService(store, Duration.ofHours(1), 0, journal, clock));
    }
}
