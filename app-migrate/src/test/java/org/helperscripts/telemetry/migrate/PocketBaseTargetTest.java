package org.helperscripts.telemetry.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import org.helperscripts.telemetry.pocketbase.PocketBaseReportStore;
import org.helperscripts.telemetry.pocketbase.PocketBaseSettings;
import org.helperscripts.telemetry.pocketbase.testserver.PocketBaseTestServer;
import org.helperscripts.telemetry.sqlite.SqliteReportStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(180)
class PocketBaseTargetTest {

    private static final int RECORDS = 150;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "batch API enabled: {0}")
    @ValueSource(booleans = {true, false})
    void anExportGoesIntoPocketBaseOnceHoweverOftenItIsRun(boolean batches) throws Exception {
        Path export = dir.resolve("export.json");
        LegacyExport.writeExtended(export, LegacyExport.records(RECORDS, 50));
        try (PocketBaseTestServer server = PocketBaseTestServer.builder().batchEnabled(batches).start()) {
            Map<String, String> environment = Map.of("JSON_FILE", export.toString(), "PB_URL", server.baseUrl(),
                    "PB_IDENTITY", server.superuser().email(), "PB_PASSWORD", server.superuser().password(),
                    "PB_TARGET_COLLECTION", "legacy_runs");
            String rejects = dir.resolve("rejects.jsonl").toString();

            Launch first = Launch.withEnvironment(environment, "--rejects", rejects, "--batch-size", "40");
            Launch again = Launch.withEnvironment(environment, "--rejects", rejects, "--batch-size", "40");
            Launch.run("--from", "json:" + export, "--to", "embedded:" + dir.resolve("data"), "--rejects", rejects);

            assertEquals(0, first.exitCode(), first.out() + first.err());
            assertTrue(first.out().contains("to PocketBase http://127.0.0.1:"), first.out());
            assertFalse((first.out() + first.err()).contains(server.superuser().password()), "no password is printed");
            assertEquals(RECORDS - 3, first.count("migrated"));
            assertEquals(3, first.count("rejected"));
            assertEquals(0, again.exitCode(), again.out() + again.err());
            assertEquals(RECORDS - 3, rows(server.databaseFile()), "the second run added no record");
            assertEquals(RECORDS - 3, again.count("skipped"), "with batches and without, a re-run only skips");
            assertEquals(0, again.count("migrated"));
            try (PocketBaseReportStore pocketBase = PocketBaseReportStore.open(PocketBaseSettings.of(
                    URI.create(server.baseUrl()), "_superusers", server.superuser().email(),
                    server.superuser().password(), "legacy_runs"));
                 SqliteReportStore embedded = SqliteReportStore.open(dir.resolve("data"))) {
                for (int i = 0; i < RECORDS; i += 5) {
                    String key = LegacyExport.runKey(i);
                    assertEquals(embedded.find(key), pocketBase.find(key), "run " + i);
                }
            }
        }
    }

    private static long rows(Path database) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM legacy_runs")) {
            result.next();
            return result.getLong(1);
        }
    }

    @Test
    void withoutCredentialsThePocketBaseTargetIsAUsageError() {
        Path export = dir.resolve("export.json");
        LegacyExport.writePlain(export, LegacyExport.records(3, 0));
        Launch launch = Launch.withEnvironment(Map.of("PB_URL", "http://127.0.0.1:9"), "--from", "json:" + export);
        assertEquals(2, launch.exitCode());
        assertTrue(launch.err().contains("PB_IDENTITY"), launch.err());
    }
}
