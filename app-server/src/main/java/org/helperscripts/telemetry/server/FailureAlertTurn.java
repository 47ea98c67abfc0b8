package org.helperscripts.telemetry.server;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.helperscripts.telemetry.domain.FailureRatePolicy.Verdict;
import org.helperscripts.telemetry.ports.in.Alert;
import org.helperscripts.telemetry.ports.in.CheckFailureRate;
import org.helperscripts.telemetry.ports.out.JobLock;
import org.helperscripts.telemetry.ports.out.JobLock.JobLease;

/**
 * One turn of the failure-rate check, with the cooldown shared by every instance: a delivered
 * alert takes a "quiet" lock for the cooldown, and while another instance holds it no instance
 * checks. (The check's own cooldown only knows the alerts of its instance.)
 */
final class FailureAlertTurn implements Runnable {

    static final String JOB = "failure-alert";
    private static final String QUIET = "failure-alert-quiet";
    private static final Duration PEEK = Duration.ofSeconds(1);

    private final CheckFailureRate check;
    private final JobLock lock;
    private final Duration cooldown;

    FailureAlertTurn(CheckFailureRate check, JobLock lock, Duration cooldown) {
        this.check = check;
        this.lock = lock;
        this.cooldown = cooldown;
    }

    @Override
    public void run() {
        Optional<JobLease> quiet = lock.tryAcquire(QUIET, PEEK);
        if (quiet.isEmpty()) {
            return;
        }
        quiet.get().close();
        if (check.check() == Verdict.ALERT) {
            List<Alert> alerts = check.recentAlerts();
            if (!alerts.isEmpty() && alerts.get(0).delivered()) {
                lock.tryAcquire(QUIET, cooldown);
            }
        }
    }
}
