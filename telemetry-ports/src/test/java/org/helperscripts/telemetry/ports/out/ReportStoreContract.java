package org.helperscripts.telemetry.ports.out;

import static org.helperscripts.telemetry.ports.out.SampleReports.fullFields;
import static org.helperscripts.telemetry.ports.out.SampleReports.sized;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.helperscripts.telemetry.domain.InstallType;
import org.helperscripts.telemetry.domain.Merge;
import org.helperscripts.telemetry.domain.RepoSource;
import org.helperscripts.telemetry.domain.Report;
import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.domain.Session;
import org.helperscripts.telemetry.domain.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link ReportStore} promises, run against each adapter by a subclass that opens a
 * fresh, empty store and closes it again. Only what all stores promise is here: times keep
 * milliseconds, {@code appContains} ignores ASCII case (non-ASCII folding differs by store), and
 * ties in a sort order are avoided.
 */
@Timeout(120)
public abstract class ReportStoreContract {

    /** Millisecond precision: every store keeps milliseconds, not all keep more. */
    protected static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123Z");

    private static final String[] HOSTILE = {"x' OR '1'='1", "x\" || id != \"", "%", "_"};

    protected ReportStore store;

    /** A fresh, empty store. */
    protected abstract ReportStore openStore();

    /** Closes what {@link #openStore()} opened. */
    protected abstract void closeStore();

    @BeforeEach
    final void openContractStore() {
        store = openStore();
    }

    @AfterEach
    final void closeContractStore() {
        closeStore();
    }

    // ---- apply and find ----

    @Test
    void theFirstReportOfARunIsCreatedAndFoundWithEveryFieldAndBothTimesAsGiven() {
        Run run = new Run(Report.parse(fullFields("run-1")), T0, T0.plusMillis(250));
        AtomicReference<Optional<Run>> seen = new AtomicReference<>();

        Merge merge = store.apply("run-1", stored -> {
            seen.set(stored);
            return new Merge(Merge.Kind.CREATED, run);
        }).join();

        assertEquals(Optional.empty(), seen.get());
        assertEquals(Merge.Kind.CREATED, merge.kind());
        assertEquals(Optional.of(run), store.find("run-1"));
    }

    @Test
    void aRunNeverReportedIsNotFound() {
        assertTrue(store.find("never-seen").isEmpty());
    }

    @Test
    void installingThenSuccessMergesIntoOneSuccessfulRecordThatKeepsTheInstallFields() {
        Report installing = Report.parse(installingFields("run-1"));
        Report success = Report.parse(successFields("run-1"));

        Merge first = apply(installing, T0);
        Merge second = apply(success, T0.plusSeconds(60));

        assertEquals(Merge.Kind.CREATED, first.kind());
        assertEquals(Merge.Kind.CHANGED, second.kind());
        assertEquals(1, store.page(RecordQuery.newest(1, 10)).total());
        Run stored = store.find("run-1").orElseThrow();
        assertEquals(Status.SUCCESS, stored.report().status());
        assertEquals(32, stored.report().diskSize());
        assertEquals(4, stored.report().coreCount());
        assertEquals(4096, stored.report().ramSize());
        assertEquals("debian", stored.report().osType());
        assertEquals(0, stored.report().exitCode());
        assertEquals(187, stored.report().installDuration());
        assertEquals(T0, stored.created());
        assertEquals(T0.plusSeconds(60), stored.updated());
        assertEquals(second.run(), stored);
    }

    @Test
    void theSameReportTwiceIsUnchangedTheSecondTimeAndKeepsItsUpdatedTime() {
        Report report = Report.parse(fullFields("run-1"));
        Run first = apply(report, T0).run();

        Merge retry = apply(report, T0.plusSeconds(5));

        assertEquals(Merge.Kind.UNCHANGED, retry.kind());
        Run stored = store.find("run-1").orElseThrow();
        assertEquals(T0, stored.updated());
        assertEquals(first, stored);
        assertEquals(1, store.page(RecordQuery.newest(1, 10)).total());
    }

