package org.helperscripts.telemetry.ports.in;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.helperscripts.telemetry.domain.Run;

/**
 * The dashboard of one range and repository: every figure counts every record created in the
 * window, as the store aggregated them.
 *
 * @param days               the range asked for (0 = every record)
 * @param repo               the repository's name, or {@code all}
 * @param from               the window's first instant; {@code null} for every record
 * @param until              the window's end, exclusive
 * @param totals             runs by outcome
 * @param topApps            containers, VMs and other installs per script, most first (tools and
 *                           add-ons have their own lists)
 * @param osTypes            runs per OS
 * @param methods            runs per install method
 * @param pveVersions        runs per Proxmox VE version
 * @param types              runs per install type
 * @param cpuVendors         runs per CPU vendor
 * @param errorCategories    failed runs per error category
 * @param topTools           runs per tool script
 * @param topAddons          runs per add-on script
 * @param totalTools         runs of tool scripts
 * @param totalAddons        runs of add-on scripts
 * @param gpus               runs per GPU vendor and passthrough
 * @param errorPatterns      failed runs per error pattern, with the scripts it occurred in
 * @param failedApps         the scripts that fail most, among those with enough finished runs
 * @param exitCodes          failed runs per exit code, with the catalogue's description
 * @param daily              runs per day by outcome, every day of the window
 * @param hourly             runs per hour by outcome for the one-day range, otherwise empty
 * @param averageInstallSeconds mean install duration of successful runs that reported one
 * @param recentRecords      the newest records of the repository
 */
public record Dashboard(
        int days,
        String repo,
        Instant from,
        Instant until,
        Totals totals,
        List<NameCount> topApps,
        List<NameCount> osTypes,
        List<NameCount> methods,
        List<NameCount> pveVersions,
        List<NameCount> types,
        List<NameCount> cpuVendors,
        List<NameCount> errorCategories,
        List<NameCount> topTools,
        List<NameCount> topAddons,
        long totalTools,
        long totalAddons,
        List<GpuStat> gpus,
        List<ErrorGroup> errorPatterns,
        List<AppFailure> failedApps,
        List<ExitCodeStat> exitCodes,
        List<PeriodStat> daily,
        List<PeriodStat> hourly,
        double averageInstallSeconds,
        List<Run> recentRecords) {

    public Dashboard {
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(totals, "totals");
        topApps = List.copyOf(topApps);
        osTypes = List.copyOf(osTypes);
        methods = List.copyOf(methods);
        pveVersions = List.copyOf(pveVersions);
        types = List.copyOf(types);
        cpuVendors = List.copyOf(cpuVendors);
        errorCategories = List.copyOf(errorCategories);
        topTools = List.copyOf(topTools);
        topAddons = List.copyOf(topAddons);
        gpus = List.copyOf(gpus);
        errorPatterns = List.copyOf(errorPatterns);
        failedApps = List.copyOf(failedApps);
        exitCodes = List.copyOf(exitCodes);
        daily = List.copyOf(daily);
        hourly = List.copyOf(hourly);
        recentRecords = List.copyOf(recentRecords);
    }

    /**
     * Runs by outcome. {@code inProgress} counts installing, configuring and validation.
     * {@code successRatePercent} is success over success + failed (aborted runs were stopped by
     * their user, unknown ones never said), 0 without either.
     */
    public record Totals(long total, long success, long failed, long aborted, long inProgress, long unknown,
                         double successRatePercent) {
    }

    /** Runs with one value; {@code name} is {@code unknown} for runs that did not report one. */
    public record NameCount(String name, long count) {
    }

    /** Runs with one GPU vendor and passthrough ({@code unknown} when not reported). */
    public record GpuStat(String vendor, String passthrough, long count) {
    }

    /** Failed runs whose error texts share one pattern, and the scripts they came from. */
    public record ErrorGroup(String pattern, long count, String example, List<String> apps) {
        public ErrorGroup {
            apps = List.copyOf(apps);
        }
    }

    /**
     * A script's finished runs (success + failed) and failures; its install type is the one most
     * of its runs had.
     */
    public record AppFailure(String app, String type, long finished, long failed, double failureRatePercent) {
    }

    /** Failed runs with one exit code, and their share of all failed runs with an exit code. */
    public record ExitCodeStat(int exitCode, long count, String description, String category, double percent) {
    }

    /** Runs created in the period starting at {@code start}, by their outcome now. */
    public record PeriodStat(Instant start, long success, long failed, long aborted, long inProgress,
                             long unknown) {
    }
}
