package org.helperscripts.telemetry.ports.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.helperscripts.telemetry.domain.AppFailureRule;
import org.helperscripts.telemetry.domain.AppOutcomes;
import org.helperscripts.telemetry.domain.ErrorPatterns;
import org.helperscripts.telemetry.domain.ErrorPatterns.ErrorCount;
import org.helperscripts.telemetry.domain.ErrorPatterns.ErrorPattern;
import org.helperscripts.telemetry.domain.ExitCode;
import org.helperscripts.telemetry.domain.ExitCodeCatalogue;
import org.helperscripts.telemetry.domain.InstallType;
import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.domain.Status;
import org.helperscripts.telemetry.ports.in.Dashboard;
import org.helperscripts.telemetry.ports.in.Dashboard.AppFailure;
import org.helperscripts.telemetry.ports.in.Dashboard.ErrorGroup;
import org.helperscripts.telemetry.ports.in.Dashboard.ExitCodeStat;
import org.helperscripts.telemetry.ports.in.Dashboard.GpuStat;
import org.helperscripts.telemetry.ports.in.Dashboard.NameCount;
import org.helperscripts.telemetry.ports.in.Dashboard.PeriodStat;
import org.helperscripts.telemetry.ports.in.Dashboard.Totals;
import org.helperscripts.telemetry.ports.in.DashboardRequest;
import org.helperscripts.telemetry.ports.out.StatsWindow;
import org.helperscripts.telemetry.ports.out.WindowStats;
import org.helperscripts.telemetry.ports.out.WindowStats.AppStatusCount;
import org.helperscripts.telemetry.ports.out.WindowStats.BucketCount;
import org.helperscripts.telemetry.ports.out.WindowStats.ValueCount;

/**
 * Turns a store's aggregates into the dashboard with the domain's rules: top lists, failure rates
 * with a minimum of finished runs, error patterns, exit-code descriptions and gap-free series.
 */
final class DashboardAssembly {

    static final int TOP_APPS = 20;
    static final int TOP_TOOLS = 10;
    static final int FAILED_APPS = 15;
    static final int ERROR_PATTERNS = 15;
    static final int EXIT_CODES = 20;
    private static final String UNKNOWN = "unknown";

    private final AppFailureRule failureRule;
    private final ExitCodeCatalogue catalogue;

    DashboardAssembly(AppFailureRule failureRule, ExitCodeCatalogue catalogue) {
        this.failureRule = failureRule;
        this.catalogue = catalogue;
    }

    Dashboard assemble(DashboardRequest request, StatsWindow window, WindowStats stats, List<Run> recent) {
        List<PeriodStat> series = series(window, stats.series());
        boolean hourly = window.bucket() == ChronoUnit.HOURS;
        return new Dashboard(request.days(), request.repoName(), window.from(), window.until(),
                totals(stats.apps()),
                topScripts(stats.apps(), type -> type != InstallType.TOOL && type != InstallType.ADDON, TOP_APPS),
                names(stats.osTypes()), names(stats.methods()), names(stats.pveVersions()),
                types(stats.apps()), names(stats.cpuVendors()), names(stats.errorCategories()),
                topScripts(stats.apps(), type -> type == InstallType.TOOL, TOP_TOOLS),
                topScripts(stats.apps(), type -> type == InstallType.ADDON, TOP_TOOLS),
                runsOfType(stats.apps(), InstallType.TOOL), runsOfType(stats.apps(), InstallType.ADDON),
                gpus(stats.gpus()), errorPatterns(stats.errors()), failedApps(stats.apps()),
                exitCodes(stats.exitCodes()),
                hourly ? byDay(series) : series, hourly ? series : List.of(),
                stats.successDurations().averageSeconds(), recent);
    }