    @Test
    void successThenALateInstallingReportStaysSuccessfulWithTheInstallFieldsFilledIn() {
        apply(Report.parse(successFields("run-1")), T0);

        Merge late = apply(Report.parse(installingFields("run-1")), T0.plusSeconds(1));

        assertEquals(Merge.Kind.CHANGED, late.kind());
        Run stored = store.find("run-1").orElseThrow();
        assertEquals(Status.SUCCESS, stored.report().status());
        assertEquals(0, stored.report().exitCode());
        assertEquals(187, stored.report().installDuration());
        assertEquals(32, stored.report().diskSize());
        assertEquals(4, stored.report().coreCount());
        assertEquals("debian", stored.report().osType());
        assertEquals(T0, stored.created());
        assertEquals(T0.plusSeconds(1), stored.updated());
    }

    @Test
    void concurrentReportsOfAFewRunsLeaveExactlyOneCompleteRecordPerRun() throws Exception {
        List<String> keys = List.of("run-a", "run-b", "run-c");
        List<Report> reports = new ArrayList<>();
        for (String key : keys) {
            reports.add(sized(key, Status.INSTALLING, 8, null, null));
            reports.add(sized(key, Status.CONFIGURING, null, 2, null));
            reports.add(sized(key, Status.SUCCESS, null, null, 2048));
            reports.add(sized(key, Status.INSTALLING, 8, null, null));
        }
        ExecutorService callers = Executors.newFixedThreadPool(reports.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<CompletableFuture<Merge>>> submitted = new ArrayList<>();
        try {
            for (int i = 0; i < reports.size(); i++) {
                Report report = reports.get(i);
                Instant now = T0.plusMillis(i);
                submitted.add(callers.submit(() -> {
                    start.await();
                    return store.apply(report.runKey(), stored -> Session.merge(stored, report, now));
                }));
            }
            start.countDown();
            for (Future<CompletableFuture<Merge>> call : submitted) {
                assertNotNull(call.get(60, TimeUnit.SECONDS).get(60, TimeUnit.SECONDS));
            }
        } finally {
            callers.shutdownNow();
        }

        RecordPage all = store.page(RecordQuery.newest(1, 100));
        assertEquals(keys.size(), all.total());
        assertEquals(keys.stream().sorted().toList(), all.records().stream().map(Run::runKey).sorted().toList());
        for (String key : keys) {
            Report stored = store.find(key).orElseThrow().report();
            assertEquals(Status.SUCCESS, stored.status(), key);
            assertEquals(8, stored.diskSize(), key);
            assertEquals(2, stored.coreCount(), key);
            assertEquals(2048, stored.ramSize(), key);
        }
    }

    // ---- pages ----

    @Test
    void pagesSplitTheRecordsAndCountThemAndAPagePastTheEndIsEmpty() {
        for (int i = 0; i < 5; i++) {
            put("p" + i, "app" + i, Status.SUCCESS, "debian", InstallType.LXC, RepoSource.PROXMOX_VE, T0.plusSeconds(i));
        }

        RecordPage first = store.page(RecordQuery.newest(1, 2));
        RecordPage last = store.page(RecordQuery.newest(3, 2));
        RecordPage past = store.page(RecordQuery.newest(4, 2));

        assertEquals(List.of("p4", "p3"), keys(first));
        assertEquals(5, first.total());
        assertEquals(3, first.totalPages());
        assertEquals(1, first.page());
        assertEquals(2, first.limit());
        assertEquals(List.of("p0"), keys(last));
        assertEquals(5, last.total());
        assertEquals(3, last.page());
        assertEquals(List.of(), keys(past));
        assertEquals(5, past.total());
        assertEquals(4, past.page());
    }

    @Test
    void anEmptyStoreHasAnEmptyFirstPageAndNoPages() {
        RecordPage page = store.page(RecordQuery.newest(1, 10));

        assertEquals(List.of(), page.records());
        assertEquals(0, page.total());
        assertEquals(0, page.totalPages());
    }

    @Test
    void aStatusFilterKeepsOnlyThatStatus() {
        fillFilterSample();

        RecordPage failed = store.page(filter(Status.FAILED, null, null, null, null));

        assertEquals(List.of("r5", "r2"), keys(failed));
        assertEquals(2, failed.total());
    }

    @Test
    void anAppFilterMatchesAPartOfTheNameIgnoringCase() {
        fillFilterSample();

        assertEquals(List.of("r2", "r1"), keys(store.page(filter(null, "HOME", null, null, null))));
        assertEquals(List.of("r2"), keys(store.page(filter(null, "bRiDg", null, null, null))));
        assertEquals(2, store.page(filter(null, "home", null, null, null)).total());
    }

    @Test
    void anOsFilterKeepsOnlyThatOs() {
        fillFilterSample();

        RecordPage ubuntu = store.page(filter(null, null, "ubuntu", null, null));

        assertEquals(List.of("r4", "r2"), keys(ubuntu));
        assertEquals(2, ubuntu.total());
    }

    @Test
    void aTypeFilterKeepsOnlyThatType() {
        fillFilterSample();

        assertEquals(List.of("r2"), keys(store.page(filter(null, null, null, InstallType.VM, null))));
        assertEquals(List.of("r5", "r3", "r1"), keys(store.page(filter(null, null, null, InstallType.LXC, null))));
    }

    @Test
    void aRepoFilterKeepsOnlyThatRepository() {
        fillFilterSample();

        assertEquals(List.of("r2"), keys(store.page(filter(null, null, null, null, RepoSource.PROXMOX_VED))));
        assertEquals(List.of("r3"), keys(store.page(filter(null, null, null, null, RepoSource.EXTERNAL))));
        assertEquals(List.of("r5", "r4", "r1"), keys(store.page(filter(null, null, null, null, RepoSource.PROXMOX_VE))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x' OR '1'='1", "x\" || id != \"", "%", "_"})
    void aHostileAppFilterMatchesOnlyTheNameThatLiterallyContainsIt(String hostile) {
        fillFilterSample();
        fillHostileTwins();
        String twin = "h" + indexOf(hostile);

        RecordPage page = store.page(filter(null, hostile, null, null, null));

        assertEquals(List.of(twin), keys(page));
        assertEquals(1, page.total());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x' OR '1'='1", "x\" || id != \"", "%", "_"})
    void aHostileOsFilterMatchesOnlyTheOsThatLiterallyEqualsIt(String hostile) {
        fillFilterSample();
        fillHostileTwins();
        String twin = "h" + indexOf(hostile);

        RecordPage page = store.page(filter(null, null, hostile, null, null));

        assertEquals(List.of(twin), keys(page));
        assertEquals(1, page.total());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x' OR '1'='1", "x\" || id != \"", "%", "_"})
    void hostileFilterValuesWithoutALiteralTwinMatchNothing(String hostile) {
        fillFilterSample();

        assertEquals(0, store.page(filter(null, hostile, null, null, null)).total());
        assertEquals(0, store.page(filter(null, null, hostile, null, null)).total());
        assertEquals(0, store.page(filter(Status.SUCCESS, hostile, hostile, InstallType.LXC, RepoSource.PROXMOX_VE)).total());
    }

