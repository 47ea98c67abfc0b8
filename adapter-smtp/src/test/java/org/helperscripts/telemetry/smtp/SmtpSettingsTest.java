package org.helperscripts.telemetry.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SmtpSettingsTest {

    private static SmtpSettings.Builder minimal() {
        return SmtpSettings.builder().host("mail.example.org").from("telemetry@example.org").recipients("ops@example.org");
    }

    @Test
    void defaultsAreStartTlsTenSecondTimeoutsThreeAttemptsAndTwoSecondsFirstBackoff() {
        SmtpSettings settings = minimal().build();

        assertEquals(TlsMode.STARTTLS, settings.tlsMode());
        assertEquals(587, settings.port());
        assertEquals(Duration.ofSeconds(10), settings.connectTimeout());
        assertEquals(Duration.ofSeconds(10), settings.readTimeout());
        assertEquals(Duration.ofSeconds(10), settings.writeTimeout());
        assertEquals(3, settings.attempts());
        assertEquals(Duration.ofSeconds(2), settings.firstBackoff());
        assertFalse(settings.hasCredentials());
    }

    @Test
    void implicitTlsUsesPort465UnlessAPortIsGiven() {
        assertEquals(465, minimal().tlsMode(TlsMode.fromUseTls(true)).build().port());
        assertEquals(2465, minimal().tlsMode(TlsMode.IMPLICIT).port(2465).build().port());
        assertEquals(TlsMode.STARTTLS, TlsMode.fromUseTls(false));
    }

    @Test
    void recipientsComeFromACommaSeparatedList() {
        SmtpSettings settings = minimal().recipients(" ops@example.org,, Dev Team <dev@example.net> ,").build();

        assertEquals(List.of("ops@example.org", "Dev Team <dev@example.net>"), settings.recipients());
    }

    @Test
    void toStringNamesTheServerAndUserButNeverThePassword() {
        SmtpSettings settings = minimal().credentials("alerts", "pa55-w0rd-xyz").build();

        String text = settings.toString();

        assertFalse(text.contains("pa55-w0rd-xyz"), text);
        assertTrue(text.contains("password=(hidden)"), text);
        assertTrue(text.contains("mail.example.org:587"), text);
        assertTrue(text.contains("user=alerts"), text);
    }

    @Test
    void aBlankUserAndAnEmptyPasswordMeanNoLogin() {
        SmtpSettings settings = minimal().credentials("  ", "").build();

        assertFalse(settings.hasCredentials());
        assertNull(settings.user());
        assertNull(settings.password());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no host              | SMTP_HOST must not be empty
            port zero            | SMTP_PORT must be from 1 to 65535
            user only            | SMTP_PASSWORD must be set when SMTP_USER is
            password only        | SMTP_USER must be set when SMTP_PASSWORD is
            no sender            | SMTP_FROM must not be empty
            malformed sender     | SMTP_FROM holds 'telemetry@', which is not an e-mail address
            no recipient         | SMTP_TO must name at least one recipient
            malformed recipient  | SMTP_TO holds 'ops at example.org', which is not an e-mail address
            no attempt           | attempts must be from 1 to 10
            zero timeout         | connect timeout must be from 1 to
            """)
    void aWrongSettingIsNamedInTheMessage(String wrong, String message) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> breakOne(wrong).apply(minimal()).build());

        assertTrue(refused.getMessage().startsWith(message), refused.getMessage());
    }

    private static UnaryOperator<SmtpSettings.Builder> breakOne(String wrong) {
        return switch (wrong) {
            case "no host" -> b -> b.host(" ");
            case "port zero" -> b -> b.port(0);
            case "user only" -> b -> b.credentials("alerts", null);
            case "password only" -> b -> b.credentials(null, "secret");
            case "no sender" -> b -> b.from("");
            case "malformed sender" -> b -> b.from("telemetry@");
            case "no recipient" -> b -> b.recipients(" , ");
            case "malformed recipient" -> b -> b.recipients("ops@example.org, ops at example.org");
            case "no attempt" -> b -> b.retries(0, Duration.ofSeconds(1));
            case "zero timeout" -> b -> b.timeouts(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1));
            default -> throw new IllegalArgumentException(wrong);
        };
    }
}
