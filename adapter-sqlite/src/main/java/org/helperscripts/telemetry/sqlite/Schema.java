package org.helperscripts.telemetry.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The versions of the database layout. {@code PRAGMA user_version} says which migrations a file
 * has; opening applies the missing ones in order, each in its own transaction, and refuses a file
 * written by a newer build rather than guess at a layout it does not know.
 */
final class Schema {

    /**
     * The columns of a run in the layout of version 1, written out rather than derived from
     * ReportField: a shipped migration must never change, whatever fields a later build adds. The
     * records table and the spool's tables share them, so a spooled report lies in the row of the
     * record it would create.
     */
    private static final String VERSION_1_RUN_COLUMNS = """
                run_key          TEXT    NOT NULL,
                random_id        TEXT    NOT NULL,
                execution_id     TEXT    NOT NULL,
                type             TEXT    NOT NULL,
                nsapp            TEXT    NOT NULL,
                status           TEXT    NOT NULL,
                ct_type          INTEGER,
                disk_size        INTEGER,
                core_count       INTEGER,
                ram_size         INTEGER,
                os_type          TEXT,
                os_version       TEXT,
                pve_version      TEXT,
                method           TEXT,
                exit_code        INTEGER,
                error            TEXT,
                error_category   TEXT,
                install_duration INTEGER,
                gpu_vendor       TEXT,
                gpu_model        TEXT,
                gpu_passthrough  TEXT,
                cpu_vendor       TEXT,
                cpu_model        TEXT,
                ram_speed        TEXT,
                repo_source      TEXT    NOT NULL,
                repo_slug        TEXT,
                arch             TEXT,
                platform         TEXT,
                has_arm          INTEGER,
                created          INTEGER NOT NULL,
                updated          INTEGER NOT NULL""";

    private static final Migration INITIAL = new Migration(1, "records table and its indexes", List.of(
            "CREATE TABLE records (\n    id               INTEGER PRIMARY KEY,\n" + VERSION_1_RUN_COLUMNS + "\n)",
            "CREATE UNIQUE INDEX records_run_key ON records (run_key)",
            // the dashboard's time windows, alone and per repository
            "CREATE INDEX records_created ON records (created)",
            "CREATE INDEX records_repo_created ON records (repo_source, created)",
            // the stuck-run clean-up: runs still in progress, oldest change first
            "CREATE INDEX records_status_updated ON records (status, updated)"));
    // No index on nsapp: every insert would touch a random page of it, the largest share of
    // ingestion's disk traffic, while the dashboard groups scripts within a time window that
    // records_created already narrows.

    /**
     * The spool: reports in the order they were accepted, created and updated both holding the
     * instant a report was received. AUTOINCREMENT keeps a sequence from ever being used twice,
     * even after the spool ran empty, so a set-aside entry keeps its number.
     */
    private static final Migration SPOOL_INITIAL = new Migration(1, "spool and set-aside tables", List.of(
            "CREATE TABLE spool (\n    sequence         INTEGER PRIMARY KEY AUTOINCREMENT,\n"
                    + VERSION_1_RUN_COLUMNS + "\n)",
            "CREATE TABLE dead_letters (\n    sequence         INTEGER PRIMARY KEY,\n"
                    + "    reason           TEXT    NOT NULL,\n    set_aside_at     INTEGER NOT NULL,\n"
                    + VERSION_1_RUN_COLUMNS + "\n)"));

    private static final Schema STANDARD = new Schema(List.of(INITIAL), List.of("records"));
    private static final Schema SPOOL = new Schema(List.of(SPOOL_INITIAL), List.of("spool", "dead_letters"));

    private final List<Migration> migrations;
    /** The tables that hold runs, which {@link #verify} checks. */
    private final List<String> runTables;

    Schema(List<Migration> migrations) {
        this(migrations, List.of("records"));
    }

    private Schema(List<Migration> migrations, List<String> runTables) {
        this.runTables = List.copyOf(runTables);
        this.migrations = List.copyOf(migrations);
        for (int i = 0; i < this.migrations.size(); i++) {
            if (this.migrations.get(i).version() != i + 1) {
                throw new IllegalArgumentException("migrations must be numbered 1, 2, 3, … in order; found "
                        + this.migrations.get(i).version() + " at position " + (i + 1));
            }
        }
    }

    /** The layout of the store this build writes. */
    static Schema standard() {
        return STANDARD;
    }

    /** The layout of the spool this build writes. */
    static Schema spool() {
        return SPOOL;
    }

    /** The version a database has once every migration of this build is applied. */
    int latestVersion() {
        return migrations.size();
    }

    /**
     * Applies the migrations {@code file} lacks.
     *
     * @return the migrations applied now, in order; empty when the file was up to date
     * @throws IllegalStateException when the file was written by a newer build
     */
    List<Migration> migrate(Connection connection, Path file) throws SQLException {
        int found = version(connection);
        if (found > latestVersion()) {
            throw new IllegalStateException("The database " + file + " has schema version " + found
                    + ", but this build knows versions up to " + latestVersion()
                    + "; it was written by a newer build. Run that build or a newer one.");
        }
        List<Migration> applied = new ArrayList<>();
        for (Migration migration : migrations) {
            if (migration.version() > found && apply(connection, migration)) {
                applied.add(migration);
            }
        }
        return applied;
    }

    /**
     * Refuses a table of runs that lacks a column this build writes: a field added to the
     * contract without a migration fails here, at start, instead of on the first report.
     */
    void verify(Connection connection, Path file) throws SQLException {
        for (String table : runTables) {
            Set<String> present = new HashSet<>();
            try (Statement statement = connection.createStatement();
                 ResultSet columns = statement.executeQuery("PRAGMA table_info(" + table + ")")) {
                while (columns.next()) {
                    present.add(columns.getString("name"));
                }
            }
            List<String> missing = new ArrayList<>(RunRows.requiredColumns());
            missing.removeAll(present);
            if (!missing.isEmpty()) {
                throw new IllegalStateException("The " + table + " table of " + file + " lacks the columns " + missing
                        + "; this build needs a migration that adds them.");
            }
        }
    }

    /**
     * Runs one migration in one transaction, version bump included, so a failure leaves the file
     * at the previous version. The version is read again under the write lock: another process
     * opening the same file at the same moment may have applied it already.
     */
    private static boolean apply(Connection connection, Migration migration) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            try {
                if (version(connection) >= migration.version()) {
                    statement.execute("ROLLBACK");
                    return false;
                }
                for (String sql : migration.statements()) {
                    statement.execute(sql);
                }
                statement.execute("PRAGMA user_version = " + migration.version());
                statement.execute("COMMIT");
                return true;
            } catch (SQLException | RuntimeException e) {
                rollBack(statement, e);
                throw e;
            }
        }
    }

    private static int version(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("PRAGMA user_version")) {
            return result.next() ? result.getInt(1) : 0;
        }
    }

    private static void rollBack(Statement statement, Exception failure) {
        try {
            statement.execute("ROLLBACK");
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
