package org.helperscripts.telemetry.ports.out;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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

/**
 * What every {@link StatsQuery} promises, run against each store by a subclass that opens a fresh,
 * empty store (a {@link ReportStore} that is also a {@link StatsQuery}) and closes it again.
 *
 * <p>The sample: forty runs over two repositories and five days, every field the figures count
 * varied, some empty, some missing, some zero (an exit code 0 of a failed run and an install
 * duration 0 of a successful one are real values), and two runs exactly on the bounds of the
 * five days. Each expected figure is counted again here, with streams over the runs as they were
 * written, and compared with what the store counted. Windows that start and end inside a day or
 * an hour are counted exactly as well: a window is every record created from {@code from}
 * until {@code until}, whatever the buckets of the time series.
 */
@Timeout(180)
public abstract class StatsQueryContract {

    protected static final Instant DAY0 = Instant.parse("2025-03-01T00:00:00Z");
    protected static final Instant END = DAY0.plus(5, ChronoUnit.DAYS);

    private static final String[] APPS = {"docker", "jellyfin", "homeassistant", "pihole", "nginx"};
    private static final InstallType[] TYPES = {InstallType.LXC, InstallType.VM, InstallType.LXC, InstallType.ADDON};
    private static final String[] OS = {"debian", "ubuntu", "alpine", null, "debian"};
    private static final String[] METHODS = {"default", "advanced", null, "default", "mydefaults"};
    private static final String[] PVE = {"8.3.2", "8.2.4", "9.0.3", null};
    private static final GpuVendor[] GPUS = {null, GpuVendor.INTEL, GpuVendor.NVIDIA, null, GpuVendor.AMD};
    private static final GpuPassthrough[] PASSTHROUGHS = {GpuPassthrough.IGPU, null, GpuPassthrough.DGPU};
    private static final CpuVendor[] CPUS = {CpuVendor.INTEL, CpuVendor.AMD, null};
    private static final ErrorCategory[] CATEGORIES = {ErrorCategory.APT, ErrorCategory.NETWORK, null};
    private static final Integer[] EXIT_CODES = {100, 0, null, 100, 255};
    private static final String[] ERRORS = {"E: Unable to locate package", "curl: (6) Could not resolve host", null,
        "E: Unable to locate package", "it's a \"quoted\" failure \\"};

    private ReportStore store;
    private StatsQuery stats;
    private final List<Run> runs = new ArrayList<>();

    /** A fresh, empty store that answers {@link StatsQuery} too. */
    protected abstract ReportStore openStore();

    /** Closes what {@link #openStore()} opened. */
    protected abstract void closeStore();

    @BeforeEach
    final void openContractStore() {
        store = openStore();
        stats = assertInstanceOf(StatsQuery.class, store, "the store under test must answer StatsQuery");
    }

    @AfterEach
    final void closeContractStore() {
        closeStore();
    }

    // ---- whole days ----

    @Test
    void everyFigureOfAWindowOverBothRepositoriesMatchesACountOverTheRunsWritten() {
        fillSample();
        assertFigures(new StatsWindow(DAY0, END, null, ChronoUnit.DAYS), run -> inWindow(run, DAY0, END));
    }

    @Test
    void aRepositoryFilterCountsOnlyThatRepositorysRuns() {
        fillSample();
        assertFigures(new StatsWindow(DAY0, END, RepoSource.PROXMOX_VED, ChronoUnit.DAYS),
                run -> inWindow(run, DAY0, END) && run.report().repoSource() == RepoSource.PROXMOX_VED);
        assertFigures(new StatsWindow(DAY0, END, RepoSource.PROXMOX_VE, ChronoUnit.DAYS),
                run -> inWindow(run, DAY0, END) && run.report().repoSource() == RepoSource.PROXMOX_VE);
    }

