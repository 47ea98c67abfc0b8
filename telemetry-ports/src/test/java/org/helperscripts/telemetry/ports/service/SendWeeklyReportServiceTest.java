package org.helperscripts.telemetry.ports.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.helperscripts.telemetry.domain.InstallType;
import org.helperscripts.telemetry.domain.RepoSource;
import org.helperscripts.telemetry.domain.Status;
import org.helperscripts.telemetry.ports.in.WeeklyReportResult;
import org.helperscripts.telemetry.ports.out.InMemoryWeeklyReportLedger;
import org.helperscripts.telemetry.ports.out.Mail;
import org.helperscripts.telemetry.ports.out.MailNotSentException;
import org.helperscripts.telemetry.ports.out.StoreUnavailableException;
import org.helperscripts.telemetry.ports.service.RecordedRuns.RecordedRun;
import org.junit.jupiter.api.Test;

class SendWeeklyReportServiceTest {

    /** Monday of ISO week 2026-W19; the week reported on it is 2026-W18, 2026-04-27 to 2026-05-04. */
    private static final Instant MONDAY = Instant.parse("2026-05-04T00:00:00Z");
    private static final Instant REPORTED_WEEK = Instant.parse("2026-04-27T00:00:00Z");
    private static final Instant WEEK_BEFORE = Instant.parse("2026-04-20T00:00:00Z");
    private static final int HOUR = 8;

    private final RecordedRuns runs = new RecordedRuns();
    private final RecordingMailSender mail = new RecordingMailSender();
    private final InMemoryWeeklyReportLedger ledger = new InMemoryWeeklyReportLedger();
    private final SteppingClock clock = new SteppingClock(MONDAY.plus(Duration.ofHours(HOUR)));

    private SendWeeklyReportService service() {
        return new SendWeeklyReportService(runs, mail, ledger, DayOfWeek.MONDAY, HOUR, clock);
    }

    @Test
    void beforeTheDayAndHourNothingIsDueAndNothingClaimed() {
        clock.set(MONDAY.plus(Duration.ofHours(HOUR)).minusSeconds(1));

        assertEquals(WeeklyReportResult.NOT_DUE, service().sendIfDue());

        assertTrue(ledger.asked().isEmpty());
        assertTrue(mail.sent().isEmpty());
    }

    @Test
    void fromTheDayAndHourOnTheLastCompleteWeekIsSentOnce() {
        SendWeeklyReportService service = service();

        assertEquals(WeeklyReportResult.SENT, service.sendIfDue());
        clock.advance(Duration.ofMinutes(5));
        assertEquals(WeeklyReportResult.ALREADY_SENT, service.sendIfDue());
        clock.advance(Duration.ofDays(6));
        assertEquals(WeeklyReportResult.ALREADY_SENT, service.sendIfDue());

        assertTrue(mail.only().subject().startsWith("Telemetry weekly report 2026-W18: "), mail.only().subject());
        assertEquals(List.of("2026-W18", "2026-W18", "2026-W18"), ledger.asked());
    }

    @Test
    void twoInstancesSharingOneLedgerSendOneReport() {
        SendWeeklyReportService first = service();
        SendWeeklyReportService second = service();

        WeeklyReportResult one = first.sendIfDue();
        WeeklyReportResult other = second.sendIfDue();

        assertEquals(List.of(WeeklyReportResult.SENT, WeeklyReportResult.ALREADY_SENT), List.of(one, other));
        assertEquals(1, mail.sent().size());
    }

    @Test
    void theNextWeekHasItsOwnReport() {
        SendWeeklyReportService service = service();
        service.sendIfDue();

        clock.advance(Duration.ofDays(7));

        assertEquals(WeeklyReportResult.SENT, service.sendIfDue());
        assertEquals(2, mail.sent().size());
        assertTrue(mail.sent().get(1).subject().startsWith("Telemetry weekly report 2026-W19: "));
    }

