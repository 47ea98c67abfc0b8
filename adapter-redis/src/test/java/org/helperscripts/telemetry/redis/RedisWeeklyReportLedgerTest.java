package org.helperscripts.telemetry.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.helperscripts.telemetry.ports.out.StoreUnavailableException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class RedisWeeklyReportLedgerTest {

    @RegisterExtension
    static final TwoInstancesOnOneRedis REDIS = new TwoInstancesOnOneRedis();

    private RedisWeeklyReportLedger instanceA;
    private RedisWeeklyReportLedger instanceB;

    @BeforeEach
    void twoInstances() {
        instanceA = new RedisWeeklyReportLedger(REDIS.first());
        instanceB = new RedisWeeklyReportLedger(REDIS.second());
    }

    @Test
    void aWeekIsClaimedOnceAndASecondClaimIsRefused() {
        assertTrue(instanceA.claim("2026-W18"));
        assertFalse(instanceA.claim("2026-W18"));
        assertTrue(instanceA.claim("2026-W19"), "another week is claimed on its own");
    }

    @Test
    void ofTwoInstancesRacingForAWeekExactlyOneWins() throws Exception {
        ExecutorService instances = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> claims = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                RedisWeeklyReportLedger ledger = i % 2 == 0 ? instanceA : instanceB;
                claims.add(() -> ledger.claim("2026-W18"));
            }
            int won = 0;
            for (Future<Boolean> claim : instances.invokeAll(claims)) {
                won += claim.get() ? 1 : 0;
            }
            assertEquals(1, won);
        } finally {
            instances.shutdownNow();
        }
    }

    @Test
    void aClaimExpiresAfterAFewWeeks() {
        assertTrue(instanceA.claim("2026-W18"));

        long ttl = REDIS.raw().pttl(RedisWeeklyReportLedger.PREFIX + "2026-W18");

        assertTrue(ttl > RedisWeeklyReportLedger.KEPT.minus(Duration.ofMinutes(1)).toMillis()
                && ttl <= RedisWeeklyReportLedger.KEPT.toMillis(), "ttl " + ttl);
        assertTrue(RedisWeeklyReportLedger.KEPT.compareTo(Duration.ofDays(14)) >= 0);
    }

    @Test
    void aReleasedClaimCanBeClaimedAgainByAnotherInstance() {
        assertTrue(instanceA.claim("2026-W18"));
        instanceA.release("2026-W18");

        assertTrue(instanceB.claim("2026-W18"));
    }

    @Test
    void anInstanceReleasesOnlyItsOwnClaim() {
        assertTrue(instanceA.claim("2026-W18"));

        instanceB.release("2026-W18");

        assertFalse(instanceB.claim("2026-W18"), "instance A's claim still holds");
        assertTrue(REDIS.raw().exists(RedisWeeklyReportLedger.PREFIX + "2026-W18"));
    }

    @Test
    void whileRedisIsUnreachableNoClaimIsGrantedAndAReleaseDoesNotThrow() throws IOException {
        try (RedisConnection nowhere = RedisConnection.open(RedisSettings.parse("redis://127.0.0.1:" + unusedPort()))) {
            RedisWeeklyReportLedger ledger = new RedisWeeklyReportLedger(nowhere);

            assertThrows(StoreUnavailableException.class, () -> ledger.claim("2026-W18"));
            ledger.release("2026-W18");
        }
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void somethingThatIsNotAnIsoWeekIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> instanceA.claim("2026-W18*"));
        assertThrows(IllegalArgumentException.class, () -> instanceA.release(null));
    }
}