    @Test
    void fromIsInclusiveAndUntilExclusive() {
        fillSample();
        WindowStats figures = stats.aggregate(new StatsWindow(DAY0, END, null, ChronoUnit.DAYS));

        assertEquals(41, figures.series().stream().mapToLong(BucketCount::count).sum(),
                "the 40 runs and the one created at from, not the one created at until");
        assertTrue(figures.apps().stream().anyMatch(app -> app.nsapp().equals("bounds") && app.status() == Status.SUCCESS));
        assertTrue(figures.apps().stream().noneMatch(app -> app.nsapp().equals("bounds") && app.status() == Status.FAILED));
    }

    @Test
    void aWindowWithoutFromStartsAtTheFirstRecord() {
        fillSample();
        Instant until = END.plusMillis(1);
        assertFigures(new StatsWindow(null, until, null, ChronoUnit.DAYS), run -> run.created().isBefore(until));
        assertEquals(42, stats.aggregate(new StatsWindow(null, until, null, ChronoUnit.DAYS)).series().stream()
                .mapToLong(BucketCount::count).sum());
    }

    @Test
    void dayBucketsStartAtMidnightUtcAndComeOldestFirst() {
        fillSample();
        WindowStats figures = stats.aggregate(new StatsWindow(DAY0, END, null, ChronoUnit.DAYS));

        List<Instant> starts = figures.series().stream().map(BucketCount::bucketStart).distinct().toList();
        assertEquals(List.of(DAY0, DAY0.plus(1, ChronoUnit.DAYS), DAY0.plus(2, ChronoUnit.DAYS),
                DAY0.plus(3, ChronoUnit.DAYS), DAY0.plus(4, ChronoUnit.DAYS)), starts);
    }

    // ---- windows inside days and hours ----

    @Test
    void aWindowThatStartsAndEndsInsideAnHourCountsExactlyTheRunsCreatedInIt() {
        fillSample();
        // as StatsWindow.lastDays builds it: minutes, seconds and milliseconds of "now"
        Instant from = DAY0.plus(Duration.ofHours(7).plusMinutes(13).plusSeconds(5).plusMillis(250));
        Instant until = END.minus(Duration.ofHours(3).plusMinutes(17).plusMillis(1));
        assertFigures(new StatsWindow(from, until, null, ChronoUnit.DAYS), run -> inWindow(run, from, until));
        assertFigures(new StatsWindow(from, until, RepoSource.PROXMOX_VE, ChronoUnit.DAYS),
                run -> inWindow(run, from, until) && run.report().repoSource() == RepoSource.PROXMOX_VE);
    }

    @Test
    void aWindowFromLastDaysCountsExactlyTheRunsOfItsDays() {
        fillSample();
        Instant now = DAY0.plus(Duration.ofDays(4).plusHours(9).plusMinutes(41).plusMillis(7));
        StatsWindow window = StatsWindow.lastDays(2, now, null);
        assertFigures(window, run -> inWindow(run, window.from(), now));
    }

    @Test
    void aWindowShorterThanADayInsideOneDayCountsOnlyItsRuns() {
        fillSample();
        Instant from = DAY0.plus(Duration.ofHours(26).plusMinutes(30));
        Instant until = DAY0.plus(Duration.ofHours(45).plusMinutes(5));
        assertFigures(new StatsWindow(from, until, null, ChronoUnit.DAYS), run -> inWindow(run, from, until));
    }

    @Test
    void aNarrowHourlyWindowInsideTheDataCountsOnlyItsRuns() {
        fillSample();
        Instant from = DAY0.plus(Duration.ofHours(30));
        Instant until = DAY0.plus(Duration.ofHours(75));
        assertFigures(new StatsWindow(from, until, RepoSource.PROXMOX_VE, ChronoUnit.HOURS),
                run -> inWindow(run, from, until) && run.report().repoSource() == RepoSource.PROXMOX_VE);
    }

    @Test
    void anHourlyWindowThatStartsInsideAnHourCountsExactly() {
        fillSample();
        Instant from = DAY0.plus(Duration.ofHours(20).plusMinutes(44));
        Instant until = DAY0.plus(Duration.ofHours(101).plusMinutes(3));
        assertFigures(new StatsWindow(from, until, null, ChronoUnit.HOURS), run -> inWindow(run, from, until));
    }

