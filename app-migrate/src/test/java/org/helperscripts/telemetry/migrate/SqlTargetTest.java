package org.helperscripts.telemetry.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.helperscripts.telemetry.pocketbase.PocketBaseReportStore;
import org.helperscripts.telemetry.pocketbase.PocketBaseSettings;
import org.helperscripts.telemetry.pocketbase.testserver.PocketBaseTestServer;
import org.helperscripts.telemetry.pocketbase.testserver.SqlScripts;
import org.helperscripts.telemetry.sqlite.SqliteReportStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQL file is loaded into the database of the PocketBase-protocol test server, into the
 * collection the PocketBase store created there, and read back through that store over HTTP.
 */
@Timeout(120)
class SqlTargetTest {

    private static final int RECORDS = 1_500;

    @TempDir
    Path dir;

    @Test
    void theSqlFileLoadsIntoPocketBaseAndReadsBackAsTheEmbeddedImportDoes() throws Exception {
        List<Map<String, Object>> records = LegacyExport.records(RECORDS, 100);
        Path export = dir.resolve("export.json");
        LegacyExport.writeExtended(export, records);
        Path sql = dir.resolve("runs.sql");

        Launch toSql = Launch.withEnvironment(Map.of("JSON_FILE", export.toString(), "SQL_OUTPUT", sql.toString(),
                "PB_TARGET_COLLECTION", "telemetry"), "--rejects", dir.resolve("rejects.jsonl").toString());
        Launch toEmbedded = Launch.run("--from", "json:" + export, "--to", "embedded:" + dir.resolve("data"),
                "--rejects", dir.resolve("rejects-embedded.jsonl").toString());

        assertEquals(0, toSql.exitCode(), toSql.out() + toSql.err());
        assertEquals(RECORDS - 15, toSql.count("migrated"));
        assertEquals(15, toSql.count("rejected"));
        try (PocketBaseTestServer server = PocketBaseTestServer.start();
             PocketBaseReportStore pocketBase = PocketBaseReportStore.open(PocketBaseSettings.of(
                     URI.create(server.baseUrl()), server.superuser().collection(), server.superuser().email(),
                     server.superuser().password(), "telemetry"));
             SqliteReportStore embedded = SqliteReportStore.open(dir.resolve("data"))) {
            SqlScripts.load(server.databaseFile(), sql);
            SqlScripts.load(server.databaseFile(), sql);

            assertEquals(RECORDS - 15, rows(server.databaseFile()), "loading twice adds nothing");
            for (int i = 0; i < RECORDS; i += 7) {
                String key = LegacyExport.runKey(i);
                assertEquals(embedded.find(key), pocketBase.find(key), "run " + i);
            }
        }
    }

    @Test
    void aResumedRunAddsToTheFileInsteadOfStartingItAnew() throws Exception {
        Path export = dir.resolve("export.json");
        LegacyExport.writePlain(export, LegacyExport.records(300, 0));
        Path sql = dir.resolve("runs.sql");

        Launch first = Launch.run("--from", "json:" + export, "--to", "sql:" + sql, "--skip", "200",
                "--rejects", dir.resolve("r.jsonl").toString());
        Launch rest = Launch.run("--from", "json:" + export, "--to", "sql:" + sql, "--skip", "100",
                "--rejects", dir.resolve("r.jsonl").toString());

        assertEquals(100, first.count("migrated"));
        assertEquals(200, rest.count("migrated"));
        String script = Files.readString(sql);
        assertTrue(script.contains(LegacyExport.runKey(250)) && script.contains(LegacyExport.runKey(150)));
        assertTrue(!script.contains("'" + LegacyExport.runKey(99) + "'"));
    }

    private static long rows(Path database) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM telemetry")) {
            result.next();
            return result.getLong(1);
        }
    }
}
