package org.helperscripts.telemetry.pocketbase;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.helperscripts.telemetry.domain.GpuPassthrough;
import org.helperscripts.telemetry.domain.GpuVendor;
import org.helperscripts.telemetry.domain.InstallType;
import org.helperscripts.telemetry.domain.Report;
import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.domain.Status;
import org.helperscripts.telemetry.domain.WireValue;
import org.helperscripts.telemetry.pocketbase.StatsView.Figure;
import org.helperscripts.telemetry.ports.out.StatsWindow;
import org.helperscripts.telemetry.ports.out.WindowStats;
import org.helperscripts.telemetry.ports.out.WindowStats.AppStatusCount;
import org.helperscripts.telemetry.ports.out.WindowStats.BucketCount;
import org.helperscripts.telemetry.ports.out.WindowStats.DurationSummary;
import org.helperscripts.telemetry.ports.out.WindowStats.ErrorTextCount;
import org.helperscripts.telemetry.ports.out.WindowStats.ExitCodeCount;
import org.helperscripts.telemetry.ports.out.WindowStats.GpuCount;
import org.helperscripts.telemetry.ports.out.WindowStats.ValueCount;

/**
 * The figures of one window, added up from view rows (a group of runs with its count) and from
 * single runs (count 1), then sorted into a {@link WindowStats} as the SQLite store sorts it:
 * most frequent first, ties by value; error texts cut to {@link StatsWindow#MAX_ERROR_TEXTS}.
 * Keys are wire texts, an empty text counting as missing ({@code null}).
 */
final class WindowFigures {

    private static final Comparator<ValueCount> BY_VALUE_COUNT = Comparator.comparingLong(ValueCount::count)
            .reversed().thenComparing(ValueCount::value, Comparator.nullsLast(Comparator.naturalOrder()));

    private final ChronoUnit bucket;
    private final Map<Figure, Map<List<String>, Long>> counts = new EnumMap<>(Figure.class);
    private final Map<List<Object>, Long> series = new HashMap<>();
    private long timedRuns;
    private long timedSeconds;

    WindowFigures(ChronoUnit bucket) {
        this.bucket = bucket;
        for (Figure figure : Figure.values()) {
            counts.put(figure, new HashMap<>());
        }
    }

    /** One row of a view. */
    void add(StatsView view, JsonNode row) {
        long runs = row.path(StatsView.RUNS).asLong();
        List<String> key = new ArrayList<>(view.figure().keys().size());
        for (String column : view.figure().keys()) {
            JsonNode value = row.path(column);
            key.add(value.isNumber() ? Long.toString(value.asLong()) : text(value.asText("")));
        }
        if (view.figure() == Figure.RUNS) {
            Instant start = view.bucketStart(row.path(StatsView.BUCKET).asText()).truncatedTo(bucket);
            series.merge(List.of(start, key.get(0)), runs, Long::sum);
            timedRuns += row.path(StatsView.TIMED).asLong();
            timedSeconds += row.path(StatsView.SECONDS).asLong();
        } else {
            counts.get(view.figure()).merge(key, runs, Long::sum);
        }
    }

    /** One run, read as a record: counted in every figure, the runs figure only if {@code withRuns}. */
    void add(Run run, boolean withRuns) {
        Report report = run.report();
        boolean failed = report.status() == Status.FAILED;
        count(Figure.APPS, report.nsapp(), report.type().wire(), report.status().wire());
        count(Figure.OS_TYPES, report.osType());
        count(Figure.METHODS, report.method());
        count(Figure.PVE_VERSIONS, report.pveVersion());
        if (report.gpuVendor() != null) {
            count(Figure.GPUS, report.gpuVendor().wire(), wire(report.gpuPassthrough()));
        }
        count(Figure.CPU_VENDORS, wire(report.cpuVendor()));
        if (failed) {
            count(Figure.ERROR_CATEGORIES, wire(report.errorCategory()));
            if (report.exitCode() != null) {
                count(Figure.EXIT_CODES, report.exitCode().toString());
            }
            if (report.error() != null && !report.error().isEmpty()) {
                count(Figure.ERRORS, report.error(), report.nsapp());
            }
        }
        if (withRuns) {
            series.merge(List.of(run.created().truncatedTo(bucket), report.status().wire()), 1L, Long::sum);
            if (report.status() == Status.SUCCESS && report.installDuration() != null) {
                timedRuns++;
                timedSeconds += report.installDuration();
            }
        }
    }

