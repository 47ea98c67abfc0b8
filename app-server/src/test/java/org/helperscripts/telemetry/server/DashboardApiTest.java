package org.helperscripts.telemetry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.helperscripts.telemetry.domain.ExitCodeCatalogue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GET /api/dashboard of the wired server on the embedded store, over real HTTP, against a known
 * data set: every figure is computed again here from the runs the test posted.
 */
class DashboardApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-23T15:30:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private static final String[] APPS = {"jellyfin", "plex", "adguard", "homeassistant", "nextcloudpi", "vaultwarden"};
    private static final String[] OS = {"debian", "ubuntu", "alpine"};
    private static final String[] METHODS = {"default", "advanced"};
    private static final String[] PVE = {"8.2.4", "8.3.2", "9.0.3"};
    private static final String[] REPOS = {"ProxmoxVE", "ProxmoxVE", "ProxmoxVE", "ProxmoxVED", "external"};
    private static final String[] CPUS = {"intel", "amd"};
    private static final int[] EXIT_CODES = {1, 100, 127, 137, 255};

    @TempDir
    static Path dataDir;

    private static final MovableClock CLOCK = new MovableClock(NOW);
    private static final List<PostedRun> RUNS = new ArrayList<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static RunningServer server;

    @BeforeAll
    static void postAKnownDataSet() throws Exception {
        server = startServer();
        Random random = new Random(20261123);
        for (int i = 0; i < 400; i++) {
            PostedRun run = PostedRun.random("run-" + i, random);
            RUNS.add(run);
            CLOCK.now = run.created;
            assertEquals(202, post(run.installing()));
            if (run.finalStatus != null) {
                CLOCK.now = run.created.plusSeconds(300);
                assertEquals(202, post(run.finished()));
            }
        }
        CLOCK.now = NOW;
        // a restart warms the cache over the whole data set, as a server started on a full store does
        server.close();
        server = startServer();
    }

    private static RunningServer startServer() {
        return RunningServer.start(ServerConfiguration.read(Map.of("LISTEN_ADDR", "127.0.0.1:0",
                "DATA_DIR", dataDir.toString(), "RATE_LIMIT_RPM", "0")), CLOCK);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void sevenDaysOfEveryRepositoryCountEveryRunOfThoseDays() throws Exception {
        JsonNode dashboard = dashboard("days=7&repo=all");
        List<PostedRun> runs = runs(run -> !run.day().isBefore(TODAY.minusDays(6)));

        assertFigures(runs, dashboard);
        assertEquals(7, dashboard.get("daily_stats").size());
    }

    @Test
    void oneRepositoryCountsOnlyItsRuns() throws Exception {
        JsonNode dashboard = dashboard("days=30&repo=ProxmoxVED");

        assertFigures(runs(run -> run.repo.equals("ProxmoxVED")), dashboard);
        assertEquals("ProxmoxVED", dashboard.get("repo").asText());
    }

    @Test
    void everyRecordWithTheDefaultRepository() throws Exception {
        JsonNode dashboard = dashboard("days=0");

        assertFigures(runs(run -> run.repo.equals("ProxmoxVE")), dashboard);
        assertEquals(400, RUNS.size());
    }

    @Test
    void theLastDayIsCountedByHour() throws Exception {
        JsonNode dashboard = dashboard("days=1&repo=all");
        Instant from = NOW.truncatedTo(ChronoUnit.HOURS).minus(23, ChronoUnit.HOURS);
        List<PostedRun> runs = runs(run -> !run.created.isBefore(from));

        assertEquals(runs.size(), dashboard.get("total_installs").asLong());
        JsonNode hourly = dashboard.get("hourly_stats");
        assertEquals(24, hourly.size());
        long successInHours = 0;
        for (JsonNode hour : hourly) {
            successInHours += hour.get("success").asLong();
        }
        assertEquals(runs.stream().filter(run -> "success".equals(run.status())).count(), successInHours);
    }

    @Test
    void aSecondRequestComesFromTheCache() throws Exception {
        HttpResponse<String> first = get("/api/dashboard?days=90&repo=external");
        HttpResponse<String> second = get("/api/dashboard?days=90&repo=external");

        assertEquals("MISS", first.headers().firstValue("X-Cache").orElseThrow());
        assertEquals("HIT", second.headers().firstValue("X-Cache").orElseThrow());
        assertFalse(JSON.readTree(first.body()).get("from_cache").asBoolean());
        assertTrue(JSON.readTree(second.body()).get("from_cache").asBoolean());
    }

    private static void assertFigures(List<PostedRun> runs, JsonNode dashboard) {
        long success = count(runs, "success");
        long failed = count(runs, "failed");
        assertEquals(runs.size(), dashboard.get("total_installs").asLong(), "total_installs");
        assertEquals(success, dashboard.get("success_count").asLong(), "success_count");
        assertEquals(failed, dashboard.get("failed_count").asLong(), "failed_count");
        assertEquals(count(runs, "aborted"), dashboard.get("aborted_count").asLong(), "aborted_count");
        assertEquals(count(runs, "installing"), dashboard.get("installing_count").asLong(), "installing_count");
        assertEquals(count(runs, "unknown"), dashboard.get("unknown_count").asLong(), "unknown_count");
        assertEquals(round(success * 100.0 / (success + failed)), dashboard.get("success_rate").asDouble(), "rate");

        assertEquals(ranked(runs, run -> true, run -> run.app), pairs(dashboard.get("top_apps"), "app"), "top_apps");
        assertEquals(ranked(runs, run -> true, run -> run.os), pairs(dashboard.get("os_distribution"), "os"), "os");
        assertEquals(ranked(runs, run -> true, run -> run.method), pairs(dashboard.get("method_stats"), "method"),
                "methods");
        assertEquals(ranked(runs, run -> true, run -> run.pve), pairs(dashboard.get("pve_versions"), "version"),
                "pve_versions");
        assertEquals(ranked(runs, run -> true, run -> run.cpu), pairs(dashboard.get("cpu_vendors"), "vendor"), "cpus");
        assertEquals(ranked(runs, run -> true, run -> "lxc"), pairs(dashboard.get("type_stats"), "type"), "types");
        assertEquals(ranked(runs, run -> "failed".equals(run.finalStatus), run -> run.category()),
                pairs(dashboard.get("error_categories"), "category"), "error_categories");
        assertEquals(ranked(runs, run -> run.gpu != null, run -> run.gpu + "/" + run.passthrough),
                gpuPairs(dashboard.get("gpu_stats")), "gpu_stats");

        double duration = runs.stream().filter(run -> "success".equals(run.finalStatus))
                .mapToInt(run -> run.duration).average().orElse(0);
        assertEquals(round(duration), dashboard.get("avg_install_duration").asDouble(), "avg_install_duration");

        assertExitCodes(runs, dashboard.get("exit_code_stats"));
        assertFailedApps(runs, dashboard.get("failed_apps"));
        assertDailyStats(runs, dashboard.get("daily_stats"));
        long withError = runs.stream().filter(run -> "failed".equals(run.finalStatus)).count();
        long inPatterns = 0;
        for (JsonNode pattern : dashboard.get("error_analysis")) {
            inPatterns += pattern.get("count").asLong();
        }
        assertEquals(withError, inPatterns, "every failed run's error text is in one pattern");
    }

    private static void assertExitCodes(List<PostedRun> runs, JsonNode stats) {
        ExitCodeCatalogue catalogue = ExitCodeCatalogue.standard();
        Map<String, Long> expected = ranked(runs, run -> "failed".equals(run.finalStatus), run -> "" + run.exitCode);
        long failed = expected.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Long> actual = new LinkedHashMap<>();
        for (JsonNode stat : stats) {
            int code = stat.get("exit_code").asInt();
            actual.put("" + code, stat.get("count").asLong());
            assertEquals(catalogue.describe(code).description(), stat.get("description").asText());
            assertEquals(round(stat.get("count").asLong() * 100.0 / failed), stat.get("percentage").asDouble());
        }
        assertEquals(expected, actual, "exit_code_stats");
    }

    private static void assertFailedApps(List<PostedRun> runs, JsonNode failedApps) {
        Map<String, long[]> finished = new LinkedHashMap<>();
        for (PostedRun run : runs) {
            if ("success".equals(run.finalStatus) || "failed".equals(run.finalStatus)) {
                long[] counts = finished.computeIfAbsent(run.app, app -> new long[2]);
                counts[0]++;
                counts[1] += "failed".equals(run.finalStatus) ? 1 : 0;
            }
        }
        List<String> expected = finished.entrySet().stream()
                .filter(entry -> entry.getValue()[0] >= RunningServer.FAILED_APP_MINIMUM_RUNS && entry.getValue()[1] > 0)
                .sorted(Comparator.<Map.Entry<String, long[]>>comparingDouble(
                                entry -> -(double) entry.getValue()[1] / entry.getValue()[0])
                        .thenComparing(entry -> -entry.getValue()[1]).thenComparing(Map.Entry::getKey))
                .map(entry -> entry.getKey() + " " + entry.getValue()[0] + " " + entry.getValue()[1] + " "
                        + round(entry.getValue()[1] * 100.0 / entry.getValue()[0]))
                .toList();
        List<String> actual = new ArrayList<>();
        for (JsonNode app : failedApps) {
            actual.add(app.get("app").asText() + " " + app.get("total_count").asLong() + " "
                    + app.get("failed_count").asLong() + " " + app.get("failure_rate").asDouble());
        }
        assertEquals(expected, actual, "failed_apps");
    }

    private static void assertDailyStats(List<PostedRun> runs, JsonNode daily) {
        for (JsonNode day : daily) {
            LocalDate date = LocalDate.parse(day.get("date").asText());
            List<PostedRun> ofDay = runs.stream().filter(run -> run.day().equals(date)).toList();
            assertEquals(count(ofDay, "success"), day.get("success").asLong(), "success on " + date);
            assertEquals(count(ofDay, "failed"), day.get("failed").asLong(), "failed on " + date);
        }
        long inSeries = 0;
        for (JsonNode day : daily) {
            inSeries += day.get("success").asLong() + day.get("failed").asLong() + day.get("aborted").asLong()
                    + day.get("installing").asLong() + day.get("unknown").asLong();
        }
        assertEquals(runs.size(), inSeries, "every run is in one day");
    }

    private static List<PostedRun> runs(Predicate<PostedRun> kept) {
        return RUNS.stream().filter(kept).toList();
    }

    private static long count(List<PostedRun> runs, String status) {
        return runs.stream().filter(run -> status.equals(run.status())).count();
    }

    /** Runs per value, most first, ties by value: the order the dashboard lists them in. */
    private static Map<String, Long> ranked(List<PostedRun> runs, Predicate<PostedRun> kept,
                                            Function<PostedRun, String> value) {
        Map<String, Long> counts = runs.stream().filter(kept).collect(Collectors.groupingBy(value, Collectors.counting()));
        Map<String, Long> ranked = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(entry -> ranked.put(entry.getKey(), entry.getValue()));
        return ranked;
    }

    private static Map<String, Long> pairs(JsonNode list, String nameField) {
        Map<String, Long> pairs = new LinkedHashMap<>();
        for (JsonNode item : list) {
            pairs.put(item.get(nameField).asText(), item.get("count").asLong());
        }
        return pairs;
    }

    private static Map<String, Long> gpuPairs(JsonNode list) {
        Map<String, Long> pairs = new LinkedHashMap<>();
        for (JsonNode item : list) {
            pairs.put(item.get("vendor").asText() + "/" + item.get("passthrough").asText(), item.get("count").asLong());
        }
        return pairs;
    }

    private static double round(double value) {
        return Math.round(value * 10.0) / 10.0;
    }

    private static JsonNode dashboard(String query) throws Exception {
        HttpResponse<String> response = get("/api/dashboard?" + query);
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int post(String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/telemetry"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** One run as the test posted it: what the dashboard must find. */
    private static final class PostedRun {
        final String id;
        final Instant created;
        final String app;
        final String os;
        final String method;
        final String pve;
        final String repo;
        final String cpu;
        final String gpu;
        final String passthrough;
        final String finalStatus;
        final int exitCode;
        final int duration;

        private PostedRun(String id, Instant created, String app, String os, String method, String pve, String repo,
                          String cpu, String gpu, String passthrough, String finalStatus, int exitCode, int duration) {
            this.id = id;
            this.created = created;
            this.app = app;
            this.os = os;
            this.method = method;
            this.pve = pve;
            this.repo = repo;
            this.cpu = cpu;
            this.gpu = gpu;
            this.passthrough = passthrough;
            this.finalStatus = finalStatus;
            this.exitCode = exitCode;
            this.duration = duration;
        }

        static PostedRun random(String id, Random random) {
            // twelve days back, so the seven-day range leaves some out; never after NOW
            Instant created = NOW.minusSeconds(random.nextInt(12 * 86_400)).truncatedTo(ChronoUnit.SECONDS);
            int roll = random.nextInt(100);
            String status = roll < 60 ? "success" : roll < 80 ? "failed" : roll < 85 ? "aborted" : roll < 95 ? null
                    : "unknown";
            boolean gpu = random.nextInt(4) == 0;
            return new PostedRun(id, created, pick(APPS, random), pick(OS, random), pick(METHODS, random),
                    pick(PVE, random), pick(REPOS, random), pick(CPUS, random), gpu ? "intel" : null,
                    gpu ? (random.nextBoolean() ? "igpu" : "none") : null, status,
                    pick(EXIT_CODES, random), 60 + random.nextInt(600));
        }

        String status() {
            return finalStatus == null ? "installing" : finalStatus;
        }

        LocalDate day() {
            return LocalDate.ofInstant(created, ZoneOffset.UTC);
        }

        String category() {
            return ExitCodeCatalogue.standard().categoryOf(exitCode).wire();
        }

        String installing() {
            return """
                    {"random_id":"%s","execution_id":"%s","type":"lxc","nsapp":"%s","status":"installing",
                     "os_type":"%s","os_version":"12","pve_version":"%s","method":"%s","repo_source":"%s",
                     "cpu_vendor":"%s"%s}""".formatted(id, id, app, os, pve, method, repo, cpu,
                    gpu == null ? "" : ",\"gpu_vendor\":\"" + gpu + "\",\"gpu_passthrough\":\"" + passthrough + "\"");
        }

        String finished() {
            if ("failed".equals(finalStatus)) {
                return """
                        {"random_id":"%s","execution_id":"%s","type":"lxc","nsapp":"%s","status":"failed",
                         "exit_code":%d,"error":"E: Unable to locate package lib%s"}"""
                        .formatted(id, id, app, exitCode, id.replace("-", ""));
            }
            return """
                    {"random_id":"%s","execution_id":"%s","type":"lxc","nsapp":"%s","status":"%s",
                     "exit_code":0,"install_duration":%d}""".formatted(id, id, app, finalStatus, duration);
        }

        private static String pick(String[] values, Random random) {
            return values[random.nextInt(values.length)];
        }

        private static int pick(int[] values, Random random) {
            return values[random.nextInt(values.length)];
        }
    }
}
