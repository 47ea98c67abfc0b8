package org.helperscripts.telemetry.ports.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;

import org.helperscripts.telemetry.domain.InvalidReportException;
import org.helperscripts.telemetry.domain.ReportParser;
import org.helperscripts.telemetry.domain.Status;
import org.helperscripts.telemetry.ports.in.IngestReceipt;
import org.helperscripts.telemetry.ports.out.SpooledReport;
import org.helperscripts.telemetry.ports.out.StoreUnavailableException;
import org.junit.jupiter.api.Test;

class SpoolingIngestServiceTest {

    private static final Instant NOW = Instant.parse("2026-05-04T08:30:00Z");

    private final ListSpool spool = new ListSpool(2);
    private final SpoolingIngestService service =
            new SpoolingIngestService(ReportParser.standard(), spool, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void theSpoolGetsTheParsedAndAnonymisedReportWithTheInstantItWasReceived() {
        Map<String, Object> fields = report("run-1", "failed");
        fields.put("error", "curl: (7) Failed to connect to 192.168.1.20 port 443");

        service.ingest(fields).join();

        SpooledReport entry = spool.entries().get(0);
        assertEquals(NOW, entry.receivedAt());
        assertEquals(Status.FAILED, entry.report().status());
        assertEquals("run-1", entry.runKey());
        assertTrue(!entry.report().error().contains("192.168.1.20"), entry.report().error());
    }

    @Test
    void theReceiptSaysQueuedAndCountsTheDroppedFields() {
        Map<String, Object> fields = report("run-1", "installing");
        fields.put("hostname", "pve-01");

        IngestReceipt receipt = service.ingest(fields).join();

        assertEquals(IngestReceipt.Effect.QUEUED, receipt.effect());
        assertEquals(1, receipt.droppedFieldCount());
    }

    @Test
    void anInvalidReportIsRefusedAtOnceAndNeverReachesTheSpool() {
        Map<String, Object> fields = report("run-1", "installing");
        fields.put("status", "finished-ish");

        assertThrows(InvalidReportException.class, () -> service.ingest(fields));
        assertTrue(spool.entries().isEmpty());
    }

    @Test
    void aFullSpoolFailsTheFutureAsUnavailable() {
        service.ingest(report("run-1", "installing")).join();
        service.ingest(report("run-2", "installing")).join();

        CompletionException refused =
                assertThrows(CompletionException.class, () -> service.ingest(report("run-3", "installing")).join());

        assertInstanceOf(StoreUnavailableException.class, refused.getCause());
        assertEquals(2, spool.entries().size());
    }

    private static Map<String, Object> report(String runKey, String status) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("random_id", runKey);
        fields.put("type", "vm");
        fields.put("nsapp", "haos-vm");
        fields.put("status", status);
        return fields;
    }
}
