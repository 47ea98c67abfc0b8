package org.helperscripts.telemetry.pocketbase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.helperscripts.telemetry.domain.ReportField;
import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.domain.Status;
import org.junit.jupiter.api.Test;

class RunRecordsTest {

    private static final Instant LATER = SampleReports.T0.plusSeconds(90);
    private final ObjectMapper json = new ObjectMapper();
    private final RunRecords records = new RunRecords(json);

    @Test
    void everyFieldWithRealZerosSurvivesTheRecord() {
        Run run = new Run(SampleReports.fullWithZeros("run-1"), SampleReports.T0, LATER);

        ObjectNode record = records.toRecord(run);
        record.put("id", "abcdefghijklmno");

        assertEquals(run, records.fromRecord(record).run());
        assertEquals(0, record.path("ct_type").asInt());
        assertEquals("2025-03-01 10:00:00.123Z", record.path("first_seen").asText());
    }

    @Test
    void unsetNumbersAndFlagsAreWrittenAsZeroesButReadAsNull() {
        Run run = new Run(SampleReports.required("run-2", Status.INSTALLING), SampleReports.T0, SampleReports.T0);

        ObjectNode record = records.toRecord(run);

        assertEquals(0, record.path("exit_code").asInt());
        assertEquals(false, record.path("has_arm").asBoolean());
        assertEquals("", record.path("present_fields").asText());
        assertEquals(run, records.fromRecord(record).run());
    }

    @Test
    void theListOfPresentFieldsNamesOnlyNumbersAndFlagsThatWereSent() {
        Run run = new Run(SampleReports.sized("run-3", Status.INSTALLING, 0, 2, null), SampleReports.T0, SampleReports.T0);

        ObjectNode record = records.toRecord(run);

        assertEquals("disk_size,core_count", record.path("present_fields").asText());
        Run back = records.fromRecord(record).run();
        assertEquals(0, back.report().diskSize());
        assertNull(back.report().ramSize());
    }

    @Test
    void aRecordOfAnOlderWriterReadsZeroAsNotSentAndFallsBackToAutodates() {
        ObjectNode legacy = json.createObjectNode()
                .put("id", "legacy000000001").put("random_id", "s-1").put("execution_id", "s-1")
                .put("type", "vm").put("nsapp", "docker").put("status", "done").put("repo_source", "")
                .put("ct_type", 0).put("exit_code", 0).put("core_count", 2).put("has_arm", false)
                .put("created", "2024-05-01 08:00:00.000Z").put("updated", "2024-05-01 08:05:00.000Z");

        Run run = records.fromRecord(legacy).run();

        assertEquals(Status.SUCCESS, run.report().status());
        assertNull(run.report().ctType());
        assertNull(run.report().exitCode());
        assertNull(run.report().hasArm());
        assertEquals(2, run.report().coreCount());
        assertEquals(Instant.parse("2024-05-01T08:00:00Z"), run.created());
        assertEquals(Instant.parse("2024-05-01T08:05:00Z"), run.updated());
        assertEquals("ProxmoxVE", run.report().repoSource().wire());
    }

    @Test
    void aRecordWithoutAReadableStatusIsRefusedNamingTheFieldNotTheValue() {
        ObjectNode broken = records.toRecord(new Run(SampleReports.required("run-4", Status.FAILED), SampleReports.T0,
                SampleReports.T0));
        broken.put("id", "broken000000001").put("status", "exploded");

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> records.fromRecord(broken));

        assertTrue(refused.getMessage().contains("status"), refused.getMessage());
        assertTrue(!refused.getMessage().contains("exploded"), refused.getMessage());
    }

    @Test
    void everyReportFieldIsWrittenUnderItsWireName() {
        ObjectNode record = records.toRecord(new Run(SampleReports.full("run-5"), SampleReports.T0, SampleReports.T0));

        for (ReportField field : ReportField.values()) {
            assertTrue(record.has(field.wireName()), field.wireName());
        }
        assertEquals(ReportField.values().length + 3, record.size());
    }
}
