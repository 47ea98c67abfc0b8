package org.helperscripts.telemetry.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.helperscripts.telemetry.domain.InstallType;
import org.helperscripts.telemetry.domain.RepoSource;
import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.domain.Status;
import org.helperscripts.telemetry.ports.out.RecordPage;
import org.helperscripts.telemetry.ports.out.RecordQuery;
import org.helperscripts.telemetry.ports.out.RecordSort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Six runs, created a minute apart (r1 first), each different in what pages filter and sort by.
 * Two script names differ only where LIKE would see a wildcard: under_score and underXscore.
 * Sorted by name without regard to case, Dockge comes after docker and under_score before
 * underXscore; a case-sensitive sort would put both pairs the other way round.
 */
@Timeout(60)
class PageTest {

    private static final Map<RecordSort, List<String>> EXPECTED_ORDERS = new EnumMap<>(Map.of(
            RecordSort.NEWEST_FIRST, List.of("r6", "r5", "r4", "r3", "r2", "r1"),
            RecordSort.OLDEST_FIRST, List.of("r1", "r2", "r3", "r4", "r5", "r6"),
            RecordSort.UPDATED_NEWEST_FIRST, List.of("r1", "r6", "r5", "r4", "r3", "r2"),
            RecordSort.APP_A_TO_Z, List.of("r4", "r1", "r2", "r3", "r5", "r6"),
            RecordSort.APP_Z_TO_A, List.of("r6", "r5", "r3", "r2", "r1", "r4"),
            RecordSort.STATUS_A_TO_Z, List.of("r6", "r5", "r2", "r4", "r3", "r1"),
            RecordSort.LONGEST_INSTALL_FIRST, List.of("r5", "r1", "r2", "r4", "r6", "r3")));

    @TempDir
    Path dataDir;

    private SqliteReportStore store;

