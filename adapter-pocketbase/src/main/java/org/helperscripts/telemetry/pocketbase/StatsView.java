package org.helperscripts.telemetry.pocketbase;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * One statistics view collection: a SQL VIEW over the run records that counts one figure of the
 * dashboard per time bucket (a whole UTC day or hour) and repository. A window is then read by
 * listing the rows of its buckets and adding them up, instead of reading its records.
 *
 * <p>Every view has the columns {@code id} (the smallest record id of the group: unique, and an
 * aggregate rather than a window function, so SQLite can push a filter on the bucket into the
 * view), {@code bucket} ({@code YYYY-MM-DD} or {@code YYYY-MM-DD HH}, text), {@code repo} (an
 * empty repo_source counts as ProxmoxVE), the figure's key columns, and {@code runs}. The runs
 * view also sums the successful runs that reported an install duration ({@code timed}) and
 * those durations ({@code seconds}).
 *
 * <p>The bucket is taken from {@code first_seen}, else {@code old_created} (records moved in by
 * the previous service's migration), else PocketBase's {@code created}: the same order in which
 * {@link RunRecords} reads a record's creation time. A number field counts as sent as
 * {@link RunRecords} decides it: named in {@code present_fields}, or non-zero when that list is
 * empty. Every computed column is a function call or a CAST, so that PocketBase's column parser
 * (which splits a column on spaces outside parentheses) reads it, and its type is inferred as
 * text or number rather than json.
 *
 * @param figure      what the view counts
 * @param granularity {@link ChronoUnit#DAYS} or {@link ChronoUnit#HOURS}
 */
record StatsView(Figure figure, ChronoUnit granularity) {

    static final String BUCKET = "bucket";
    static final String REPO = "repo";
    static final String RUNS = "runs";
    static final String TIMED = "timed";
    static final String SECONDS = "seconds";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH").withZone(ZoneOffset.UTC);

    /** The figures of a {@link org.helperscripts.telemetry.ports.out.WindowStats}, each counted by its own views. */
    enum Figure {
        APPS("apps", List.of("nsapp", "type", "status"), null),
        OS_TYPES("os_types", List.of("os_type"), null),
        METHODS("methods", List.of("method"), null),
        PVE_VERSIONS("pve_versions", List.of("pve_version"), null),
        GPUS("gpus", List.of("gpu_vendor", "gpu_passthrough"), "gpu_vendor <> ''"),
        CPU_VENDORS("cpu_vendors", List.of("cpu_vendor"), null),
        ERROR_CATEGORIES("error_categories", List.of("error_category"), "status = 'failed'"),
        EXIT_CODES("exit_codes", List.of("exit_code"), "status = 'failed' AND " + sent("exit_code")),
        ERRORS("errors", List.of("error", "nsapp"), "status = 'failed' AND error <> ''"),
        RUNS("runs", List.of("status"), null);

        private final String label;
        private final List<String> keys;
        private final String condition;

        Figure(String label, List<String> keys, String condition) {
            this.label = label;
            this.keys = keys;
            this.condition = condition;
        }

        /** The view's columns that name a group, besides bucket and repo. */
        List<String> keys() {
            return keys;
        }
    }

    /** Every view the store needs: each figure by day, and the runs by hour for hourly series. */
    static List<StatsView> all() {
        List<StatsView> views = new ArrayList<>();
        for (Figure figure : Figure.values()) {
            views.add(new StatsView(figure, ChronoUnit.DAYS));
        }
        views.add(new StatsView(Figure.RUNS, ChronoUnit.HOURS));
        return List.copyOf(views);
    }

    /** The view collection's name: the record collection's name, the figure and the bucket width. */
    String name(String collection) {
        return collection + "_" + figure.label + (granularity == ChronoUnit.DAYS ? "_by_day" : "_by_hour");
    }

    /** The {@code viewQuery} of the view over {@code collection}. */
    String query(String collection) {
        String time = "COALESCE(NULLIF(first_seen, ''), NULLIF(old_created, ''), created)";
        int length = granularity == ChronoUnit.DAYS ? 10 : 13;
        List<String> columns = new ArrayList<>();
        columns.add("MIN(id) AS id");
        columns.add("CAST(substr(" + time + ", 1, " + length + ") AS TEXT) AS " + BUCKET);
        columns.add("CAST(COALESCE(NULLIF(repo_source, ''), 'ProxmoxVE') AS TEXT) AS " + REPO);
        columns.addAll(figure.keys);
        columns.add("COUNT(*) AS " + RUNS);
        if (figure == Figure.RUNS) {
            String timed = "status = 'success' AND " + sent("install_duration");
            columns.add("CAST(TOTAL(CASE WHEN " + timed + " THEN 1 ELSE 0 END) AS INTEGER) AS " + TIMED);
            columns.add("CAST(TOTAL(CASE WHEN " + timed + " THEN install_duration ELSE 0 END) AS INTEGER) AS " + SECONDS);
        }
        List<String> groups = new ArrayList<>(List.of(BUCKET, REPO));
        groups.addAll(figure.keys);
        return "SELECT " + String.join(", ", columns) + " FROM `" + collection + "`"
                + (figure.condition == null ? "" : " WHERE " + figure.condition)
                + " GROUP BY " + String.join(", ", groups);
    }

    /** The sort that pages through the view in one stable order: by every group column. */
    String sort() {
        List<String> columns = new ArrayList<>(List.of(BUCKET, REPO));
        columns.addAll(figure.keys);
        return String.join(",", columns);
    }

    /** The bucket that starts at {@code instant} (a whole day or hour), as the view writes it. */
    String bucketText(Instant instant) {
        return (granularity == ChronoUnit.DAYS ? DAY : HOUR).format(instant);
    }

    /** The start of a bucket the view wrote. */
    Instant bucketStart(String text) {
        String iso = granularity == ChronoUnit.DAYS ? text + "T00:00:00Z" : text.replace(' ', 'T') + ":00:00Z";
        return Instant.parse(iso);
    }

    /** Whether a number field holds a sent value, by the rule of {@link RunRecords}. */
    private static String sent(String field) {
        return "(instr(',' || COALESCE(present_fields, '') || ',', '," + field + ",') > 0"
                + " OR (COALESCE(present_fields, '') = '' AND COALESCE(" + field + ", 0) <> 0))";
    }
}
