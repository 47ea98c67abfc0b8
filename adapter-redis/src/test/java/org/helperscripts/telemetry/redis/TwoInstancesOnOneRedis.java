package org.helperscripts.telemetry.redis;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.clients.jedis.RedisClient;

/**
 * A real redis-server for one test class, emptied before each test, with two connections to it
 * per test, as two service instances have: register it as a static field with
 * {@code @RegisterExtension}. {@link #raw()} looks at the keys directly.
 */
final class TwoInstancesOnOneRedis
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private RedisServerProcess server;
    private RedisClient raw;
    private RedisConnection first;
    private RedisConnection second;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = RedisServerProcess.start();
        raw = RedisClient.create("127.0.0.1", server.port());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        raw.flushAll();
        first = RedisConnection.open(RedisSettings.parse(server.url()));
        second = RedisConnection.open(RedisSettings.parse(server.url()));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        first.close();
        second.close();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        raw.close();
        server.close();
    }

    /** The first instance's connection, fresh for each test. */
    RedisConnection first() {
        return first;
    }

    /** The second instance's connection, fresh for each test. */
    RedisConnection second() {
        return second;
    }

    /** A plain client of the same server, to look at keys as an operator would. */
    RedisClient raw() {
        return raw;
    }
}
