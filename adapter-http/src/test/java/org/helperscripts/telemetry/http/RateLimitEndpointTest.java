package org.helperscripts.telemetry.http;

import static org.helperscripts.telemetry.http.TestReports.lxcInstalling;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Per-client rate limits over real HTTP. The test client connects from 127.0.0.1, which is a
 * trusted proxy by default, so X-Forwarded-For names the client; the limiters' clock only moves
 * when a test moves it.
 */
class RateLimitEndpointTest {

    private static final int BURST = 3;
    /** 3 permits every 6 s. */
    private static final RateLimits LIMITS = RateLimits.perClientAddress(30, BURST);
    private static final String XFF = "X-Forwarded-For";

    private LiveServer live;

    @AfterEach
    void stopServer() {
        if (live != null) {
            live.close();
        }
    }

    @Test
    void oneClientIsLimitedAfterItsBurstWith429RetryAfterAndJson() {
        live = LiveServer.startLimited(LIMITS, TrustedProxies.builtIn());
        IngestionCounts before = IngestionCounts.of(live);

        for (int i = 0; i < BURST; i++) {
            assertEquals(202, live.postReport(lxcInstalling("burst-" + i)).statusCode());
        }
        HttpResponse<String> refused = live.postReport(lxcInstalling("one-too-many"));

        assertEquals(429, refused.statusCode(), refused.body());
        assertEquals("6", refused.headers().firstValue("Retry-After").orElse(null));
        assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals(Map.of("error", "too many requests, retry after 6 s"),
                LiveServer.JSON.convertValue(LiveServer.json(refused), Map.class));
        assertEquals(SecurityHeaders.CONTENT_SECURITY_POLICY,
                refused.headers().firstValue("Content-Security-Policy").orElse(null));
        assertEquals("nosniff", refused.headers().firstValue("X-Content-Type-Options").orElse(null));
        assertEquals("DENY", refused.headers().firstValue("X-Frame-Options").orElse(null));
        assertEquals(BURST, live.store.size());
        assertTrue(live.store.find("one-too-many").isEmpty());
        IngestionCounts.assertMovedSince(before, live, Map.of("accepted", (long) BURST, "rejected.rate_limited", 1L));
    }

    @Test
    void aSecondClientBehindTheSameProxyIsNotLimited() {
        live = LiveServer.startLimited(LIMITS, TrustedProxies.builtIn());
        exhaust("203.0.113.9");

        HttpResponse<String> second = live.postReportWith(lxcInstalling("second"), XFF, "198.51.100.4");

        assertEquals(202, second.statusCode(), second.body());
        assertEquals(429, live.postReportWith(lxcInstalling("first-again"), XFF, "203.0.113.9").statusCode());
    }

    @Test
    void behindATrustedProxyChainTwoClientsAreLimitedSeparately() {
        live = LiveServer.startLimited(LIMITS, TrustedProxies.builtIn());
        // A CDN edge (trusted by TRUSTED_PROXIES_CIDR in real life; here a private address) in front of nginx.
        String first = "203.0.113.9, 10.0.0.2";
        String second = "198.51.100.4, 10.0.0.2";

        for (int i = 0; i < BURST; i++) {
            assertEquals(202, live.postReportWith(lxcInstalling("a-" + i), XFF, first).statusCode());
            assertEquals(202, live.postReportWith(lxcInstalling("b-" + i), XFF, second).statusCode());
        }

        assertEquals(429, live.postReportWith(lxcInstalling("a-more"), XFF, first).statusCode());
        assertEquals(429, live.postReportWith(lxcInstalling("b-more"), XFF, second).statusCode());
        assertEquals(2 * BURST, live.store.size());
        assertEquals(2, live.limiters().size());
    }

