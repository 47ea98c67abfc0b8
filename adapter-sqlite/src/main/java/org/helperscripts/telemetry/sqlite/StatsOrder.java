package org.helperscripts.telemetry.sqlite;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.helperscripts.telemetry.ports.out.StatsWindow;
import org.helperscripts.telemetry.ports.out.WindowStats;
import org.helperscripts.telemetry.ports.out.WindowStats.AppStatusCount;
import org.helperscripts.telemetry.ports.out.WindowStats.BucketCount;
import org.helperscripts.telemetry.ports.out.WindowStats.ErrorTextCount;
import org.helperscripts.telemetry.ports.out.WindowStats.ExitCodeCount;
import org.helperscripts.telemetry.ports.out.WindowStats.GpuCount;
import org.helperscripts.telemetry.ports.out.WindowStats.ValueCount;

/** The order {@link WindowStats} promises its lists in, and its limit on error texts. */
final class StatsOrder {

    private static final Comparator<ValueCount> BY_VALUE_COUNT = Comparator.comparingLong(ValueCount::count)
            .reversed().thenComparing(ValueCount::value, Comparator.nullsLast(Comparator.naturalOrder()));

    private StatsOrder() {
    }

    static WindowStats ordered(WindowStats stats) {
        List<ErrorTextCount> errors = sorted(stats.errors(), Comparator.comparingLong(ErrorTextCount::count).reversed()
                .thenComparing(ErrorTextCount::text).thenComparing(ErrorTextCount::nsapp));
        return new WindowStats(
                sorted(stats.apps(), Comparator.comparingLong(AppStatusCount::count).reversed()
                        .thenComparing(AppStatusCount::nsapp).thenComparing(AppStatusCount::type)
                        .thenComparing(AppStatusCount::status)),
                sorted(stats.osTypes(), BY_VALUE_COUNT),
                sorted(stats.methods(), BY_VALUE_COUNT),
                sorted(stats.pveVersions(), BY_VALUE_COUNT),
                sorted(stats.gpus(), Comparator.comparingLong(GpuCount::count).reversed()
                        .thenComparing(GpuCount::vendor)
                        .thenComparing(GpuCount::passthrough, Comparator.nullsLast(Comparator.naturalOrder()))),
                sorted(stats.cpuVendors(), BY_VALUE_COUNT),
                sorted(stats.errorCategories(), BY_VALUE_COUNT),
                sorted(stats.exitCodes(), Comparator.comparingLong(ExitCodeCount::count).reversed()
                        .thenComparingInt(ExitCodeCount::exitCode)),
                errors.size() > StatsWindow.MAX_ERROR_TEXTS ? errors.subList(0, StatsWindow.MAX_ERROR_TEXTS) : errors,
                sorted(stats.series(), Comparator.comparing(BucketCount::bucketStart).thenComparing(BucketCount::status)),
                stats.successDurations());
    }

    private static <T> List<T> sorted(List<T> items, Comparator<? super T> order) {
        List<T> copy = new ArrayList<>(items);
        copy.sort(order);
        return copy;
    }
}
