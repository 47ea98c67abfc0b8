package org.helperscripts.telemetry.server;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.helperscripts.telemetry.domain.Report;
import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.domain.Status;
import org.helperscripts.telemetry.sqlite.SqliteReportStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wired server on the embedded store, driven over real HTTP, checked in the SQLite file. */
class ServerEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INSTALLING = """
            {"random_id":"%s","type":"lxc","nsapp":"jellyfin","status":"installing","ct_type":1,
             "disk_size":"8G","core_count":2,"ram_size":2048,"os_type":"Debian","os_version":"12",
             "pve_version":"8.2.4","method":"default","repo_source":"ProxmoxVE"}""";
    private static final String SUCCESS = """
            {"random_id":"%s","type":"lxc","nsapp":"jellyfin","status":"done","exit_code":0,
             "install_duration":184}""";

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private RunningServer server;

    @BeforeEach
    void start() {
        server = RunningServer.start(configuration(), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anInstallReportThenItsFinalStatusLeaveOneRecordWithTheFinalStatusAndTheInstallFields() throws Exception {
        assertEquals(202, post(INSTALLING.formatted("run-a")).statusCode());
        assertEquals(202, post(SUCCESS.formatted("run-a")).statusCode());

        JsonNode listing = JSON.readTree(get("/api/records").body());
        assertEquals(1, listing.get("total").asInt());
        JsonNode record = listing.get("records").get(0);
        assertAll(
                () -> assertEquals("success", record.get("status").asText()),
                () -> assertEquals(8, record.get("disk_size").asInt()),
                () -> assertEquals(2048, record.get("ram_size").asInt()),
                () -> assertEquals("debian", record.get("os_type").asText()),
                () -> assertEquals(184, record.get("install_duration").asInt()),
                () -> assertEquals(0, record.get("exit_code").asInt()));

        Report stored = storedAfterStop("run-a").report();
        assertAll(
                () -> assertEquals(Status.SUCCESS, stored.status()),
                () -> assertEquals(1, stored.ctType()),
                () -> assertEquals("8.2.4", stored.pveVersion()),
                () -> assertEquals(184, stored.installDuration()));
    }

    @Test
    void aReportThatArrivesTwiceLeavesOneUnchangedRecord() throws Exception {
        assertEquals(202, post(INSTALLING.formatted("run-b")).statusCode());
        JsonNode first = JSON.readTree(get("/api/records").body()).get("records").get(0);
        assertEquals(202, post(INSTALLING.formatted("run-b")).statusCode());

        JsonNode listing = JSON.readTree(get("/api/records").body());
        assertEquals(1, listing.get("total").asInt());
        assertEquals(first, listing.get("records").get(0));
    }

    @Test
    void aFinalStatusBeforeItsInstallingReportLeavesOneCorrectRecord() throws Exception {
        assertEquals(202, post(SUCCESS.formatted("run-c")).statusCode());
        assertEquals(202, post(INSTALLING.formatted("run-c")).statusCode());

        Run run = storedAfterStop("run-c");
        assertAll(
                () -> assertEquals(Status.SUCCESS, run.report().status()),
                () -> assertEquals(8, run.report().diskSize()),
                () -> assertEquals("jellyfin", run.report().nsapp()),
                () -> assertEquals(184, run.report().installDuration()));
    }

    @Test
    void stoppingUnderLoadKeepsEveryAcceptedReport() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        int port = server.port();
        for (int i = 0; i < 2_000; i++) {
            inFlight.add(http.sendAsync(postRequest(port, INSTALLING.formatted("load-" + i)),
                    HttpResponse.BodyHandlers.ofString()));
            if (i == 1_000) {
                server.close();
            }
        }
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < inFlight.size(); i++) {
            try {
                if (inFlight.get(i).join().statusCode() == 202) {
                    accepted.add("load-" + i);
                }
            } catch (RuntimeException refusedAfterStop) {
                // a request sent after the stop never got an answer, so it was never accepted
            }
        }
        server = null;

        assertTrue(accepted.size() > 0, "some reports were accepted before the stop");
        try (SqliteReportStore store = SqliteReportStore.open(dataDir)) {
            for (String runKey : accepted) {
                assertTrue(store.find(runKey).isPresent(), runKey + " was answered 202 but is not stored");
            }
        }
    }

    @Test
    void healthSaysTheStoreIsUp() throws Exception {
        HttpResponse<String> health = get("/healthz");

        assertEquals(200, health.statusCode());
        JsonNode body = JSON.readTree(health.body());
        assertEquals("ok", body.get("status").asText());
        assertEquals("sqlite", body.get("store").get("kind").asText());
    }

    @Test
    void theConfiguredRateLimitRefusesOneClientButNotTheNextBehindTheSameProxy() throws Exception {
        restartWith(Map.of("RATE_LIMIT_RPM", "2", "RATE_BURST", "2"));

        assertEquals(202, post(INSTALLING.formatted("limit-1")).statusCode());
        assertEquals(202, post(INSTALLING.formatted("limit-2")).statusCode());
        HttpResponse<String> refused = post(INSTALLING.formatted("limit-3"));
        // The test connects from loopback, a trusted proxy by default: it may name the next client.
        HttpResponse<String> nextClient = postForwardedFor("203.0.113.9", INSTALLING.formatted("limit-4"));

        assertEquals(429, refused.statusCode(), refused.body());
        int retryAfter = Integer.parseInt(refused.headers().firstValue("Retry-After").orElse("0"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        assertEquals(202, nextClient.statusCode(), nextClient.body());
        JsonNode health = JSON.readTree(get("/healthz").body());
        assertEquals(1, health.get("ingestion").get("rejected").get("rate_limited").asInt());
    }

    @Test
    void withNoTrustedProxyAForwardedAddressDoesNotMakeANewClient() throws Exception {
        restartWith(Map.of("RATE_LIMIT_RPM", "2", "RATE_BURST", "2", "TRUSTED_PROXIES_CIDR", "none"));
        List<Integer> statuses = new ArrayList<>();

        for (int i = 0; i < 3; i++) {
            statuses.add(postForwardedFor("203.0.113." + i, INSTALLING.formatted("spoof-" + i)).statusCode());
        }

        assertEquals(List.of(202, 202, 429), statuses);
    }

    // The load test sends 2,000 reports from one address: limits would turn most away.
    private ServerConfiguration configuration() {
        return ServerConfiguration.read(Map.of("LISTEN_ADDR", "127.0.0.1:0", "DATA_DIR", dataDir.toString(),
                "RATE_LIMIT_RPM", "0"));
    }

    private void restartWith(Map<String, String> limits) {
        server.close();
        Map<String, String> variables = new HashMap<>(limits);
        variables.put("LISTEN_ADDR", "127.0.0.1:0");
        variables.put("DATA_DIR", dataDir.toString());
        server = RunningServer.start(ServerConfiguration.read(variables), Clock.systemUTC());
    }

    private Run storedAfterStop(String runKey) {
        server.close();
        server = null;
        try (SqliteReportStore store = SqliteReportStore.open(dataDir)) {
            Optional<Run> run = store.find(runKey);
            assertTrue(run.isPresent(), runKey + " not stored");
            return run.get();
        }
    }

    private HttpResponse<String> post(String body) throws Exception {
        return http.send(postRequest(server.port(), body), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postForwardedFor(String client, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/telemetry"))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", client)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest postRequest(int port, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/telemetry"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
