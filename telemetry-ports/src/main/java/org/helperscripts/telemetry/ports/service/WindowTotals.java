package org.helperscripts.telemetry.ports.service;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.helperscripts.telemetry.domain.AppOutcomes;
import org.helperscripts.telemetry.domain.FailureCounts;
import org.helperscripts.telemetry.domain.InstallType;
import org.helperscripts.telemetry.domain.Status;
import org.helperscripts.telemetry.ports.out.WindowStats;
import org.helperscripts.telemetry.ports.out.WindowStats.AppStatusCount;
import org.helperscripts.telemetry.ports.out.WindowStats.ValueCount;

/**
 * The run counts of one window, summed the ways the mails need them. Finished means success or
 * failed, as {@link FailureCounts} defines it: aborted runs were stopped by the user, and runs
 * still in progress or of unknown end say nothing about whether the scripts work.
 */
final class WindowTotals {

    private static final Comparator<ValueCount> MOST_FIRST =
            Comparator.comparingLong(ValueCount::count).reversed().thenComparing(ValueCount::value);

    private final List<AppStatusCount> apps;

    private WindowTotals(List<AppStatusCount> apps) {
        this.apps = apps;
    }

    static WindowTotals of(WindowStats stats) {
        return new WindowTotals(stats.apps());
    }

    /** Every run of the window, whatever its status. */
    long runs() {
        return apps.stream().mapToLong(AppStatusCount::count).sum();
    }

    long count(Status status) {
        return apps.stream().filter(app -> app.status() == status).mapToLong(AppStatusCount::count).sum();
    }

    FailureCounts failureCounts() {
        long failed = count(Status.FAILED);
        return new FailureCounts(count(Status.SUCCESS) + failed, failed);
    }

    /** Finished and failed runs per script, over every install type. */
    List<AppOutcomes> appOutcomes() {
        Map<String, long[]> perScript = new TreeMap<>();
        for (AppStatusCount app : apps) {
            if (app.status() == Status.SUCCESS || app.status() == Status.FAILED) {
                long[] finishedAndFailed = perScript.computeIfAbsent(app.nsapp(), name -> new long[2]);
                finishedAndFailed[0] += app.count();
                if (app.status() == Status.FAILED) {
                    finishedAndFailed[1] += app.count();
                }
            }
        }
        return perScript.entrySet().stream()
                .map(entry -> new AppOutcomes(entry.getKey(), entry.getValue()[0], entry.getValue()[1]))
                .toList();
    }

    /** Runs per script, most first (ties by name), at most {@code limit}. */
    List<ValueCount> runsPerScript(int limit) {
        return apps.stream()
                .collect(Collectors.groupingBy(AppStatusCount::nsapp, TreeMap::new,
                        Collectors.summingLong(AppStatusCount::count)))
                .entrySet().stream()
                .map(entry -> new ValueCount(entry.getKey(), entry.getValue()))
                .sorted(MOST_FIRST)
                .limit(limit)
                .toList();
    }

    /** Runs per install type, most first. */
    List<ValueCount> runsPerType() {
        Map<InstallType, Long> perType = new EnumMap<>(InstallType.class);
        apps.forEach(app -> perType.merge(app.type(), app.count(), Long::sum));
        return perType.entrySet().stream()
                .map(entry -> new ValueCount(entry.getKey().wire(), entry.getValue()))
                .sorted(MOST_FIRST)
                .toList();
    }
}
