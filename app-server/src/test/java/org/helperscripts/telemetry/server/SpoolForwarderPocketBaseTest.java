package org.helperscripts.telemetry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.helperscripts.telemetry.domain.Report;
import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.domain.Status;
import org.helperscripts.telemetry.pocketbase.PocketBaseReportStore;
import org.helperscripts.telemetry.pocketbase.PocketBaseSettings;
import org.helperscripts.telemetry.pocketbase.testserver.Endpoint;
import org.helperscripts.telemetry.pocketbase.testserver.PocketBaseTestServer;
import org.helperscripts.telemetry.ports.out.Eventually;
import org.helperscripts.telemetry.ports.out.SampleReports;
import org.helperscripts.telemetry.ports.out.SpooledReport;
import org.helperscripts.telemetry.ports.service.ForwarderSettings;
import org.helperscripts.telemetry.ports.service.SpoolForwarder;
import org.helperscripts.telemetry.sqlite.SqliteReportSpool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The forwarder between the real spool file and the PocketBase store, against the PocketBase test server. */
@Timeout(120)
class SpoolForwarderPocketBaseTest {

    private static final Instant RECEIVED = SampleReports.T0;
    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final ForwarderSettings QUICK = new ForwarderSettings(200, 8, Duration.ofMillis(10),
            Duration.ofMillis(200), Duration.ofMillis(10), Duration.ofSeconds(10), Duration.ofSeconds(1));
    /** A day after the reports were received: a record stamped with the forwarding time would show it. */
    private static final Clock LATER = Clock.fixed(RECEIVED.plus(Duration.ofDays(1)), ZoneOffset.UTC);

    @TempDir
    Path dataDir;

    private final PocketBaseTestServer pocketBase = PocketBaseTestServer.start();
    private final PocketBaseRecords records = new PocketBaseRecords(pocketBase);
    private final PocketBaseReportStore store = PocketBaseReportStore.open(new PocketBaseSettings(
            URI.create(pocketBase.baseUrl()), PocketBaseTestServer.SUPERUSERS, pocketBase.superuser().email(),
            pocketBase.superuser().password(), PocketBaseRecords.COLLECTION, Duration.ofSeconds(2), 2,
            Duration.ofMillis(10), 8));
    private SqliteReportSpool spool;
    private SpoolForwarder forwarder;

    @AfterEach
    void stop() {
        if (forwarder != null) {
            forwarder.close();
        }
        if (spool != null) {
            spool.close();
        }
        store.close();
        pocketBase.close();
    }

    @Test
    void everyRunArrivesWithItsFinalStatusAndTheInstantsItsReportsWereReceived() {
        openSpool();
        for (int run = 0; run < 60; run++) {
            append(SampleReports.full("run-" + run).withOutcome(Status.INSTALLING, null, null, null, null),
                    RECEIVED.plusSeconds(run));
        }
        for (int run = 0; run < 60; run++) {
            append(SampleReports.required("run-" + run, Status.SUCCESS), RECEIVED.plusSeconds(600 + run));
        }

        startForwarder();
        awaitDrained();

        Map<String, JsonNode> stored = records.byRunKey();
        assertEquals(60, stored.size());
        for (int run = 0; run < 60; run++) {
            Run record = store.find("run-" + run).orElseThrow();
            assertEquals(Status.SUCCESS, record.report().status(), "the success came after the installing ping");
            assertEquals(4096, record.report().ramSize(), "the installing ping's fields are kept");
            assertEquals(RECEIVED.plusSeconds(run), record.created());
            assertEquals(RECEIVED.plusSeconds(600 + run), record.updated());
        }
    }

    @Test
    void whilePocketBaseFailsTheForwarderBacksOffAndDeliversEverythingAfterwards() {
        openSpool();
        pocketBase.faults().failNext(12, 503);
        append(SampleReports.required("run-1", Status.INSTALLING), RECEIVED);
        append(SampleReports.required("run-1", Status.FAILED), RECEIVED.plusSeconds(5));

        startForwarder();
        awaitDrained();

        assertEquals(0, pocketBase.faults().pendingFailures(), "every planned failure was met");
        assertEquals(Status.FAILED, store.find("run-1").orElseThrow().report().status());
        assertEquals(1, records.ofRun("run-1").size());
        assertEquals(1, pocketBase.requests().count(Endpoint.CREATE_RECORD, PocketBaseRecords.COLLECTION));
    }

    @Test
    void whatWasNotDeliveredBeforeAStopIsDeliveredAfterTheNextStart() {
        openSpool();
        pocketBase.goDown();
        append(SampleReports.required("run-1", Status.INSTALLING), RECEIVED);
        startForwarder();
        Eventually.until("a delivery was tried", WITHIN, () -> !pocketBase.isUp() && spool.health().depth() == 1);
        forwarder.close();
        spool.close();
        pocketBase.comeBackUp();

        openSpool();
        assertEquals(1, spool.health().depth(), "the report survived the stop");
        startForwarder();
        awaitDrained();

        assertEquals(Status.INSTALLING, store.find("run-1").orElseThrow().report().status());
    }

