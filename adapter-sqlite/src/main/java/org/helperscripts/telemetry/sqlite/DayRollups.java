package org.helperscripts.telemetry.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.helperscripts.telemetry.domain.RepoSource;
import org.helperscripts.telemetry.ports.out.StatsWindow;
import org.helperscripts.telemetry.ports.out.WindowStats;

/**
 * The figures of whole UTC days, counted once and kept until a write changes a record created on
 * that day. A window's whole days are added up from these (a year is 365 small sums rather than
 * one scan of every record); its partial edges, and hourly windows, are counted live.
 *
 * <p>Each day is counted per repository, so "every repository" adds up the same entries. A
 * write marks the day of its record's creation as changed after it commits; a count that raced
 * with such a write is not kept. Entries are held up to a bound of rows, least recently used
 * first out. Error texts are the {@link StatsWindow#MAX_ERROR_TEXTS} most frequent of each day,
 * so only a day with more distinct texts than that can make the window's list inexact.
 */
final class DayRollups {

    private static final long DAY_MILLIS = 86_400_000L;
    /** About 40 MB of figures: more than a year of days for every repository at a few thousand runs a day. */
    static final long DEFAULT_MAX_ROWS = 600_000;

    private final long maxRows;
    private final Map<DayKey, WindowStats> days = new LinkedHashMap<>(1024, 0.75f, true);
    private final Map<Long, Long> versions = new ConcurrentHashMap<>();
    private long rows;

    DayRollups(long maxRows) {
        this.maxRows = maxRows;
    }

    /** A write changed a record created at {@code createdMillis}: its day is counted again when asked. */
    void changed(long createdMillis) {
        long day = Math.floorDiv(createdMillis, DAY_MILLIS);
        versions.merge(day, 1L, Long::sum);
        synchronized (this) {
            for (RepoSource repo : RepoSource.values()) {
                forget(new DayKey(day, repo));
            }
        }
    }

    WindowStats aggregate(Connection connection, StatsWindow window) throws SQLException {
        if (window.bucket() != ChronoUnit.DAYS) {
            return RecordStatistics.aggregate(connection, window);
        }
        long until = window.until().toEpochMilli();
        long from = window.from() != null ? window.from().toEpochMilli() : firstCreated(connection, window.repo());
        if (from == Long.MAX_VALUE || from >= until) {
            return RecordStatistics.aggregate(connection, window);
        }
        long firstDay = Math.floorDiv(from + DAY_MILLIS - 1, DAY_MILLIS);
        long endDay = Math.floorDiv(until, DAY_MILLIS);
        if (firstDay >= endDay) {
            return RecordStatistics.aggregate(connection, window);
        }
        StatsSum sum = new StatsSum();
        if (from < firstDay * DAY_MILLIS) {
            sum.add(RecordStatistics.aggregate(connection, part(from, firstDay * DAY_MILLIS, window.repo())));
        }
        for (long day = firstDay; day < endDay; day++) {
            if (window.repo() != null) {
                sum.add(day(connection, day, window.repo()));
            } else {
                for (RepoSource repo : RepoSource.values()) {
                    sum.add(day(connection, day, repo));
                }
            }
        }
        if (endDay * DAY_MILLIS < until) {
            sum.add(RecordStatistics.aggregate(connection, part(endDay * DAY_MILLIS, until, window.repo())));
        }
        return sum.result();
    }

    private WindowStats day(Connection connection, long day, RepoSource repo) throws SQLException {
        DayKey key = new DayKey(day, repo);
        synchronized (this) {
            WindowStats kept = days.get(key);
            if (kept != null) {
                return kept;
            }
        }
        long version = versions.getOrDefault(day, 0L);
        WindowStats counted = RecordStatistics.aggregate(connection, part(day * DAY_MILLIS, (day + 1) * DAY_MILLIS, repo));
        synchronized (this) {
            if (versions.getOrDefault(day, 0L) == version) {
                forget(key);
                days.put(key, counted);
                rows += rowsOf(counted);
                evictOverBound();
            }
        }
        return counted;
    }

    private static StatsWindow part(long from, long until, RepoSource repo) {
        return new StatsWindow(Instant.ofEpochMilli(from), Instant.ofEpochMilli(until), repo, ChronoUnit.DAYS);
    }

    /** The creation time of the first record of {@code repo} (or of any), or Long.MAX_VALUE without one. */
    private static long firstCreated(Connection connection, RepoSource repo) throws SQLException {
        String sql = repo == null ? "SELECT MIN(created) FROM records"
                : "SELECT MIN(created) FROM records WHERE repo_source = ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (repo != null) {
                statement.setString(1, repo.wire());
            }
            try (ResultSet row = statement.executeQuery()) {
                long first = row.next() ? row.getLong(1) : 0;
                return row.wasNull() ? Long.MAX_VALUE : first;
            }
        }
    }

    private void forget(DayKey key) {
        WindowStats gone = days.remove(key);
        if (gone != null) {
            rows -= rowsOf(gone);
        }
    }

    private void evictOverBound() {
        Iterator<WindowStats> eldest = days.values().iterator();
        while (rows > maxRows && eldest.hasNext()) {
            rows -= rowsOf(eldest.next());
            eldest.remove();
        }
    }

    private static long rowsOf(WindowStats stats) {
        return 1L + stats.apps().size() + stats.osTypes().size() + stats.methods().size() + stats.pveVersions().size()
                + stats.gpus().size() + stats.cpuVendors().size() + stats.errorCategories().size()
                + stats.exitCodes().size() + stats.errors().size() + stats.series().size();
    }

    private record DayKey(long day, RepoSource repo) {
    }
}
