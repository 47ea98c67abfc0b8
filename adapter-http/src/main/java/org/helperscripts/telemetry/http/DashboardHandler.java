package org.helperscripts.telemetry.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;

import org.helperscripts.telemetry.ports.in.Dashboard;
import org.helperscripts.telemetry.ports.in.ViewDashboard;
import org.helperscripts.telemetry.ports.out.CachedAnswer;

/** GET /api/dashboard: the statistics of one range and repository, usually from the cache. */
final class DashboardHandler implements Handler {

    private final ViewDashboard dashboard;

    DashboardHandler(ViewDashboard dashboard) {
        this.dashboard = dashboard;
    }

    @Override
    public void handle(Context ctx) {
        CachedAnswer<Dashboard> answer = dashboard.view(DashboardQueryParameters.read(ctx));
        ctx.header("X-Cache", answer.fromCache() ? "HIT" : "MISS");
        ctx.header("Cache-Control", "no-store");
        ctx.json(DashboardJson.of(answer));
    }
}
