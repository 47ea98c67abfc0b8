package org.helperscripts.telemetry.http;

import java.util.Map;

import io.javalin.http.Context;

import org.helperscripts.telemetry.ports.in.CheckFailureRate;
import org.helperscripts.telemetry.ports.in.SendWeeklyReport;

/**
 * The maintainers' actions, each behind {@link AdminAccess}: send a test alert, send the weekly
 * report now. An action whose feature is off answers 409 naming the setting that turns it on.
 */
final class AdminHandlers {

    private static final Map<String, String> SENT = Map.of("status", "sent");

    private final AdminAccess access;
    private final Alerting alerting;

    AdminHandlers(AdminAccess access, Alerting alerting) {
        this.access = access;
        this.alerting = alerting;
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
}
