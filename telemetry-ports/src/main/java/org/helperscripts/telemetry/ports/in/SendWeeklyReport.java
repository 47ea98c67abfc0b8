package org.helperscripts.telemetry.ports.in;

/**
 * A scheduler asks, every few minutes, for the weekly report; it goes out once per ISO week, on
 * the configured day and hour, whichever instance asks first.
 */
public interface SendWeeklyReport {

    /**
     * Mails the report of the last complete ISO week when its time has come and no instance has
     * sent it yet.
     *
     * @return what happened; {@link WeeklyReportResult#SENT} only when the mail went out
     * @throws org.helperscripts.telemetry.ports.out.MailNotSentException when the mail could not
     *     be sent; the week stays unsent, so a later call tries again
     * @throws org.helperscripts.telemetry.ports.out.StoreUnavailableException when the store
     *     cannot be read; the week stays unsent as well
     */
    WeeklyReportResult sendIfDue();

    /**
     * Mails the report of the last complete ISO week now, whether or not it went out already: for
     * a maintainer who asks for it. The schedule is not affected.
     *
     * @throws org.helperscripts.telemetry.ports.out.MailNotSentException when it could not be sent
     * @throws org.helperscripts.telemetry.ports.out.StoreUnavailableException when the store
     *     cannot be read
     */
    void sendNow();
}
