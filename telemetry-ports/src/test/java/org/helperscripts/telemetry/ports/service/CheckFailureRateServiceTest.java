package org.helperscripts.telemetry.ports.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.helperscripts.telemetry.domain.ExitCodeCatalogue;
import org.helperscripts.telemetry.domain.FailureCounts;
import org.helperscripts.telemetry.domain.FailureRatePolicy;
import org.helperscripts.telemetry.domain.FailureRatePolicy.Verdict;
import org.helperscripts.telemetry.domain.InstallType;
import org.helperscripts.telemetry.domain.RepoSource;
import org.helperscripts.telemetry.domain.Status;
import org.helperscripts.telemetry.ports.in.Alert;
import org.helperscripts.telemetry.ports.out.Mail;
import org.helperscripts.telemetry.ports.out.StoreUnavailableException;
import org.helperscripts.telemetry.ports.service.RecordedRuns.RecordedRun;
import org.helperscripts.telemetry.ports.out.MailNotSentException;
import org.junit.jupiter.api.Test;

class CheckFailureRateServiceTest {

    private static final Instant NOW = Instant.parse("2026-05-04T08:30:00Z");
    private static final Duration WINDOW = Duration.ofHours(1);
    /** 20 %, at least 10 finished runs, one alert per hour. */
    private static final FailureRatePolicy POLICY = FailureRatePolicy.of(20.0, 10, Duration.ofMinutes(60));

    private final RecordedRuns runs = new RecordedRuns();
    private final RecordingMailSender mail = new RecordingMailSender();
    private final SteppingClock clock = new SteppingClock(NOW);
    private final CheckFailureRateService service = new CheckFailureRateService(runs, mail, POLICY, WINDOW, clock);

    private Instant minutesAgo(long minutes) {
        return clock.instant().minus(Duration.ofMinutes(minutes));
    }

    @Test
    void aRateOverTheThresholdSendsOneAlertWithTheRateAndTheCounts() {
        runs.add(8, minutesAgo(10), "docker", Status.SUCCESS)
                .add(4, minutesAgo(20), "docker", Status.FAILED);

        assertEquals(Verdict.ALERT, service.check());

        Mail alert = mail.only();
        String rate = String.format(Locale.ROOT, "%.1f %%", 4 * 100.0 / 12);
        assertTrue(alert.subject().contains(rate + " of installs failed in the last 1 hour"), alert.subject());
        assertTrue(alert.text().contains("Finished runs: 12, of which failed: 4."), alert.text());
        assertTrue(alert.text().contains("alert threshold 20.0 %"), alert.text());
        assertTrue(alert.text().contains("Window: 2026-05-04 07:30 UTC to 2026-05-04 08:30 UTC, repository ProxmoxVE."),
                alert.text());
        List<Alert> history = service.recentAlerts();
        assertEquals(1, history.size());
        assertEquals(new Alert(NOW, WINDOW, new FailureCounts(12, 4), null), history.get(0));
        assertTrue(history.get(0).delivered());
    }

    @Test
    void onlySuccessAndFailedOfTheMainRepositoryInTheWindowCount() {
        runs.add(8, minutesAgo(10), "docker", Status.SUCCESS)
                .add(2, minutesAgo(10), "docker", Status.FAILED)
                // none of these may count: not finished, outside the window or of another repository
                .add(5, minutesAgo(10), "docker", Status.ABORTED)
                .add(5, minutesAgo(10), "docker", Status.INSTALLING)
                .add(5, minutesAgo(10), "docker", Status.UNKNOWN)
                .add(5, minutesAgo(61), "docker", Status.FAILED)
                .add(5, minutesAgo(0).plusSeconds(1), "docker", Status.FAILED)
                .add(5, new RecordedRun(minutesAgo(10), RepoSource.PROXMOX_VED, "docker", InstallType.LXC,
                        Status.FAILED, "debian", 1, null));

        assertEquals(Verdict.ALERT, service.check());

        assertEquals(new FailureCounts(10, 2), service.recentAlerts().get(0).counts());
        assertEquals(RepoSource.PROXMOX_VE, runs.windowsAsked().get(0).repo());
        assertEquals(NOW.minus(WINDOW), runs.windowsAsked().get(0).from());
        assertEquals(NOW, runs.windowsAsked().get(0).until());
    }

