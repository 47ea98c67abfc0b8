package org.helperscripts.telemetry.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.helperscripts.telemetry.domain.Report;
import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.ports.out.ReportSpool;
import org.helperscripts.telemetry.ports.out.SpoolHealth;
import org.helperscripts.telemetry.ports.out.SpooledReport;
import org.helperscripts.telemetry.ports.out.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write-ahead spool in front of a remote store: its own SQLite file, {@code spool.db}, in the
 * data directory, in WAL mode with synchronous=FULL. Appends, removals and set-asides go through
 * one writer thread that commits whatever is queued in one transaction (group commit, as the
 * embedded store does), so a completed {@link #append} future means the report is on disk, even if
 * the power fails right after.
 *
 * <p>The spool holds at most {@code maxReports} reports, appends not yet committed included;
 * beyond that an append fails at once with {@link StoreUnavailableException} ("spool full"), and
 * the refusal is counted. Opening the file again finds whatever was left, in the order it was
 * appended. Reports the store refused for good are moved into the {@code dead_letters} table with
 * the reason, where an operator can read them (they are anonymised reports, like the records).
 */
public final class SqliteReportSpool implements ReportSpool, AutoCloseable {

    /** The spool's file in the data directory. */
    public static final String FILE_NAME = "spool.db";

    private static final Logger LOG = LoggerFactory.getLogger(SqliteReportSpool.class);
    /** Removals and set-asides wait this long for their commit before they count as failed. */
    private static final Duration COMMIT_WAIT = Duration.ofSeconds(30);
    private static final String OLDEST = "SELECT " + RunRows.SELECT_COLUMNS + ", sequence FROM spool"
            + " ORDER BY sequence LIMIT ?";

    private final Path databaseFile;
    private final long maxReports;
    private final Clock clock;
    private final CommitQueue<SpoolWrite<?>> writer;
    private final ReadConnections reads;
    /** Reports in the spool, appends accepted and not yet answered included. */
    private final AtomicLong waiting;
    private final AtomicLong setAside;
    private final AtomicLong refusedFull = new AtomicLong();

    private SqliteReportSpool(Path databaseFile, long maxReports, Clock clock, SpoolTable table,
                              ReadConnections reads, SqliteSettings settings, long waiting, long setAside) {
        this.databaseFile = databaseFile;
        this.maxReports = maxReports;
        this.clock = clock;
        this.reads = reads;
        this.waiting = new AtomicLong(waiting);
        this.setAside = new AtomicLong(setAside);
        this.writer = new CommitQueue<>("telemetry-spool", "spool", batch -> write(table, batch),
                () -> closeQuietly(table), settings.maxBatchSize(), settings.queueCapacity());
    }

    /** Opens the spool in {@code dataDir} with {@linkplain SqliteSettings#defaults() the default settings}. */
    public static SqliteReportSpool open(Path dataDir, long maxReports, Clock clock) {
        return open(dataDir, maxReports, clock, SqliteSettings.defaults());
    }

    /**
     * Opens the spool in {@code dataDir}, creating the directory and the file if missing; whatever
     * an earlier run left in it is delivered first.
     *
     * @param maxReports the most reports it holds (at least 1)
     * @param clock      when reports are set aside
     * @throws IllegalStateException when the file was written by a newer build or cannot be opened;
     *     the message names the file
     * @throws java.io.UncheckedIOException when the data directory cannot be created
     */
    public static SqliteReportSpool open(Path dataDir, long maxReports, Clock clock, SqliteSettings settings) {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(settings, "settings");
        if (maxReports < 1) {
            throw new IllegalArgumentException("maxReports must be at least 1, was " + maxReports);
        }
        DatabaseFile file = DatabaseFile.in(dataDir, FILE_NAME, settings.busyTimeout());
        try {
            Connection connection = file.openForWriting();
            SpoolTable table;
            long waiting;
            long setAside;
            try {
                Schema.spool().migrate(connection, file.path());
                Schema.spool().verify(connection, file.path());
                waiting = count(connection, "spool");
                setAside = count(connection, "dead_letters");
                table = new SpoolTable(connection);
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
            ReadConnections reads;
            try {
                reads = ReadConnections.open(file, settings.readConnections());
            } catch (SQLException | RuntimeException e) {
                table.close();
                throw e;
            }
            SqliteReportSpool spool = new SqliteReportSpool(file.path(), maxReports, clock, table, reads, settings,
                    waiting, setAside);
            spool.writer.start();
            LOG.info("Spool {} open: {} reports waiting (at most {}), {} set aside", file.path(), waiting,
                    maxReports, setAside);
            return spool;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot open the spool " + file.path() + ": " + e.getMessage(), e);
        }
    }

    /** The spool's file, for the launcher's start-up line. */
    public Path databaseFile() {
        return databaseFile;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Never blocks. The future completes after the commit, on the spool's answering thread,
     * where continuations attached without an executor also run; keep them short.
     */
    @Override
    public CompletableFuture<SpooledReport> append(Report report, Instant receivedAt) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (waiting.incrementAndGet() > maxReports) {
            waiting.decrementAndGet();
            refusedFull.incrementAndGet();
            return CompletableFuture.failedFuture(
                    new StoreUnavailableException("spool full (" + maxReports + " reports waiting)"));
        }
        SpoolWrite<SpooledReport> append = new SpoolWrite<>(
                table -> new SpooledReport(table.append(report, receivedAt), report, receivedAt));
        try {
            writer.accept(append);
        } catch (StoreUnavailableException refused) {
            waiting.decrementAndGet();
            return CompletableFuture.failedFuture(refused);
        }
        return append.future.whenComplete((entry, failure) -> {
            if (failure != null) {
                waiting.decrementAndGet();
            }
        });
    }

    @Override
    public List<SpooledReport> oldest(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, was " + max);
        }
        return reads.read(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(OLDEST)) {
                statement.setInt(1, max);
                List<SpooledReport> entries = new ArrayList<>();
                try (ResultSet row = statement.executeQuery()) {
                    while (row.next()) {
                        Run run = RunRows.read(row);
                        entries.add(new SpooledReport(row.getLong(RunRows.NEXT_COLUMN), run.report(), run.created()));
                    }
                }
                return entries;
            }
        });
    }

    @Override
    public void remove(Collection<SpooledReport> delivered) {
        List<Long> sequences = delivered.stream().map(SpooledReport::sequence).toList();
        if (sequences.isEmpty()) {
            return;
        }
        waiting.addAndGet(-committed(new SpoolWrite<>(table -> table.remove(sequences))));
    }

    @Override
    public void setAside(SpooledReport entry, String reason) {
        Objects.requireNonNull(reason, "reason");
        int moved = committed(new SpoolWrite<>(table -> table.setAside(entry.sequence(), reason, clock.instant())));
        waiting.addAndGet(-moved);
        setAside.addAndGet(moved);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Available while the writer runs and the file can be read; the depth counts appends not
     * yet committed too.
     */
    @Override
    public SpoolHealth health() {
        long depth = waiting.get();
        if (writer.isClosed()) {
            return broken(depth, "spool closed");
        }
        if (!writer.isRunning()) {
            return broken(depth, "spool writer stopped");
        }
        Instant oldest;
        try {
            oldest = reads.read(connection -> {
                try (Statement statement = connection.createStatement();
                     ResultSet row = statement.executeQuery("SELECT created FROM spool ORDER BY sequence LIMIT 1")) {
                    return row.next() ? Instant.ofEpochMilli(row.getLong(1)) : null;
                }
            });
        } catch (StoreUnavailableException e) {
            return broken(depth, "spool not readable: " + e.getMessage());
        }
        return new SpoolHealth(true, depth, maxReports, oldest, refusedFull.get(), setAside.get(), null);
    }

    /**
     * Stops taking appends, commits and answers every write accepted before, then closes the
     * file. What was not delivered stays in it for the next start. Idempotent.
     */
    @Override
    public void close() {
        writer.close();
        reads.close();
    }

    private SpoolHealth broken(long depth, String problem) {
        return new SpoolHealth(false, depth, maxReports, null, refusedFull.get(), setAside.get(), problem);
    }

    /** Queues a removal or set-aside and waits until it is durable: its count of rows. */
    private int committed(SpoolWrite<Integer> write) {
        writer.accept(write);
        try {
            return write.future.get(COMMIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException failed) {
            throw failed.getCause() instanceof StoreUnavailableException unavailable
                    ? unavailable : new StoreUnavailableException("spool write failed", failed.getCause());
        } catch (TimeoutException slow) {
            throw new StoreUnavailableException("spool write not committed within " + COMMIT_WAIT.toSeconds() + " s");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for the spool");
        }
    }

    /**
     * One transaction for the whole batch. Every write here is either an append of a report that
     * is valid already or a delete by sequence, so a failure is the file's (disk full, I/O error),
     * not one write's: the batch fails as a whole and its callers may try again.
     */
    private static void write(SpoolTable table, List<SpoolWrite<?>> batch) {
        try {
            table.begin();
            for (SpoolWrite<?> write : batch) {
                write.writeOn(table);
            }
            table.commit();
        } catch (SQLException | RuntimeException e) {
            table.rollBack();
            LOG.warn("A spool batch of {} writes failed: {}", batch.size(), e.getMessage());
            for (SpoolWrite<?> write : batch) {
                write.failed(new StoreUnavailableException("spool write failed", e));
            }
        }
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            return result.next() ? result.getLong(1) : 0;
        }
    }

    private static void closeQuietly(SpoolTable table) {
        try {
            table.close();
        } catch (SQLException e) {
            LOG.warn("Closing the spool's write connection failed: {}", e.getMessage());
        }
    }
}
