package org.helperscripts.telemetry.sqlite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

import org.helperscripts.telemetry.ports.out.StoreUnavailableException;
import org.helperscripts.telemetry.ports.out.WeeklyReportLedger;
import org.sqlite.SQLiteConfig;

/**
 * The weekly reports sent, in their own small SQLite file, {@value #NAME}, in the data directory:
 * one row per claimed ISO week, kept across restarts and shared by every instance that uses the
 * same directory. A file of its own rather than a table of the records store, so that it serves
 * whichever store the service uses (PocketBase too) and its rare writes never queue behind the
 * records' writer.
 *
 * <p>Each ledger is one claimer: {@link #release} gives back only a claim this ledger made, so a
 * late release cannot free a week another instance has claimed since. Thread-safe.
 */
public final class SqliteWeeklyReportLedger implements WeeklyReportLedger, AutoCloseable {

    static final String NAME = "jobs.db";
    private static final Pattern ISO_WEEK = Pattern.compile("\\d{4}-W\\d{2}");
    private static final Duration BUSY_TIMEOUT = Duration.ofSeconds(10);

    private final Connection connection;
    private final Clock clock;
    private final String claimer = UUID.randomUUID().toString();

    private SqliteWeeklyReportLedger(Connection connection, Clock clock) {
        this.connection = connection;
        this.clock = clock;
    }

    /**
     * Opens the ledger in {@code dataDir}, creating the directory, the file and its table if
     * missing.
     *
     * @param clock when a claim was made, kept beside it for an operator
     * @throws IllegalStateException when the file cannot be opened; the message names it
     * @throws UncheckedIOException  when the data directory cannot be created
     */
    public static SqliteWeeklyReportLedger open(Path dataDir, Clock clock) {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(clock, "clock");
        Path directory = dataDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + directory, e);
        }
        Path file = directory.resolve(NAME);
        try {
            Connection connection = new SQLiteConfig().createConnection("jdbc:sqlite:" + file);
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT.toMillis());
                statement.execute("PRAGMA journal_mode = WAL");
                // a claim that returned must survive a power cut, or a week could be sent twice
                statement.execute("PRAGMA synchronous = FULL");
                statement.execute("CREATE TABLE IF NOT EXISTS weekly_reports ("
                        + "iso_week TEXT PRIMARY KEY, claimed_by TEXT NOT NULL, claimed_at INTEGER NOT NULL)");
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
            return new SqliteWeeklyReportLedger(connection, clock);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot open the weekly report ledger " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreUnavailableException when the file cannot be written now
     */
    @Override
    public synchronized boolean claim(String isoWeek) {
        requireWeek(isoWeek);
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT OR IGNORE INTO weekly_reports (iso_week, claimed_by, claimed_at) VALUES (?, ?, ?)")) {
            insert.setString(1, isoWeek);
            insert.setString(2, claimer);
            insert.setLong(3, clock.millis());
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreUnavailableException("the weekly report ledger cannot be written: " + e.getMessage(), e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Only a claim of this ledger is given back.
     *
     * @throws StoreUnavailableException when the file cannot be written now
     */
    @Override
    public synchronized void release(String isoWeek) {
        requireWeek(isoWeek);
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM weekly_reports WHERE iso_week = ? AND claimed_by = ?")) {
            delete.setString(1, isoWeek);
            delete.setString(2, claimer);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("the weekly report ledger cannot be written: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("closing the weekly report ledger failed: " + e.getMessage(), e);
        }
    }

    static void requireWeek(String isoWeek) {
        if (isoWeek == null || !ISO_WEEK.matcher(isoWeek).matches()) {
            throw new IllegalArgumentException("not an ISO week like 2026-W19: " + isoWeek);
        }
    }
}
