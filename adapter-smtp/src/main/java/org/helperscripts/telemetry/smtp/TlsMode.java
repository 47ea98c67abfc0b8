package org.helperscripts.telemetry.smtp;

/**
 * How the connection to the SMTP server is encrypted. Either way the server's certificate is
 * checked against the JVM's default trust store and its name against the host name.
 */
public enum TlsMode {

    /** TLS from the first byte (SMTPS), {@code SMTP_USE_TLS=true}; usually port 465. */
    IMPLICIT(465),

    /**
     * Plain connection upgraded with STARTTLS when the server offers it, usually port 587. With
     * credentials the upgrade is required: the mail is not sent rather than the password in clear.
     */
    STARTTLS(587);

    private final int defaultPort;

    TlsMode(int defaultPort) {
        this.defaultPort = defaultPort;
    }

    /** The port a server usually listens on in this mode. */
    public int defaultPort() {
        return defaultPort;
    }

    /** The mode {@code SMTP_USE_TLS} selects: true means implicit TLS, anything else STARTTLS. */
    public static TlsMode fromUseTls(boolean useTls) {
        return useTls ? IMPLICIT : STARTTLS;
    }
}
