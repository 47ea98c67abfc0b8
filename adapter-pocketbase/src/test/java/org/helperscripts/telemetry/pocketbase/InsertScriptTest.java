package org.helperscripts.telemetry.pocketbase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.domain.Status;
import org.helperscripts.telemetry.pocketbase.testserver.SqlScripts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The script is loaded into the test server's own SQLite file, in the collection the store
 * created there, and the runs are read back through the store over HTTP.
 */
@Timeout(60)
class InsertScriptTest {

    private static final Instant CREATED = Instant.parse("2024-02-03T04:05:06.789Z");
    private static final Instant UPDATED = Instant.parse("2024-02-03T04:09:00.001Z");

    @TempDir
    Path dir;

    private PocketBaseFixture pocketBase;
    private PocketBaseReportStore store;

    @BeforeEach
    void start() {
        pocketBase = PocketBaseFixture.start();
        store = pocketBase.open();
    }

    @AfterEach
    void stop() {
        pocketBase.close();
    }

    @Test
    void loadedRowsReadBackAsTheRunsThatWereWritten() throws Exception {
        Run full = new Run(SampleReports.full("run-full"), CREATED, UPDATED);
        Run zeroes = new Run(SampleReports.required("run-zero", Status.SUCCESS), CREATED, CREATED);
        Path file = write(false, List.of(full, zeroes));

        load(file);

        assertEquals(full, store.find("run-full").orElseThrow());
        assertEquals(zeroes, store.find("run-zero").orElseThrow());
        assertEquals(List.of("2024-02-03 04:05:06.789Z", "2024-02-03 04:09:00.001Z", "2024-02-03 04:05:06.789Z"),
                column("SELECT created, updated, old_created FROM telemetry WHERE execution_id = 'run-full'"));
        String id = column("SELECT id FROM telemetry WHERE execution_id = 'run-full'").get(0);
        assertTrue(id.matches("[a-z0-9]{15}"), id);
    }

    @Test
    void loadingTheSameRunsAgainAddsNothing() throws Exception {
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < 1_234; i++) {
            runs.add(new Run(SampleReports.required("run-" + i, Status.FAILED), CREATED.plusSeconds(i), CREATED.plusSeconds(i)));
        }
        Path file = write(false, runs);
        load(file);
        load(file);
        Path overlapping = dir.resolve("overlap.sql");
        try (PocketBaseInsertScript script = PocketBaseInsertScript.open(overlapping, "telemetry", false)) {
            script.write(runs.subList(1_000, 1_234));
            script.write(List.of(new Run(SampleReports.required("run-new", Status.SUCCESS), CREATED, CREATED)));
        }
        load(overlapping);

        assertEquals(List.of("1235"), column("SELECT COUNT(*) FROM telemetry"));
    }

    @Test
    void textWithQuotesStaysOneValue() throws Exception {
        Run quoted = new Run(SampleReports.full("run-quote").withOutcome(Status.FAILED, 1,
                "it's a 'quoted'); DROP TABLE telemetry; --", null, null), CREATED, CREATED);
        load(write(false, List.of(quoted)));
        assertEquals(quoted, store.find("run-quote").orElseThrow());
    }

    @Test
    void appendingKeepsWhatTheFileHolds() throws Exception {
        Run first = new Run(SampleReports.required("run-1", Status.SUCCESS), CREATED, CREATED);
        Run second = new Run(SampleReports.required("run-2", Status.SUCCESS), CREATED, CREATED);
        Path file = write(false, List.of(first));
        try (PocketBaseInsertScript script = PocketBaseInsertScript.open(file, "telemetry", true)) {
            script.write(List.of(second));
        }
        load(file);
        assertTrue(store.find("run-1").isPresent());
        assertTrue(store.find("run-2").isPresent());
        write(false, List.of(second));
        assertEquals(1, Files.readString(file).split("BEGIN;", -1).length - 1, "a new file starts empty");
    }

    @Test
    void theIdOfARunIsTheSameEveryTimeAndDiffersBetweenRuns() {
        String id = PocketBaseInsertScript.recordId("run-1");
        assertEquals(id, PocketBaseInsertScript.recordId("run-1"));
        assertNotEquals(id, PocketBaseInsertScript.recordId("run-2"));
        assertTrue(id.matches("[a-z0-9]{15}"), id);
    }

    @Test
    void batchesRenderedOnSeveralThreadsAtOnceAreTheBatchesOfOneThread() throws Exception {
        List<List<Run>> batches = new ArrayList<>();
        for (int b = 0; b < 16; b++) {
            List<Run> batch = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                batch.add(new Run(SampleReports.full("run-" + b + "-" + i), CREATED.plusSeconds(i), UPDATED));
            }
            batches.add(batch);
        }
        try (PocketBaseInsertScript script = PocketBaseInsertScript.open(dir.resolve("p.sql"), "telemetry", false)) {
            List<String> alone = batches.stream().map(script::render).toList();
            List<String> together = batches.parallelStream().map(script::render).toList();
            assertEquals(alone, together);
        }
    }

    @Test
    void aCollectionNameThatIsNoNameIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> PocketBaseInsertScript.open(dir.resolve("x.sql"), "telemetry; DROP", false));
    }

    private Path write(boolean append, List<Run> runs) throws Exception {
        Path file = dir.resolve("runs.sql");
        try (PocketBaseInsertScript script = PocketBaseInsertScript.open(file, "telemetry", append)) {
            script.write(runs);
        }
        return file;
    }

    private void load(Path file) throws Exception {
        SqlScripts.load(pocketBase.server.databaseFile(), file);
    }

    private List<String> column(String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + pocketBase.server.databaseFile());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                for (int i = 1; i <= columns; i++) {
                    values.add(rows.getString(i));
                }
            }
        }
        return values;
    }
}
