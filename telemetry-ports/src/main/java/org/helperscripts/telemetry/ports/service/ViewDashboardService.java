package org.helperscripts.telemetry.ports.service;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

import org.helperscripts.telemetry.domain.AppFailureRule;
import org.helperscripts.telemetry.domain.ExitCodeCatalogue;
import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.ports.in.Dashboard;
import org.helperscripts.telemetry.ports.in.DashboardRequest;
import org.helperscripts.telemetry.ports.in.ViewDashboard;
import org.helperscripts.telemetry.ports.out.AnswerCache;
import org.helperscripts.telemetry.ports.out.CachedAnswer;
import org.helperscripts.telemetry.ports.out.RecordQuery;
import org.helperscripts.telemetry.ports.out.RecordSort;
import org.helperscripts.telemetry.ports.out.ReportStore;
import org.helperscripts.telemetry.ports.out.StatsQuery;
import org.helperscripts.telemetry.ports.out.StatsWindow;

/**
 * Dashboards come from the cache; a missing one is aggregated by the store in one query and
 * assembled with the domain's rules.
 */
public final class ViewDashboardService implements ViewDashboard {

    /** How many of the newest records a dashboard lists. */
    static final int RECENT_RECORDS = 10;

    private final StatsQuery stats;
    private final ReportStore records;
    private final AnswerCache cache;
    private final Clock clock;
    private final DashboardAssembly assembly;

    public ViewDashboardService(StatsQuery stats, ReportStore records, AnswerCache cache, Clock clock,
                                AppFailureRule failureRule, ExitCodeCatalogue catalogue) {
        this.stats = Objects.requireNonNull(stats, "stats");
        this.records = Objects.requireNonNull(records, "records");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.assembly = new DashboardAssembly(Objects.requireNonNull(failureRule, "failureRule"),
                Objects.requireNonNull(catalogue, "catalogue"));
    }

    @Override
    public CachedAnswer<Dashboard> view(DashboardRequest request) {
        return cache.get(request.cacheKey(), Dashboard.class, () -> compute(request));
    }

    /** Computes the dashboard of {@code request} into the cache, for warming it before it is asked for. */
    public void refresh(DashboardRequest request) {
        cache.refresh(request.cacheKey(), Dashboard.class, () -> compute(request));
    }

    private Dashboard compute(DashboardRequest request) {
        StatsWindow window = request.window(clock.instant());
        List<Run> recent = records.page(new RecordQuery(1, RECENT_RECORDS, null, null, null, null, request.repo(),
                RecordSort.NEWEST_FIRST)).records();
        return assembly.assemble(request, window, stats.aggregate(window), recent);
    }
}
