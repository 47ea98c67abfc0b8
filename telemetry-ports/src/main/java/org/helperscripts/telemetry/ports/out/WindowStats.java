package org.helperscripts.telemetry.ports.out;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.helperscripts.telemetry.domain.GpuPassthrough;
import org.helperscripts.telemetry.domain.GpuVendor;
import org.helperscripts.telemetry.domain.InstallType;
import org.helperscripts.telemetry.domain.Status;

/**
 * The figures of one {@link StatsWindow}, each over every record created in it. Lists are
 * unmodifiable; a combination that no record has is absent, never listed with count 0. Value
 * counts list each value once, most frequent first, ties by value; a missing or empty text value
 * is counted under {@code null}.
 *
 * @param apps             runs per script, install type and status: every combination present
 * @param osTypes          runs per os_type
 * @param methods          runs per method
 * @param pveVersions      runs per pve_version
 * @param gpus             runs that reported a GPU vendor, per vendor and passthrough (passthrough
 *                         {@code null} when not reported)
 * @param cpuVendors       runs per cpu_vendor
 * @param errorCategories  failed runs per error_category
 * @param exitCodes        failed runs that reported an exit code, per exit code
 * @param errors           failed runs with an error text, per text and script: at most
 *                         {@link StatsWindow#MAX_ERROR_TEXTS} rows, most frequent first
 * @param series           runs per bucket of creation time and status, oldest bucket first
 * @param successDurations successful runs that reported an install duration, and its sum
 */
public record WindowStats(
        List<AppStatusCount> apps,
        List<ValueCount> osTypes,
        List<ValueCount> methods,
        List<ValueCount> pveVersions,
        List<GpuCount> gpus,
        List<ValueCount> cpuVendors,
        List<ValueCount> errorCategories,
        List<ExitCodeCount> exitCodes,
        List<ErrorTextCount> errors,
        List<BucketCount> series,
        DurationSummary successDurations) {

    public WindowStats {
        apps = List.copyOf(apps);
        osTypes = List.copyOf(osTypes);
        methods = List.copyOf(methods);
        pveVersions = List.copyOf(pveVersions);
        gpus = List.copyOf(gpus);
        cpuVendors = List.copyOf(cpuVendors);
        errorCategories = List.copyOf(errorCategories);
        exitCodes = List.copyOf(exitCodes);
        errors = List.copyOf(errors);
        series = List.copyOf(series);
        Objects.requireNonNull(successDurations, "successDurations");
    }

    /** Every figure of a window without records. */
    public static WindowStats empty() {
        return new WindowStats(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), new DurationSummary(0, 0));
    }

    /** Runs of one script, install type and status. */
    public record AppStatusCount(String nsapp, InstallType type, Status status, long count) {
        public AppStatusCount {
            Objects.requireNonNull(nsapp, "nsapp");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(status, "status");
        }
    }

    /** Runs with one value of a text field; {@code value} null for a missing or empty one. */
    public record ValueCount(String value, long count) {
    }

    /** Runs with one GPU vendor and passthrough; {@code passthrough} null when not reported. */
    public record GpuCount(GpuVendor vendor, GpuPassthrough passthrough, long count) {
        public GpuCount {
            Objects.requireNonNull(vendor, "vendor");
        }
    }

    /** Failed runs with one exit code. */
    public record ExitCodeCount(int exitCode, long count) {
    }

    /** Failed runs of one script with one error text. */
    public record ErrorTextCount(String text, String nsapp, long count) {
        public ErrorTextCount {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(nsapp, "nsapp");
        }
    }

    /** Runs created in the bucket starting at {@code bucketStart} that have {@code status} now. */
    public record BucketCount(Instant bucketStart, Status status, long count) {
        public BucketCount {
            Objects.requireNonNull(bucketStart, "bucketStart");
            Objects.requireNonNull(status, "status");
        }
    }

    /** Successful runs that reported an install duration, and the sum of those durations. */
    public record DurationSummary(long runs, long totalSeconds) {
        /** Mean install duration in seconds; 0 without runs. */
        public double averageSeconds() {
            return runs == 0 ? 0 : (double) totalSeconds / runs;
        }
    }
}
