package org.helperscripts.telemetry.http;

import static org.helperscripts.telemetry.http.TestReports.lxcInstalling;
import static org.helperscripts.telemetry.http.TestReports.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The request log (ENABLE_REQUEST_LOGGING) says what happened, never who asked or what they sent.
 * slf4j-simple writes to whatever System.err is at the moment of logging, so the test swaps it.
 */
class RequestLogTest {

    private static final String REQUEST_LOGGER = "org.helperscripts.telemetry.http.requests";

    @Test
    void logsMethodPathAndStatusButNeverTheClientAddressOrTheBody() throws Exception {
        String marker = "marker-" + UUID.randomUUID();
        try (LiveServer live = LiveServer.startWithRequestLogging(); StandardErrorCapture log = new StandardErrorCapture()) {
            HttpResponse<String> accepted = live.postReport(with(lxcInstalling("logged-1"), "error", marker));
            assertEquals(202, accepted.statusCode(), accepted.body());
            assertEquals("accepted", LiveServer.json(accepted).path("status").asText());
            // An unreadable body is the one a careless log would print to explain the 400.
            HttpResponse<String> refused = live.post("/telemetry", "{\"error\": " + marker + " ");
            assertEquals(400, refused.statusCode(), refused.body());
            assertTrue(LiveServer.json(refused).path("error").asText().startsWith("body is not valid JSON"));

            String text = log.waitFor(REQUEST_LOGGER + " - POST /telemetry 400 ");

            assertTrue(text.contains(REQUEST_LOGGER + " - POST /telemetry 202 "), text);
            assertFalse(text.contains("127.0.0.1"), text);
            assertFalse(text.contains(marker), text);
        }
    }

    // The limiter is where an address is most tempting to print: who was refused. It is never printed.
    @Test
    void logsARefusedRequestButNeverTheAddressOfTheClientThatWasLimited() throws Exception {
        String client = "203.0.113.77";
        try (LiveServer live = LiveServer.startLimitedWithRequestLogging(RateLimits.perClientAddress(60, 1));
             StandardErrorCapture log = new StandardErrorCapture()) {
            HttpResponse<String> accepted = live.postReportWith(lxcInstalling("limited-1"), "X-Forwarded-For", client);
            assertEquals(202, accepted.statusCode(), accepted.body());
            HttpResponse<String> refused = live.postReportWith(lxcInstalling("limited-2"), "X-Forwarded-For", client);
            assertEquals(429, refused.statusCode(), refused.body());
            HttpResponse<String> forwarded = live.postReportWith(lxcInstalling("limited-3"),
                    "Forwarded", "for=\"[2001:db8::77]:4711\"");
            assertEquals(202, forwarded.statusCode(), forwarded.body());

            String text = log.waitFor(REQUEST_LOGGER + " - POST /telemetry 429 ");

            assertFalse(refused.body().contains(client), refused.body());
            assertFalse(refused.headers().map().toString().contains(client), refused.headers().map().toString());
            assertFalse(text.contains(client), text);
            assertFalse(text.contains("2001:db8"), text);
            assertFalse(text.contains("127.0.0.1"), text);
            for (ClientPseudonym key : live.limiters().clients()) {
                assertFalse(key.toString().contains(client), key.toString());
                assertFalse(text.contains(key.toString()), "a pseudonym is not logged either: " + text);
            }
        }
    }

    // Off by default: the log is opt-in because even method and path say something about a client.
    @Test
    void logsNoRequestWhenRequestLoggingIsOff() throws Exception {
        try (LiveServer live = LiveServer.start(); StandardErrorCapture log = new StandardErrorCapture()) {
            HttpResponse<String> accepted = live.postReport(lxcInstalling("unlogged-1"));
            assertEquals(202, accepted.statusCode(), accepted.body());
            assertEquals("accepted", LiveServer.json(accepted).path("status").asText());
            // The logger would run after the answer; give it the time it takes when it is on.
            Thread.sleep(300);

            String text = log.text();

            assertFalse(text.contains(REQUEST_LOGGER), text);
            assertFalse(text.contains("/telemetry"), text);
        }
    }

    /** System.err redirected into memory until closed. */
    private static final class StandardErrorCapture implements AutoCloseable {
        private final PrintStream original = System.err;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        StandardErrorCapture() {
            System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        }

        String text() {
            return buffer.toString(StandardCharsets.UTF_8);
        }

        /** The request logger runs after the answer is sent, so the client can be first. */
        String waitFor(String fragment) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!text().contains(fragment)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no log of " + fragment + " within 10 s; captured: " + text());
                }
                Thread.sleep(10);
            }
            return text();
        }

        @Override
        public void close() {
            System.err.flush();
            System.setErr(original);
        }
    }
}
