package org.helperscripts.telemetry.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.helperscripts.telemetry.ports.out.StatsWindow;
import org.helperscripts.telemetry.ports.out.WindowStats;

/** Plain SQL on a database file, to look at it the way an operator's sqlite3 would. */
final class RawDatabase implements AutoCloseable {

    private final Connection connection;

    private RawDatabase(Connection connection) {
        this.connection = connection;
    }

    static RawDatabase at(Path file) throws SQLException {
        return new RawDatabase(DriverManager.getConnection("jdbc:sqlite:" + file));
    }

    /** The figures of a window as one statement over the records counts them, without day rollups. */
    WindowStats countedInOneStatement(StatsWindow window) throws SQLException {
        return RecordStatistics.aggregate(connection, window);
    }

    void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The first column of every row, as text. */
    List<String> texts(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    String text(String sql) throws SQLException {
        List<String> values = texts(sql);
        return values.isEmpty() ? null : values.get(0);
    }

    long number(String sql) throws SQLException {
        return Long.parseLong(text(sql));
    }

    /** Every column of the first row, as text. */
    List<String> row(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            if (rows.next()) {
                for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                    values.add(rows.getString(i));
                }
            }
        }
        return values;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
