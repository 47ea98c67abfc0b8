package org.helperscripts.telemetry.pocketbase;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import org.helperscripts.telemetry.domain.RepoSource;
import org.helperscripts.telemetry.domain.ReportField;
import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.ports.out.StatsWindow;
import org.helperscripts.telemetry.ports.out.StoreUnavailableException;
import org.helperscripts.telemetry.ports.out.WindowStats;

/**
 * Reads the figures of one {@link StatsWindow} from the statistics views, exactly: a window is
 * every record created from {@code from} until {@code until}, and those instants need not fall
 * on bucket bounds ({@link StatsWindow#lastDays} ends at "now").
 *
 * <ul>
 *   <li>The whole UTC days inside the window are read from the day views (one filtered, paged
 *       list per figure).</li>
 *   <li>What is left at either end, less than a day each, is read as records and counted one by
 *       one: at most two days of records, however long the window.</li>
 *   <li>The time series of an hourly window comes from the runs-by-hour view for the whole hours
 *       of the window, and from the records read for what is left of an hour at either end.</li>
 * </ul>
 *
 * PocketBase answers each list on its own, so the figures of one answer come from several
 * reads: a run written meanwhile may be counted in one figure and not yet in another.
 */
final class WindowReading {

    /** PocketBase's largest page. */
    private static final int PAGE = 1000;

    private final PocketBaseSession session;
    private final RunRecords records;
    private final String collection;

    WindowReading(PocketBaseSession session, RunRecords records, String collection) {
        this.session = session;
        this.records = records;
        this.collection = collection;
    }

    WindowStats read(StatsWindow window) {
        WindowFigures figures = new WindowFigures(window.bucket());
        Instant from = window.from();
        Instant until = window.until();
        Instant dayFrom = from == null ? null : ceil(from, ChronoUnit.DAYS);
        Instant dayUntil = until.truncatedTo(ChronoUnit.DAYS);
        boolean wholeDays = dayFrom == null || dayFrom.isBefore(dayUntil);
        boolean hourly = window.bucket() == ChronoUnit.HOURS;
        Instant hourFrom = from == null ? null : ceil(from, ChronoUnit.HOURS);
        Instant hourUntil = until.truncatedTo(ChronoUnit.HOURS);
        boolean wholeHours = hourly && (hourFrom == null || hourFrom.isBefore(hourUntil));

        if (wholeDays) {
            for (StatsView view : StatsView.all()) {
                if (view.granularity() == ChronoUnit.DAYS && !(hourly && view.figure() == StatsView.Figure.RUNS)) {
                    readView(view, dayFrom, dayUntil, window.repo(), row -> figures.add(view, row));
                }
            }
        }
        if (wholeHours) {
            StatsView runsByHour = new StatsView(StatsView.Figure.RUNS, ChronoUnit.HOURS);
            readView(runsByHour, hourFrom, hourUntil, window.repo(), row -> figures.add(runsByHour, row));
        }
        List<Instant[]> edges = new ArrayList<>();
        if (!wholeDays) {
            edges.add(new Instant[] {from, until});
        } else {
            if (from != null && from.isBefore(dayFrom)) {
                edges.add(new Instant[] {from, dayFrom});
            }
            if (dayUntil.isBefore(until)) {
                edges.add(new Instant[] {dayUntil, until});
            }
        }
        for (Instant[] edge : edges) {
            readRuns(edge[0], edge[1], window.repo(), run -> {
                boolean inWholeHours = wholeHours && (hourFrom == null || !run.created().isBefore(hourFrom))
                        && run.created().isBefore(hourUntil);
                figures.add(run, !inWholeHours);
            });
        }
        return figures.result();
    }

    /** Every row of {@code view} in the buckets from {@code from} (null: the first) until {@code until}. */
    private void readView(StatsView view, Instant from, Instant until, RepoSource repo, Consumer<JsonNode> rows) {
        RecordFilter filter = RecordFilter.matchingAll();
        if (from != null) {
            filter.atLeast(StatsView.BUCKET, view.bucketText(from));
        }
        filter.below(StatsView.BUCKET, view.bucketText(until));
        if (repo != null) {
            // the view has already turned an empty repo_source into ProxmoxVE
            filter.equalTo(StatsView.REPO, repo.wire());
        }
        String name = view.name(collection);
        String path = "/api/collections/" + name + "/records?perPage=" + PAGE + "&skipTotal=1&sort="
                + encode(view.sort()) + "&filter=" + encode(filter.text());
        for (int page = 1; ; page++) {
            JsonNode list;
            try {
                list = session.send("GET", path + "&page=" + page, null);
            } catch (PocketBaseError refused) {
                throw refusedView(name, refused);
            }
            JsonNode items = list.path("items");
            items.forEach(rows);
            if (items.size() < PAGE) {
                return;
            }
        }
    }

    /** Every record created from {@code from} until {@code until}, by the creation time RunRecords reads. */
    private void readRuns(Instant from, Instant until, RepoSource repo, Consumer<Run> runs) {
        String start = RunRecords.formatDate(from);
        String end = RunRecords.formatDate(until);
        RecordFilter filter = RecordFilter.matchingAll().anyOf(
                RecordFilter.matchingAll().atLeast(RunRecords.FIRST_SEEN, start).below(RunRecords.FIRST_SEEN, end),
                RecordFilter.matchingAll().equalTo(RunRecords.FIRST_SEEN, "")
                        .atLeast(RunRecords.OLD_CREATED, start).below(RunRecords.OLD_CREATED, end),
                RecordFilter.matchingAll().equalTo(RunRecords.FIRST_SEEN, "").equalTo(RunRecords.OLD_CREATED, "")
                        .atLeast(RunRecords.CREATED, start).below(RunRecords.CREATED, end));
        if (repo == RepoSource.PROXMOX_VE) {
            filter.equalToAny(ReportField.REPO_SOURCE.wireName(), RepoSource.PROXMOX_VE.wire(), "");
        } else if (repo != null) {
            filter.equalTo(ReportField.REPO_SOURCE.wireName(), repo.wire());
        }
        String path = "/api/collections/" + collection + "/records?perPage=" + PAGE
                + "&skipTotal=1&sort=@rowid&filter=" + encode(filter.text());
        for (int page = 1; ; page++) {
            JsonNode list;
            try {
                list = session.send("GET", path + "&page=" + page, null);
            } catch (PocketBaseError refused) {
                throw new StoreUnavailableException("PocketBase refused to list the records of a statistics window: "
                        + refused.getMessage());
            }
            JsonNode items = list.path("items");
            for (JsonNode item : items) {
                runs.accept(records.fromRecord(item).run());
            }
            if (items.size() < PAGE) {
                return;
            }
        }
    }

    private StoreUnavailableException refusedView(String name, PocketBaseError refused) {
        if (refused.status() == 404) {
            return new StoreUnavailableException("PocketBase statistics view '" + name + "' does not exist; open the "
                    + "store once with superuser credentials (PB_AUTH_COLLECTION=_superusers) to create it");
        }
        if (refused.authorisationRefused()) {
            return new StoreUnavailableException("The account of auth collection '" + session.authCollection()
                    + "' may not list PocketBase statistics view '" + name + "' (" + refused.status()
                    + "); open its list rule to this account");
        }
        return new StoreUnavailableException("PocketBase refused to list statistics view '" + name + "': "
                + refused.getMessage());
    }

    private static Instant ceil(Instant instant, ChronoUnit unit) {
        Instant floor = instant.truncatedTo(unit);
        return floor.equals(instant) ? floor : floor.plus(1, unit);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