    @Test
    void hourBucketsStartAtWholeHoursInUtc() {
        fillSample();
        WindowStats figures = stats.aggregate(new StatsWindow(DAY0, END, null, ChronoUnit.HOURS));

        assertEquals(expectedSeries(run -> inWindow(run, DAY0, END), ChronoUnit.HOURS), seriesMap(figures));
        assertTrue(figures.series().stream().allMatch(bucket ->
                bucket.bucketStart().equals(bucket.bucketStart().truncatedTo(ChronoUnit.HOURS))));
        assertTrue(figures.series().size() > 10, "the runs fall into many different hours");
    }

    // ---- empty windows and lists ----

    @Test
    void aWindowWithoutRecordsHasEmptyListsAndNoDurations() {
        fillSample();
        WindowStats figures = stats.aggregate(new StatsWindow(END.plusSeconds(1), END.plusSeconds(3600), null,
                ChronoUnit.DAYS));

        assertEquals(WindowStats.empty(), figures);
    }

    @Test
    void anEmptyStoreHasEmptyFiguresForEveryWindow() {
        assertEquals(WindowStats.empty(), stats.aggregate(new StatsWindow(null, END, null, ChronoUnit.DAYS)));
        assertEquals(WindowStats.empty(), stats.aggregate(new StatsWindow(DAY0.plusSeconds(61), END.minusSeconds(7),
                RepoSource.EXTERNAL, ChronoUnit.HOURS)));
    }

    @Test
    void theListsCannotBeChanged() {
        fillSample();
        WindowStats figures = stats.aggregate(new StatsWindow(DAY0, END, null, ChronoUnit.DAYS));

        assertThrows(UnsupportedOperationException.class, () -> figures.apps().clear());
        assertThrows(UnsupportedOperationException.class, () -> figures.series().clear());
    }

    // ---- error texts ----

    @Test
    void theErrorTextsAreListedMostFrequentFirst() {
        fillSample();
        List<ErrorTextCount> errors = stats.aggregate(new StatsWindow(DAY0, END, null, ChronoUnit.DAYS)).errors();

        for (int i = 1; i < errors.size(); i++) {
            assertTrue(errors.get(i - 1).count() >= errors.get(i).count(), errors.toString());
        }
        assertEquals("E: Unable to locate package", errors.get(0).text());
    }

