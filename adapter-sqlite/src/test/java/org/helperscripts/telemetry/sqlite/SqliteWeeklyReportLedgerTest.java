package org.helperscripts.telemetry.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class SqliteWeeklyReportLedgerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-05-04T08:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dataDir;

    @Test
    void aWeekIsClaimedOnceAndASecondClaimIsRefused() {
        try (SqliteWeeklyReportLedger ledger = SqliteWeeklyReportLedger.open(dataDir, CLOCK)) {
            assertTrue(ledger.claim("2026-W18"));
            assertFalse(ledger.claim("2026-W18"));
            assertTrue(ledger.claim("2026-W19"), "another week is claimed on its own");
        }
    }

    @Test
    void twoLedgersOnOneFileLetOnlyOneClaimTheWeek() throws Exception {
        try (SqliteWeeklyReportLedger first = SqliteWeeklyReportLedger.open(dataDir, CLOCK);
             SqliteWeeklyReportLedger second = SqliteWeeklyReportLedger.open(dataDir, CLOCK)) {
            ExecutorService instances = Executors.newFixedThreadPool(2);
            try {
                List<Callable<Boolean>> claims = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    SqliteWeeklyReportLedger ledger = i % 2 == 0 ? first : second;
                    claims.add(() -> ledger.claim("2026-W18"));
                }
                int won = 0;
                for (Future<Boolean> claim : instances.invokeAll(claims)) {
                    won += claim.get() ? 1 : 0;
                }
                assertEquals(1, won);
            } finally {
                instances.shutdownNow();
            }
        }
    }

    @Test
    void aClaimSurvivesAReopen() throws Exception {
        try (SqliteWeeklyReportLedger ledger = SqliteWeeklyReportLedger.open(dataDir, CLOCK)) {
            assertTrue(ledger.claim("2026-W18"));
        }
        try (SqliteWeeklyReportLedger reopened = SqliteWeeklyReportLedger.open(dataDir, CLOCK)) {
            assertFalse(reopened.claim("2026-W18"));
        }
        try (RawDatabase raw = RawDatabase.at(dataDir.resolve(SqliteWeeklyReportLedger.NAME))) {
            assertEquals(CLOCK.millis(), raw.number("SELECT claimed_at FROM weekly_reports WHERE iso_week = '2026-W18'"));
        }
    }

    @Test
    void aReleasedClaimCanBeClaimedAgain() {
        try (SqliteWeeklyReportLedger first = SqliteWeeklyReportLedger.open(dataDir, CLOCK);
             SqliteWeeklyReportLedger second = SqliteWeeklyReportLedger.open(dataDir, CLOCK)) {
            assertTrue(first.claim("2026-W18"));
            first.release("2026-W18");

            assertTrue(second.claim("2026-W18"));
        }
    }

    @Test
    void aLedgerReleasesOnlyItsOwnClaim() {
        try (SqliteWeeklyReportLedger first = SqliteWeeklyReportLedger.open(dataDir, CLOCK);
             SqliteWeeklyReportLedger second = SqliteWeeklyReportLedger.open(dataDir, CLOCK)) {
            assertTrue(first.claim("2026-W18"));

            second.release("2026-W18");

            assertFalse(second.claim("2026-W18"), "the first ledger's claim still holds");
        }
    }

    @Test
    void somethingThatIsNotAnIsoWeekIsRefused() {
        try (SqliteWeeklyReportLedger ledger = SqliteWeeklyReportLedger.open(dataDir, CLOCK)) {
            assertThrows(IllegalArgumentException.class, () -> ledger.claim("2026-18"));
            assertThrows(IllegalArgumentException.class, () -> ledger.release(null));
        }
    }

    @Test
    void theDataDirectoryIsCreatedWhenMissing() {
        try (SqliteWeeklyReportLedger ledger = SqliteWeeklyReportLedger.open(dataDir.resolve("a/b"), CLOCK)) {
            assertTrue(ledger.claim("2026-W18"));
        }
    }
}
