package org.helperscripts.telemetry.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.helperscripts.telemetry.domain.Merge;
import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.domain.Status;
import org.helperscripts.telemetry.ports.out.RecordQuery;
import org.helperscripts.telemetry.ports.out.StoreUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** How the embedded store runs its clean-up: through the writer, one transaction per batch. */
@Timeout(120)
class CleanupTest {

    private static final Instant OLD = Instant.parse("2024-01-10T00:00:00Z");
    private static final Instant CUTOFF = Instant.parse("2025-01-10T00:00:00Z");

    @TempDir
    Path dataDir;

    private SqliteReportStore store;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void aLargePurgeCommitsOneTransactionPerBatch() {
        store = SqliteReportStore.open(dataDir);
        writeOld(12_000);
        long commitsBefore = store.commits();

        int deleted = store.deleteCreatedBefore(CUTOFF, 5_000);

        assertEquals(12_000, deleted);
        assertEquals(3, store.commits() - commitsBefore, "5,000 + 5,000 + 2,000");
        assertEquals(0, store.page(RecordQuery.newest(1, 1)).total());
    }

    @Test
    void reportsWrittenWhileAPurgeRunsAreAllKept() {
        store = SqliteReportStore.open(dataDir);
        writeOld(10_000);
        CompletableFuture<Integer> purge = CompletableFuture.supplyAsync(() -> store.deleteCreatedBefore(CUTOFF, 400));
        List<CompletableFuture<Merge>> reports = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String key = "new-" + i;
            reports.add(store.apply(key, SampleReports.session(SampleReports.required(key, Status.INSTALLING),
                    CUTOFF.plusSeconds(i))));
        }

        assertEquals(10_000, purge.join());
        CompletableFuture.allOf(reports.toArray(CompletableFuture[]::new)).join();
        assertEquals(300, store.page(RecordQuery.newest(1, 1)).total());
        assertTrue(store.find("new-0").isPresent());
        assertTrue(store.find("new-299").isPresent());
    }

    @Test
    void aBatchTheDatabaseRefusesIsRolledBackTheBatchesBeforeStayAndTheWriterGoesOn() throws Exception {
        store = SqliteReportStore.open(dataDir);
        writeOld(12);
        try (RawDatabase raw = RawDatabase.at(store.databaseFile())) {
            raw.execute("CREATE TRIGGER refuse_old_7 BEFORE DELETE ON records WHEN old.run_key = 'old-7'"
                    + " BEGIN SELECT RAISE(ABORT, 'old-7 is kept'); END");
        }

        StoreUnavailableException refused = assertThrows(StoreUnavailableException.class,
                () -> store.deleteCreatedBefore(CUTOFF, 5));

        assertTrue(refused.getMessage().contains("old-7 is kept"), refused.getMessage());
        assertEquals(7, store.page(RecordQuery.newest(1, 1)).total(), "the first batch of five is deleted");
        assertTrue(store.find("old-5").isPresent(), "the refused batch was rolled back whole");
        assertTrue(store.find("old-4").isEmpty());
        Merge written = store.apply("after", SampleReports.creating("after")).join();
        assertEquals(Merge.Kind.CREATED, written.kind());
    }

    @Test
    void aClosedStoreRefusesTheCleanUp() {
        store = SqliteReportStore.open(dataDir);
        store.close();

        assertThrows(StoreUnavailableException.class, () -> store.closeStuckRuns(CUTOFF, CUTOFF, 10));
        assertThrows(StoreUnavailableException.class, () -> store.deleteCreatedBefore(CUTOFF, 10));
    }

    @Test
    void closedRunsSurviveAReopenAsTimedOut() {
        store = SqliteReportStore.open(dataDir);
        writeOld(3);
        assertEquals(3, store.closeStuckRuns(CUTOFF, CUTOFF, 2));
        store.close();

        store = SqliteReportStore.open(dataDir);
        Run closed = store.find("old-1").orElseThrow();
        assertEquals(Status.UNKNOWN, closed.report().status());
        assertEquals(CUTOFF, closed.updated());
    }

    /** Runs still installing, created a minute apart from {@link #OLD} on, named old-0, old-1, … */
    private void writeOld(int count) {
        List<CompletableFuture<Merge>> writes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Instant created = OLD.plus(Duration.ofMinutes(i));
            Run run = new Run(SampleReports.required("old-" + i, Status.INSTALLING), created, created);
            writes.add(store.apply(run.runKey(), SampleReports.creating(run)));
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
    }
}
