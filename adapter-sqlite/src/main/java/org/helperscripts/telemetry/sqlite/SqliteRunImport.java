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
 * Moves finished runs into the embedded store in bulk, for the migration of old data: the runs'
 * own created and updated times kept, and a run whose key is stored already left untouched and
 * counted as skipped ({@code ON CONFLICT (run_key) DO NOTHING}), so the same import run twice
 * adds nothing.
 *
 * <p>Batches share one transaction until {@link #commit} (which the import also does itself every
 * {@link #RUNS_PER_TRANSACTION} runs, and {@link #close} does last): run keys are random, so each
 * run lands on its own page of the run-key index, and a commit writes every page it changed to the
 * log. Committing each batch of 1,000 wrote a page per run; a transaction of tens of thousands of
 * runs changes most pages many times and writes each once. Each batch has its own savepoint, so a
 * batch that fails leaves nothing behind and the batches before it stay pending.
 *
 * <p>The file is opened, migrated and checked exactly as {@link SqliteReportStore} does, so an
 * imported database is one the store serves. A running store may share the file: SQLite's lock
 * lets one writer in at a time, and each side waits up to the busy timeout for the other, which is
 * why a transaction is kept short in time as well as bounded in runs: the caller commits whenever
 * it is about to wait for more runs. Not thread-safe: one thread imports.
 */
public final class SqliteRunImport implements AutoCloseable {

    /**
     * Runs per INSERT statement. The work SQLite and its driver do once per statement (a
     * virtual-machine run, the JNI round trips of execute and reset) was a third of an import at
     * one run per statement; the import of 1,000,000 runs (keys in counting order) took 45,000
     * runs/s at 1, 62,000 at 32, 74,000 at 200 and about 95,000 at 500 here. 500 rows of 31 values
     * stay below SQLite's limit of 32,766 parameters.
     */
    static final int RUNS_PER_STATEMENT = 500;

    /**
     * Runs per transaction at most. Importing 1,000,000 runs with random keys took 16,500 runs/s
     * here committing every 1,000 and 26,400 committing every 20,000 (docs/PERFORMANCE.md); at
     * that rate 20,000 runs hold the write lock for about a second, well inside the busy timeout
     * of a store that shares the file.
     */
    public static final int RUNS_PER_TRANSACTION = 20_000;

    /** 4 KiB pages: about 400 MB of log between checkpoints. */
    private static final int CHECKPOINT_EVERY_PAGES = 100_000;

    private static final String CONFLICT = " ON CONFLICT (run_key) DO NOTHING";

    private final Path databaseFile;
    private final Connection connection;
    private final Statement control;
    private final PreparedStatement insertOne;
    private final PreparedStatement insertMany;
    /**
     * Runs given since the last commit, stored or skipped: a transaction of skipped runs holds the
     * write lock as long as one of stored runs, so both count towards its end. A transaction is
     * open exactly while this is above zero.
     */
    private int uncommitted;

    private SqliteRunImport(Path databaseFile, Connection connection) throws SQLException {
        this.databaseFile = databaseFile;
        this.connection = connection;
        this.control = connection.createStatement();
        // A commit that returned is in the log file and survives the process; only a power cut
        // may take the last batches back, and then a re-run of the import puts them in again
        // (what is stored is skipped). Syncing the log on every commit cost 10 % of the import.
        control.execute("PRAGMA synchronous = NORMAL");
        // A checkpoint copies the log into the database and syncs it, on the committing thread.
        // With random run keys the transactions keep changing the same index pages; checkpointing
        // every 400 MB of log rather than every 32 MB copies such a page once for many
        // transactions and syncs a twelfth as often: 26,400 -> 30,100 runs/s for the import alone
        // (docs/PERFORMANCE.md). The log grows that large only while an import runs.
        control.execute("PRAGMA wal_autocheckpoint = " + CHECKPOINT_EVERY_PAGES);
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
     * Inserts {@code runs} into the import's transaction, committing it when it holds
     * {@link #RUNS_PER_TRANSACTION} runs or more. The runs survive the end of the process once
     * {@link #commit} or {@link #close} returned (a power cut may take back the last transactions,
     * see the synchronous setting above); {@link #hasUncommitted} says whether any wait for it.
     *
     * @throws SQLException when the batch cannot be written (full disk, lock held longer than the
     *     busy timeout); nothing of the batch is stored then, and the runs of earlier batches still
     *     wait for the commit
     */
    public RunImportCount importRuns(List<Run> runs) throws SQLException {
        Objects.requireNonNull(runs, "runs");
        if (runs.isEmpty()) {
            return new RunImportCount(0, 0);
        }
        if (uncommitted == 0) {
            control.execute("BEGIN IMMEDIATE");
        }
        int inserted;
        try {
            control.execute("SAVEPOINT batch");
            inserted = insert(inKeyOrder(runs));
            control.execute("RELEASE batch");
        } catch (SQLException | RuntimeException e) {
            undoBatch();
            throw e;
        }
        uncommitted += runs.size();
        if (uncommitted >= RUNS_PER_TRANSACTION) {
            commit();
        }
        return new RunImportCount(inserted, runs.size() - inserted);
    }

    /**
     * Makes every run imported so far durable and lets other writers of the file in. Nothing
     * happens when nothing waits.
     *
     * @throws SQLException when the commit fails; the runs since the last commit are not stored then
     */
    public void commit() throws SQLException {
        if (uncommitted == 0) {
            return;
        }
        uncommitted = 0;
        try {
            control.execute("COMMIT");
        } catch (SQLException e) {
            rollBack();
            throw e;
        }
    }

    /** Whether batches imported since the last commit wait for the next one. */
    public boolean hasUncommitted() {
        return uncommitted > 0;
    }

    private int insert(List<Run> sorted) throws SQLException {
        int inserted = 0;
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
        return inserted;
    }

    /**
     * Takes back the failed batch alone. When no earlier batch waits, the whole transaction goes,
     * so that the write lock is not held while the caller decides what to do.
     */
    private void undoBatch() {
        try {
            control.execute("ROLLBACK TO batch");
            control.execute("RELEASE batch");
            if (uncommitted == 0) {
                rollBack(); // nothing earlier waits: let go of the write lock
            }
        } catch (SQLException e) {
            // after some failures (a full disk, say) SQLite has rolled the transaction back itself
            rollBack();
        }
    }

    /** Ends whatever transaction is left after a failure; earlier batches are lost with it. */
    private void rollBack() {
        uncommitted = 0;
        try {
            control.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // after some failures SQLite has rolled back already; nothing is open any more
        }
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

    /**
     * Commits what waits and closes the connection; the last connection to the file checkpoints
     * the log.
     *
     * @throws SQLException when the last commit fails; the connection is closed all the same
     */
    @Override
    public void close() throws SQLException {
        try {
            commit();
        } finally {
            closeStatements();
        }
    }

    private void closeStatements() throws SQLException {
        try {
            insertOne.close();
            insertMany.close();
            control.close();
        } finally {
            connection.close();
        }
    }
}
