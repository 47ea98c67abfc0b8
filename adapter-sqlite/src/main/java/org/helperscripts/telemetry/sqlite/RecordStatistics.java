package org.helperscripts.telemetry.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.helperscripts.telemetry.domain.GpuPassthrough;
import org.helperscripts.telemetry.domain.GpuVendor;
import org.helperscripts.telemetry.domain.InstallType;
import org.helperscripts.telemetry.domain.Status;
import org.helperscripts.telemetry.domain.WireValue;
import org.helperscripts.telemetry.ports.out.StatsWindow;
import org.helperscripts.telemetry.ports.out.WindowStats;
import org.helperscripts.telemetry.ports.out.WindowStats.AppStatusCount;
import org.helperscripts.telemetry.ports.out.WindowStats.BucketCount;
import org.helperscripts.telemetry.ports.out.WindowStats.DurationSummary;
import org.helperscripts.telemetry.ports.out.WindowStats.ErrorTextCount;
import org.helperscripts.telemetry.ports.out.WindowStats.ExitCodeCount;
import org.helperscripts.telemetry.ports.out.WindowStats.GpuCount;
import org.helperscripts.telemetry.ports.out.WindowStats.ValueCount;

/**
 * The dashboard's figures of a window, counted inside SQLite. One statement: the window's rows,
 * only the columns the figures need, are read once into a materialised set (through the created
 * or the repository-and-created index), and every figure is a GROUP BY over that set, tagged
 * with its kind and joined by UNION ALL. Only the groups come back to Java, never a record.
 * The statement text is fixed apart from the repository filter; every value is bound.
 */
final class RecordStatistics {

    private static final int APPS = 0;
    private static final int OS_TYPES = 1;
    private static final int METHODS = 2;
    private static final int PVE_VERSIONS = 3;
    private static final int GPUS = 4;
    private static final int CPU_VENDORS = 5;
    private static final int ERROR_CATEGORIES = 6;
    private static final int EXIT_CODES = 7;
    private static final int ERRORS = 8;
    private static final int SERIES = 9;
    private static final int DURATIONS = 10;

    private static final long HOUR_MILLIS = 3_600_000L;
    private static final long DAY_MILLIS = 24 * HOUR_MILLIS;

    /** Rows: kind, k1, k2, k3, count, sum. Parameters: from, until, [repo,] bucket width. */
    private static final String GROUPS = """
            SELECT 0, nsapp, type, status, COUNT(*), NULL FROM w GROUP BY nsapp, type, status
            UNION ALL SELECT 1, NULLIF(os_type, ''), NULL, NULL, COUNT(*), NULL FROM w GROUP BY 2
            UNION ALL SELECT 2, NULLIF(method, ''), NULL, NULL, COUNT(*), NULL FROM w GROUP BY 2
            UNION ALL SELECT 3, NULLIF(pve_version, ''), NULL, NULL, COUNT(*), NULL FROM w GROUP BY 2
            UNION ALL SELECT 4, gpu_vendor, NULLIF(gpu_passthrough, ''), NULL, COUNT(*), NULL FROM w
                WHERE gpu_vendor IS NOT NULL AND gpu_vendor <> '' GROUP BY 2, 3
            UNION ALL SELECT 5, NULLIF(cpu_vendor, ''), NULL, NULL, COUNT(*), NULL FROM w GROUP BY 2
            UNION ALL SELECT 6, NULLIF(error_category, ''), NULL, NULL, COUNT(*), NULL FROM w
                WHERE status = 'failed' GROUP BY 2
            UNION ALL SELECT 7, exit_code, NULL, NULL, COUNT(*), NULL FROM w
                WHERE status = 'failed' AND exit_code IS NOT NULL GROUP BY 2
            UNION ALL SELECT * FROM (SELECT 8, error, nsapp, NULL, COUNT(*) AS n, NULL FROM w
                WHERE status = 'failed' AND error IS NOT NULL AND error <> '' GROUP BY error, nsapp
                ORDER BY n DESC, error, nsapp LIMIT %d)
            UNION ALL SELECT 9, created - created %% ?, status, NULL, COUNT(*), NULL FROM w GROUP BY 2, 3
            UNION ALL SELECT 10, NULL, NULL, NULL, COUNT(*), TOTAL(install_duration) FROM w
                WHERE status = 'success' AND install_duration IS NOT NULL
            """.formatted(StatsWindow.MAX_ERROR_TEXTS);

