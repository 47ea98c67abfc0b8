package org.helperscripts.telemetry.pocketbase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.helperscripts.telemetry.domain.Merge;
import org.helperscripts.telemetry.domain.Status;
import org.helperscripts.telemetry.pocketbase.testserver.AdjustableClock;
import org.helperscripts.telemetry.pocketbase.testserver.Endpoint;
import org.helperscripts.telemetry.pocketbase.testserver.PocketBaseTestServer;
import org.helperscripts.telemetry.pocketbase.testserver.RecordedRequest;
import org.helperscripts.telemetry.ports.out.StoreUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AuthTest {

    private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");
    private static final String SECRET = "superuser-password";

    private PocketBaseFixture pocketBase = PocketBaseFixture.start();

    @AfterEach
    void stop() {
        pocketBase.close();
    }

    private void write(PocketBaseReportStore store, String key, Status status) {
        store.apply(key, SampleReports.session(SampleReports.required(key, status), SampleReports.T0)).join();
    }

    private int failedRecordRequests() {
        int failed = 0;
        for (RecordedRequest request : pocketBase.server.requests().all()) {
            if (request.path().contains("/records") && request.status() >= 400) {
                failed++;
            }
        }
        return failed;
    }

    @Test
    void oneLoginServesEveryRequestWhileTheTokenIsFresh() {
        PocketBaseReportStore store = pocketBase.open();
        for (int i = 0; i < 10; i++) {
            write(store, "run-" + i, Status.INSTALLING);
            store.find("run-" + i);
        }

        assertEquals(1, pocketBase.server.requests().count(Endpoint.AUTH_WITH_PASSWORD));
        assertEquals(0, pocketBase.server.requests().count(Endpoint.AUTH_REFRESH));
    }

    @Test
    void concurrentWritersShareOneLogin() throws Exception {
        PocketBaseReportStore store = pocketBase.open();
        pocketBase.server.expireAllTokens();
        pocketBase.server.requests().clear();
        ExecutorService callers = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<CompletableFuture<Merge>>> writes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String key = "run-" + i;
            writes.add(callers.submit(() -> {
                start.await();
                return store.apply(key, SampleReports.session(SampleReports.required(key, Status.INSTALLING), SampleReports.T0));
            }));
        }
        start.countDown();
        for (Future<CompletableFuture<Merge>> write : writes) {
            write.get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
        }
        callers.shutdown();

        assertEquals(1, pocketBase.server.requests().count(Endpoint.AUTH_WITH_PASSWORD));
        assertEquals(8, pocketBase.recordCount());
    }

    @Test
    void aRejectedTokenLeadsToOneNewLoginAndTheRequestIsSentAgain() {
        PocketBaseReportStore store = pocketBase.open();
        write(store, "run-1", Status.INSTALLING);
        pocketBase.server.expireAllTokens();
        pocketBase.server.requests().clear();

        write(store, "run-1", Status.SUCCESS);

        assertEquals(1, pocketBase.server.requests().count(Endpoint.AUTH_WITH_PASSWORD));
        assertEquals(Status.SUCCESS, store.find("run-1").orElseThrow().report().status());
    }

    @Test
    void aShortLivedTokenIsRefreshedBeforeItExpires() {
        pocketBase.close();
        AdjustableClock clock = AdjustableClock.at(START);
        pocketBase = new PocketBaseFixture(PocketBaseTestServer.builder().clock(clock)
                .tokenLifetime(Duration.ofSeconds(60)).start());
        PocketBaseReportStore store = pocketBase.open(pocketBase.settings(), clock);
        write(store, "run-1", Status.INSTALLING);

        clock.advance(Duration.ofSeconds(50));
        write(store, "run-1", Status.CONFIGURING);
        clock.advance(Duration.ofSeconds(50));
        write(store, "run-1", Status.SUCCESS);

        assertEquals(1, pocketBase.server.requests().count(Endpoint.AUTH_WITH_PASSWORD));
        assertEquals(2, pocketBase.server.requests().count(Endpoint.AUTH_REFRESH));
        assertEquals(0, failedRecordRequests());
        assertEquals(Status.SUCCESS, store.find("run-1").orElseThrow().report().status());
    }

    @Test
    void aTokenThatCannotBeRefreshedLeadsToANewLogin() {
        pocketBase.close();
        AdjustableClock clock = AdjustableClock.at(START);
        pocketBase = new PocketBaseFixture(PocketBaseTestServer.builder().clock(clock)
                .tokenLifetime(Duration.ofSeconds(60)).start());
        PocketBaseReportStore store = pocketBase.open(pocketBase.settings(), clock);
        pocketBase.server.expireAllTokens();

        clock.advance(Duration.ofSeconds(55));
        write(store, "run-1", Status.INSTALLING);

        assertEquals(1, pocketBase.server.requests().count(Endpoint.AUTH_REFRESH));
        assertEquals(2, pocketBase.server.requests().count(Endpoint.AUTH_WITH_PASSWORD));
        assertEquals(0, failedRecordRequests());
    }

    @Test
    void theExpiryIsReadFromTheTokenPayload() {
        String payload = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"id\":\"x\",\"exp\":1767225600}".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertEquals(Instant.ofEpochSecond(1767225600), PocketBaseSession.expiry("eyJhbGciOiJIUzI1NiJ9." + payload + ".sig"));
        assertEquals(null, PocketBaseSession.expiry("not-a-jwt"));
    }

    @Test
    void aWrongPasswordFailsClearlyWithoutThePasswordInAnyMessage() {
        String wrong = "wrong-" + SECRET;
        PocketBaseSettings settings = new PocketBaseSettings(URI.create(pocketBase.server.baseUrl()), "_superusers",
                pocketBase.server.superuser().email(), wrong, PocketBaseFixture.COLLECTION, Duration.ofSeconds(2), 3,
                Duration.ofMillis(10), 2);

        StoreUnavailableException refused = assertThrows(StoreUnavailableException.class, () -> pocketBase.open(settings));

        assertTrue(refused.getMessage().contains("refused the password login"), refused.getMessage());
        assertTrue(refused.getMessage().contains("PB_PASSWORD"), refused.getMessage());
        for (Throwable cause = refused; cause != null; cause = cause.getCause()) {
            assertFalse(String.valueOf(cause.getMessage()).contains(wrong), cause.toString());
        }
        assertFalse(settings.toString().contains(wrong));
        assertEquals(1, pocketBase.server.requests().count(Endpoint.AUTH_WITH_PASSWORD));
    }

    @Test
    void settingsPrintNeitherPasswordNorUserInformationOfTheUrl() {
        PocketBaseSettings settings = PocketBaseSettings.of(URI.create("https://svc:" + SECRET + "@pb.example.com:8090/"),
                "users", "ingest@example.com", SECRET, "telemetry");

        assertFalse(settings.toString().contains(SECRET), settings.toString());
        assertEquals("https://pb.example.com:8090", settings.displayUrl());
        assertNotNull(settings.baseUrl());
    }
}
