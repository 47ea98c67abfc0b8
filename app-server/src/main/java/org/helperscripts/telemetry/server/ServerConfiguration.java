package org.helperscripts.telemetry.server;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.helperscripts.telemetry.http.AdminAccess;
import org.helperscripts.telemetry.http.RateLimits;
import org.helperscripts.telemetry.http.TrustedProxies;
import org.helperscripts.telemetry.pocketbase.PocketBaseSettings;
import org.helperscripts.telemetry.redis.RedisSettings;

/**
 * Every setting of the server, read and checked once at start.
 *
 * @param pocketBase      where to store when PB_URL is set; empty for the embedded store
 * @param spoolMaxReports the most reports the spool in front of PocketBase holds
 * @param redis           the shared cache and job locks; null without ENABLE_REDIS
 * @param alerts          alert and weekly report settings; null without ALERT_ENABLED
 * @param jobs            the clean-up jobs' settings
 * @param admin           who may use the admin endpoints (ADMIN_TOKEN; off without it)
 */
record ServerConfiguration(ListenAddress listen, int maxBodyBytes, boolean requestLogging, Path dataDir,
                           int errorMaxLength, TrustedProxies trustedProxies, RateLimits rateLimits,
                           Optional<PocketBaseSettings> pocketBase, int spoolMaxReports,
                           boolean cacheEnabled, Duration cacheTtl, RedisSettings redis,
                           AlertConfiguration alerts, JobSettings jobs, AdminAccess admin) {

    static final int MAX_SPOOL_REPORTS = 100_000_000;

    static ServerConfiguration read(Map<String, String> variables) {
        Environment env = new Environment(variables);
        return new ServerConfiguration(
                env.listenAddress(Setting.LISTEN_ADDR),
                env.wholeNumber(Setting.MAX_BODY_BYTES, 1_024, 1_048_576),
                env.flag(Setting.ENABLE_REQUEST_LOGGING),
                env.directory(Setting.DATA_DIR),
                env.wholeNumber(Setting.ERROR_MAX_LENGTH, 1, 1_024),
                env.trustedProxies(Setting.TRUSTED_PROXIES_CIDR),
                rateLimits(env),
                pocketBase(env),
                env.wholeNumber(Setting.SPOOL_MAX_REPORTS, 1, MAX_SPOOL_REPORTS),
                env.flag(Setting.ENABLE_CACHE),
                Duration.ofSeconds(env.wholeNumber(Setting.CACHE_TTL_SECONDS, 1, 86_400)),
                env.flag(Setting.ENABLE_REDIS) ? redis(env) : null,
                AlertConfiguration.read(env),
                JobSettings.read(env),
                env.isSet(Setting.ADMIN_TOKEN) ? AdminAccess.withToken(env.text(Setting.ADMIN_TOKEN)) : AdminAccess.off());
    }

    /** Whether dashboards and job locks go through Redis ({@link #redis} is then set). */
    boolean redisEnabled() {
        return redis != null;
    }

    private static RedisSettings redis(Environment env) {
        try {
            return RedisSettings.parse(env.text(Setting.REDIS_URL));
        } catch (IllegalArgumentException bad) {
            // RedisSettings names REDIS_URL and never repeats the password
            throw new ConfigurationException(bad.getMessage());
        }
    }

    /**
     * The PocketBase settings when PB_URL is set. Messages never repeat the URL, which may carry a
     * user and password, nor the password.
     */
    private static Optional<PocketBaseSettings> pocketBase(Environment env) {
        int timeoutMillis = env.wholeNumber(Setting.UPSTREAM_TIMEOUT_MS, 100, 300_000);
        if (!env.isSet(Setting.PB_URL)) {
            return Optional.empty();
        }
        URI url = pocketBaseUrl(env.text(Setting.PB_URL));
        for (Setting required : List.of(Setting.PB_IDENTITY, Setting.PB_PASSWORD)) {
            if (!env.isSet(required)) {
                throw new ConfigurationException(required.name() + " must be set when PB_URL is (or "
                        + required.name() + "_FILE naming a file that holds it)");
            }
        }
        try {
            return Optional.of(new PocketBaseSettings(url, env.text(Setting.PB_AUTH_COLLECTION),
                    env.text(Setting.PB_IDENTITY), env.text(Setting.PB_PASSWORD), env.text(Setting.PB_TARGET_COLLECTION),
                    Duration.ofMillis(timeoutMillis), PocketBaseSettings.DEFAULT_ATTEMPTS,
                    PocketBaseSettings.DEFAULT_BACKOFF, PocketBaseSettings.DEFAULT_WRITE_LANES));
        } catch (IllegalArgumentException bad) {
            // each message names its variable and shows no password
            throw new ConfigurationException(bad.getMessage());
        }
    }

    private static URI pocketBaseUrl(String text) {
        String problem = Setting.PB_URL.name() + " must be an http or https URL with a host, like"
                + " http://pocketbase:8090";
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException notAUrl) {
            throw new ConfigurationException(problem);
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new ConfigurationException(problem);
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new ConfigurationException(Setting.PB_URL.name() + " must not have a query or fragment");
        }
        return url;
    }

    private static RateLimits rateLimits(Environment env) {
        int perMinute = env.wholeNumber(Setting.RATE_LIMIT_RPM, 0, RateLimits.MAX_REQUESTS_PER_MINUTE);
        int burst = env.wholeNumber(Setting.RATE_BURST, 1, RateLimits.MAX_REQUESTS_PER_MINUTE);
        if (perMinute > 0 && burst > perMinute && !env.isSet(Setting.RATE_BURST)) {
            // a lower RATE_LIMIT_RPM alone lowers the default burst with it instead of failing the start
            burst = perMinute;
        }
        if (perMinute > 0 && burst > perMinute) {
            throw new ConfigurationException(Setting.RATE_BURST.name() + " must be at most RATE_LIMIT_RPM ("
                    + perMinute + "), got '" + burst + "'");
        }
        String mode = env.choice(Setting.RATE_KEY_MODE, List.of("ip", "header"));
        String header = env.headerName(Setting.RATE_KEY_HEADER);
        if (RateLimits.isForwardingHeader(header)) {
            throw new ConfigurationException(Setting.RATE_KEY_HEADER.name() + " must not be " + header + ": a client"
                    + " adds to it and would get a new key with every request; RATE_KEY_MODE=ip reads it safely");
        }
        return new RateLimits(perMinute, burst,
                mode.equals("header") ? RateLimits.KeyMode.HEADER : RateLimits.KeyMode.IP, header);
    }
}
