package org.helperscripts.telemetry.pocketbase;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to reach and use one PocketBase: where it is ({@code PB_URL}), which account logs in
 * ({@code PB_AUTH_COLLECTION}, {@code PB_IDENTITY}, {@code PB_PASSWORD}), the collection that holds
 * the run records ({@code PB_TARGET_COLLECTION}), how long one request may take
 * ({@code UPSTREAM_TIMEOUT_MS}) and how often a failed request is tried again.
 *
 * <p>The password never appears in {@link #toString()}, in logs or in exception messages.
 *
 * @param baseUrl          the server, e.g. {@code http://pocketbase:8090}; a trailing slash is dropped
 * @param authCollection   {@code _superusers}, or an ordinary auth collection such as {@code users}
 * @param identity         the account's identity (usually its e-mail address)
 * @param password         the account's password
 * @param targetCollection the collection of run records
 * @param upstreamTimeout  connect and answer timeout of one HTTP request
 * @param attempts         tries per request (1 = no retry) on connection errors, 429 and 5xx
 * @param backoffBase      the first retry waits up to this long, each further one up to twice as long
 *                         (full jitter), never more than {@link #MAX_BACKOFF}
 * @param writeLanes       writes of different runs that may run at once (writes of one run never do)
 */
public record PocketBaseSettings(URI baseUrl, String authCollection, String identity, String password,
                                 String targetCollection, Duration upstreamTimeout, int attempts,
                                 Duration backoffBase, int writeLanes) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_ATTEMPTS = 3;
    public static final Duration DEFAULT_BACKOFF = Duration.ofMillis(200);
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    public static final int DEFAULT_WRITE_LANES = 8;

    /** PocketBase collection names: letters, digits and underscores. */
    private static final Pattern COLLECTION_NAME = Pattern.compile("[A-Za-z0-9_]{1,100}");

    public PocketBaseSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        String scheme = baseUrl.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("PB_URL must be an http or https URL with a host, was " + baseUrl);
        }
        String text = baseUrl.toString();
        if (text.endsWith("/")) {
            baseUrl = URI.create(text.replaceAll("/+$", ""));
        }
        requireCollectionName("PB_AUTH_COLLECTION", authCollection);
        requireCollectionName("PB_TARGET_COLLECTION", targetCollection);
        if (identity == null || identity.isBlank()) {
            throw new IllegalArgumentException("PB_IDENTITY must not be empty");
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("PB_PASSWORD must not be empty");
        }
        Objects.requireNonNull(upstreamTimeout, "upstreamTimeout");
        if (upstreamTimeout.isNegative() || upstreamTimeout.isZero()) {
            throw new IllegalArgumentException("UPSTREAM_TIMEOUT_MS must be positive, was " + upstreamTimeout.toMillis());
        }
        if (attempts < 1 || attempts > 10) {
            throw new IllegalArgumentException("attempts must be from 1 to 10, was " + attempts);
        }
        Objects.requireNonNull(backoffBase, "backoffBase");
        if (backoffBase.isNegative()) {
            throw new IllegalArgumentException("backoff base must not be negative, was " + backoffBase);
        }
        if (writeLanes < 1 || writeLanes > 256) {
            throw new IllegalArgumentException("write lanes must be from 1 to 256, was " + writeLanes);
        }
    }

    /** Settings with the default timeout (10 s), three attempts, 200 ms backoff base and eight write lanes. */
    public static PocketBaseSettings of(URI baseUrl, String authCollection, String identity, String password,
                                        String targetCollection) {
        return new PocketBaseSettings(baseUrl, authCollection, identity, password, targetCollection,
                DEFAULT_TIMEOUT, DEFAULT_ATTEMPTS, DEFAULT_BACKOFF, DEFAULT_WRITE_LANES);
    }

    /** A copy with another timeout per request. */
    public PocketBaseSettings withUpstreamTimeout(Duration timeout) {
        return new PocketBaseSettings(baseUrl, authCollection, identity, password, targetCollection, timeout,
                attempts, backoffBase, writeLanes);
    }

    /** A copy with other retry settings. */
    public PocketBaseSettings withRetries(int newAttempts, Duration newBackoffBase) {
        return new PocketBaseSettings(baseUrl, authCollection, identity, password, targetCollection,
                upstreamTimeout, newAttempts, newBackoffBase, writeLanes);
    }

    /** Whether the account is a superuser, who may read and create collections. */
    public boolean superuserAccount() {
        return "_superusers".equals(authCollection);
    }

    /** Everything but the password. */
    @Override
    public String toString() {
        return "PocketBaseSettings[baseUrl=" + displayUrl() + ", authCollection=" + authCollection
                + ", identity=" + identity + ", password=(hidden), targetCollection=" + targetCollection
                + ", upstreamTimeout=" + upstreamTimeout.toMillis() + "ms, attempts=" + attempts
                + ", backoffBase=" + backoffBase.toMillis() + "ms, writeLanes=" + writeLanes + "]";
    }

    /** The base URL without any user information it may carry (user:password@), for logs and messages. */
    public String displayUrl() {
        return baseUrl.getScheme() + "://" + baseUrl.getHost() + (baseUrl.getPort() < 0 ? "" : ":" + baseUrl.getPort())
                + (baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath());
    }

    private static void requireCollectionName(String variable, String name) {
        if (name == null || !COLLECTION_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(variable + " must be a collection name (letters, digits, _), was "
                    + (name == null ? "empty" : "'" + name + "'"));
        }
    }
}