    @Test
    void aClientCannotEscapeItsLimitByPrependingAddresses() {
        live = LiveServer.startLimited(LIMITS, TrustedProxies.builtIn());
        exhaust("203.0.113.9");

        for (int i = 0; i < 5; i++) {
            // What nginx makes of a client's own header: its value, then the address nginx saw.
            HttpResponse<String> answer = live.postReportWith(lxcInstalling("forged-" + i),
                    XFF, "192.0.2." + i + ", 10.0.0." + i + ", 203.0.113.9");
            assertEquals(429, answer.statusCode(), answer.body());
        }
        HttpResponse<String> forwarded = live.postReportWith(lxcInstalling("forwarded"),
                "Forwarded", "for=192.0.2.1, for=203.0.113.9");
        assertEquals(429, forwarded.statusCode(), forwarded.body());
    }

    @Test
    void severalForwardingHeaderLinesAreReadAsOneList() {
        live = LiveServer.startLimited(LIMITS, TrustedProxies.builtIn());
        exhaust("203.0.113.9");

        HttpResponse<String> answer = live.send(live.request("/telemetry")
                .header(XFF, "192.0.2.1").header(XFF, "203.0.113.9")
                .POST(HttpRequest.BodyPublishers.ofString(TestReports.json(lxcInstalling("two-lines")))).build());

        assertEquals(429, answer.statusCode(), answer.body());
    }

    // 127.0.0.1 is not trusted here: its headers are what a client on the internet would send.
    @ParameterizedTest(name = "TRUSTED_PROXIES_CIDR={0}")
    @ValueSource(strings = {"none", "none,192.0.2.0/24"})
    void aSpoofedHeaderFromAnUntrustedPeerIsIgnored(String trustedProxies) {
        live = LiveServer.startLimited(LIMITS, TrustedProxies.parse(trustedProxies));

        // One header at a time: both at once and disagreeing would leave the peer for another reason.
        for (int i = 0; i < BURST; i++) {
            HttpResponse<String> answer = i % 2 == 0
                    ? live.postReportWith(lxcInstalling("spoof-" + i), XFF, "198.51.100." + i)
                    : live.postReportWith(lxcInstalling("spoof-" + i), "Forwarded", "for=203.0.113." + i);
            assertEquals(202, answer.statusCode(), answer.body());
        }
        HttpResponse<String> refused = live.postReportWith(lxcInstalling("spoof-more"), XFF, "198.51.100.200");

        assertEquals(429, refused.statusCode(), refused.body());
        assertEquals(1, live.limiters().size(), "every spoofed request shared the peer's limiter");
    }

    @Test
    void inHeaderModeTheKeyHeaderNamesTheClientAndItsAbsenceFallsBackToTheAddress() {
        live = LiveServer.startLimited(RateLimits.perHeader(30, BURST, "X-Telemetry-Key"), TrustedProxies.builtIn());

        for (int i = 0; i < BURST; i++) {
            assertEquals(202, live.postReportWith(lxcInstalling("k1-" + i), "X-Telemetry-Key", "key-one").statusCode());
        }
        assertEquals(429, live.postReportWith(lxcInstalling("k1-more"), "X-Telemetry-Key", "key-one").statusCode());
        assertEquals(202, live.postReportWith(lxcInstalling("k2"), "X-Telemetry-Key", "key-two").statusCode());
        // No key: the client address, which neither key used up.
        assertEquals(202, live.postReport(lxcInstalling("no-key")).statusCode());
        assertEquals(202, live.postReportWith(lxcInstalling("blank-key"), "X-Telemetry-Key", "  ").statusCode());
        assertEquals(3, live.limiters().size());
    }

    @Test
    void inHeaderModeTheKeyHeaderOfAnUntrustedPeerIsIgnored() {
        live = LiveServer.startLimited(RateLimits.perHeader(30, BURST, "X-Telemetry-Key"), TrustedProxies.nobody());

        for (int i = 0; i < BURST; i++) {
            assertEquals(202, live.postReportWith(lxcInstalling("u-" + i), "X-Telemetry-Key", "key-" + i).statusCode());
        }

        assertEquals(429, live.postReportWith(lxcInstalling("u-more"), "X-Telemetry-Key", "key-new").statusCode());
    }

