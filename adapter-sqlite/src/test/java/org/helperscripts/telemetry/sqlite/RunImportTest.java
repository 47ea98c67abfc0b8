package org.helperscripts.telemetry.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.domain.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class RunImportTest {

    private static final Instant CREATED = Instant.parse("2024-06-01T08:15:30.250Z");
    private static final Instant UPDATED = Instant.parse("2024-06-01T08:20:00.500Z");

    @TempDir
    Path dataDir;

    @Test
    void importedRunsKeepEveryFieldAndTheirOwnTimes() throws Exception {
        Run full = new Run(SampleReports.full("run-a"), CREATED, UPDATED);
        Run small = new Run(SampleReports.required("run-b", Status.FAILED), CREATED, CREATED);
        try (SqliteRunImport runImport = SqliteRunImport.open(dataDir)) {
            assertEquals(new RunImportCount(2, 0), runImport.importRuns(List.of(full, small)));
        }
        try (SqliteReportStore store = SqliteReportStore.open(dataDir)) {
            assertEquals(full, store.find("run-a").orElseThrow());
            assertEquals(small, store.find("run-b").orElseThrow());
        }
    }

    @Test
    void textWithQuotesBackslashesAndNonAsciiCharactersComesBackUnchanged() throws Exception {
        Run odd = new Run(SampleReports.full("run-odd").withOutcome(Status.FAILED, 2,
                "can't open \"C:\\temp\" – ünïcödé ✓ 😀", null, 17), CREATED, UPDATED);
        try (SqliteRunImport runImport = SqliteRunImport.open(dataDir)) {
            runImport.importRuns(List.of(odd));
        }
        try (SqliteReportStore store = SqliteReportStore.open(dataDir)) {
            assertEquals(odd, store.find("run-odd").orElseThrow());
        }
    }

    @Test
    void aBatchLargerThanOneStatementGoesInWhole() throws Exception {
        List<Run> runs = new java.util.ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            runs.add(new Run(SampleReports.required("run-" + i, Status.SUCCESS), CREATED.plusMillis(i), CREATED.plusMillis(i)));
        }
        try (SqliteRunImport runImport = SqliteRunImport.open(dataDir);
             RawDatabase db = RawDatabase.at(runImport.databaseFile())) {
            assertEquals(new RunImportCount(2_500, 0), runImport.importRuns(runs));
            runImport.commit();
            assertEquals(2_500, db.number("SELECT COUNT(*) FROM records"));
            assertEquals(CREATED.plusMillis(2_499).toEpochMilli(), db.number("SELECT created FROM records WHERE run_key = 'run-2499'"));
        }
    }

    @Test
    void twoRunsOfOneKeyInOneStatementKeepTheFirstGiven() throws Exception {
        List<Run> runs = new java.util.ArrayList<>();
        for (int i = 0; i < SqliteRunImport.RUNS_PER_STATEMENT; i++) {
            runs.add(new Run(SampleReports.required("run-" + i, Status.SUCCESS), CREATED, CREATED));
        }
        Run later = new Run(SampleReports.required("run-7", Status.FAILED), UPDATED, UPDATED);
        runs.set(20, later);
        runs.add(3, new Run(SampleReports.full("run-full"), CREATED, UPDATED));
        try (SqliteRunImport runImport = SqliteRunImport.open(dataDir)) {
            assertEquals(new RunImportCount(SqliteRunImport.RUNS_PER_STATEMENT, 1), runImport.importRuns(runs));
        }
        try (SqliteReportStore store = SqliteReportStore.open(dataDir)) {
            assertEquals(runs.get(8), store.find("run-7").orElseThrow());
            assertEquals(runs.get(3), store.find("run-full").orElseThrow());
            assertEquals(runs.get(0), store.find("run-0").orElseThrow());
            assertEquals(runs.get(SqliteRunImport.RUNS_PER_STATEMENT), store.find("run-" + (SqliteRunImport.RUNS_PER_STATEMENT - 1)).orElseThrow());
        }
    }

    @Test
    void aRunStoredAlreadyIsSkippedAndLeftAsItWas() throws Exception {
        Run first = new Run(SampleReports.required("run-a", Status.SUCCESS), CREATED, CREATED);
        Run again = new Run(SampleReports.required("run-a", Status.FAILED), UPDATED, UPDATED);
        Run other = new Run(SampleReports.required("run-b", Status.SUCCESS), CREATED, CREATED);
        try (SqliteRunImport runImport = SqliteRunImport.open(dataDir)) {
            assertEquals(new RunImportCount(1, 0), runImport.importRuns(List.of(first)));
            assertEquals(new RunImportCount(1, 1), runImport.importRuns(List.of(again, other)));
            assertEquals(new RunImportCount(0, 2), runImport.importRuns(List.of(other, other)));
        }
        try (SqliteReportStore store = SqliteReportStore.open(dataDir);
             RawDatabase db = RawDatabase.at(store.databaseFile())) {
            assertEquals(first, store.find("run-a").orElseThrow());
            assertEquals(2, db.number("SELECT COUNT(*) FROM records"));
        }
    }

    @Test
    void importingIntoAFileTheStoreCreatedUsesItsSchema() throws Exception {
        try (SqliteReportStore store = SqliteReportStore.open(dataDir)) {
            assertTrue(store.find("none").isEmpty());
        }
        try (SqliteRunImport runImport = SqliteRunImport.open(dataDir);
             RawDatabase db = RawDatabase.at(runImport.databaseFile())) {
            runImport.importRuns(List.of(new Run(SampleReports.full("run-a"), CREATED, UPDATED)));
            runImport.commit();
            assertEquals(1, db.number("PRAGMA user_version"));
            assertEquals(CREATED.toEpochMilli(), db.number("SELECT created FROM records"));
        }
    }

    @Test
    void aBatchThatCannotBeWrittenLeavesNothingBehind() throws Exception {
        try (SqliteRunImport runImport = SqliteRunImport.open(dataDir);
             RawDatabase db = RawDatabase.at(runImport.databaseFile())) {
            refuseRunB(db);
            List<Run> batch = List.of(new Run(SampleReports.required("run-a", Status.SUCCESS), CREATED, CREATED),
                    new Run(SampleReports.required("run-b", Status.SUCCESS), CREATED, CREATED));
            assertThrows(java.sql.SQLException.class, () -> runImport.importRuns(batch));
            assertEquals(0, db.number("SELECT COUNT(*) FROM records"));
            db.execute("DROP TRIGGER refuse_b");
            assertEquals(new RunImportCount(2, 0), runImport.importRuns(batch));
        }
    }

    @Test
    void batchesWaitInOneTransactionUntilTheCommit() throws Exception {
        try (SqliteRunImport runImport = SqliteRunImport.open(dataDir);
             RawDatabase db = RawDatabase.at(runImport.databaseFile())) {
            assertFalse(runImport.hasUncommitted());
            runImport.importRuns(List.of(new Run(SampleReports.required("run-a", Status.SUCCESS), CREATED, CREATED)));
            runImport.importRuns(List.of(new Run(SampleReports.required("run-b", Status.SUCCESS), CREATED, CREATED)));
            assertTrue(runImport.hasUncommitted());
            assertEquals(0, db.number("SELECT COUNT(*) FROM records"), "no other connection sees a batch before the commit");
            runImport.commit();
            assertFalse(runImport.hasUncommitted());
            assertEquals(2, db.number("SELECT COUNT(*) FROM records"));
        }
    }

    @Test
    void theImportCommitsByItselfOnceATransactionIsFullOfStoredOrSkippedRuns() throws Exception {
        int batch = 1_000;
        List<List<Run>> batches = new java.util.ArrayList<>();
        for (int first = 0; first < SqliteRunImport.RUNS_PER_TRANSACTION; first += batch) {
            List<Run> runs = new java.util.ArrayList<>();
            for (int i = first; i < first + batch; i++) {
                runs.add(new Run(SampleReports.required("run-" + i, Status.SUCCESS), CREATED, CREATED));
            }
            batches.add(runs);
        }
        try (SqliteRunImport runImport = SqliteRunImport.open(dataDir);
             RawDatabase db = RawDatabase.at(runImport.databaseFile())) {
            for (List<Run> runs : batches) {
                assertEquals(0, db.number("SELECT COUNT(*) FROM records"), "committed before the transaction was full");
                runImport.importRuns(runs);
            }
            assertFalse(runImport.hasUncommitted());
            assertEquals(SqliteRunImport.RUNS_PER_TRANSACTION, db.number("SELECT COUNT(*) FROM records"));

            for (List<Run> runs : batches.subList(0, batches.size() - 1)) {
                assertEquals(new RunImportCount(0, batch), runImport.importRuns(runs));
                assertTrue(runImport.hasUncommitted(), "skipped runs share a transaction too");
            }
            runImport.importRuns(batches.get(batches.size() - 1));
            assertFalse(runImport.hasUncommitted(), "a transaction of skipped runs ends as soon as a full one");
        }
    }

    @Test
    void aBatchThatFailsLeavesTheBatchesBeforeItWaitingForTheCommit() throws Exception {
        try (SqliteRunImport runImport = SqliteRunImport.open(dataDir);
             RawDatabase db = RawDatabase.at(runImport.databaseFile())) {
            refuseRunB(db);
            runImport.importRuns(List.of(new Run(SampleReports.required("run-a", Status.SUCCESS), CREATED, CREATED)));
            List<Run> refused = List.of(new Run(SampleReports.required("run-c", Status.SUCCESS), CREATED, CREATED),
                    new Run(SampleReports.required("run-b", Status.SUCCESS), CREATED, CREATED));
            assertThrows(java.sql.SQLException.class, () -> runImport.importRuns(refused));
            assertTrue(runImport.hasUncommitted());
            runImport.commit();
            assertEquals(List.of("run-a"), db.texts("SELECT run_key FROM records"));
        }
    }

    /** A trigger that makes SQLite refuse any insert of run-b, as a full disk would refuse a batch. */
    private static void refuseRunB(RawDatabase db) throws java.sql.SQLException {
        db.execute("CREATE TRIGGER refuse_b BEFORE INSERT ON records WHEN NEW.run_key = 'run-b' "
                + "BEGIN SELECT RAISE(ABORT, 'refused'); END");
    }
}
