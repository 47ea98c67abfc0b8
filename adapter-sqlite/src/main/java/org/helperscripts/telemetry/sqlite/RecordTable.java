package org.helperscripts.telemetry.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.helperscripts.telemetry.domain.Run;

/** The records table as the writer sees it. */
final class RecordTable extends WriteConnection {

    private final PreparedStatement find;
    private final PreparedStatement insert;
    private final PreparedStatement update;

    /** Takes over {@code connection}: closing the table closes it. */
    RecordTable(Connection connection) throws SQLException {
        super(connection);
        try {
            find = prepare(RunRows.SELECT_BY_RUN_KEYS);
            insert = prepare(RunRows.INSERT);
            update = prepare(RunRows.UPDATE);
        } catch (SQLException e) {
            throw closedAfter(e);
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
}
