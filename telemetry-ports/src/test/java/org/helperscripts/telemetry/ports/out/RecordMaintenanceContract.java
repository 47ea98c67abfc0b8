package org.helperscripts.telemetry.ports.out;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.helperscripts.telemetry.domain.ErrorCategory;
import org.helperscripts.telemetry.domain.InstallType;
import org.helperscripts.telemetry.domain.Merge;
import org.helperscripts.telemetry.domain.RepoSource;
import org.helperscripts.telemetry.domain.Report;
import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.domain.Session;
import org.helperscripts.telemetry.domain.Status;
import org.helperscripts.telemetry.ports.out.WindowStats.AppStatusCount;
import org.helperscripts.telemetry.ports.out.WindowStats.BucketCount;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link RecordMaintenance} promises, run against each store by a subclass that opens a
 * fresh, empty store (a {@link ReportStore} that is also a {@link RecordMaintenance} and a
 * {@link StatsQuery}) and closes it again: stuck runs closed and only those, a late final report
 * winning afterwards, retention deleting only older records, batches smaller than the work, and
 * the dashboard's figures agreeing with the records afterwards.
 */
@Timeout(180)
public abstract class RecordMaintenanceContract {

    /** Millisecond precision: every store keeps milliseconds. */
    protected static final Instant DAY0 = Instant.parse("2025-03-01T00:00:00Z");
    private static final Instant CUTOFF = DAY0.plus(Duration.ofDays(3).plusHours(9).plusMillis(321));
    private static final Instant NOW = CUTOFF.plus(Duration.ofHours(6));

    private ReportStore store;
    private RecordMaintenance maintenance;
    private StatsQuery stats;
    /** Every record written, as the store should hold it now. */
    private final Map<String, Run> expected = new LinkedHashMap<>();

    /** A fresh, empty store that is a {@link RecordMaintenance} and a {@link StatsQuery} too. */
    protected abstract ReportStore openStore();

    /** Closes what {@link #openStore()} opened. */
    protected abstract void closeStore();

    @BeforeEach
    final void openContractStore() {
        store = openStore();
        maintenance = assertInstanceOf(RecordMaintenance.class, store, "the store under test must do maintenance");
        stats = assertInstanceOf(StatsQuery.class, store, "the store under test must answer StatsQuery");
    }

    @AfterEach
    final void closeContractStore() {
        closeStore();
    }

    // ---- stuck runs ----

    @Test
    void onlyRunsInProgressThatLastChangedBeforeTheCutoffAreClosed() {
        Run installing = write("stuck-installing", Status.INSTALLING, CUTOFF.minus(Duration.ofDays(2)), CUTOFF.minus(Duration.ofHours(1)));
        Run configuring = write("stuck-configuring", Status.CONFIGURING, CUTOFF.minus(Duration.ofDays(1)), CUTOFF.minusMillis(1));
        Run validation = write("stuck-validation", Status.VALIDATION, CUTOFF.minus(Duration.ofHours(5)), CUTOFF.minus(Duration.ofHours(4)));
        write("at-cutoff", Status.INSTALLING, CUTOFF.minus(Duration.ofHours(2)), CUTOFF);
        write("recent", Status.CONFIGURING, CUTOFF.plusSeconds(1), CUTOFF.plus(Duration.ofHours(1)));
        for (Status last : List.of(Status.SUCCESS, Status.FAILED, Status.ABORTED, Status.UNKNOWN)) {
            write("old-" + last.wire(), last, CUTOFF.minus(Duration.ofDays(2)), CUTOFF.minus(Duration.ofDays(1)));
        }

        int closed = maintenance.closeStuckRuns(CUTOFF, NOW, 100);

        assertEquals(3, closed);
        for (Run stuck : List.of(installing, configuring, validation)) {
            Run timedOut = RecordMaintenance.timedOut(stuck, NOW);
            expected.put(stuck.runKey(), timedOut);
            Run stored = store.find(stuck.runKey()).orElseThrow();
            assertEquals(timedOut, stored);
            assertEquals(Status.UNKNOWN, stored.report().status());
            assertEquals(RecordMaintenance.TIMED_OUT_ERROR, stored.report().error());
            assertEquals(ErrorCategory.TIMEOUT, stored.report().errorCategory());
            assertNull(stored.report().exitCode());
            assertEquals(stuck.created(), stored.created());
            assertEquals(NOW, stored.updated());
        }
        assertStoredAsExpected();
    }

