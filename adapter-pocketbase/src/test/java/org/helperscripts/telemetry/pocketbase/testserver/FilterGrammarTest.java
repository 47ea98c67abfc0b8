package org.helperscripts.telemetry.pocketbase.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The filter grammar of section 3 as a table: each filter, sent over HTTP, and the devices it must
 * match (in seq order), then the filters PocketBase refuses with its generic 400.
 */
class FilterGrammarTest {

    private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");
    private static final List<String> ALL =
            List.of("alpha", "beta", "gamma", "delta", "Echo", "foxtrot", "golf", "hotel", "india");

    private static PocketBaseTestServer server;
    private static ApiClient client;
    private static String token;

    @BeforeAll
    static void start() {
        server = PocketBaseTestServer.builder().clock(AdjustableClock.at(NOW)).start();
        client = new ApiClient(server);
        token = client.login(server.superuser());
        TestCollections.createTelemetry(client, token, "readings");
        insert(1, "alpha", "1", true, null, "2024-06-01T00:00:00Z");
        insert(2, "beta", "2.5", false, "50% off", "2024-06-01T00:00:00Z");
        insert(3, "gamma", "-3", true, "a_b", "2024-06-01T00:00:00Z");
        insert(4, "delta", "10.5", false, "axb", "2024-06-01T00:00:00Z");
        insert(5, "Echo", "100", true, "it's", "2024-06-01T00:00:00Z");
        insert(6, "foxtrot", "0", false, "say \\\"hi\\\"", "2024-06-01T00:00:00Z");
        insert(7, "golf", "7", false, "a\\\\b", "2025-01-01T06:00:00Z");
        insert(8, "hotel", "8", false, "x' || id != '", "2024-06-01T00:00:00Z");
        insert(9, "india", "9", false, "50 off", "2024-06-01T00:00:00Z");
    }

