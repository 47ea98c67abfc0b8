package org.helperscripts.telemetry.redis;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to reach one Redis, parsed from {@code REDIS_URL}:
 * {@code redis://[[user]:password@]host[:port][/db]}, or {@code rediss://…} for TLS. The port
 * defaults to 6379 and the database to 0; user and password may be percent-encoded.
 *
 * <p>The password never appears in {@link #toString()}, in {@link #address()} or in the messages
 * of the exceptions thrown here.
 *
 * @param tls            whether to speak TLS ({@code rediss://})
 * @param host           host name or address (an IPv6 address without brackets)
 * @param port           TCP port
 * @param user           ACL user, or null for the default user
 * @param password       password, or null when Redis asks for none
 * @param database       database index
 * @param connectTimeout longest wait for a connection
 * @param readTimeout    longest wait for an answer
 * @param retryAfter     after Redis failed, the first wait before it is tried again; each further
 *                       failure doubles the wait
 * @param maxRetryAfter  the longest wait between two tries
 */
public record RedisSettings(boolean tls, String host, int port, String user, String password, int database,
                            Duration connectTimeout, Duration readTimeout, Duration retryAfter,
                            Duration maxRetryAfter) {

    public static final int DEFAULT_PORT = 6379;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofSeconds(30);

    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");

    public RedisSettings {
        if (host == null || !(HOST_NAME.matcher(host).matches() || IPV6.matcher(host).matches() && host.contains(":"))) {
            throw new IllegalArgumentException("REDIS_URL must name a host (a name or an address)");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("REDIS_URL port must be from 1 to 65535, was " + port);
        }
        if (database < 0) {
            throw new IllegalArgumentException("REDIS_URL database must be 0 or more, was " + database);
        }
        requirePositive(connectTimeout, "Redis connect timeout");
        requirePositive(readTimeout, "Redis read timeout");
        requirePositive(retryAfter, "Redis retry wait");
        requirePositive(maxRetryAfter, "Redis longest retry wait");
        if (maxRetryAfter.compareTo(retryAfter) < 0) {
            throw new IllegalArgumentException("the longest Redis retry wait must not be shorter than the first");
        }
    }

    /**
     * Parses {@code REDIS_URL}, with the default timeouts (2 s) and retry waits (1 s, doubling up
     * to 30 s).
     *
     * @throws IllegalArgumentException naming REDIS_URL and what is wrong, never echoing a password
     */
    public static RedisSettings parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("REDIS_URL must be set, e.g. redis://redis:6379/0");
        }
        String text = url.trim();
        int schemeEnd = text.indexOf("://");
        String scheme = schemeEnd < 0 ? "" : text.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        if (!scheme.equals("redis") && !scheme.equals("rediss")) {
            throw new IllegalArgumentException("REDIS_URL must start with redis:// or rediss:// (TLS)");
        }
        String rest = text.substring(schemeEnd + 3);
        // the last @ ends the user information, so a password may hold an unescaped @ or /
        int at = rest.lastIndexOf('@');
        String userInfo = at < 0 ? null : rest.substring(0, at);
        String location = at < 0 ? rest : rest.substring(at + 1);
        if (location.contains("?") || location.contains("#")) {
            throw new IllegalArgumentException("REDIS_URL takes no query or fragment: redis://[[user]:password@]host[:port][/db]");
        }
        int slash = location.indexOf('/');
        String authority = slash < 0 ? location : location.substring(0, slash);
        String path = slash < 0 ? "" : location.substring(slash + 1);

        String user = null;
        String password = null;
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("REDIS_URL user information must be user:password or :password");
            }
            user = colon == 0 ? null : decode(userInfo.substring(0, colon), "user");
            password = decode(userInfo.substring(colon + 1), "password");
            if (password.isEmpty()) {
                password = null;
            }
        }

        String host;
        String portText = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("REDIS_URL has an IPv6 address without its closing ]");
            }
            host = authority.substring(1, close);
            String after = authority.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw new IllegalArgumentException("REDIS_URL must have :port after the IPv6 address");
                }
                portText = after.substring(1);
            }
        } else {
            int colon = authority.indexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            portText = colon < 0 ? null : authority.substring(colon + 1);
            if (host.contains(":") || portText != null && portText.contains(":")) {
                throw new IllegalArgumentException("REDIS_URL must write an IPv6 address in brackets: redis://[::1]:6379");
            }
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("REDIS_URL must name a host");
        }
        int port = portText == null ? DEFAULT_PORT : number(portText, "port must be from 1 to 65535");
        int database = path.isEmpty() ? 0 : number(path, "database must be a number from 0 up");

        return new RedisSettings(scheme.equals("rediss"), host, port, user, password, database,
                DEFAULT_TIMEOUT, DEFAULT_TIMEOUT, DEFAULT_RETRY_AFTER, DEFAULT_MAX_RETRY_AFTER);
    }

    /** A copy with other timeouts for connecting and for each answer. */
    public RedisSettings withTimeouts(Duration connect, Duration read) {
        return new RedisSettings(tls, host, port, user, password, database, connect, read, retryAfter, maxRetryAfter);
    }

    /** A copy with other waits between tries after Redis failed. */
    public RedisSettings withRetry(Duration first, Duration max) {
        return new RedisSettings(tls, host, port, user, password, database, connectTimeout, readTimeout, first, max);
    }

    /** Where Redis is, without user or password: {@code redis://host:port/db}, for logs and health. */
    public String address() {
        return (tls ? "rediss://" : "redis://") + (host.contains(":") ? "[" + host + "]" : host) + ":" + port
                + "/" + database;
    }

    /** Everything but the password. */
    @Override
    public String toString() {
        return "RedisSettings[address=" + address() + ", user=" + (user == null ? "(default)" : user)
                + ", password=" + (password == null ? "(none)" : "(hidden)")
                + ", connectTimeout=" + connectTimeout.toMillis() + "ms, readTimeout=" + readTimeout.toMillis()
                + "ms, retryAfter=" + retryAfter.toMillis() + "ms, maxRetryAfter=" + maxRetryAfter.toMillis() + "ms]";
    }

    private static int number(String text, String rule) {
        if (!DIGITS.matcher(text).matches()) {
            throw new IllegalArgumentException("REDIS_URL " + rule + ", was '" + text + "'");
        }
        return Integer.parseInt(text);
    }

    /** Percent-decoding for user information (unlike URLDecoder, a + stays a +). */
    private static String decode(String text, String part) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '%') {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            if (i + 2 >= text.length() || Character.digit(text.charAt(i + 1), 16) < 0
                    || Character.digit(text.charAt(i + 2), 16) < 0) {
                throw new IllegalArgumentException("REDIS_URL has a bad %-escape in its " + part);
            }
            bytes.write(Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16));
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("REDIS_URL has %-escapes in its " + part + " that are not UTF-8");
        }
    }

    private static void requirePositive(Duration duration, String what) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + duration.toMillis() + " ms");
        }
    }
}