    private static Totals totals(List<AppStatusCount> apps) {
        Map<Status, Long> byStatus = new EnumMap<>(Status.class);
        long total = 0;
        for (AppStatusCount app : apps) {
            byStatus.merge(app.status(), app.count(), Long::sum);
            total += app.count();
        }
        long success = byStatus.getOrDefault(Status.SUCCESS, 0L);
        long failed = byStatus.getOrDefault(Status.FAILED, 0L);
        long inProgress = byStatus.getOrDefault(Status.INSTALLING, 0L) + byStatus.getOrDefault(Status.CONFIGURING, 0L)
                + byStatus.getOrDefault(Status.VALIDATION, 0L);
        return new Totals(total, success, failed, byStatus.getOrDefault(Status.ABORTED, 0L), inProgress,
                byStatus.getOrDefault(Status.UNKNOWN, 0L), percent(success, success + failed));
    }

    private static List<NameCount> topScripts(List<AppStatusCount> apps, java.util.function.Predicate<InstallType> kept,
                                              int limit) {
        Map<String, Long> runs = new HashMap<>();
        for (AppStatusCount app : apps) {
            if (kept.test(app.type())) {
                runs.merge(app.nsapp(), app.count(), Long::sum);
            }
        }
        return mostFirst(runs, limit);
    }

    private static long runsOfType(List<AppStatusCount> apps, InstallType type) {
        return apps.stream().filter(app -> app.type() == type).mapToLong(AppStatusCount::count).sum();
    }

    private static List<NameCount> types(List<AppStatusCount> apps) {
        Map<String, Long> runs = new HashMap<>();
        for (AppStatusCount app : apps) {
            runs.merge(app.type().wire(), app.count(), Long::sum);
        }
        return mostFirst(runs, Integer.MAX_VALUE);
    }

    private static List<NameCount> names(List<ValueCount> values) {
        Map<String, Long> runs = new HashMap<>();
        for (ValueCount value : values) {
            runs.merge(value.value() == null || value.value().isEmpty() ? UNKNOWN : value.value(), value.count(), Long::sum);
        }
        return mostFirst(runs, Integer.MAX_VALUE);
    }

    private static List<GpuStat> gpus(List<WindowStats.GpuCount> gpus) {
        Map<List<String>, Long> runs = new LinkedHashMap<>();
        for (WindowStats.GpuCount gpu : gpus) {
            String passthrough = gpu.passthrough() == null ? UNKNOWN : gpu.passthrough().wire();
            runs.merge(List.of(gpu.vendor().wire(), passthrough), gpu.count(), Long::sum);
        }
        List<GpuStat> stats = new ArrayList<>();
        runs.forEach((key, count) -> stats.add(new GpuStat(key.get(0), key.get(1), count)));
        stats.sort(Comparator.comparingLong(GpuStat::count).reversed()
                .thenComparing(GpuStat::vendor).thenComparing(GpuStat::passthrough));
        return stats;
    }

    private static List<ErrorGroup> errorPatterns(List<WindowStats.ErrorTextCount> errors) {
        List<ErrorCount> counts = new ArrayList<>(errors.size());
        for (WindowStats.ErrorTextCount error : errors) {
            counts.add(new ErrorCount(error.text(), error.nsapp(), error.count()));
        }
        List<ErrorGroup> groups = new ArrayList<>();
        for (ErrorPattern pattern : ErrorPatterns.group(counts, ERROR_PATTERNS)) {
            groups.add(new ErrorGroup(pattern.pattern(), pattern.count(), pattern.example(), pattern.apps()));
        }
        return groups;
    }

