package org.helperscripts.telemetry.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ReportValueTest {

    private static final Report EVERY_FIELD = Report.parse(Map.ofEntries(
            Map.entry("random_id", "r-1"), Map.entry("execution_id", "e-1"), Map.entry("type", "lxc"),
            Map.entry("nsapp", "jellyfin"), Map.entry("status", "failed"), Map.entry("ct_type", 1),
            Map.entry("disk_size", 8), Map.entry("core_count", 2), Map.entry("ram_size", 2048),
            Map.entry("os_type", "debian"), Map.entry("os_version", "12"), Map.entry("pve_version", "8.2.4"),
            Map.entry("method", "default"), Map.entry("exit_code", 100), Map.entry("error", "E: no package"),
            Map.entry("error_category", "apt"), Map.entry("install_duration", 95), Map.entry("gpu_vendor", "intel"),
            Map.entry("gpu_model", "UHD 630"), Map.entry("gpu_passthrough", "igpu"), Map.entry("cpu_vendor", "amd"),
            Map.entry("cpu_model", "EPYC"), Map.entry("ram_speed", "3200"), Map.entry("repo_source", "ProxmoxVED"),
            Map.entry("repo_slug", "community-scripts/ProxmoxVED"), Map.entry("arch", "amd64"),
            Map.entry("platform", "pve"), Map.entry("has_arm", false)));

    // The switch in Report.value is written by hand; the record's own accessors are the truth.
    @Test
    void everyFieldHasTheValueOfItsRecordComponent() throws Exception {
        for (ReportField field : ReportField.values()) {
            RecordComponent component = componentOf(field);
            Object expected = component.getAccessor().invoke(EVERY_FIELD);

            assertNotNull(expected, field + " is set in the sample");
            assertEquals(expected, EVERY_FIELD.value(field), field.wireName());
        }
    }

    @Test
    void aFieldTheClientDidNotSendIsNull() {
        Report minimal = Report.parse(Map.of("random_id", "r-2", "type", "vm", "nsapp", "haos", "status", "installing"));

        assertNull(minimal.value(ReportField.DISK_SIZE));
        assertEquals(Status.INSTALLING, minimal.value(ReportField.STATUS));
    }

    @Test
    void aReportNamesTheSameRunAsItsMergedSelfButNotAsARenamedOne() {
        Report merged = EVERY_FIELD.withOutcome(Status.SUCCESS, 0, null, null, 120);
        Report otherScript = Report.parse(Map.of("random_id", "r-1", "execution_id", "e-1", "type", "lxc",
                "nsapp", "plex", "status", "failed", "repo_source", "ProxmoxVED"));

        assertTrue(EVERY_FIELD.namesSameRunAs(merged));
        assertFalse(EVERY_FIELD.namesSameRunAs(otherScript));
    }

    private static RecordComponent componentOf(ReportField field) {
        String camel = camelCase(field.wireName());
        for (RecordComponent component : Report.class.getRecordComponents()) {
            if (component.getName().equals(camel)) {
                return component;
            }
        }
        throw new AssertionError("no record component for " + field.wireName());
    }

    private static String camelCase(String wireName) {
        StringBuilder camel = new StringBuilder();
        boolean upper = false;
        for (char c : wireName.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return camel.toString();
    }
}
