package org.helperscripts.telemetry.pocketbase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.helperscripts.telemetry.domain.InstallType;
import org.helperscripts.telemetry.domain.RepoSource;
import org.helperscripts.telemetry.domain.Report;
import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.domain.Status;
import org.helperscripts.telemetry.ports.out.RecordPage;
import org.helperscripts.telemetry.ports.out.RecordQuery;
import org.helperscripts.telemetry.ports.out.RecordSort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageTest {

    /** Values that would widen the query if they were pasted into the filter text. */
    private static final String[] HOSTILE = {
            "x' || id != '", "x\" || id != \"", "x\\' || id != \\'", "x\\", "%", "_", "') || ('1' = '1", "\\",
            "x' // comment"};

    private final PocketBaseFixture pocketBase = PocketBaseFixture.start();
    private PocketBaseReportStore store;

    @BeforeEach
    void fill() {
        store = pocketBase.open();
        put("r1", "homeassistant", Status.SUCCESS, "debian", InstallType.LXC, RepoSource.PROXMOX_VE, 100, 1);
        put("r2", "HomeBridge", Status.FAILED, "ubuntu", InstallType.LXC, RepoSource.PROXMOX_VE, 300, 2);
        put("r3", "docker", Status.SUCCESS, "debian", InstallType.VM, RepoSource.PROXMOX_VED, 50, 3);
        put("r4", "jellyfin", Status.INSTALLING, "alpine", InstallType.LXC, RepoSource.EXTERNAL, null, 4);
        put("r5", "adguard", Status.FAILED, "debian", InstallType.LXC, RepoSource.PROXMOX_VE, 200, 5);
    }

    @AfterEach
    void stop() {
        pocketBase.close();
    }

    private void put(String key, String nsapp, Status status, String os, InstallType type, RepoSource repo,
                     Integer duration, int minute) {
        Report report = SampleReports.listed(key, nsapp, status, os, type, repo, duration);
        Instant at = SampleReports.T0.plusSeconds(60L * minute);
        store.apply(key, SampleReports.creating(new Run(report, at, at))).join();
    }

    private static List<String> keys(RecordPage page) {
        return page.records().stream().map(Run::runKey).toList();
    }

    private static RecordQuery query(Status status, String app, String os, InstallType type, RepoSource repo, RecordSort sort) {
        return new RecordQuery(1, 100, status, app, os, type, repo, sort);
    }

    @Test
    void newestFirstWithTotalsAndPages() {
        RecordPage first = store.page(RecordQuery.newest(1, 2));
        RecordPage third = store.page(RecordQuery.newest(3, 2));
        RecordPage past = store.page(RecordQuery.newest(4, 2));

        assertEquals(List.of("r5", "r4"), keys(first));
        assertEquals(5, first.total());
        assertEquals(3, first.totalPages());
        assertEquals(List.of("r1"), keys(third));
        assertEquals(List.of(), keys(past));
        assertEquals(5, past.total());
    }

    @Test
    void everySortOrdersAsItsNameSays() {
        assertEquals(List.of("r1", "r2", "r3", "r4", "r5"), keys(store.page(query(null, null, null, null, null, RecordSort.OLDEST_FIRST))));
        assertEquals(List.of("r5", "r3", "r1", "r2", "r4"), keys(store.page(query(null, null, null, null, null, RecordSort.APP_A_TO_Z))));
        assertEquals(List.of("r4", "r2", "r1", "r3", "r5"), keys(store.page(query(null, null, null, null, null, RecordSort.APP_Z_TO_A))));
        assertEquals(List.of("r2", "r5", "r1", "r3", "r4"), keys(store.page(query(null, null, null, null, null, RecordSort.LONGEST_INSTALL_FIRST))));
        assertEquals(List.of("r5", "r2", "r4", "r3", "r1"), keys(store.page(query(null, null, null, null, null, RecordSort.STATUS_A_TO_Z))));
    }

    @Test
    void updatedNewestFirstFollowsTheLastChange() {
        Report changed = SampleReports.listed("r1", "homeassistant", Status.FAILED, "debian", InstallType.LXC, RepoSource.PROXMOX_VE, 100);
        store.apply("r1", SampleReports.session(changed, SampleReports.T0.plusSeconds(3600))).join();

        assertEquals("r1", keys(store.page(query(null, null, null, null, null, RecordSort.UPDATED_NEWEST_FIRST))).get(0));
    }

    @Test
    void filtersCombineAndTotalsCountOnlyMatches() {
        RecordPage failedDebian = store.page(query(Status.FAILED, null, "debian", null, null, null));
        RecordPage lxcOnVe = store.page(query(null, null, null, InstallType.LXC, RepoSource.PROXMOX_VE, RecordSort.OLDEST_FIRST));
        RecordPage external = store.page(query(null, null, null, null, RepoSource.EXTERNAL, null));

        assertEquals(List.of("r5"), keys(failedDebian));
        assertEquals(1, failedDebian.total());
        assertEquals(List.of("r1", "r2", "r5"), keys(lxcOnVe));
        assertEquals(3, lxcOnVe.total());
        assertEquals(List.of("r4"), keys(external));
    }

    @Test
    void appFilterMatchesAPartIgnoringCase() {
        assertEquals(List.of("r2", "r1"), keys(store.page(query(null, "HOME", null, null, null, null))));
        assertEquals(List.of("r4"), keys(store.page(query(null, "lly", null, null, null, null))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x' || id != '", "x\" || id != \"", "x\\' || id != \\'", "x\\", "%", "_", "') || ('1' = '1",
            "\\", "x' // comment"})
    void aHostileAppOrOsFilterMatchesNothing(String hostile) {
        RecordPage byApp = store.page(query(null, hostile, null, null, null, null));
        RecordPage byOs = store.page(query(null, null, hostile, null, null, null));

        assertEquals(List.of(), keys(byApp));
        assertEquals(0, byApp.total());
        assertEquals(List.of(), keys(byOs));
        assertEquals(0, byOs.total());
    }

    @Test
    void hostileValuesMatchOnlyTheirLiteralTwin() {
        for (int i = 0; i < HOSTILE.length; i++) {
            String value = HOSTILE[i];
            String key = "h" + i;
            Report report = SampleReports.listed(key, "app" + value + "end", Status.SUCCESS, value, InstallType.LXC,
                    RepoSource.PROXMOX_VE, 1);
            store.apply(key, SampleReports.creating(new Run(report, SampleReports.T0, SampleReports.T0))).join();
        }

        for (int i = 0; i < HOSTILE.length; i++) {
            String value = HOSTILE[i];
            assertEquals(List.of("h" + i), keys(store.page(query(null, null, value, null, null, null))), "os " + value);
            List<String> byApp = keys(store.page(query(null, "p" + value + "e", null, null, null, null)));
            assertEquals(List.of("h" + i), byApp, "app " + value);
        }
    }

    @Test
    void aHostileRunKeyFindsOnlyItsOwnRecord() {
        for (int i = 0; i < HOSTILE.length; i++) {
            String key = HOSTILE[i];
            assertTrue(store.find(key).isEmpty(), key);
            Run run = new Run(SampleReports.required(key, Status.INSTALLING), SampleReports.T0, SampleReports.T0);
            store.apply(key, SampleReports.creating(run)).join();
        }

        for (String key : HOSTILE) {
            assertEquals(key, store.find(key).orElseThrow().runKey());
        }
        assertTrue(store.find("x").isEmpty());
        assertTrue(store.find("X\\").isEmpty());
        assertEquals(5 + HOSTILE.length, pocketBase.recordCount());
    }

    @Test
    void theEnumFiltersMatchExactly() {
        assertEquals(List.of("r5", "r2"), keys(store.page(query(Status.FAILED, null, null, null, null, null))));
        assertEquals(List.of("r3"), keys(store.page(query(null, null, null, InstallType.VM, null, null))));
        assertEquals(List.of("r3"), keys(store.page(query(null, null, null, null, RepoSource.PROXMOX_VED, null))));
    }

    @Test
    void recordsOfAnOlderWriterWithoutRepositoryCountAsProxmoxVe() {
        String legacy = "{\"random_id\":\"old\",\"execution_id\":\"old\",\"type\":\"lxc\",\"nsapp\":\"legacy\",\"status\":\"success\","
                + "\"repo_source\":\"\",\"first_seen\":\"2025-01-01 00:00:00.000Z\",\"last_change\":\"2025-01-01 00:00:00.000Z\"}";
        assertEquals(200, pocketBase.asSuperuser("POST", "/api/collections/telemetry/records", legacy).status());

        List<String> onVe = keys(store.page(query(null, "legacy", null, null, RepoSource.PROXMOX_VE, null)));

        assertEquals(List.of("old"), onVe);
    }
}