    @Test
    void aReportDayLaterInTheWeekWaitsForItsHour() {
        SendWeeklyReportService sunday = new SendWeeklyReportService(runs, mail, ledger, DayOfWeek.SUNDAY, 23, clock);
        Instant due = Instant.parse("2026-05-10T23:00:00Z");

        clock.set(due.minusSeconds(1));
        assertEquals(WeeklyReportResult.NOT_DUE, sunday.sendIfDue());
        clock.set(due);
        assertEquals(WeeklyReportResult.SENT, sunday.sendIfDue());

        assertTrue(mail.only().subject().startsWith("Telemetry weekly report 2026-W18: "));
    }

    @Test
    void aMailThatCannotBeSentLeavesTheWeekUnsentForTheNextCall() {
        SendWeeklyReportService service = service();
        mail.failNext(1);

        assertThrows(MailNotSentException.class, service::sendIfDue);
        assertTrue(ledger.claimed().isEmpty());

        clock.advance(Duration.ofMinutes(5));
        assertEquals(WeeklyReportResult.SENT, service.sendIfDue());
        assertEquals(1, mail.sent().size());
        assertEquals(List.of("2026-W18"), List.copyOf(ledger.claimed()));
    }

    @Test
    void aStoreThatCannotBeReadLeavesTheWeekUnsent() {
        runs.breakDown();

        assertThrows(StoreUnavailableException.class, service()::sendIfDue);

        assertTrue(ledger.claimed().isEmpty());
        assertTrue(mail.sent().isEmpty());
    }

    @Test
    void theTotalsRateAndChangeAreThoseOfTheReportedWeekAgainstTheWeekBefore() {
        Instant inWeek = REPORTED_WEEK.plus(Duration.ofDays(2));
        runs.add(30, inWeek, "docker", Status.SUCCESS)
                .add(10, inWeek, "docker", Status.FAILED)
                .add(5, inWeek, "docker", Status.ABORTED)
                .add(5, inWeek, "docker", Status.INSTALLING)
                .add(20, WEEK_BEFORE, "docker", Status.SUCCESS)
                .add(20, REPORTED_WEEK.minusMillis(1), "docker", Status.FAILED)
                // outside both weeks: the current week and the week before the week before
                .add(100, MONDAY, "docker", Status.FAILED)
                .add(100, WEEK_BEFORE.minusMillis(1), "docker", Status.SUCCESS)
                .add(100, new RecordedRun(inWeek, RepoSource.EXTERNAL, "docker", InstallType.LXC, Status.FAILED,
                        "debian", 1, null));

        service().sendIfDue();

        String text = mail.only().text();
        long runsNow = 30 + 10 + 5 + 5;
        long runsBefore = 20 + 20;
        double rateNow = 30 * 100.0 / (30 + 10);
        double rateBefore = 20 * 100.0 / (20 + 20);
        assertEquals("Telemetry weekly report 2026-W18: " + runsNow + " runs, " + percent(rateNow) + " success",
                mail.only().subject());
        assertTrue(text.contains("Success rate: " + percent(rateNow) + " of finished runs ("
                + String.format(Locale.ROOT, "%+.1f points", rateNow - rateBefore) + " against the week before)."),
                text);
        assertRow(text, "all runs", runsNow, runsBefore, change(runsNow, runsBefore));
        assertRow(text, "success", 30, 20, change(30, 20));
        assertRow(text, "failed", 10, 20, change(10, 20));
        assertRow(text, "aborted", 5, 0, "n/a");
        assertRow(text, "not finished", 5, 0, "n/a");
        assertTrue(text.contains("Week 2026-W18: Monday 2026-04-27 00:00 UTC until Monday 2026-05-04 00:00 UTC,"
                + " repository ProxmoxVE."), text);
    }