    @BeforeEach
    void fill() {
        store = SqliteReportStore.open(dataDir);
        add("r1", "docker", Status.SUCCESS, "debian", InstallType.LXC, RepoSource.PROXMOX_VE, 300, 1, 10);
        add("r2", "Dockge", Status.FAILED, "ubuntu", InstallType.LXC, RepoSource.PROXMOX_VE, 50, 2, 3);
        add("r3", "homeassistant", Status.SUCCESS, "debian", InstallType.VM, RepoSource.PROXMOX_VED, null, 3, 4);
        add("r4", "100%-pct", Status.INSTALLING, "alpine", InstallType.TOOL, RepoSource.EXTERNAL, 20, 4, 5);
        add("r5", "under_score", Status.CONFIGURING, "debian", InstallType.LXC, RepoSource.PROXMOX_VE, 900, 5, 6);
        add("r6", "underXscore", Status.ABORTED, "debian", InstallType.ADDON, RepoSource.PROXMOX_VE, 10, 6, 7);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void withoutFiltersEveryRecordIsListedNewestFirst() {
        RecordPage page = store.page(RecordQuery.newest(1, 10));

        assertEquals(List.of("r6", "r5", "r4", "r3", "r2", "r1"), keys(page));
        assertEquals(6, page.total());
        assertEquals(1, page.totalPages());
    }

    static Stream<Arguments> filters() {
        return Stream.of(
                Arguments.of("status success", query(Status.SUCCESS, null, null, null, null), List.of("r3", "r1")),
                Arguments.of("app containing dock in any case", query(null, "DOCK", null, null, null), List.of("r2", "r1")),
                Arguments.of("os debian", query(null, null, "debian", null, null), List.of("r6", "r5", "r3", "r1")),
                Arguments.of("type lxc", query(null, null, null, InstallType.LXC, null), List.of("r5", "r2", "r1")),
                Arguments.of("repository ProxmoxVE", query(null, null, null, null, RepoSource.PROXMOX_VE),
                        List.of("r6", "r5", "r2", "r1")),
                Arguments.of("repository ProxmoxVED", query(null, null, null, null, RepoSource.PROXMOX_VED), List.of("r3")),
                Arguments.of("repository external", query(null, null, null, null, RepoSource.EXTERNAL), List.of("r4")),
                Arguments.of("success, debian, lxc and ProxmoxVE together",
                        query(Status.SUCCESS, null, "debian", InstallType.LXC, RepoSource.PROXMOX_VE), List.of("r1")),
                Arguments.of("app containing o, debian and lxc together",
                        query(null, "o", "debian", InstallType.LXC, null), List.of("r5", "r1")),
                Arguments.of("a status nobody has", query(Status.VALIDATION, null, null, null, null), List.of()));
    }

    @ParameterizedTest(name = "filtering by {0}")
    @MethodSource("filters")
    void filtersKeepOnlyTheMatchingRecordsAndCountThem(String description, RecordQuery query, List<String> expected) {
        RecordPage page = store.page(query);

        assertEquals(expected, keys(page));
        assertEquals(expected.size(), page.total());
    }

    static Stream<Arguments> literalValues() {
        return Stream.of(
                Arguments.of("x' OR '1'='1", List.of()),
                Arguments.of("docker' --", List.of()),
                Arguments.of("%", List.of("r4")),
                Arguments.of("_", List.of("r5")),
                Arguments.of("\\", List.of()));
    }

    @ParameterizedTest(name = "app filter {0}")
    @MethodSource("literalValues")
    void filterValuesAreTakenLiterallyNeverAsSqlOrPatterns(String appContains, List<String> expected) {
        RecordPage page = store.page(query(null, appContains, null, null, null));

        assertEquals(expected, keys(page));
        assertEquals(expected.size(), page.total());
    }

    @Test
    void anOsFilterThatLooksLikeSqlMatchesNothing() {
        assertEquals(0, store.page(query(null, null, "debian' OR '1'='1", null, null)).total());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(RecordSort.class)
    void everySortOrderListsTheRecordsInItsOrder(RecordSort sort) {
        List<String> expected = EXPECTED_ORDERS.get(sort);
        assertTrue(expected != null, "the test knows no order for " + sort);

        RecordPage page = store.page(new RecordQuery(1, 10, null, null, null, null, null, sort));

        assertEquals(expected, keys(page));
    }

    @Test
    void pagesSplitTheListAndCountItsPages() {
        RecordPage first = store.page(RecordQuery.newest(1, 4));
        RecordPage second = store.page(RecordQuery.newest(2, 4));

        assertEquals(List.of("r6", "r5", "r4", "r3"), keys(first));
        assertEquals(List.of("r2", "r1"), keys(second));
        assertEquals(6, second.total());
        assertEquals(2, second.totalPages());
        assertEquals(3, store.page(RecordQuery.newest(1, 2)).totalPages());
    }

    @Test
    void aPagePastTheEndIsEmptyButKnowsTheTotal() {
        RecordPage past = store.page(RecordQuery.newest(3, 4));

        assertEquals(List.of(), past.records());
        assertEquals(6, past.total());
        assertEquals(3, past.page());
    }

    @Test
    void recordsThatTieKeepOneOrderFromPageToPage(@TempDir Path otherDir) {
        try (SqliteReportStore tied = SqliteReportStore.open(otherDir)) {
            for (int i = 1; i <= 5; i++) {
                Run run = new Run(SampleReports.required("t" + i, Status.SUCCESS), SampleReports.T0, SampleReports.T0);
                Await.result(tied.apply("t" + i, SampleReports.creating(run)));
            }
            List<String> listed = new ArrayList<>();
            for (int page = 1; page <= 3; page++) {
                listed.addAll(keys(tied.page(RecordQuery.newest(page, 2))));
            }

            assertEquals(List.of("t5", "t4", "t3", "t2", "t1"), listed);
        }
    }

    @Test
    void aPageCarriesTheWholeStoredRecord() {
        Run stored = store.find("r3").orElseThrow();

        RecordPage page = store.page(query(null, null, null, InstallType.VM, null));

        assertEquals(List.of(stored), page.records());
    }

    private void add(String runKey, String nsapp, Status status, String osType, InstallType type, RepoSource repo,
                     Integer installDuration, int createdMinute, int updatedMinute) {
        Run run = new Run(SampleReports.listed(runKey, nsapp, status, osType, type, repo, installDuration),
                minute(createdMinute), minute(updatedMinute));
        Await.result(store.apply(runKey, SampleReports.creating(run)));
    }

    private static Instant minute(int minute) {
        return SampleReports.T0.plusSeconds(60L * minute);
    }

    private static RecordQuery query(Status status, String app, String os, InstallType type, RepoSource repo) {
        return new RecordQuery(1, 10, status, app, os, type, repo, RecordSort.NEWEST_FIRST);
    }

    private static List<String> keys(RecordPage page) {
        return page.records().stream().map(Run::runKey).toList();
    }
}
