package org.helperscripts.telemetry.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;

import org.helperscripts.telemetry.domain.ReportParser;
import org.helperscripts.telemetry.domain.Run;

/** Reports as the bash clients send them, ready to change one field at a time. */
final class TestReports {

    private TestReports() {
    }

    /** What an LXC script sends when it starts: every install field filled. */
    static Map<String, Object> lxcInstalling(String id) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("random_id", id);
        report.put("execution_id", id);
        report.put("type", "lxc");
        report.put("nsapp", "debian");
        report.put("status", "installing");
        report.put("ct_type", 1);
        report.put("disk_size", 8);
        report.put("core_count", 2);
        report.put("ram_size", 2048);
        report.put("os_type", "debian");
        report.put("os_version", "12");
        report.put("pve_version", "8.2.4");
        report.put("method", "default");
        report.put("repo_source", "ProxmoxVE");
        return report;
    }

    /** What the same script sends when it ends: the outcome, not the install fields again. */
    static Map<String, Object> lxcSuccess(String id) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("random_id", id);
        report.put("execution_id", id);
        report.put("type", "lxc");
        report.put("nsapp", "debian");
        report.put("status", "success");
        report.put("exit_code", 0);
        report.put("install_duration", 95);
        return report;
    }

    static Map<String, Object> with(Map<String, Object> report, String field, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(report);
        changed.put(field, value);
        return changed;
    }

    static Map<String, Object> without(Map<String, Object> report, String... fields) {
        Map<String, Object> changed = new LinkedHashMap<>(report);
        for (String field : fields) {
            changed.remove(field);
        }
        return changed;
    }

    /** Text parts as UTF-8 and Integer parts as raw bytes, for bodies no String can hold. */
    static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof Integer b) {
                out.write(b);
            } else {
                out.writeBytes(((String) part).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    static String json(Map<String, ?> report) {
        try {
            return LiveServer.JSON.writeValueAsString(report);
        } catch (JsonProcessingException cannotHappen) {
            throw new IllegalStateException(cannotHappen);
        }
    }

    /** A stored record made by the real parser, as if its reports had arrived at those times. */
    static Run run(Map<String, ?> report, Instant created, Instant updated) {
        return new Run(ReportParser.standard().parse(report).report(), created, updated);
    }
}
