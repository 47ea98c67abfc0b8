package org.helperscripts.telemetry.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedisSettingsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // url                                  | tls   | host          | port | user  | password   | db
            "redis://localhost                      | false | localhost     | 6379 | -     | -          | 0",
            "redis://redis:6380                     | false | redis         | 6380 | -     | -          | 0",
            "redis://redis:6379/3                   | false | redis         | 6379 | -     | -          | 3",
            "redis://redis/0                        | false | redis         | 6379 | -     | -          | 0",
            "redis://redis:6379/                    | false | redis         | 6379 | -     | -          | 0",
            "rediss://cache.example.org:6380/1      | true  | cache.example.org | 6380 | - | -         | 1",
            "REDISS://cache.example.org             | true  | cache.example.org | 6379 | - | -         | 0",
            "redis://:s3cret@redis:6379             | false | redis         | 6379 | -     | s3cret     | 0",
            "redis://alice:s3cret@redis:6379/2      | false | redis         | 6379 | alice | s3cret     | 2",
            "redis://alice:p%40ss%2Fw%3Ard+x@redis  | false | redis         | 6379 | alice | p@ss/w:rd+x | 0",
            "redis://alice:p@ss/word@redis:6379     | false | redis         | 6379 | alice | p@ss/word  | 0",
            "redis://alice:@redis                   | false | redis         | 6379 | alice | -          | 0",
            "redis://[::1]:6390/4                   | false | ::1           | 6390 | -     | -          | 4",
            "redis://[fd00::7]                      | false | fd00::7       | 6379 | -     | -          | 0",
            "redis://10.0.0.5:6379                  | false | 10.0.0.5      | 6379 | -     | -          | 0",
            "redis://redis_cache:6379               | false | redis_cache   | 6379 | -     | -          | 0",
            " redis://redis:6379                    | false | redis         | 6379 | -     | -          | 0",
    })
    void parsesGoodUrls(String url, boolean tls, String host, int port, String user, String password, int db) {
        RedisSettings settings = RedisSettings.parse(url);

        assertEquals(tls, settings.tls());
        assertEquals(host, settings.host());
        assertEquals(port, settings.port());
        assertEquals(user, settings.user());
        assertEquals(password, settings.password());
        assertEquals(db, settings.database());
        assertEquals(Duration.ofSeconds(2), settings.connectTimeout());
        assertEquals(Duration.ofSeconds(2), settings.readTimeout());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "http://redis:6379                 | must start with redis:// or rediss://",
            "redis:6379                        | must start with redis:// or rediss://",
            "unix:///var/run/redis.sock        | must start with redis:// or rediss://",
            "redis://                          | must name a host",
            "redis://:6379                     | must name a host",
            "redis://:s3cret@/0                | must name a host",
            "redis://redis:0                   | port must be from 1 to 65535",
            "redis://redis:65536               | port must be from 1 to 65535",
            "redis://redis:port                | port must be from 1 to 65535",
            "redis://redis:                    | port must be from 1 to 65535",
            "redis://redis:-1                  | port must be from 1 to 65535",
            "redis://redis:6379/x              | database must be a number",
            "redis://redis:6379/-1             | database must be a number",
            "redis://redis:6379/0/1            | database must be a number",
            "redis://redis:6379/99999999999    | database must be a number",
            "redis://redis:6379?timeout=5      | takes no query",
            "redis://redis:6379/0#frag         | takes no query",
            "redis://s3cret@redis:6379         | user:password or :password",
            "redis://:s3cr%zzt@redis           | bad %-escape in its password",
            "redis://:s3cr%ff@redis            | not UTF-8",
            "redis://::1:6379                  | IPv6 address in brackets",
            "redis://[::1                      | closing ]",
            "redis://[::1]6379                 | :port after the IPv6 address",
            "redis://red is:6379               | must name a host",
    })
    void refusesBadUrlsNamingTheVariable(String url, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RedisSettings.parse(url));

        assertTrue(e.getMessage().startsWith("REDIS_URL"), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertFalse(e.getMessage().contains("s3cr"), "no password in " + e.getMessage());
    }

    @Test
    void refusesAMissingUrl() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RedisSettings.parse(" "))
                .getMessage().startsWith("REDIS_URL must be set"));
        assertThrows(IllegalArgumentException.class, () -> RedisSettings.parse(null));
    }

    @Test
    void neverPrintsThePassword() {
        RedisSettings settings = RedisSettings.parse("rediss://alice:hunter2-very-secret@cache:6380/5");

        assertEquals("RedisSettings[address=rediss://cache:6380/5, user=alice, password=(hidden), "
                + "connectTimeout=2000ms, readTimeout=2000ms, retryAfter=1000ms, maxRetryAfter=30000ms]",
                settings.toString());
        assertEquals("rediss://cache:6380/5", settings.address());
        assertFalse(settings.withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(3)).toString().contains("hunter2"));
    }

    @Test
    void addressOfAnIpv6HostKeepsItsBrackets() {
        assertEquals("redis://[::1]:6379/0", RedisSettings.parse("redis://[::1]").address());
        assertNull(RedisSettings.parse("redis://[::1]").password());
    }

    @Test
    void timeoutsAndRetryWaitsCanBeChangedButMustBePositive() {
        RedisSettings settings = RedisSettings.parse("redis://redis")
                .withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(5))
                .withRetry(Duration.ofMillis(100), Duration.ofSeconds(10));

        assertEquals(Duration.ofMillis(500), settings.connectTimeout());
        assertEquals(Duration.ofSeconds(5), settings.readTimeout());
        assertEquals(Duration.ofMillis(100), settings.retryAfter());
        assertEquals(Duration.ofSeconds(10), settings.maxRetryAfter());
        assertThrows(IllegalArgumentException.class, () -> settings.withTimeouts(Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> settings.withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> settings.withRetry(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