    private void count(Figure figure, String... key) {
        List<String> texts = new ArrayList<>(key.length);
        for (String part : key) {
            texts.add(text(part));
        }
        counts.get(figure).merge(texts, 1L, Long::sum);
    }

    /**
     * The figures, sorted.
     *
     * @throws IllegalStateException when a view holds a type or status this build does not know
     */
    WindowStats result() {
        List<AppStatusCount> apps = new ArrayList<>();
        counts.get(Figure.APPS).forEach((key, count) -> apps.add(new AppStatusCount(key.get(0),
                known(InstallType.class, key.get(1)), known(Status.class, key.get(2)), count)));
        apps.sort(Comparator.comparingLong(AppStatusCount::count).reversed().thenComparing(AppStatusCount::nsapp)
                .thenComparing(AppStatusCount::type).thenComparing(AppStatusCount::status));

        List<GpuCount> gpus = new ArrayList<>();
        counts.get(Figure.GPUS).forEach((key, count) -> gpus.add(new GpuCount(
                WireValue.lookup(GpuVendor.class, key.get(0)).orElse(GpuVendor.UNKNOWN),
                key.get(1) == null ? null : WireValue.lookup(GpuPassthrough.class, key.get(1)).orElse(GpuPassthrough.UNKNOWN),
                count)));
        // two stored spellings may name one vendor; the list holds each vendor and passthrough once
        Map<List<Object>, Long> mergedGpus = new HashMap<>();
        gpus.forEach(gpu -> mergedGpus.merge(Arrays.asList(gpu.vendor(), gpu.passthrough()), gpu.count(), Long::sum));
        gpus.clear();
        mergedGpus.forEach((key, count) -> gpus.add(new GpuCount((GpuVendor) key.get(0), (GpuPassthrough) key.get(1), count)));
        gpus.sort(Comparator.comparingLong(GpuCount::count).reversed().thenComparing(GpuCount::vendor)
                .thenComparing(GpuCount::passthrough, Comparator.nullsLast(Comparator.naturalOrder())));

        List<ExitCodeCount> exitCodes = new ArrayList<>();
        counts.get(Figure.EXIT_CODES).forEach((key, count) -> exitCodes.add(new ExitCodeCount(Integer.parseInt(key.get(0)), count)));
        exitCodes.sort(Comparator.comparingLong(ExitCodeCount::count).reversed().thenComparingInt(ExitCodeCount::exitCode));

        List<ErrorTextCount> errors = new ArrayList<>();
        counts.get(Figure.ERRORS).forEach((key, count) -> errors.add(new ErrorTextCount(key.get(0), key.get(1), count)));
        errors.sort(Comparator.comparingLong(ErrorTextCount::count).reversed().thenComparing(ErrorTextCount::text)
                .thenComparing(ErrorTextCount::nsapp));

        List<BucketCount> buckets = new ArrayList<>();
        series.forEach((key, count) -> buckets.add(new BucketCount((Instant) key.get(0),
                known(Status.class, (String) key.get(1)), count)));
        buckets.sort(Comparator.comparing(BucketCount::bucketStart).thenComparing(BucketCount::status));

        return new WindowStats(apps, values(Figure.OS_TYPES), values(Figure.METHODS), values(Figure.PVE_VERSIONS),
                gpus, values(Figure.CPU_VENDORS), values(Figure.ERROR_CATEGORIES), exitCodes,
                errors.subList(0, Math.min(errors.size(), StatsWindow.MAX_ERROR_TEXTS)), buckets,
                new DurationSummary(timedRuns, timedSeconds));
    }

    private List<ValueCount> values(Figure figure) {
        List<ValueCount> values = new ArrayList<>();
        counts.get(figure).forEach((key, count) -> values.add(new ValueCount(key.get(0), count)));
        values.sort(BY_VALUE_COUNT);
        return values;
    }

    private static <E extends Enum<E> & WireValue> E known(Class<E> type, String text) {
        return WireValue.lookup(type, text).orElseThrow(() -> new IllegalStateException(
                "a PocketBase statistics view holds a " + type.getSimpleName() + " this build does not know"));
    }

    private static String text(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static String wire(WireValue value) {
        return value == null ? null : value.wire();
    }
}
