package org.helperscripts.telemetry.ports.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

import org.helperscripts.telemetry.domain.AppFailureRule;
import org.helperscripts.telemetry.domain.ExitCodeCatalogue;
import org.helperscripts.telemetry.domain.GpuPassthrough;
import org.helperscripts.telemetry.domain.GpuVendor;
import org.helperscripts.telemetry.domain.InstallType;
import org.helperscripts.telemetry.domain.Merge;
import org.helperscripts.telemetry.domain.RepoSource;
import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.domain.Status;
import org.helperscripts.telemetry.ports.in.Dashboard;
import org.helperscripts.telemetry.ports.in.Dashboard.AppFailure;
import org.helperscripts.telemetry.ports.in.Dashboard.ErrorGroup;
import org.helperscripts.telemetry.ports.in.Dashboard.ExitCodeStat;
import org.helperscripts.telemetry.ports.in.Dashboard.GpuStat;
import org.helperscripts.telemetry.ports.in.Dashboard.NameCount;
import org.helperscripts.telemetry.ports.in.Dashboard.PeriodStat;
import org.helperscripts.telemetry.ports.in.DashboardRequest;
import org.helperscripts.telemetry.ports.out.AnswerCache;
import org.helperscripts.telemetry.ports.out.CacheHealth;
import org.helperscripts.telemetry.ports.out.CachedAnswer;
import org.helperscripts.telemetry.ports.out.RecordPage;
import org.helperscripts.telemetry.ports.out.RecordQuery;
import org.helperscripts.telemetry.ports.out.ReportStore;
import org.helperscripts.telemetry.ports.out.StatsQuery;
import org.helperscripts.telemetry.ports.out.StatsWindow;
import org.helperscripts.telemetry.ports.out.StoreHealth;
import org.helperscripts.telemetry.ports.out.WindowStats;
import org.helperscripts.telemetry.ports.out.WindowStats.AppStatusCount;
import org.helperscripts.telemetry.ports.out.WindowStats.BucketCount;
import org.helperscripts.telemetry.ports.out.WindowStats.DurationSummary;
import org.helperscripts.telemetry.ports.out.WindowStats.ErrorTextCount;
import org.helperscripts.telemetry.ports.out.WindowStats.ExitCodeCount;
import org.helperscripts.telemetry.ports.out.WindowStats.GpuCount;
import org.helperscripts.telemetry.ports.out.WindowStats.ValueCount;
import org.helperscripts.telemetry.ports.out.SampleReports;
import org.junit.jupiter.api.Test;

