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
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.helperscripts.telemetry.redis.RedisServerProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two instances behind one proxy share their dashboards through a real redis-server. */
class SharedCacheTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path first;
    @TempDir
    Path second;

    private RedisServerProcess redis;
    private RunningServer one;
    private RunningServer two;

    @BeforeEach
    void start() {
        redis = RedisServerProcess.start();
        one = instance(first);
        two = instance(second);
    }

    @AfterEach
    void stop() {
        one.close();
        two.close();
        redis.close();
    }

    @Test
    void aDashboardOneInstanceComputedIsServedByTheOther() throws Exception {
        HttpResponse<String> computed = get(one, "/api/dashboard?days=90&repo=ProxmoxVED");
        HttpResponse<String> shared = get(two, "/api/dashboard?days=90&repo=ProxmoxVED");

        assertEquals("MISS", computed.headers().firstValue("X-Cache").orElseThrow());
        assertEquals("HIT", shared.headers().firstValue("X-Cache").orElseThrow());
        assertEquals(JSON.readTree(computed.body()).get("generated_at"), JSON.readTree(shared.body()).get("generated_at"));
    }

    @Test
    void withRedisGoneBothInstancesGoOnAnsweringAndTakeReports() throws Exception {
        get(one, "/api/dashboard?days=365&repo=external");
        redis.stop();

        HttpResponse<String> dashboard = get(two, "/api/dashboard?days=365&repo=external");
        HttpResponse<String> report = post(one, """
                {"random_id":"while-redis-is-down","type":"lxc","nsapp":"jellyfin","status":"installing"}""");
        HttpResponse<String> health = get(one, "/healthz");

        assertEquals(200, dashboard.statusCode(), dashboard.body());
        JsonNode body = JSON.readTree(dashboard.body());
        assertEquals(0, body.get("total_installs").asLong());
        assertFalse(body.get("from_cache").asBoolean(), "computed by the instance itself");
        assertEquals(202, report.statusCode(), report.body());
        assertEquals(200, health.statusCode(), health.body());

        redis.restart();
        assertTrue(redis.running());
        assertEquals(200, get(two, "/api/dashboard?days=0&repo=all").statusCode());
    }

    private RunningServer instance(Path dataDir) {
        return RunningServer.start(ServerConfiguration.read(Map.of("LISTEN_ADDR", "127.0.0.1:0",
                "DATA_DIR", dataDir.toString(), "RATE_LIMIT_RPM", "0", "ENABLE_REDIS", "true",
                "REDIS_URL", redis.url())), Clock.systemUTC());
    }

    private HttpResponse<String> get(RunningServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(RunningServer server, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + "/telemetry"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
