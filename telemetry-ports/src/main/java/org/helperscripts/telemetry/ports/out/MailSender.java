package org.helperscripts.telemetry.ports.out;

/** Delivers mails to the maintainers the service is configured to write to. */
public interface MailSender {

    /**
     * Sends one mail to every configured recipient, retrying transient failures.
     *
     * @throws MailNotSentException when it could not be delivered after the retries
     */
    void send(Mail mail);
}
