package org.helperscripts.telemetry.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.helperscripts.telemetry.domain.Run;

/**
 * The records table as the writer sees it: every statement prepared once on the write connection
 * and bound by index. Confined to the writer thread, like the connection it owns.
 */
final class RecordTable implements AutoCloseable {

    private final Connection connection;
    private final List<PreparedStatement> statements = new ArrayList<>();
    /**
     * IMMEDIATE takes the write lock at the start, so the reads inside a batch can never be
     * invalidated by another process writing in between (which would fail the commit).
     */
    private final PreparedStatement begin;
    private final PreparedStatement commit;
    private final PreparedStatement rollback;
    private final PreparedStatement find;
    private final PreparedStatement insert;
    private final PreparedStatement update;

    /** Takes over {@code connection}: closing the table closes it. */
    RecordTable(Connection connection) throws SQLException {
        this.connection = connection;
        try {
            begin = prepare("BEGIN IMMEDIATE");
            commit = prepare("COMMIT");
            rollback = prepare("ROLLBACK");
            find = prepare(RunRows.SELECT_BY_RUN_KEYS);
            insert = prepare(RunRows.INSERT);
            update = prepare(RunRows.UPDATE);
        } catch (SQLException e) {
            try {
                close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** The write connection, for clean-up steps the writer runs inside its own transaction. */
    Connection connection() {
        return connection;
    }

    void begin() throws SQLException {
        begin.execute();
    }

    void commit() throws SQLException {
        commit.execute();
    }

    /**
     * Ends a failed transaction. A failure to do so is ignored on purpose: after some errors
     * (an I/O error or a full disk during COMMIT) SQLite has rolled back already and ROLLBACK
     * only answers that no transaction is open.
     */
    void rollBack() {
        try {
            rollback.execute();
        } catch (SQLException ignored) {
            // nothing is open any more, which is all this method has to ensure
        }
    }

    /**
     * The stored runs of {@code runKeys}, by run key; keys without a record are absent. One query
     * for a whole batch, because the driver's fixed cost per query (it reads every column name
     * again) outweighs the lookup itself.
     */
    Map<String, Run> find(Collection<String> runKeys) throws SQLException {
        find.setString(1, jsonArray(runKeys));
        // room for the batch's own new runs too, which the writer adds as it goes
        Map<String, Run> stored = new HashMap<>(runKeys.size() * 2);
        try (ResultSet rows = find.executeQuery()) {
            while (rows.next()) {
                stored.put(RunRows.readRunKey(rows), RunRows.read(rows));
            }
        }
        return stored;
    }

    void insert(String runKey, Run run) throws SQLException {
        RunRows.bindInsert(insert, runKey, run);
        insert.executeUpdate();
    }

    void update(String runKey, Run run) throws SQLException {
        RunRows.bindUpdate(update, runKey, run);
        if (update.executeUpdate() != 1) {
            throw new SQLException("the record to update has gone");
        }
    }

    /** Closes the statements and the connection; the last connection to close checkpoints the log. */
    @Override
    public void close() throws SQLException {
        for (PreparedStatement statement : statements) {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // closing the connection below releases the statement anyway
            }
        }
        connection.close();
    }

    /** Keys as a JSON array of strings, escaped so that any key stays one string. */
    private static String jsonArray(Collection<String> keys) {
        StringBuilder json = new StringBuilder(keys.size() * 40).append('[');
        for (String key : keys) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"');
            for (int i = 0; i < key.length(); i++) {
                char c = key.charAt(i);
                if (c == '"' || c == '\\') {
                    json.append('\\').append(c);
                } else if (c < 0x20) {
                    json.append(String.format("\\u%04x", (int) c));
                } else {
                    json.append(c);
                }
            }
            json.append('"');
        }
        return json.append(']').toString();
    }

    private PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statements.add(statement);
        return statement;
    }
}
