package org.helperscripts.telemetry.http;

import java.util.Locale;

import org.helperscripts.telemetry.ports.in.Dashboard;
import org.helperscripts.telemetry.ports.in.DashboardRequest;
import org.helperscripts.telemetry.ports.in.ViewDashboard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The install gauges of the service this one replaces, under their old names, over the last 24
 * hours of every repository. Written as Prometheus text by hand: Micrometer and the Prometheus
 * client refuse a gauge whose name ends in {@code _total}, and renaming them would break the
 * alerts and panels built on them. Read through the dashboard cache, so a scrape never aggregates.
 */
final class InstallGauges {

    private static final Logger LOG = LoggerFactory.getLogger(InstallGauges.class);
    private static final DashboardRequest LAST_DAY = new DashboardRequest(1, null);

    private final ViewDashboard dashboard;
    private volatile boolean failureLogged;

    InstallGauges(ViewDashboard dashboard) {
        this.dashboard = dashboard;
    }

    /** The gauges as Prometheus text; NaN (no value) while the store cannot be read. */
    String render() {
        Dashboard.Totals totals = lastDay();
        StringBuilder text = new StringBuilder(900);
        gauge(text, "telemetry_installs_total", "Runs created in the last 24 hours",
                totals == null ? Double.NaN : totals.total());
        gauge(text, "telemetry_installs_success_total", "Successful runs of the last 24 hours",
                totals == null ? Double.NaN : totals.success());
        gauge(text, "telemetry_installs_failed_total", "Failed runs of the last 24 hours",
                totals == null ? Double.NaN : totals.failed());
        gauge(text, "telemetry_installs_pending", "Runs of the last 24 hours still in progress",
                totals == null ? Double.NaN : totals.inProgress());
        gauge(text, "telemetry_success_rate", "Success over success + failed in the last 24 hours, in percent",
                totals == null ? Double.NaN : totals.successRatePercent());
        return text.toString();
    }

    private Dashboard.Totals lastDay() {
        try {
            Dashboard.Totals totals = dashboard.view(LAST_DAY).value().totals();
            failureLogged = false;
            return totals;
        } catch (RuntimeException unavailable) {
            if (!failureLogged) {
                failureLogged = true;
                LOG.warn("install gauges have no value: the last day's figures cannot be read ({})",
                        unavailable.getClass().getSimpleName());
            }
            return null;
        }
    }

    private static void gauge(StringBuilder text, String name, String help, double value) {
        text.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" gauge\n")
                .append(name).append(' ').append(Double.isNaN(value) ? "NaN" : String.format(Locale.ROOT, "%s", value))
                .append('\n');
    }
}
