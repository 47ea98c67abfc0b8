package org.helperscripts.telemetry.smtp;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import org.helperscripts.telemetry.ports.out.Mail;
import org.helperscripts.telemetry.ports.out.MailNotSentException;
import org.helperscripts.telemetry.ports.out.MailSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends mails over SMTP as {@link SmtpSettings} say: one connection per mail, every recipient in
 * To, plain text and HTML as alternatives. A failed attempt is logged and retried after a growing
 * wait; a refused login is not retried, since the same password will be refused again. Neither
 * logs nor exception messages carry the password or the mail's content. Thread-safe.
 */
public final class SmtpMailSender implements MailSender {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpMailSender.class);

    private final SmtpSettings settings;
    private final Clock clock;
    private final Session session;
    private final Backoff backoff;

    /** A sender that trusts the certificates the JVM trusts, under the name {@code SMTP_HOST}. */
    public SmtpMailSender(SmtpSettings settings, Clock clock) {
        this(settings, clock, false);
    }

    private SmtpMailSender(SmtpSettings settings, Clock clock, boolean trustAnyCertificate) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.session = Session.getInstance(SessionProperties.of(settings, trustAnyCertificate));
        this.backoff = new Backoff(settings.firstBackoff());
    }

    /** A sender for test servers with self-signed certificates: any certificate, any name. */
    static SmtpMailSender trustingAnyCertificate(SmtpSettings settings, Clock clock) {
        return new SmtpMailSender(settings, clock, true);
    }

    @Override
    public void send(Mail mail) {
        Objects.requireNonNull(mail, "mail");
        for (int attempt = 1; ; attempt++) {
            try {
                deliver(mail);
                return;
            } catch (MessagingException failure) {
                String reason = reasonOf(failure);
                boolean loginRefused = loginRefused(failure);
                LOG.warn("Mail via {} failed (attempt {} of {}): {}", settings.server(), attempt,
                        settings.attempts(), reason);
                if (loginRefused) {
                    throw new MailNotSentException("mail not sent via " + settings.server()
                            + ": the server refused the login of " + settings.user() + " (not retried): " + reason,
                            failure);
                }
                if (attempt >= settings.attempts()) {
                    throw new MailNotSentException("mail not sent via " + settings.server() + " after " + attempt
                            + (attempt == 1 ? " attempt: " : " attempts: ") + reason, failure);
                }
                pause(backoff.before(attempt, ThreadLocalRandom.current().nextDouble()), failure);
            }
        }
    }

    private void deliver(Mail mail) throws MessagingException {
        MimeMessage message = MimeMail.compose(session, settings, mail, clock.instant());
        Transport transport = session.getTransport(SessionProperties.protocol(settings.tlsMode()));
        try {
            transport.connect(settings.host(), settings.port(), settings.user(), settings.password());
            transport.sendMessage(message, message.getAllRecipients());
        } finally {
            close(transport);
        }
    }

    /** A failed goodbye after an accepted mail must not send the mail again. */
    private void close(Transport transport) {
        try {
            transport.close();
        } catch (MessagingException goodbyeFailed) {
            LOG.debug("Closing the connection to {} failed: {}", settings.server(), reasonOf(goodbyeFailed));
        }
    }

    private void pause(Duration wait, MessagingException failure) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            MailNotSentException stopped = new MailNotSentException("mail not sent via " + settings.server()
                    + ": interrupted while waiting to retry after: " + reasonOf(failure), failure);
            stopped.addSuppressed(interrupted);
            throw stopped;
        }
    }

    private static boolean loginRefused(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AuthenticationFailedException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The failure and its causes in one line. A server may echo what it was sent, so the password
     * is masked should it appear.
     */
    private String reasonOf(Throwable failure) {
        StringBuilder reason = new StringBuilder();
        for (Throwable cause = failure; cause != null && reason.length() < 1_000; cause = cause.getCause()) {
            if (reason.length() > 0) {
                reason.append("; caused by ");
            }
            reason.append(cause.getClass().getSimpleName());
            String message = cause.getMessage();
            if (message != null && !message.isBlank()) {
                reason.append(": ").append(message.strip().replaceAll("\\s+", " "));
            }
        }
        String line = reason.toString();
        return settings.password() == null ? line : line.replace(settings.password(), "(hidden)");
    }
}
