package org.helperscripts.telemetry.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;

import org.helperscripts.telemetry.domain.CpuVendor;
import org.helperscripts.telemetry.domain.ErrorCategory;
import org.helperscripts.telemetry.domain.GpuPassthrough;
import org.helperscripts.telemetry.domain.GpuVendor;
import org.helperscripts.telemetry.domain.InstallType;
import org.helperscripts.telemetry.domain.RepoSource;
import org.helperscripts.telemetry.domain.Report;
import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.domain.Status;
import org.helperscripts.telemetry.domain.WireValue;
import org.helperscripts.telemetry.ports.out.StatsWindow;
import org.helperscripts.telemetry.ports.out.WindowStats;
import org.helperscripts.telemetry.ports.out.WindowStats.AppStatusCount;
import org.helperscripts.telemetry.ports.out.WindowStats.BucketCount;
import org.helperscripts.telemetry.ports.out.WindowStats.ErrorTextCount;
import org.helperscripts.telemetry.ports.out.WindowStats.ExitCodeCount;
import org.helperscripts.telemetry.ports.out.WindowStats.GpuCount;
import org.helperscripts.telemetry.ports.out.WindowStats.ValueCount;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forty runs over two repositories and five days, every field the figures count varied, some
 * empty and some missing. Every expected figure is counted again here, with streams over the
 * runs as they were written, and compared with what the store counted.
 */
@Timeout(60)
class StatisticsTest {

    private static final Instant DAY0 = Instant.parse("2025-03-01T00:00:00Z");
    private static final Instant END = DAY0.plus(5, ChronoUnit.DAYS);

    private static final String[] APPS = {"docker", "jellyfin", "homeassistant", "pihole", "nginx"};
    private static final InstallType[] TYPES = {InstallType.LXC, InstallType.VM, InstallType.LXC, InstallType.ADDON};
    private static final String[] OS = {"debian", "ubuntu", "alpine", "", null, "debian"};
    private static final String[] METHODS = {"default", "advanced", null, "default", "mydefaults"};
    private static final String[] PVE = {"8.3.2", "8.2.4", "9.0.3", null};
    private static final GpuVendor[] GPUS = {null, GpuVendor.INTEL, GpuVendor.NVIDIA, null, GpuVendor.AMD};
    private static final GpuPassthrough[] PASSTHROUGHS = {GpuPassthrough.IGPU, null, GpuPassthrough.DGPU};
    private static final CpuVendor[] CPUS = {CpuVendor.INTEL, CpuVendor.AMD, null};
    private static final ErrorCategory[] CATEGORIES = {ErrorCategory.APT, ErrorCategory.NETWORK, null};
    private static final Integer[] EXIT_CODES = {100, 1, null, 100, 255};
    private static final String[] ERRORS = {"E: Unable to locate package", "curl: (6) Could not resolve host", null,
        "E: Unable to locate package", ""};

    @TempDir
    Path dataDir;

    private SqliteReportStore store;
    private final List<Run> runs = new ArrayList<>();