    @Test
    void aRateLimitOfZeroSwitchesLimitingOff() {
        live = LiveServer.startLimited(RateLimits.off(), TrustedProxies.builtIn());

        for (int i = 0; i < 100; i++) {
            assertEquals(202, live.postReport(lxcInstalling("unlimited-" + i)).statusCode());
        }

        assertEquals(100, live.store.size());
        assertNull(live.limiters());
        assertEquals(0, live.health().path("ingestion").path("rejected").path("rate_limited").asLong());
    }

    @Test
    void theHealthCheckIsNeverLimited() {
        live = LiveServer.startLimited(LIMITS, TrustedProxies.builtIn());
        exhaust(null);

        for (int i = 0; i < 20; i++) {
            HttpResponse<String> health = live.get("/healthz");
            assertEquals(200, health.statusCode(), health.body());
        }
        assertEquals(1, live.health().path("ingestion").path("rejected").path("rate_limited").asLong());
    }

    @Test
    void theBareUrlIsLimitedLikeTelemetry() {
        live = LiveServer.startLimited(LIMITS, TrustedProxies.builtIn());
        exhaust(null);

        HttpResponse<String> refused = live.post("/", TestReports.json(lxcInstalling("bare")));

        assertEquals(429, refused.statusCode(), refused.body());
        assertEquals(2, live.health().path("ingestion").path("rejected").path("rate_limited").asLong());
    }

    @Test
    void theApiIsLimitedButARefusedReadIsNotARejectedReport() {
        live = LiveServer.startLimited(LIMITS, TrustedProxies.builtIn());
        for (int i = 0; i < BURST; i++) {
            assertEquals(200, live.get("/api/records").statusCode());
        }
        IngestionCounts before = IngestionCounts.of(live);

        HttpResponse<String> refused = live.get("/api/records?limit=5");

        assertEquals(429, refused.statusCode(), refused.body());
        assertEquals("too many requests, retry after 6 s", LiveServer.json(refused).path("error").asText());
        assertEquals("6", refused.headers().firstValue("Retry-After").orElse(null));
        assertEquals(RecordsQueryParameters.DEFAULT_LIMIT, live.store.lastQuery().limit(),
                "the refused read never reached the store");
        IngestionCounts.assertMovedSince(before, live, Map.of());
    }

    // Javalin routes /telemetry/ to the same handler: it must meet the same limit.
    @Test
    void aTrailingSlashDoesNotEscapeTheLimit() {
        live = LiveServer.startLimited(LIMITS, TrustedProxies.builtIn());
        exhaust(null);

        HttpResponse<String> post = live.post("/telemetry/", TestReports.json(lxcInstalling("slash")));
        HttpResponse<String> read = live.get("/api/records/");

        assertEquals(429, post.statusCode(), post.body());
        assertEquals(429, read.statusCode(), read.body());
        assertTrue(live.store.find("slash").isEmpty());
    }

    // Other methods on the limited paths, and other paths, never meet the limiter.
    @Test
    void onlyTheLimitedRoutesTakePermits() {
        live = LiveServer.startLimited(LIMITS, TrustedProxies.builtIn());

        for (int i = 0; i < 3 * BURST; i++) {
            assertEquals(404, live.get("/telemetry").statusCode());
            assertEquals(404, live.post("/api/records", "{}").statusCode());
            assertEquals(404, live.post("/no/such/path", "{}").statusCode());
            assertEquals(200, live.get("/healthz").statusCode());
        }

        assertEquals(0, live.limiters().size());
        exhaust(null);
    }

