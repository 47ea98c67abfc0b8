package org.helperscripts.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.helperscripts.telemetry.domain.RepoSource;
import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.ports.in.Dashboard;
import org.helperscripts.telemetry.ports.in.Dashboard.AppFailure;
import org.helperscripts.telemetry.ports.in.Dashboard.ErrorGroup;
import org.helperscripts.telemetry.ports.in.Dashboard.ExitCodeStat;
import org.helperscripts.telemetry.ports.in.Dashboard.GpuStat;
import org.helperscripts.telemetry.ports.in.Dashboard.NameCount;
import org.helperscripts.telemetry.ports.in.Dashboard.PeriodStat;
import org.helperscripts.telemetry.ports.in.DashboardRequest;
import org.helperscripts.telemetry.ports.out.CachedAnswer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** GET /api/dashboard over real HTTP: parameters, the JSON names of the old service, cache marks. */
class DashboardEndpointTest {

    private final LiveServer server = LiveServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void withoutParametersItIsThirtyDaysOfProxmoxVe() {
        HttpResponse<String> response = server.get("/api/dashboard");

        assertEquals(200, response.statusCode());
        assertEquals(List.of(new DashboardRequest(30, RepoSource.PROXMOX_VE)), server.dashboard.requests);
    }

    @Test
    void rangeAndRepositoryAreReadAndAllMeansEveryRepository() {
        server.get("/api/dashboard?days=0&repo=all");
        server.get("/api/dashboard?days=1&repo=proxmoxved");

        assertEquals(List.of(new DashboardRequest(0, null), new DashboardRequest(1, RepoSource.PROXMOX_VED)),
                server.dashboard.requests);
    }

    @Test
    void anUnofferedRangeOrRepositoryIsA400NamingTheParameter() {
        HttpResponse<String> response = server.get("/api/dashboard?days=14&repo=github");

        assertEquals(400, response.statusCode());
        JsonNode body = LiveServer.json(response);
        assertEquals("invalid query", body.get("error").asText());
        assertEquals("days", body.get("violations").get(0).get("field").asText());
        assertEquals("repo", body.get("violations").get(1).get("field").asText());
        assertTrue(server.dashboard.requests.isEmpty());
    }

    @Test
    void theAnswerUsesTheFieldNamesOfTheServiceItReplaces() {
        Instant day = Instant.parse("2026-02-28T00:00:00Z");
        Run recent = TestReports.run(TestReports.lxcInstalling("run-1"), LiveServer.NOW, LiveServer.NOW);
        server.dashboard.answer = new CachedAnswer<>(new Dashboard(7, "ProxmoxVE", day.minusSeconds(5 * 86_400L),
                day.plusSeconds(2 * 86_400L), new Dashboard.Totals(10, 6, 2, 1, 1, 0, 75.0),
                List.of(new NameCount("plex", 7)), List.of(new NameCount("debian", 9)),
                List.of(new NameCount("default", 8)), List.of(new NameCount("8.3.2", 10)),
                List.of(new NameCount("lxc", 10)), List.of(new NameCount("amd", 4)),
                List.of(new NameCount("apt", 2)), List.of(new NameCount("update-lxcs", 3)),
                List.of(new NameCount("netdata", 1)), 3, 1, List.of(new GpuStat("intel", "igpu", 2)),
                List.of(new ErrorGroup("E: Unable to locate package <name>", 2, "E: Unable to locate package foo",
                        List.of("plex", "haos"))),
                List.of(new AppFailure("plex", "lxc", 12, 3, 25.0)),
                List.of(new ExitCodeStat(100, 2, "APT: package manager error", "apt", 100.0)),
                List.of(new PeriodStat(day, 6, 2, 1, 1, 0)), List.of(), 187.25, List.of(recent)),
                true, LiveServer.NOW);

        HttpResponse<String> response = server.get("/api/dashboard?days=7");

        assertEquals("HIT", response.headers().firstValue("X-Cache").orElseThrow());
        JsonNode body = LiveServer.json(response);
        assertTrue(body.get("from_cache").asBoolean());
        assertEquals(LiveServer.NOW.toString(), body.get("generated_at").asText());
        assertEquals(10, body.get("total_installs").asLong());
        assertEquals(6, body.get("success_count").asLong());
        assertEquals(2, body.get("failed_count").asLong());
        assertEquals(1, body.get("aborted_count").asLong());
        assertEquals(1, body.get("installing_count").asLong());
        assertEquals(75.0, body.get("success_rate").asDouble());
        assertEquals(187.3, body.get("avg_install_duration").asDouble());
        assertEquals("plex", body.get("top_apps").get(0).get("app").asText());
        assertEquals("debian", body.get("os_distribution").get(0).get("os").asText());
        assertEquals("default", body.get("method_stats").get(0).get("method").asText());
        assertEquals("8.3.2", body.get("pve_versions").get(0).get("version").asText());
        assertEquals("lxc", body.get("type_stats").get(0).get("type").asText());
        assertEquals("amd", body.get("cpu_vendors").get(0).get("vendor").asText());
        assertEquals("apt", body.get("error_categories").get(0).get("category").asText());
        assertEquals("update-lxcs", body.get("top_tools").get(0).get("tool").asText());
        assertEquals("netdata", body.get("top_addons").get(0).get("addon").asText());
        assertEquals(3, body.get("total_tools").asLong());
        assertEquals(1, body.get("total_addons").asLong());
        assertEquals("igpu", body.get("gpu_stats").get(0).get("passthrough").asText());
        JsonNode pattern = body.get("error_analysis").get(0);
        assertEquals(2, pattern.get("unique_apps").asInt());
        assertEquals("plex, haos", pattern.get("apps").asText());
        JsonNode failed = body.get("failed_apps").get(0);
        assertEquals(12, failed.get("total_count").asLong());
        assertEquals(3, failed.get("failed_count").asLong());
        assertEquals(25.0, failed.get("failure_rate").asDouble());
        JsonNode exit = body.get("exit_code_stats").get(0);
        assertEquals(100, exit.get("exit_code").asInt());
        assertEquals("APT: package manager error", exit.get("description").asText());
        assertEquals(100.0, exit.get("percentage").asDouble());
        JsonNode daily = body.get("daily_stats").get(0);
        assertEquals("2026-02-28", daily.get("date").asText());
        assertEquals(6, daily.get("success").asLong());
        assertEquals(2, daily.get("failed").asLong());
        assertEquals(0, body.get("hourly_stats").size());
        assertEquals("run-1", body.get("recent_records").get(0).get("execution_id").asText());
    }

    @Test
    void aFreshlyComputedAnswerIsAMiss() {
        HttpResponse<String> response = server.get("/api/dashboard?days=0");

        assertEquals("MISS", response.headers().firstValue("X-Cache").orElseThrow());
        JsonNode body = LiveServer.json(response);
        assertTrue(body.get("from").isNull());
        assertNull(body.get("from").textValue());
    }
}
