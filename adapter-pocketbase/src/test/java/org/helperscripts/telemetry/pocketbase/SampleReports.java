package org.helperscripts.telemetry.pocketbase;

import java.util.Map;

import org.helperscripts.telemetry.domain.Report;

/**
 * The shared store samples, plus what only PocketBase needs: a report whose numbers are real
 * zeros, which PocketBase would otherwise read back as "not sent".
 */
final class SampleReports extends org.helperscripts.telemetry.ports.out.SampleReports {

    private SampleReports() {
    }

    /** Every field set, and every number that can be zero is a real zero, has_arm a real false. */
    static Report fullWithZeros(String runKey) {
        Map<String, Object> fields = fullFields(runKey);
        fields.put("status", "success");
        fields.put("ct_type", 0);
        fields.put("disk_size", 0);
        fields.put("core_count", 0);
        fields.put("ram_size", 0);
        fields.put("exit_code", 0);
        fields.put("install_duration", 0);
        fields.put("has_arm", false);
        return Report.parse(fields);
    }
}
