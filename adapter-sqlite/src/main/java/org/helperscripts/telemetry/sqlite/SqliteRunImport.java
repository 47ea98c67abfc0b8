package org.helperscripts.telemetry.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;

import org.helperscripts.telemetry.domain.Run;

/**
 * Moves finished runs into the embedded store in bulk, for the migration of old data: one
 * transaction per batch, the runs' own created and updated times kept, and a run whose key is
 * stored already left untouched and counted as skipped ({@code ON CONFLICT (run_key) DO
 * NOTHING}), so the same import run twice adds nothing.
 *
 * <p>The file is opened, migrated and checked exactly as {@link SqliteReportStore} does, so an
 * imported database is one the store serves. A running store may share the file: SQLite's lock
 * lets one writer in at a time, and each side waits up to the busy timeout for the other. Not
 * thread-safe: one thread imports.
 */
public final class SqliteRunImport implements AutoCloseable {

    /**
     * Runs per INSERT statement. The work SQLite and its driver do once per statement (a
     * virtual-machine run, the JNI round trips of execute and reset) was a third of an import at
     * one run per statement; the import of 1,000,000 runs took 45,000 runs/s at 1, 62,000 at 32,
     * 74,000 at 200 and about 95,000 at 500 here (docs/PERFORMANCE.md). 500 rows of 31 values
     * stay below SQLite's limit of 32,766 parameters.
     */
    static final int RUNS_PER_STATEMENT = 500;

    private static final String CONFLICT = " ON CONFLICT (run_key) DO NOTHING";

    private final Path databaseFile;
    private final Connection connection;
    private final Statement control;
    private final PreparedStatement insertOne;
    private final PreparedStatement insertMany;

    private SqliteRunImport(Path databaseFile, Connection connection) throws SQLException {
        this.databaseFile = databaseFile;
        this.connection = connection;
        this.control = connection.createStatement();
        // A commit that returned is in the log file and survives the process; only a power cut
        // may take the last batches back, and then a re-run of the import puts them in again
        // (what is stored is skipped). Syncing the log on every commit cost 10 % of the import.
        control.execute("PRAGMA synchronous = NORMAL");
        this.insertOne = connection.prepareStatement(RunRows.INSERT + CONFLICT);
        this.insertMany = connection.prepareStatement(RunRows.insertRows("records", RUNS_PER_STATEMENT) + CONFLICT);
    }

    /**
     * Opens the database in {@code dataDir} for importing, creating the directory and the database
     * if missing and bringing an older database up to this build's schema.
     *
     * @throws IllegalStateException when the database was written by a newer build, lacks a
     *     column this build needs, or cannot be opened; the message names the file
     */
    public static SqliteRunImport open(Path dataDir) {
        Objects.requireNonNull(dataDir, "dataDir");
        DatabaseFile file = DatabaseFile.in(dataDir, SqliteSettings.DEFAULT_BUSY_TIMEOUT);
        Connection connection = null;
        try {
            connection = file.openForWriting();
            Schema schema = Schema.standard();
            schema.migrate(connection, file.path());
            schema.verify(connection, file.path());
            return new SqliteRunImport(file.path(), connection);
        } catch (SQLException | RuntimeException e) {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException closing) {
                    e.addSuppressed(closing);
                }
            }
            throw new IllegalStateException("Cannot open the telemetry database " + file.path() + " for import: "
                    + e.getMessage(), e);
        }
    }

    /** The database file, for the launcher's start-up line. */
    public Path databaseFile() {
        return databaseFile;
    }

    /**
     * Inserts {@code runs} in one transaction; when this returns, the runs survive the end of the
     * process (a power cut may take back the last batches, see the synchronous setting above).
     *
     * @throws SQLException when the batch cannot be written (full disk, lock held longer than the
     *     busy timeout); nothing of the batch is stored then
     */
    public RunImportCount importRuns(List<Run> runs) throws SQLException {
        Objects.requireNonNull(runs, "runs");
        int inserted = 0;
        control.execute("BEGIN IMMEDIATE");
        try {
            List<Run> sorted = inKeyOrder(runs);
            int next = 0;
            for (; next + RUNS_PER_STATEMENT <= sorted.size(); next += RUNS_PER_STATEMENT) {
                for (int row = 0; row < RUNS_PER_STATEMENT; row++) {
                    Run run = sorted.get(next + row);
                    RunRows.bindRow(insertMany, row, run.runKey(), run);
                }
                inserted += insertMany.executeUpdate();
            }
            for (; next < sorted.size(); next++) {
                Run run = sorted.get(next);
                RunRows.bindInsert(insertOne, run.runKey(), run);
                inserted += insertOne.executeUpdate();
            }
            control.execute("COMMIT");
        } catch (SQLException | RuntimeException e) {
            try {
                control.execute("ROLLBACK");
            } catch (SQLException ignored) {
                // after some failures SQLite has rolled back already; nothing is open any more
            }
            throw e;
        }
        return new RunImportCount(inserted, runs.size() - inserted);
    }

    /**
     * The runs sorted by run key (stable: of two runs of one key the first given stays first and
     * is the one stored), so that the inserts walk the run-key index in one direction instead of
     * jumping to a random page for every run.
     */
    private static List<Run> inKeyOrder(List<Run> runs) {
        List<Run> sorted = new java.util.ArrayList<>(runs);
        sorted.sort(java.util.Comparator.comparing(Run::runKey));
        return sorted;
    }

    /** Closes the connection; the last connection to the file checkpoints the log. */
    @Override
    public void close() throws SQLException {
        try {
            insertOne.close();
            insertMany.close();
            control.close();
        } finally {
            connection.close();
        }
    }
}
