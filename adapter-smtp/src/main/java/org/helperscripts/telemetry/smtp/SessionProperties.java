package org.helperscripts.telemetry.smtp;

import java.util.Properties;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * The Jakarta Mail session properties for a set of {@link SmtpSettings}. Timeouts are always set:
 * without them a server that accepts and never answers would hold the sending thread for ever.
 */
final class SessionProperties {

    private SessionProperties() {
    }

    /**
     * @param trustAnyCertificate accept any certificate under any name; only for test servers with
     *                            a self-signed certificate, never set by the service itself
     */
    static Properties of(SmtpSettings settings, boolean trustAnyCertificate) {
        String protocol = protocol(settings.tlsMode());
        String prefix = "mail." + protocol + ".";
        Properties properties = new Properties();
        properties.setProperty("mail.transport.protocol", protocol);
        properties.setProperty(prefix + "host", settings.host());
        properties.setProperty(prefix + "port", Integer.toString(settings.port()));
        properties.setProperty(prefix + "connectiontimeout", Long.toString(settings.connectTimeout().toMillis()));
        properties.setProperty(prefix + "timeout", Long.toString(settings.readTimeout().toMillis()));
        properties.setProperty(prefix + "writetimeout", Long.toString(settings.writeTimeout().toMillis()));
        properties.setProperty(prefix + "auth", Boolean.toString(settings.hasCredentials()));
        // The Message-ID's domain and the EHLO name come from the sender address, not from a
        // lookup of this machine's name: that lookup can hang, and the name says where we run.
        properties.setProperty("mail.from", settings.from());
        properties.setProperty(prefix + "localhost", domainOf(settings.from()));
        if (settings.tlsMode() == TlsMode.STARTTLS) {
            properties.setProperty(prefix + "starttls.enable", "true");
            properties.setProperty(prefix + "starttls.required", Boolean.toString(settings.hasCredentials()));
        }
        if (trustAnyCertificate) {
            properties.setProperty(prefix + "ssl.trust", "*");
            properties.setProperty(prefix + "ssl.checkserveridentity", "false");
        } else {
            properties.setProperty(prefix + "ssl.checkserveridentity", "true");
        }
        return properties;
    }

    static String protocol(TlsMode mode) {
        return mode == TlsMode.IMPLICIT ? "smtps" : "smtp";
    }

    private static String domainOf(String from) {
        try {
            String address = new InternetAddress(from, true).getAddress();
            return address.substring(address.lastIndexOf('@') + 1);
        } catch (AddressException checkedBySettings) {
            throw new IllegalStateException("sender address passed the settings' check", checkedBySettings);
        }
    }
}
