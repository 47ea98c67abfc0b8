package org.helperscripts.telemetry.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.SslVerifyMode;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A pool of connections to one Redis, shared by the Redis caches and the job lock of one service
 * instance. It never fails because Redis is away: it remembers that Redis did not answer, logs it
 * once, asks again only after a wait that grows with each failure, and logs once when Redis answers
 * again (see {@link RedisSettings#retryAfter()}).
 *
 * <p>Close it when the service stops.
 */
public final class RedisConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisConnection.class);
    private static final int MAX_CONNECTIONS = 8;

    private final RedisSettings settings;
    private final UnifiedJedis client;
    private final Reachability reachability;

    private RedisConnection(RedisSettings settings, UnifiedJedis client, Reachability reachability) {
        this.settings = settings;
        this.client = client;
        this.reachability = reachability;
    }

    /** Opens the pool on the system clock; see {@link #open(RedisSettings, Clock)}. */
    public static RedisConnection open(RedisSettings settings) {
        return open(settings, Clock.systemUTC());
    }

    /**
     * Opens the pool and asks Redis once whether it answers, so an unreachable Redis is logged at
     * start. Succeeds whether Redis answers or not.
     *
     * @param clock decides when Redis is asked again after it did not answer
     */
    public static RedisConnection open(RedisSettings settings, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(millis(settings.connectTimeout()))
                .socketTimeoutMillis(millis(settings.readTimeout()))
                .database(settings.database())
                .clientName("telemetry");
        if (settings.tls()) {
            // the JDK's trusted certificates, and the host name must match the certificate
            config.sslOptions(SslOptions.builder().sslVerifyMode(SslVerifyMode.FULL).build());
        }
        if (settings.user() != null) {
            config.user(settings.user());
        }
        if (settings.password() != null) {
            config.password(settings.password());
        }
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(MAX_CONNECTIONS);
        pool.setMinIdle(0);
        // a connection from before a Redis restart is found broken and replaced before it is used
        pool.setTestOnBorrow(true);
        pool.setMaxWait(settings.connectTimeout().plus(settings.readTimeout()));
        UnifiedJedis client = RedisClient.builder()
                .hostAndPort(settings.host(), settings.port())
                .clientConfig(config.build())
                .poolConfig(pool)
                .build();
        Reachability reachability = new Reachability(settings.address(), settings.password(), clock,
                settings.retryAfter(), settings.maxRetryAfter());
        RedisConnection connection = new RedisConnection(settings, client, reachability);
        try {
            connection.call(UnifiedJedis::ping);
            LOG.info("Redis at {} answers", settings.address());
        } catch (RedisUnreachableException e) {
            // logged once by Reachability; the service starts anyway and asks again later
        }
        return connection;
    }

    /** Where Redis is, without credentials. */
    public String address() {
        return settings.address();
    }

    /**
     * Runs one command, unless Redis is being left alone after a failure.
     *
     * @throws RedisUnreachableException when Redis failed now, or is being left alone
     */
    <R> R call(Function<UnifiedJedis, R> command) {
        if (!reachability.mayTry()) {
            throw new RedisUnreachableException(reachability.problem().orElse("unreachable"));
        }
        R result;
        try {
            result = command.apply(client);
        } catch (JedisException e) {
            throw new RedisUnreachableException(reachability.failed(e));
        }
        reachability.answered();
        return result;
    }

    /**
     * The problem while Redis is unreachable, empty while it answers. When the wait after the last
     * failure is over, Redis is asked first, so a recovered Redis shows as answering.
     */
    Optional<String> problemNow() {
        if (reachability.problem().isPresent()) {
            try {
                call(UnifiedJedis::ping);
            } catch (RedisUnreachableException e) {
                // the problem stays
            }
        }
        return reachability.problem();
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "RedisConnection[" + settings.address() + "]";
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }
}
