package org.helperscripts.telemetry.http;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.helperscripts.telemetry.ports.in.Dashboard;
import org.helperscripts.telemetry.ports.in.DashboardRequest;
import org.helperscripts.telemetry.ports.in.ViewDashboard;
import org.helperscripts.telemetry.ports.out.CachedAnswer;

/**
 * Answers every dashboard request with {@link #answer} and remembers the requests: the web layer's
 * tests check the JSON and the parameters; the figures themselves are the ports' and the stores'.
 */
final class StubDashboard implements ViewDashboard {

    final List<DashboardRequest> requests = new ArrayList<>();
    volatile CachedAnswer<Dashboard> answer = new CachedAnswer<>(empty(30, "ProxmoxVE"), false, LiveServer.NOW);

    @Override
    public CachedAnswer<Dashboard> view(DashboardRequest request) {
        requests.add(request);
        return answer;
    }

    static Dashboard empty(int days, String repo) {
        return new Dashboard(days, repo, null, Instant.parse("2026-03-02T00:00:00Z"),
                new Dashboard.Totals(0, 0, 0, 0, 0, 0, 0.0), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), 0, 0, List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), 0.0, List.of());
    }
}
