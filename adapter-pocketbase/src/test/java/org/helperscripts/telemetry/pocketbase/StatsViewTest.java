package org.helperscripts.telemetry.pocketbase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.helperscripts.telemetry.domain.RepoSource;
import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.domain.Status;
import org.helperscripts.telemetry.pocketbase.testserver.Endpoint;
import org.helperscripts.telemetry.ports.out.StatsWindow;
import org.helperscripts.telemetry.ports.out.StoreUnavailableException;
import org.helperscripts.telemetry.ports.out.WindowStats;
import org.helperscripts.telemetry.ports.out.WindowStats.BucketCount;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The statistics views: created, updated, read instead of records, and what an ordinary account gets. */
class StatsViewTest {

    private static final Instant DAY0 = Instant.parse("2025-03-01T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PocketBaseFixture pocketBase = PocketBaseFixture.start();

    @AfterEach
    void stop() {
        pocketBase.close();
    }

    @Test
    void aSuperuserStoreCreatesEveryViewWithSuperuserOnlyRules() {
        pocketBase.open();

        for (StatsView view : StatsView.all()) {
            PocketBaseFixture.Answer answer = pocketBase.asSuperuser("GET", "/api/collections/" + view.name("telemetry"), null);
            assertEquals(200, answer.status(), view.name("telemetry"));
            assertEquals("view", answer.body().path("type").asText());
            assertTrue(answer.body().path("listRule").isNull());
            assertEquals(view.query("telemetry"), answer.body().path("viewQuery").asText());
        }
        assertEquals(StatsView.all().size(), 11);
        assertTrue(StatsView.all().stream().map(view -> view.name("telemetry")).toList()
                .containsAll(List.of("telemetry_apps_by_day", "telemetry_runs_by_hour", "telemetry_errors_by_day")));
    }

    @Test
    void aViewWithAnOlderQueryGetsTheNewOneAndKeepsItsRules() {
        pocketBase.open().close();
        String name = "telemetry_os_types_by_day";
        String older = "SELECT MIN(id) AS id, os_type, COUNT(*) AS runs FROM `telemetry` GROUP BY os_type";
        ObjectNode change = JSON.createObjectNode().put("viewQuery", older).put("listRule", "@request.auth.id != ''");
        assertEquals(200, pocketBase.asSuperuser("PATCH", "/api/collections/" + name, change.toString()).status());
        pocketBase.server.requests().clear();

        pocketBase.open();

        PocketBaseFixture.Answer view = pocketBase.asSuperuser("GET", "/api/collections/" + name, null);
        assertEquals(new StatsView(StatsView.Figure.OS_TYPES, ChronoUnit.DAYS).query("telemetry"),
                view.body().path("viewQuery").asText());
        assertEquals("@request.auth.id != ''", view.body().path("listRule").asText());
        assertEquals(1, pocketBase.server.requests().count(Endpoint.UPDATE_COLLECTION), "only the outdated view changes");
        assertEquals(0, pocketBase.server.requests().count(Endpoint.CREATE_COLLECTION));
    }

    @Test
    void aWindowOfWholeDaysIsReadFromTheViewsWithoutListingARecord() {
        PocketBaseReportStore store = pocketBase.open();
        for (int i = 0; i < 30; i++) {
            Instant created = DAY0.plus(i * 5L, ChronoUnit.HOURS);
            store.apply("run-" + i, SampleReports.creating(new Run(SampleReports.required("run-" + i,
                    i % 4 == 0 ? Status.FAILED : Status.SUCCESS), created, created))).join();
        }
        pocketBase.server.requests().clear();

        WindowStats stats = store.aggregate(new StatsWindow(DAY0, DAY0.plus(7, ChronoUnit.DAYS), null, ChronoUnit.DAYS));

        assertEquals(30, stats.series().stream().mapToLong(BucketCount::count).sum());
        assertEquals(0, pocketBase.server.requests().count(Endpoint.LIST_RECORDS, "telemetry"), "no record read");
        assertEquals(10, pocketBase.server.requests().count(Endpoint.LIST_RECORDS),
                "one page of each day view: the window's rows fit in one page per figure");
    }

    @Test
    void recordsOfOlderWritersCountUnderTheirOldCreationTimeAndAsProxmoxVe() {
        ObjectNode lenient = openDefinition();
        lenient.path("fields").forEach(field -> ((ObjectNode) field).put("required", false));
        assertEquals(200, pocketBase.asSuperuser("POST", "/api/collections", lenient.toString()).status());
        PocketBaseReportStore store = pocketBase.open();
        // the previous service's migration: no first_seen, the original time in old_created, no repo_source
        String older = "{\"random_id\":\"s-1\",\"execution_id\":\"old-1\",\"type\":\"lxc\",\"nsapp\":\"docker\","
                + "\"status\":\"success\",\"install_duration\":40,\"old_created\":\"2025-03-02 10:00:00.000Z\"}";
        assertEquals(200, pocketBase.asSuperuser("POST", "/api/collections/telemetry/records", older).status());

        WindowStats days = store.aggregate(new StatsWindow(DAY0, DAY0.plus(3, ChronoUnit.DAYS), RepoSource.PROXMOX_VE,
                ChronoUnit.DAYS));
        WindowStats edge = store.aggregate(new StatsWindow(DAY0.plus(33, ChronoUnit.HOURS),
                DAY0.plus(35, ChronoUnit.HOURS).plusSeconds(1), RepoSource.PROXMOX_VE, ChronoUnit.HOURS));

        for (WindowStats stats : List.of(days, edge)) {
            assertEquals(List.of(new BucketCount(stats == days ? DAY0.plus(1, ChronoUnit.DAYS) : DAY0.plus(34, ChronoUnit.HOURS),
                    Status.SUCCESS, 1)), stats.series());
            assertEquals(new WindowStats.DurationSummary(1, 40), stats.successDurations());
        }
        assertEquals(store.find("old-1").orElseThrow().created(), Instant.parse("2025-03-02T10:00:00Z"));
    }

    @Test
    void anOrdinaryAccountReadsViewsThatASuperuserCreatedAndOpened() {
        PocketBaseReportStore admin = pocketBase.open();
        admin.apply("run-1", SampleReports.creating(new Run(SampleReports.required("run-1", Status.SUCCESS), DAY0, DAY0))).join();
        openRules("telemetry");
        for (StatsView view : StatsView.all()) {
            openRules(view.name("telemetry"));
        }

        PocketBaseReportStore store = pocketBase.open(pocketBase.settings(pocketBase.server.user()));
        WindowStats stats = store.aggregate(new StatsWindow(DAY0, DAY0.plus(1, ChronoUnit.DAYS), null, ChronoUnit.DAYS));

        assertEquals(List.of(new BucketCount(DAY0, Status.SUCCESS, 1)), stats.series());
    }

    @Test
    void anOrdinaryAccountWithoutTheViewsGetsAnErrorNamingTheMissingView() {
        PocketBaseFixture.Answer created = pocketBase.asSuperuser("POST", "/api/collections",
                openDefinition().toString());
        assertEquals(200, created.status(), created.body().toString());
        pocketBase.server.requests().clear();

        PocketBaseReportStore store = pocketBase.open(pocketBase.settings(pocketBase.server.user()));
        StoreUnavailableException refused = assertThrows(StoreUnavailableException.class,
                () -> store.aggregate(new StatsWindow(DAY0, DAY0.plus(1, ChronoUnit.DAYS), null, ChronoUnit.DAYS)));

        assertTrue(refused.getMessage().contains("view 'telemetry_apps_by_day' does not exist"), refused.getMessage());
        assertTrue(refused.getMessage().contains("superuser"), refused.getMessage());
        assertEquals(0, pocketBase.server.requests().count(Endpoint.CREATE_COLLECTION), "the account tried no view");
        assertFalse(refused.getMessage().contains(pocketBase.server.user().password()));
    }

    private ObjectNode openDefinition() {
        ObjectNode definition = new CollectionBootstrap(null, JSON, PocketBaseFixture.COLLECTION).definition();
        for (String rule : List.of("listRule", "viewRule", "createRule", "updateRule")) {
            definition.put(rule, "@request.auth.id != ''");
        }
        return definition;
    }

    private void openRules(String collection) {
        String rules = "{\"listRule\":\"@request.auth.id != ''\",\"viewRule\":\"@request.auth.id != ''\"}";
        if (collection.equals("telemetry")) {
            rules = "{\"listRule\":\"@request.auth.id != ''\",\"viewRule\":\"@request.auth.id != ''\","
                    + "\"createRule\":\"@request.auth.id != ''\",\"updateRule\":\"@request.auth.id != ''\"}";
        }
        PocketBaseFixture.Answer answer = pocketBase.asSuperuser("PATCH", "/api/collections/" + collection, rules);
        assertEquals(200, answer.status(), answer.body().toString());
    }
}
