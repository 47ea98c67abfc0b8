package org.helperscripts.telemetry.server;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.helperscripts.telemetry.domain.RepoSource;
import org.helperscripts.telemetry.ports.in.DashboardRequest;
import org.helperscripts.telemetry.ports.service.ViewDashboardService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes the dashboards people open most right after start and again before they expire, so
 * that nobody waits for an aggregation: the page's default range and the last day (the install
 * gauges), for the main repository and for all of them.
 */
final class DashboardWarmUp implements AutoCloseable {

    static final List<DashboardRequest> COMMON = List.of(
            new DashboardRequest(30, RepoSource.PROXMOX_VE), new DashboardRequest(7, RepoSource.PROXMOX_VE),
            new DashboardRequest(1, null), new DashboardRequest(30, null));
    private static final Logger LOG = LoggerFactory.getLogger(DashboardWarmUp.class);

    private final ViewDashboardService dashboards;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "telemetry-dashboard-warm-up");
        thread.setDaemon(true);
        return thread;
    });
    private boolean failing;

    private DashboardWarmUp(ViewDashboardService dashboards) {
        this.dashboards = dashboards;
    }

    /** Warms at once, then every 4/5 of {@code ttl}, before the kept answers turn stale. */
    static DashboardWarmUp start(ViewDashboardService dashboards, Duration ttl) {
        DashboardWarmUp warmUp = new DashboardWarmUp(dashboards);
        long periodMillis = Math.max(1_000, ttl.toMillis() * 4 / 5);
        warmUp.timer.scheduleWithFixedDelay(warmUp::warm, 0, periodMillis, TimeUnit.MILLISECONDS);
        return warmUp;
    }

    private void warm() {
        try {
            for (DashboardRequest request : COMMON) {
                dashboards.refresh(request);
            }
            if (failing) {
                failing = false;
                LOG.info("dashboard warm-up works again");
            }
        } catch (RuntimeException failed) {
            // the next request computes what is missing; say so once per streak of failures
            if (!failing) {
                failing = true;
                LOG.warn("dashboard warm-up failed ({}); dashboards are computed when asked", failed.toString());
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
