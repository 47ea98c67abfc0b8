package org.helperscripts.telemetry.ports.service;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.helperscripts.telemetry.domain.AppFailureRule;
import org.helperscripts.telemetry.domain.ExitCode;
import org.helperscripts.telemetry.domain.ExitCodeCatalogue;
import org.helperscripts.telemetry.domain.FailureCounts;
import org.helperscripts.telemetry.domain.FailureRatePolicy;
import org.helperscripts.telemetry.ports.out.Mail;
import org.helperscripts.telemetry.ports.out.StatsWindow;
import org.helperscripts.telemetry.ports.out.WindowStats;

/**
 * The alert mail: the failure rate and its counts, the window, and what failed: the scripts with
 * the highest failure rate, the most frequent exit codes with the catalogue's meaning, and the
 * most frequent error texts.
 */
final class FailureAlertMail {

    /** Scripts, exit codes and error texts listed, each. */
    static final int LISTED = 10;
    /** A script needs this many finished runs in the window before its failure rate is listed. */
    static final AppFailureRule WORST_SCRIPTS = AppFailureRule.of(3);

    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private FailureAlertMail() {
    }

    static Mail compose(FailureRatePolicy policy, StatsWindow window, WindowStats stats, ExitCodeCatalogue catalogue) {
        WindowTotals totals = WindowTotals.of(stats);
        FailureCounts counts = totals.failureCounts();
        String span = describe(Duration.between(window.from(), window.until()));
        String rate = MailBody.percent(counts.failureRatePercent());
        MailBody body = new MailBody()
                .paragraph(rate + " of the finished installs failed in the last " + span + " (alert threshold "
                        + MailBody.percent(policy.thresholdPercent()) + ").")
                .paragraph("Window: " + at(window.from()) + " to " + at(window.until()) + ", repository "
                        + (window.repo() == null ? "all" : window.repo().wire()) + ".")
                .paragraph("Finished runs: " + counts.finished() + ", of which failed: " + counts.failed()
                        + ". Finished means success or failed; aborted and unfinished runs are not counted.")
                .heading("Scripts that failed most")
                .table(List.of("script", "failed", "finished", "failure rate"), worstScripts(totals))
                .heading("Exit codes of failed runs")
                .table(List.of("exit code", "runs", "category", "meaning"), exitCodes(stats, catalogue))
                .heading("Error texts of failed runs")
                .table(List.of("script", "runs", "error"), errors(stats));
        return body.toMail("Telemetry alert: " + rate + " of installs failed in the last " + span);
    }

    private static List<List<String>> worstScripts(WindowTotals totals) {
        return WORST_SCRIPTS.worst(totals.appOutcomes(), LISTED).stream()
                .map(app -> List.of(app.nsapp(), Long.toString(app.failed()), Long.toString(app.installs()),
                        MailBody.percent(app.failureRatePercent())))
                .toList();
    }

    private static List<List<String>> exitCodes(WindowStats stats, ExitCodeCatalogue catalogue) {
        return stats.exitCodes().stream().limit(LISTED)
                .map(count -> {
                    ExitCode meaning = catalogue.describe(count.exitCode());
                    return List.of(Integer.toString(count.exitCode()), Long.toString(count.count()),
                            meaning.category().wire(), meaning.description());
                })
                .toList();
    }

    private static List<List<String>> errors(WindowStats stats) {
        return stats.errors().stream().limit(LISTED)
                .map(error -> List.of(error.nsapp(), Long.toString(error.count()), error.text()))
                .toList();
    }

    private static String at(Instant instant) {
        return MINUTE.format(instant);
    }

    /** "90 minutes", "1 hour", "24 hours". */
    static String describe(Duration span) {
        if (span.toMinutes() % 60 == 0) {
            long hours = span.toHours();
            return hours == 1 ? "1 hour" : hours + " hours";
        }
        long minutes = span.toMinutes();
        return minutes == 1 ? "1 minute" : minutes + " minutes";
    }
}
