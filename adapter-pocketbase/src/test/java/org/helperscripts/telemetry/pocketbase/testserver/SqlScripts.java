package org.helperscripts.telemetry.pocketbase.testserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads a file of SQL into a SQLite database as {@code sqlite3 data.db < FILE} would: statement by
 * statement, each ending at a ';' outside a quoted string, '--' comment lines left out. For the
 * tests of the SQL scripts made for PocketBase's database.
 */
public final class SqlScripts {

    private SqlScripts() {
    }

    /** Runs every statement of {@code script} against {@code database}. */
    public static void load(Path database, Path script) throws IOException, SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 5000");
            for (String sql : statements(Files.readString(script))) {
                statement.execute(sql);
            }
        }
    }

    /**
     * The statements of {@code script}, in order.
     *
     * @throws IllegalArgumentException when the script ends inside a statement
     */
    public static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean comment = false;
        for (int i = 0; i < script.length(); i++) {
            char c = script.charAt(i);
            if (comment) {
                comment = c != '\n';
                continue;
            }
            if (!quoted && c == '-' && i + 1 < script.length() && script.charAt(i + 1) == '-') {
                comment = true;
                continue;
            }
            if (c == '\'') {
                quoted = !quoted;
            }
            if (c == ';' && !quoted) {
                statements.add(current.toString().trim());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.toString().isBlank()) {
            throw new IllegalArgumentException("the script ends inside a statement: " + current.toString().trim());
        }
        return statements;
    }
}
