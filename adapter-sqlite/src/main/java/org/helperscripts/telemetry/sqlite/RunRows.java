package org.helperscripts.telemetry.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.helperscripts.telemetry.domain.CpuVendor;
import org.helperscripts.telemetry.domain.ErrorCategory;
import org.helperscripts.telemetry.domain.GpuPassthrough;
import org.helperscripts.telemetry.domain.GpuVendor;
import org.helperscripts.telemetry.domain.InstallType;
import org.helperscripts.telemetry.domain.RepoSource;
import org.helperscripts.telemetry.domain.Report;
import org.helperscripts.telemetry.domain.ReportField;
import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.domain.Status;
import org.helperscripts.telemetry.domain.WireValue;

/**
 * How a {@link Run} lies in a row of {@code records}: one column per {@link ReportField} under
 * its wire name, enumerations by their wire spelling, has_arm as 0 or 1, the run's times as
 * epoch milliseconds (so stored times keep millisecond precision). The column lists are derived
 * from {@code ReportField.values()} and the switch over the fields is exhaustive, so a new field
 * does not compile until it is mapped here, and {@link Schema} refuses a table without its column.
 */
final class RunRows {

    private static final ReportField[] FIELDS = ReportField.values();

    /** In every statement below the report fields sit side by side in ReportField order. */
    private static final int CREATED_COLUMN = FIELDS.length + 1;
    private static final int UPDATED_COLUMN = FIELDS.length + 2;

    /** run_key, the report fields, created and updated. */
    private static final int COLUMNS_PER_ROW = FIELDS.length + 3;

    private static final String FIELD_COLUMNS =
            Arrays.stream(FIELDS).map(ReportField::wireName).collect(Collectors.joining(", "));

    /** The columns {@link #read(ResultSet)} expects, in its order. */
    static final String SELECT_COLUMNS = FIELD_COLUMNS + ", created, updated";

    static final String SELECT_BY_RUN_KEY = "SELECT " + SELECT_COLUMNS + " FROM records WHERE run_key = ?";

    /**
     * The runs of several keys, given as one JSON array of strings: one statement, prepared once,
     * whatever the number of keys. Each row ends with its run key.
     */
    static final String SELECT_BY_RUN_KEYS = "SELECT " + SELECT_COLUMNS + ", run_key FROM records"
            + " WHERE run_key IN (SELECT value FROM json_each(?))";

    /** The first column of a result after {@link #SELECT_COLUMNS}. */
    static final int NEXT_COLUMN = FIELDS.length + 3;

    private static final int RUN_KEY_COLUMN = NEXT_COLUMN;

    static final String INSERT = insertInto("records");

    /**
     * The fields that name a run: the session rule keeps them as first stored. The update leaves
     * them out, and with them SQLite's upkeep of the run-key and repository indexes, which is
     * most of the disk traffic of an update.
     */
    private static final Set<ReportField> IDENTITY = EnumSet.of(ReportField.RANDOM_ID, ReportField.EXECUTION_ID,
            ReportField.TYPE, ReportField.NSAPP, ReportField.REPO_SOURCE);

    private static final ReportField[] CHANGEABLE = Arrays.stream(FIELDS)
            .filter(field -> !IDENTITY.contains(field)).toArray(ReportField[]::new);

    static final String UPDATE = "UPDATE records SET "
            + Arrays.stream(CHANGEABLE).map(field -> field.wireName() + " = ?").collect(Collectors.joining(", "))
            + ", updated = ? WHERE run_key = ?";

    private static final Spellings<InstallType> INSTALL_TYPES = new Spellings<>(InstallType.class);
    private static final Spellings<Status> STATUSES = new Spellings<>(Status.class);
    private static final Spellings<ErrorCategory> ERROR_CATEGORIES = new Spellings<>(ErrorCategory.class);
    private static final Spellings<GpuVendor> GPU_VENDORS = new Spellings<>(GpuVendor.class);
    private static final Spellings<GpuPassthrough> GPU_PASSTHROUGHS = new Spellings<>(GpuPassthrough.class);
    private static final Spellings<CpuVendor> CPU_VENDORS = new Spellings<>(CpuVendor.class);
    private static final Spellings<RepoSource> REPO_SOURCES = new Spellings<>(RepoSource.class);

    private RunRows() {
    }

    /** An insert of one run into {@code table}, a table with the columns of the records table; bind with {@link #bindInsert}. */
    static String insertInto(String table) {
        return insertRows(table, 1);
    }

    /** An insert of {@code rows} runs in one statement; bind each with {@link #bindRow}. */
    static String insertRows(String table, int rows) {
        String row = "(" + String.join(", ", Collections.nCopies(COLUMNS_PER_ROW, "?")) + ")";
        return "INSERT INTO " + table + " (run_key, " + SELECT_COLUMNS + ") VALUES "
                + String.join(", ", Collections.nCopies(rows, row));
    }

    /** Every column a records table needs for this build to store a run. */
    static List<String> requiredColumns() {
        List<String> columns = new ArrayList<>();
        columns.add("run_key");
        for (ReportField field : FIELDS) {
            columns.add(field.wireName());
        }
        columns.add("created");
        columns.add("updated");
        return columns;
    }

