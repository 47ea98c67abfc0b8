package org.helperscripts.telemetry.pocketbase.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ViewCollectionTest {

    private static final String DAILY = """
            {"name": "%s", "type": "view",
             "viewQuery": "SELECT (ROW_NUMBER() OVER()) AS id, device, COUNT(*) AS n, SUM(value) AS total, CAST(SUM(value) AS REAL) AS real_total, MAX(ts) AS last_ts FROM telemetry GROUP BY device",
             "listRule": null, "viewRule": null}""";

    private static PocketBaseTestServer server;
    private static ApiClient client;
    private static String token;
    private static JsonNode daily;

    @BeforeAll
    static void start() {
        server = PocketBaseTestServer.start();
        client = new ApiClient(server);
        token = client.login(server.superuser());
        TestCollections.createTelemetry(client, token, "telemetry");
        int seq = 0;
        for (String device : List.of("d1", "d1", "d1", "d2", "d2", "d3")) {
            TestCollections.insert(client, token, "telemetry", "{\"device\":\"%s\",\"seq\":%d,\"value\":%s,\"ts\":\"2025-01-0%dT00:00:00Z\"}"
                    .formatted(device, seq, seq + 0.5, seq + 1));
            seq++;
        }
        ApiClient.Answer created = client.post("/api/collections", DAILY.formatted("daily"), token);
        assertEquals(200, created.status(), created.body());
        daily = created.json();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode list(String query) {
        ApiClient.Answer answer = client.get("/api/collections/daily/records" + query, token);
        assertEquals(200, answer.status(), answer.body());
        return answer.json();
    }

    private static JsonNode field(String name) {
        for (JsonNode field : daily.path("fields")) {
            if (field.path("name").asText().equals(name)) {
                return field;
            }
        }
        throw new AssertionError("no field " + name + " in " + daily);
    }

    @Test
    void aGroupByViewAnswersOneAggregatedRecordPerGroup() {
        JsonNode page = list("?sort=device");

        assertEquals(3, page.path("totalItems").asInt());
        JsonNode d1 = page.path("items").get(0);
        assertEquals("daily", d1.path("collectionName").asText());
        assertEquals(daily.path("id").asText(), d1.path("collectionId").asText());
        assertEquals("d1", d1.path("device").asText());
        assertEquals(3, d1.path("n").asInt());
        assertEquals(4.5, d1.path("real_total").asDouble());
        assertEquals(4.5, d1.path("total").asDouble());
        assertEquals("2025-01-03 00:00:00.000Z", d1.path("last_ts").asText());
        assertTrue(d1.path("id").isTextual(), "view ids are text");
    }

    @Test
    void viewRecordsFilterSortAndPageLikeTableRecords() {
        JsonNode page = list("?sort=-n,device&perPage=1&page=2&filter=" + ApiClient.encode("n >= 1 && device != 'd3'"));

        assertEquals(2, page.path("totalItems").asInt());
        assertEquals(2, page.path("totalPages").asInt());
        assertEquals("d2", page.path("items").get(0).path("device").asText());
        assertEquals(-1, list("?skipTotal=1").path("totalItems").asInt());
    }

    @Test
    void aViewHasNoRowidToSortBy() {
        // SQLite views have no rowid; PocketBase's own query fails the same way (the note marks it unverified)
        ApiClient.Answer answer = client.get("/api/collections/daily/records?sort=@rowid", token);

        assertEquals(400, answer.status());
        assertEquals("Something went wrong while processing your request.", answer.message());
    }

    @Test
    void aViewRecordCanBeViewedById() {
        String id = list("?filter=" + ApiClient.encode("device = 'd3'")).path("items").get(0).path("id").asText();

        ApiClient.Answer one = client.get("/api/collections/daily/records/" + id, token);

        assertEquals(200, one.status());
        assertEquals("d3", one.json().path("device").asText());
    }

    @Test
    void fieldsAreInferredPerColumnAsPocketBaseDoes() {
        assertEquals("text", field("id").path("type").asText());
        assertEquals("text", field("device").path("type").asText());
        assertEquals(64, field("device").path("max").asInt(), "a plain column keeps its field's options");
        assertEquals("number", field("n").path("type").asText());
        assertTrue(field("n").path("onlyInt").asBoolean());
        assertEquals("json", field("total").path("type").asText());
        assertEquals("number", field("real_total").path("type").asText());
        assertEquals("json", field("last_ts").path("type").asText());
        assertTrue(daily.path("indexes").isEmpty());
        assertEquals("view", daily.path("type").asText());
        assertTrue(daily.path("viewQuery").asText().startsWith("SELECT"));
    }

    @Test
    void aViewIsLiveOverItsTables() {
        TestCollections.createTelemetry(client, token, "live_source");
        ApiClient.Answer view = client.post("/api/collections",
                "{\"name\":\"live\",\"type\":\"view\",\"viewQuery\":\"SELECT id, device FROM live_source\"}", token);
        assertEquals(200, view.status(), view.body());

        TestCollections.insert(client, token, "live_source", "{\"device\":\"late\",\"ts\":\"2025-01-01T00:00:00Z\"}");

        assertEquals("late", client.get("/api/collections/live/records", token).json().path("items").get(0).path("device").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST /api/collections/daily/records", "PATCH /api/collections/daily/records/1",
            "DELETE /api/collections/daily/records/1"})
    void viewRecordsAreReadOnly(String call) {
        String[] methodAndPath = call.split(" ");

        ApiClient.Answer answer = client.send(methodAndPath[0], methodAndPath[1], methodAndPath[0].equals("DELETE") ? null : "{}", token);

        assertEquals(400, answer.status());
        assertEquals("Unsupported collection type.", answer.message());
    }

    @Test
    void aViewQueryWithoutAnIdColumnIsInvalid() {
        ApiClient.Answer answer = client.post("/api/collections",
                "{\"name\":\"no_id\",\"type\":\"view\",\"viewQuery\":\"SELECT device, COUNT(*) AS n FROM telemetry GROUP BY device\"}", token);

        assertEquals(400, answer.status());
        assertEquals("Failed to create collection.", answer.message());
        JsonNode error = answer.json().path("data").path("viewQuery");
        assertEquals("validation_invalid_view_query", error.path("code").asText());
        assertTrue(error.path("message").asText().contains("ROW_NUMBER() OVER()"), error.toString());
    }

    @Test
    void wildcardsMultipleStatementsAndBrokenSqlAreInvalidViewQueries() {
        List<String> codes = new ArrayList<>();
        for (String query : List.of("SELECT * FROM telemetry", "SELECT id FROM telemetry; DROP TABLE telemetry",
                "SELECT id, nope FROM telemetry", "SELECT id FROM missing_table")) {
            ApiClient.Answer answer = client.post("/api/collections",
                    "{\"name\":\"broken\",\"type\":\"view\",\"viewQuery\":\"" + query + "\"}", token);
            assertEquals(400, answer.status(), query);
            codes.add(answer.json().path("data").path("viewQuery").path("code").asText());
        }

        assertEquals(List.of("validation_invalid_view_query", "validation_invalid_view_query",
                "validation_invalid_view_query", "validation_invalid_view_query"), codes);
        assertEquals(200, client.get("/api/collections/telemetry/records", token).status(), "telemetry survived");
    }

    @Test
    void writeRulesAndIndexesOfAViewMustStayEmpty() {
        ApiClient.Answer answer = client.post("/api/collections", """
                {"name":"bad_rules","type":"view","viewQuery":"SELECT id FROM telemetry","createRule":"",
                 "indexes":["CREATE INDEX idx_bad_rules ON bad_rules (id)"]}""", token);

        assertEquals(400, answer.status());
        assertEquals("validation_nil", answer.json().path("data").path("createRule").path("code").asText());
        assertEquals("validation_indexes_not_supported", answer.json().path("data").path("indexes").path("code").asText());
    }

    @Test
    void aViewHonoursItsListRule() {
        ApiClient.Answer created = client.post("/api/collections", DAILY.formatted("public_daily")
                .replace("\"listRule\": null", "\"listRule\": \"n > 1\""), token);
        assertEquals(200, created.status(), created.body());

        ApiClient.Answer guest = client.get("/api/collections/public_daily/records?sort=device", null);

        assertEquals(200, guest.status());
        assertEquals(2, guest.json().path("totalItems").asInt());
        assertEquals(403, client.get("/api/collections/daily/records", null).status());
    }
}
