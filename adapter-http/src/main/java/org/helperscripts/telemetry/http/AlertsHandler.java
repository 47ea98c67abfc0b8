package org.helperscripts.telemetry.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.javalin.http.Context;
import io.javalin.http.Handler;

import org.helperscripts.telemetry.ports.in.Alert;

/** GET /api/alerts: the alert settings (no secrets) and the alerts raised lately, newest first. */
final class AlertsHandler implements Handler {

    private final Alerting alerting;

    AlertsHandler(Alerting alerting) {
        this.alerting = alerting;
    }

    @Override
    public void handle(Context ctx) {
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (Alert alert : alerting.failureRate().map(check -> check.recentAlerts()).orElse(List.of())) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("raised_at", alert.raisedAt().toString());
            json.put("window_minutes", alert.window().toMinutes());
            json.put("finished", alert.counts().finished());
            json.put("failed", alert.counts().failed());
            json.put("failure_rate", Math.round(alert.ratePercent() * 10.0) / 10.0);
            json.put("delivered", alert.delivered());
            json.put("not_sent_reason", alert.failure().orElse(null));
            alerts.add(json);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("settings", alerting.settings());
        answer.put("alerts", alerts);
        ctx.header("Cache-Control", "no-store");
        ctx.json(answer);
    }
}