    @Test
    void newestFirstListsTheLatestCreatedRecordFirst() {
        put("old", "bravo", Status.SUCCESS, "debian", InstallType.LXC, RepoSource.PROXMOX_VE, T0);
        put("new", "alpha", Status.SUCCESS, "debian", InstallType.LXC, RepoSource.PROXMOX_VE, T0.plusMillis(2));
        put("mid", "charlie", Status.SUCCESS, "debian", InstallType.LXC, RepoSource.PROXMOX_VE, T0.plusMillis(1));

        assertEquals(List.of("new", "mid", "old"), keys(store.page(sorted(RecordSort.NEWEST_FIRST))));
    }

    @Test
    void appAToZListsTheRecordsByScriptNameIgnoringCase() {
        put("c", "caddy", Status.SUCCESS, "debian", InstallType.LXC, RepoSource.PROXMOX_VE, T0);
        put("b", "Beszel", Status.SUCCESS, "debian", InstallType.LXC, RepoSource.PROXMOX_VE, T0.plusSeconds(1));
        put("a", "alpine", Status.SUCCESS, "debian", InstallType.LXC, RepoSource.PROXMOX_VE, T0.plusSeconds(2));
        put("d", "Docker", Status.SUCCESS, "debian", InstallType.LXC, RepoSource.PROXMOX_VE, T0.plusSeconds(3));

        assertEquals(List.of("a", "b", "c", "d"), keys(store.page(sorted(RecordSort.APP_A_TO_Z))));
    }