    /** {@code note} is written into JSON as given, so JSON escapes in it are intended. */
    private static void insert(int seq, String device, String value, boolean ok, String note, String ts) {
        String noteJson = note == null ? "" : ",\"note\":\"" + note + "\"";
        TestCollections.insert(client, token, "readings", "{\"seq\":%d,\"device\":\"%s\",\"value\":%s,\"ok\":%s%s,\"ts\":\"%s\"}"
                .formatted(seq, device, value, ok, noteJson, ts));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static ApiClient.Answer filter(String filter) {
        return client.get("/api/collections/readings/records?perPage=100&sort=seq&filter=" + ApiClient.encode(filter), token);
    }

    private static List<String> without(String... excluded) {
        List<String> rest = new ArrayList<>(ALL);
        rest.removeAll(List.of(excluded));
        return rest;
    }

    static Stream<Arguments> matchingFilters() {
        return Stream.of(
                Arguments.of("device = 'alpha'", List.of("alpha")),
                Arguments.of("device != 'alpha'", without("alpha")),
                Arguments.of("value > 9", List.of("delta", "Echo")),
                Arguments.of("value >= 9", List.of("delta", "Echo", "india")),
                Arguments.of("value < 0", List.of("gamma")),
                Arguments.of("value <= 0", List.of("gamma", "foxtrot")),
                Arguments.of("value = -3", List.of("gamma")),
                Arguments.of("value = 10.5", List.of("delta")),
                Arguments.of("device ~ 'lph'", List.of("alpha")),
                Arguments.of("device ~ 'ECH'", List.of("Echo")),
                Arguments.of("device !~ 'a'", List.of("Echo", "foxtrot", "golf", "hotel")),
                Arguments.of("device ~ 'al%'", List.of("alpha")),
                Arguments.of("note ~ 'a_b'", List.of("gamma")),
                Arguments.of("note ~ '50%'", List.of("beta", "india")),
                Arguments.of("note ~ '50\\%'", List.of("beta")),
                Arguments.of("ok = true", List.of("alpha", "gamma", "Echo")),
                Arguments.of("ok = false", without("alpha", "gamma", "Echo")),
                Arguments.of("ok != true", without("alpha", "gamma", "Echo")),
                Arguments.of("note = ''", List.of("alpha")),
                Arguments.of("note = null", List.of("alpha")),
                Arguments.of("note != ''", without("alpha")),
                Arguments.of("id = null", List.of()),
                Arguments.of("device = \"beta\"", List.of("beta")),
                Arguments.of("note = 'it\\'s'", List.of("Echo")),
                Arguments.of("note = \"it's\"", List.of("Echo")),
                Arguments.of("note = 'say \"hi\"'", List.of("foxtrot")),
                Arguments.of("note = \"say \\\"hi\\\"\"", List.of("foxtrot")),
                Arguments.of("note = 'a\\b'", List.of("golf")),
                Arguments.of("note = 'a\\\\b'", List.of()),
                Arguments.of("note = 'x\\' || id != \\''", List.of("hotel")),
                Arguments.of("device = \"alpha' OR 1=1 --\"", List.of()),
                Arguments.of("device = 'alpha' || device = 'beta' && value > 100", List.of("alpha")),
                Arguments.of("(device = 'alpha' || device = 'beta') && value > 2", List.of("beta")),
                Arguments.of("((value > 0) && (value < 3))", List.of("alpha", "beta")),
                Arguments.of("device = 'alpha' || (device = 'beta' || (device = 'gamma' && ok = true))",
                        List.of("alpha", "beta", "gamma")),
                Arguments.of("device ?= 'alpha'", List.of("alpha")),
                Arguments.of("value ?> 9", List.of("delta", "Echo")),
                Arguments.of("device ?!~ 'a'", List.of("Echo", "foxtrot", "golf", "hotel")),
                Arguments.of("device = 'alpha' // the rest of the line is a comment", List.of("alpha")),
                Arguments.of("device\t=\n'alpha'", List.of("alpha")),
                Arguments.of("device:lower = 'echo'", List.of("Echo")),
                Arguments.of("'a' = 'a'", ALL),
                Arguments.of("true = true", ALL),
                Arguments.of("created <= @now", ALL),
                Arguments.of("ts >= @todayStart && ts <= @todayEnd", List.of("golf")),
                Arguments.of("ts > @yesterday", List.of("golf")),
                Arguments.of("ts < @yearStart", without("golf")),
                Arguments.of("@year = 2025 && @month = 1 && @day = 1 && @hour = 12", ALL),
                Arguments.of("@request.auth.id != ''", ALL),
                Arguments.of("@request.auth.collectionName = '_superusers' && device = 'beta'", List.of("beta")),
                Arguments.of("@request.query.perPage = '100' && device = 'beta'", List.of("beta")),
                Arguments.of("@request.method = 'GET' && device = 'gamma'", List.of("gamma")));
    }

    @ParameterizedTest(name = "{0} matches {1}")
    @MethodSource("matchingFilters")
    void filterMatchesExactlyTheExpectedRecords(String filter, List<String> expected) {
        ApiClient.Answer answer = filter(filter);

        assertEquals(200, answer.status(), answer.body());
        List<String> devices = new ArrayList<>();
        answer.json().path("items").forEach(item -> devices.add(item.path("device").asText()));
        assertEquals(expected, devices);
    }

    static Stream<String> refusedFilters() {
        return Stream.of(
                "nope = 1",
                "device =",
                "device = 'alpha' &&",
                "(device = 'alpha'",
                "device = 'alpha')",
                "device == 'alpha'",
                "device = 'alpha' device = 'beta'",
                "value = 1e5",
                "value = 1.",
                "device = 'alpha",
                "note = 'abc\\'",
                "strftime('%Y', created) = '2025'",
                "device = 'alpha' & value > 1",
                "()",
                "device",
                "device.sub = 'x'",
                "device:length > 1",
                "@collection.users.id != ''",
                "@nope = 1",
                "device = 'alpha'\r",
                "// only a comment",
                "   ");
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" is refused")
    @MethodSource("refusedFilters")
    void unknownFieldsAndSyntaxErrorsAreTheGenericBadRequest(String filter) {
        ApiClient.Answer answer = filter(filter);

        assertEquals(400, answer.status(), answer.body());
        assertEquals("Something went wrong while processing your request.", answer.message());
        assertEquals(0, answer.json().path("data").size());
    }

    @Test
    void twoHundredComparisonsAreAllowedButNotTwoHundredAndOne() {
        String two = String.join(" || ", Collections.nCopies(200, "value > 0"));

        assertEquals(200, filter(two).status());
        assertEquals(400, filter(two + " || value > 0").status());
    }

    @Test
    void aFilterLongerThan3500CharactersIsRefused() {
        assertEquals(200, filter("device = '" + "x".repeat(3485) + "'").status());
        assertEquals(400, filter("device = '" + "x".repeat(3490) + "'").status());
    }
}
