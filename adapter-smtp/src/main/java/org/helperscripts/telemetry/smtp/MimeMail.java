package org.helperscripts.telemetry.smtp;

import java.time.Instant;
import java.util.Date;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.helperscripts.telemetry.ports.out.Mail;

/**
 * A {@link Mail} as a MIME message: multipart/alternative with the plain text first and the HTML
 * last (mail readers show the last part they can render), everything in UTF-8.
 */
final class MimeMail {

    private static final String CHARSET = "UTF-8";

    private MimeMail() {
    }

    static MimeMessage compose(Session session, SmtpSettings settings, Mail mail, Instant sentAt)
            throws MessagingException {
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.text(), CHARSET, "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(mail.html(), CHARSET, "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);

        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(settings.from(), true));
        InternetAddress[] to = new InternetAddress[settings.recipients().size()];
        for (int i = 0; i < to.length; i++) {
            to[i] = new InternetAddress(settings.recipients().get(i), true);
        }
        message.setRecipients(Message.RecipientType.TO, to);
        message.setSubject(mail.subject(), CHARSET);
        message.setSentDate(Date.from(sentAt));
        message.setContent(alternative);
        // Writes the Message-ID and the MIME headers of the parts.
        message.saveChanges();
        return message;
    }
}
