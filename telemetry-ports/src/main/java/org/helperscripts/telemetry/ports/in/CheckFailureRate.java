package org.helperscripts.telemetry.ports.in;

import java.util.List;

import org.helperscripts.telemetry.domain.FailureRatePolicy;

/**
 * A scheduler asks, every few minutes, whether the scripts fail often enough to alert the
 * maintainers; a maintainer looks at the alerts raised lately.
 */
public interface CheckFailureRate {

    /**
     * Counts the finished runs of the recent window and mails one alert when the policy says so.
     * A mail that cannot be sent is recorded in the alert history as not sent, never thrown: the
     * next check tries again.
     *
     * @return what the policy decided
     * @throws org.helperscripts.telemetry.ports.out.StoreUnavailableException when the store
     *     cannot be read; nothing is recorded then
     */
    FailureRatePolicy.Verdict check();

    /** The most recent alerts, newest first, at most {@value Alert#HISTORY_SIZE}. */
    List<Alert> recentAlerts();

    /**
     * Mails the alert of the recent window now, whatever the policy says, marked as a test: for a
     * maintainer checking that alerts arrive. Neither recorded nor a start of the cooldown.
     *
     * @throws org.helperscripts.telemetry.ports.out.MailNotSentException when it could not be sent
     * @throws org.helperscripts.telemetry.ports.out.StoreUnavailableException when the store
     *     cannot be read
     */
    void sendTestAlert();
}
