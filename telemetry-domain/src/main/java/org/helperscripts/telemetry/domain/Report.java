package org.helperscripts.telemetry.domain;

import java.util.Map;
import java.util.Objects;

/**
 * One telemetry report as the service keeps it: normalised, validated and anonymised. A
 * {@code Report} that exists is valid; nothing downstream checks it again. Optional fields are
 * {@code null} when the client did not send them.
 *
 * <p>Build one from the raw field values of a client with {@link #parse(Map)} (default rules) or
 * a configured {@link ReportParser}.
 */
public record Report(
        String randomId,
        String executionId,
        InstallType type,
        String nsapp,
        Status status,
        Integer ctType,
        Integer diskSize,
        Integer coreCount,
        Integer ramSize,
        String osType,
        String osVersion,
        String pveVersion,
        String method,
        Integer exitCode,
        String error,
        ErrorCategory errorCategory,
        Integer installDuration,
        GpuVendor gpuVendor,
        String gpuModel,
        GpuPassthrough gpuPassthrough,
        CpuVendor cpuVendor,
        String cpuModel,
        String ramSpeed,
        RepoSource repoSource,
        String repoSlug,
        String arch,
        String platform,
        Boolean hasArm) {

    public Report {
        Objects.requireNonNull(randomId, "randomId");
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(nsapp, "nsapp");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(repoSource, "repoSource");
    }

    /**
     * Parses raw field values with the default rules ({@link ReportParser#standard()}).
     *
     * @throws InvalidReportException naming every field that breaks a rule
     */
    public static Report parse(Map<String, ?> fields) {
        return ReportParser.standard().parse(fields).report();
    }

    /** The key of the run this report belongs to: one stored record per run key. */
    public String runKey() {
        return executionId;
    }

    /** A copy with another status and outcome (exit code, error, category, duration). */
    public Report withOutcome(Status newStatus, Integer newExitCode, String newError,
                              ErrorCategory newCategory, Integer newDuration) {
        return new Report(randomId, executionId, type, nsapp, newStatus, ctType, diskSize, coreCount,
                ramSize, osType, osVersion, pveVersion, method, newExitCode, newError, newCategory,
                newDuration, gpuVendor, gpuModel, gpuPassthrough, cpuVendor, cpuModel, ramSpeed,
                repoSource, repoSlug, arch, platform, hasArm);
    }
}
