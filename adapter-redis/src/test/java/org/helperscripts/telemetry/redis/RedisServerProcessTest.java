package org.helperscripts.telemetry.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisConnectionException;

class RedisServerProcessTest {

    @Test
    void startsStopsAndStartsAgainOnTheSamePort() {
        try (RedisServerProcess server = RedisServerProcess.start()) {
            int port = server.port();
            try (RedisClient client = RedisClient.create("127.0.0.1", port)) {
                client.set("k", "v");
                assertEquals("PONG", client.ping());
            }

            server.stop();
            assertFalse(server.running());
            try (RedisClient client = RedisClient.create("127.0.0.1", port)) {
                assertThrows(JedisConnectionException.class, client::ping);
            }

            server.restart();
            assertTrue(server.running());
            assertEquals(port, server.port());
            assertEquals("redis://127.0.0.1:" + port, server.url());
            try (RedisClient client = RedisClient.create("127.0.0.1", port)) {
                assertFalse(client.exists("k"), "a restarted server starts empty: nothing is saved");
            }
        }
    }
}
