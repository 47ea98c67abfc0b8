package org.helperscripts.telemetry.ports.service;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

import org.helperscripts.telemetry.domain.RepoSource;
import org.helperscripts.telemetry.ports.in.SendWeeklyReport;
import org.helperscripts.telemetry.ports.in.WeeklyReportResult;
import org.helperscripts.telemetry.ports.out.MailSender;
import org.helperscripts.telemetry.ports.out.StatsQuery;
import org.helperscripts.telemetry.ports.out.StatsWindow;
import org.helperscripts.telemetry.ports.out.WeeklyReportLedger;
import org.helperscripts.telemetry.ports.out.WindowStats;

/**
 * Decides whether the weekly report is due and sends it. From the configured day and hour (UTC)
 * of each ISO week on, the report of the previous, complete week is due; the ledger lets exactly
 * one call claim it, across calls, restarts and instances. A report that cannot be read or sent
 * gives its claim back, so that a later call tries again; a crash between claim and send loses
 * that week's report rather than risking two. Counts the runs of the main repository
 * ({@link RepoSource#PROXMOX_VE}), as the dashboard does by default.
 */
public final class SendWeeklyReportService implements SendWeeklyReport {

    private static final RepoSource REPO = RepoSource.PROXMOX_VE;

    private final StatsQuery stats;
    private final MailSender mailSender;
    private final WeeklyReportLedger ledger;
    private final Duration dueAfterWeekStart;
    private final Clock clock;

    /**
     * @param reportDay     the day of the week the report goes out ({@code WEEKLY_REPORT_DAY})
     * @param reportHourUtc the hour of that day, 0 to 23, in UTC ({@code WEEKLY_REPORT_HOUR})
     */
    public SendWeeklyReportService(StatsQuery stats, MailSender mailSender, WeeklyReportLedger ledger,
                                   DayOfWeek reportDay, int reportHourUtc, Clock clock) {
        this.stats = Objects.requireNonNull(stats, "stats");
        this.mailSender = Objects.requireNonNull(mailSender, "mailSender");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(reportDay, "reportDay");
        if (reportHourUtc < 0 || reportHourUtc > 23) {
            throw new IllegalArgumentException("the weekly report hour must be from 0 to 23, was " + reportHourUtc);
        }
        this.dueAfterWeekStart = Duration.ofDays(reportDay.getValue() - 1L).plusHours(reportHourUtc);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public WeeklyReportResult sendIfDue() {
        Instant now = clock.instant();
        ReportWeek current = ReportWeek.containing(now);
        if (now.isBefore(current.start().plus(dueAfterWeekStart))) {
            return WeeklyReportResult.NOT_DUE;
        }
        ReportWeek reported = current.previous();
        if (!ledger.claim(reported.label())) {
            return WeeklyReportResult.ALREADY_SENT;
        }
        try {
            send(reported);
            return WeeklyReportResult.SENT;
        } catch (RuntimeException notSent) {
            ledger.release(reported.label());
            throw notSent;
        }
    }

    @Override
    public void sendNow() {
        send(ReportWeek.containing(clock.instant()).previous());
    }

    private void send(ReportWeek reported) {
        WindowStats thisWeek = stats.aggregate(window(reported));
        WindowStats weekBefore = stats.aggregate(window(reported.previous()));
        mailSender.send(WeeklyReportMail.compose(reported, REPO, thisWeek, weekBefore));
    }

    private static StatsWindow window(ReportWeek week) {
        return new StatsWindow(week.start(), week.end(), REPO, ChronoUnit.DAYS);
    }
}
