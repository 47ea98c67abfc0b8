package org.helperscripts.telemetry.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.helperscripts.telemetry.domain.Status;
import org.helperscripts.telemetry.ports.out.SpoolHealth;
import org.helperscripts.telemetry.ports.out.SpooledReport;
import org.helperscripts.telemetry.ports.out.StoreUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class SqliteReportSpoolTest {

    private static final Instant RECEIVED = SampleReports.T0;
    private static final Clock CLOCK = Clock.fixed(RECEIVED.plusSeconds(3_600), ZoneOffset.UTC);

    @TempDir
    Path dataDir;

    @Test
    void entriesComeBackInTheOrderTheyWereAppendedWithEveryFieldAndTheirReceivedInstant() {
        try (SqliteReportSpool spool = open(100)) {
            List<CompletableFuture<SpooledReport>> appended = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                appended.add(spool.append(SampleReports.full("run-" + i), RECEIVED.plusMillis(i)));
            }
            appended.forEach(Await::result);

            List<SpooledReport> oldest = spool.oldest(10);

            assertEquals(10, oldest.size());
            for (int i = 0; i < 10; i++) {
                SpooledReport entry = oldest.get(i);
                assertEquals(Await.result(appended.get(i)).sequence(), entry.sequence());
                assertEquals(SampleReports.full("run-" + i), entry.report());
                assertEquals(RECEIVED.plusMillis(i), entry.receivedAt());
            }
            assertTrue(oldest.get(0).sequence() < oldest.get(9).sequence());
        }
    }

    @Test
    void whatWasAppendedIsThereAfterReopeningInTheSameOrder() {
        try (SqliteReportSpool spool = open(100)) {
            Await.result(spool.append(SampleReports.required("run-b", Status.INSTALLING), RECEIVED));
            Await.result(spool.append(SampleReports.required("run-a", Status.INSTALLING), RECEIVED.plusSeconds(1)));
            Await.result(spool.append(SampleReports.required("run-b", Status.SUCCESS), RECEIVED.plusSeconds(2)));
        }

        try (SqliteReportSpool reopened = open(100)) {
            List<SpooledReport> entries = reopened.oldest(10);
            assertEquals(List.of("run-b", "run-a", "run-b"), entries.stream().map(SpooledReport::runKey).toList());
            assertEquals(Status.SUCCESS, entries.get(2).report().status());
            assertEquals(3, reopened.health().depth());
        }
    }

    @Test
    void removedEntriesAreGoneForGoodAndNewOnesGetHigherSequences() {
        try (SqliteReportSpool spool = open(100)) {
            SpooledReport first = Await.result(spool.append(SampleReports.required("run-1", Status.INSTALLING), RECEIVED));
            SpooledReport second = Await.result(spool.append(SampleReports.required("run-2", Status.INSTALLING), RECEIVED));

            spool.remove(List.of(first, second));
            spool.remove(List.of(first));
            SpooledReport third = Await.result(spool.append(SampleReports.required("run-3", Status.INSTALLING), RECEIVED));

            assertEquals(List.of(third), spool.oldest(10));
            assertTrue(third.sequence() > second.sequence(), "sequences are never used twice");
            assertEquals(1, spool.health().depth());
        }
        try (SqliteReportSpool reopened = open(100)) {
            assertEquals(List.of("run-3"), reopened.oldest(10).stream().map(SpooledReport::runKey).toList());
        }
    }

    @Test
    void aFullSpoolRefusesAtOnceCountsItAndTakesReportsAgainOnceEntriesAreRemoved() {
        try (SqliteReportSpool spool = open(2)) {
            SpooledReport first = Await.result(spool.append(SampleReports.required("run-1", Status.INSTALLING), RECEIVED));
            Await.result(spool.append(SampleReports.required("run-2", Status.INSTALLING), RECEIVED));

            CompletableFuture<SpooledReport> refused = spool.append(SampleReports.required("run-3", Status.INSTALLING), RECEIVED);

            assertTrue(refused.isCompletedExceptionally(), "refused without waiting");
            Throwable failure = Await.failure(refused);
            assertInstanceOf(StoreUnavailableException.class, failure);
            assertEquals("spool full (2 reports waiting)", failure.getMessage());
            SpoolHealth full = spool.health();
            assertFalse(full.accepting());
            assertEquals(1, full.refusedFull());

            spool.remove(List.of(first));

            Await.result(spool.append(SampleReports.required("run-3", Status.INSTALLING), RECEIVED));
            assertEquals(2, spool.health().depth());
        }
    }

    @Test
    void theBoundHoldsAcrossReopening() {
        try (SqliteReportSpool spool = open(2)) {
            Await.result(spool.append(SampleReports.required("run-1", Status.INSTALLING), RECEIVED));
            Await.result(spool.append(SampleReports.required("run-2", Status.INSTALLING), RECEIVED));
        }
        try (SqliteReportSpool reopened = open(2)) {
            assertInstanceOf(StoreUnavailableException.class,
                    Await.failure(reopened.append(SampleReports.required("run-3", Status.INSTALLING), RECEIVED)));
        }
    }

    @Test
    void healthShowsTheDepthAndWhenTheOldestEntryWasReceived() {
        try (SqliteReportSpool spool = open(10)) {
            SpoolHealth empty = spool.health();
            assertTrue(empty.accepting());
            assertEquals(0, empty.depth());
            assertNull(empty.oldestReceivedAt());

            Await.result(spool.append(SampleReports.required("run-1", Status.INSTALLING), RECEIVED));
            Await.result(spool.append(SampleReports.required("run-2", Status.INSTALLING), RECEIVED.plusSeconds(9)));

            SpoolHealth health = spool.health();
            assertEquals(new SpoolHealth(true, 2, 10, RECEIVED, 0, 0, null), health);
        }
    }

    @Test
    void anEntrySetAsideLeavesTheSpoolWithItsReasonAndIsCounted() throws Exception {
        SpooledReport poison;
        try (SqliteReportSpool spool = open(10)) {
            poison = Await.result(spool.append(SampleReports.full("poison"), RECEIVED));
            Await.result(spool.append(SampleReports.required("run-1", Status.INSTALLING), RECEIVED));

            spool.setAside(poison, "IllegalStateException: the stored record cannot be read");

            assertEquals(List.of("run-1"), spool.oldest(10).stream().map(SpooledReport::runKey).toList());
            assertEquals(1, spool.health().setAside());
            assertEquals(1, spool.health().depth());
        }
        try (RawDatabase raw = RawDatabase.at(dataDir.resolve(SqliteReportSpool.FILE_NAME))) {
            assertEquals(List.of(Long.toString(poison.sequence()), "IllegalStateException: the stored record cannot be read",
                            Long.toString(CLOCK.millis()), "poison", "failed"),
                    raw.row("SELECT sequence, reason, set_aside_at, run_key, status FROM dead_letters"));
        }
        try (SqliteReportSpool reopened = open(10)) {
            assertEquals(1, reopened.health().setAside());
        }
    }

    @Test
    void aClosedSpoolRefusesAppendsAndSaysSo() {
        SqliteReportSpool spool = open(10);
        spool.close();

        Throwable failure = Await.failure(spool.append(SampleReports.required("run-1", Status.INSTALLING), RECEIVED));

        assertEquals("spool closed", failure.getMessage());
        assertEquals("spool closed", spool.health().problem());
        assertFalse(spool.health().accepting());
    }

    @Test
    void closeCommitsEveryAppendAcceptedBefore() {
        int appends = 3_000;
        List<CompletableFuture<SpooledReport>> futures = new ArrayList<>();
        SqliteReportSpool spool = open(appends);
        for (int i = 0; i < appends; i++) {
            futures.add(spool.append(SampleReports.required("run-" + i, Status.INSTALLING), RECEIVED));
        }

        spool.close();

        assertTrue(futures.stream().allMatch(future -> future.isDone() && !future.isCompletedExceptionally()));
        try (SqliteReportSpool reopened = open(appends)) {
            assertEquals(appends, reopened.health().depth());
            assertEquals("run-0", reopened.oldest(1).get(0).runKey());
        }
    }

    private SqliteReportSpool open(long maxReports) {
        return SqliteReportSpool.open(dataDir, maxReports, CLOCK);
    }
}
