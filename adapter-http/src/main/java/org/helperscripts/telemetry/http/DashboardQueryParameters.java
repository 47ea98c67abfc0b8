package org.helperscripts.telemetry.http;

import java.util.ArrayList;
import java.util.List;

import io.javalin.http.Context;

import org.helperscripts.telemetry.domain.RepoSource;
import org.helperscripts.telemetry.domain.Violation;
import org.helperscripts.telemetry.ports.in.DashboardRequest;

/**
 * Reads the query of GET /api/dashboard: {@code days} (default 30) and {@code repo} (default
 * ProxmoxVE, {@code all} for every repository); a bad value is a 400 naming the parameter.
 */
final class DashboardQueryParameters {

    static final int DEFAULT_DAYS = 30;

    private DashboardQueryParameters() {
    }

    static DashboardRequest read(Context ctx) {
        List<Violation> problems = new ArrayList<>();
        int days = days(ctx.queryParam("days"), problems);
        RepoSource repo = RecordsQueryParameters.repo(ctx, RepoSource.PROXMOX_VE, problems);
        if (!problems.isEmpty()) {
            throw new InvalidQueryException(problems);
        }
        return new DashboardRequest(days, repo);
    }

    private static int days(String value, List<Violation> problems) {
        if (value == null || value.isBlank()) {
            return DEFAULT_DAYS;
        }
        try {
            int days = Integer.parseInt(value.trim());
            if (DashboardRequest.ALLOWED_DAYS.contains(days)) {
                return days;
            }
        } catch (NumberFormatException notANumber) {
            // reported below with the allowed values
        }
        problems.add(new Violation("days", "must be one of: 1, 7, 30, 90, 365, 0 (every record)"));
        return DEFAULT_DAYS;
    }
}
