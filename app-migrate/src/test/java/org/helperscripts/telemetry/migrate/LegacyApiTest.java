package org.helperscripts.telemetry.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.helperscripts.telemetry.domain.Status;
import org.helperscripts.telemetry.sqlite.SqliteReportStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class LegacyApiTest {

    private static final int RECORDS = 1_050;

    @TempDir
    Path dir;

    @Test
    void everyPageGoesInAndAFailedPageIsAskedForAgain() throws Exception {
        try (LegacyApiServer api = LegacyApiServer.serving(LegacyExport.records(RECORDS, 100))) {
            api.failNext(2, 503);

            Launch launch = migrate(api, "embedded:" + dir.resolve("data"), "--batch-size", "200");

            assertEquals(0, launch.exitCode(), launch.out() + launch.err());
            assertEquals(RECORDS, launch.count("read"));
            assertEquals(RECORDS - 10, launch.count("migrated"));
            assertEquals(10, launch.count("rejected"));
            assertEquals(List.of("page=1&limit=200", "page=1&limit=200", "page=1&limit=200", "page=2&limit=200",
                    "page=3&limit=200", "page=4&limit=200", "page=5&limit=200", "page=6&limit=200"),
                    List.copyOf(api.requests));
            try (SqliteReportStore store = SqliteReportStore.open(dir.resolve("data"))) {
                assertEquals(Status.SUCCESS, store.find(LegacyExport.runKey(0)).orElseThrow().report().status());
                assertEquals(LegacyExport.FIRST_CREATED.plusSeconds(3_600L * 1_049),
                        store.find(LegacyExport.runKey(1_049)).orElseThrow().created());
            }
        }
    }

    @Test
    void aStartPageResumesThereAndTheRestCompletesTheMove() throws Exception {
        try (LegacyApiServer api = LegacyApiServer.serving(LegacyExport.records(RECORDS, 0))) {
            Launch tail = migrate(api, "embedded:" + dir.resolve("data"), "--batch-size", "100", "--start-page", "7");
            Launch all = migrate(api, "embedded:" + dir.resolve("data"), "--batch-size", "100");

            assertEquals(RECORDS - 600, tail.count("migrated"));
            assertEquals(600, all.count("migrated"));
            assertEquals(RECORDS - 600, all.count("skipped"));
        }
    }

    @Test
    void anApiThatKeepsFailingStopsTheRunWithTheStartPageToResumeWith() throws Exception {
        try (LegacyApiServer api = LegacyApiServer.serving(LegacyExport.records(RECORDS, 0))) {
            api.failNext(LegacyApiSource.ATTEMPTS, 502);

            Launch failing = migrate(api, "embedded:" + dir.resolve("data"), "--batch-size", "100", "--start-page", "3");

            assertEquals(1, failing.exitCode());
            assertTrue(failing.out().contains("answered 502 (after 5 attempts)"), failing.out());
            assertTrue(failing.out().contains("--start-page 3 --batch-size 100"), failing.out());
            assertEquals(LegacyApiSource.ATTEMPTS, api.requests.size());
        }
    }

    @Test
    void theApiGoesIntoAnSqlFileToo() throws Exception {
        List<Map<String, Object>> records = LegacyExport.records(RECORDS, 0);
        try (LegacyApiServer api = LegacyApiServer.serving(records)) {
            Path sql = dir.resolve("runs.sql");
            Launch launch = Launch.withEnvironment(Map.of("MIGRATION_SOURCE_URL", api.baseUrl(),
                    "SQL_OUTPUT", sql.toString(), "BATCH_SIZE", "250"), "--rejects", dir.resolve("r.jsonl").toString());

            assertEquals(0, launch.exitCode(), launch.out() + launch.err());
            assertEquals(RECORDS, launch.count("migrated"));
            String script = Files.readString(sql);
            assertEquals(5, script.split("BEGIN;\n", -1).length - 1, "one transaction per page");
            for (int i = 0; i < RECORDS; i += 50) {
                assertTrue(script.contains("'" + LegacyExport.runKey(i) + "'"), "run " + i);
            }
        }
    }

    private Launch migrate(LegacyApiServer api, String target, String... options) {
        String[] args = new String[6 + options.length];
        args[0] = "--from";
        args[1] = "api:" + api.baseUrl();
        args[2] = "--to";
        args[3] = target;
        args[4] = "--rejects";
        args[5] = dir.resolve("rejects.jsonl").toString();
        System.arraycopy(options, 0, args, 6, options.length);
        return Launch.run(args);
    }
}
