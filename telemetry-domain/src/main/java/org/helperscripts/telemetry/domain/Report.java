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

    /**
     * The value of one field: a {@code String}, an {@code Integer}, a {@code Boolean}, one of the
     * {@link WireValue} enumerations, or {@code null} when the client did not send it. Lets
     * adapters map every field of the contract in one loop over {@link ReportField}.
     */
    public Object value(ReportField field) {
        return switch (field) {
            case RANDOM_ID -> randomId;
            case EXECUTION_ID -> executionId;
            case TYPE -> type;
            case NSAPP -> nsapp;
            case STATUS -> status;
            case CT_TYPE -> ctType;
            case DISK_SIZE -> diskSize;
            case CORE_COUNT -> coreCount;
            case RAM_SIZE -> ramSize;
            case OS_TYPE -> osType;
            case OS_VERSION -> osVersion;
            case PVE_VERSION -> pveVersion;
            case METHOD -> method;
            case EXIT_CODE -> exitCode;
            case ERROR -> error;
            case ERROR_CATEGORY -> errorCategory;
            case INSTALL_DURATION -> installDuration;
            case GPU_VENDOR -> gpuVendor;
            case GPU_MODEL -> gpuModel;
            case GPU_PASSTHROUGH -> gpuPassthrough;
            case CPU_VENDOR -> cpuVendor;
            case CPU_MODEL -> cpuModel;
            case RAM_SPEED -> ramSpeed;
            case REPO_SOURCE -> repoSource;
            case REPO_SLUG -> repoSlug;
            case ARCH -> arch;
            case PLATFORM -> platform;
            case HAS_ARM -> hasArm;
        };
    }

    /**
     * Whether {@code other} names the same run in the same way: session id, run key, type,
     * script and repository. The session rule keeps these as first stored, so a merged record
     * that differs here is a programming error.
     */
    public boolean namesSameRunAs(Report other) {
        return randomId.equals(other.randomId) && executionId.equals(other.executionId) && type == other.type
                && nsapp.equals(other.nsapp) && repoSource == other.repoSource;
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
