package org.helperscripts.telemetry.http;

import static org.helperscripts.telemetry.http.TestReports.lxcInstalling;
import static org.helperscripts.telemetry.http.TestReports.lxcSuccess;
import static org.helperscripts.telemetry.http.TestReports.with;
import static org.helperscripts.telemetry.http.TestReports.without;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.helperscripts.telemetry.domain.InstallType;
import org.helperscripts.telemetry.domain.Report;
import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.domain.Status;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IngestEndpointTest {

    private static final String LIMIT_TEXT = "body larger than " + LiveServer.MAX_BODY_BYTES + " bytes";

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

    @Test
    void acceptsAValidLxcReportAndStoresItParsed() {
        HttpResponse<String> answer = live.postReport(lxcInstalling("run-1"));

        assertAccepted(answer);
        Report stored = stored("run-1").report();
        assertEquals(InstallType.LXC, stored.type());
        assertEquals("debian", stored.nsapp());
        assertEquals(Status.INSTALLING, stored.status());
        assertEquals(1, stored.ctType());
        assertEquals(8, stored.diskSize());
        assertEquals(2, stored.coreCount());
        assertEquals(2048, stored.ramSize());
        assertEquals("debian", stored.osType());
        assertEquals("8.2.4", stored.pveVersion());
        assertEquals(LiveServer.NOW, stored("run-1").created());
    }

    // Clients configured with the bare service URL post to / and must not lose their reports.
    @Test
    void acceptsTheSameReportPostedToTheBareUrl() {
        HttpResponse<String> answer = live.post("/", TestReports.json(lxcInstalling("run-bare")));

        assertAccepted(answer);
        assertEquals(Status.INSTALLING, stored("run-bare").report().status());
        assertEquals(1, live.store.size());
    }

    @Test
    void successAfterInstallingLeavesOneRecordWithTheInstallFieldsIntact() {
        assertAccepted(live.postReport(lxcInstalling("run-2")));
        assertAccepted(live.postReport(lxcSuccess("run-2")));

        assertEquals(1, live.store.size());
        Report stored = stored("run-2").report();
        assertEquals(Status.SUCCESS, stored.status());
        assertEquals(8, stored.diskSize());
        assertEquals(2048, stored.ramSize());
        assertEquals("debian", stored.osType());
        assertEquals(0, stored.exitCode());
        assertEquals(95, stored.installDuration());
    }

    @Test
    void theSameReportTwiceLeavesOneUnchangedRecord() {
        assertAccepted(live.postReport(lxcInstalling("run-3")));
        Run first = stored("run-3");

        assertAccepted(live.postReport(lxcInstalling("run-3")));

        assertEquals(1, live.store.size());
        assertEquals(first, stored("run-3"));
    }

    // Reports overtake each other on the way; a late "installing" must fill in, not fall back.
    @Test
    void successBeforeInstallingLeavesOneSuccessfulRecordWithInstallFieldsFilled() {
        assertAccepted(live.postReport(lxcSuccess("run-4")));
        assertAccepted(live.postReport(lxcInstalling("run-4")));

        assertEquals(1, live.store.size());
        Report stored = stored("run-4").report();
        assertEquals(Status.SUCCESS, stored.status());
        assertEquals(1, stored.ctType());
        assertEquals(8, stored.diskSize());
        assertEquals(2, stored.coreCount());
        assertEquals(2048, stored.ramSize());
        assertEquals("12", stored.osVersion());
        assertEquals(95, stored.installDuration());
    }

    static Stream<Arguments> badInputs() {
        List<Arguments> cases = new ArrayList<>(List.of(
                bad("malformed JSON", json("{\"random_id\": \"r1\" \"type\": \"lxc\"}"),
                        400, "body is not valid JSON", null, "unreadable_body"),
                bad("a JSON array", json("[" + TestReports.json(lxcInstalling("in-array")) + "]"),
                        400, "must be a JSON object, not an array", null, "unreadable_body"),
                bad("a JSON number", json("202"), 400, "must be a JSON object, not a number", null, "unreadable_body"),
                bad("an empty body", json(""), 400, "body is empty", null, "unreadable_body"),
                bad("deep nesting", json("{\"nsapp\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}"),
                        400, "nested too deeply", null, "unreadable_body"),
                bad("a chunked body over 64 KiB that declares no length", () -> {
                    byte[] big = TestReports.json(with(lxcInstalling("chunked"), "error", "e".repeat(100_000)))
                            .getBytes(StandardCharsets.UTF_8);
                    HttpRequest.BodyPublisher unsized = HttpRequest.BodyPublishers.ofInputStream(
                            () -> new ByteArrayInputStream(big));
                    // No declared length: the limit has to be found while reading, not from a header.
                    assertEquals(-1, unsized.contentLength());
                    return unsized;
                }, 413, LIMIT_TEXT, null, "body_too_large"),
                bad("disk_size that is not a number", report("disk_size", "abc"),
                        400, "invalid report", List.of("disk_size"), "invalid_report"),
                bad("all four required fields missing",
                        json(TestReports.json(without(lxcInstalling("x"), "random_id", "type", "nsapp", "status"))),
                        400, "invalid report", List.of("random_id", "type", "nsapp", "status"), "invalid_report"),
                bad("nsapp of 65 characters", report("nsapp", "n".repeat(65)),
                        400, "invalid report", List.of("nsapp"), "invalid_report"),
                bad("nsapp sent as an object", json("{\"random_id\":\"r1\",\"type\":\"lxc\",\"status\":\"installing\","
                                + "\"nsapp\":{\"name\":\"debian\"}}"),
                        400, "invalid report", List.of("nsapp"), "invalid_report"),
                bad("an unknown type", report("type", "container"),
                        400, "invalid report", List.of("type"), "invalid_report"),
                bad("an unknown status", report("status", "finished"),
                        400, "invalid report", List.of("status"), "invalid_report")));
        Object[][] limits = {
            {"ct_type", 2}, {"disk_size", 100_000}, {"core_count", 256}, {"ram_size", 1_048_576},
            {"exit_code", 255}, {"install_duration", 86_400},
        };
        for (Object[] limit : limits) {
            String field = (String) limit[0];
            int max = (Integer) limit[1];
            cases.add(bad(field + " one past its maximum", report(field, max + 1),
                    400, "invalid report", List.of(field), "invalid_report"));
            cases.add(bad(field + " one below zero", report(field, -1),
                    400, "invalid report", List.of(field), "invalid_report"));
        }
        return cases.stream();
    }

    // Only the head goes out: the server refuses a body that declares 10 MB as soon as it has
    // the headers, without waiting for the body (it would wait in vain, and the socket's timeout
    // would end the test instead of an answer).
    @Test
    void aBodyThatDeclaresTenMegabytesIsRefusedBeforeItIsSent() {
        IngestionCounts before = IngestionCounts.of(live);

        String answer = LiveServer.exchangeHeadOnly(live.port(), "/telemetry", 10 * 1024 * 1024);

        assertTrue(answer.startsWith("HTTP/1.1 413 "), answer);
        assertTrue(answer.contains(LIMIT_TEXT), answer);
        assertTrue(answer.toLowerCase(Locale.ROOT).contains("content-type: application/json"), answer);
        IngestionCounts.assertMovedSince(before, live, Map.of("rejected.body_too_large", 1L));
        assertAccepted(live.postReport(lxcInstalling("after-ten-megabytes")));
    }

    // A fire-and-forget client never reads our answer, but the server must stay usable after
    // every bad input, and each refusal must be counted where an operator sees it.
    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void refusesABadInputByNameAndKeepsAcceptingReports(String what, Supplier<HttpRequest.BodyPublisher> body,
                                                        int status, String error, List<String> violatedFields,
                                                        String rejection) {
        IngestionCounts before = IngestionCounts.of(live);

        HttpResponse<String> answer = live.send(live.request("/telemetry")
                .header("Content-Type", "application/json").POST(body.get()).build());

        assertEquals(status, answer.statusCode(), answer.body());
        assertJsonContentType(answer);
        JsonNode json = LiveServer.json(answer);
        assertTrue(json.path("error").asText().contains(error), answer.body());
        if (violatedFields == null) {
            assertTrue(json.path("violations").isMissingNode(), answer.body());
        } else {
            assertEquals(violatedFields, fieldsNamedBy(json), answer.body());
            for (JsonNode violation : json.path("violations")) {
                assertFalse(violation.path("message").asText().isBlank(), answer.body());
            }
        }
        assertEquals(0, live.store.size());
        IngestionCounts.assertMovedSince(before, live, Map.of("rejected." + rejection, 1L));

        assertAccepted(live.postReport(lxcInstalling("after-bad-input")));
        assertEquals(Status.INSTALLING, stored("after-bad-input").report().status());
    }

    @Test
    void acceptsInvalidUtf8InTheErrorTextAsReplacementCharacters() {
        byte[] body = TestReports.bytes(
                "{\"random_id\":\"utf8-1\",\"type\":\"lxc\",\"nsapp\":\"debian\",\"status\":\"failed\",",
                "\"error\":\"apt: bad ", 0xC3, 0x28, " byte ", 0xFF, " end\"}");

        assertAccepted(live.postBytes("/telemetry", body));

        assertEquals("apt: bad \uFFFD( byte \uFFFD end", stored("utf8-1").report().error());
    }

    @Test
    void acceptsNsappOfExactly64Characters() {
        String nsapp = "n".repeat(64);

        assertAccepted(live.postReport(with(lxcInstalling("nsapp-64"), "nsapp", nsapp)));

        assertEquals(nsapp, stored("nsapp-64").report().nsapp());
    }

    // The body limit leaves room for a long error; the records of processing promise 120 chars.
    @Test
    void acceptsALongErrorTextAndStoresItCutTo120Characters() {
        Map<String, Object> report = with(with(lxcInstalling("long-error"), "status", "failed"),
                "error", "e".repeat(10_000));
        assertTrue(TestReports.json(report).length() < LiveServer.MAX_BODY_BYTES);

        assertAccepted(live.postReport(report));

        assertEquals("e".repeat(120), stored("long-error").report().error());
    }

    @Test
    void acceptsABashStyleBodyWithUnitSuffixesHexEscapesAndEmptyNumbers() {
        String body = "{\"random_id\":\"bash-1\",\"type\":\"lxc\",\"nsapp\":\"debian\",\"status\":\"installing\","
                + "\"disk_size\": 32G,\"core_count\": 2,\"ram_size\": ,\"os_version\":\"12\\x2e7\","
                + "\"error\":\"\\x41pt \\e[1mfailed\"}";

        assertAccepted(live.post("/telemetry", body));

        Report stored = stored("bash-1").report();
        assertEquals(32, stored.diskSize());
        assertEquals(2, stored.coreCount());
        assertNull(stored.ramSize());
        assertEquals("12.7", stored.osVersion());
        assertEquals("Apt \\e[1mfailed", stored.error());
    }

    // Unknown fields are never stored and never named anywhere, only counted.
    @Test
    void dropsUnknownFieldsAndCountsThemWithoutNamingThem() {
        IngestionCounts before = IngestionCounts.of(live);
        Map<String, Object> report = with(with(lxcInstalling("unknown-fields"),
                "hostname_of_the_box", "pve-home-4711"), "mac_address_field", "aa:bb:cc:dd:ee:ff");

        assertAccepted(live.postReport(report));

        IngestionCounts.assertMovedSince(before, live, Map.of("accepted", 1L, "dropped_fields", 2L));
        String health = live.get("/healthz").body();
        assertFalse(health.contains("hostname_of_the_box"), health);
        assertFalse(health.contains("mac_address_field"), health);
        assertFalse(health.contains("pve-home-4711"), health);
        assertEquals(Status.INSTALLING, stored("unknown-fields").report().status());
    }

    @Test
    void answers503WithRetryAfterWhileTheStoreIsDownAndRecoversWhenItIsBack() {
        IngestionCounts before = IngestionCounts.of(live);
        live.store.goDown();

        HttpResponse<String> refused = live.postReport(lxcInstalling("outage-1"));

        assertEquals(503, refused.statusCode(), refused.body());
        assertEquals(ErrorAnswers.RETRY_AFTER_SECONDS, refused.headers().firstValue("Retry-After").orElse(null));
        assertEquals("store unavailable, try again later", LiveServer.json(refused).path("error").asText());
        HttpResponse<String> unhealthy = live.get("/healthz");
        assertEquals(503, unhealthy.statusCode());
        JsonNode health = LiveServer.json(unhealthy);
        assertEquals("unavailable", health.path("status").asText());
        assertFalse(health.path("store").path("available").asBoolean(true));
        assertEquals(InMemoryReportStore.DOWN_PROBLEM, health.path("store").path("problem").asText());
        IngestionCounts.assertMovedSince(before, live, Map.of("rejected.store_unavailable", 1L));

        live.store.comeBack();

        assertAccepted(live.postReport(lxcInstalling("outage-1")));
        HttpResponse<String> healthy = live.get("/healthz");
        assertEquals(200, healthy.statusCode());
        assertEquals("ok", LiveServer.json(healthy).path("status").asText());
        assertTrue(LiveServer.json(healthy).path("store").path("available").asBoolean(false));
        assertEquals(Status.INSTALLING, stored("outage-1").report().status());
    }

    // 202 is a promise that the report is durable: a slow store must delay the answer, not the truth.
    @Test
    void answers202OnlyOnceTheStoreHasTheReport() throws Exception {
        live.store.holdWrites();

        CompletableFuture<HttpResponse<String>> answer = live.sendAsync(live.request("/telemetry")
                .POST(HttpRequest.BodyPublishers.ofString(TestReports.json(lxcInstalling("slow-1")))).build());

        waitUntil(() -> live.store.heldWrites() == 1);
        assertFalse(answer.isDone(), "answered before the store had the report");
        assertEquals(1, live.health().path("store").path("pending_writes").asLong());
        assertTrue(live.store.find("slow-1").isEmpty());

        live.store.releaseWrites();

        assertAccepted(answer.get(10, TimeUnit.SECONDS));
        assertEquals(Status.INSTALLING, stored("slow-1").report().status());
    }

    @Test
    void countsEveryOutcomeOfWhatWasSent() {
        IngestionCounts before = IngestionCounts.of(live);

        assertAccepted(live.postReport(lxcInstalling("mix-1")));
        assertAccepted(live.postReport(with(lxcInstalling("mix-2"), "extra_field", "x")));
        assertRefused(live.postReport(with(lxcInstalling("mix-3"), "core_count", 999)), 400, "invalid report");
        assertRefused(live.post("/telemetry", "not json"), 400, "body is not valid JSON");
        assertRefused(live.post("/", "[]"), 400, "not an array");
        assertRefused(live.post("/telemetry", "e".repeat(LiveServer.MAX_BODY_BYTES + 1)), 413, LIMIT_TEXT);
        live.store.goDown();
        assertRefused(live.postReport(lxcInstalling("mix-4")), 503, "store unavailable");
        live.store.comeBack();

        IngestionCounts.assertMovedSince(before, live, Map.of(
                "accepted", 2L,
                "dropped_fields", 1L,
                "rejected.invalid_report", 1L,
                "rejected.unreadable_body", 2L,
                "rejected.body_too_large", 1L,
                "rejected.store_unavailable", 1L));
    }

    @Test
    void listsEveryRejectionReasonInHealthEvenAtZero() {
        HttpResponse<String> health = live.get("/healthz");

        assertEquals(200, health.statusCode(), health.body());
        assertEquals("no-store", health.headers().firstValue("Cache-Control").orElse(null));
        JsonNode rejected = LiveServer.json(health).path("ingestion").path("rejected");
        assertEquals(IngestionCounters.Rejection.values().length, rejected.size(), rejected.toString());

        for (IngestionCounters.Rejection reason : IngestionCounters.Rejection.values()) {
            assertTrue(rejected.path(reason.label()).isNumber(), reason.label() + " in " + rejected);
        }
    }

    // A body exactly at the limit is allowed; the limit is "larger than", not "at least".
    @Test
    void acceptsABodyOfExactlyTheLimit() {
        String start = TestReports.json(with(lxcInstalling("at-limit"), "error", ""));
        String padded = start.replace("\"error\":\"\"",
                "\"error\":\"" + "e".repeat(LiveServer.MAX_BODY_BYTES - start.length()) + "\"");
        assertEquals(LiveServer.MAX_BODY_BYTES, padded.getBytes(StandardCharsets.UTF_8).length);

        assertAccepted(live.post("/telemetry", padded));

        assertEquals("e".repeat(120), stored("at-limit").report().error());
    }

    private static Run stored(String runKey) {
        return live.store.find(runKey).orElseThrow(() -> new AssertionError("no record of run " + runKey));
    }

    private static void assertAccepted(HttpResponse<String> answer) {
        assertEquals(202, answer.statusCode(), answer.body());
        assertJsonContentType(answer);
        assertEquals(Map.of("status", "accepted"), LiveServer.JSON.convertValue(LiveServer.json(answer), Map.class));
    }

    private static void assertRefused(HttpResponse<String> answer, int status, String errorFragment) {
        assertEquals(status, answer.statusCode(), answer.body());
        assertJsonContentType(answer);
        assertTrue(LiveServer.json(answer).path("error").asText().contains(errorFragment), answer.body());
    }

    private static void assertJsonContentType(HttpResponse<String> answer) {
        String type = answer.headers().firstValue("Content-Type").orElse("");
        assertTrue(type.startsWith("application/json"), type);
    }

    private static List<String> fieldsNamedBy(JsonNode answer) {
        List<String> fields = new ArrayList<>();
        for (JsonNode violation : answer.path("violations")) {
            fields.add(violation.path("field").asText());
        }
        return fields;
    }

    private static void waitUntil(Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(10);
        }
    }

    private static Arguments bad(String what, Supplier<HttpRequest.BodyPublisher> body, int status, String error,
                                 List<String> violatedFields, String rejection) {
        return Arguments.of(what, body, status, error, violatedFields, rejection);
    }

    private static Supplier<HttpRequest.BodyPublisher> json(String body) {
        return () -> HttpRequest.BodyPublishers.ofString(body);
    }

    private static Supplier<HttpRequest.BodyPublisher> report(String field, Object value) {
        return json(TestReports.json(with(lxcInstalling("bad-" + field), field, value)));
    }
}
