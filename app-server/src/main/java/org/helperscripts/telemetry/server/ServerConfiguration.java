package org.helperscripts.telemetry.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.helperscripts.telemetry.http.RateLimits;
import org.helperscripts.telemetry.http.TrustedProxies;
import org.helperscripts.telemetry.redis.RedisSettings;

/** Every setting of the server, read and checked once at start; {@code redis} is null without ENABLE_REDIS. */
record ServerConfiguration(ListenAddress listen, int maxBodyBytes, boolean requestLogging, Path dataDir,
                           int errorMaxLength, TrustedProxies trustedProxies, RateLimits rateLimits,
                           boolean cacheEnabled, Duration cacheTtl, RedisSettings redis) {

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
                env.flag(Setting.ENABLE_CACHE),
                Duration.ofSeconds(env.wholeNumber(Setting.CACHE_TTL_SECONDS, 1, 86_400)),
                env.flag(Setting.ENABLE_REDIS) ? redis(env) : null);
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