    /** Binds {@link #INSERT}. */
    static void bindInsert(PreparedStatement insert, String runKey, Run run) throws SQLException {
        bindRow(insert, 0, runKey, run);
    }

    /** Binds row {@code row} (from 0) of an insert made by {@link #insertRows}. */
    static void bindRow(PreparedStatement insert, int row, String runKey, Run run) throws SQLException {
        int first = row * COLUMNS_PER_ROW + 1;
        insert.setString(first, runKey);
        bindFields(insert, first + 1, run.report());
        insert.setLong(first + FIELDS.length + 1, run.created().toEpochMilli());
        insert.setLong(first + FIELDS.length + 2, run.updated().toEpochMilli());
    }

    /** Binds {@link #UPDATE}: every field a merge may fill or move. */
    static void bindUpdate(PreparedStatement update, String runKey, Run run) throws SQLException {
        int index = 1;
        for (ReportField field : CHANGEABLE) {
            bindField(update, index++, field, run.report());
        }
        update.setLong(index++, run.updated().toEpochMilli());
        update.setString(index, runKey);
    }

    /** Reads the run at the current row of a result selected with {@link #SELECT_COLUMNS}. */
    static Run read(ResultSet row) throws SQLException {
        Report report = new Report(
                text(row, ReportField.RANDOM_ID),
                text(row, ReportField.EXECUTION_ID),
                INSTALL_TYPES.read(row, ReportField.TYPE),
                text(row, ReportField.NSAPP),
                STATUSES.read(row, ReportField.STATUS),
                number(row, ReportField.CT_TYPE),
                number(row, ReportField.DISK_SIZE),
                number(row, ReportField.CORE_COUNT),
                number(row, ReportField.RAM_SIZE),
                text(row, ReportField.OS_TYPE),
                text(row, ReportField.OS_VERSION),
                text(row, ReportField.PVE_VERSION),
                text(row, ReportField.METHOD),
                number(row, ReportField.EXIT_CODE),
                text(row, ReportField.ERROR),
                ERROR_CATEGORIES.read(row, ReportField.ERROR_CATEGORY),
                number(row, ReportField.INSTALL_DURATION),
                GPU_VENDORS.read(row, ReportField.GPU_VENDOR),
                text(row, ReportField.GPU_MODEL),
                GPU_PASSTHROUGHS.read(row, ReportField.GPU_PASSTHROUGH),
                CPU_VENDORS.read(row, ReportField.CPU_VENDOR),
                text(row, ReportField.CPU_MODEL),
                text(row, ReportField.RAM_SPEED),
                REPO_SOURCES.read(row, ReportField.REPO_SOURCE),
                text(row, ReportField.REPO_SLUG),
                text(row, ReportField.ARCH),
                text(row, ReportField.PLATFORM),
                flag(row, ReportField.HAS_ARM));
        return new Run(report,
                Instant.ofEpochMilli(row.getLong(CREATED_COLUMN)),
                Instant.ofEpochMilli(row.getLong(UPDATED_COLUMN)));
    }

    /** The run key of the current row of a result selected with {@link #SELECT_BY_RUN_KEYS}. */
    static String readRunKey(ResultSet row) throws SQLException {
        return row.getString(RUN_KEY_COLUMN);
    }

    private static void bindFields(PreparedStatement statement, int firstIndex, Report report) throws SQLException {
        for (ReportField field : FIELDS) {
            bindField(statement, firstIndex + field.ordinal(), field, report);
        }
    }

    private static void bindField(PreparedStatement statement, int index, ReportField field, Report report)
            throws SQLException {
        Object value = report.value(field);
        if (value == null) {
            statement.setNull(index, Types.NULL);
        } else if (value instanceof String text) {
            statement.setString(index, text);
        } else if (value instanceof Integer number) {
            statement.setInt(index, number);
        } else if (value instanceof Boolean flag) {
            statement.setInt(index, flag ? 1 : 0);
        } else {
            statement.setString(index, ((WireValue) value).wire());
        }
    }

    private static int column(ReportField field) {
        return field.ordinal() + 1;
    }

    private static String text(ResultSet row, ReportField field) throws SQLException {
        return row.getString(column(field));
    }

    private static Integer number(ResultSet row, ReportField field) throws SQLException {
        int value = row.getInt(column(field));
        return row.wasNull() ? null : value;
    }

    private static Boolean flag(ResultSet row, ReportField field) throws SQLException {
        int value = row.getInt(column(field));
        return row.wasNull() ? null : value != 0;
    }

    /**
     * The constants of one enumeration by their exact stored spelling: a map lookup on the
     * writer's hot path instead of the case-folding scan of {@link WireValue#lookup}.
     */
    private static final class Spellings<E extends Enum<E> & WireValue> {
        private final Map<String, E> byWire;

        Spellings(Class<E> type) {
            byWire = Stream.of(type.getEnumConstants())
                    .collect(Collectors.toUnmodifiableMap(WireValue::wire, Function.identity()));
        }

        E read(ResultSet row, ReportField field) throws SQLException {
            String spelling = row.getString(column(field));
            if (spelling == null) {
                return null;
            }
            E value = byWire.get(spelling);
            if (value == null) {
                throw new SQLDataException("column " + field.wireName() + " holds a value this build does not know");
            }
            return value;
        }
    }
}
