package org.helperscripts.telemetry.ports.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import org.helperscripts.telemetry.domain.InvalidReportException;
import org.helperscripts.telemetry.domain.ReportParser;
import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.domain.Status;
import org.helperscripts.telemetry.ports.in.IngestReceipt;
import org.helperscripts.telemetry.ports.out.StoreUnavailableException;
import org.junit.jupiter.api.Test;

class IngestReportServiceTest {

    private static final Instant NOW = Instant.parse("2026-05-04T08:30:00Z");

    private final MapStore store = new MapStore();
    private final IngestReportService service =
            new IngestReportService(ReportParser.standard(), store, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aFirstReportCreatesItsRunAtTheClocksTime() {
        IngestReceipt receipt = service.ingest(report("run-1", "installing")).join();

        assertEquals(IngestReceipt.Effect.CREATED, receipt.effect());
        Run run = store.runs.get("run-1");
        assertEquals(NOW, run.created());
        assertEquals(NOW, run.updated());
        assertEquals(List.of("run-1"), store.appliedKeys);
    }

    @Test
    void aLaterReportMergesIntoTheStoredRunBySessionRule() {
        service.ingest(report("run-1", "installing")).join();

        IngestReceipt receipt = service.ingest(report("run-1", "failed")).join();

        assertEquals(IngestReceipt.Effect.CHANGED, receipt.effect());
        assertEquals(Status.FAILED, store.runs.get("run-1").report().status());
    }

    @Test
    void theReceiptCountsTheFieldsThatWereDropped() {
        Map<String, Object> fields = report("run-1", "installing");
        fields.put("hostname", "pve-01");
        fields.put("mac", "aa:bb:cc:dd:ee:ff");

        assertEquals(2, service.ingest(fields).join().droppedFieldCount());
    }

    @Test
    void anInvalidReportIsRefusedAtOnceAndNeverReachesTheStore() {
        Map<String, Object> fields = report("run-1", "installing");
        fields.remove("nsapp");

        InvalidReportException invalid = assertThrows(InvalidReportException.class, () -> service.ingest(fields));

        assertEquals("nsapp", invalid.violations().get(0).field());
        assertTrue(store.appliedKeys.isEmpty());
    }

    @Test
    void aStoreThatCannotTakeTheReportFailsTheFuture() {
        store.down = true;

        CompletionException failure =
                assertThrows(CompletionException.class, () -> service.ingest(report("run-1", "success")).join());

        assertSame(StoreUnavailableException.class, failure.getCause().getClass());
    }

    private static Map<String, Object> report(String runKey, String status) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("random_id", runKey);
        fields.put("type", "lxc");
        fields.put("nsapp", "jellyfin");
        fields.put("status", status);
        return fields;
    }
}
