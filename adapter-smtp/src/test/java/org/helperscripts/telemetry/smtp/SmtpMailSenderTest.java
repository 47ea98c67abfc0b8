package org.helperscripts.telemetry.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.helperscripts.telemetry.ports.out.Mail;
import org.helperscripts.telemetry.ports.out.MailNotSentException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SmtpMailSenderTest {

    private static final String PASSWORD = "s3cret-Passw0rd";
    private static final Instant NOW = Instant.parse("2026-05-04T08:30:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    /** Long enough that a retry would outlast the test's deadline: proof that none happened. */
    private static final Duration NEVER_WAITED_OUT = Duration.ofHours(1);
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    /** One server for the class (its mailboxes emptied before each test), given time to start on a busy machine. */
    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetup.createCopy(
            new ServerSetup[] {ServerSetupTest.SMTP, ServerSetupTest.SMTPS}, setup -> {
                ServerSetup copy = setup.dynamicPort();
                copy.setServerStartupTimeout(30_000);
                return copy;
            }))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts@example.org", "alerts", PASSWORD))
            .withPerMethodLifecycle(false);

    @BeforeEach
    void emptyTheMailboxes() throws Exception {
        GREEN_MAIL.purgeEmailFromAllMailboxes();
    }

    private static final Mail MAIL = new Mail("Fehlerquote 42 % — Grüße",
            "Fehlerquote über der Schwelle: 42 % ✓\nzweite Zeile",
            "<p>Fehlerquote <b>über</b> der Schwelle: 42 % ✓</p>");

    private static SmtpSettings.Builder plainGreenMail() {
        return SmtpSettings.builder().host("127.0.0.1").port(GREEN_MAIL.getSmtp().getPort())
                .from("Telemetry <telemetry@example.org>")
                .recipients("ops@example.org, dev@example.net");
    }

    private static SmtpSettings.Builder implicitTlsGreenMail() {
        return plainGreenMail().port(GREEN_MAIL.getSmtps().getPort()).tlsMode(TlsMode.IMPLICIT);
    }

    @Test
    void aDeliveredMailHasTheSubjectSenderEveryRecipientAndBothParts() throws Exception {
        new SmtpMailSender(plainGreenMail().build(), CLOCK).send(MAIL);

        MimeMessage received = onlyMessage(2);
        assertEquals(MAIL.subject(), received.getSubject());
        assertEquals(List.of(new InternetAddress("telemetry@example.org", "Telemetry")),
                Arrays.asList(received.getFrom()));
        assertEquals(List.of(new InternetAddress("ops@example.org"), new InternetAddress("dev@example.net")),
                Arrays.asList(received.getRecipients(Message.RecipientType.TO)));
        assertTrue(received.isMimeType("multipart/alternative"));
        Multipart parts = (Multipart) received.getContent();
        assertEquals(2, parts.getCount());
        assertPart(parts.getBodyPart(0), "text/plain", MAIL.text());
        assertPart(parts.getBodyPart(1), "text/html", MAIL.html());
    }

    @Test
    void aDeliveredMailCarriesTheClocksDateAndAMessageIdOfTheSendersDomain() throws Exception {
        new SmtpMailSender(plainGreenMail().build(), CLOCK).send(MAIL);

        MimeMessage received = onlyMessage(2);
        assertEquals(Date.from(NOW), received.getSentDate());
        String messageId = received.getMessageID();
        assertNotNull(messageId);
        assertTrue(messageId.matches("<[^<>@]+@example\\.org>"), messageId);
    }

    @Test
    void aSenderWithoutCredentialsSendsWithoutLoggingIn() throws Exception {
        SmtpSettings settings = plainGreenMail().recipients("ops@example.org").build();

        new SmtpMailSender(settings, CLOCK).send(MAIL);

        assertEquals(MAIL.subject(), onlyMessage(1).getSubject());
    }

    @Test
    void implicitTlsWithCredentialsDelivers() throws Exception {
        SmtpSettings settings = implicitTlsGreenMail().credentials("alerts", PASSWORD).build();

        SmtpMailSender.trustingAnyCertificate(settings, CLOCK).send(MAIL);

        assertEquals(MAIL.subject(), onlyMessage(2).getSubject());
    }

    @Test
    void implicitTlsRefusesACertificateTheJvmDoesNotTrust() {
        SmtpSettings settings = implicitTlsGreenMail().retries(1, Duration.ZERO).build();

        MailNotSentException refused = assertThrows(MailNotSentException.class,
                () -> new SmtpMailSender(settings, CLOCK).send(MAIL));

        assertTrue(refused.getMessage().contains("SSLHandshakeException"), refused.getMessage());
        assertEquals(0, GREEN_MAIL.getReceivedMessages().length);
    }

    @Test
    void startTlsUpgradesBeforeTheLoginAndDelivers() throws Exception {
        try (StartTlsFront front = StartTlsFront.before("127.0.0.1", GREEN_MAIL.getSmtp().getPort())) {
            SmtpSettings settings = plainGreenMail().port(front.port()).credentials("alerts", PASSWORD).build();

            SmtpMailSender.trustingAnyCertificate(settings, CLOCK).send(MAIL);

            assertEquals(MAIL.subject(), onlyMessage(2).getSubject());
            assertEquals(1, front.upgrades());
            assertEquals(2, front.plainText().size(), "only EHLO and STARTTLS in clear: " + front.plainText());
            assertTrue(front.plainText().get(0).startsWith("EHLO "));
            assertEquals("STARTTLS", front.plainText().get(1));
        }
    }

    @Test
    void withCredentialsAServerWithoutStartTlsNeverSeesTheLogin() throws Exception {
        try (RawSmtpServer server = RawSmtpServer.start(RawSmtpServer.Behaviour.PLAIN_TEXT_LOGIN)) {
            SmtpSettings settings = SmtpSettings.builder().host("127.0.0.1").port(server.port())
                    .from("telemetry@example.org").recipients("ops@example.org")
                    .credentials("alerts", PASSWORD)
                    .retries(2, Duration.ofMillis(10)).build();

            MailNotSentException refused = assertThrows(MailNotSentException.class,
                    () -> new SmtpMailSender(settings, CLOCK).send(MAIL));

            assertTrue(refused.getMessage().contains("STARTTLS"), refused.getMessage());
            assertEquals(2, server.connections());
            assertTrue(server.received().stream().anyMatch(line -> line.startsWith("EHLO")), "" + server.received());
            assertTrue(server.received().stream().noneMatch(line -> line.toUpperCase().startsWith("AUTH")
                    || line.toUpperCase().startsWith("MAIL")), "" + server.received());
        }
    }

    @Test
    void aWrongPasswordIsNotRetriedAndNotShown() {
        SmtpSettings settings = implicitTlsGreenMail().credentials("alerts", "wrong-" + PASSWORD)
                .retries(3, NEVER_WAITED_OUT).build();
        SmtpMailSender sender = SmtpMailSender.trustingAnyCertificate(settings, CLOCK);

        MailNotSentException refused = assertTimeoutPreemptively(DEADLINE,
                () -> assertThrows(MailNotSentException.class, () -> sender.send(MAIL)));

        assertInstanceOf(AuthenticationFailedException.class, refused.getCause());
        assertTrue(refused.getMessage().contains("not retried"), refused.getMessage());
        assertTrue(refused.getMessage().contains("127.0.0.1:" + GREEN_MAIL.getSmtps().getPort()),
                refused.getMessage());
        assertFalse(refused.getMessage().contains(PASSWORD), refused.getMessage());
        assertEquals(0, GREEN_MAIL.getReceivedMessages().length);
    }

    @Test
    void aClosedPortIsTriedTheConfiguredNumberOfTimesThenReported() throws Exception {
        int closedPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        SmtpSettings settings = SmtpSettings.builder().host("127.0.0.1").port(closedPort)
                .from("telemetry@example.org").recipients("ops@example.org")
                .credentials("alerts", PASSWORD).retries(3, Duration.ofMillis(5)).build();

        MailNotSentException failed = assertTimeoutPreemptively(DEADLINE,
                () -> assertThrows(MailNotSentException.class, () -> new SmtpMailSender(settings, CLOCK).send(MAIL)));

        assertTrue(failed.getMessage().startsWith("mail not sent via 127.0.0.1:" + closedPort + " after 3 attempts: "),
                failed.getMessage());
        assertTrue(failed.getMessage().contains("onnect"), failed.getMessage());
        assertFalse(failed.getMessage().contains(PASSWORD), failed.getMessage());
    }

    @Test
    void aServerThatHangsUpIsTriedExactlyTheConfiguredNumberOfTimes() throws Exception {
        try (RawSmtpServer server = RawSmtpServer.start(RawSmtpServer.Behaviour.HANG_UP)) {
            SmtpSettings settings = SmtpSettings.builder().host("127.0.0.1").port(server.port())
                    .from("telemetry@example.org").recipients("ops@example.org")
                    .retries(4, Duration.ofMillis(5)).build();

            assertThrows(MailNotSentException.class, () -> new SmtpMailSender(settings, CLOCK).send(MAIL));

            assertEquals(4, server.connections());
        }
    }

    @Test
    void aServerThatNeverSpeaksIsGivenUpOnWithinTheTimeouts() throws Exception {
        try (RawSmtpServer server = RawSmtpServer.start(RawSmtpServer.Behaviour.SILENT)) {
            SmtpSettings settings = SmtpSettings.builder().host("127.0.0.1").port(server.port())
                    .from("telemetry@example.org").recipients("ops@example.org")
                    .timeouts(Duration.ofMillis(500)).retries(2, Duration.ofMillis(5)).build();

            MailNotSentException failed = assertTimeoutPreemptively(DEADLINE,
                    () -> assertThrows(MailNotSentException.class,
                            () -> new SmtpMailSender(settings, CLOCK).send(MAIL)));

            assertTrue(failed.getMessage().contains("after 2 attempts"), failed.getMessage());
            assertEquals(2, server.connections());
        }
    }

    private static MimeMessage onlyMessage(int mailboxes) throws Exception {
        assertTrue(GREEN_MAIL.waitForIncomingEmail(15_000, mailboxes), "no mail arrived");
        MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
        assertEquals(mailboxes, received.length, "one copy per recipient's mailbox");
        for (MimeMessage copy : received) {
            assertEquals(received[0].getMessageID(), copy.getMessageID(), "all copies are the same mail");
        }
        return received[0];
    }

    private static void assertPart(Part part, String mimeType, String content) throws Exception {
        assertTrue(part.isMimeType(mimeType), part.getContentType());
        assertTrue(part.getContentType().toLowerCase().contains("charset=utf-8"), part.getContentType());
        // SMTP carries lines ending in CRLF
        assertEquals(content, ((String) part.getContent()).replace("\r\n", "\n"));
    }

}
