package org.helperscripts.telemetry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.helperscripts.telemetry.domain.ReportField;
import org.helperscripts.telemetry.sqlite.SqliteReportSpool;
import org.helperscripts.telemetry.sqlite.SqliteReportStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/PRIVACY.md promises which fields are stored. The promise is checked against the tables a
 * fresh store and a fresh spool really create on disk, so a column added without updating the
 * document (or a documented field the store does not keep) fails the build.
 */
class PrivacyDocumentTest {

    private static final Path PRIVACY = Path.of("..", "docs", "PRIVACY.md");

    @TempDir
    Path dataDir;

    @Test
    void theStoredFieldsTableListsExactlyTheColumnsOfTheRecordsTable() throws Exception {
        try (SqliteReportStore store = SqliteReportStore.open(dataDir)) {
            Set<String> columns = columns(store.databaseFile(), "records");

            assertEquals(columns, documented("## Stored fields"));
        }
    }

    @Test
    void everyFieldOfTheWireContractIsDocumentedAsStored() throws Exception {
        Set<String> documented = documented("## Stored fields");
        for (ReportField field : ReportField.values()) {
            assertTrue(documented.contains(field.wireName()), field.wireName() + " missing from the stored fields");
        }
    }

    @Test
    void theSpoolHoldsTheRunColumnsAndOnlyItsDocumentedBookkeeping() throws Exception {
        Set<String> runColumns = documented("## Stored fields");
        runColumns.remove("id");
        Set<String> bookkeeping = documented("### Spool bookkeeping");
        assertFalse(bookkeeping.isEmpty(), "the spool bookkeeping table is empty");
        try (SqliteReportSpool spool = SqliteReportSpool.open(dataDir, 10, Clock.systemUTC())) {
            Set<String> expected = new LinkedHashSet<>(runColumns);
            expected.addAll(bookkeeping);
            Set<String> spooled = union(columns(spool.databaseFile(), "spool"),
                    columns(spool.databaseFile(), "dead_letters"));

            assertEquals(expected, spooled);
        }
    }

    private static Set<String> union(Set<String> first, Set<String> second) {
        Set<String> both = new LinkedHashSet<>(first);
        both.addAll(second);
        return both;
    }

    private static Set<String> columns(Path databaseFile, String table) throws SQLException {
        Set<String> columns = new LinkedHashSet<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + databaseFile);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (rows.next()) {
                columns.add(rows.getString("name"));
            }
        }
        assertFalse(columns.isEmpty(), "table " + table + " not found in " + databaseFile);
        return columns;
    }

    /** The back-quoted names in the first column of the table that follows {@code heading}. */
    private static Set<String> documented(String heading) throws Exception {
        assertTrue(Files.exists(PRIVACY), PRIVACY.toAbsolutePath() + " not found");
        List<String> lines = Files.readAllLines(PRIVACY, StandardCharsets.UTF_8);
        int start = lines.indexOf(heading);
        assertTrue(start >= 0, "heading '" + heading + "' not found in " + PRIVACY);
        List<String> names = new ArrayList<>();
        boolean inTable = false;
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("#")) {
                break;
            }
            if (line.startsWith("|")) {
                inTable = true;
                String first = line.split("\\|")[1].trim();
                if (first.startsWith("`") && first.endsWith("`")) {
                    names.add(first.substring(1, first.length() - 1));
                }
            } else if (inTable) {
                break;
            }
        }
        Set<String> unique = new LinkedHashSet<>(names);
        assertEquals(names.size(), unique.size(), "a field is listed twice under '" + heading + "': " + names);
        return unique;
    }
}
