package org.helperscripts.telemetry.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.helperscripts.telemetry.domain.Merge;
import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.ports.out.RecordPage;
import org.helperscripts.telemetry.ports.out.RecordMaintenance;
import org.helperscripts.telemetry.ports.out.RecordQuery;
import org.helperscripts.telemetry.ports.out.ReportStore;
import org.helperscripts.telemetry.ports.out.StatsQuery;
import org.helperscripts.telemetry.ports.out.StatsWindow;
import org.helperscripts.telemetry.ports.out.StoreHealth;
import org.helperscripts.telemetry.ports.out.StoreUnavailableException;
import org.helperscripts.telemetry.ports.out.WindowStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default store: one SQLite file, {@code telemetry.db}, in the data directory.
 *
 * <p>One writer thread owns the only write connection and commits whatever is queued in one
 * transaction (group commit), with synchronous=FULL: a completed {@link #apply} future means the
 * record is on disk, even if the power fails right after. Reads run on their own connections
 * beside it. The store holds no static state; several may be open at once on different files.
 *
 * <p>Clean-up ({@link RecordMaintenance}) goes through the same writer, one batch per
 * transaction, so it never meets a lock held by another connection and reports keep flowing in
 * between its batches.
 */
public final class SqliteReportStore implements ReportStore, StatsQuery, RecordMaintenance, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteReportStore.class);
    private static final String KIND = "sqlite";

    private final Path databaseFile;
    private final RecordWriter writer;
    private final DayRollups rollups;
    private final ReadConnections reads;

    private SqliteReportStore(Path databaseFile, RecordWriter writer, ReadConnections reads, DayRollups rollups) {
        this.rollups = rollups;
        this.databaseFile = databaseFile;
        this.writer = writer;
        this.reads = reads;
    }

    /** Opens the store in {@code dataDir} with {@linkplain SqliteSettings#defaults() the default settings}. */
    public static SqliteReportStore open(Path dataDir) {
        return open(dataDir, SqliteSettings.defaults());
    }

    /**
     * Opens the store in {@code dataDir}, creating the directory and the database if missing and
     * bringing an older database up to this build's schema.
     *
     * @throws IllegalStateException when the database was written by a newer build, lacks a
     *     column this build needs, or cannot be opened; the message names the file
     * @throws java.io.UncheckedIOException when the data directory cannot be created
     */
    public static SqliteReportStore open(Path dataDir, SqliteSettings settings) {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(settings, "settings");
        DatabaseFile file = DatabaseFile.in(dataDir, settings.busyTimeout());
        try {
            return open(file, settings);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot open the telemetry database " + file.path() + ": "
                    + e.getMessage(), e);
        }
    }

    private static SqliteReportStore open(DatabaseFile file, SqliteSettings settings) throws SQLException {
        Schema schema = Schema.standard();
        Connection connection = file.openForWriting();
        List<Migration> applied;
        RecordTable table;
        try {
            applied = schema.migrate(connection, file.path());
            schema.verify(connection, file.path());
            table = new RecordTable(connection);
        } catch (SQLException | RuntimeException e) {
            closeAfterFailure(connection, e);
            throw e;
        }
        ReadConnections reads;
        try {
            reads = ReadConnections.open(file, settings.readConnections());
        } catch (SQLException | RuntimeException e) {
            closeAfterFailure(table, e);
            throw e;
        }
        DayRollups rollups = new DayRollups(DayRollups.DEFAULT_MAX_ROWS);
        RecordWriter writer = RecordWriter.start(table, settings.maxBatchSize(), settings.queueCapacity(),
                rollups::changed);
        LOG.info("Telemetry store {} open at schema version {}{}", file.path(), schema.latestVersion(),
                applied.stream()
                        .map(migration -> migration.version() + " (" + migration.purpose() + ")")
                        .collect(Collectors.joining(", ", applied.isEmpty() ? "" : ", applied migration ", "")));
        return new SqliteReportStore(file.path(), writer, reads, rollups);
    }

    /** The database file, for the launcher's start-up line. */
    public Path databaseFile() {
        return databaseFile;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Never blocks: when {@link SqliteSettings#queueCapacity()} writes are waiting, or the
     * store is closed, the future fails at once with {@link StoreUnavailableException}. The future
     * completes after the commit, on the store's answering thread, where continuations attached
     * without an executor also run; keep them short. {@code change} runs on the writer thread and
     * may run twice (when its batch fails and each write is tried alone), so it must be free of
     * side effects. Stored times keep millisecond precision.
     */
    @Override
    public CompletableFuture<Merge> apply(String runKey, Function<Optional<Run>, Merge> change) {
        Objects.requireNonNull(runKey, "runKey");
        Objects.requireNonNull(change, "change");
        return writer.submit(runKey, change);
    }

    @Override
    public Optional<Run> find(String runKey) {
        Objects.requireNonNull(runKey, "runKey");
        return reads.read(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(RunRows.SELECT_BY_RUN_KEY)) {
                statement.setString(1, runKey);
                try (ResultSet row = statement.executeQuery()) {
                    return row.next() ? Optional.of(RunRows.read(row)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public RecordPage page(RecordQuery query) {
        Objects.requireNonNull(query, "query");
        return reads.read(connection -> RecordListing.page(connection, query));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Whole days of the window come from {@link DayRollups}, counted once per day and
     * repository and counted again after a write changed a record of that day; the rest is counted
     * live, each part in one statement on a read connection while the writer goes on writing.
     */
    @Override
    public WindowStats aggregate(StatsWindow window) {
        Objects.requireNonNull(window, "window");
        return reads.read(connection -> rollups.aggregate(connection, window));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Blocks until every batch is committed. Each batch is one transaction of the writer; the
     * days of the records it changed are counted again by {@link #aggregate}.
     *
     * @throws StoreUnavailableException when a batch fails (it is rolled back) or the writer's
     *     queue is full or closed
     */
    @Override
    public int closeStuckRuns(Instant lastChangedBefore, Instant now, int batchSize) {
        Objects.requireNonNull(lastChangedBefore, "lastChangedBefore");
        Objects.requireNonNull(now, "now");
        RecordMaintenance.requireBatchSize(batchSize);
        return inBatches(batchSize,
                RecordCleanup.closeStuck(lastChangedBefore.toEpochMilli(), now.toEpochMilli(), batchSize));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Blocks until every batch is committed, as {@link #closeStuckRuns} does.
     */
    @Override
    public int deleteCreatedBefore(Instant cutoff, int batchSize) {
        Objects.requireNonNull(cutoff, "cutoff");
        RecordMaintenance.requireBatchSize(batchSize);
        return inBatches(batchSize, RecordCleanup.deleteExpired(cutoff.toEpochMilli(), batchSize));
    }

    /** Repeats {@code step} until a batch comes back short: nothing more to do. */
    private int inBatches(int batchSize, TableStep<Integer> step) {
        int total = 0;
        while (true) {
            int done;
            try {
                done = writer.submit(step).join();
            } catch (CompletionException failed) {
                if (failed.getCause() instanceof StoreUnavailableException unavailable) {
                    throw unavailable;
                }
                throw new StoreUnavailableException("clean-up failed", failed.getCause());
            }
            total += done;
            if (done < batchSize) {
                return total;
            }
        }
    }

    /** Up while the writer runs and the file can be read; pending counts writes not yet answered. */
    @Override
    public StoreHealth health() {
        long pending = writer.pending();
        if (writer.isClosed()) {
            return StoreHealth.down(KIND, pending, "store closed");
        }
        if (!writer.isRunning()) {
            return StoreHealth.down(KIND, pending, "writer stopped");
        }
        try {
            // reads a page of the file, where SELECT 1 alone would not touch it
            reads.read(connection -> {
                try (Statement statement = connection.createStatement();
                     ResultSet result = statement.executeQuery("SELECT 1 FROM records LIMIT 1")) {
                    return result.next();
                }
            });
        } catch (StoreUnavailableException e) {
            return StoreHealth.down(KIND, pending, "database not readable: " + e.getMessage());
        }
        return StoreHealth.up(KIND, pending);
    }

    /**
     * Stops taking writes, commits and answers every write accepted before, then closes the
     * connections. Waits for the writer as long as it takes: an accepted write is never dropped.
     * Idempotent.
     */
    @Override
    public void close() {
        writer.close();
        reads.close();
    }

    /** Transactions the writer has committed; a sign of how well writes are grouped. */
    long commits() {
        return writer.commits();
    }

    private static void closeAfterFailure(AutoCloseable resource, Exception failure) {
        try {
            resource.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }
}