    @Test
    void theReportListsTopScriptsFailingScriptsOsAndTypesWithShares() {
        Instant inWeek = REPORTED_WEEK.plus(Duration.ofDays(1));
        runs.add(60, inWeek, "docker", Status.SUCCESS)
                .add(12, new RecordedRun(inWeek, RepoSource.PROXMOX_VE, "immich", InstallType.VM, Status.FAILED,
                        "ubuntu", 100, null))
                .add(8, new RecordedRun(inWeek, RepoSource.PROXMOX_VE, "immich", InstallType.VM, Status.SUCCESS,
                        null, null, null));

        service().sendIfDue();

        String text = mail.only().text();
        String mostUsed = section(text, "Most used scripts");
        assertTrue(mostUsed.matches("(?s).*\\ndocker\\s+60\\s+" + quoted(share(60, 80)) + "\\n"
                + "immich\\s+20\\s+" + quoted(share(20, 80)) + "\\n.*"), mostUsed);
        assertTrue(section(text, "Scripts that failed most").matches(
                "(?s).*\\nimmich\\s+12\\s+20\\s+60\\.0 %\\n.*"), text);
        String systems = section(text, "Operating systems");
        assertTrue(systems.matches("(?s).*\\ndebian\\s+60\\s+" + quoted(share(60, 80)) + "\\n"
                + "ubuntu\\s+12\\s+" + quoted(share(12, 80)) + "\\n"
                + "\\(not reported\\)\\s+8\\s+" + quoted(share(8, 80)) + "\\n.*"), systems);
        assertTrue(section(text, "Install types").matches("(?s).*\\nlxc\\s+60\\s+75\\.0 %\\nvm\\s+20\\s+25\\.0 %.*"),
                text);
    }

    @Test
    void hostileScriptNamesAndOsValuesAreEscapedInTheHtml() {
        Instant inWeek = REPORTED_WEEK.plus(Duration.ofDays(1));
        runs.add(20, new RecordedRun(inWeek, RepoSource.PROXMOX_VE, "<script>alert(1)</script>", InstallType.LXC,
                Status.FAILED, "\"><iframe src=//evil>", 1, null));

        service().sendIfDue();

        Mail report = mail.only();
        assertFalse(report.html().contains("<script>"), report.html());
        assertFalse(report.html().contains("<iframe"), report.html());
        assertTrue(report.html().contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>"), report.html());
        assertTrue(report.html().contains("<td>&quot;&gt;&lt;iframe src=//evil&gt;</td>"), report.html());
    }

    @Test
    void anHourOutsideTheDayIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new SendWeeklyReportService(runs, mail, ledger, DayOfWeek.MONDAY, 24, clock));
        assertThrows(IllegalArgumentException.class,
                () -> new SendWeeklyReportService(runs, mail, ledger, DayOfWeek.MONDAY, -1, clock));
    }

    private static void assertRow(String text, String label, long now, long before, String change) {
        String row = "\n" + Pattern.quote(label) + "\\s+" + now + "\\s+" + before + "\\s+" + Pattern.quote(change) + "\n";
        assertTrue(Pattern.compile(row).matcher(text).find(), "row " + label + " in\n" + text);
    }

    private static String section(String text, String heading) {
        int start = text.indexOf(heading + "\n");
        assertTrue(start >= 0, "no section " + heading + " in\n" + text);
        int end = text.indexOf("\n\n", start);
        return text.substring(start, end < 0 ? text.length() : end + 1);
    }

    private static String percent(double value) {
        return String.format(Locale.ROOT, "%.1f %%", value);
    }

    private static String share(long part, long total) {
        return percent(part * 100.0 / total);
    }

    private static String change(long now, long before) {
        return String.format(Locale.ROOT, "%+.1f %%", (now - before) * 100.0 / before);
    }

    private static String quoted(String text) {
        return Pattern.quote(text);
    }

    @Test
    void sendNowMailsTheLastCompleteWeekWithoutTouchingTheSchedule() {
        clock.set(MONDAY.plus(Duration.ofHours(HOUR)).minusSeconds(60));
        SendWeeklyReportService service = service();

        service.sendNow();
        service.sendNow();

        assertEquals(2, mail.sent().size());
        assertTrue(ledger.asked().isEmpty());
        clock.set(MONDAY.plus(Duration.ofHours(HOUR)));
        assertEquals(WeeklyReportResult.SENT, service.sendIfDue());
    }
}