    @Test
    void closingAgainFindsNothingLeftAndChangesNothing() {
        write("stuck", Status.INSTALLING, DAY0, DAY0.plusSeconds(10));
        assertEquals(1, maintenance.closeStuckRuns(CUTOFF, NOW, 100));
        expected.put("stuck", RecordMaintenance.timedOut(expected.get("stuck"), NOW));

        assertEquals(0, maintenance.closeStuckRuns(CUTOFF, NOW.plusSeconds(60), 100));
        assertEquals(0, maintenance.closeStuckRuns(NOW.plus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(30)), 100));

        assertStoredAsExpected();
    }

    @Test
    void aFinalReportAfterTheTimeOutReplacesUnknownWithItsOwnOutcome() {
        Report installing = report("late-success", Status.INSTALLING, null, null, null);
        Report failing = report("late-failure", Status.INSTALLING, null, null, null);
        store.apply("late-success", stored -> Session.merge(stored, installing, DAY0)).join();
        store.apply("late-failure", stored -> Session.merge(stored, failing, DAY0)).join();
        assertEquals(2, maintenance.closeStuckRuns(CUTOFF, NOW, 100));

        Instant later = NOW.plus(Duration.ofMinutes(5));
        Report success = report("late-success", Status.SUCCESS, 0, null, null);
        Report failed = report("late-failure", Status.FAILED, 100, "E: Unable to locate package", ErrorCategory.APT);
        Merge won = store.apply("late-success", stored -> Session.merge(stored, success, later)).join();
        store.apply("late-failure", stored -> Session.merge(stored, failed, later)).join();

        assertEquals(Merge.Kind.CHANGED, won.kind());
        Run succeeded = store.find("late-success").orElseThrow();
        assertEquals(Status.SUCCESS, succeeded.report().status());
        assertEquals(0, succeeded.report().exitCode());
        assertNull(succeeded.report().error(), "the time-out error goes with the unknown status");
        assertNull(succeeded.report().errorCategory());
        assertEquals(DAY0, succeeded.created());
        assertEquals(later, succeeded.updated());
        Run failedRun = store.find("late-failure").orElseThrow();
        assertEquals(Status.FAILED, failedRun.report().status());
        assertEquals("E: Unable to locate package", failedRun.report().error());
        assertEquals(ErrorCategory.APT, failedRun.report().errorCategory());
    }

    @Test
    void aLateProgressPingAfterTheTimeOutLeavesTheRunClosed() {
        Report installing = report("run-1", Status.INSTALLING, null, null, null);
        store.apply("run-1", stored -> Session.merge(stored, installing, DAY0)).join();
        maintenance.closeStuckRuns(CUTOFF, NOW, 100);
        Run closed = store.find("run-1").orElseThrow();

        Report ping = report("run-1", Status.CONFIGURING, null, null, null);
        Merge merge = store.apply("run-1", stored -> Session.merge(stored, ping, NOW.plusSeconds(1))).join();

        assertEquals(Merge.Kind.UNCHANGED, merge.kind());
        assertEquals(closed, store.find("run-1").orElseThrow());
    }

    @Test
    void batchesSmallerThanTheStuckRunsStillCloseEveryOne() {
        for (int i = 0; i < 23; i++) {
            write("stuck-" + i, i % 3 == 0 ? Status.CONFIGURING : Status.INSTALLING,
                    DAY0.plusSeconds(i * 600L), DAY0.plusSeconds(i * 600L + 30));
        }
        write("done", Status.SUCCESS, DAY0, DAY0.plusSeconds(30));

        assertEquals(23, maintenance.closeStuckRuns(CUTOFF, NOW, 4));

        for (int i = 0; i < 23; i++) {
            expected.put("stuck-" + i, RecordMaintenance.timedOut(expected.get("stuck-" + i), NOW));
        }
        assertStoredAsExpected();
    }

    @Test
    void finalReportsRacingWithTheCleanUpAlwaysWin() throws Exception {
        int runs = 60;
        for (int i = 0; i < runs; i++) {
            write("race-" + i, Status.INSTALLING, DAY0.plusSeconds(i), DAY0.plusSeconds(i));
        }
        ExecutorService reporters = Executors.newFixedThreadPool(4);
        try {
            List<Future<Merge>> finals = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                Report success = report("race-" + i, Status.SUCCESS, 0, null, null);
                String key = "race-" + i;
                finals.add(reporters.submit(() -> store.apply(key, stored -> Session.merge(stored, success, NOW)).join()));
            }
            int closed = maintenance.closeStuckRuns(CUTOFF, NOW, 7);
            for (Future<Merge> done : finals) {
                done.get(60, TimeUnit.SECONDS);
            }

            assertTrue(closed >= 0 && closed <= runs, "closed " + closed);
            for (int i = 0; i < runs; i++) {
                Run stored = store.find("race-" + i).orElseThrow();
                assertEquals(Status.SUCCESS, stored.report().status(), "race-" + i);
                assertNull(stored.report().error(), "race-" + i);
            }
        } finally {
            reporters.shutdownNow();
        }
    }

    // ---- retention ----

    @Test
    void retentionDeletesOnlyRecordsCreatedBeforeTheCutoff() {
        write("a-day-before", Status.SUCCESS, CUTOFF.minus(Duration.ofDays(1)), CUTOFF.minus(Duration.ofDays(1)));
        write("just-before", Status.FAILED, CUTOFF.minusMillis(1), CUTOFF.minusMillis(1));
        write("old-but-changed-lately", Status.INSTALLING, CUTOFF.minus(Duration.ofDays(2)), NOW);
        write("at-cutoff", Status.SUCCESS, CUTOFF, CUTOFF);
        write("newer", Status.CONFIGURING, CUTOFF.plus(Duration.ofDays(1)), CUTOFF.plus(Duration.ofDays(1)));

        int deleted = maintenance.deleteCreatedBefore(CUTOFF, 100);

        assertEquals(3, deleted);
        for (String gone : List.of("a-day-before", "just-before", "old-but-changed-lately")) {
            assertTrue(store.find(gone).isEmpty(), gone);
            expected.remove(gone);
        }
        assertStoredAsExpected();
    }

    @Test
    void batchesSmallerThanTheExpiredRecordsStillDeleteEveryOne() {
        for (int i = 0; i < 27; i++) {
            Instant created = DAY0.plusSeconds(i * 3_000L);
            write("old-" + i, i % 2 == 0 ? Status.SUCCESS : Status.INSTALLING, created, created);
        }
        for (int i = 0; i < 3; i++) {
            write("kept-" + i, Status.SUCCESS, CUTOFF.plusSeconds(i), CUTOFF.plusSeconds(i));
        }

        assertEquals(27, maintenance.deleteCreatedBefore(CUTOFF, 5));

        expected.keySet().removeIf(key -> key.startsWith("old-"));
        assertStoredAsExpected();
        assertEquals(0, maintenance.deleteCreatedBefore(CUTOFF, 5));
    }

    @Test
    void anEmptyStoreHasNothingToCleanUp() {
        assertEquals(0, maintenance.deleteCreatedBefore(NOW, 10));
        assertEquals(0, maintenance.closeStuckRuns(NOW, NOW, 10));
    }

    @Test
    void aBatchSizeBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> maintenance.deleteCreatedBefore(NOW, 0));
        assertThrows(IllegalArgumentException.class, () -> maintenance.closeStuckRuns(NOW, NOW, 0));
    }

    // ---- the dashboard afterwards ----

    @Test
    void theDashboardFiguresAgreeWithTheRecordsAfterTheCleanUp() {
        Status[] statuses = {Status.INSTALLING, Status.SUCCESS, Status.FAILED, Status.CONFIGURING, Status.SUCCESS,
            Status.VALIDATION, Status.ABORTED};
        String[] apps = {"docker", "jellyfin", "pihole"};
        for (int i = 0; i < 70; i++) {
            Instant created = DAY0.plus(Duration.ofMinutes(i * 137L + 11));
            write("run-" + i, statuses[i % statuses.length], created, created.plusSeconds(40), apps[i % apps.length]);
        }
        StatsWindow week = new StatsWindow(DAY0, DAY0.plus(7, ChronoUnit.DAYS), null, ChronoUnit.DAYS);
        StatsWindow main = new StatsWindow(DAY0, DAY0.plus(7, ChronoUnit.DAYS), RepoSource.PROXMOX_VE, ChronoUnit.DAYS);
        // counted once before, so that a store keeping figures of whole days has them to forget
        assertFigures(week);
        assertFigures(main);
        Instant retentionCutoff = DAY0.plus(Duration.ofDays(1).plusHours(5));

        int closed = maintenance.closeStuckRuns(CUTOFF, NOW, 6);
        int deleted = maintenance.deleteCreatedBefore(retentionCutoff, 8);

        int expectClosed = 0;
        for (Map.Entry<String, Run> entry : expected.entrySet()) {
            if (RecordMaintenance.isStuck(entry.getValue(), CUTOFF)) {
                entry.setValue(RecordMaintenance.timedOut(entry.getValue(), NOW));
                expectClosed++;
            }
        }
        int before = expected.size();
        expected.values().removeIf(run -> run.created().isBefore(retentionCutoff));
        assertEquals(expectClosed, closed);
        assertEquals(before - expected.size(), deleted);
        assertTrue(closed > 10 && deleted > 10, "closed " + closed + ", deleted " + deleted);
        assertFigures(week);
        assertFigures(main);
    }

    // ---- helpers ----

    private Run write(String runKey, Status status, Instant created, Instant updated) {
        return write(runKey, status, created, updated, "debian");
    }

    private Run write(String runKey, Status status, Instant created, Instant updated, String nsapp) {
        Report report = new Report("session-" + runKey, runKey, InstallType.LXC, nsapp, status,
                null, 8, 2, 2048, "debian", "12", null, null,
                status == Status.FAILED ? 1 : null, status == Status.FAILED ? "failed hard" : null,
                status == Status.FAILED ? ErrorCategory.SHELL : null, status == Status.SUCCESS ? 120 : null,
                null, null, null, null, null, null,
                runKey.hashCode() % 3 == 0 ? RepoSource.PROXMOX_VED : RepoSource.PROXMOX_VE, null, null, null, null);
        Run run = new Run(report, created, updated);
        store.apply(runKey, SampleReports.creating(run)).join();
        expected.put(runKey, run);
        return run;
    }

    private static Report report(String runKey, Status status, Integer exitCode, String error, ErrorCategory category) {
        return new Report("session-" + runKey, runKey, InstallType.LXC, "debian", status,
                null, null, null, null, null, null, null, null, exitCode, error, category, null, null, null, null,
                null, null, null, RepoSource.PROXMOX_VE, null, null, null, null);
    }

    private void assertStoredAsExpected() {
        for (Map.Entry<String, Run> entry : expected.entrySet()) {
            assertEquals(Optional.of(entry.getValue()), store.find(entry.getKey()), entry.getKey());
        }
        assertEquals(expected.size(), store.page(RecordQuery.newest(1, 10)).total(), "records left");
    }

    private void assertFigures(StatsWindow window) {
        WindowStats figures = stats.aggregate(window);
        List<Run> counted = expected.values().stream()
                .filter(run -> !run.created().isBefore(window.from()) && run.created().isBefore(window.until()))
                .filter(run -> window.repo() == null || run.report().repoSource() == window.repo())
                .toList();
        Map<List<Object>, Long> series = new HashMap<>();
        Map<List<Object>, Long> apps = new HashMap<>();
        for (Run run : counted) {
            series.merge(List.of(run.created().truncatedTo(ChronoUnit.DAYS), run.report().status()), 1L, Long::sum);
            apps.merge(List.of(run.report().nsapp(), run.report().type(), run.report().status()), 1L, Long::sum);
        }
        Map<List<Object>, Long> storedSeries = new HashMap<>();
        for (BucketCount bucket : figures.series()) {
            storedSeries.put(List.of(bucket.bucketStart(), bucket.status()), bucket.count());
        }
        Map<List<Object>, Long> storedApps = new HashMap<>();
        for (AppStatusCount app : figures.apps()) {
            storedApps.put(List.of(app.nsapp(), app.type(), app.status()), app.count());
        }
        assertEquals(series, storedSeries, "series of " + window);
        assertEquals(apps, storedApps, "apps of " + window);
    }
}