    @Test
    void theCooldownKeepsItQuietUntilItHasPassed() {
        runs.add(5, minutesAgo(5), "docker", Status.FAILED).add(5, minutesAgo(5), "docker", Status.SUCCESS);
        service.check();

        clock.advance(Duration.ofMinutes(15));
        assertEquals(Verdict.COOLING_DOWN, service.check());
        clock.advance(Duration.ofMinutes(44));
        runs.add(5, minutesAgo(5), "docker", Status.FAILED).add(5, minutesAgo(5), "docker", Status.SUCCESS);
        assertEquals(Verdict.COOLING_DOWN, service.check());
        assertEquals(1, mail.sent().size());

        clock.advance(Duration.ofMinutes(1));
        assertEquals(Verdict.ALERT, service.check());
        assertEquals(2, mail.sent().size());
        assertEquals(2, service.recentAlerts().size());
    }

    @Test
    void fewerFinishedRunsThanTheMinimumSampleNeverAlert() {
        runs.add(9, minutesAgo(5), "docker", Status.FAILED).add(50, minutesAgo(5), "docker", Status.ABORTED);

        assertEquals(Verdict.TOO_FEW_RUNS, service.check());

        assertTrue(mail.sent().isEmpty());
        assertTrue(service.recentAlerts().isEmpty());
    }

    @Test
    void aRateBelowTheThresholdDoesNotAlert() {
        runs.add(1, minutesAgo(5), "docker", Status.FAILED).add(9, minutesAgo(5), "docker", Status.SUCCESS)
                .add(1, minutesAgo(5), "docker", Status.SUCCESS);

        assertEquals(Verdict.BELOW_THRESHOLD, service.check());

        assertTrue(mail.sent().isEmpty());
    }

    @Test
    void aMailThatCannotBeSentIsRecordedAndTheNextCheckTriesAgain() {
        runs.add(5, minutesAgo(5), "docker", Status.FAILED).add(5, minutesAgo(5), "docker", Status.SUCCESS);
        mail.failNext(1);

        assertEquals(Verdict.ALERT, service.check());

        Alert notSent = service.recentAlerts().get(0);
        assertFalse(notSent.delivered());
        assertEquals(RecordingMailSender.FAILURE, notSent.failure().orElseThrow());
        assertTrue(mail.sent().isEmpty());

        clock.advance(Duration.ofMinutes(5));
        assertEquals(Verdict.ALERT, service.check());

        assertEquals(1, mail.sent().size());
        List<Alert> history = service.recentAlerts();
        assertEquals(2, history.size());
        assertTrue(history.get(0).delivered(), "newest first");
        assertEquals(NOW.plus(Duration.ofMinutes(5)), history.get(0).raisedAt());
        assertFalse(history.get(1).delivered());
    }

    @Test
    void aStoreThatCannotBeReadFailsTheCheckAndRecordsNothing() {
        runs.breakDown();

        assertThrows(StoreUnavailableException.class, service::check);

        assertTrue(service.recentAlerts().isEmpty());
        assertTrue(mail.sent().isEmpty());
    }

