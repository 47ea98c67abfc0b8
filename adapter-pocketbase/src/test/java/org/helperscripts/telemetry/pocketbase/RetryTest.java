package org.helperscripts.telemetry.pocketbase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.helperscripts.telemetry.domain.Merge;
import org.helperscripts.telemetry.domain.Status;
import org.helperscripts.telemetry.pocketbase.testserver.Endpoint;
import org.helperscripts.telemetry.ports.out.RecordRefusedException;
import org.helperscripts.telemetry.ports.out.StoreUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RetryTest {

    private final PocketBaseFixture pocketBase = PocketBaseFixture.start();
    private PocketBaseReportStore store;

    @BeforeEach
    void open() {
        store = pocketBase.open();
        pocketBase.server.requests().clear();
    }

    @AfterEach
    void stop() {
        pocketBase.close();
    }

    private java.util.concurrent.CompletableFuture<Merge> write(String key, Status status) {
        return store.apply(key, SampleReports.session(SampleReports.required(key, status), SampleReports.T0));
    }

    @Test
    void twoServiceUnavailableAnswersAreRetriedAndTheThirdRequestSucceeds() {
        pocketBase.server.faults().failNext(2, 503, Endpoint.CREATE_RECORD);

        Merge merge = write("run-1", Status.INSTALLING).join();

        assertEquals(Merge.Kind.CREATED, merge.kind());
        assertEquals(3, pocketBase.server.requests().count(Endpoint.CREATE_RECORD));
        assertEquals(1, pocketBase.recordCount());
    }

    @Test
    void tooManyRequestsIsRetried() {
        pocketBase.server.faults().failNext(1, 429, Endpoint.LIST_RECORDS);

        assertTrue(store.find("run-1").isEmpty());
        assertEquals(2, pocketBase.server.requests().count(Endpoint.LIST_RECORDS));
    }

    @Test
    void aBadRequestIsNotRetriedAndRefusesTheRecordForGood() {
        pocketBase.server.faults().failNext(1, 400, Endpoint.CREATE_RECORD);

        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> write("run-1", Status.INSTALLING).get(10, TimeUnit.SECONDS));

        // not an outage: a queue in front of the store sets the record aside instead of waiting
        assertInstanceOf(RecordRefusedException.class, failed.getCause());
        assertTrue(failed.getCause().getMessage().contains("400"), failed.getCause().getMessage());
        assertEquals(1, pocketBase.server.requests().count(Endpoint.CREATE_RECORD));
        assertEquals(0, pocketBase.recordCount());
    }

    @Test
    void errorsThatOutlastTheRetriesFailTheWriteAsUnavailable() {
        pocketBase.server.faults().failNext(3, 500, Endpoint.CREATE_RECORD);

        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> write("run-1", Status.INSTALLING).get(10, TimeUnit.SECONDS));

        assertInstanceOf(StoreUnavailableException.class, failed.getCause());
        assertTrue(!failed.getCause().getMessage().contains("run-1"), failed.getCause().getMessage());
        assertEquals(3, pocketBase.server.requests().count(Endpoint.CREATE_RECORD));
    }

    @Test
    void aServerThatIsDownFailsTheWriteWithinTheTimeoutBudgetAndWorksAgainWhenBack() {
        pocketBase.server.goDown();
        long started = System.nanoTime();

        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> write("run-1", Status.INSTALLING).get(30, TimeUnit.SECONDS));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertInstanceOf(StoreUnavailableException.class, failed.getCause());
        // three attempts of at most 2 s each, plus backoff of at most 20 + 40 ms
        assertTrue(took.compareTo(Duration.ofMillis(6_100)) < 0, took.toString());
        assertThrows(StoreUnavailableException.class, () -> store.find("run-1"));

        pocketBase.server.comeBackUp();

        assertEquals(Merge.Kind.CREATED, write("run-1", Status.INSTALLING).join().kind());
        assertEquals(Status.INSTALLING, store.find("run-1").orElseThrow().report().status());
    }

    @Test
    void aSlowServerBeyondTheTimeoutCountsAsUnavailable() throws InterruptedException {
        PocketBaseReportStore impatient = pocketBase.open(pocketBase.settings().withUpstreamTimeout(Duration.ofMillis(200)));
        pocketBase.server.requests().clear();
        pocketBase.server.faults().latency(Duration.ofMillis(400));

        assertThrows(StoreUnavailableException.class, () -> impatient.find("run-1"));
        // the server logs a request when it answers, after the client gave up on it
        Thread.sleep(600);
        assertEquals(3, pocketBase.server.requests().count(Endpoint.LIST_RECORDS));

        pocketBase.server.faults().latency(Duration.ZERO);
        assertTrue(impatient.find("run-1").isEmpty());
    }
}
