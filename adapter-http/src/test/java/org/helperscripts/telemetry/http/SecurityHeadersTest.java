package org.helperscripts.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SecurityHeadersTest {

    private static LiveServer live;

    @BeforeAll
    static void startServer() {
        live = LiveServer.start();
    }

    @AfterAll
    static void stopServer() {
        live.close();
    }

    @BeforeEach
    void emptyHealthyStore() {
        live.store.reset();
    }

    static Stream<Arguments> answers() {
        String report = TestReports.json(TestReports.lxcInstalling("headers-1"));
        return Stream.of(
                answer("a 202 to a report", post("/telemetry", report), 202,
                        json -> json.path("status").asText().equals("accepted")),
                answer("a 400 to a bad report", post("/telemetry", "{\"random_id\":\"r1\"}"), 400,
                        json -> json.path("error").asText().equals("invalid report")),
                answer("a 400 to an unreadable body", post("/telemetry", "not json"), 400,
                        json -> json.path("error").asText().startsWith("body is not valid JSON")),
                answer("a 413 to a body over the limit", post("/telemetry", "e".repeat(LiveServer.MAX_BODY_BYTES + 1)), 413,
                        json -> json.path("error").asText().contains(String.valueOf(LiveServer.MAX_BODY_BYTES))),
                answer("a 404 to an unknown path", get("/no/such/page"), 404,
                        json -> json.path("error").asText().equals("not found")),
                answer("a 404 to an unknown method on a known path", get("/telemetry"), 404,
                        json -> json.path("error").asText().equals("not found")),
                answer("the health check", get("/healthz"), 200,
                        json -> json.path("status").asText().equals("ok")),
                answer("a page of records", get("/api/records"), 200,
                        json -> json.path("records").isArray()),
                answer("a 400 to a bad records query", get("/api/records?limit=0"), 400,
                        json -> json.path("error").asText().equals("invalid query")));
    }

    // Every answer, the errors included: an error page is as framable and sniffable as any other.
    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void everyAnswerCarriesTheSecurityHeaders(String what, Function<LiveServer, HttpRequest> request, int status,
                                             Function<JsonNode, Boolean> bodyIsRight) {
        HttpResponse<String> answer = live.send(request.apply(live));

        assertEquals(status, answer.statusCode(), answer.body());
        assertTrue(bodyIsRight.apply(LiveServer.json(answer)), answer.body());
        assertEquals(SecurityHeaders.CONTENT_SECURITY_POLICY, header(answer, "Content-Security-Policy"));
        assertEquals("nosniff", header(answer, "X-Content-Type-Options"));
        assertEquals("DENY", header(answer, "X-Frame-Options"));
        assertEquals("no-referrer", header(answer, "Referrer-Policy"));
        assertEquals("same-origin", header(answer, "Cross-Origin-Resource-Policy"));
    }

    // A version in a header tells an attacker which CVEs to try.
    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void noAnswerNamesTheServerSoftware(String what, Function<LiveServer, HttpRequest> request, int status,
                                        Function<JsonNode, Boolean> bodyIsRight) {
        HttpResponse<String> answer = live.send(request.apply(live));

        assertEquals(status, answer.statusCode(), answer.body());
        assertTrue(bodyIsRight.apply(LiveServer.json(answer)), answer.body());
        assertTrue(answer.headers().firstValue("Server").isEmpty(), answer.headers().map().toString());
        assertTrue(answer.headers().firstValue("X-Powered-By").isEmpty(), answer.headers().map().toString());
        for (Map.Entry<String, List<String>> header : answer.headers().map().entrySet()) {
            for (String value : header.getValue()) {
                assertFalse(value.toLowerCase(Locale.ROOT).contains("jetty"), header.getKey() + ": " + value);
                assertFalse(value.toLowerCase(Locale.ROOT).contains("javalin"), header.getKey() + ": " + value);
            }
        }
    }

    private static String header(HttpResponse<String> answer, String name) {
        List<String> values = answer.headers().allValues(name);
        assertEquals(1, values.size(), name + " " + values);
        return values.get(0);
    }

    private static Arguments answer(String what, Function<LiveServer, HttpRequest> request, int status,
                                    Function<JsonNode, Boolean> bodyIsRight) {
        return Arguments.of(what, request, status, bodyIsRight);
    }

    private static Function<LiveServer, HttpRequest> post(String path, String body) {
        return server -> server.request(path).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static Function<LiveServer, HttpRequest> get(String pathAndQuery) {
        return server -> server.request(pathAndQuery).GET().build();
    }
}
