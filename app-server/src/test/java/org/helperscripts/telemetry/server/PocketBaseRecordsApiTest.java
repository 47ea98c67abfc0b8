package org.helperscripts.telemetry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.helperscripts.telemetry.pocketbase.testserver.PocketBaseTestServer;
import org.helperscripts.telemetry.ports.out.Eventually;
import org.helperscripts.telemetry.ports.service.ForwarderSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GET /api/records of the service on PocketBase, over real HTTP: hostile values in every
 * filterable parameter find only what they literally say, never widen the query.
 */
class PocketBaseRecordsApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WITHIN = Duration.ofSeconds(60);
    /** A script name made of filter syntax, stored as it is, to be found by its literal twin only. */
    private static final String TRICKY = "a'||id!='";

    @TempDir
    Path dataDir;

    private final PocketBaseTestServer pocketBase = PocketBaseTestServer.start();
    private final PocketBaseRecords records = new PocketBaseRecords(pocketBase);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private RunningServer server;

    @BeforeEach
    void startWithThreeRuns() throws Exception {
        Map<String, String> variables = new HashMap<>(records.serverVariables());
        variables.putAll(Map.of("LISTEN_ADDR", "127.0.0.1:0", "DATA_DIR", dataDir.toString(), "RATE_LIMIT_RPM", "0"));
        server = RunningServer.start(ServerConfiguration.read(variables), Clock.systemUTC(),
                ForwarderSettings.defaults().withBackoff(Duration.ofMillis(50), Duration.ofSeconds(1)));
        post("jellyfin", "debian");
        post("plex", "ubuntu");
        post(TRICKY, "alpine");
        Eventually.until("the three runs are in PocketBase", WITHIN, () -> records.byRunKey().size() == 3);
    }

    @AfterEach
    void stop() {
        server.close();
        pocketBase.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"x' || id != '", "x\" || id != \"", "' || 1=1 || '", "%", "_", "*", "x') || (id != '",
        "\\' || id != \\'", "jellyfin' || nsapp != 'jellyfin", "~", "!= ''"})
    void aHostileAppOrOsFindsNothing(String hostile) throws Exception {
        assertEquals(List.of(), apps("app=" + encode(hostile)));
        assertEquals(List.of(), apps("os=" + encode(hostile)));
    }

    @Test
    void aScriptNamedLikeFilterSyntaxIsFoundByItsLiteralNameOnly() throws Exception {
        assertEquals(List.of(TRICKY), apps("app=" + encode(TRICKY)));
        assertEquals(List.of("jellyfin"), apps("app=" + encode("jelly")));
        assertEquals(3, apps("").size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"status", "type", "repo", "sort"})
    void hostileValuesInTheChoiceParametersAreRefusedNamingThem(String parameter) throws Exception {
        HttpResponse<String> answer = get("/api/records?" + parameter + "=" + encode("success' || id != '"));

        assertEquals(400, answer.statusCode(), answer.body());
        assertEquals(parameter, JSON.readTree(answer.body()).get("violations").get(0).get("field").asText());
    }

    private List<String> apps(String query) throws Exception {
        HttpResponse<String> answer = get("/api/records?limit=100&" + query);
        assertEquals(200, answer.statusCode(), answer.body());
        List<String> apps = new ArrayList<>();
        for (JsonNode record : JSON.readTree(answer.body()).get("records")) {
            apps.add(record.get("nsapp").asText());
        }
        return apps;
    }

    private void post(String nsapp, String os) throws Exception {
        Map<String, Object> report = Map.of("random_id", "run-" + nsapp.hashCode(), "type", "lxc", "nsapp", nsapp,
                "status", "installing", "os_type", os);
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/telemetry"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(report))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, answer.statusCode(), answer.body());
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
