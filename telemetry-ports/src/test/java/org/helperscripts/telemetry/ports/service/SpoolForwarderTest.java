package org.helperscripts.telemetry.ports.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.helperscripts.telemetry.domain.Report;
import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.domain.Status;
import org.helperscripts.telemetry.ports.out.Eventually;
import org.helperscripts.telemetry.ports.out.SampleReports;
import org.helperscripts.telemetry.ports.out.SpooledReport;
import java.util.Optional;
import org.helperscripts.telemetry.domain.Merge;
import org.helperscripts.telemetry.domain.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class SpoolForwarderTest {

    private static final Instant RECEIVED = Instant.parse("2026-05-04T08:30:00Z");
    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final ForwarderSettings QUICK = new ForwarderSettings(50, 4, Duration.ofMillis(5),
            Duration.ofMillis(40), Duration.ofMillis(5), Duration.ofSeconds(5), Duration.ofSeconds(1));

    private final ListSpool spool = new ListSpool(10_000);
    private final MapStore store = new MapStore();
    /** Far from the received instants, so a record made with the forwarding time would show. */
    private final SpoolForwarder forwarder = new SpoolForwarder(spool, store, QUICK,
            Clock.fixed(RECEIVED.plusSeconds(86_400), ZoneOffset.UTC));

    @AfterEach
    void stop() {
        forwarder.close();
    }

    @Test
    void deliversEveryReportOfARunInOrderWithTheInstantItWasReceived() {
        for (int run = 0; run < 20; run++) {
            append(SampleReports.required("run-" + run, Status.INSTALLING), RECEIVED.plusSeconds(run));
        }
        for (int run = 0; run < 20; run++) {
            append(SampleReports.required("run-" + run, Status.SUCCESS), RECEIVED.plusSeconds(100 + run));
        }

        forwarder.start();
        Eventually.until("the spool is drained", WITHIN, () -> spool.entries().isEmpty());

        for (int run = 0; run < 20; run++) {
            Run stored = store.find("run-" + run).orElseThrow();
            assertEquals(Status.SUCCESS, stored.report().status());
            assertEquals(RECEIVED.plusSeconds(run), stored.created());
            assertEquals(RECEIVED.plusSeconds(100 + run), stored.updated());
        }
        assertEquals(40, forwarder.delivered());
    }

    @Test
    void nothingIsDroppedWhileTheStoreIsUnavailableAndAllArrivesWhenItIsBack() {
        store.down = true;
        append(SampleReports.required("run-1", Status.INSTALLING), RECEIVED);
        append(SampleReports.required("run-1", Status.FAILED), RECEIVED.plusSeconds(30));
        forwarder.start();

        Eventually.until("several attempts failed", WITHIN, () -> store.unavailableAnswers() >= 3);
        assertEquals(2, spool.entries().size());
        store.down = false;

        Eventually.until("the spool is drained", WITHIN, () -> spool.entries().isEmpty());
        assertEquals(Status.FAILED, store.find("run-1").orElseThrow().report().status());
        assertEquals(List.of("run-1"), store.appliedKeys(), "both reports of the run in one write");
    }

    @Test
    void aReportTheStoreRefusesForGoodIsSetAsideAndTheOthersGoOn() {
        store.refusedKeys.add("poison");
        append(SampleReports.required("poison", Status.INSTALLING), RECEIVED);
        append(SampleReports.required("run-1", Status.SUCCESS), RECEIVED);

        forwarder.start();
        Eventually.until("the spool is drained", WITHIN, () -> spool.entries().isEmpty());

        assertTrue(store.find("run-1").isPresent());
        SpooledReport poison = spool.setAsideEntries().keySet().iterator().next();
        assertEquals("poison", poison.runKey());
        assertEquals("IllegalStateException: the stored record cannot be read", spool.setAsideEntries().get(poison));
        assertEquals(1, forwarder.setAside());
    }

    @Test
    void whenTheFoldedWriteOfARunIsRefusedItsReportsGoOneByOneAndOnlyTheRefusedOneIsSetAside() {
        store.refusedStatuses.add(Status.FAILED);
        append(SampleReports.required("run-1", Status.INSTALLING), RECEIVED);
        append(SampleReports.required("run-1", Status.FAILED), RECEIVED.plusSeconds(30));

        forwarder.start();
        Eventually.until("the spool is drained", WITHIN, () -> spool.entries().isEmpty());

        assertEquals(Status.INSTALLING, store.find("run-1").orElseThrow().report().status());
        assertEquals(1, forwarder.setAside());
        assertEquals(1, forwarder.delivered());
        assertEquals(Status.FAILED, spool.setAsideEntries().keySet().iterator().next().report().status());
    }

    @Test
    void foldingTheReportsOfARunGivesWhatMergingThemOneByOneGives() {
        Report installing = SampleReports.required("run-1", Status.INSTALLING);
        Report success = SampleReports.required("run-1", Status.SUCCESS);
        SpooledReport first = new SpooledReport(1, installing, RECEIVED);
        SpooledReport second = new SpooledReport(2, success, RECEIVED.plusSeconds(60));
        Run created = Session.merge(Optional.empty(), installing, RECEIVED).run();
        Run finished = Session.merge(Optional.of(created), success, RECEIVED.plusSeconds(60)).run();

        assertEquals(new Merge(Merge.Kind.CREATED, finished),
                SpoolForwarder.folded(Optional.empty(), List.of(first, second)));
        assertEquals(new Merge(Merge.Kind.CHANGED, finished),
                SpoolForwarder.folded(Optional.of(created), List.of(first, second)));
        assertEquals(new Merge(Merge.Kind.UNCHANGED, finished),
                SpoolForwarder.folded(Optional.of(finished), List.of(first, second)));
    }

    @Test
    void closeLeavesWhatWasNotDeliveredInTheSpool() {
        store.down = true;
        append(SampleReports.required("run-1", Status.INSTALLING), RECEIVED);
        forwarder.start();
        Eventually.until("an attempt failed", WITHIN, () -> store.unavailableAnswers() >= 1);

        forwarder.close();
        store.down = false;

        assertEquals(1, spool.entries().size());
        assertTrue(store.find("run-1").isEmpty());
    }

    private void append(Report report, Instant receivedAt) {
        spool.append(report, receivedAt).join();
    }
}
