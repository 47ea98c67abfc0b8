package org.helperscripts.telemetry.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.domain.WireValue;
import org.helperscripts.telemetry.ports.out.RecordPage;
import org.helperscripts.telemetry.ports.out.RecordQuery;
import org.helperscripts.telemetry.ports.out.RecordSort;

/**
 * One page of records. The query text is put together from fixed fragments only; every filter
 * value is bound as a parameter, so what a visitor types can never become SQL.
 */
final class RecordListing {

    /**
     * Every order ends in the row id, so rows that tie keep one order from page to page. Script
     * names sort without regard to case, as a visitor reads them.
     */
    private static final Map<RecordSort, String> ORDERS = orders();

    private RecordListing() {
    }

    static RecordPage page(Connection connection, RecordQuery query) throws SQLException {
        StringBuilder where = new StringBuilder();
        List<String> values = new ArrayList<>(5);
        filter(where, values, "status = ?", wire(query.status()));
        // instr rather than LIKE: % and _ in the value are plain characters, no escaping needed
        filter(where, values, "instr(lower(nsapp), lower(?)) > 0", query.appContains());
        filter(where, values, "os_type = ?", query.osType());
        filter(where, values, "type = ?", wire(query.type()));
        filter(where, values, "repo_source = ?", wire(query.repo()));

        String count = "SELECT COUNT(*) FROM records" + where;
        String select = "SELECT " + RunRows.SELECT_COLUMNS + " FROM records" + where
                + " ORDER BY " + ORDERS.get(query.sort()) + " LIMIT ? OFFSET ?";

        // One read transaction, so the total and the rows come from the same snapshot.
        try (Statement transaction = connection.createStatement()) {
            transaction.execute("BEGIN");
            try {
                long total = count(connection, count, values);
                List<Run> runs = total > query.offset()
                        ? select(connection, select, values, query)
                        : List.of();
                return new RecordPage(runs, total, query.page(), query.limit());
            } finally {
                // a read transaction has nothing to keep
                transaction.execute("ROLLBACK");
            }
        }
    }

    private static long count(Connection connection, String sql, List<String> values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, values);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private static List<Run> select(Connection connection, String sql, List<String> values, RecordQuery query)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int next = bind(statement, values);
            statement.setInt(next, query.limit());
            statement.setLong(next + 1, query.offset());
            List<Run> runs = new ArrayList<>(query.limit());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    runs.add(RunRows.read(rows));
                }
            }
            return runs;
        }
    }

    private static void filter(StringBuilder where, List<String> values, String fragment, String value) {
        if (value == null) {
            return;
        }
        where.append(where.length() == 0 ? " WHERE " : " AND ").append(fragment);
        values.add(value);
    }

    /** Binds the filter values; returns the index of the next parameter. */
    private static int bind(PreparedStatement statement, List<String> values) throws SQLException {
        int index = 1;
        for (String value : values) {
            statement.setString(index++, value);
        }
        return index;
    }

    private static String wire(WireValue value) {
        return value == null ? null : value.wire();
    }

    private static Map<RecordSort, String> orders() {
        Map<RecordSort, String> orders = new EnumMap<>(RecordSort.class);
        for (RecordSort sort : RecordSort.values()) {
            // exhaustive: a new sort does not compile until it has its SQL here
            orders.put(sort, switch (sort) {
                case NEWEST_FIRST -> "created DESC, id DESC";
                case OLDEST_FIRST -> "created ASC, id ASC";
                case UPDATED_NEWEST_FIRST -> "updated DESC, id DESC";
                case APP_A_TO_Z -> "nsapp COLLATE NOCASE ASC, created DESC, id DESC";
                case APP_Z_TO_A -> "nsapp COLLATE NOCASE DESC, created DESC, id DESC";
                case STATUS_A_TO_Z -> "status ASC, created DESC, id DESC";
                case LONGEST_INSTALL_FIRST -> "install_duration DESC NULLS LAST, created DESC, id DESC";
            });
        }
        return Collections.unmodifiableMap(orders);
    }
}
