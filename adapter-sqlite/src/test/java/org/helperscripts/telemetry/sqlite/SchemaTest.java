package org.helperscripts.telemetry.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.helperscripts.telemetry.domain.ReportField;
import org.helperscripts.telemetry.domain.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class SchemaTest {

    @TempDir
    Path dataDir;

    @Test
    void aNewFileGetsSchemaVersionOneAndWriteAheadLogging() throws Exception {
        try (SqliteReportStore store = SqliteReportStore.open(dataDir);
             RawDatabase db = RawDatabase.at(store.databaseFile())) {
            assertEquals(dataDir.resolve("telemetry.db").toAbsolutePath(), store.databaseFile());
            assertEquals(1, db.number("PRAGMA user_version"));
            assertEquals("wal", db.text("PRAGMA journal_mode"));
        }
    }

    @Test
    void aMissingDataDirectoryIsCreated() {
        Path nested = dataDir.resolve("var/lib/telemetry");
        try (SqliteReportStore store = SqliteReportStore.open(nested)) {
            assertTrue(Files.isRegularFile(store.databaseFile()));
            assertEquals(nested.toAbsolutePath(), store.databaseFile().getParent());
        }
    }

    @Test
    void theRecordsTableHasOneColumnPerReportFieldBesideKeyAndTimes() throws Exception {
        List<String> expected = new ArrayList<>(List.of("id", "run_key"));
        Arrays.stream(ReportField.values()).map(ReportField::wireName).forEach(expected::add);
        expected.addAll(List.of("created", "updated"));
        try (SqliteReportStore store = SqliteReportStore.open(dataDir);
             RawDatabase db = RawDatabase.at(store.databaseFile())) {
            assertEquals(expected, db.texts("SELECT name FROM pragma_table_info('records') ORDER BY cid"));
            assertEquals("INTEGER", db.text("SELECT type FROM pragma_table_info('records') WHERE name = 'has_arm'"));
            assertEquals("INTEGER", db.text("SELECT type FROM pragma_table_info('records') WHERE name = 'disk_size'"));
            assertEquals("TEXT", db.text("SELECT type FROM pragma_table_info('records') WHERE name = 'status'"));
        }
    }

    @Test
    void runKeysAreKeptUniqueByAnIndex() throws Exception {
        try (SqliteReportStore store = SqliteReportStore.open(dataDir);
             RawDatabase db = RawDatabase.at(store.databaseFile())) {
            assertEquals("1", db.text("SELECT \"unique\" FROM pragma_index_list('records') WHERE name = 'records_run_key'"));
            assertEquals(List.of("run_key"), db.texts("SELECT name FROM pragma_index_info('records_run_key')"));
        }
    }

    @Test
    void theIndexesOfTheDashboardAndTheCleanUpExist() throws Exception {
        Map<String, List<String>> expected = Map.of(
                "records_created", List.of("created"),
                "records_repo_created", List.of("repo_source", "created"),
                "records_status_updated", List.of("status", "updated"));
        try (SqliteReportStore store = SqliteReportStore.open(dataDir);
             RawDatabase db = RawDatabase.at(store.databaseFile())) {
            for (Map.Entry<String, List<String>> index : expected.entrySet()) {
                assertEquals(index.getValue(),
                        db.texts("SELECT name FROM pragma_index_info('" + index.getKey() + "') ORDER BY seqno"),
                        index.getKey());
            }
        }
    }

    @Test
    void reopeningKeepsTheRecordsAndAppliesNoMigrationAgain() throws Exception {
        Run run = new Run(SampleReports.full("run-1"), SampleReports.T0, SampleReports.T0);
        try (SqliteReportStore store = SqliteReportStore.open(dataDir)) {
            Await.result(store.apply("run-1", SampleReports.creating(run)));
        }
        try (SqliteReportStore store = SqliteReportStore.open(dataDir)) {
            assertEquals(run, store.find("run-1").orElseThrow());
        }
        DatabaseFile file = DatabaseFile.in(dataDir, Duration.ofSeconds(1));
        try (Connection connection = file.openForWriting()) {
            assertEquals(List.of(), Schema.standard().migrate(connection, file.path()));
        }
    }

    @Test
    void aFileFromANewerBuildIsRefusedNamingTheFileAndBothVersions() throws Exception {
        Path file = dataDir.resolve("telemetry.db");
        try (RawDatabase db = RawDatabase.at(file)) {
            db.execute("PRAGMA user_version = 7");
        }
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> SqliteReportStore.open(dataDir));
        assertTrue(refused.getMessage().contains(file.toAbsolutePath().toString()), refused.getMessage());
        assertTrue(refused.getMessage().contains("schema version 7"), refused.getMessage());
        assertTrue(refused.getMessage().contains("up to 1"), refused.getMessage());
        try (RawDatabase db = RawDatabase.at(file)) {
            assertEquals(7, db.number("PRAGMA user_version"));
        }
    }

    @Test
    void aRecordsTableWithoutAColumnForEveryFieldIsRefused() throws Exception {
        Path file = dataDir.resolve("telemetry.db");
        try (RawDatabase db = RawDatabase.at(file)) {
            db.execute("CREATE TABLE records (id INTEGER PRIMARY KEY, run_key TEXT, created INTEGER, updated INTEGER)");
            db.execute("PRAGMA user_version = 1");
        }
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> SqliteReportStore.open(dataDir));
        assertTrue(refused.getMessage().contains("random_id"), refused.getMessage());
        assertTrue(refused.getMessage().contains(file.toAbsolutePath().toString()), refused.getMessage());
    }

    @Test
    void migrationsRunInOrderAndAFailingOneLeavesTheFileAtThePreviousVersion() throws Exception {
        Schema schema = new Schema(List.of(
                new Migration(1, "first", List.of("CREATE TABLE first (x INTEGER)")),
                new Migration(2, "second", List.of("CREATE TABLE second (x INTEGER)", "CREATE TABLE broken (")),
                new Migration(3, "third", List.of("CREATE TABLE third (x INTEGER)"))));
        DatabaseFile file = DatabaseFile.in(dataDir, Duration.ofSeconds(1));
        try (Connection connection = file.openForWriting()) {
            assertThrows(SQLException.class, () -> schema.migrate(connection, file.path()));
        }
        try (RawDatabase db = RawDatabase.at(file.path())) {
            assertEquals(1, db.number("PRAGMA user_version"));
            assertEquals(List.of("first"), db.texts("SELECT name FROM sqlite_master WHERE type = 'table'"));
        }
    }

    @Test
    void aMigrationIsAppliedOnlyToFilesThatLackIt() throws Exception {
        Migration first = new Migration(1, "first", List.of("CREATE TABLE first (x INTEGER)"));
        Migration second = new Migration(2, "second", List.of("CREATE TABLE second (x INTEGER)"));
        DatabaseFile file = DatabaseFile.in(dataDir, Duration.ofSeconds(1));
        try (Connection connection = file.openForWriting()) {
            assertEquals(List.of(first), new Schema(List.of(first)).migrate(connection, file.path()));
            assertEquals(List.of(second), new Schema(List.of(first, second)).migrate(connection, file.path()));
            assertEquals(List.of(), new Schema(List.of(first, second)).migrate(connection, file.path()));
        }
    }

    @Test
    void migrationsMustBeNumberedFromOneWithoutGaps() {
        Migration second = new Migration(2, "second", List.of("CREATE TABLE second (x INTEGER)"));
        assertThrows(IllegalArgumentException.class, () -> new Schema(List.of(second)));
    }
}