    /**
     * A crash after PocketBase confirmed a delivery but before the spool forgot it: after the
     * restart the same reports are delivered again, and still one record per run says what they
     * said, with the times they were received.
     */
    @Test
    void aCrashBetweenDeliveryAndRemovalDeliversAgainWithoutHarm() {
        openSpool();
        append(SampleReports.full("run-1").withOutcome(Status.INSTALLING, null, null, null, null), RECEIVED);
        append(SampleReports.required("run-1", Status.SUCCESS), RECEIVED.plusSeconds(60));
        append(SampleReports.required("run-2", Status.FAILED), RECEIVED.plusSeconds(61));
        SqliteReportSpool durable = spool;
        SpoolWithoutRemoval crashing = new SpoolWithoutRemoval(durable);
        forwarder = new SpoolForwarder(crashing, store, QUICK, LATER).start();
        Eventually.until("both runs reached PocketBase", WITHIN, () -> records.byRunKey().size() == 2
                && "success".equals(records.byRunKey().get("run-1").path("status").asText()));
        forwarder.close();
        Map<String, JsonNode> beforeCrash = records.byRunKey();
        durable.close();
        assertTrue(crashing.removalsRefused() > 0, "the removal failed as a crash would have stopped it");

        openSpool();
        assertEquals(3, spool.health().depth(), "nothing was removed before the crash");
        startForwarder();
        awaitDrained();

        assertEquals(beforeCrash, records.byRunKey(), "delivering again changed nothing in PocketBase");
        Run run1 = store.find("run-1").orElseThrow();
        assertEquals(Status.SUCCESS, run1.report().status());
        assertEquals(RECEIVED, run1.created());
        assertEquals(RECEIVED.plusSeconds(60), run1.updated());
    }

    @Test
    void aReportPocketBaseRefusesForGoodIsSetAsideAndTheOthersGoOn() throws Exception {
        openSpool();
        append(SampleReports.required("poison", Status.INSTALLING), RECEIVED);
        startForwarder();
        awaitDrained();
        // someone broke the stored record: the store cannot read it, whatever is tried again
        records.setField(records.ofRun("poison").get(0).path("id").asText(), "status", "exploded");

        append(SampleReports.required("poison", Status.SUCCESS), RECEIVED.plusSeconds(1));
        append(SampleReports.required("run-1", Status.SUCCESS), RECEIVED.plusSeconds(2));
        awaitDrained();

        assertEquals(Status.SUCCESS, store.find("run-1").orElseThrow().report().status());
        assertEquals(1, forwarder.setAside());
        assertEquals(1, spool.health().setAside());
        try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:"
                + dataDir.resolve(SqliteReportSpool.FILE_NAME));
             var statement = connection.createStatement();
             var row = statement.executeQuery("SELECT run_key, status, reason FROM dead_letters")) {
            assertTrue(row.next());
            assertEquals("poison", row.getString(1));
            assertEquals("success", row.getString(2));
            assertTrue(row.getString(3).startsWith("IllegalStateException"), row.getString(3));
        }
    }

    private void openSpool() {
        spool = SqliteReportSpool.open(dataDir, 10_000, LATER);
    }

    private void startForwarder() {
        forwarder = new SpoolForwarder(spool, store, QUICK, LATER).start();
    }

    private void append(Report report, Instant receivedAt) {
        spool.append(report, receivedAt).join();
    }

    private void awaitDrained() {
        Eventually.until("the spool is drained", WITHIN, () -> spool.oldest(1).isEmpty());
    }

    /** The real spool, except that removing fails, as when the process dies right before it. */
    private static final class SpoolWithoutRemoval implements org.helperscripts.telemetry.ports.out.ReportSpool {
        private final SqliteReportSpool spool;
        private volatile int removalsRefused;

        SpoolWithoutRemoval(SqliteReportSpool spool) {
            this.spool = spool;
        }

        int removalsRefused() {
            return removalsRefused;
        }

        @Override
        public java.util.concurrent.CompletableFuture<SpooledReport> append(Report report, Instant receivedAt) {
            return spool.append(report, receivedAt);
        }

        @Override
        public List<SpooledReport> oldest(int max) {
            return spool.oldest(max);
        }

        @Override
        public void remove(java.util.Collection<SpooledReport> delivered) {
            removalsRefused++;
            throw new org.helperscripts.telemetry.ports.out.StoreUnavailableException("the process died");
        }

        @Override
        public void setAside(SpooledReport entry, String reason) {
            spool.setAside(entry, reason);
        }

        @Override
        public org.helperscripts.telemetry.ports.out.SpoolHealth health() {
            return spool.health();
        }
    }
}