    @Test
    void onlyTheMostFrequentErrorTextsAreKeptUpToTheLimit() {
        int texts = StatsWindow.MAX_ERROR_TEXTS + 20;
        List<CompletableFuture<?>> writes = new ArrayList<>();
        List<Run> written = new ArrayList<>();
        for (int i = 0; i < texts; i++) {
            // the texts of the last 30 indexes fail twice, so they must make the cut despite sorting last
            int times = i >= texts - 30 ? 2 : 1;
            for (int copy = 0; copy < times; copy++) {
                String key = "err-" + i + "-" + copy;
                Instant created = DAY0.plusSeconds(i * 60L + copy);
                Report report = new Report("session-" + key, key, InstallType.LXC, "app" + (i % 7), Status.FAILED,
                        null, null, null, null, null, null, null, null, 1, String.format("failure %04d", i),
                        ErrorCategory.UNKNOWN, null, null, null, null, null, null, null, RepoSource.PROXMOX_VE,
                        null, null, null, null);
                Run run = new Run(report, created, created);
                written.add(run);
                writes.add(store.apply(key, SampleReports.creating(run)));
            }
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();

        List<ErrorTextCount> errors = stats.aggregate(new StatsWindow(DAY0, END, null, ChronoUnit.DAYS)).errors();

        List<ErrorTextCount> expected = count(written.stream().map(Run::report).toList(),
                report -> List.of(report.error(), report.nsapp())).entrySet().stream()
                .map(entry -> {
                    List<?> key = (List<?>) entry.getKey();
                    return new ErrorTextCount((String) key.get(0), (String) key.get(1), entry.getValue());
                })
                .sorted(Comparator.comparingLong(ErrorTextCount::count).reversed()
                        .thenComparing(ErrorTextCount::text).thenComparing(ErrorTextCount::nsapp))
                .limit(StatsWindow.MAX_ERROR_TEXTS)
                .toList();
        assertEquals(StatsWindow.MAX_ERROR_TEXTS, errors.size());
        assertEquals(expected, errors);
        assertEquals(2, errors.get(0).count());
    }

    // ---- changes after a window was counted (a store may keep what it counted) ----

    @Test
    void aChangeToARunOfAnAlreadyCountedDayIsCountedNextTime() {
        fillSample();
        StatsWindow window = new StatsWindow(DAY0, END, null, ChronoUnit.DAYS);
        assertFigures(window, run -> inWindow(run, DAY0, END));
        Run installing = runs.stream().filter(run -> run.report().status() == Status.INSTALLING).findFirst()
                .orElseThrow();
        Instant finishedAt = installing.updated().plusSeconds(60);

        store.apply(installing.runKey(), SampleReports.session(
                SampleReports.required(installing.runKey(), Status.SUCCESS), finishedAt)).join();
        runs.replaceAll(run -> run == installing ? store.find(run.runKey()).orElseThrow() : run);

        assertFigures(window, run -> inWindow(run, DAY0, END));
    }

    @Test
    void aRunAddedToAnAlreadyCountedDayIsCountedNextTime() {
        fillSample();
        StatsWindow window = new StatsWindow(DAY0, END, RepoSource.PROXMOX_VE, ChronoUnit.DAYS);
        assertFigures(window, run -> inWindow(run, DAY0, END) && run.report().repoSource() == RepoSource.PROXMOX_VE);
        Instant late = DAY0.plus(Duration.ofHours(30));

        add(new Run(bounds("late-arrival", Status.FAILED), late, late)).join();

        assertFigures(window, run -> inWindow(run, DAY0, END) && run.report().repoSource() == RepoSource.PROXMOX_VE);
    }

    // ---- the sample and its expected figures ----

    /** Forty runs over the five days, and one run exactly on each bound. */
    private void fillSample() {
        List<CompletableFuture<?>> writes = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Status status = i % 10 < 6 ? Status.SUCCESS : i % 10 < 9 ? Status.FAILED : (i % 20 == 9
                    ? Status.ABORTED : Status.INSTALLING);
            boolean failed = status == Status.FAILED;
            Integer duration = status != Status.SUCCESS || i % 7 == 0 ? null : i % 11 == 0 ? 0 : 60 + i * 11;
            Report report = new Report("session-" + i, "run-" + i, TYPES[i % TYPES.length], APPS[i % APPS.length],
                    status, 1, 8, 2, 2048, OS[i % OS.length], "12", PVE[i % PVE.length], METHODS[i % METHODS.length],
                    failed ? EXIT_CODES[i % EXIT_CODES.length] : status == Status.SUCCESS ? 0 : null,
                    failed ? ERRORS[i % ERRORS.length] : null, failed ? CATEGORIES[i % CATEGORIES.length] : null,
                    duration, GPUS[i % GPUS.length], null, GPUS[i % GPUS.length] == null ? null : PASSTHROUGHS[i % 3],
                    CPUS[i % CPUS.length], null, null, i % 3 == 0 ? RepoSource.PROXMOX_VED : RepoSource.PROXMOX_VE,
                    null, null, null, null);
            // spread over five days and over the hours and minutes of each day
            Instant created = DAY0.plus(Duration.ofMinutes(i * 173L + 7)).plusMillis(i);
            writes.add(add(new Run(report, created, created.plusSeconds(90))));
        }
        writes.add(add(new Run(bounds("at-start", Status.SUCCESS), DAY0, DAY0)));
        writes.add(add(new Run(bounds("at-end", Status.FAILED), END, END)));
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
    }

    private static Report bounds(String runKey, Status status) {
        return new Report("session-" + runKey, runKey, InstallType.LXC, "bounds", status,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, RepoSource.PROXMOX_VE, null, null, null, null);
    }