    @Test
    void theMailNamesTheWorstScriptsTheirExitCodesWithMeaningsAndErrors() {
        ExitCodeCatalogue catalogue = ExitCodeCatalogue.standard();
        runs.add(6, new RecordedRun(minutesAgo(5), RepoSource.PROXMOX_VE, "immich", InstallType.LXC, Status.FAILED,
                        "debian", 100, "E: Unable to locate package libvips"))
                .add(2, minutesAgo(5), "immich", Status.SUCCESS)
                .add(1, new RecordedRun(minutesAgo(5), RepoSource.PROXMOX_VE, "jellyfin", InstallType.LXC,
                        Status.FAILED, "ubuntu", 143, null))
                .add(9, minutesAgo(5), "jellyfin", Status.SUCCESS)
                // 2 finished runs are below the 3 a script needs to be listed
                .add(2, new RecordedRun(minutesAgo(5), RepoSource.PROXMOX_VE, "rarely-used", InstallType.VM,
                        Status.FAILED, "debian", 1, null));

        service.check();

        String text = mail.only().text();
        assertTrue(text.matches("(?s).*\\nimmich\\s+6\\s+8\\s+75\\.0 %\\n.*"), text);
        assertTrue(text.matches("(?s).*\\njellyfin\\s+1\\s+10\\s+10\\.0 %\\n.*"), text);
        String worst = text.substring(text.indexOf("Scripts that failed most"), text.indexOf("Exit codes of failed runs"));
        assertFalse(worst.contains("rarely-used"), worst);
        assertTrue(worst.indexOf("immich") < worst.indexOf("jellyfin"), "worst first");
        String apt = catalogue.describe(100).description();
        assertTrue(text.matches("(?s).*\\n\\s*100\\s+6\\s+" + catalogue.describe(100).category().wire() + "\\s+"
                + Pattern.quote(apt) + "\\n.*"), text);
        assertTrue(text.contains(catalogue.describe(143).description()), text);
        assertTrue(text.matches("(?s).*\\nimmich\\s+6\\s+E: Unable to locate package libvips\\n.*"), text);
    }

    @Test
    void aHostileScriptNameIsEscapedInTheHtml() {
        String hostile = "<img src=x onerror=\"alert('x')\">";
        runs.add(10, new RecordedRun(minutesAgo(5), RepoSource.PROXMOX_VE, hostile, InstallType.LXC, Status.FAILED,
                "debian", 1, "</td><script>steal()</script>"));

        service.check();

        Mail alert = mail.only();
        assertFalse(alert.html().contains("<img"), alert.html());
        assertFalse(alert.html().contains("<script>"), alert.html());
        assertTrue(alert.html().contains("&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;"), alert.html());
        assertTrue(alert.html().contains("&lt;/td&gt;&lt;script&gt;steal()&lt;/script&gt;"), alert.html());
        assertTrue(alert.text().contains(hostile), "the text part is plain text");
    }

    @Test
    void theHistoryKeepsTheNewestHundredAlerts() {
        FailureRatePolicy noCooldown = FailureRatePolicy.of(20.0, 10, Duration.ZERO);
        CheckFailureRateService eager = new CheckFailureRateService(runs, mail, noCooldown, WINDOW, clock);
        runs.add(10, minutesAgo(1), "docker", Status.FAILED);

        for (int i = 0; i < Alert.HISTORY_SIZE + 5; i++) {
            eager.check();
            clock.advance(Duration.ofSeconds(1));
        }

        List<Alert> history = eager.recentAlerts();
        assertEquals(Alert.HISTORY_SIZE, history.size());
        assertEquals(NOW.plusSeconds(Alert.HISTORY_SIZE + 4), history.get(0).raisedAt());
        assertEquals(NOW.plusSeconds(5), history.get(Alert.HISTORY_SIZE - 1).raisedAt());
    }

    @Test
    void aWindowShorterThanAMinuteIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new CheckFailureRateService(runs, mail, POLICY, Duration.ofSeconds(30), clock));
    }

    @Test
    void aTestAlertGoesOutWhateverTheRateAndLeavesNoTrace() {
        runs.add(9, minutesAgo(5), "docker", Status.SUCCESS).add(1, minutesAgo(5), "docker", Status.FAILED);

        service.sendTestAlert();

        assertTrue(mail.only().subject().startsWith("[test] "), mail.only().subject());
        assertTrue(mail.only().text().contains("This is a test"), mail.only().text());
        assertTrue(service.recentAlerts().isEmpty());
        runs.add(10, minutesAgo(5), "docker", Status.FAILED);
        assertEquals(FailureRatePolicy.Verdict.ALERT, service.check(), "a test does not start the cooldown");
    }

    @Test
    void aTestAlertThatCannotBeSentSaysSo() {
        mail.failNext(1);

        assertThrows(MailNotSentException.class, service::sendTestAlert);
        assertTrue(service.recentAlerts().isEmpty());
    }
}
