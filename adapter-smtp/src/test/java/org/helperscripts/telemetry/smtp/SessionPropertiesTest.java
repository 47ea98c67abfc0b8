package org.helperscripts.telemetry.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class SessionPropertiesTest {

    private static SmtpSettings.Builder settings() {
        return SmtpSettings.builder().host("mail.example.org").from("Telemetry <telemetry@alerts.example.org>")
                .recipients("ops@example.org").timeouts(Duration.ofMillis(1_500), Duration.ofMillis(2_500),
                        Duration.ofMillis(3_500));
    }

    @Test
    void everyTimeoutIsSetForTheProtocolInUse() {
        Properties smtp = SessionProperties.of(settings().build(), false);
        Properties smtps = SessionProperties.of(settings().tlsMode(TlsMode.IMPLICIT).build(), false);

        for (var entry : new Object[][] {{smtp, "smtp"}, {smtps, "smtps"}}) {
            Properties properties = (Properties) entry[0];
            String prefix = "mail." + entry[1] + ".";
            assertEquals(entry[1], properties.getProperty("mail.transport.protocol"));
            assertEquals("1500", properties.getProperty(prefix + "connectiontimeout"));
            assertEquals("2500", properties.getProperty(prefix + "timeout"));
            assertEquals("3500", properties.getProperty(prefix + "writetimeout"));
            assertEquals("true", properties.getProperty(prefix + "ssl.checkserveridentity"));
            assertNull(properties.getProperty(prefix + "ssl.trust"));
        }
    }

    @Test
    void startTlsIsRequiredExactlyWhenThereAreCredentials() {
        Properties anonymous = SessionProperties.of(settings().build(), false);
        Properties withLogin = SessionProperties.of(settings().credentials("alerts", "secret").build(), false);

        assertEquals("true", anonymous.getProperty("mail.smtp.starttls.enable"));
        assertEquals("false", anonymous.getProperty("mail.smtp.starttls.required"));
        assertEquals("false", anonymous.getProperty("mail.smtp.auth"));
        assertEquals("true", withLogin.getProperty("mail.smtp.starttls.required"));
        assertEquals("true", withLogin.getProperty("mail.smtp.auth"));
    }

    @Test
    void thePasswordIsNeverASessionProperty() {
        Properties properties = SessionProperties.of(settings().credentials("alerts", "pa55-w0rd-xyz").build(), false);

        assertFalse(properties.values().stream().anyMatch(value -> value.toString().contains("pa55-w0rd-xyz")));
    }

    @Test
    void theEhloNameIsTheSendersDomainNotThisMachinesName() {
        Properties properties = SessionProperties.of(settings().build(), false);

        assertEquals("alerts.example.org", properties.getProperty("mail.smtp.localhost"));
        assertEquals("Telemetry <telemetry@alerts.example.org>", properties.getProperty("mail.from"));
    }

    @Test
    void trustingAnyCertificateIsOnlyWhatTestsAskFor() {
        Properties properties = SessionProperties.of(settings().tlsMode(TlsMode.IMPLICIT).build(), true);

        assertEquals("*", properties.getProperty("mail.smtps.ssl.trust"));
        assertEquals("false", properties.getProperty("mail.smtps.ssl.checkserveridentity"));
    }
}
