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

    private static final String INSERT_NEW = RunRows.INSERT + " ON CONFLICT (run_key) DO NOTHING";

    private final Path databaseFile;
    private final Connection connection;
    private final Statement control;
    private final PreparedStatement insert;

    private SqliteRunImport(Path databaseFile, Connection connection) throws SQLException {
        this.databaseFile = databaseFile;
        this.connection = connection;
        this.control = connection.createStatement();
        this.insert = connection.prepareStatement(INSERT_NEW);
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
     * Inserts {@code runs} in one transaction; durable when this returns.
     *
     * @throws SQLException when the batch cannot be written (full disk, lock held longer than the
     *     busy timeout); nothing of the batch is stored then
     */
    public RunImportCount importRuns(List<Run> runs) throws SQLException {
        Objects.requireNonNull(runs, "runs");
        int inserted = 0;
        control.execute("BEGIN IMMEDIATE");
        try {
            for (Run run : inKeyOrder(runs)) {
                RunRows.bindInsert(insert, run.runKey(), run);
                inserted += insert.executeUpdate();
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
            insert.close();
            control.close();
        } finally {
            connection.close();
        }
    }
}
