package org.helperscripts.telemetry.ports.out;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.helperscripts.telemetry.domain.InstallType;
import org.helperscripts.telemetry.domain.Merge;
import org.helperscripts.telemetry.domain.RepoSource;
import org.helperscripts.telemetry.domain.Report;
import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.domain.Session;
import org.helperscripts.telemetry.domain.Status;

/**
 * Reports and changes that store tests write, shared by the contract suite and the adapters' own
 * tests (they extend it); run keys double as execution ids.
 */
public class SampleReports {

    /** Stored times keep milliseconds, so sample times have no finer part. */
    public static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123Z");

    protected SampleReports() {
    }

    /** Every field of the contract, sent the way a client sends it. */
    public static Report full(String runKey) {
        return Report.parse(fullFields(runKey));
    }

    /** The raw fields of {@link #full}, for tests that change a few of them. */
    public static Map<String, Object> fullFields(String runKey) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("random_id", "session-" + runKey);
        fields.put("execution_id", runKey);
        fields.put("type", "lxc");
        fields.put("nsapp", "homeassistant");
        fields.put("status", "failed");
        fields.put("ct_type", 1);
        fields.put("disk_size", "32G");
        fields.put("core_count", 4);
        fields.put("ram_size", 4096);
        fields.put("os_type", "debian");
        fields.put("os_version", "12");
        fields.put("pve_version", "8.3.2");
        fields.put("method", "advanced");
        fields.put("exit_code", 100);
        fields.put("error", "E: Unable to locate package python3-venv");
        fields.put("error_category", "apt");
        fields.put("install_duration", 187);
        fields.put("gpu_vendor", "intel");
        fields.put("gpu_model", "UHD Graphics 630");
        fields.put("gpu_passthrough", "igpu");
        fields.put("cpu_vendor", "amd");
        fields.put("cpu_model", "Ryzen 7 5800X");
        fields.put("ram_speed", "3200");
        fields.put("repo_source", "ProxmoxVED");
        fields.put("repo_slug", "community-scripts/ProxmoxVED");
        fields.put("arch", "amd64");
        fields.put("platform", "proxmox");
        fields.put("has_arm", true);
        return fields;
    }

    /** Only what every report must have. */
    public static Report required(String runKey, Status status) {
        return new Report("session-" + runKey, runKey, InstallType.LXC, "debian", status,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, RepoSource.PROXMOX_VE, null, null, null, null);
    }

    /** A report carrying sizes, the fields concurrent reports of one run fill in. */
    public static Report sized(String runKey, Status status, Integer diskSize, Integer coreCount, Integer ramSize) {
        return new Report("session-" + runKey, runKey, InstallType.LXC, "debian", status,
                null, diskSize, coreCount, ramSize, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, RepoSource.PROXMOX_VE, null, null, null, null);
    }

    /** A report with what record pages filter and sort by. */
    public static Report listed(String runKey, String nsapp, Status status, String osType, InstallType type,
                         RepoSource repo, Integer installDuration) {
        return new Report("session-" + runKey, runKey, type, nsapp, status,
                null, null, null, null, osType, null, null, null, null, null, null, installDuration, null, null,
                null, null, null, null, repo, null, null, null, null);
    }

    /** A change that creates {@code run}, whatever is stored. */
    public static Function<Optional<Run>, Merge> creating(Run run) {
        return stored -> new Merge(Merge.Kind.CREATED, run);
    }

    /** A change that creates the record of a run that has just started installing. */
    public static Function<Optional<Run>, Merge> creating(String runKey) {
        return creating(new Run(required(runKey, Status.INSTALLING), T0, T0));
    }

    /** The change the ingest service makes: the session rule. */
    public static Function<Optional<Run>, Merge> session(Report report, Instant now) {
        return stored -> Session.merge(stored, report, now);
    }
}
