package org.helperscripts.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.helperscripts.telemetry.ports.in.Dashboard;
import org.helperscripts.telemetry.ports.in.DashboardRequest;
import org.helperscripts.telemetry.ports.out.CachedAnswer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** GET /metrics over real HTTP, in the Prometheus text format. */
class MetricsEndpointTest {

    private final LiveServer server = LiveServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void ingestionOutcomesAreCountedByReason() {
        server.postReport(TestReports.lxcInstalling("run-1"));
        server.postReport(TestReports.with(TestReports.lxcInstalling("run-2"), "shoe_size", 44));
        server.postReport(TestReports.with(TestReports.lxcInstalling("run-3"), "status", "exploded"));

        String metrics = scrape();

        assertEquals(2.0, value(metrics, "telemetry_reports_accepted_total"));
        assertEquals(1.0, value(metrics, "telemetry_reports_rejected_total{reason=\"invalid_report\"}"));
        assertEquals(0.0, value(metrics, "telemetry_reports_rejected_total{reason=\"rate_limited\"}"));
        assertEquals(1.0, value(metrics, "telemetry_reports_unknown_fields_total"));
        assertEquals(2.0, value(metrics, "telemetry_store_write_seconds_count"));
        assertEquals(0.0, value(metrics, "telemetry_store_pending_writes"));
    }

    @Test
    void theInstallGaugesAreTheLastDayOfEveryRepository() {
        server.dashboard.answer = new CachedAnswer<>(new Dashboard(1, "all", null, LiveServer.NOW,
                new Dashboard.Totals(40, 27, 9, 2, 2, 0, 75.0), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), 0, 0, List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), 0.0, List.of()), true, LiveServer.NOW);

        String metrics = scrape();

        assertEquals(40.0, value(metrics, "telemetry_installs_total"));
        assertEquals(27.0, value(metrics, "telemetry_installs_success_total"));
        assertEquals(9.0, value(metrics, "telemetry_installs_failed_total"));
        assertEquals(2.0, value(metrics, "telemetry_installs_pending"));
        assertEquals(75.0, value(metrics, "telemetry_success_rate"));
        assertTrue(server.dashboard.requests.stream().allMatch(new DashboardRequest(1, null)::equals));
    }

    @Test
    void theJvmIsThereToo() {
        String metrics = scrape();

        assertTrue(value(metrics, "jvm_memory_used_bytes{area=\"heap\",id=\"G1 Eden Space\"}") >= 0
                || metrics.contains("jvm_memory_used_bytes{area=\"heap\""), metrics);
        assertTrue(metrics.contains("process_uptime_seconds"));
        assertTrue(metrics.contains("jvm_threads_live_threads"));
    }

    private String scrape() {
        HttpResponse<String> response = server.get("/metrics");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"));
        return response.body();
    }

    /** The value of one sample line, by its name and labels as written. */
    private static double value(String metrics, String sample) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(metrics);
        if (!line.find()) {
            throw new AssertionError("no sample " + sample + " in:\n" + metrics);
        }
        return Double.parseDouble(line.group(1));
    }
}
