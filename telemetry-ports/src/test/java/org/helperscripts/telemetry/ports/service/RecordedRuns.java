package org.helperscripts.telemetry.ports.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.helperscripts.telemetry.domain.InstallType;
import org.helperscripts.telemetry.domain.RepoSource;
import org.helperscripts.telemetry.domain.Status;
import org.helperscripts.telemetry.ports.out.StatsQuery;
import org.helperscripts.telemetry.ports.out.StatsWindow;
import org.helperscripts.telemetry.ports.out.StoreUnavailableException;
import org.helperscripts.telemetry.ports.out.WindowStats;
import org.helperscripts.telemetry.ports.out.WindowStats.AppStatusCount;
import org.helperscripts.telemetry.ports.out.WindowStats.DurationSummary;
import org.helperscripts.telemetry.ports.out.WindowStats.ErrorTextCount;
import org.helperscripts.telemetry.ports.out.WindowStats.ExitCodeCount;
import org.helperscripts.telemetry.ports.out.WindowStats.ValueCount;

/**
 * Runs in memory behind the {@link StatsQuery} port: it answers the figures the mails use (runs
 * per script, type and status; os types; exit codes and error texts of failed runs) over exactly
 * the runs created in the window, of the window's repository.
 */
final class RecordedRuns implements StatsQuery {

    record RecordedRun(Instant created, RepoSource repo, String nsapp, InstallType type, Status status,
                       String osType, Integer exitCode, String error) {
    }

    private final List<RecordedRun> runs = new CopyOnWriteArrayList<>();
    private final List<StatsWindow> windowsAsked = new CopyOnWriteArrayList<>();
    private volatile boolean unavailable;

    /** {@code count} runs of one script and status, created at {@code created}, on Debian, from ProxmoxVE. */
    RecordedRuns add(int count, Instant created, String nsapp, Status status) {
        return add(count, new RecordedRun(created, RepoSource.PROXMOX_VE, nsapp, InstallType.LXC, status, "debian",
                status == Status.FAILED ? 1 : null, null));
    }

    RecordedRuns add(int count, RecordedRun run) {
        for (int i = 0; i < count; i++) {
            runs.add(run);
        }
        return this;
    }

    void breakDown() {
        unavailable = true;
    }

    List<StatsWindow> windowsAsked() {
        return List.copyOf(windowsAsked);
    }

    @Override
    public WindowStats aggregate(StatsWindow window) {
        windowsAsked.add(window);
        if (unavailable) {
            throw new StoreUnavailableException("store down for the test");
        }
        List<RecordedRun> inWindow = runs.stream()
                .filter(run -> window.from() == null || !run.created().isBefore(window.from()))
                .filter(run -> run.created().isBefore(window.until()))
                .filter(run -> window.repo() == null || run.repo() == window.repo())
                .toList();
        List<RecordedRun> failed = inWindow.stream().filter(run -> run.status() == Status.FAILED).toList();

        Map<List<Object>, Long> perApp = inWindow.stream().collect(Collectors.groupingBy(
                run -> List.of(run.nsapp(), run.type(), run.status()), Collectors.counting()));
        List<AppStatusCount> apps = perApp.entrySet().stream()
                .map(e -> new AppStatusCount((String) e.getKey().get(0), (InstallType) e.getKey().get(1),
                        (Status) e.getKey().get(2), e.getValue()))
                .sorted(Comparator.comparing(AppStatusCount::nsapp).thenComparing(AppStatusCount::status))
                .toList();
        List<ExitCodeCount> exitCodes = counted(failed.stream().filter(run -> run.exitCode() != null).toList(),
                RecordedRun::exitCode).entrySet().stream()
                .map(e -> new ExitCodeCount(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong(ExitCodeCount::count).reversed()
                        .thenComparingInt(ExitCodeCount::exitCode))
                .toList();
        List<ErrorTextCount> errors = counted(failed.stream().filter(run -> run.error() != null).toList(),
                run -> List.of(run.error(), run.nsapp())).entrySet().stream()
                .map(e -> new ErrorTextCount(e.getKey().get(0), e.getKey().get(1), e.getValue()))
                .sorted(Comparator.comparingLong(ErrorTextCount::count).reversed()
                        .thenComparing(ErrorTextCount::text))
                .toList();
        return new WindowStats(apps, valueCounts(inWindow, RecordedRun::osType), List.of(), List.of(), List.of(),
                List.of(), List.of(), exitCodes, errors, List.of(), new DurationSummary(0, 0));
    }

    private static <K> Map<K, Long> counted(List<RecordedRun> runs, Function<RecordedRun, K> key) {
        return runs.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
    }

    private static List<ValueCount> valueCounts(List<RecordedRun> runs, Function<RecordedRun, String> value) {
        Map<String, Long> counts = new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
        runs.forEach(run -> counts.merge(value.apply(run), 1L, Long::sum));
        List<ValueCount> sorted = new ArrayList<>();
        counts.forEach((key, count) -> sorted.add(new ValueCount(key, count)));
        sorted.sort(Comparator.comparingLong(ValueCount::count).reversed()
                .thenComparing(ValueCount::value, Comparator.nullsLast(Comparator.naturalOrder())));
        return sorted;
    }

}
