package org.helperscripts.telemetry.pocketbase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.domain.Status;
import org.helperscripts.telemetry.pocketbase.testserver.AdjustableClock;
import org.helperscripts.telemetry.pocketbase.testserver.Endpoint;
import org.helperscripts.telemetry.pocketbase.testserver.PocketBaseTestServer;
import org.helperscripts.telemetry.ports.out.StoreUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The PocketBase store's clean-up: the batch API or single requests, older writers' records, outages. */
@Timeout(120)
class RunCleanupTest {

    private static final Instant OLD = Instant.parse("2024-02-01T08:00:00Z");
    private static final Instant CUTOFF = Instant.parse("2025-02-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2025-02-03T00:00:00Z");

    private final AdjustableClock serverClock = AdjustableClock.at(NOW);
    private final PocketBaseFixture pocketBase = new PocketBaseFixture(PocketBaseTestServer.builder().clock(serverClock).start());

    @AfterEach
    void stop() {
        pocketBase.close();
    }

    @Test
    void withBatchesEnabledExpiredRecordsAreDeletedInBatchesOfTheServersSize() {
        pocketBase.server.batch(true, 10);
        PocketBaseReportStore store = pocketBase.open();
        writeOld(store, 25);
        pocketBase.server.requests().clear();

        assertEquals(25, store.deleteCreatedBefore(CUTOFF, 100));

        assertEquals(3, pocketBase.server.requests().count(Endpoint.BATCH));
        assertEquals(0, pocketBase.server.requests().count(Endpoint.DELETE_RECORD));
        assertEquals(0, pocketBase.recordCount());
    }

    @Test
    void withBatchesDisabledEachExpiredRecordIsDeletedOnItsOwn() {
        PocketBaseReportStore store = pocketBase.open();
        writeOld(store, 12);
        pocketBase.server.requests().clear();

        assertEquals(12, store.deleteCreatedBefore(CUTOFF, 5));

        assertEquals(12, pocketBase.server.requests().count(Endpoint.DELETE_RECORD));
        assertEquals(0, pocketBase.server.requests().count(Endpoint.BATCH));
        assertEquals(0, pocketBase.recordCount());
    }

    @Test
    void recordsOfOlderWritersAreCleanedUpByTheirFallbackTimes() {
        createCollectionOfAnOlderWriter();
        PocketBaseReportStore store = pocketBase.open();
        serverClock.set(OLD);
        legacyRecord("created-long-ago", "success", null);
        legacyRecord("stuck-long-ago", "installing", null);
        serverClock.set(NOW);
        legacyRecord("moved-in", "success", "2024-03-01 10:00:00.000Z");
        legacyRecord("created-lately", "configuring", null);

        assertEquals(1, store.closeStuckRuns(CUTOFF, NOW, 100), "by updated, for want of last_change");
        assertEquals(Status.UNKNOWN, store.find("stuck-long-ago").orElseThrow().report().status());
        assertEquals(Status.CONFIGURING, store.find("created-lately").orElseThrow().report().status());

        assertEquals(3, store.deleteCreatedBefore(CUTOFF, 100), "by old_created, else created");
        assertTrue(store.find("moved-in").isEmpty());
        assertTrue(store.find("created-long-ago").isEmpty());
        assertTrue(store.find("stuck-long-ago").isEmpty(), "closing it kept its creation time");
        assertTrue(store.find("created-lately").isPresent());
    }

    @Test
    void anUnreachablePocketBaseFailsTheCleanUpAsUnavailable() {
        PocketBaseReportStore store = pocketBase.open();
        writeOld(store, 3);
        pocketBase.server.goDown();

        assertThrows(StoreUnavailableException.class, () -> store.deleteCreatedBefore(CUTOFF, 10));
        assertThrows(StoreUnavailableException.class, () -> store.closeStuckRuns(CUTOFF, NOW, 10));

        pocketBase.server.comeBackUp();
        assertEquals(3, store.closeStuckRuns(CUTOFF, NOW, 10));
    }

    @Test
    void aClosedStoreRefusesTheCleanUp() {
        PocketBaseReportStore store = pocketBase.open();
        store.close();

        assertThrows(StoreUnavailableException.class, () -> store.deleteCreatedBefore(CUTOFF, 10));
        assertThrows(StoreUnavailableException.class, () -> store.closeStuckRuns(CUTOFF, NOW, 10));
    }

    /** Runs still installing, created an hour apart from {@link #OLD} on. */
    private static void writeOld(PocketBaseReportStore store, int count) {
        List<CompletableFuture<?>> writes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant created = OLD.plus(Duration.ofHours(i));
            Run run = new Run(SampleReports.required("old-" + i, Status.INSTALLING), created, created);
            writes.add(store.apply(run.runKey(), SampleReports.creating(run)));
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
    }

    /** The collection this store would create, but with its own dates optional, as older writers left them. */
    private void createCollectionOfAnOlderWriter() {
        ObjectNode definition = new CollectionBootstrap(null, new ObjectMapper(), PocketBaseFixture.COLLECTION).definition();
        definition.path("fields").forEach(field -> {
            String name = field.path("name").asText();
            if (name.equals(RunRecords.FIRST_SEEN) || name.equals(RunRecords.LAST_CHANGE)) {
                ((ObjectNode) field).remove("required");
            }
        });
        PocketBaseFixture.Answer created = pocketBase.asSuperuser("POST", "/api/collections", definition.toString());
        assertEquals(200, created.status(), created.body().toString());
    }

    /** A record as the previous service wrote it: no first_seen and no last_change. */
    private void legacyRecord(String runKey, String status, String oldCreated) {
        String body = "{\"random_id\":\"session-" + runKey + "\",\"execution_id\":\"" + runKey
                + "\",\"type\":\"lxc\",\"nsapp\":\"debian\",\"status\":\"" + status + "\""
                + (oldCreated == null ? "" : ",\"old_created\":\"" + oldCreated + "\"") + "}";
        PocketBaseFixture.Answer answer = pocketBase.asSuperuser("POST",
                "/api/collections/" + PocketBaseFixture.COLLECTION + "/records", body);
        assertEquals(200, answer.status(), answer.toString());
    }
}