    private List<AppFailure> failedApps(List<AppStatusCount> apps) {
        Map<String, long[]> outcomes = new HashMap<>();
        Map<String, Map<InstallType, Long>> typeRuns = new HashMap<>();
        for (AppStatusCount app : apps) {
            typeRuns.computeIfAbsent(app.nsapp(), name -> new EnumMap<>(InstallType.class))
                    .merge(app.type(), app.count(), Long::sum);
            if (app.status() == Status.SUCCESS || app.status() == Status.FAILED) {
                long[] finishedAndFailed = outcomes.computeIfAbsent(app.nsapp(), name -> new long[2]);
                finishedAndFailed[0] += app.count();
                if (app.status() == Status.FAILED) {
                    finishedAndFailed[1] += app.count();
                }
            }
        }
        List<AppOutcomes> candidates = new ArrayList<>(outcomes.size());
        outcomes.forEach((name, counts) -> candidates.add(new AppOutcomes(name, counts[0], counts[1])));
        List<AppFailure> worst = new ArrayList<>();
        for (AppOutcomes app : failureRule.worst(candidates, FAILED_APPS)) {
            InstallType type = typeRuns.get(app.nsapp()).entrySet().stream()
                    .max(Map.Entry.<InstallType, Long>comparingByValue()
                            .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                    .orElseThrow().getKey();
            worst.add(new AppFailure(app.nsapp(), type.wire(), app.installs(), app.failed(),
                    round(app.failureRatePercent())));
        }
        return worst;
    }

    private List<ExitCodeStat> exitCodes(List<WindowStats.ExitCodeCount> exitCodes) {
        long all = exitCodes.stream().mapToLong(WindowStats.ExitCodeCount::count).sum();
        List<ExitCodeStat> stats = new ArrayList<>();
        exitCodes.stream()
                .sorted(Comparator.comparingLong(WindowStats.ExitCodeCount::count).reversed()
                        .thenComparingInt(WindowStats.ExitCodeCount::exitCode))
                .limit(EXIT_CODES)
                .forEach(code -> {
                    ExitCode described = catalogue.describe(code.exitCode());
                    stats.add(new ExitCodeStat(code.exitCode(), code.count(), described.description(),
                            described.category().wire(), percent(code.count(), all)));
                });
        return stats;
    }

    /** Every bucket of the window, in order, with zeros where no run was created. */
    private static List<PeriodStat> series(StatsWindow window, List<BucketCount> buckets) {
        Map<Instant, Map<Status, Long>> byBucket = new TreeMap<>();
        for (BucketCount bucket : buckets) {
            byBucket.computeIfAbsent(bucket.bucketStart(), start -> new EnumMap<>(Status.class))
                    .merge(bucket.status(), bucket.count(), Long::sum);
        }
        Instant first = window.from() != null ? window.from()
                : byBucket.isEmpty() ? window.until() : ((TreeMap<Instant, ?>) byBucket).firstKey();
        List<PeriodStat> series = new ArrayList<>();
        for (Instant start = first.truncatedTo(window.bucket()); start.isBefore(window.until());
                start = start.plus(1, window.bucket())) {
            series.add(period(start, byBucket.getOrDefault(start, Map.of())));
        }
        return series;
    }

    private static PeriodStat period(Instant start, Map<Status, Long> runs) {
        return new PeriodStat(start, runs.getOrDefault(Status.SUCCESS, 0L), runs.getOrDefault(Status.FAILED, 0L),
                runs.getOrDefault(Status.ABORTED, 0L),
                runs.getOrDefault(Status.INSTALLING, 0L) + runs.getOrDefault(Status.CONFIGURING, 0L)
                        + runs.getOrDefault(Status.VALIDATION, 0L),
                runs.getOrDefault(Status.UNKNOWN, 0L));
    }

    private static List<PeriodStat> byDay(List<PeriodStat> hours) {
        Map<Instant, PeriodStat> days = new TreeMap<>();
        for (PeriodStat hour : hours) {
            days.merge(hour.start().truncatedTo(ChronoUnit.DAYS), hour, (a, b) -> new PeriodStat(a.start(),
                    a.success() + b.success(), a.failed() + b.failed(), a.aborted() + b.aborted(),
                    a.inProgress() + b.inProgress(), a.unknown() + b.unknown()));
        }
        List<PeriodStat> series = new ArrayList<>();
        days.forEach((day, stat) -> series.add(new PeriodStat(day, stat.success(), stat.failed(), stat.aborted(),
                stat.inProgress(), stat.unknown())));
        return series;
    }

    private static List<NameCount> mostFirst(Map<String, Long> counts, int limit) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(limit)
                .map(entry -> new NameCount(entry.getKey(), entry.getValue()))
                .toList();
    }

    /** A percentage rounded to one decimal, as the dashboard shows it; 0 of nothing is 0. */
    static double percent(long part, long whole) {
        return whole == 0 ? 0.0 : round(part * 100.0 / whole);
    }

    private static double round(double value) {
        return Math.round(value * 10.0) / 10.0;
    }
}