    // The check runs before the body is read: a refused body is neither parsed nor counted as bad.
    @Test
    void aLimitedRequestIsRefusedBeforeItsBodyIsRead() {
        live = LiveServer.startLimited(LIMITS, TrustedProxies.builtIn());
        exhaust(null);
        IngestionCounts before = IngestionCounts.of(live);

        HttpResponse<String> unreadable = live.post("/telemetry", "this is not json");
        // Only the head of a request that declares a body: a server that tried to read the body
        // would wait for it, and the socket's timeout would end the test instead of an answer.
        String headOnly = LiveServer.exchangeHeadOnly(live.port(), "/telemetry", LiveServer.MAX_BODY_BYTES + 1);

        assertEquals(429, unreadable.statusCode(), unreadable.body());
        assertTrue(headOnly.startsWith("HTTP/1.1 429 "), headOnly);
        IngestionCounts.assertMovedSince(before, live, Map.of("rejected.rate_limited", 2L));
    }

    @Test
    void retryAfterCountsDownAndTheClientIsLetInWhenThePeriodEnds() {
        live = LiveServer.startLimited(LIMITS, TrustedProxies.builtIn());
        exhaust(null);

        live.advance(Duration.ofMillis(2_500));
        HttpResponse<String> later = live.postReport(lxcInstalling("later"));
        assertEquals(429, later.statusCode());
        assertEquals("4", later.headers().firstValue("Retry-After").orElse(null), "3.5 s rounded up");

        live.advance(Duration.ofMillis(3_500));

        assertEquals(202, live.postReport(lxcInstalling("after-the-period")).statusCode());
    }

    @Test
    void anIpv6PeerIsReadAndItsForwardedClientsAreLimitedSeparately() throws Exception {
        assumeTrue(ipv6LoopbackWorks(), "no IPv6 loopback on this machine");
        live = LiveServer.startLimitedOnIpv6Loopback(LIMITS);

        for (int i = 0; i < BURST; i++) {
            assertEquals(202, live.postReportWith(lxcInstalling("v6a-" + i), XFF, "2001:db8::7").statusCode());
        }
        assertEquals(429, live.postReportWith(lxcInstalling("v6a-more"), XFF, "[2001:db8::7]:4711").statusCode());
        assertEquals(202, live.postReportWith(lxcInstalling("v6b"), "Forwarded", "for=\"[2001:db8::8]\"").statusCode());
        assertEquals(202, live.postReport(lxcInstalling("v6-peer")).statusCode());
        assertEquals(3, live.limiters().size());
    }

    @Test
    void theLimiterRegistryHoldsNoAddress() {
        live = LiveServer.startLimited(LIMITS, TrustedProxies.builtIn());
        live.postReportWith(lxcInstalling("kept-1"), XFF, "203.0.113.9");
        live.postReport(lxcInstalling("kept-2"));

        assertEquals(2, live.limiters().size());
        for (ClientPseudonym client : live.limiters().clients()) {
            String key = client.toString();
            assertFalse(key.contains("203.0.113.9"), key);
            assertFalse(key.contains("127.0.0.1"), key);
            assertFalse(key.contains("cb007109"), key);
            assertFalse(key.contains("7f000001"), key);
        }
    }

    /** Uses up the burst of one client: the forwarded address, or with null the test client itself. */
    private void exhaust(String forwardedFor) {
        for (int i = 0; i < BURST; i++) {
            HttpResponse<String> answer = forwardedFor == null
                    ? live.postReport(lxcInstalling("exhaust-" + i))
                    : live.postReportWith(lxcInstalling("exhaust-" + i), XFF, forwardedFor);
            assertEquals(202, answer.statusCode(), answer.body());
        }
        HttpResponse<String> refused = forwardedFor == null
                ? live.postReport(lxcInstalling("exhausted"))
                : live.postReportWith(lxcInstalling("exhausted"), XFF, forwardedFor);
        assertEquals(429, refused.statusCode(), refused.body());
        JsonNode json = LiveServer.json(refused);
        assertTrue(json.path("error").asText().startsWith("too many requests"), refused.body());
    }

    private static boolean ipv6LoopbackWorks() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(IpLiteral.parse("::1").orElseThrow(), 0));
            return true;
        } catch (Exception unavailable) {
            return false;
        }
    }
}
