package org.helperscripts.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The limiter registry on its own, on a clock the test moves: no sleeping, no timing assertions. */
class ClientLimitersTest {

    private static final RateLimits DEFAULTS = RateLimits.defaults();

    private final AtomicLong now = new AtomicLong(5_000_000_000L);
    private final ClientPseudonyms pseudonyms = new ClientPseudonyms();

    @Test
    void theDefaultsRefillSixtyPermitsEveryTwelveSeconds() {
        assertEquals(Duration.ofSeconds(12), DEFAULTS.refreshPeriod());
        assertEquals(Duration.ofMinutes(1), RateLimits.perClientAddress(10, 10).refreshPeriod());
        assertEquals(Duration.ofMillis(200), RateLimits.perClientAddress(300, 1).refreshPeriod());
    }

    @Test
    void aClientGetsItsBurstThenWaitsForTheNextPeriod() {
        ClientLimiters limiters = limiters(DEFAULTS, ClientLimiters.DEFAULT_MAXIMUM_SIZE);
        ClientPseudonym client = client("203.0.113.9");

        for (int i = 0; i < DEFAULTS.burst(); i++) {
            assertEquals(0, limiters.acquire(client), "request " + (i + 1));
        }
        assertEquals(12, limiters.acquire(client));
        advance(Duration.ofMillis(4_500));
        assertEquals(8, limiters.acquire(client), "7.5 s left, rounded up");
        advance(Duration.ofMillis(7_499));
        assertEquals(1, limiters.acquire(client), "1 ms left is still a whole second");
        advance(Duration.ofMillis(1));

        assertEquals(0, limiters.acquire(client));
    }

    @Test
    void unusedPermitsDoNotPileUpBeyondOneBurst() {
        RateLimits limits = RateLimits.perClientAddress(60, 5);
        ClientLimiters limiters = limiters(limits, ClientLimiters.DEFAULT_MAXIMUM_SIZE);
        ClientPseudonym client = client("203.0.113.9");
        assertEquals(0, limiters.acquire(client));

        advance(Duration.ofMinutes(10));

        for (int i = 0; i < limits.burst(); i++) {
            assertEquals(0, limiters.acquire(client), "request " + (i + 1));
        }
        assertTrue(limiters.acquire(client) > 0);
    }

    @Test
    void oneClientsExhaustedLimitLeavesAnotherUntouched() {
        RateLimits limits = RateLimits.perClientAddress(60, 2);
        ClientLimiters limiters = limiters(limits, ClientLimiters.DEFAULT_MAXIMUM_SIZE);
        ClientPseudonym first = client("203.0.113.9");
        ClientPseudonym second = client("203.0.113.10");

        limiters.acquire(first);
        limiters.acquire(first);

        assertTrue(limiters.acquire(first) > 0);
        assertEquals(0, limiters.acquire(second));
        assertEquals(0, limiters.acquire(second));
    }

    // A flood from ever new addresses, every request from one never seen before. Memory is the count of limiters.
    @Test
    void aHundredThousandDistinctAddressesKeepTheRegistryWithinItsMaximumSize() throws Exception {
        ClientLimiters limiters = limiters(DEFAULTS, ClientLimiters.DEFAULT_MAXIMUM_SIZE);
        ClientPseudonym regular = client("198.51.100.1");

        for (int i = 0; i < 100_000; i++) {
            byte[] address = {(byte) 10, (byte) (i >>> 16), (byte) (i >>> 8), (byte) i};
            assertEquals(0, limiters.acquire(pseudonyms.of(InetAddress.getByAddress(address))));
            if (i % 1_000 == 0) {
                limiters.acquire(regular);
                assertTrue(limiters.size() <= limiters.maximumSize(), "after " + i + ": " + limiters.size());
            }
        }

        long size = limiters.size();
        assertTrue(size <= limiters.maximumSize(), size + " limiters held");
        assertTrue(size > limiters.maximumSize() / 2, "the cache is used, not emptied: " + size);
        assertTrue(limiters.maximumSize() < 100_000, "the bound is below the flood, so the test means something");
    }

    @Test
    void aLimiterIdleForTwoRefreshPeriodsIsDropped() {
        ClientLimiters limiters = limiters(DEFAULTS, ClientLimiters.DEFAULT_MAXIMUM_SIZE);
        for (int i = 0; i < 1_000; i++) {
            limiters.acquire(client("client-" + i));
        }
        assertEquals(1_000, limiters.size());

        advance(DEFAULTS.refreshPeriod());
        assertEquals(1_000, limiters.size(), "one idle period is not enough");
        advance(DEFAULTS.refreshPeriod().plusNanos(1));

        assertEquals(0, limiters.size());
    }

    // Dropped after one idle period, a new limiter gives a full burst: exactly what the old one had.
    @Test
    void aClientDroppedForIdlenessComesBackWithNoMoreThanItWouldHaveHad() {
        RateLimits limits = RateLimits.perClientAddress(60, 3);
        ClientLimiters limiters = limiters(limits, ClientLimiters.DEFAULT_MAXIMUM_SIZE);
        ClientPseudonym client = client("203.0.113.9");
        for (int i = 0; i < 3; i++) {
            limiters.acquire(client);
        }
        assertTrue(limiters.acquire(client) > 0);

        advance(limits.refreshPeriod().multipliedBy(3));
        assertEquals(0, limiters.size());

        for (int i = 0; i < 3; i++) {
            assertEquals(0, limiters.acquire(client));
        }
        assertTrue(limiters.acquire(client) > 0);
    }

    @Test
    void theRegistryHoldsPseudonymsNeverAddresses() {
        ClientLimiters limiters = limiters(DEFAULTS, ClientLimiters.DEFAULT_MAXIMUM_SIZE);
        InetAddress address = IpLiteral.parse("203.0.113.9").orElseThrow();

        limiters.acquire(pseudonyms.of(address));

        Set<ClientPseudonym> clients = limiters.clients();
        assertEquals(Set.of(pseudonyms.of(address)), clients);
        String key = clients.iterator().next().toString();
        assertFalse(key.contains("203.0.113.9"), key);
        assertFalse(key.contains("cb007109"), "the address in hex: " + key);
    }

    @Test
    void aPseudonymDependsOnTheSecretOfTheProcess() {
        InetAddress address = IpLiteral.parse("203.0.113.9").orElseThrow();
        byte[] secret = "a secret of exactly thirty-two b".getBytes(StandardCharsets.US_ASCII);

        ClientPseudonym once = new ClientPseudonyms(secret).of(address);
        ClientPseudonym again = new ClientPseudonyms(secret).of(address);
        ClientPseudonym elsewhere = new ClientPseudonyms().of(address);

        assertEquals(once, again);
        assertNotEquals(once, elsewhere);
        assertNotEquals(pseudonyms.of(address), pseudonyms.ofHeaderValue("203.0.113.9"),
                "a header value that spells an address is not that address");
        assertNotEquals(pseudonyms.of(address), pseudonyms.of(IpLiteral.parse("203.0.113.10").orElseThrow()));
    }

    private ClientLimiters limiters(RateLimits limits, long maximumSize) {
        return new ClientLimiters(limits, maximumSize, now::get);
    }

    private ClientPseudonym client(String name) {
        return pseudonyms.ofHeaderValue(name);
    }

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }
}
