package org.helperscripts.telemetry.pocketbase.testserver;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The SQLite file behind the test server: one connection, one lock. Requests are served one at a
 * time, which is all a test needs and makes a batch a plain transaction on that connection.
 */
final class Database implements AutoCloseable {

    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();

    private Database(Connection connection) {
        this.connection = connection;
    }

    static Database open(Path file) {
        try {
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode = WAL");
                statement.execute("PRAGMA busy_timeout = 5000");
            }
            return new Database(connection);
        } catch (SQLException failure) {
            throw new DatabaseException(failure);
        }
    }

    /** Runs {@code work} with the connection to itself. */
    <T> T exclusively(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
     * Inside an open transaction (a batch) it joins that one, so the batch decides.
     */
    <T> T inTransaction(Supplier<T> work) {
        return exclusively(() -> {
            try {
                if (!connection.getAutoCommit()) {
                    return work.get();
                }
                connection.setAutoCommit(false);
                try {
                    T result = work.get();
                    connection.commit();
                    return result;
                } catch (RuntimeException | Error failure) {
                    connection.rollback();
                    throw failure;
                } finally {
                    connection.setAutoCommit(true);
                }
            } catch (SQLException failure) {
                throw new DatabaseException(failure);
            }
        });
    }

    List<Map<String, Object>> query(SqlFragment query) {
        return exclusively(() -> {
            try (PreparedStatement statement = prepare(query); ResultSet rows = statement.executeQuery()) {
                ResultSetMetaData meta = rows.getMetaData();
                List<Map<String, Object>> result = new ArrayList<>();
                while (rows.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int column = 1; column <= meta.getColumnCount(); column++) {
                        row.put(meta.getColumnLabel(column), rows.getObject(column));
                    }
                    result.add(row);
                }
                return result;
            } catch (SQLException failure) {
                throw new DatabaseException(failure);
            }
        });
    }

    Optional<Map<String, Object>> queryOne(SqlFragment query) {
        List<Map<String, Object>> rows = query(query);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    long count(SqlFragment query) {
        Object value = queryOne(query).map(row -> row.values().iterator().next()).orElse(0);
        return ((Number) value).longValue();
    }

    int update(SqlFragment statement) {
        return exclusively(() -> {
            try (PreparedStatement prepared = prepare(statement)) {
                return prepared.executeUpdate();
            } catch (SQLException failure) {
                throw new DatabaseException(failure);
            }
        });
    }

    /** Runs DDL that carries no values (table, index and view definitions). */
    void execute(String sql) {
        update(SqlFragment.of(sql));
    }

    private PreparedStatement prepare(SqlFragment fragment) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(fragment.sql());
        List<Object> params = fragment.params();
        for (int i = 0; i < params.size(); i++) {
            Object value = params.get(i);
            // SQLite has no boolean type; PocketBase's driver stores true/false as 1/0.
            statement.setObject(i + 1, value instanceof Boolean flag ? (flag ? 1 : 0) : value);
        }
        return statement;
    }

    @Override
    public void close() {
        exclusively(() -> {
            try {
                connection.close();
            } catch (SQLException failure) {
                throw new DatabaseException(failure);
            }
            return null;
        });
    }

    /** An SQLite failure; its text is what PocketBase would see from its own driver. */
    static final class DatabaseException extends RuntimeException {

        DatabaseException(SQLException cause) {
            super(cause.getMessage(), cause);
        }

        /** The SQLite message without the JDBC driver's "[SQLITE_ERROR] ... (" wrapping. */
        String sqliteMessage() {
            String text = getMessage() == null ? "" : getMessage();
            int open = text.indexOf('(');
            if (text.startsWith("[") && open > 0 && text.endsWith(")")) {
                return text.substring(open + 1, text.length() - 1);
            }
            return text;
        }
    }
}
