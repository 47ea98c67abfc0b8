package org.helperscripts.telemetry.smtp;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * Which SMTP server sends the service's mails, as whom, to whom, and how patiently. Fed from the
 * environment:
 *
 * <ul>
 *   <li>{@code SMTP_HOST}, {@code SMTP_PORT}: the server; without a port, 465 with implicit TLS
 *       and 587 otherwise.</li>
 *   <li>{@code SMTP_USER}, {@code SMTP_PASSWORD}: optional; both or neither. With them the
 *       sender logs in.</li>
 *   <li>{@code SMTP_FROM}: the sender address; {@code SMTP_TO}: comma-separated recipients, all
 *       of them in To.</li>
 *   <li>{@code SMTP_USE_TLS}: {@code true} means implicit TLS (SMTPS, usually port 465).
 *       Otherwise the connection starts in plain text and is upgraded with STARTTLS when the
 *       server offers it; with credentials the upgrade is required, so that a password never
 *       travels in clear (the mail is not sent instead).</li>
 * </ul>
 *
 * <p>The server's certificate is checked against the JVM's default trust store, and its name
 * against {@code SMTP_HOST}. Each connect, read and write waits at most its timeout (10 s by
 * default). A failed send is tried {@code attempts} times in all (3 by default); the first retry
 * waits about {@code firstBackoff} (2 s by default), each further one twice as long, with jitter.
 *
 * <p>{@link #toString()} never shows the password.
 *
 * @param host           the server's host name
 * @param port           the server's port
 * @param user           the login, or {@code null} to send without logging in
 * @param password       the login's password; {@code null} exactly when {@code user} is
 * @param from           the sender address
 * @param recipients     at least one recipient address
 * @param tlsMode        implicit TLS or STARTTLS
 * @param connectTimeout the longest wait for the connection
 * @param readTimeout    the longest wait for one answer of the server
 * @param writeTimeout   the longest wait for one write to the server
 * @param attempts       tries per mail, 1 (no retry) to {@value #MAX_ATTEMPTS}
 * @param firstBackoff   the wait before the first retry, before jitter
 */
public record SmtpSettings(String host, int port, String user, String password, String from,
                           List<String> recipients, TlsMode tlsMode, Duration connectTimeout,
                           Duration readTimeout, Duration writeTimeout, int attempts, Duration firstBackoff) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_ATTEMPTS = 3;
    public static final Duration DEFAULT_FIRST_BACKOFF = Duration.ofSeconds(2);
    public static final int MAX_ATTEMPTS = 10;

    public SmtpSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("SMTP_HOST must not be empty");
        }
        host = host.trim();
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("SMTP_PORT must be from 1 to 65535, was " + port);
        }
        if (user != null && user.isBlank()) {
            user = null;
        }
        if (password != null && password.isEmpty()) {
            password = null;
        }
        if (user != null && password == null) {
            throw new IllegalArgumentException("SMTP_PASSWORD must be set when SMTP_USER is");
        }
        if (user == null && password != null) {
            throw new IllegalArgumentException("SMTP_USER must be set when SMTP_PASSWORD is");
        }
        requireAddress("SMTP_FROM", from);
        Objects.requireNonNull(recipients, "recipients");
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("SMTP_TO must name at least one recipient");
        }
        recipients.forEach(recipient -> requireAddress("SMTP_TO", recipient));
        Objects.requireNonNull(tlsMode, "tlsMode");
        requirePositive("connect timeout", connectTimeout);
        requirePositive("read timeout", readTimeout);
        requirePositive("write timeout", writeTimeout);
        if (attempts < 1 || attempts > MAX_ATTEMPTS) {
            throw new IllegalArgumentException("attempts must be from 1 to " + MAX_ATTEMPTS + ", was " + attempts);
        }
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        if (firstBackoff.isNegative()) {
            throw new IllegalArgumentException("first backoff must not be negative, was " + firstBackoff);
        }
    }

    /** Settings start with STARTTLS, 10 s timeouts, 3 attempts and a 2 s first backoff. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether the sender logs in. */
    public boolean hasCredentials() {
        return user != null;
    }

    /** {@code host:port}, for messages and logs. */
    public String server() {
        return host + ":" + port;
    }

    /** Everything but the password. */
    @Override
    public String toString() {
        return "SmtpSettings[server=" + server() + ", user=" + (user == null ? "(none)" : user)
                + ", password=" + (password == null ? "(none)" : "(hidden)") + ", from=" + from
                + ", recipients=" + recipients + ", tlsMode=" + tlsMode
                + ", connectTimeout=" + connectTimeout.toMillis() + "ms, readTimeout=" + readTimeout.toMillis()
                + "ms, writeTimeout=" + writeTimeout.toMillis() + "ms, attempts=" + attempts
                + ", firstBackoff=" + firstBackoff.toMillis() + "ms]";
    }

    private static void requireAddress(String variable, String address) {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException(variable + " must not be empty");
        }
        try {
            new InternetAddress(address, true);
        } catch (AddressException malformed) {
            throw new IllegalArgumentException(variable + " holds '" + address + "', which is not an e-mail address",
                    malformed);
        }
    }

    private static void requirePositive(String name, Duration timeout) {
        Objects.requireNonNull(timeout, name);
        if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be from 1 to " + Integer.MAX_VALUE
                    + " ms, was " + timeout);
        }
    }

    /** Collects the settings; {@link #build()} checks them all at once. */
    public static final class Builder {

        private String host;
        private Integer port;
        private String user;
        private String password;
        private String from;
        private List<String> recipients = List.of();
        private TlsMode tlsMode = TlsMode.STARTTLS;
        private Duration connectTimeout = DEFAULT_TIMEOUT;
        private Duration readTimeout = DEFAULT_TIMEOUT;
        private Duration writeTimeout = DEFAULT_TIMEOUT;
        private int attempts = DEFAULT_ATTEMPTS;
        private Duration firstBackoff = DEFAULT_FIRST_BACKOFF;

        private Builder() {
        }

        public Builder host(String smtpHost) {
            this.host = smtpHost;
            return this;
        }

        /** Without a port the TLS mode's usual one is used. */
        public Builder port(int smtpPort) {
            this.port = smtpPort;
            return this;
        }

        /** Log in as {@code smtpUser}; a blank user and an empty password mean no login. */
        public Builder credentials(String smtpUser, String smtpPassword) {
            this.user = smtpUser;
            this.password = smtpPassword;
            return this;
        }

        public Builder from(String smtpFrom) {
            this.from = smtpFrom;
            return this;
        }

        public Builder recipients(List<String> addresses) {
            this.recipients = List.copyOf(addresses);
            return this;
        }

        /** Recipients as {@code SMTP_TO} lists them: comma-separated, blanks around and empty entries ignored. */
        public Builder recipients(String commaSeparated) {
            this.recipients = commaSeparated == null ? List.of()
                    : Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(a -> !a.isEmpty()).toList();
            return this;
        }

        public Builder tlsMode(TlsMode mode) {
            this.tlsMode = mode;
            return this;
        }

        /** The same timeout for connecting, each read and each write. */
        public Builder timeouts(Duration timeout) {
            return timeouts(timeout, timeout, timeout);
        }

        public Builder timeouts(Duration connect, Duration read, Duration write) {
            this.connectTimeout = connect;
            this.readTimeout = read;
            this.writeTimeout = write;
            return this;
        }

        /** Tries per mail in all, and the wait before the first retry (doubling after it). */
        public Builder retries(int totalAttempts, Duration backoff) {
            this.attempts = totalAttempts;
            this.firstBackoff = backoff;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the first setting that is missing or wrong
         */
        public SmtpSettings build() {
            int resolvedPort = port != null ? port : Objects.requireNonNull(tlsMode, "tlsMode").defaultPort();
            return new SmtpSettings(host, resolvedPort, user, password, from, recipients, tlsMode, connectTimeout,
                    readTimeout, writeTimeout, attempts, firstBackoff);
        }
    }
}
