package org.helperscripts.telemetry.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UsageTest {

    @TempDir
    Path dir;

    private String file;
    private String data;

    @BeforeEach
    void export() {
        Path path = dir.resolve("export.json");
        LegacyExport.writePlain(path, LegacyExport.records(10, 0));
        file = "json:" + path;
        data = "embedded:" + dir.resolve("data");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "an unknown option          | --frob",
        "a source of no known kind  | --from ftp:somewhere",
        "a target of no known kind  | --to mysql:db",
        "a day that is no day       | --date-from 2024-13-01",
        "an end before the start    | --date-from 2024-05-02 --date-until 2024-05-01",
        "a repository never heard of| --repo-source gitlab",
        "a batch of nothing         | --batch-size 0",
        "no workers                 | --workers 0",
        "a negative skip            | --skip -1",
        "a start page for a file    | --start-page 3",
        "a collection name with SQL | --to sql:x.sql --pb-collection telemetry;drop",
    })
    void aUsageErrorExitsWithTwoAndSaysWhat(String what, String options) {
        String[] extra = options.split(" ");
        String[] args = new String[4 + extra.length];
        args[0] = "--from";
        args[1] = file;
        args[2] = "--to";
        args[3] = data;
        System.arraycopy(extra, 0, args, 4, extra.length);
        // later options win, so "--from"/"--to" in extra replace the valid ones

        Launch launch = Launch.run(args);

        assertEquals(2, launch.exitCode(), what + ": " + launch.out() + launch.err());
        assertTrue(launch.err().contains("Usage: telemetry-migrate") || launch.err().contains("Unknown option"),
                launch.err());
        assertFalse(Files.exists(dir.resolve("data")), "nothing is written on a usage error");
    }

    @Test
    void aMissingSourceFileIsAUsageError() {
        Launch launch = Launch.run("--from", "json:" + dir.resolve("missing.json"), "--to", data);
        assertEquals(2, launch.exitCode());
        assertTrue(launch.err().contains("no readable file"), launch.err());
    }

    @Test
    void withoutSourceOrTargetTheLauncherSaysWhichIsMissing() {
        Launch launch = Launch.run();
        assertEquals(2, launch.exitCode());
        assertTrue(launch.err().contains("--from") && launch.err().contains("--to"), launch.err());
    }

    @Test
    void helpListsTheOptionsExamplesAndVariables() {
        Launch launch = Launch.run("--help");
        assertEquals(0, launch.exitCode());
        for (String expected : new String[] {"--from", "--to", "--repo-source", "--date-from", "--date-until", "--skip",
                "--start-page", "--batch-size", "--workers", "--dry-run", "Examples:", "embedded:./data",
                "SQL_OUTPUT", "MIGRATION_SOURCE_URL", "SKIP_RECORDS"}) {
            assertTrue(launch.out().contains(expected), expected + " in\n" + launch.out());
        }
    }

    @Test
    void thePreviousToolsVariablesFillTheFlags() {
        Launch launch = Launch.withEnvironment(Map.of("JSON_FILE", file.substring(5), "BATCH_SIZE", "3",
                "SKIP_RECORDS", "4", "DATE_FROM", "2024-03-01", "REPO_SOURCE", "ProxmoxVE"),
                "--to", data, "--rejects", dir.resolve("r.jsonl").toString());
        assertEquals(0, launch.exitCode(), launch.out() + launch.err());
        assertEquals(6, launch.count("read"));
        assertEquals(6, launch.count("migrated"));

        Launch flagWins = Launch.withEnvironment(Map.of("JSON_FILE", file.substring(5), "SKIP_RECORDS", "4"),
                "--to", data, "--skip", "8", "--rejects", dir.resolve("r.jsonl").toString());
        assertEquals(2, flagWins.count("read"));

        Launch badVariable = Launch.withEnvironment(Map.of("JSON_FILE", file.substring(5), "WORKERS", "many"),
                "--to", data);
        assertEquals(2, badVariable.exitCode());
    }
}