    // ---- health ----

    @Test
    void anOpenStoreReportsItselfUpWithoutAProblem() {
        StoreHealth health = store.health();

        assertTrue(health.available());
        assertNull(health.problem());
        assertNotNull(health.kind());
        assertFalse(health.kind().isBlank());
        assertTrue(health.pendingWrites() >= 0);
    }

    // ---- helpers ----

    private Merge apply(Report report, Instant now) {
        return store.apply(report.runKey(), stored -> Session.merge(stored, report, now)).join();
    }

    private void put(String key, String nsapp, Status status, String osType, InstallType type, RepoSource repo,
                     Instant created) {
        Run run = new Run(listed(key, nsapp, status, osType, type, repo), created, created);
        store.apply(key, stored -> new Merge(Merge.Kind.CREATED, run)).join();
    }

    /** Five records, created one second apart in key order. */
    private void fillFilterSample() {
        put("r1", "homeassistant", Status.SUCCESS, "debian", InstallType.LXC, RepoSource.PROXMOX_VE, T0);
        put("r2", "HomeBridge", Status.FAILED, "ubuntu", InstallType.VM, RepoSource.PROXMOX_VED, T0.plusSeconds(1));
        put("r3", "docker", Status.INSTALLING, "alpine", InstallType.LXC, RepoSource.EXTERNAL, T0.plusSeconds(2));
        put("r4", "jellyfin", Status.SUCCESS, "ubuntu", InstallType.TOOL, RepoSource.PROXMOX_VE, T0.plusSeconds(3));
        put("r5", "nextcloud", Status.FAILED, "debian", InstallType.LXC, RepoSource.PROXMOX_VE, T0.plusSeconds(4));
    }

    /** For each hostile value, a record whose name contains it and whose os is exactly it. */
    private void fillHostileTwins() {
        for (int i = 0; i < HOSTILE.length; i++) {
            put("h" + i, "app" + HOSTILE[i] + "end", Status.SUCCESS, HOSTILE[i], InstallType.LXC,
                    RepoSource.PROXMOX_VE, T0.plusSeconds(10 + i));
        }
    }

    private static int indexOf(String hostile) {
        for (int i = 0; i < HOSTILE.length; i++) {
            if (HOSTILE[i].equals(hostile)) {
                return i;
            }
        }
        throw new IllegalArgumentException(hostile);
    }

    private static RecordQuery filter(Status status, String app, String os, InstallType type, RepoSource repo) {
        return new RecordQuery(1, 100, status, app, os, type, repo, RecordSort.NEWEST_FIRST);
    }

    private static RecordQuery sorted(RecordSort sort) {
        return new RecordQuery(1, 100, null, null, null, null, null, sort);
    }

    private static List<String> keys(RecordPage page) {
        return page.records().stream().map(Run::runKey).toList();
    }

    private static Report listed(String key, String nsapp, Status status, String osType, InstallType type,
                                 RepoSource repo) {
        return new Report("session-" + key, key, type, nsapp, status,
                null, null, null, null, osType, null, null, null, null, null, null, null, null, null,
                null, null, null, null, repo, null, null, null, null);
    }

    /** The first report of an install: what the container gets, no outcome yet. */
    private static Map<String, Object> installingFields(String runKey) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("random_id", "session-" + runKey);
        fields.put("execution_id", runKey);
        fields.put("type", "lxc");
        fields.put("nsapp", "homeassistant");
        fields.put("status", "installing");
        fields.put("disk_size", 32);
        fields.put("core_count", 4);
        fields.put("ram_size", 4096);
        fields.put("os_type", "debian");
        fields.put("os_version", "12");
        return fields;
    }

    /** The final report of an install: the outcome only. */
    private static Map<String, Object> successFields(String runKey) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("random_id", "session-" + runKey);
        fields.put("execution_id", runKey);
        fields.put("type", "lxc");
        fields.put("nsapp", "homeassistant");
        fields.put("status", "success");
        fields.put("exit_code", 0);
        fields.put("install_duration", 187);
        return fields;
    }
}
