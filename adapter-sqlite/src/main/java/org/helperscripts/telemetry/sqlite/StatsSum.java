package org.helperscripts.telemetry.sqlite;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.helperscripts.telemetry.domain.GpuPassthrough;
import org.helperscripts.telemetry.domain.GpuVendor;
import org.helperscripts.telemetry.domain.InstallType;
import org.helperscripts.telemetry.domain.Status;
import org.helperscripts.telemetry.ports.out.WindowStats;
import org.helperscripts.telemetry.ports.out.WindowStats.AppStatusCount;
import org.helperscripts.telemetry.ports.out.WindowStats.BucketCount;
import org.helperscripts.telemetry.ports.out.WindowStats.DurationSummary;
import org.helperscripts.telemetry.ports.out.WindowStats.ErrorTextCount;
import org.helperscripts.telemetry.ports.out.WindowStats.ExitCodeCount;
import org.helperscripts.telemetry.ports.out.WindowStats.GpuCount;
import org.helperscripts.telemetry.ports.out.WindowStats.ValueCount;

/**
 * Adds up the figures of disjoint sets of records (the days of a window, the repositories of
 * "all") into the figures of their union: every list is a count per key, so counts of one key add.
 */
final class StatsSum {

    private final Map<AppKey, Long> apps = new HashMap<>();
    private final Map<String, Long> osTypes = new HashMap<>();
    private final Map<String, Long> methods = new HashMap<>();
    private final Map<String, Long> pveVersions = new HashMap<>();
    private final Map<GpuKey, Long> gpus = new HashMap<>();
    private final Map<String, Long> cpuVendors = new HashMap<>();
    private final Map<String, Long> errorCategories = new HashMap<>();
    private final Map<Integer, Long> exitCodes = new HashMap<>();
    private final Map<ErrorKey, Long> errors = new HashMap<>();
    private final Map<BucketKey, Long> series = new HashMap<>();
    private long durationRuns;
    private long durationSeconds;

    StatsSum add(WindowStats stats) {
        for (AppStatusCount app : stats.apps()) {
            apps.merge(new AppKey(app.nsapp(), app.type(), app.status()), app.count(), Long::sum);
        }
        addValues(osTypes, stats.osTypes());
        addValues(methods, stats.methods());
        addValues(pveVersions, stats.pveVersions());
        for (GpuCount gpu : stats.gpus()) {
            gpus.merge(new GpuKey(gpu.vendor(), gpu.passthrough()), gpu.count(), Long::sum);
        }
        addValues(cpuVendors, stats.cpuVendors());
        addValues(errorCategories, stats.errorCategories());
        for (ExitCodeCount code : stats.exitCodes()) {
            exitCodes.merge(code.exitCode(), code.count(), Long::sum);
        }
        for (ErrorTextCount error : stats.errors()) {
            errors.merge(new ErrorKey(error.text(), error.nsapp()), error.count(), Long::sum);
        }
        for (BucketCount bucket : stats.series()) {
            series.merge(new BucketKey(bucket.bucketStart(), bucket.status()), bucket.count(), Long::sum);
        }
        durationRuns += stats.successDurations().runs();
        durationSeconds += stats.successDurations().totalSeconds();
        return this;
    }

    /** The sum, in the order {@link WindowStats} promises. */
    WindowStats result() {
        List<AppStatusCount> appCounts = new ArrayList<>(apps.size());
        apps.forEach((key, count) -> appCounts.add(new AppStatusCount(key.nsapp(), key.type(), key.status(), count)));
        List<GpuCount> gpuCounts = new ArrayList<>(gpus.size());
        gpus.forEach((key, count) -> gpuCounts.add(new GpuCount(key.vendor(), key.passthrough(), count)));
        List<ExitCodeCount> codeCounts = new ArrayList<>(exitCodes.size());
        exitCodes.forEach((code, count) -> codeCounts.add(new ExitCodeCount(code, count)));
        List<ErrorTextCount> errorCounts = new ArrayList<>(errors.size());
        errors.forEach((key, count) -> errorCounts.add(new ErrorTextCount(key.text(), key.nsapp(), count)));
        List<BucketCount> bucketCounts = new ArrayList<>(series.size());
        series.forEach((key, count) -> bucketCounts.add(new BucketCount(key.start(), key.status(), count)));
        return StatsOrder.ordered(new WindowStats(appCounts, values(osTypes), values(methods), values(pveVersions),
                gpuCounts, values(cpuVendors), values(errorCategories), codeCounts, errorCounts, bucketCounts,
                new DurationSummary(durationRuns, durationSeconds)));
    }

    private static void addValues(Map<String, Long> sum, List<ValueCount> values) {
        for (ValueCount value : values) {
            sum.merge(value.value(), value.count(), Long::sum);
        }
    }

    private static List<ValueCount> values(Map<String, Long> sum) {
        List<ValueCount> values = new ArrayList<>(sum.size());
        sum.forEach((value, count) -> values.add(new ValueCount(value, count)));
        return values;
    }

    private record AppKey(String nsapp, InstallType type, Status status) {
    }

    private record GpuKey(GpuVendor vendor, GpuPassthrough passthrough) {
    }

    private record ErrorKey(String text, String nsapp) {
    }

    private record BucketKey(Instant start, Status status) {
    }
}