    private static final String WINDOW = "WITH w AS MATERIALIZED (SELECT nsapp, type, status, os_type, method,"
            + " pve_version, gpu_vendor, gpu_passthrough, cpu_vendor, error_category, exit_code, error,"
            + " install_duration, created FROM records WHERE created >= ? AND created < ?";

    private static final String ALL_REPOS = WINDOW + ")\n" + GROUPS;
    private static final String ONE_REPO = WINDOW + " AND repo_source = ?)\n" + GROUPS;

    private RecordStatistics() {
    }

    static WindowStats aggregate(Connection connection, StatsWindow window) throws SQLException {
        long from = window.from() == null ? Long.MIN_VALUE : window.from().toEpochMilli();
        long until = window.until().toEpochMilli();
        long width = window.bucket() == ChronoUnit.HOURS ? HOUR_MILLIS : DAY_MILLIS;

        Figures figures = new Figures();
        try (PreparedStatement statement = connection.prepareStatement(window.repo() == null ? ALL_REPOS : ONE_REPO)) {
            int index = 1;
            statement.setLong(index++, from);
            statement.setLong(index++, until);
            if (window.repo() != null) {
                statement.setString(index++, window.repo().wire());
            }
            statement.setLong(index, width);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    figures.add(rows);
                }
            }
        }
        return figures.result();
    }

    /** The groups as they come, sorted into the lists of a {@link WindowStats}. */
    private static final class Figures {
        private final List<AppStatusCount> apps = new ArrayList<>();
        private final List<ValueCount> osTypes = new ArrayList<>();
        private final List<ValueCount> methods = new ArrayList<>();
        private final List<ValueCount> pveVersions = new ArrayList<>();
        private final List<GpuCount> gpus = new ArrayList<>();
        private final List<ValueCount> cpuVendors = new ArrayList<>();
        private final List<ValueCount> errorCategories = new ArrayList<>();
        private final List<ExitCodeCount> exitCodes = new ArrayList<>();
        private final List<ErrorTextCount> errors = new ArrayList<>();
        private final List<BucketCount> series = new ArrayList<>();
        private DurationSummary durations = new DurationSummary(0, 0);

        void add(ResultSet row) throws SQLException {
            int kind = row.getInt(1);
            long count = row.getLong(5);
            switch (kind) {
                case APPS -> apps.add(new AppStatusCount(row.getString(2),
                        wire(InstallType.class, row.getString(3)), wire(Status.class, row.getString(4)), count));
                case OS_TYPES -> osTypes.add(new ValueCount(row.getString(2), count));
                case METHODS -> methods.add(new ValueCount(row.getString(2), count));
                case PVE_VERSIONS -> pveVersions.add(new ValueCount(row.getString(2), count));
                case GPUS -> gpus.add(new GpuCount(WireValue.lookup(GpuVendor.class, row.getString(2))
                        .orElse(GpuVendor.UNKNOWN), passthrough(row.getString(3)), count));
                case CPU_VENDORS -> cpuVendors.add(new ValueCount(row.getString(2), count));
                case ERROR_CATEGORIES -> errorCategories.add(new ValueCount(row.getString(2), count));
                case EXIT_CODES -> exitCodes.add(new ExitCodeCount(row.getInt(2), count));
                case ERRORS -> errors.add(new ErrorTextCount(row.getString(2), row.getString(3), count));
                case SERIES -> series.add(new BucketCount(Instant.ofEpochMilli(row.getLong(2)),
                        wire(Status.class, row.getString(3)), count));
                case DURATIONS -> durations = new DurationSummary(count, row.getLong(6));
                default -> throw new SQLException("unexpected statistics group " + kind);
            }
        }

        WindowStats result() {
            return StatsOrder.ordered(new WindowStats(apps, osTypes, methods, pveVersions, gpus, cpuVendors,
                    errorCategories, exitCodes, errors, series, durations));
        }

        private static GpuPassthrough passthrough(String text) {
            return text == null ? null : WireValue.lookup(GpuPassthrough.class, text).orElse(GpuPassthrough.UNKNOWN);
        }

        private static <E extends Enum<E> & WireValue> E wire(Class<E> type, String text) throws SQLException {
            return WireValue.lookup(type, text)
                    .orElseThrow(() -> new SQLException("stored " + type.getSimpleName() + " '" + text + "' unknown"));
        }
    }
}
