package org.helperscripts.telemetry.pocketbase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import org.helperscripts.telemetry.domain.Merge;
import org.helperscripts.telemetry.domain.Status;
import org.helperscripts.telemetry.pocketbase.testserver.AdjustableClock;
import org.helperscripts.telemetry.pocketbase.testserver.Endpoint;
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
        AdjustableClock clock = AdjustableClock.at(Instant.now());
        PocketBaseReportStore store = pocketBase.open(pocketBase.settings(), clock);
        pocketBase.server.goDown();

        StoreHealth health = store.health();

        assertFalse(health.available());
        assertEquals("PocketBase not reachable", health.problem());
        pocketBase.server.comeBackUp();
        clock.advance(HealthProbe.FRESH_FOR);
        assertTrue(store.health().available());
    }

    @Test
    void pollingHealthAsksPocketBaseAtMostOncePerSecond() {
        AdjustableClock clock = AdjustableClock.at(Instant.now());
        PocketBaseReportStore store = pocketBase.open(pocketBase.settings(), clock);
        int before = pocketBase.server.requests().count(Endpoint.HEALTH);

        for (int i = 0; i < 20; i++) {
            assertTrue(store.health().available());
        }
        assertEquals(before + 1, pocketBase.server.requests().count(Endpoint.HEALTH));
        clock.advance(HealthProbe.FRESH_FOR);
        assertTrue(store.health().available());
        assertEquals(before + 2, pocketBase.server.requests().count(Endpoint.HEALTH));

        pocketBase.server.goDown();
        assertTrue(store.health().available(), "the answer of less than a second ago still stands");
        clock.advance(HealthProbe.FRESH_FOR);
        assertFalse(store.health().available());
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
