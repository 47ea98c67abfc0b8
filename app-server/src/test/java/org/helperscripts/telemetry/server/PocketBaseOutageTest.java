package org.helperscripts.telemetry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.helperscripts.telemetry.pocketbase.testserver.PocketBaseTestServer;
import org.helperscripts.telemetry.ports.out.Eventually;
import org.helperscripts.telemetry.ports.service.ForwarderSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service with PB_URL set, while PocketBase goes away for 30 s in the middle of a stream of
 * reports: clients keep getting 202, health stays 200, and afterwards every accepted report is in
 * PocketBase exactly once.
 */
@Timeout(300)
class PocketBaseOutageTest {

    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final Duration WITHIN = Duration.ofSeconds(120);
    /** Short waits, so that the test does not spend the default 30 s backoff after the outage. */
    private static final ForwarderSettings QUICK = ForwarderSettings.defaults()
            .withBackoff(Duration.ofMillis(50), Duration.ofSeconds(1));

    @TempDir
    Path dataDir;

    private final PocketBaseTestServer pocketBase = PocketBaseTestServer.start();
    private final PocketBaseRecords records = new PocketBaseRecords(pocketBase);
    private RunningServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        pocketBase.close();
    }

    @Test
    void everyReportAcceptedWhilePocketBaseWasDownArrivesExactlyOnce() throws Exception {
        Map<String, String> variables = new HashMap<>(records.serverVariables());
        variables.putAll(Map.of("LISTEN_ADDR", "127.0.0.1:0", "DATA_DIR", dataDir.toString(), "RATE_LIMIT_RPM", "0"));
        server = RunningServer.start(ServerConfiguration.read(variables), Clock.systemUTC(), QUICK);

        try (ReportStream stream = new ReportStream(URI.create(server.url() + "/telemetry"), "outage-",
                Duration.ofMillis(50)).start()) {
            Eventually.until("reports flow before the outage", WITHIN, () -> stream.acceptedReports() >= 100);

            pocketBase.goDown();
            int acceptedBefore = stream.acceptedReports();
            Thread.sleep(OUTAGE.toMillis());
            int acceptedDuring = stream.acceptedReports() - acceptedBefore;
            JsonNode healthDuring = HealthCheck.of(server.url(), 200);
            pocketBase.comeBackUp();

            assertTrue(acceptedDuring >= 100, "reports kept being accepted during the outage: " + acceptedDuring);
            assertEquals("ok", healthDuring.path("status").asText());
            assertFalse(healthDuring.path("store").path("available").asBoolean(), healthDuring.toString());
            assertTrue(healthDuring.path("spool").path("depth").asLong() > 0, healthDuring.toString());
            assertTrue(healthDuring.path("spool").path("oldest_age_seconds").asLong() >= 1, healthDuring.toString());

            int acceptedAfterOutage = stream.acceptedReports();
            Eventually.until("reports flow after the outage", WITHIN,
                    () -> stream.acceptedReports() >= acceptedAfterOutage + 100);
            stream.close();

            assertEquals(0, stream.refused(), "no report was refused");
            Eventually.until("the spool is empty", WITHIN, () -> {
                JsonNode spool = HealthCheck.of(server.url(), 200).path("spool");
                return spool.path("depth").asLong() == 0;
            });
            Map<String, JsonNode> stored = records.byRunKey();
            stream.assertEveryAcceptedReportIsStoredOnce(stored);
            assertEquals(stream.accepted().keySet(), stored.keySet(), "no record without an accepted report");
        }
    }

    @Test
    void aFullSpoolAnswers503AndTakesReportsAgainOnceItHasDrained() throws Exception {
        Map<String, String> variables = new HashMap<>(records.serverVariables());
        variables.putAll(Map.of("LISTEN_ADDR", "127.0.0.1:0", "DATA_DIR", dataDir.toString(), "RATE_LIMIT_RPM", "0",
                "SPOOL_MAX_REPORTS", "3"));
        server = RunningServer.start(ServerConfiguration.read(variables), Clock.systemUTC(), QUICK);
        pocketBase.goDown();
        for (int run = 0; run < 3; run++) {
            assertEquals(202, post("full-" + run).statusCode());
        }

        HttpResponse<String> refused = post("full-3");

        assertEquals(503, refused.statusCode(), refused.body());
        assertTrue(refused.headers().firstValue("Retry-After").isPresent());
        JsonNode health = HealthCheck.of(server.url(), 503);
        assertEquals("unavailable", health.path("status").asText());
        assertFalse(health.path("spool").path("accepting").asBoolean());
        assertEquals("spool full", health.path("spool").path("problem").asText());
        assertEquals(1, health.path("spool").path("refused_full").asLong());

        pocketBase.comeBackUp();
        Eventually.until("the spool drained", WITHIN,
                () -> HealthCheck.of(server.url()).path("spool").path("depth").asLong() == 0);
        assertEquals("ok", HealthCheck.of(server.url(), 200).path("status").asText());
        assertEquals(202, post("full-3").statusCode());
        Eventually.until("the last report arrived", WITHIN, () -> records.byRunKey().size() == 4);
    }

    @Test
    void startsWhilePocketBaseIsDownAndDeliversOnceItIsUp() throws Exception {
        pocketBase.goDown();
        Map<String, String> variables = new HashMap<>(records.serverVariables());
        variables.putAll(Map.of("LISTEN_ADDR", "127.0.0.1:0", "DATA_DIR", dataDir.toString(), "RATE_LIMIT_RPM", "0"));
        server = RunningServer.start(ServerConfiguration.read(variables), Clock.systemUTC(), QUICK);

        assertEquals(202, post("early-1").statusCode());
        JsonNode health = HealthCheck.of(server.url(), 200);
        assertEquals("PocketBase not reached since start", health.path("store").path("problem").asText());
        assertEquals(503, get("/api/records").statusCode(), "reads wait for PocketBase");
        pocketBase.comeBackUp();

        // the collection exists only once the server has reached PocketBase and set it up
        Eventually.until("the server reached PocketBase", WITHIN,
                () -> HealthCheck.of(server.url(), 200).path("store").path("available").asBoolean());
        Eventually.until("the report reached PocketBase", WITHIN, () -> records.byRunKey().containsKey("early-1"));
        assertEquals(200, get("/api/records").statusCode());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String runKey) throws Exception {
        String report = """
                {"random_id":"%s","type":"vm","nsapp":"haos-vm","status":"installing"}""".formatted(runKey);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url() + "/telemetry"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(report)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
