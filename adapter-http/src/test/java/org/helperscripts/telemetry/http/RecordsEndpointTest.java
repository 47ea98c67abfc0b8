package org.helperscripts.telemetry.http;

import static org.helperscripts.telemetry.http.TestReports.lxcInstalling;
import static org.helperscripts.telemetry.http.TestReports.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.helperscripts.telemetry.domain.InstallType;
import org.helperscripts.telemetry.domain.ReportField;
import org.helperscripts.telemetry.domain.RepoSource;
import org.helperscripts.telemetry.domain.Status;
import org.helperscripts.telemetry.ports.out.RecordQuery;
import org.helperscripts.telemetry.ports.out.RecordSort;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class RecordsEndpointTest {

    private static final Instant T0 = Instant.parse("2026-02-01T08:00:00Z");

    private static LiveServer live;

    @BeforeAll
    static void startServer() {
        live = LiveServer.start();
    }

    @AfterAll
    static void stopServer() {
        live.close();
    }

    @BeforeEach
    void emptyHealthyStore() {
        live.store.reset();
    }

    /** Five runs that differ in every filterable way, created one hour apart in this order. */
    private static void storeFiveRuns() {
        seed(1, "docker", "success", "lxc", "debian", "ProxmoxVE", 100);
        seed(2, "homeassistant", "failed", "vm", "debian", "ProxmoxVED", 300);
        seed(3, "docker-compose", "failed", "lxc", "ubuntu", "ProxmoxVE", 50);
        seed(4, "jellyfin", "installing", "lxc", "alpine", "my-fork", null);
        seed(5, "adguard", "success", "lxc", "debian", "ProxmoxVE", 200);
    }

    private static void seed(int hour, String nsapp, String status, String type, String os, String repo,
                             Integer duration) {
        Map<String, Object> report = with(with(with(with(with(lxcInstalling("seed-" + hour),
                "nsapp", nsapp), "status", status), "type", type), "os_type", os), "repo_source", repo);
        report.put("install_duration", duration);
        Instant created = T0.plus(Duration.ofHours(hour));
        // Updated in the reverse order, so that sorting by it differs from sorting by created.
        live.store.put(TestReports.run(report, created, T0.plus(Duration.ofHours(10 - hour))));
    }

    @Test
    void answersTheFirstPageOf25NewestFirstByDefault() {
        for (int i = 1; i <= 30; i++) {
            Instant created = T0.plus(Duration.ofMinutes(i));
            live.store.put(TestReports.run(lxcInstalling(String.format("run-%02d", i)), created, created));
        }

        HttpResponse<String> answer = live.get("/api/records");

        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode page = LiveServer.json(answer);
        assertEquals(1, page.path("page").asInt());
        assertEquals(25, page.path("limit").asInt());
        assertEquals(30, page.path("total").asLong());
        assertEquals(2, page.path("total_pages").asLong());
        assertEquals(25, page.path("records").size());
        assertEquals("run-30", page.path("records").get(0).path("random_id").asText());
        assertEquals("run-06", page.path("records").get(24).path("random_id").asText());
        assertEquals(RecordQuery.newest(1, 25), live.store.lastQuery());
        assertEquals("no-store", answer.headers().firstValue("Cache-Control").orElse(null));
    }

    @Test
    void answersAnEmptyPageWhenNothingIsStored() {
        HttpResponse<String> answer = live.get("/api/records?page=3");

        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode page = LiveServer.json(answer);
        assertEquals(0, page.path("records").size());
        assertEquals(3, page.path("page").asInt());
        assertEquals(0, page.path("total").asLong());
        assertEquals(0, page.path("total_pages").asLong());
    }

    // Every parameter must arrive in the store's query as the typed value it stands for.
    @Test
    void handsEveryParameterToTheStoreAsItsTypedValue() {
        storeFiveRuns();

        HttpResponse<String> answer = live.get("/api/records?page=1&limit=10&status=FAILED&app=Dock&os=Ubuntu"
                + "&type=LXC&repo=ProxmoxVE&sort=-install_duration");

        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(new RecordQuery(1, 10, Status.FAILED, "Dock", "ubuntu", InstallType.LXC, RepoSource.PROXMOX_VE,
                RecordSort.LONGEST_INSTALL_FIRST), live.store.lastQuery());
        assertEquals(List.of("docker-compose"), nsapps(LiveServer.json(answer)));
    }

    static Stream<Arguments> filters() {
        return Stream.of(
                filter("status=failed", "docker-compose", "homeassistant"),
                filter("status=SUCCESS", "adguard", "docker"),
                filter("app=DOCK", "docker-compose", "docker"),
                filter("os=Debian", "adguard", "homeassistant", "docker"),
                filter("type=vm", "homeassistant"),
                filter("repo=ProxmoxVED", "homeassistant"),
                filter("repo=external", "jellyfin"),
                filter("repo=all", "adguard", "jellyfin", "docker-compose", "homeassistant", "docker"),
                filter("sort=created", "docker", "homeassistant", "docker-compose", "jellyfin", "adguard"),
                filter("sort=-created", "adguard", "jellyfin", "docker-compose", "homeassistant", "docker"),
                filter("sort=-updated", "docker", "homeassistant", "docker-compose", "jellyfin", "adguard"),
                filter("sort=nsapp", "adguard", "docker", "docker-compose", "homeassistant", "jellyfin"),
                filter("sort=-nsapp", "jellyfin", "homeassistant", "docker-compose", "docker", "adguard"),
                filter("sort=-install_duration", "homeassistant", "adguard", "docker", "docker-compose", "jellyfin"),
                filter("status=failed&app=docker", "docker-compose"),
                filter("page=2&limit=2", "docker-compose", "homeassistant"),
                filter("page=3&limit=2", "docker"),
                filter("page=4&limit=2"),
                filter("app=nothing-like-this"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filters")
    void answersWhatTheStoreFindsForTheQuery(String query, List<String> expectedApps) {
        storeFiveRuns();

        HttpResponse<String> answer = live.get("/api/records?" + query);

        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(expectedApps, nsapps(LiveServer.json(answer)));
    }

    // The sort spellings are an allowlist: each must reach the store as its own order.
    @ParameterizedTest(name = "sort={0}")
    @CsvSource(delimiter = '|', value = {
        "-created          | NEWEST_FIRST",
        "created           | OLDEST_FIRST",
        "-updated          | UPDATED_NEWEST_FIRST",
        "nsapp             | APP_A_TO_Z",
        "-nsapp            | APP_Z_TO_A",
        "status            | STATUS_A_TO_Z",
        "-install_duration | LONGEST_INSTALL_FIRST",
        "%20nsapp%20       | APP_A_TO_Z",
    })
    void handsEachSortSpellingToTheStoreAsItsOrder(String spelling, RecordSort order) {
        storeFiveRuns();

        HttpResponse<String> answer = live.get("/api/records?sort=" + spelling);

        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(5, LiveServer.json(answer).path("total").asLong());
        assertEquals(order, live.store.lastQuery().sort());
    }

    @Test
    void namesEveryBadParameterAndNeverAsksTheStore() {
        HttpResponse<String> answer = live.get("/api/records?limit=101&page=0&status=bogus&sort=id%3Bdrop%20table");

        assertEquals(400, answer.statusCode(), answer.body());
        JsonNode json = LiveServer.json(answer);
        assertEquals("invalid query", json.path("error").asText());
        assertEquals(List.of("page", "limit", "status", "sort"), violatedFields(json));
        assertNull(live.store.lastQuery());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "limit=101                 | limit  | must be a whole number from 1 to 100",
        "limit=0                   | limit  | must be a whole number from 1 to 100",
        "limit=ten                 | limit  | must be a whole number from 1 to 100",
        "page=0                    | page   | must be a whole number from 1 to 1000000",
        "page=-1                   | page   | must be a whole number from 1 to 1000000",
        "page=99999999999          | page   | must be a whole number from 1 to 1000000",
        "status=bogus              | status | must be one of: installing",
        "type=container            | type   | must be one of: lxc",
        "repo=gitlab               | repo   | must be one of: all, ProxmoxVE",
        "sort=id%3Bdrop%20table    | sort   | must be one of: ",
        "sort=created%20desc       | sort   | must be one of: ",
        "app=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | app    | must be at most 64 characters",
        "os=ooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooo | os     | must be at most 64 characters",
    })
    void refusesABadParameterByName(String query, String parameter, String message) {
        HttpResponse<String> answer = live.get("/api/records?" + query);

        assertEquals(400, answer.statusCode(), answer.body());
        JsonNode json = LiveServer.json(answer);
        assertEquals("invalid query", json.path("error").asText());
        assertEquals(List.of(parameter), violatedFields(json));
        assertTrue(json.path("violations").get(0).path("message").asText().startsWith(message), answer.body());
        assertNull(live.store.lastQuery());
    }

    @Test
    void showsARecordWithEveryWireFieldAndItsTimesInIso8601() {
        Map<String, Object> report = with(with(lxcInstalling("shown-1"), "status", "failed"), "exit_code", 100);
        report.put("error", "E: Unable to locate package foo");
        report.put("gpu_vendor", "nvidia");
        report.put("has_arm", false);
        live.store.put(TestReports.run(report, Instant.parse("2026-02-03T04:05:06Z"),
                Instant.parse("2026-02-03T04:15:00.250Z")));

        HttpResponse<String> answer = live.get("/api/records");

        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode record = LiveServer.json(answer).path("records").get(0);
        Set<String> expectedNames = new LinkedHashSet<>();
        for (ReportField field : ReportField.values()) {
            expectedNames.add(field.wireName());
        }
        expectedNames.add("created");
        expectedNames.add("updated");
        assertEquals(expectedNames, fieldNames(record));
        assertEquals("shown-1", record.path("random_id").asText());
        assertEquals("lxc", record.path("type").asText());
        assertEquals("failed", record.path("status").asText());
        assertEquals(8, record.path("disk_size").asInt());
        assertEquals(100, record.path("exit_code").asInt());
        assertEquals("E: Unable to locate package foo", record.path("error").asText());
        assertEquals("nvidia", record.path("gpu_vendor").asText());
        assertEquals("ProxmoxVE", record.path("repo_source").asText());
        assertTrue(record.path("has_arm").isBoolean());
        assertTrue(record.path("cpu_model").isNull());
        assertEquals("2026-02-03T04:05:06Z", record.path("created").asText());
        assertEquals("2026-02-03T04:15:00.250Z", record.path("updated").asText());
    }

    // A read during an outage is not a rejected report: it must not inflate the ingestion counters.
    @Test
    void answers503WhileTheStoreIsDownWithoutCountingARejectedReport() {
        IngestionCounts before = IngestionCounts.of(live);
        live.store.goDown();

        HttpResponse<String> answer = live.get("/api/records");

        assertEquals(503, answer.statusCode(), answer.body());
        assertEquals(ErrorAnswers.RETRY_AFTER_SECONDS, answer.headers().firstValue("Retry-After").orElse(null));
        assertEquals("store unavailable, try again later", LiveServer.json(answer).path("error").asText());
        live.store.comeBack();
        IngestionCounts.assertMovedSince(before, live, Map.of());
    }

    private static List<String> nsapps(JsonNode page) {
        List<String> apps = new ArrayList<>();
        for (JsonNode record : page.path("records")) {
            apps.add(record.path("nsapp").asText());
        }
        return apps;
    }

    private static List<String> violatedFields(JsonNode answer) {
        List<String> fields = new ArrayList<>();
        for (JsonNode violation : answer.path("violations")) {
            fields.add(violation.path("field").asText());
        }
        return fields;
    }

    private static Set<String> fieldNames(JsonNode record) {
        Set<String> names = new LinkedHashSet<>();
        for (Map.Entry<String, JsonNode> field : record.properties()) {
            names.add(field.getKey());
        }
        return names;
    }

    private static Arguments filter(String query, String... expectedApps) {
        return Arguments.of(query, List.of(expectedApps));
    }
}
