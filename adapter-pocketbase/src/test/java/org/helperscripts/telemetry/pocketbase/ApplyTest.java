package org.helperscripts.telemetry.pocketbase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.helperscripts.telemetry.domain.Merge;
import org.helperscripts.telemetry.domain.Report;
import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.domain.Status;
import org.helperscripts.telemetry.pocketbase.testserver.Endpoint;
import org.helperscripts.telemetry.ports.out.StoreUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApplyTest {

    private final PocketBaseFixture pocketBase = PocketBaseFixture.start();
    private PocketBaseReportStore store;

    @BeforeEach
    void open() {
        store = pocketBase.open();
    }

    @AfterEach
    void stop() {
        pocketBase.close();
    }

    private Merge apply(Report report, Instant now) {
        return store.apply(report.runKey(), SampleReports.session(report, now)).join();
    }

    @Test
    void theFirstReportCreatesTheRecordAndALaterOneChangesIt() {
        Merge first = apply(SampleReports.required("run-1", Status.INSTALLING), SampleReports.T0);
        Merge second = apply(SampleReports.required("run-1", Status.SUCCESS), SampleReports.T0.plusSeconds(60));

        assertEquals(Merge.Kind.CREATED, first.kind());
        assertEquals(Merge.Kind.CHANGED, second.kind());
        Run stored = store.find("run-1").orElseThrow();
        assertEquals(Status.SUCCESS, stored.report().status());
        assertEquals(SampleReports.T0, stored.created());
        assertEquals(SampleReports.T0.plusSeconds(60), stored.updated());
        assertEquals(1, pocketBase.server.requests().count(Endpoint.CREATE_RECORD));
        assertEquals(1, pocketBase.server.requests().count(Endpoint.UPDATE_RECORD));
    }

    @Test
    void anUnchangedMergeWritesNothing() {
        apply(SampleReports.required("run-1", Status.SUCCESS), SampleReports.T0);
        pocketBase.server.requests().clear();

        Merge retry = apply(SampleReports.required("run-1", Status.SUCCESS), SampleReports.T0.plusSeconds(5));

        assertEquals(Merge.Kind.UNCHANGED, retry.kind());
        assertEquals(0, pocketBase.server.requests().count(Endpoint.CREATE_RECORD));
        assertEquals(0, pocketBase.server.requests().count(Endpoint.UPDATE_RECORD));
        assertEquals(SampleReports.T0, store.find("run-1").orElseThrow().updated());
    }

    @Test
    void everyFieldWithRealZerosRoundTripsThroughPocketBase() {
        Run run = new Run(SampleReports.fullWithZeros("run-zero"), SampleReports.T0, SampleReports.T0.plusMillis(1));

        store.apply("run-zero", SampleReports.creating(run)).join();

        Run stored = store.find("run-zero").orElseThrow();
        assertEquals(run, stored);
        assertEquals(0, stored.report().ctType());
        assertEquals(0, stored.report().exitCode());
        assertEquals(Boolean.FALSE, stored.report().hasArm());
    }

    @Test
    void everyFieldWithOrdinaryValuesRoundTripsThroughPocketBase() {
        Run run = new Run(SampleReports.full("run-full"), SampleReports.T0, SampleReports.T0);

        store.apply("run-full", SampleReports.creating(run)).join();

        assertEquals(run, store.find("run-full").orElseThrow());
    }

    @Test
    void aReportWithOnlyRequiredFieldsReadsBackWithEveryOptionalFieldNull() {
        Run run = new Run(SampleReports.required("run-min", Status.INSTALLING), SampleReports.T0, SampleReports.T0);

        store.apply("run-min", SampleReports.creating(run)).join();

        Run stored = store.find("run-min").orElseThrow();
        assertEquals(run, stored);
        assertNull(stored.report().ctType());
        assertNull(stored.report().exitCode());
        assertNull(stored.report().hasArm());
        assertNull(stored.report().osType());
    }

    @Test
    void aRunNeverSeenIsNotFound() {
        assertTrue(store.find("nobody").isEmpty());
    }

    @Test
    void installingThenSuccessLeavesOneSuccessfulRecord() {
        apply(SampleReports.required("run-1", Status.INSTALLING), SampleReports.T0);
        apply(SampleReports.required("run-1", Status.SUCCESS), SampleReports.T0.plusSeconds(30));

        assertEquals(1, pocketBase.recordCount());
        assertEquals(Status.SUCCESS, store.find("run-1").orElseThrow().report().status());
    }

    @Test
    void aFinalReportBeforeItsInstallingPingLeavesOneCorrectRecord() {
        Report failed = SampleReports.full("run-1");
        apply(failed, SampleReports.T0);
        Merge late = apply(SampleReports.required("run-1", Status.INSTALLING), SampleReports.T0.plusSeconds(30));

        assertEquals(Merge.Kind.UNCHANGED, late.kind());
        assertEquals(1, pocketBase.recordCount());
        Run stored = store.find("run-1").orElseThrow();
        assertEquals(Status.FAILED, stored.report().status());
        assertEquals(100, stored.report().exitCode());
        assertEquals(failed, stored.report());
    }

    @Test
    void aRetriedReportLeavesOneRecordUnchanged() {
        Report report = SampleReports.full("run-1");
        apply(report, SampleReports.T0);
        Run before = store.find("run-1").orElseThrow();

        Merge retry1 = apply(report, SampleReports.T0.plusSeconds(1));
        Merge retry2 = apply(report, SampleReports.T0.plusSeconds(2));

        assertEquals(Merge.Kind.UNCHANGED, retry1.kind());
        assertEquals(Merge.Kind.UNCHANGED, retry2.kind());
        assertEquals(1, pocketBase.recordCount());
        assertEquals(before, store.find("run-1").orElseThrow());
    }

    @Test
    void twentyThreadsApplyingOverFiveRunsLeaveFiveRecordsWithTheirFinalStatus() throws Exception {
        int threads = 20;
        int perThread = 50;
        ExecutorService callers = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<CompletableFuture<Merge>>>> submitted = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            submitted.add(callers.submit(() -> {
                start.await();
                List<CompletableFuture<Merge>> writes = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    String key = "run-" + (i % 5);
                    // the last report of each thread is final; others are progress pings with sizes to fill
                    Status status = i >= perThread - 5 ? Status.SUCCESS : Status.INSTALLING;
                    Report report = SampleReports.sized(key, status, 8 + thread, 2, 1024);
                    writes.add(store.apply(key, SampleReports.session(report, SampleReports.T0.plusMillis(i))));
                }
                return writes;
            }));
        }
        start.countDown();
        int merges = 0;
        for (Future<List<CompletableFuture<Merge>>> caller : submitted) {
            for (CompletableFuture<Merge> write : caller.get(60, TimeUnit.SECONDS)) {
                write.get(60, TimeUnit.SECONDS);
                merges++;
            }
        }
        callers.shutdown();

        assertEquals(threads * perThread, merges);
        JsonNode records = pocketBase.rawRecords(null);
        assertEquals(5, records.size());
        for (JsonNode record : records) {
            assertEquals("success", record.path("status").asText());
        }
        assertEquals(5, pocketBase.server.requests().count(Endpoint.CREATE_RECORD));
        assertEquals(0, store.pendingWrites());
    }

    @Test
    void aCreateThatLosesToAnotherInstanceReadsAgainAndMerges() {
        AtomicInteger calls = new AtomicInteger();
        Report mine = SampleReports.required("run-race", Status.SUCCESS);
        Merge merge = store.apply("run-race", stored -> {
            if (calls.incrementAndGet() == 1) {
                // another instance stores the run's installing ping between our read and our create
                Run theirs = new Run(SampleReports.required("run-race", Status.INSTALLING), SampleReports.T0, SampleReports.T0);
                JsonNode body = new RunRecords(new ObjectMapper()).toRecord(theirs);
                assertEquals(200, pocketBase.asSuperuser("POST", "/api/collections/telemetry/records", body.toString()).status());
            }
            return org.helperscripts.telemetry.domain.Session.merge(stored, mine, SampleReports.T0.plusSeconds(9));
        }).join();

        assertEquals(2, calls.get());
        assertEquals(Merge.Kind.CHANGED, merge.kind());
        assertEquals(1, pocketBase.recordCount());
        Run stored = store.find("run-race").orElseThrow();
        assertEquals(Status.SUCCESS, stored.report().status());
        assertEquals(SampleReports.T0, stored.created());
    }

    @Test
    void whatTheChangeThrowsFailsTheFutureAsItWasThrown() {
        IllegalArgumentException thrown = new IllegalArgumentException("boom");

        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> store.apply("run-1", stored -> {
                    throw thrown;
                }).get(10, TimeUnit.SECONDS));

        assertSame(thrown, failed.getCause());
        assertEquals(0, pocketBase.recordCount());
    }

    @Test
    void aChangeThatCreatesAStoredRunIsRefused() {
        Run run = new Run(SampleReports.required("run-1", Status.INSTALLING), SampleReports.T0, SampleReports.T0);
        store.apply("run-1", SampleReports.creating(run)).join();

        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> store.apply("run-1", SampleReports.creating(run)).get(10, TimeUnit.SECONDS));

        assertInstanceOf(IllegalStateException.class, failed.getCause());
        assertTrue(!failed.getCause().getMessage().contains("run-1"), failed.getCause().getMessage());
        assertEquals(1, pocketBase.recordCount());
    }

    @Test
    void closeWaitsForWritesInFlight() {
        pocketBase.server.faults().latency(java.time.Duration.ofMillis(100));
        List<CompletableFuture<Merge>> writes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            writes.add(store.apply("run-" + i, SampleReports.session(SampleReports.required("run-" + i, Status.INSTALLING),
                    SampleReports.T0)));
        }

        store.close();

        for (CompletableFuture<Merge> write : writes) {
            assertTrue(write.isDone() && !write.isCompletedExceptionally());
        }
        pocketBase.server.faults().latency(java.time.Duration.ZERO);
        assertEquals(8, pocketBase.recordCount());
        ExecutionException late = assertThrows(ExecutionException.class, () -> store.apply("late",
                SampleReports.session(SampleReports.required("late", Status.INSTALLING), SampleReports.T0)).get(5, TimeUnit.SECONDS));
        assertInstanceOf(StoreUnavailableException.class, late.getCause());
        assertEquals(8, pocketBase.recordCount());
    }
}
