package org.helperscripts.telemetry.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.javalin.http.Context;

import org.helperscripts.telemetry.ports.in.CheckFailureRate;
import org.helperscripts.telemetry.ports.in.CleanupResult;
import org.helperscripts.telemetry.ports.in.CleanupStatus;
import org.helperscripts.telemetry.ports.in.SendWeeklyReport;

/**
 * The maintainers' actions, each behind {@link AdminAccess}: send a test alert, send the weekly
 * report now, run the clean-up now, see how the clean-up went. An action whose feature is off answers 409 naming the setting that turns it on.
 */
final class AdminHandlers {

    private static final Map<String, String> SENT = Map.of("status", "sent");

    private final AdminAccess access;
    private final Alerting alerting;
    private final Optional<CleanupActions> cleanup;

    AdminHandlers(AdminAccess access, Alerting alerting, Optional<CleanupActions> cleanup) {
        this.access = access;
        this.alerting = alerting;
        this.cleanup = cleanup;
    }

    void sendTestAlert(Context ctx) {
        access.check(ctx);
        CheckFailureRate alerts = alerting.failureRate()
                .orElseThrow(() -> new ActionUnavailableException("alerts are off: set ALERT_ENABLED=true"));
        alerts.sendTestAlert();
        ctx.json(SENT);
    }

    void sendWeeklyReport(Context ctx) {
        access.check(ctx);
        SendWeeklyReport weekly = alerting.weeklyReport()
                .orElseThrow(() -> new ActionUnavailableException("the weekly report is off: set ALERT_ENABLED=true"));
        weekly.sendNow();
        ctx.json(SENT);
    }

    /** Closes stuck runs and deletes expired records now, as the scheduled clean-up does. */
    void runCleanup(Context ctx) {
        access.check(ctx);
        CleanupActions actions = cleanupActions();
        CleanupResult closed = actions.closeStuckRuns().closeStuckRuns();
        CleanupResult purged = actions.purgeExpiredRecords().purgeExpiredRecords();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("closed_stuck_runs", closed.records());
        answer.put("purged_records", purged.records());
        answer.put("took_ms", closed.took().plus(purged.took()).toMillis());
        ctx.json(answer);
    }

    void cleanupStatus(Context ctx) {
        access.check(ctx);
        CleanupStatus status = cleanupActions().status().cleanupStatus();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("last_close", status.lastCloseResult().map(AdminHandlers::result).orElse(null));
        answer.put("last_purge", status.lastPurgeResult().map(AdminHandlers::result).orElse(null));
        answer.put("closed_total", status.closedTotal());
        answer.put("purged_total", status.purgedTotal());
        answer.put("last_failure_at", status.lastFailureAt() == null ? null : status.lastFailureAt().toString());
        answer.put("last_failure", status.lastFailureReason().orElse(null));
        ctx.header("Cache-Control", "no-store");
        ctx.json(answer);
    }

    private CleanupActions cleanupActions() {
        return cleanup.orElseThrow(() -> new ActionUnavailableException("the clean-up is not part of this server"));
    }

    private static Map<String, Object> result(CleanupResult result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("started_at", result.startedAt().toString());
        json.put("records", result.records());
        json.put("took_ms", result.took().toMillis());
        return json;
    }
}
