package org.helperscripts.telemetry.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.helperscripts.telemetry.domain.InstallType;
import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.domain.Status;
import org.helperscripts.telemetry.sqlite.SqliteReportStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class JsonFileToEmbeddedTest {

    private static final int RECORDS = 2_000;
    /** Every 97th record has a disk size out of range. */
    private static final int REJECT_EVERY = 97;
    private static final int REJECTED = RECORDS / REJECT_EVERY;

    @TempDir
    Path dir;

    @Test
    void aPlainExportGoesInWithTheLegacyRepairsAndItsOriginalTimes() throws Exception {
        Path file = dir.resolve("export.json");
        LegacyExport.writePlain(file, LegacyExport.records(RECORDS, REJECT_EVERY));

        Launch launch = migrate(file, "--batch-size", "300");

        assertEquals(0, launch.exitCode(), launch.out() + launch.err());
        assertEquals(RECORDS, launch.count("read"));
        assertEquals(RECORDS - REJECTED, launch.count("migrated"));
        assertEquals(REJECTED, launch.count("rejected"));
        assertTrue(launch.out().contains("Source dialect: plain JSON"), launch.out());
        assertEquals(RECORDS - REJECTED, count("SELECT COUNT(*) FROM records"));
        try (SqliteReportStore store = SqliteReportStore.open(dir.resolve("data"))) {
            Run done = store.find(LegacyExport.runKey(0)).orElseThrow();
            assertEquals(Status.SUCCESS, done.report().status(), "done means success");
            assertEquals(InstallType.LXC, done.report().type());
            assertEquals(0, done.report().ctType(), "ct_type 0 (privileged) is kept as sent");
            assertEquals(LegacyExport.FIRST_CREATED, done.created());
            assertEquals(LegacyExport.FIRST_CREATED, done.updated());

            Run failed = store.find(LegacyExport.runKey(1)).orElseThrow();
            assertEquals(Status.FAILED, failed.report().status());
            assertEquals(InstallType.VM, failed.report().type());
            assertEquals(1, failed.report().ctType());
            assertFalse(failed.report().error().contains("192.168."), "the error text is anonymised");
            assertTrue(failed.report().error().startsWith("apt-get failed to reach"), failed.report().error());
            assertEquals(LegacyExport.FIRST_CREATED.plusSeconds(3_600), failed.created());

            Run emptyType = store.find(LegacyExport.runKey(2)).orElseThrow();
            assertEquals(InstallType.LXC, emptyType.report().type(), "an empty type is lxc");
            assertEquals(2, emptyType.report().ctType(), "ct_type 2 (VM) is kept as sent");
            assertEquals(Status.INSTALLING, emptyType.report().status());

            assertEquals(Status.SUCCESS, store.find(LegacyExport.runKey(3)).orElseThrow().report().status(),
                    "the old misspelling sucess means success");
            assertEquals(Status.UNKNOWN, store.find(LegacyExport.runKey(4)).orElseThrow().report().status(),
                    "a status the contract does not know is unknown");
            assertEquals(Status.UNKNOWN, store.find(LegacyExport.runKey(5)).orElseThrow().report().status(),
                    "a missing status is unknown");
            assertEquals("unknown", store.find(LegacyExport.runKey(7)).orElseThrow().report().nsapp(),
                    "an empty nsapp is unknown");
            assertTrue(store.find(LegacyExport.runKey(REJECT_EVERY - 1)).isEmpty());
        }
    }

    @Test
    void rejectsAreListedWithIdPositionAndViolationsButNoValues() throws Exception {
        Path file = dir.resolve("export.json");
        LegacyExport.writePlain(file, LegacyExport.records(RECORDS, REJECT_EVERY));

        migrate(file);

        List<String> lines = Files.readAllLines(dir.resolve("rejects.jsonl"));
        assertEquals(REJECTED, lines.size());
        assertEquals("{\"position\":96,\"id\":\"rec-96\",\"outcome\":\"invalid\",\"violations\":[{\"field\":"
                + "\"disk_size\",\"message\":\"must be a whole number from 0 to 100000\"}]}", lines.get(0));
        assertTrue(lines.stream().noneMatch(line -> line.contains("999999")), "no value of a record is written");
    }

    @Test
    void anExtendedJsonExportGivesTheSameRunsAsThePlainOne() throws Exception {
        List<Map<String, Object>> records = LegacyExport.records(RECORDS, REJECT_EVERY);
        Path plain = dir.resolve("plain.json");
        Path extended = dir.resolve("extended.json");
        LegacyExport.writePlain(plain, records);
        LegacyExport.writeExtended(extended, records);

        Launch fromPlain = migrate(plain);
        Launch fromExtended = Launch.run("--from", "json:" + extended, "--to", "embedded:" + dir.resolve("mongo"),
                "--rejects", dir.resolve("mongo-rejects.jsonl").toString());

        assertEquals(0, fromExtended.exitCode(), fromExtended.out() + fromExtended.err());
        assertTrue(fromExtended.out().contains("Source dialect: MongoDB Extended JSON"), fromExtended.out());
        assertEquals(fromPlain.count("migrated"), fromExtended.count("migrated"));
        assertEquals(REJECTED, fromExtended.count("rejected"));
        try (SqliteReportStore fromFile = SqliteReportStore.open(dir.resolve("data"));
             SqliteReportStore fromMongo = SqliteReportStore.open(dir.resolve("mongo"))) {
            for (int i = 0; i < RECORDS; i++) {
                assertEquals(fromFile.find(LegacyExport.runKey(i)), fromMongo.find(LegacyExport.runKey(i)), "run " + i);
            }
            assertEquals("8.1.2", fromMongo.find(LegacyExport.runKey(1)).orElseThrow().report().pveVersion(),
                    "pveversion is pve_version");
        }
        String firstReject = Files.readAllLines(dir.resolve("mongo-rejects.jsonl")).get(0);
        assertTrue(firstReject.contains("\"id\":\"" + String.format("%024x", REJECT_EVERY - 1) + "\""), firstReject);
    }

    @Test
    void runningTheSameMigrationAgainAddsNothingAndCountsSkipped() throws Exception {
        Path file = dir.resolve("export.json");
        LegacyExport.writePlain(file, LegacyExport.records(RECORDS, 0));
        migrate(file);
        long before = count("SELECT COUNT(*) FROM records");

        Launch again = migrate(file);

        assertEquals(0, again.exitCode());
        assertEquals(0, again.count("migrated"));
        assertEquals(RECORDS, again.count("skipped"));
        assertEquals(before, count("SELECT COUNT(*) FROM records"));
    }

    @Test
    void filtersCountWhatTheyLeaveOut() throws Exception {
        Path file = dir.resolve("export.json");
        LegacyExport.writePlain(file, LegacyExport.records(240, 0));
        // records are an hour apart from 2024-03-01T00:00: the 1st and 2nd of March are 48 records
        Launch launch = migrate(file, "--date-from", "2024-03-02", "--date-until", "2024-03-03",
                "--repo-source", "ProxmoxVE");

        assertEquals(48, launch.count("migrated"));
        assertEquals(240 - 48, launch.count("filtered"));
        assertEquals(Instant.parse("2024-03-02T00:00:00.250Z").toEpochMilli(), count("SELECT MIN(created) FROM records"));
        assertEquals(Instant.parse("2024-03-03T23:00:00.250Z").toEpochMilli(), count("SELECT MAX(created) FROM records"));

        Launch otherRepo = migrate(file, "--repo-source", "ProxmoxVED");
        assertEquals(0, otherRepo.count("migrated"));
        assertEquals(240, otherRepo.count("filtered"));
    }

    @Test
    void aDryRunCountsButWritesNothing() throws Exception {
        Path file = dir.resolve("export.json");
        LegacyExport.writePlain(file, LegacyExport.records(500, REJECT_EVERY));

        Launch launch = migrate(file, "--dry-run");

        assertEquals(0, launch.exitCode(), launch.err());
        assertEquals(500 - 5, launch.count("migrated"));
        assertEquals(5, launch.count("rejected"));
        assertFalse(Files.exists(dir.resolve("data")));
        assertFalse(Files.exists(dir.resolve("rejects.jsonl")));
    }

    @Test
    void aBrokenFileStopsTheRunWithWhereToResume() throws Exception {
        Path file = dir.resolve("export.json");
        String json = LegacyExport.plainJson(LegacyExport.records(50, 0));
        Files.writeString(file, json.substring(0, json.length() - 40));

        Launch launch = migrate(file, "--batch-size", "10");

        assertEquals(1, launch.exitCode());
        assertTrue(launch.out().contains("Stopped early: the source failed"), launch.out());
        assertTrue(launch.out().contains("--skip 40"), launch.out());
        assertEquals(40, count("SELECT COUNT(*) FROM records"));
    }

    private Launch migrate(Path file, String... options) {
        String[] args = new String[6 + options.length];
        args[0] = "--from";
        args[1] = "json:" + file;
        args[2] = "--to";
        args[3] = "embedded:" + dir.resolve("data");
        args[4] = "--rejects";
        args[5] = dir.resolve("rejects.jsonl").toString();
        System.arraycopy(options, 0, args, 6, options.length);
        return Launch.run(args);
    }

    private long count(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/telemetry.db"));
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
