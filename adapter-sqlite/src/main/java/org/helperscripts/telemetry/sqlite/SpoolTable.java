package org.helperscripts.telemetry.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.stream.Collectors;

import org.helperscripts.telemetry.domain.Report;
import org.helperscripts.telemetry.domain.Run;

/**
 * The spool's tables as its writer sees them. A spooled report lies in the row of the record it
 * would create on its own ({@link RunRows}): created and updated both hold the instant it was
 * received.
 */
final class SpoolTable extends WriteConnection {

    private static final String SPOOL_COLUMNS = "run_key, " + RunRows.SELECT_COLUMNS;

    private final PreparedStatement insert;
    private final PreparedStatement remove;
    private final PreparedStatement copyAside;
    private final PreparedStatement removeOne;

    /** Takes over {@code connection}: closing the table closes it. */
    SpoolTable(Connection connection) throws SQLException {
        super(connection);
        try {
            insert = prepare(RunRows.insertInto("spool") + " RETURNING sequence");
            remove = prepare("DELETE FROM spool WHERE sequence IN (SELECT value FROM json_each(?))");
            copyAside = prepare("INSERT INTO dead_letters (sequence, reason, set_aside_at, " + SPOOL_COLUMNS + ")"
                    + " SELECT sequence, ?, ?, " + SPOOL_COLUMNS + " FROM spool WHERE sequence = ?");
            removeOne = prepare("DELETE FROM spool WHERE sequence = ?");
        } catch (SQLException e) {
            throw closedAfter(e);
        }
    }

    /** Appends one report; its sequence number. */
    long append(Report report, Instant receivedAt) throws SQLException {
        RunRows.bindInsert(insert, report.runKey(), new Run(report, receivedAt, receivedAt));
        try (ResultSet sequence = insert.executeQuery()) {
            if (!sequence.next()) {
                throw new SQLException("the spool gave no sequence for an appended report");
            }
            return sequence.getLong(1);
        }
    }

    /** Removes the entries of these sequence numbers; how many there were. */
    int remove(Collection<Long> sequences) throws SQLException {
        remove.setString(1, sequences.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]")));
        return remove.executeUpdate();
    }

    /** Moves one entry into dead_letters with the reason; 1 when it was there, 0 when it was gone. */
    int setAside(long sequence, String reason, Instant now) throws SQLException {
        copyAside.setString(1, reason);
        copyAside.setLong(2, now.toEpochMilli());
        copyAside.setLong(3, sequence);
        if (copyAside.executeUpdate() == 0) {
            return 0;
        }
        removeOne.setLong(1, sequence);
        return removeOne.executeUpdate();
    }
}
