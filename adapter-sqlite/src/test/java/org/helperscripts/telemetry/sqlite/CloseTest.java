package org.helperscripts.telemetry.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.helperscripts.telemetry.domain.Merge;
import org.helperscripts.telemetry.domain.Status;
import org.helperscripts.telemetry.ports.out.RecordQuery;
import org.helperscripts.telemetry.ports.out.StoreUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class CloseTest {

    @TempDir
    Path dataDir;

    @Test
    void closeWritesAndAnswersEveryAcceptedApplyBeforeItReturns() {
        int applies = 5_000;
        List<CompletableFuture<Merge>> futures = new ArrayList<>(applies);
        SqliteReportStore store = SqliteReportStore.open(dataDir);
        for (int i = 0; i < applies; i++) {
            String runKey = "run-" + i;
            futures.add(store.apply(runKey,
                    SampleReports.session(SampleReports.required(runKey, Status.INSTALLING), SampleReports.T0)));
        }

        store.close();

        for (CompletableFuture<Merge> future : futures) {
            assertTrue(future.isDone(), "answered before close returned");
            assertEquals(Merge.Kind.CREATED, future.join().kind());
        }
        try (SqliteReportStore reopened = SqliteReportStore.open(dataDir)) {
            assertEquals(applies, reopened.page(RecordQuery.newest(1, 10)).total());
            assertTrue(reopened.find("run-4999").isPresent());
        }
    }

    @Test
    void appliesRacingCloseAreEitherWrittenOrRefusedNeverLeftWaiting() throws Exception {
        SqliteReportStore store = SqliteReportStore.open(dataDir);
        List<CompletableFuture<Merge>> futures = new ArrayList<>();
        CountDownLatch submitting = new CountDownLatch(1);
        // submits until the store says it is closed; a full queue only means "go on"
        Thread submitter = new Thread(() -> {
            for (int i = 0; i < 10_000_000; i++) {
                CompletableFuture<Merge> future = store.apply("run-" + i, SampleReports.creating("run-" + i));
                futures.add(future);
                submitting.countDown();
                if (refusedAsClosed(future)) {
                    return;
                }
            }
        });
        submitter.start();
        assertTrue(submitting.await(30, TimeUnit.SECONDS));

        store.close();
        submitter.join(TimeUnit.SECONDS.toMillis(30));

        assertFalse(submitter.isAlive());
        assertTrue(refusedAsClosed(futures.get(futures.size() - 1)), "the submitter ran into the close");
        int written = 0;
        for (CompletableFuture<Merge> future : futures) {
            assertTrue(future.isDone(), "every future is answered once close returned");
            try {
                future.get();
                written++;
            } catch (ExecutionException e) {
                assertInstanceOf(StoreUnavailableException.class, e.getCause());
            }
        }
        try (SqliteReportStore reopened = SqliteReportStore.open(dataDir)) {
            assertEquals(written, reopened.page(RecordQuery.newest(1, 10)).total());
        }
    }

    @Test
    void closeReleasesEveryConnectionSoTheLogIsFoldedBackIntoTheFile() throws Exception {
        SqliteReportStore store = SqliteReportStore.open(dataDir);
        Await.result(store.apply("run-1", SampleReports.creating("run-1")));
        store.find("run-1");
        store.page(RecordQuery.newest(1, 10));
        Path log = Path.of(store.databaseFile() + "-wal");
        assertTrue(Files.exists(log), "an open store writes ahead into " + log);

        store.close();

        // SQLite removes the log only when the last connection to the file closes
        assertFalse(Files.exists(log));
    }

    @Test
    void anApplyAfterCloseFailsAtOnceAsStoreClosed() {
        SqliteReportStore store = SqliteReportStore.open(dataDir);
        store.close();

        CompletableFuture<Merge> late = store.apply("run-1", stored -> {
            throw new AssertionError("a closed store must not run changes");
        });

        assertTrue(late.isCompletedExceptionally());
        Throwable failure = Await.failure(late);
        assertInstanceOf(StoreUnavailableException.class, failure);
        assertEquals("store closed", failure.getMessage());
    }

    @Test
    void closingTwiceIsHarmlessAndReadsAfterCloseAreUnavailable() {
        SqliteReportStore store = SqliteReportStore.open(dataDir);
        store.close();
        store.close();

        StoreUnavailableException find = assertThrows(StoreUnavailableException.class, () -> store.find("run-1"));
        assertEquals("store closed", find.getMessage());
        assertThrows(StoreUnavailableException.class, () -> store.page(RecordQuery.newest(1, 10)));
    }

    @Test
    void aChangeCannotCloseTheStoreItRunsIn() {
        try (SqliteReportStore store = SqliteReportStore.open(dataDir)) {
            CompletableFuture<Merge> closing = store.apply("run-1", stored -> {
                store.close();
                throw new AssertionError("close returned inside a change");
            });

            assertInstanceOf(IllegalStateException.class, Await.failure(closing));
            assertEquals(Merge.Kind.CREATED, Await.result(store.apply("run-2", SampleReports.creating("run-2"))).kind());
        }
    }

    private static boolean refusedAsClosed(CompletableFuture<Merge> future) {
        return future.isCompletedExceptionally()
                && "store closed".equals(future.handle((merge, failure) -> failure.getMessage()).join());
    }
}
