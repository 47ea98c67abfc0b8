package org.helperscripts.telemetry.pocketbase.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TokenLifetimeTest {

    private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

    private final AdjustableClock clock = AdjustableClock.at(START);
    private PocketBaseTestServer server;
    private ApiClient client;

    private void start(PocketBaseTestServer.Builder builder) {
        server = builder.clock(clock).user("ingest@example.com", "ingest-password-1").start();
        client = new ApiClient(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static long exp(String token) throws Exception {
        return Json.parse(Base64.getUrlDecoder().decode(token.split("\\.")[1])).path("exp").asLong();
    }

    @Test
    void superuserTokensLastOneDayAndUserTokensFiveDays() throws Exception {
        start(PocketBaseTestServer.builder());

        assertEquals(START.getEpochSecond() + 86_400, exp(client.login(server.superuser())));
        assertEquals(START.getEpochSecond() + 432_000, exp(client.login(server.user())));
    }

    @Test
    void tokenIsRefusedOnceItsLifetimeHasPassed() {
        start(PocketBaseTestServer.builder().tokenLifetime(Duration.ofSeconds(60)));
        String token = client.login(server.superuser());

        clock.advance(Duration.ofSeconds(59));
        assertEquals(200, client.get("/api/collections", token).status());

        clock.advance(Duration.ofSeconds(1));
        ApiClient.Answer expired = client.get("/api/collections", token);
        assertEquals(401, expired.status());
        assertEquals("The request requires valid record authorization token.", expired.message());
    }

    @Test
    void anExpiredTokenOnARecordsCallIsAGuestMeetingANullRule() {
        start(PocketBaseTestServer.builder().tokenLifetime(Duration.ofSeconds(10)));
        String token = client.login(server.superuser());
        TestCollections.createTelemetry(client, token, "telemetry");

        clock.advance(Duration.ofSeconds(11));
        ApiClient.Answer answer = client.get("/api/collections/telemetry/records", token);

        assertEquals(403, answer.status());
        assertEquals("Only superusers can perform this action.", answer.message());
    }

    @Test
    void aNegativeLifetimeIssuesTokensThatAreAlreadyExpired() throws Exception {
        start(PocketBaseTestServer.builder().tokenLifetime(Duration.ofSeconds(-5)));

        String token = client.login(server.superuser());

        assertEquals(START.getEpochSecond() - 5, exp(token));
        assertEquals(401, client.get("/api/collections", token).status());
    }

    @Test
    void changingTheLifetimeAtRuntimeAppliesToNewTokens() throws Exception {
        start(PocketBaseTestServer.builder());
        String before = client.login(server.superuser());

        server.tokenLifetime(Duration.ofSeconds(30));
        String after = client.login(server.superuser());

        assertEquals(START.getEpochSecond() + 86_400, exp(before));
        assertEquals(START.getEpochSecond() + 30, exp(after));
    }

    @Test
    void refreshAnswersANewTokenWithALaterExpiryAndTheRecord() throws Exception {
        start(PocketBaseTestServer.builder().tokenLifetime(Duration.ofSeconds(100)));
        String token = client.login(server.superuser());
        clock.advance(Duration.ofSeconds(40));

        ApiClient.Answer refreshed = client.post("/api/collections/_superusers/auth-refresh", null, token);

        assertEquals(200, refreshed.status());
        String newToken = refreshed.json().path("token").asText();
        assertNotEquals(token, newToken);
        assertEquals(START.getEpochSecond() + 140, exp(newToken));
        assertEquals(server.superuser().id(), refreshed.json().path("record").path("id").asText());
        clock.advance(Duration.ofSeconds(70));
        assertEquals(401, client.get("/api/collections", token).status());
        assertEquals(200, client.get("/api/collections", newToken).status());
    }

    @Test
    void refreshWithoutATokenIs401() {
        start(PocketBaseTestServer.builder());

        ApiClient.Answer answer = client.post("/api/collections/_superusers/auth-refresh", null, null);

        assertEquals(401, answer.status());
        assertEquals("The request requires valid record authorization token.", answer.message());
    }

    @Test
    void refreshWithAnExpiredTokenIs401() {
        start(PocketBaseTestServer.builder().tokenLifetime(Duration.ofSeconds(5)));
        String token = client.login(server.superuser());
        clock.advance(Duration.ofSeconds(5));

        assertEquals(401, client.post("/api/collections/_superusers/auth-refresh", null, token).status());
    }

    @Test
    void refreshWithAnotherCollectionsTokenIs403NamingTheTokensCollection() {
        start(PocketBaseTestServer.builder());
        String userToken = client.login(server.user());

        ApiClient.Answer answer = client.post("/api/collections/_superusers/auth-refresh", null, userToken);

        assertEquals(403, answer.status());
        assertEquals("The request requires auth record from users collection.", answer.message());
    }

    @Test
    void aNonRefreshableTokenComesBackUnchangedFromRefresh() {
        start(PocketBaseTestServer.builder());
        String staticToken = server.issueToken(server.user(), Duration.ofHours(1), false);

        ApiClient.Answer answer = client.post("/api/collections/users/auth-refresh", null, staticToken);

        assertEquals(200, answer.status());
        assertEquals(staticToken, answer.json().path("token").asText());
    }
}
