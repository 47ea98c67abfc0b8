package org.helperscripts.telemetry.sqlite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.sqlite.SQLiteConfig;

/** One SQLite file (the store's or the spool's), and how its connections are set up. */
final class DatabaseFile {

    static final String NAME = "telemetry.db";

    /**
     * After a burst the write-ahead log is cut back to this size at the next checkpoint, so one
     * busy hour does not leave a huge -wal file behind.
     */
    private static final long WAL_SIZE_LIMIT_BYTES = 64L * 1024 * 1024;
    private static final int WRITER_CACHE_KIB = 64 * 1024;
    private static final int CHECKPOINT_EVERY_PAGES = 8_000;

    private final Path path;
    private final int busyTimeoutMillis;

    private DatabaseFile(Path path, Duration busyTimeout) {
        this.path = path;
        this.busyTimeoutMillis = (int) busyTimeout.toMillis();
    }

    /** The store's database file in {@code dataDir}, which is created if missing. */
    static DatabaseFile in(Path dataDir, Duration busyTimeout) {
        return in(dataDir, NAME, busyTimeout);
    }

    /** The database file {@code name} in {@code dataDir}, which is created if missing. */
    static DatabaseFile in(Path dataDir, String name, Duration busyTimeout) {
        Path directory = dataDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + directory, e);
        }
        return new DatabaseFile(directory.resolve(name), busyTimeout);
    }

    Path path() {
        return path;
    }

    /**
     * The connection of the writer. synchronous=FULL syncs the log on every commit, so a commit
     * that returned survives a power cut; the group commit of the writer keeps that affordable.
     */
    Connection openForWriting() throws SQLException {
        Connection connection = connect();
        try (Statement statement = connection.createStatement()) {
            String mode = text(statement, "PRAGMA journal_mode = WAL");
            if (!"wal".equalsIgnoreCase(mode)) {
                throw new SQLException(path + " cannot use write-ahead logging; its journal mode stayed " + mode);
            }
            statement.execute("PRAGMA synchronous = FULL");
            statement.execute("PRAGMA journal_size_limit = " + WAL_SIZE_LIMIT_BYTES);
            // Index pages of a million runs stay in memory instead of being read back for
            // every batch, and checkpoints (which copy the log into the database and sync it)
            // come every 32 MB of log rather than every 4 MB, so a page written by many
            // batches reaches the database once: together they took sustained ingestion from
            // about 10,700 to about 13,900 reports/s here (docs/PERFORMANCE.md).
            statement.execute("PRAGMA cache_size = -" + WRITER_CACHE_KIB);
            statement.execute("PRAGMA wal_autocheckpoint = " + CHECKPOINT_EVERY_PAGES);
            return connection;
        } catch (SQLException e) {
            closeAfterFailure(connection, e);
            throw e;
        }
    }

    /** A connection that can only read, so that no read path can ever write by mistake. */
    Connection openForReading() throws SQLException {
        Connection connection = connect();
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA query_only = ON");
            return connection;
        } catch (SQLException e) {
            closeAfterFailure(connection, e);
            throw e;
        }
    }

    /**
     * Opens through the driver class itself rather than DriverManager, so that a shaded launcher
     * jar that lost the driver's service file still finds it.
     */
    private Connection connect() throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        // Otherwise the driver runs an extra "SELECT last_insert_rowid()" after every insert.
        config.setGetGeneratedKeys(false);
        Connection connection = config.createConnection("jdbc:sqlite:" + path);
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = " + busyTimeoutMillis);
            // Sorts and groupings of the dashboard stay in memory instead of littering /tmp.
            statement.execute("PRAGMA temp_store = MEMORY");
            return connection;
        } catch (SQLException e) {
            closeAfterFailure(connection, e);
            throw e;
        }
    }

    private static String text(Statement statement, String sql) throws SQLException {
        try (ResultSet result = statement.executeQuery(sql)) {
            return result.next() ? result.getString(1) : null;
        }
    }

    private static void closeAfterFailure(Connection connection, SQLException failure) {
        try {
            connection.close();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