    private CompletableFuture<?> add(Run run) {
        runs.add(run);
        return store.apply(run.runKey(), SampleReports.creating(run));
    }

    private void assertFigures(StatsWindow window, Predicate<Run> counted) {
        WindowStats figures = stats.aggregate(window);
        List<Report> in = runs.stream().filter(counted).map(Run::report).toList();
        List<Report> failed = in.stream().filter(report -> report.status() == Status.FAILED).toList();

        assertEquals(count(in, report -> List.of(report.nsapp(), report.type(), report.status())),
                unique(figures.apps(), app -> List.of(app.nsapp(), app.type(), app.status()), AppStatusCount::count),
                "apps");
        assertEquals(count(in, report -> blank(report.osType())), values(figures.osTypes()), "os types");
        assertEquals(count(in, report -> blank(report.method())), values(figures.methods()), "methods");
        assertEquals(count(in, report -> blank(report.pveVersion())), values(figures.pveVersions()), "pve versions");
        assertEquals(count(in.stream().filter(report -> report.gpuVendor() != null).toList(),
                        report -> Arrays.asList(report.gpuVendor(), report.gpuPassthrough())),
                unique(figures.gpus(), gpu -> Arrays.asList(gpu.vendor(), gpu.passthrough()), GpuCount::count), "gpus");
        assertEquals(count(in, report -> wire(report.cpuVendor())), values(figures.cpuVendors()), "cpu vendors");
        assertEquals(count(failed, report -> wire(report.errorCategory())), values(figures.errorCategories()),
                "error categories");
        assertEquals(count(failed.stream().filter(report -> report.exitCode() != null).toList(), Report::exitCode),
                unique(figures.exitCodes(), ExitCodeCount::exitCode, ExitCodeCount::count), "exit codes");
        assertEquals(count(failed.stream().filter(report -> blank(report.error()) != null).toList(),
                        report -> List.of(report.error(), report.nsapp())),
                unique(figures.errors(), error -> List.of(error.text(), error.nsapp()), ErrorTextCount::count),
                "errors");
        assertEquals(expectedSeries(counted, window.bucket()), seriesMap(figures), "series");
        assertSorted(figures);

        List<Report> timed = in.stream()
                .filter(report -> report.status() == Status.SUCCESS && report.installDuration() != null).toList();
        assertEquals(timed.size(), figures.successDurations().runs(), "successful runs with a duration");
        assertEquals(timed.stream().mapToLong(Report::installDuration).sum(),
                figures.successDurations().totalSeconds(), "their total duration");
        assertTrue(in.size() > 3, "the window holds runs: " + in.size());
    }

    /** Value lists most frequent first; the series oldest bucket first. */
    private static void assertSorted(WindowStats figures) {
        for (List<ValueCount> values : List.of(figures.osTypes(), figures.methods(), figures.pveVersions(),
                figures.cpuVendors(), figures.errorCategories())) {
            for (int i = 1; i < values.size(); i++) {
                assertTrue(values.get(i - 1).count() >= values.get(i).count(), values.toString());
            }
        }
        for (int i = 1; i < figures.apps().size(); i++) {
            assertTrue(figures.apps().get(i - 1).count() >= figures.apps().get(i).count(), figures.apps().toString());
        }
        for (int i = 1; i < figures.series().size(); i++) {
            assertTrue(!figures.series().get(i).bucketStart().isBefore(figures.series().get(i - 1).bucketStart()),
                    figures.series().toString());
        }
    }

    private Map<Object, Long> expectedSeries(Predicate<Run> counted, ChronoUnit bucket) {
        return count(runs.stream().filter(counted).toList(),
                run -> List.of(run.created().truncatedTo(bucket), run.report().status()));
    }

    private static Map<Object, Long> seriesMap(WindowStats figures) {
        return unique(figures.series(), bucket -> List.of(bucket.bucketStart(), bucket.status()), BucketCount::count);
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
}
