package org.helperscripts.telemetry.pocketbase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.helperscripts.telemetry.domain.Merge;
import org.helperscripts.telemetry.domain.Status;
import org.helperscripts.telemetry.ports.out.StoreHealth;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthTest {

    private final PocketBaseFixture pocketBase = PocketBaseFixture.start();

    @AfterEach
    void stop() {
        pocketBase.close();
    }

    @Test
    void anOpenStoreOnAReachableServerIsUp() {
        StoreHealth health = pocketBase.open().health();

        assertEquals(StoreHealth.up("pocketbase", 0), health);
    }

    @Test
    void aServerThatIsDownMakesTheStoreDownWithAShortProblem() {
        PocketBaseReportStore store = pocketBase.open();
        pocketBase.server.goDown();

        StoreHealth health = store.health();

        assertFalse(health.available());
        assertEquals("PocketBase not reachable", health.problem());
        pocketBase.server.comeBackUp();
        assertTrue(store.health().available());
    }

    @Test
    void writesWaitingForPocketBaseCountAsPending() {
        PocketBaseReportStore store = pocketBase.open();
        pocketBase.server.faults().latency(Duration.ofMillis(300));

        CompletableFuture<Merge> write = store.apply("run-1",
                SampleReports.session(SampleReports.required("run-1", Status.INSTALLING), SampleReports.T0));
        long pending = store.health().pendingWrites();
        write.join();

        assertEquals(1, pending);
        assertEquals(0, store.health().pendingWrites());
    }

    @Test
    void aClosedStoreIsDown() {
        PocketBaseReportStore store = pocketBase.open();
        store.close();

        assertEquals(StoreHealth.down("pocketbase", 0, "store closed"), store.health());
    }
}
