package org.helperscripts.telemetry.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.helperscripts.telemetry.domain.InstallType;
import org.helperscripts.telemetry.domain.Merge;
import org.helperscripts.telemetry.domain.RepoSource;
import org.helperscripts.telemetry.domain.Report;
import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.domain.Status;
import org.helperscripts.telemetry.ports.out.RecordQuery;
import org.helperscripts.telemetry.ports.out.StoreUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ApplyTest {

    private static final Instant T1 = SampleReports.T0.plusSeconds(90);

    @TempDir
    Path dataDir;

    private SqliteReportStore store;

    @BeforeEach
    void open() {
        store = SqliteReportStore.open(dataDir);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void theFirstReportOfARunInsertsItsRecord() {
        Report report = SampleReports.required("run-1", Status.INSTALLING);

        Merge merge = Await.result(store.apply("run-1", SampleReports.session(report, SampleReports.T0)));

        assertEquals(Merge.Kind.CREATED, merge.kind());
        assertEquals(Optional.of(new Run(report, SampleReports.T0, SampleReports.T0)), store.find("run-1"));
    }

    @Test
    void aChangeUpdatesTheFieldsAndTheUpdatedTimeButNotTheCreatedTime() {
        Await.result(store.apply("run-1",
                SampleReports.session(SampleReports.required("run-1", Status.INSTALLING), SampleReports.T0)));
        Report success = SampleReports.sized("run-1", Status.SUCCESS, 8, 2, 2048);

        Merge merge = Await.result(store.apply("run-1", SampleReports.session(success, T1)));

        assertEquals(Merge.Kind.CHANGED, merge.kind());
        Run stored = store.find("run-1").orElseThrow();
        assertEquals(Status.SUCCESS, stored.report().status());
        assertEquals(8, stored.report().diskSize());
        assertEquals(2048, stored.report().ramSize());
        assertEquals(SampleReports.T0, stored.created());
        assertEquals(T1, stored.updated());
        assertEquals(merge.run(), stored);
    }

    @Test
    void anUnchangedMergeWritesNothing() {
        Run original = new Run(SampleReports.required("run-1", Status.SUCCESS), SampleReports.T0, SampleReports.T0);
        Await.result(store.apply("run-1", SampleReports.creating(original)));
        Run different = new Run(SampleReports.full("run-1"), SampleReports.T0, T1);

        Merge merge = Await.result(store.apply("run-1", stored -> new Merge(Merge.Kind.UNCHANGED, different)));

        assertEquals(Merge.Kind.UNCHANGED, merge.kind());
        assertEquals(original, store.find("run-1").orElseThrow());
    }

    @Test
    void aRetriedReportLeavesTheRecordAsItWas() {
        Report report = SampleReports.full("run-1");
        Await.result(store.apply("run-1", SampleReports.session(report, SampleReports.T0)));

        Merge retry = Await.result(store.apply("run-1", SampleReports.session(report, T1)));

        assertEquals(Merge.Kind.UNCHANGED, retry.kind());
        assertEquals(SampleReports.T0, store.find("run-1").orElseThrow().updated());
    }

    @Test
    void theChangeSeesTheStoredRecordOrNothing() {
        Run run = new Run(SampleReports.full("run-1"), SampleReports.T0, T1);
        Await.result(store.apply("run-1", SampleReports.creating(run)));
        AtomicReference<Optional<Run>> seenForStored = new AtomicReference<>();
        AtomicReference<Optional<Run>> seenForNew = new AtomicReference<>();

        Await.result(store.apply("run-1", stored -> {
            seenForStored.set(stored);
            return new Merge(Merge.Kind.UNCHANGED, stored.orElseThrow());
        }));
        Await.result(store.apply("run-2", stored -> {
            seenForNew.set(stored);
            return new Merge(Merge.Kind.CREATED,
                    new Run(SampleReports.required("run-2", Status.INSTALLING), T1, T1));
        }));

        assertEquals(Optional.of(run), seenForStored.get());
        assertEquals(Optional.empty(), seenForNew.get());
    }

    @Test
    void everyFieldOfAFullReportComesBackExactly() throws Exception {
        Report full = SampleReports.full("run-1");
        for (RecordComponent component : Report.class.getRecordComponents()) {
            assertNotNull(component.getAccessor().invoke(full), "the sample leaves " + component.getName() + " empty");
        }
        Run run = new Run(full, SampleReports.T0, T1);

        Await.result(store.apply("run-1", SampleReports.creating(run)));

        assertEquals(run, store.find("run-1").orElseThrow());
    }

    @Test
    void aReportWithOnlyTheRequiredFieldsComesBackWithItsOptionalFieldsEmpty() {
        Run run = new Run(SampleReports.required("run-1", Status.CONFIGURING), SampleReports.T0, SampleReports.T0);

        Await.result(store.apply("run-1", SampleReports.creating(run)));

        Run stored = store.find("run-1").orElseThrow();
        assertEquals(run, stored);
        assertNull(stored.report().hasArm());
        assertNull(stored.report().diskSize());
    }

    @Test
    void enumerationsAreStoredByTheirWireSpellingFlagsAsNumbersAndTimesAsMilliseconds() throws SQLException {
        Await.result(store.apply("run-1", SampleReports.creating(new Run(SampleReports.full("run-1"), SampleReports.T0, T1))));

        try (RawDatabase db = RawDatabase.at(store.databaseFile())) {
            assertEquals(List.of("run-1", "lxc", "failed", "ProxmoxVED", "apt", "igpu", "1",
                            Long.toString(SampleReports.T0.toEpochMilli()), Long.toString(T1.toEpochMilli())),
                    db.row("SELECT run_key, type, status, repo_source, error_category, gpu_passthrough, has_arm,"
                            + " created, updated FROM records"));
        }
    }

    @Test
    void twoReportsOfOneRunInOneBatchMergeInTheOrderTheyCame() throws Exception {
        WriterGate gate = new WriterGate("gate");
        CompletableFuture<Merge> held = store.apply("gate", gate);
        gate.awaitWriterHeld();
        CompletableFuture<Merge> first = store.apply("run-1",
                SampleReports.session(SampleReports.sized("run-1", Status.INSTALLING, 8, null, null), SampleReports.T0));
        CompletableFuture<Merge> second = store.apply("run-1",
                SampleReports.session(SampleReports.sized("run-1", Status.SUCCESS, null, 4, null), T1));

        gate.open();

        Await.result(held);
        assertEquals(Merge.Kind.CREATED, Await.result(first).kind());
        assertEquals(Merge.Kind.CHANGED, Await.result(second).kind());
        assertEquals(2, store.commits(), "the gate's batch and one batch for both reports");
        Report stored = store.find("run-1").orElseThrow().report();
        assertEquals(Status.SUCCESS, stored.status());
        assertEquals(8, stored.diskSize());
        assertEquals(4, stored.coreCount());
    }

    @Test
    void aThrowingChangeFailsOnlyItsOwnFuture() throws Exception {
        WriterGate gate = new WriterGate("gate");
        CompletableFuture<Merge> held = store.apply("gate", gate);
        gate.awaitWriterHeld();
        IllegalArgumentException thrown = new IllegalArgumentException("this report makes no sense");
        List<CompletableFuture<Merge>> others = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            others.add(store.apply("before-" + i, SampleReports.creating("before-" + i)));
        }
        CompletableFuture<Merge> throwing = store.apply("bad", stored -> {
            throw thrown;
        });
        for (int i = 0; i < 5; i++) {
            others.add(store.apply("after-" + i, SampleReports.creating("after-" + i)));
        }

        gate.open();

        Await.result(held);
        assertSame(thrown, Await.failure(throwing));
        for (CompletableFuture<Merge> other : others) {
            assertEquals(Merge.Kind.CREATED, Await.result(other).kind());
        }
        assertEquals(2, store.commits(), "the burst was one batch");
        assertEquals(11, store.page(RecordQuery.newest(1, 100)).total());
        assertFalse(store.find("bad").isPresent());
    }

    @Test
    void aMergeThatDisagreesWithTheStoredRecordFailsOnlyItsOwnFuture() {
        Await.result(store.apply("stored", SampleReports.creating("stored")));
        Run unstored = new Run(SampleReports.required("unstored", Status.SUCCESS), SampleReports.T0, T1);
        Run stored = new Run(SampleReports.required("stored", Status.SUCCESS), SampleReports.T0, T1);

        CompletableFuture<Merge> changesNothingStored =
                store.apply("unstored", any -> new Merge(Merge.Kind.CHANGED, unstored));
        CompletableFuture<Merge> createsTwice = store.apply("stored", any -> new Merge(Merge.Kind.CREATED, stored));
        CompletableFuture<Merge> otherRun = store.apply("third", any -> new Merge(Merge.Kind.CREATED, stored));
        CompletableFuture<Merge> returnsNothing = store.apply("fourth", any -> null);
        CompletableFuture<Merge> fine = store.apply("fine", SampleReports.creating("fine"));

        assertInstanceOf(IllegalStateException.class, Await.failure(changesNothingStored));
        assertInstanceOf(IllegalStateException.class, Await.failure(createsTwice));
        assertInstanceOf(IllegalStateException.class, Await.failure(otherRun));
        assertInstanceOf(IllegalStateException.class, Await.failure(returnsNothing));
        assertEquals(Merge.Kind.CREATED, Await.result(fine).kind());
        assertEquals(Status.INSTALLING, store.find("stored").orElseThrow().report().status());
        assertFalse(store.find("unstored").isPresent());
        assertFalse(store.find("third").isPresent());
    }

    @Test
    void aWriteTheDatabaseRefusesFailsAloneWhileTheRestOfItsBatchIsWritten() throws Exception {
        try (RawDatabase db = RawDatabase.at(store.databaseFile())) {
            db.execute("CREATE TRIGGER refuse_poison BEFORE INSERT ON records WHEN NEW.nsapp = 'poison'"
                    + " BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
        }
        WriterGate gate = new WriterGate("gate");
        CompletableFuture<Merge> held = store.apply("gate", gate);
        gate.awaitWriterHeld();
        List<CompletableFuture<Merge>> others = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            others.add(store.apply("run-" + i, SampleReports.creating("run-" + i)));
        }
        Report poison = SampleReports.listed("poisoned", "poison", Status.FAILED, null,
                InstallType.VM, RepoSource.PROXMOX_VE, null);
        CompletableFuture<Merge> refused = store.apply("poisoned",
                SampleReports.creating(new Run(poison, SampleReports.T0, SampleReports.T0)));
        for (int i = 4; i < 8; i++) {
            others.add(store.apply("run-" + i, SampleReports.creating("run-" + i)));
        }

        gate.open();

        Await.result(held);
        Throwable failure = Await.failure(refused);
        assertInstanceOf(StoreUnavailableException.class, failure);
        assertInstanceOf(SQLException.class, failure.getCause());
        for (CompletableFuture<Merge> other : others) {
            assertEquals(Merge.Kind.CREATED, Await.result(other).kind());
        }
        assertEquals(1 + 8, store.commits(), "the gate's batch, then the eight good writes one by one");
        assertEquals(9, store.page(RecordQuery.newest(1, 100)).total());
        assertFalse(store.find("poisoned").isPresent());
    }

    @Test
    void whenNoTransactionCanStartTheWritesFailAndTheStoreRecoversOnceTheLockIsGone() throws Exception {
        store.close();
        store = SqliteReportStore.open(dataDir, SqliteSettings.defaults().withBusyTimeout(Duration.ofMillis(50)));
        List<CompletableFuture<Merge>> blocked = new ArrayList<>();
        try (RawDatabase other = RawDatabase.at(store.databaseFile())) {
            other.execute("BEGIN IMMEDIATE");
            for (int i = 0; i < 20; i++) {
                blocked.add(store.apply("run-" + i, SampleReports.creating("run-" + i)));
            }
            for (CompletableFuture<Merge> write : blocked) {
                Throwable failure = Await.failure(write);
                assertInstanceOf(StoreUnavailableException.class, failure);
                assertInstanceOf(SQLException.class, failure.getCause());
            }
            other.execute("ROLLBACK");
        }

        assertEquals(Merge.Kind.CREATED, Await.result(store.apply("run-0", SampleReports.creating("run-0"))).kind());
        assertEquals(1, store.commits());
        assertEquals(1, store.page(RecordQuery.newest(1, 100)).total());
    }

    @Test
    void runKeysWithQuotesBackslashesAndControlCharactersAreFoundAgain() {
        for (String runKey : List.of("quote\"d", "back\\slash", "new\nline", "[\"json\"]", "ünïcødé")) {
            Await.result(store.apply(runKey, SampleReports.session(
                    SampleReports.required(runKey, Status.INSTALLING), SampleReports.T0)));

            Merge again = Await.result(store.apply(runKey, SampleReports.session(
                    SampleReports.required(runKey, Status.SUCCESS), T1)));

            assertEquals(Merge.Kind.CHANGED, again.kind(), runKey);
            assertEquals(Status.SUCCESS, store.find(runKey).orElseThrow().report().status(), runKey);
        }
        assertEquals(5, store.page(RecordQuery.newest(1, 100)).total());
    }

    @Test
    void twoStoresInTwoDirectoriesKeepTheirOwnRecords(@TempDir Path otherDir) {
        try (SqliteReportStore other = SqliteReportStore.open(otherDir)) {
            Await.result(store.apply("mine", SampleReports.creating("mine")));
            Await.result(other.apply("theirs", SampleReports.creating("theirs")));

            assertTrue(store.find("mine").isPresent());
            assertFalse(store.find("theirs").isPresent());
            assertTrue(other.find("theirs").isPresent());
            assertFalse(other.find("mine").isPresent());
            assertEquals(1, store.commits());
            assertEquals(1, other.commits());
        }
    }
}
