package org.helperscripts.telemetry.http;

import java.util.Map;
import java.util.Optional;

import org.helperscripts.telemetry.ports.in.CheckFailureRate;
import org.helperscripts.telemetry.ports.in.SendWeeklyReport;

/**
 * The alerting use cases when alerts are on, and the alert settings as GET /api/alerts shows them.
 *
 * @param failureRate the failure-rate alert; empty when alerts are off
 * @param weeklyReport the weekly report; empty when it is off
 * @param settings    the settings to show: never a password, a token or a full SMTP login
 */
public record Alerting(Optional<CheckFailureRate> failureRate, Optional<SendWeeklyReport> weeklyReport,
                       Map<String, Object> settings) {

    public Alerting {
        settings = Map.copyOf(settings);
    }

    public static Alerting off() {
        return new Alerting(Optional.empty(), Optional.empty(), Map.of("enabled", false));
    }
}
