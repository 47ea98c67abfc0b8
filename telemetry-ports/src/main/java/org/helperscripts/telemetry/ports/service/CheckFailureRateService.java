package org.helperscripts.telemetry.ports.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.helperscripts.telemetry.domain.ExitCodeCatalogue;
import org.helperscripts.telemetry.domain.FailureCounts;
import org.helperscripts.telemetry.domain.FailureRatePolicy;
import org.helperscripts.telemetry.domain.FailureRatePolicy.Verdict;
import org.helperscripts.telemetry.domain.RepoSource;
import org.helperscripts.telemetry.ports.in.Alert;
import org.helperscripts.telemetry.ports.in.CheckFailureRate;
import org.helperscripts.telemetry.ports.out.Mail;
import org.helperscripts.telemetry.ports.out.MailNotSentException;
import org.helperscripts.telemetry.ports.out.MailSender;
import org.helperscripts.telemetry.ports.out.StatsQuery;
import org.helperscripts.telemetry.ports.out.StatsWindow;
import org.helperscripts.telemetry.ports.out.WindowStats;

/**
 * Counts the runs of the main repository ({@link RepoSource#PROXMOX_VE}) created in the last
 * {@code window} and lets {@link FailureRatePolicy} decide. Finished runs are success and failed
 * only: aborted runs were stopped by the user and unknown or unfinished ones say nothing about the
 * scripts. The cooldown starts at the last alert whose mail was delivered, so an alert that could
 * not be sent is tried again at the next check. The cooldown and the history live in memory: after
 * a restart the first check over the threshold alerts again.
 */
public final class CheckFailureRateService implements CheckFailureRate {

    private final StatsQuery stats;
    private final MailSender mailSender;
    private final FailureRatePolicy policy;
    private final Duration window;
    private final Clock clock;
    private final ExitCodeCatalogue catalogue = ExitCodeCatalogue.standard();
    private final AlertHistory history = new AlertHistory();
    private Instant lastDelivered;

    /**
     * @param window how far back each check counts runs, by their creation time; at least a minute
     */
    public CheckFailureRateService(StatsQuery stats, MailSender mailSender, FailureRatePolicy policy,
                                   Duration window, Clock clock) {
        this.stats = Objects.requireNonNull(stats, "stats");
        this.mailSender = Objects.requireNonNull(mailSender, "mailSender");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.window = Objects.requireNonNull(window, "window");
        if (window.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("the failure-rate window must be at least 1 minute, was " + window);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized Verdict check() {
        Instant now = clock.instant();
        StatsWindow recent = recentWindow(now);
        WindowStats figures = stats.aggregate(recent);
        FailureCounts counts = WindowTotals.of(figures).failureCounts();
        Verdict verdict = policy.evaluate(counts, Optional.ofNullable(lastDelivered), now);
        if (verdict == Verdict.ALERT) {
            alert(now, counts, FailureAlertMail.compose(policy, recent, figures, catalogue));
        }
        return verdict;
    }

    @Override
    public void sendTestAlert() {
        StatsWindow recent = recentWindow(clock.instant());
        Mail alert = FailureAlertMail.compose(policy, recent, stats.aggregate(recent), catalogue);
        mailSender.send(new Mail("[test] " + alert.subject(), "This is a test of the failure-rate alert; the figures"
                + " are real.\n\n" + alert.text(), "<p><strong>This is a test of the failure-rate alert; the figures"
                + " are real.</strong></p>" + alert.html()));
    }

    private StatsWindow recentWindow(Instant now) {
        return new StatsWindow(now.minus(window), now, RepoSource.PROXMOX_VE, ChronoUnit.HOURS);
    }

    private void alert(Instant now, FailureCounts counts, Mail mail) {
        try {
            mailSender.send(mail);
            lastDelivered = now;
            history.record(new Alert(now, window, counts, null));
        } catch (MailNotSentException notSent) {
            history.record(new Alert(now, window, counts, notSent.getMessage()));
        } catch (RuntimeException unexpected) {
            // A sender that breaks its contract must not stop the checks either.
            history.record(new Alert(now, window, counts, unexpected.getClass().getSimpleName()
                    + (unexpected.getMessage() == null ? "" : ": " + unexpected.getMessage())));
        }
    }

    @Override
    public List<Alert> recentAlerts() {
        return history.recent();
    }
}
