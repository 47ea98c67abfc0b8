package org.helperscripts.telemetry.ports.service;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.helperscripts.telemetry.domain.AppFailureRule;
import org.helperscripts.telemetry.domain.FailureCounts;
import org.helperscripts.telemetry.domain.RepoSource;
import org.helperscripts.telemetry.domain.Status;
import org.helperscripts.telemetry.ports.out.Mail;
import org.helperscripts.telemetry.ports.out.WindowStats;
import org.helperscripts.telemetry.ports.out.WindowStats.ValueCount;

/**
 * The weekly report: the week's runs by outcome against the week before, the success rate and its
 * change, the most used and the most failing scripts, and how runs spread over operating systems
 * and install types.
 */
final class WeeklyReportMail {

    static final int LISTED = 10;
    /** Over a week a script needs this many finished runs before its failure rate is listed. */
    static final AppFailureRule WORST_SCRIPTS = AppFailureRule.of(10);

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("EEEE yyyy-MM-dd", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private WeeklyReportMail() {
    }

    static Mail compose(ReportWeek week, RepoSource repo, WindowStats thisWeek, WindowStats weekBefore) {
        WindowTotals now = WindowTotals.of(thisWeek);
        WindowTotals before = WindowTotals.of(weekBefore);
        long runs = now.runs();
        MailBody body = new MailBody()
                .paragraph("Week " + week.label() + ": " + DAY.format(week.start()) + " 00:00 UTC until "
                        + DAY.format(week.end()) + " 00:00 UTC, repository " + repo.wire() + ".")
                .paragraph("Success rate: " + successRate(now.failureCounts()) + " of finished runs ("
                        + pointsChange(now.failureCounts(), before.failureCounts()) + " against the week before).")
                .heading("Runs")
                .table(List.of("", "this week", "week before", "change"), List.of(
                        totalsRow("all runs", runs, before.runs()),
                        totalsRow("success", now.count(Status.SUCCESS), before.count(Status.SUCCESS)),
                        totalsRow("failed", now.count(Status.FAILED), before.count(Status.FAILED)),
                        totalsRow("aborted", now.count(Status.ABORTED), before.count(Status.ABORTED)),
                        totalsRow("not finished", unfinished(now), unfinished(before))))
                .heading("Most used scripts")
                .table(List.of("script", "runs", "share"), shares(now.runsPerScript(LISTED), runs))
                .heading("Scripts that failed most")
                .table(List.of("script", "failed", "finished", "failure rate"),
                        WORST_SCRIPTS.worst(now.appOutcomes(), LISTED).stream()
                                .map(app -> List.of(app.nsapp(), Long.toString(app.failed()),
                                        Long.toString(app.installs()), MailBody.percent(app.failureRatePercent())))
                                .toList())
                .heading("Operating systems")
                .table(List.of("os", "runs", "share"), shares(thisWeek.osTypes(), runs))
                .heading("Install types")
                .table(List.of("type", "runs", "share"), shares(now.runsPerType(), runs));
        return body.toMail("Telemetry weekly report " + week.label() + ": " + runs + " runs, "
                + successRate(now.failureCounts()) + " success");
    }

    /** Runs installing, configuring, validating or of unknown end. */
    private static long unfinished(WindowTotals totals) {
        return totals.runs() - totals.count(Status.SUCCESS) - totals.count(Status.FAILED)
                - totals.count(Status.ABORTED);
    }

    static String successRate(FailureCounts counts) {
        return counts.finished() == 0 ? "n/a" : MailBody.percent(100.0 - counts.failureRatePercent());
    }

    /** The change of the success rate in percentage points; n/a when either week finished nothing. */
    static String pointsChange(FailureCounts now, FailureCounts before) {
        if (now.finished() == 0 || before.finished() == 0) {
            return "n/a";
        }
        double points = before.failureRatePercent() - now.failureRatePercent();
        return String.format(Locale.ROOT, "%+.1f points", points);
    }

    /** The relative change of a count; n/a when the week before had none. */
    static String relativeChange(long now, long before) {
        if (before == 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%+.1f %%", (now - before) * 100.0 / before);
    }

    private static List<String> totalsRow(String label, long now, long before) {
        return List.of(label, Long.toString(now), Long.toString(before), relativeChange(now, before));
    }

    private static List<List<String>> shares(List<ValueCount> counts, long total) {
        return counts.stream().limit(LISTED)
                .map(count -> List.of(count.value() == null ? "(not reported)" : count.value(),
                        Long.toString(count.count()), MailBody.share(count.count(), total)))
                .toList();
    }
}
