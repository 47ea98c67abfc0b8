package org.helperscripts.telemetry.server;

import java.time.DayOfWeek;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.helperscripts.telemetry.domain.FailureRatePolicy;
import org.helperscripts.telemetry.smtp.SmtpSettings;
import org.helperscripts.telemetry.smtp.TlsMode;

/**
 * The alert and weekly report settings, read when ALERT_ENABLED=true.
 *
 * @param smtp          where mails go
 * @param policy        threshold, minimum sample and cooldown of the failure-rate alert
 * @param checkInterval how often the failure rate is checked
 * @param weeklyReport  whether the weekly report goes out
 * @param reportDay     its day (UTC)
 * @param reportHour    its hour (UTC)
 */
record AlertConfiguration(SmtpSettings smtp, FailureRatePolicy policy, Duration checkInterval, boolean weeklyReport,
                          DayOfWeek reportDay, int reportHour) {

    /** How far back each failure-rate check counts runs. */
    static final Duration WINDOW = Duration.ofHours(1);

    /** The alert settings, or null with ALERT_ENABLED=false (then no SMTP setting is read). */
    static AlertConfiguration read(Environment env) {
        if (!env.flag(Setting.ALERT_ENABLED)) {
            return null;
        }
        for (Setting required : List.of(Setting.SMTP_HOST, Setting.SMTP_FROM, Setting.SMTP_TO)) {
            if (!env.isSet(required)) {
                throw new ConfigurationException(required.name() + " must be set when ALERT_ENABLED=true");
            }
        }
        TlsMode tls = TlsMode.fromUseTls(env.flag(Setting.SMTP_USE_TLS));
        SmtpSettings smtp;
        try {
            SmtpSettings.Builder builder = SmtpSettings.builder()
                    .host(env.text(Setting.SMTP_HOST))
                    .credentials(env.text(Setting.SMTP_USER), env.text(Setting.SMTP_PASSWORD))
                    .from(env.text(Setting.SMTP_FROM))
                    .recipients(env.text(Setting.SMTP_TO))
                    .tlsMode(tls);
            if (env.isSet(Setting.SMTP_PORT)) {
                builder.port(env.wholeNumber(Setting.SMTP_PORT, 1, 65_535));
            }
            smtp = builder.build();
        } catch (IllegalArgumentException bad) {
            // SmtpSettings names the variable and never repeats the password
            throw new ConfigurationException(bad.getMessage());
        }
        double threshold = env.decimal(Setting.ALERT_FAILURE_THRESHOLD, 0.1, 100);
        FailureRatePolicy policy = FailureRatePolicy.of(threshold,
                env.wholeNumber(Setting.ALERT_MIN_SAMPLE, 1, 1_000_000),
                Duration.ofMinutes(env.wholeNumber(Setting.ALERT_COOLDOWN_MIN, 1, 10_080)));
        return new AlertConfiguration(smtp, policy,
                Duration.ofMinutes(env.wholeNumber(Setting.ALERT_CHECK_INTERVAL_MIN, 1, 1_440)),
                env.flag(Setting.WEEKLY_REPORT_ENABLED), dayOfWeek(env),
                env.wholeNumber(Setting.WEEKLY_REPORT_HOUR, 0, 23));
    }

    private static DayOfWeek dayOfWeek(Environment env) {
        String day = env.choice(Setting.WEEKLY_REPORT_DAY, List.of("monday", "tuesday", "wednesday", "thursday",
                "friday", "saturday", "sunday"));
        return DayOfWeek.valueOf(day.toUpperCase(Locale.ROOT));
    }

    /** What GET /api/alerts shows: every setting but the login. */
    Map<String, Object> shown() {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("enabled", true);
        shown.put("threshold_percent", policy.thresholdPercent());
        shown.put("minimum_finished_runs", policy.minimumSample());
        shown.put("window_minutes", WINDOW.toMinutes());
        shown.put("check_interval_minutes", checkInterval.toMinutes());
        shown.put("cooldown_minutes", policy.cooldown().toMinutes());
        shown.put("recipients", smtp.recipients().size());
        shown.put("weekly_report", weeklyReport);
        shown.put("weekly_report_day", reportDay.name().toLowerCase(Locale.ROOT));
        shown.put("weekly_report_hour_utc", reportHour);
        return shown;
    }
}
