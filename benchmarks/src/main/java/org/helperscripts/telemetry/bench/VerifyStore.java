package org.helperscripts.telemetry.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * The other half of the ingestion benchmark: once the server has stopped, checks that every run
 * key that got a 202 has its record in the SQLite file. A 202 promises a committed report, so
 * one missing key is a lost report and the exit code is 1. The embedded store keeps the key in
 * {@code records.run_key}; the PocketBase stand-in keeps it in {@code telemetry.execution_id}
 * ({@code --table telemetry --key-column execution_id}).
 *
 * <pre>java -cp benchmarks.jar org.helperscripts.telemetry.bench.VerifyStore --db DATA_DIR/telemetry.db --accepted FILE [--table records] [--key-column run_key]</pre>
 */
public final class VerifyStore {

    private static final String USAGE = "usage: java -cp benchmarks.jar " + VerifyStore.class.getName()
            + " --db DATA_DIR/telemetry.db --accepted FILE [--table records] [--key-column run_key]";
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final int MISSING_SHOWN = 10;

    private VerifyStore() {
    }

    public static void main(String[] args) {
        Path database = null;
        Path acceptedFile = null;
        String table = "records";
        String keyColumn = "run_key";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--db" -> database = Path.of(args[i + 1]);
                case "--accepted" -> acceptedFile = Path.of(args[i + 1]);
                case "--table" -> table = args[i + 1];
                case "--key-column" -> keyColumn = args[i + 1];
                default -> usage("unknown option " + args[i]);
            }
        }
        if (database == null || acceptedFile == null || args.length % 2 != 0) {
            usage("both --db and --accepted are needed");
        }
        if (!NAME.matcher(table).matches() || !NAME.matcher(keyColumn).matches()) {
            usage("--table and --key-column take plain SQL names");
        }
        if (!Files.isRegularFile(database)) {
            usage("no database file at " + database);
        }

        Set<String> missing;
        long acceptedCount;
        long rows = 0;
        try {
            missing = readKeys(acceptedFile);
            acceptedCount = missing.size();
            try (Connection connection = openReadOnly(database);
                 Statement statement = connection.createStatement();
                 ResultSet keys = statement.executeQuery("SELECT " + keyColumn + " FROM " + table)) {
                while (keys.next()) {
                    rows++;
                    missing.remove(keys.getString(1));
                }
            }
        } catch (IOException | SQLException e) {
            System.err.println("cannot verify: " + e.getMessage());
            System.exit(2);
            return;
        }

        long present = acceptedCount - missing.size();
        System.out.println();
        System.out.println("store verification: " + database);
        line("accepted run keys", acceptedCount);
        line("present in store", present);
        line("missing", missing.size());
        line("rows in store", rows);
        // rows no 202 was seen for: answers lost to I/O errors or cut off at the end, not a fault
        line("rows without a 202", rows - present);
        if (!missing.isEmpty()) {
            List<String> examples = new ArrayList<>(missing).subList(0, Math.min(MISSING_SHOWN, missing.size()));
            System.out.println("LOST: these run keys got a 202 but have no record, e.g. " + examples);
            System.exit(1);
        }
        System.out.println("every accepted report is in the store");
    }

    private static Set<String> readKeys(Path file) throws IOException {
        Set<String> keys = new HashSet<>();
        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            if (!line.isBlank()) {
                keys.add(line.trim());
            }
        }
        return keys;
    }

    /** Read-only, so that checking the store can never change what it checks. */
    private static Connection openReadOnly(Path database) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.READONLY);
        return config.createConnection("jdbc:sqlite:" + database.toAbsolutePath());
    }

    private static void line(String label, long value) {
        System.out.printf(Locale.ROOT, "  %-20s %,d%n", label, value);
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println(USAGE);
        System.exit(2);
    }
}
