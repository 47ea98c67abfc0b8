package org.helperscripts.telemetry.ports.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

import org.helperscripts.telemetry.domain.InvalidReportException;
import org.helperscripts.telemetry.domain.Merge;
import org.helperscripts.telemetry.domain.ReportParser;
import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.domain.Status;
import org.helperscripts.telemetry.ports.in.IngestReceipt;
import org.helperscripts.telemetry.ports.out.RecordPage;
import org.helperscripts.telemetry.ports.out.RecordQuery;
import org.helperscripts.telemetry.ports.out.ReportStore;
import org.helperscripts.telemetry.ports.out.StoreHealth;
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

        assertEquals(Merge.Kind.CREATED, receipt.effect());
        Run run = store.runs.get("run-1");
        assertEquals(NOW, run.created());
        assertEquals(NOW, run.updated());
        assertEquals(List.of("run-1"), store.appliedKeys);
    }

    @Test
    void aLaterReportMergesIntoTheStoredRunBySessionRule() {
        service.ingest(report("run-1", "installing")).join();

        IngestReceipt receipt = service.ingest(report("run-1", "failed")).join();

        assertEquals(Merge.Kind.CHANGED, receipt.effect());
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

    /** The smallest store that keeps the port's promise: apply is atomic per key. */
    private static final class MapStore implements ReportStore {
        final Map<String, Run> runs = new HashMap<>();
        final List<String> appliedKeys = new ArrayList<>();
        boolean down;

        @Override
        public synchronized CompletableFuture<Merge> apply(String runKey, Function<Optional<Run>, Merge> change) {
            if (down) {
                return CompletableFuture.failedFuture(new StoreUnavailableException("down"));
            }
            appliedKeys.add(runKey);
            Merge merge = change.apply(Optional.ofNullable(runs.get(runKey)));
            runs.put(runKey, merge.run());
            return CompletableFuture.completedFuture(merge);
        }

        @Override
        public synchronized Optional<Run> find(String runKey) {
            return Optional.ofNullable(runs.get(runKey));
        }

        @Override
        public RecordPage page(RecordQuery query) {
            throw new UnsupportedOperationException("not used by ingestion");
        }

        @Override
        public StoreHealth health() {
            return down ? StoreHealth.down("map", 0, "down") : StoreHealth.up("map", 0);
        }
    }
}
