package org.helperscripts.telemetry.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;

import org.helperscripts.telemetry.domain.ErrorCategory;
import org.helperscripts.telemetry.domain.Status;
import org.helperscripts.telemetry.ports.out.RecordMaintenance;

/**
 * One batch of each clean-up, as a {@link TableStep} for the writer: the rows are chosen first
 * (oldest first, at most the batch), told to the day figures by their creation time, then changed
 * or deleted by their row id in the same transaction.
 */
final class RecordCleanup {

    private static final String IN_PROGRESS = Arrays.stream(Status.values()).filter(Status::isInProgress).map(status -> "'" + status.wire() + "'").collect(Collectors.joining(", ", "(", ")"));

    /** Served by the index on (status, updated). */
    private static final String SELECT_STUCK = "SELECT id, created FROM records WHERE status IN " + IN_PROGRESS
            + " AND updated < ? ORDER BY updated LIMIT ?";

    /** The columns {@link RecordMaintenance#timedOut} changes, to what it changes them to. */
    private static final String TIME_OUT = "UPDATE records SET status = '" + Status.UNKNOWN.wire() + "', exit_code = NULL,"
            + " error = ?, error_category = '" + ErrorCategory.TIMEOUT.wire() + "', install_duration = NULL,"
            + " updated = ? WHERE id IN (SELECT value FROM json_each(?))";

    /** Served by the index on created. */
    private static final String SELECT_EXPIRED = "SELECT id, created FROM records WHERE created < ? ORDER BY created LIMIT ?";

    private static final String DELETE = "DELETE FROM records WHERE id IN (SELECT value FROM json_each(?))";

    private RecordCleanup() {
    }

    /** Closes at most {@code batchSize} stuck runs; answers how many it closed. */
    static TableStep<Integer> closeStuck(long lastChangedBeforeMillis, long nowMillis, int batchSize) {
        return (connection, touched) -> {
            String ids = chosen(connection, SELECT_STUCK, lastChangedBeforeMillis, batchSize, touched);
            try (PreparedStatement update = connection.prepareStatement(TIME_OUT)) {
                update.setString(1, RecordMaintenance.TIMED_OUT_ERROR);
                update.setLong(2, nowMillis);
                update.setString(3, ids);
                return update.executeUpdate();
            }
        };
    }

    /** Deletes at most {@code batchSize} records created before the cutoff; answers how many. */
    static TableStep<Integer> deleteExpired(long createdBeforeMillis, int batchSize) {
        return (connection, touched) -> {
            String ids = chosen(connection, SELECT_EXPIRED, createdBeforeMillis, batchSize, touched);
            try (PreparedStatement delete = connection.prepareStatement(DELETE)) {
                delete.setString(1, ids);
                return delete.executeUpdate();
            }
        };
    }

    /** The row ids the selection found, as a JSON array; each row's creation time goes to {@code touched}. */
    private static String chosen(Connection connection, String select, long before, int batchSize,
                                 LongConsumer touched) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(select)) {
            statement.setLong(1, before);
            statement.setInt(2, batchSize);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(Long.toString(rows.getLong(1)));
                    touched.accept(rows.getLong(2));
                }
            }
        }
        return ids.stream().collect(Collectors.joining(",", "[", "]"));
    }
}