/** The dashboard is assembled from the store's aggregates; the store itself is a fake here. */
class ViewDashboardServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:17:42Z");
    private static final Instant TODAY = Instant.parse("2026-11-23T00:00:00Z");

    private final FakeStats stats = new FakeStats();
    private final MapCache cache = new MapCache();
    private final RecentRecords recent = new RecentRecords();
    private final ViewDashboardService service = new ViewDashboardService(stats, recent, cache,
            Clock.fixed(NOW, ZoneOffset.UTC), AppFailureRule.of(10), ExitCodeCatalogue.standard());

    @Test
    void totalsCountEveryOutcomeAndTheSuccessRateIsOverSuccessAndFailed() {
        stats.answer = statsWith(List.of(
                app("plex", InstallType.LXC, Status.SUCCESS, 30),
                app("plex", InstallType.LXC, Status.FAILED, 10),
                app("plex", InstallType.LXC, Status.ABORTED, 5),
                app("haos", InstallType.VM, Status.INSTALLING, 3),
                app("haos", InstallType.VM, Status.CONFIGURING, 2),
                app("haos", InstallType.VM, Status.UNKNOWN, 4)));

        Dashboard.Totals totals = service.view(new DashboardRequest(7, RepoSource.PROXMOX_VE)).value().totals();

        assertEquals(new Dashboard.Totals(54, 30, 10, 5, 5, 4, 75.0), totals);
    }

    @Test
    void toolsAndAddonsHaveTheirOwnListsAndTheAppListCountsEveryStatus() {
        stats.answer = statsWith(List.of(
                app("plex", InstallType.LXC, Status.SUCCESS, 3),
                app("plex", InstallType.LXC, Status.FAILED, 2),
                app("haos", InstallType.VM, Status.SUCCESS, 4),
                app("update-lxcs", InstallType.TOOL, Status.SUCCESS, 9),
                app("netdata", InstallType.ADDON, Status.SUCCESS, 7)));

        Dashboard dashboard = service.view(new DashboardRequest(7, null)).value();

        assertEquals(List.of(new NameCount("plex", 5), new NameCount("haos", 4)), dashboard.topApps());
        assertEquals(List.of(new NameCount("update-lxcs", 9)), dashboard.topTools());
        assertEquals(List.of(new NameCount("netdata", 7)), dashboard.topAddons());
        assertEquals(9, dashboard.totalTools());
        assertEquals(7, dashboard.totalAddons());
        assertEquals(List.of(new NameCount("tool", 9), new NameCount("addon", 7), new NameCount("lxc", 5),
                new NameCount("vm", 4)), dashboard.types());
    }

    @Test
    void failedAppsNeedTheMinimumOfFinishedRunsAndCarryTheirMostCommonType() {
        stats.answer = statsWith(List.of(
                app("rare", InstallType.LXC, Status.FAILED, 9),
                app("plex", InstallType.LXC, Status.SUCCESS, 6),
                app("plex", InstallType.VM, Status.SUCCESS, 1),
                app("plex", InstallType.LXC, Status.FAILED, 4),
                app("plex", InstallType.LXC, Status.ABORTED, 50),
                app("haos", InstallType.VM, Status.SUCCESS, 1),
                app("haos", InstallType.VM, Status.FAILED, 11)));

        List<AppFailure> failed = service.view(new DashboardRequest(30, null)).value().failedApps();

        assertEquals(List.of(new AppFailure("haos", "vm", 12, 11, 91.7), new AppFailure("plex", "lxc", 11, 4, 36.4)),
                failed);
    }

    @Test
    void exitCodesCarryTheCatalogueDescriptionAndTheirShareOfFailures() {
        stats.answer = new WindowStats(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(new ExitCodeCount(100, 3), new ExitCodeCount(137, 1)), List.of(), List.of(),
                new DurationSummary(0, 0));
        ExitCodeCatalogue catalogue = ExitCodeCatalogue.standard();

        List<ExitCodeStat> codes = service.view(new DashboardRequest(7, null)).value().exitCodes();

        assertEquals(List.of(
                new ExitCodeStat(100, 3, catalogue.describe(100).description(),
                        catalogue.describe(100).category().wire(), 75.0),
                new ExitCodeStat(137, 1, catalogue.describe(137).description(),
                        catalogue.describe(137).category().wire(), 25.0)), codes);
    }

    @Test
    void errorTextsAreGroupedIntoPatternsWithTheirScripts() {
        stats.answer = new WindowStats(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(
                        new ErrorTextCount("curl: (7) Failed to connect to [ip] port 443", "plex", 4),
                        new ErrorTextCount("curl: (7) Failed to connect to [ip] port 8443", "haos", 2),
                        new ErrorTextCount("E: Unable to locate package foo", "plex", 1)),
                List.of(), new DurationSummary(0, 0));

        List<ErrorGroup> groups = service.view(new DashboardRequest(7, null)).value().errorPatterns();

        assertEquals(List.of(
                new ErrorGroup("curl: (7) Failed to connect to [ip] port #", 6,
                        "curl: (7) Failed to connect to [ip] port 443", List.of("plex", "haos")),
                new ErrorGroup("E: Unable to locate package <name>", 1, "E: Unable to locate package foo",
                        List.of("plex"))), groups);
    }

    @Test
    void valueListsNameMissingValuesUnknownAndGpusWithoutPassthroughToo() {
        stats.answer = new WindowStats(List.of(),
                List.of(new ValueCount("debian", 5), new ValueCount(null, 2), new ValueCount("", 1)),
                List.of(), List.of(), List.of(new GpuCount(GpuVendor.INTEL, GpuPassthrough.IGPU, 3),
                        new GpuCount(GpuVendor.NVIDIA, null, 1), new GpuCount(GpuVendor.NVIDIA, GpuPassthrough.UNKNOWN, 1)),
                List.of(), List.of(), List.of(), List.of(), List.of(), new DurationSummary(4, 1000));

        Dashboard dashboard = service.view(new DashboardRequest(7, null)).value();

        assertEquals(List.of(new NameCount("debian", 5), new NameCount("unknown", 3)), dashboard.osTypes());
        assertEquals(List.of(new GpuStat("intel", "igpu", 3), new GpuStat("nvidia", "unknown", 2)), dashboard.gpus());
        assertEquals(250.0, dashboard.averageInstallSeconds());
    }

    @Test
    void theDailySeriesHasEveryDayOfTheRangeWithZerosForQuietDays() {
        stats.answer = new WindowStats(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(
                        new BucketCount(TODAY.minus(6, ChronoUnit.DAYS), Status.SUCCESS, 2),
                        new BucketCount(TODAY, Status.FAILED, 1),
                        new BucketCount(TODAY, Status.VALIDATION, 4)),
                new DurationSummary(0, 0));

        Dashboard dashboard = service.view(new DashboardRequest(7, null)).value();

        assertEquals(7, dashboard.daily().size());
        assertEquals(new PeriodStat(TODAY.minus(6, ChronoUnit.DAYS), 2, 0, 0, 0, 0), dashboard.daily().get(0));
        assertEquals(new PeriodStat(TODAY.minus(3, ChronoUnit.DAYS), 0, 0, 0, 0, 0), dashboard.daily().get(3));
        assertEquals(new PeriodStat(TODAY, 0, 1, 0, 4, 0), dashboard.daily().get(6));
        assertEquals(List.of(), dashboard.hourly());
    }

    @Test
    void theOneDayRangeHasTwentyFourHoursAndTheDaysTheyFallOn() {
        Instant thisHour = Instant.parse("2026-11-23T10:00:00Z");
        stats.answer = new WindowStats(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(
                        new BucketCount(thisHour.minus(23, ChronoUnit.HOURS), Status.SUCCESS, 2),
                        new BucketCount(thisHour, Status.SUCCESS, 3)),
                new DurationSummary(0, 0));

        Dashboard dashboard = service.view(new DashboardRequest(1, null)).value();

        assertEquals(24, dashboard.hourly().size());
        assertEquals(new PeriodStat(thisHour, 3, 0, 0, 0, 0), dashboard.hourly().get(23));
        assertEquals(List.of(new PeriodStat(TODAY.minus(1, ChronoUnit.DAYS), 2, 0, 0, 0, 0),
                new PeriodStat(TODAY, 3, 0, 0, 0, 0)), dashboard.daily());
        assertEquals(ChronoUnit.HOURS, stats.asked.get(0).bucket());
    }

    @Test
    void theRecentRecordsAreTheNewestOfTheRepository() {
        stats.answer = WindowStats.empty();
        recent.runs = List.of(new Run(SampleReports.full("run-1"), NOW, NOW));

        Dashboard dashboard = service.view(new DashboardRequest(7, RepoSource.PROXMOX_VED)).value();

        assertEquals(recent.runs, dashboard.recentRecords());
        assertEquals(RepoSource.PROXMOX_VED, recent.asked.repo());
        assertEquals(ViewDashboardService.RECENT_RECORDS, recent.asked.limit());
        assertEquals("ProxmoxVED", dashboard.repo());
    }

    @Test
    void aSecondViewComesFromTheCacheWithoutAskingTheStore() {
        stats.answer = WindowStats.empty();
        DashboardRequest request = new DashboardRequest(30, RepoSource.PROXMOX_VE);

        CachedAnswer<Dashboard> first = service.view(request);
        CachedAnswer<Dashboard> second = service.view(request);

        assertFalse(first.fromCache());
        assertTrue(second.fromCache());
        assertSame(first.value(), second.value());
        assertEquals(1, stats.asked.size());
        assertTrue(cache.answers.containsKey("dashboard:30:ProxmoxVE"));
    }

    private static AppStatusCount app(String nsapp, InstallType type, Status status, long count) {
        return new AppStatusCount(nsapp, type, status, count);
    }

    private static WindowStats statsWith(List<AppStatusCount> apps) {
        return new WindowStats(apps, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), new DurationSummary(0, 0));
    }

    private static final class FakeStats implements StatsQuery {
        WindowStats answer;
        final List<StatsWindow> asked = new ArrayList<>();

        @Override
        public WindowStats aggregate(StatsWindow window) {
            asked.add(window);
            return answer;
        }
    }

    /** A cache without expiry: enough to see that the service goes through it. */
    private static final class MapCache implements AnswerCache {
        final Map<String, Object> answers = new HashMap<>();

        @Override
        public <T> CachedAnswer<T> get(String key, Class<T> type, Supplier<T> compute) {
            if (answers.containsKey(key)) {
                return new CachedAnswer<>(type.cast(answers.get(key)), true, NOW);
            }
            T value = compute.get();
            answers.put(key, value);
            return new CachedAnswer<>(value, false, NOW);
        }

        @Override
        public <T> void refresh(String key, Class<T> type, Supplier<T> compute) {
            answers.put(key, compute.get());
        }

        @Override
        public CacheHealth health() {
            return CacheHealth.up("map");
        }
    }

    private static final class RecentRecords implements ReportStore {
        List<Run> runs = List.of();
        RecordQuery asked;

        @Override
        public RecordPage page(RecordQuery query) {
            asked = query;
            return new RecordPage(runs, runs.size(), query.page(), query.limit());
        }

        @Override
        public CompletableFuture<Merge> apply(String runKey, Function<Optional<Run>, Merge> change) {
            throw new UnsupportedOperationException("a dashboard never writes");
        }

        @Override
        public Optional<Run> find(String runKey) {
            throw new UnsupportedOperationException("a dashboard reads pages");
        }

        @Override
        public StoreHealth health() {
            return StoreHealth.up("fake", 0);
        }
    }
}
