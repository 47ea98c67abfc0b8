package org.helperscripts.telemetry.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import org.helperscripts.telemetry.domain.Merge;
import org.helperscripts.telemetry.ports.out.StoreHealth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class HealthTest {

    @TempDir
    Path dataDir;

    @Test
    void anIdleOpenStoreIsUpWithNothingPending() {
        try (SqliteReportStore store = SqliteReportStore.open(dataDir)) {
            assertEquals(StoreHealth.up("sqlite", 0), store.health());
        }
    }

    @Test
    void anOpenStoreIsUpAndCountsTheWritesItHasNotAnsweredYet() throws Exception {
        try (SqliteReportStore store = SqliteReportStore.open(dataDir)) {
            WriterGate gate = new WriterGate("gate");
            CompletableFuture<Merge> held = store.apply("gate", gate);
            gate.awaitWriterHeld();
            CompletableFuture<Merge> first = store.apply("run-1", SampleReports.creating("run-1"));
            CompletableFuture<Merge> second = store.apply("run-2", SampleReports.creating("run-2"));

            StoreHealth health = store.health();

            gate.open();
            assertEquals(StoreHealth.up("sqlite", 3), health);
            Await.result(held);
            Await.result(first);
            Await.result(second);
            Await.until("every write is answered", () -> store.health().pendingWrites() == 0);
        }
    }

    @Test
    void aClosedStoreIsDownSayingSo() {
        SqliteReportStore store = SqliteReportStore.open(dataDir);
        store.close();

        assertEquals(StoreHealth.down("sqlite", 0, "store closed"), store.health());
    }
}
