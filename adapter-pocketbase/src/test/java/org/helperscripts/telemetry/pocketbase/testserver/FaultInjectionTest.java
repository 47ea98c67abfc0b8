package org.helperscripts.telemetry.pocketbase.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {

    private static final String RECORDS = "/api/collections/telemetry/records";

    private PocketBaseTestServer server;
    private ApiClient client;
    private String token;

    @BeforeEach
    void start() {
        server = PocketBaseTestServer.builder().batchEnabled(true).start();
        client = new ApiClient(server);
        token = client.login(server.superuser());
        TestCollections.createTelemetry(client, token, "telemetry");
        server.requests().clear();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theNextRequestsFailWithTheStatusInPocketBasesEnvelopeThenServiceResumes() {
        server.faults().failNext(2, 500);

        ApiClient.Answer first = client.get(RECORDS, token);
        ApiClient.Answer second = client.get("/api/health", null);
        ApiClient.Answer third = client.get(RECORDS, token);

        assertEquals(500, first.status());
        assertEquals("Something went wrong while processing your request.", first.message());
        assertEquals(500, first.json().path("status").asInt());
        assertEquals(0, first.json().path("data").size());
        assertEquals(500, second.status());
        assertEquals(200, third.status());
        assertEquals(0, server.faults().pendingFailures());
    }

    @Test
    void otherStatusesCarryTheirOwnDefaultMessage() {
        server.faults().failNext(1, 503);
        server.faults().failNext(1, 429);

        assertEquals("Service Unavailable.", client.get("/api/health", null).message());
        ApiClient.Answer limited = client.get("/api/health", null);
        assertEquals(429, limited.status());
        assertEquals("Too Many Requests.", limited.message());
    }

    @Test
    void failuresAimedAtOneEndpointLeaveTheOthersAlone() {
        server.faults().failNext(1, 503, Endpoint.CREATE_RECORD);

        assertEquals(200, client.get(RECORDS, token).status());
        assertEquals(503, client.post(RECORDS, "{\"device\":\"d\",\"ts\":\"2025-01-01T00:00:00Z\"}", token).status());
        assertEquals(200, client.post(RECORDS, "{\"device\":\"d\",\"ts\":\"2025-01-01T00:00:00Z\"}", token).status());
    }

    @Test
    void retriesAreVisibleInTheRequestLogWithTheirStatuses() {
        server.faults().failNext(3, 503, Endpoint.BATCH);
        String batch = "{\"requests\":[{\"method\":\"POST\",\"url\":\"" + RECORDS
                + "\",\"body\":{\"device\":\"d\",\"ts\":\"2025-01-01T00:00:00Z\"}}]}";

        for (int attempt = 0; attempt < 4; attempt++) {
            client.post("/api/batch", batch, token);
        }

        assertEquals(4, server.requests().count(Endpoint.BATCH));
        assertEquals(4, server.requests().count("POST", "/api/batch"));
        assertEquals(List.of(503, 503, 503, 200), server.requests().all().stream().map(RecordedRequest::status).toList());
        assertEquals(0, server.requests().count(Endpoint.CREATE_RECORD), "sub-requests are not HTTP requests");
    }

    @Test
    void theRequestLogCountsByEndpointCollectionAndPattern() {
        client.post(RECORDS, "{\"device\":\"d\",\"ts\":\"2025-01-01T00:00:00Z\"}", token);
        client.get(RECORDS, token);
        client.get("/api/collections/users/records", token);
        client.get("/api/nowhere", null);

        assertEquals(1, server.requests().count(Endpoint.CREATE_RECORD, "telemetry"));
        assertEquals(2, server.requests().count(Endpoint.LIST_RECORDS));
        assertEquals(1, server.requests().count(Endpoint.LIST_RECORDS, "users"));
        assertEquals(2, server.requests().count("GET", "/api/collections/{collection}/records"));
        assertEquals(1, server.requests().count("GET", "/api/nowhere"));
        assertEquals(4, server.requests().total());
        RecordedRequest unknown = server.requests().all().get(3);
        assertEquals(404, unknown.status());
        assertTrue(unknown.matchedEndpoint().isEmpty());
    }

    @Test
    void anUnknownRouteIsA404Envelope() {
        ApiClient.Answer answer = client.get("/api/nowhere", null);

        assertEquals(404, answer.status());
        assertEquals("The requested resource wasn't found.", answer.message());
    }

    @Test
    void latencyDelaysEveryRequestUntilCleared() {
        server.faults().latency(Duration.ofMillis(300));

        long slow = timed(() -> client.get("/api/health", null));
        server.faults().clear();
        long fast = timed(() -> client.get("/api/health", null));

        assertTrue(slow >= 300, "took " + slow + " ms");
        assertTrue(fast < 300, "took " + fast + " ms");
    }

    private static long timed(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    @Test
    void goingDownRefusesConnectionsAndComingBackUpKeepsPortAndData() {
        String id = TestCollections.insert(client, token, "telemetry", "{\"device\":\"kept\",\"ts\":\"2025-01-01T00:00:00Z\"}");
        int port = server.port();

        server.goDown();

        assertFalse(server.isUp());
        UncheckedIOException refused = assertThrows(UncheckedIOException.class, () -> new ApiClient(server).get("/api/health", null));
        assertInstanceOf(ConnectException.class, refused.getCause());

        server.comeBackUp();

        assertTrue(server.isUp());
        assertEquals(port, server.port());
        ApiClient.Answer record = new ApiClient(server).get(RECORDS + "/" + id, token);
        assertEquals(200, record.status(), "the old token and the record survived the outage");
        assertEquals("kept", record.json().path("device").asText());
    }

    @Test
    void expiringAllTokensTurnsEveryHolderIntoAGuest() {
        server.expireAllTokens();

        ApiClient.Answer stale = client.get("/api/collections", token);
        String fresh = client.login(server.superuser());

        assertEquals(401, stale.status());
        assertEquals("The request requires valid record authorization token.", stale.message());
        assertEquals(200, client.get("/api/collections", fresh).status());
    }

    @Test
    void plannedFailuresMustBeRealStatuses() {
        assertThrows(IllegalArgumentException.class, () -> server.faults().failNext(0, 500));
        assertThrows(IllegalArgumentException.class, () -> server.faults().failNext(1, 42));
        assertThrows(IllegalArgumentException.class, () -> server.faults().latency(Duration.ofMillis(-1)));
    }
}
