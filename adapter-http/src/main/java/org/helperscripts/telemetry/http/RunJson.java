package org.helperscripts.telemetry.http;

import java.util.LinkedHashMap;
import java.util.Map;

import org.helperscripts.telemetry.domain.Report;
import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.domain.WireValue;

/** A stored run as the API shows it: the wire field names, then created and updated in ISO-8601 UTC. */
final class RunJson {

    private RunJson() {
    }

    static Map<String, Object> of(Run run) {
        Report r = run.report();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("random_id", r.randomId());
        json.put("execution_id", r.executionId());
        json.put("type", wire(r.type()));
        json.put("nsapp", r.nsapp());
        json.put("status", wire(r.status()));
        json.put("ct_type", r.ctType());
        json.put("disk_size", r.diskSize());
        json.put("core_count", r.coreCount());
        json.put("ram_size", r.ramSize());
        json.put("os_type", r.osType());
        json.put("os_version", r.osVersion());
        json.put("pve_version", r.pveVersion());
        json.put("method", r.method());
        json.put("exit_code", r.exitCode());
        json.put("error", r.error());
        json.put("error_category", wire(r.errorCategory()));
        json.put("install_duration", r.installDuration());
        json.put("gpu_vendor", wire(r.gpuVendor()));
        json.put("gpu_model", r.gpuModel());
        json.put("gpu_passthrough", wire(r.gpuPassthrough()));
        json.put("cpu_vendor", wire(r.cpuVendor()));
        json.put("cpu_model", r.cpuModel());
        json.put("ram_speed", r.ramSpeed());
        json.put("repo_source", wire(r.repoSource()));
        json.put("repo_slug", r.repoSlug());
        json.put("arch", r.arch());
        json.put("platform", r.platform());
        json.put("has_arm", r.hasArm());
        json.put("created", run.created().toString());
        json.put("updated", run.updated().toString());
        return json;
    }

    private static String wire(WireValue value) {
        return value == null ? null : value.wire();
    }
}
