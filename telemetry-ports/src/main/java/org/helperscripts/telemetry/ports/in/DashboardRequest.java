package org.helperscripts.telemetry.ports.in;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.helperscripts.telemetry.domain.RepoSource;
import org.helperscripts.telemetry.ports.out.StatsWindow;

/**
 * Which dashboard to show: a range of days and a repository.
 *
 * <p>A range is whole UTC buckets ending with the current one, so that its figures do not depend
 * on the minute they were computed in and a store may count per bucket: {@code days} 1 is the
 * current hour and the 23 before it (by hour), {@code days} N &gt; 1 is today and the N-1 days
 * before it (by day), {@code days} 0 is every record (by day).
 *
 * @param days one of {@link #ALLOWED_DAYS}
 * @param repo the repository shown; {@code null} for every repository
 */
public record DashboardRequest(int days, RepoSource repo) {

    /** The ranges the dashboard offers; 0 means every record. */
    public static final List<Integer> ALLOWED_DAYS = List.of(1, 7, 30, 90, 365, 0);

    public DashboardRequest {
        if (!ALLOWED_DAYS.contains(days)) {
            throw new IllegalArgumentException("days must be one of " + ALLOWED_DAYS + ", was " + days);
        }
    }

    /** The range's records as seen at {@code now}. */
    public StatsWindow window(Instant now) {
        if (days == 1) {
            Instant currentHour = now.truncatedTo(ChronoUnit.HOURS);
            return new StatsWindow(currentHour.minus(23, ChronoUnit.HOURS), currentHour.plus(1, ChronoUnit.HOURS),
                    repo, ChronoUnit.HOURS);
        }
        Instant tomorrow = now.truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
        Instant from = days == 0 ? null : tomorrow.minus(days, ChronoUnit.DAYS);
        return new StatsWindow(from, tomorrow, repo, ChronoUnit.DAYS);
    }

    /** The repository's name as the API spells it: its wire name, or {@code all}. */
    public String repoName() {
        return repo == null ? "all" : repo.wire();
    }

    /** The key of this dashboard in a cache of answers. */
    public String cacheKey() {
        return "dashboard:" + days + ":" + repoName();
    }
}
