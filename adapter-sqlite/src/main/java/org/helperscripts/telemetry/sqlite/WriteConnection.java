package org.helperscripts.telemetry.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The write connection of one database file as its writer sees it: statements prepared once and
 * bound by index, and the transaction around each batch. Confined to the writer thread, like the
 * connection it owns.
 */
abstract class WriteConnection implements AutoCloseable {

    private final Connection connection;
    private final List<PreparedStatement> statements = new ArrayList<>();
    /**
     * IMMEDIATE takes the write lock at the start, so the reads inside a batch can never be
     * invalidated by another process writing in between (which would fail the commit).
     */
    private final PreparedStatement begin;
    private final PreparedStatement commit;
    private final PreparedStatement rollback;

    /** Takes over {@code connection}: closing this closes it, as does a failure to prepare. */
    WriteConnection(Connection connection) throws SQLException {
        this.connection = connection;
        try {
            begin = prepare("BEGIN IMMEDIATE");
            commit = prepare("COMMIT");
            rollback = prepare("ROLLBACK");
        } catch (SQLException e) {
            throw closedAfter(e);
        }
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

    /** Prepares a statement that {@link #close()} closes. */
    final PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statements.add(statement);
        return statement;
    }

    /** Closes this after a failure while it was being set up, and gives the failure back to throw. */
    final SQLException closedAfter(SQLException failure) {
        try {
            close();
        } catch (SQLException closing) {
            failure.addSuppressed(closing);
        }
        return failure;
    }

    /** The connection itself, for clean-up steps the writer runs inside its own transaction. */
    Connection connection() {
        return connection;
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
}