    @BeforeEach
    void fill() {
        store = SqliteReportStore.open(dataDir);
        for (int i = 0; i < 40; i++) {
            Status status = i % 10 < 6 ? Status.SUCCESS : i % 10 < 9 ? Status.FAILED : (i % 20 == 9
                    ? Status.ABORTED : Status.INSTALLING);
            boolean failed = status == Status.FAILED;
            Report report = new Report("session-" + i, "run-" + i, TYPES[i % TYPES.length], APPS[i % APPS.length],
                    status, 1, 8, 2, 2048, OS[i % OS.length], "12", PVE[i % PVE.length], METHODS[i % METHODS.length],
                    failed ? EXIT_CODES[i % EXIT_CODES.length] : status == Status.SUCCESS ? 0 : null,
                    failed ? ERRORS[i % ERRORS.length] : null, failed ? CATEGORIES[i % CATEGORIES.length] : null,
                    status == Status.SUCCESS && i % 7 != 0 ? 60 + i * 11 : null,
                    GPUS[i % GPUS.length], null, GPUS[i % GPUS.length] == null ? null : PASSTHROUGHS[i % 3],
                    CPUS[i % CPUS.length], null, null, i % 3 == 0 ? RepoSource.PROXMOX_VED : RepoSource.PROXMOX_VE,
                    null, null, null, null);
            // spread over five days and over the hours of each day
            Instant created = DAY0.plus(Duration.ofMinutes(i * 173L + 7)).plusMillis(i);
            add(new Run(report, created, created.plusSeconds(90)));
        }
        // exactly on the window's bounds
        add(new Run(SampleReports.required("at-start", Status.SUCCESS), DAY0, DAY0));
        add(new Run(SampleReports.required("at-end", Status.FAILED), END, END));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void everyFigureOfAWindowOverBothRepositoriesMatchesACountOverTheRunsWritten() {
        assertFigures(new StatsWindow(DAY0, END, null, ChronoUnit.DAYS), run -> inWindow(run, DAY0, END));
    }

    @Test
    void aRepositoryFilterCountsOnlyThatRepositorysRuns() {
        assertFigures(new StatsWindow(DAY0, END, RepoSource.PROXMOX_VED, ChronoUnit.DAYS),
                run -> inWindow(run, DAY0, END) && run.report().repoSource() == RepoSource.PROXMOX_VED);
        assertFigures(new StatsWindow(DAY0, END, RepoSource.PROXMOX_VE, ChronoUnit.DAYS),
                run -> inWindow(run, DAY0, END) && run.report().repoSource() == RepoSource.PROXMOX_VE);
    }

    @Test
    void fromIsInclusiveAndUntilExclusive() {
        WindowStats stats = store.aggregate(new StatsWindow(DAY0, END, null, ChronoUnit.DAYS));

        long counted = stats.series().stream().mapToLong(BucketCount::count).sum();
        assertEquals(41, counted, "the 40 runs and the one created at from, not the one created at until");
        assertTrue(stats.apps().stream().anyMatch(app -> app.status() == Status.SUCCESS && app.nsapp().equals("debian")));
        assertTrue(stats.apps().stream().noneMatch(app -> app.status() == Status.FAILED && app.nsapp().equals("debian")));
    }

    @Test
    void aWindowWithoutFromStartsAtTheFirstRecord() {
        Instant until = END.plusMillis(1);
        assertFigures(new StatsWindow(null, until, null, ChronoUnit.DAYS), run -> run.created().isBefore(until));
        assertEquals(42, store.aggregate(new StatsWindow(null, until, null, ChronoUnit.DAYS)).series().stream()
                .mapToLong(BucketCount::count).sum());
    }

    @Test
    void aNarrowWindowInsideTheDataCountsOnlyItsRuns() {
        Instant from = DAY0.plus(Duration.ofHours(30));
        Instant until = DAY0.plus(Duration.ofHours(75));
        assertFigures(new StatsWindow(from, until, RepoSource.PROXMOX_VE, ChronoUnit.HOURS),
                run -> inWindow(run, from, until) && run.report().repoSource() == RepoSource.PROXMOX_VE);
    }

    @Test
    void hourBucketsStartAtWholeHoursInUtc() {
        WindowStats stats = store.aggregate(new StatsWindow(DAY0, END, null, ChronoUnit.HOURS));

        assertEquals(expectedSeries(run -> inWindow(run, DAY0, END), ChronoUnit.HOURS), seriesMap(stats));
        assertTrue(stats.series().stream().allMatch(bucket ->
                bucket.bucketStart().equals(bucket.bucketStart().truncatedTo(ChronoUnit.HOURS))));
        assertTrue(stats.series().size() > 10, "the runs fall into many different hours");
    }

    @Test
    void dayBucketsStartAtMidnightUtcAndComeOldestFirst() {
        WindowStats stats = store.aggregate(new StatsWindow(DAY0, END, null, ChronoUnit.DAYS));

        List<Instant> starts = stats.series().stream().map(BucketCount::bucketStart).distinct().toList();
        assertEquals(List.of(DAY0, DAY0.plus(1, ChronoUnit.DAYS), DAY0.plus(2, ChronoUnit.DAYS),
                DAY0.plus(3, ChronoUnit.DAYS), DAY0.plus(4, ChronoUnit.DAYS)), starts);
    }

    @Test
    void aWindowWithoutRecordsHasEmptyListsAndNoDurations() {
        WindowStats stats = store.aggregate(new StatsWindow(END.plusSeconds(1), END.plusSeconds(3600), null,
                ChronoUnit.DAYS));

        assertEquals(WindowStats.empty(), stats);
    }

    @Test
    void theErrorTextsAreListedMostFrequentFirst() {
        List<ErrorTextCount> errors = store.aggregate(new StatsWindow(DAY0, END, null, ChronoUnit.DAYS)).errors();

        for (int i = 1; i < errors.size(); i++) {
            assertTrue(errors.get(i - 1).count() >= errors.get(i).count(), errors.toString());
        }
        assertEquals("E: Unable to locate package", errors.get(0).text());
    }

    @Test
    void theListsCannotBeChanged() {
        WindowStats stats = store.aggregate(new StatsWindow(DAY0, END, null, ChronoUnit.DAYS));

        assertThrows(UnsupportedOperationException.class, () -> stats.apps().clear());
        assertThrows(UnsupportedOperationException.class, () -> stats.series().clear());
    }

    @Test
    void aChangeToARunOfAnAlreadyCountedDayIsCountedNextTime() {
        StatsWindow window = new StatsWindow(DAY0, END, null, ChronoUnit.DAYS);
        assertFigures(window, run -> inWindow(run, DAY0, END));
        Run installing = runs.stream().filter(run -> run.report().status() == Status.INSTALLING).findFirst()
                .orElseThrow();
        Report finished = SampleReports.required(installing.runKey(), Status.SUCCESS);

        store.apply(installing.runKey(), SampleReports.session(finished, installing.updated().plusSeconds(60))).join();
        runs.replaceAll(run -> run == installing ? store.find(run.runKey()).orElseThrow() : run);

        assertFigures(window, run -> inWindow(run, DAY0, END));
    }

    @Test
    void aRunAddedToAnAlreadyCountedDayIsCountedNextTime() {
        StatsWindow window = new StatsWindow(DAY0, END, RepoSource.PROXMOX_VE, ChronoUnit.DAYS);
        assertFigures(window, run -> inWindow(run, DAY0, END) && run.report().repoSource() == RepoSource.PROXMOX_VE);
        Instant late = DAY0.plus(Duration.ofHours(30));

        add(new Run(SampleReports.required("late-arrival", Status.FAILED), late, late));

        assertFigures(window, run -> inWindow(run, DAY0, END) && run.report().repoSource() == RepoSource.PROXMOX_VE);
    }

    @Test
    void wholeDaysAddUpToTheSameFiguresAsOneCountOverTheWindow() throws Exception {
        StatsWindow window = new StatsWindow(DAY0.plus(Duration.ofHours(5)), END.plus(Duration.ofHours(1)), null,
                ChronoUnit.DAYS);
        store.aggregate(window);

        WindowStats again = store.aggregate(window);

        try (RawDatabase raw = RawDatabase.at(store.databaseFile())) {
            assertEquals(raw.countedInOneStatement(window), again);
        }
    }

    private void assertFigures(StatsWindow window, Predicate<Run> counted) {
        WindowStats stats = store.aggregate(window);
        List<Report> in = runs.stream().filter(counted).map(Run::report).toList();
        List<Report> failed = in.stream().filter(report -> report.status() == Status.FAILED).toList();

        assertEquals(count(in, report -> List.of(report.nsapp(), report.type(), report.status())),
                unique(stats.apps(), app -> List.of(app.nsapp(), app.type(), app.status()), AppStatusCount::count),
                "apps");
        assertEquals(count(in, report -> blank(report.osType())), values(stats.osTypes()), "os types");
        assertEquals(count(in, report -> blank(report.method())), values(stats.methods()), "methods");
        assertEquals(count(in, report -> blank(report.pveVersion())), values(stats.pveVersions()), "pve versions");
        assertEquals(count(in.stream().filter(report -> report.gpuVendor() != null).toList(),
                        report -> Arrays.asList(report.gpuVendor(), report.gpuPassthrough())),
                unique(stats.gpus(), gpu -> Arrays.asList(gpu.vendor(), gpu.passthrough()), GpuCount::count), "gpus");
        assertEquals(count(in, report -> wire(report.cpuVendor())), values(stats.cpuVendors()), "cpu vendors");
        assertEquals(count(failed, report -> wire(report.errorCategory())), values(stats.errorCategories()),
                "error categories");
        assertEquals(count(failed.stream().filter(report -> report.exitCode() != null).toList(), Report::exitCode),
                unique(stats.exitCodes(), ExitCodeCount::exitCode, ExitCodeCount::count), "exit codes");
        assertEquals(count(failed.stream().filter(report -> blank(report.error()) != null).toList(),
                        report -> List.of(report.error(), report.nsapp())),
                unique(stats.errors(), error -> List.of(error.text(), error.nsapp()), ErrorTextCount::count), "errors");
        assertEquals(expectedSeries(counted, window.bucket()), seriesMap(stats), "series");

        List<Report> timed = in.stream()
                .filter(report -> report.status() == Status.SUCCESS && report.installDuration() != null).toList();
        assertEquals(timed.size(), stats.successDurations().runs(), "successful runs with a duration");
        assertEquals(timed.stream().mapToLong(Report::installDuration).sum(), stats.successDurations().totalSeconds(),
                "their total duration");
        assertTrue(in.size() > 5, "the window holds runs: " + in.size());
    }

    private Map<Object, Long> expectedSeries(Predicate<Run> counted, ChronoUnit bucket) {
        return count(runs.stream().filter(counted).toList(),
                run -> List.of(run.created().truncatedTo(bucket), run.report().status()));
    }

    private static Map<Object, Long> seriesMap(WindowStats stats) {
        return unique(stats.series(), bucket -> List.of(bucket.bucketStart(), bucket.status()), BucketCount::count);
    }

    private static <T> Map<Object, Long> count(List<T> items, Function<T, ?> key) {
        Map<Object, Long> counts = new HashMap<>();
        for (T item : items) {
            counts.merge(key.apply(item), 1L, Long::sum);
        }
        return counts;
    }

    /** The list as a map, after checking that no key is listed twice. */
    private static <T> Map<Object, Long> unique(List<T> rows, Function<T, ?> key, Function<T, Long> count) {
        Map<Object, Long> counts = new HashMap<>();
        for (T row : rows) {
            Long before = counts.put(key.apply(row), count.apply(row));
            assertEquals(null, before, "listed twice: " + key.apply(row));
        }
        return counts;
    }

    private static Map<Object, Long> values(List<ValueCount> rows) {
        return unique(rows, ValueCount::value, ValueCount::count);
    }

    private static String blank(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    private static String wire(WireValue value) {
        return value == null ? null : value.wire();
    }

    private static boolean inWindow(Run run, Instant from, Instant until) {
        return !run.created().isBefore(from) && run.created().isBefore(until);
    }

    private void add(Run run) {
        CompletableFuture<?> written = store.apply(run.runKey(), SampleReports.creating(run));
        written.join();
        runs.add(run);
    }
}
