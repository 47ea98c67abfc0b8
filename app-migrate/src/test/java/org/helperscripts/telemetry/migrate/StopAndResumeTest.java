package org.helperscripts.telemetry.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.OptionalLong;

import org.helperscripts.telemetry.domain.ReportParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A run stopped half-way (as Ctrl-C stops it) and resumed where it said ends with every run once. */
@Timeout(120)
class StopAndResumeTest {

    private static final int RECORDS = 2_000;

    @TempDir
    Path dir;

    @Test
    void aStoppedRunResumedWithItsSkipEndsWithEveryRecordExactlyOnce() throws Exception {
        Path file = dir.resolve("export.json");
        LegacyExport.writePlain(file, LegacyExport.records(RECORDS, 0));
        Path data = dir.resolve("data");

        MigrationSummary stopped;
        try (JsonFileSource json = JsonFileSource.open(file, 0, 100);
             EmbeddedTarget target = EmbeddedTarget.open(data)) {
            StoppingSource source = new StoppingSource(json, 7);
            Migration migration = new Migration(source, new LegacyMapping(ReportParser.standard(),
                    MigrationFilter.EVERYTHING), target, RejectFile.none(), 2, 0);
            source.migration = migration;
            stopped = migration.run();
            assertEquals("--skip 700", json.resumeOptions(stopped.resumeAt()));
        }

        assertEquals("stopped by Ctrl-C", stopped.stopped());
        assertEquals(700, stopped.resumeAt());
        assertEquals(700, stopped.migrated());
        assertEquals(1, stopped.exitCode());
        assertEquals(700, rows(data));

        Launch resumed = Launch.run("--from", "json:" + file, "--to", "embedded:" + data, "--skip", "700",
                "--rejects", dir.resolve("r.jsonl").toString());

        assertEquals(0, resumed.exitCode(), resumed.out() + resumed.err());
        assertEquals(RECORDS - 700, resumed.count("migrated"));
        assertEquals(0, resumed.count("skipped"));
        assertEquals(RECORDS, rows(data));
        assertEquals(RECORDS, distinctKeys(data));
    }

    @Test
    void resumingTooEarlyOnlySkipsWhatIsStoredAlready() throws Exception {
        Path file = dir.resolve("export.json");
        LegacyExport.writePlain(file, LegacyExport.records(RECORDS, 0));
        Path data = dir.resolve("data");
        String rejects = dir.resolve("r.jsonl").toString();
        Launch.run("--from", "json:" + file, "--to", "embedded:" + data, "--skip", "1500", "--rejects", rejects);

        Launch overlapping = Launch.run("--from", "json:" + file, "--to", "embedded:" + data, "--skip", "1000",
                "--rejects", rejects);
        Launch fromStart = Launch.run("--from", "json:" + file, "--to", "embedded:" + data, "--rejects", rejects);

        assertEquals(500, overlapping.count("migrated"));
        assertEquals(500, overlapping.count("skipped"));
        assertEquals(1000, fromStart.count("migrated"));
        assertEquals(1000, fromStart.count("skipped"));
        assertEquals(RECORDS, rows(data));
    }

    @Test
    void progressLinesSayHowFarAndHowFast() throws Exception {
        Path file = dir.resolve("export.json");
        LegacyExport.writePlain(file, LegacyExport.records(300, 100));
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        try (JsonFileSource json = JsonFileSource.open(file, 0, 50)) {
            Migration migration = new Migration(json, new LegacyMapping(ReportParser.standard(),
                    MigrationFilter.EVERYTHING), new DryRunTarget(), RejectFile.none(), 1, 0);
            try (ProgressDisplay progress = ProgressDisplay.start(migration, false,
                    new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8),
                    java.time.Duration.ofMillis(100))) {
                migration.run();
                String line = progress.line();
                assertTrue(line.startsWith("progress: 100.0% read 300, migrated 297, skipped 0, "
                        + "filtered 0, rejected 3, failed 0, "), line);
                assertTrue(line.endsWith(" records/s"), line);
            }
        }
        assertFalse(printed.toString(java.nio.charset.StandardCharsets.UTF_8).contains("\r"),
                "plain lines, no carriage-return redraws");
    }

    private static long rows(Path data) throws Exception {
        return number(data, "SELECT COUNT(*) FROM records");
    }

    private static long distinctKeys(Path data) throws Exception {
        return number(data, "SELECT COUNT(DISTINCT run_key) FROM records");
    }

    private static long number(Path data, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("telemetry.db"));
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    /** Passes the source on, and asks the migration to stop (as the Ctrl-C hook does) after some chunks. */
    private static final class StoppingSource implements LegacySource {
        private final LegacySource source;
        private final int stopAfter;
        private int chunks;
        Migration migration;

        StoppingSource(LegacySource source, int stopAfter) {
            this.source = source;
            this.stopAfter = stopAfter;
        }

        @Override
        public LegacyChunk next() throws IOException {
            LegacyChunk chunk = source.next();
            if (++chunks == stopAfter) {
                migration.stop("stopped by Ctrl-C");
            }
            return chunk;
        }

        @Override
        public String description() {
            return source.description();
        }

        @Override
        public long progress() {
            return source.progress();
        }

        @Override
        public OptionalLong total() {
            return source.total();
        }

        @Override
        public String unit() {
            return source.unit();
        }

        @Override
        public String resumeOptions(long position) {
            return source.resumeOptions(position);
        }

        @Override
        public void close() throws IOException {
            source.close();
        }
    }
}
