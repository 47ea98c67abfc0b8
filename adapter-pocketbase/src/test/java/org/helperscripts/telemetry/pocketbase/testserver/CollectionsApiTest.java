package org.helperscripts.telemetry.pocketbase.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CollectionsApiTest {

    private PocketBaseTestServer server;
    private ApiClient client;
    private String token;

    @BeforeEach
    void start() {
        server = PocketBaseTestServer.builder().user("ingest@example.com", "ingest-password-1").start();
        client = new ApiClient(server);
        token = client.login(server.superuser());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ApiClient.Answer create(String json) {
        return client.post("/api/collections", json, token);
    }

    private List<String> sqliteIndexes(String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + server.databaseFile());
             ResultSet rows = connection.createStatement().executeQuery(
                     "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' AND tbl_name = '"
                             + table + "' ORDER BY name")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    @Test
    void createAnswersTheFullCollectionWithOnlyTheIdFieldAdded() {
        ApiClient.Answer answer = create("""
                {"name":"plain","type":"base","fields":[{"name":"device","type":"text"}]}""");

        assertEquals(200, answer.status(), answer.body());
        JsonNode collection = answer.json();
        assertTrue(collection.path("id").asText().startsWith("pbc_"));
        assertEquals("plain", collection.path("name").asText());
        assertEquals("base", collection.path("type").asText());
        assertFalse(collection.path("system").asBoolean());
        assertEquals(2, collection.path("fields").size(), "id and device, no created/updated");
        JsonNode id = collection.path("fields").get(0);
        assertEquals("id", id.path("name").asText());
        assertTrue(id.path("primaryKey").asBoolean());
        assertEquals("[a-z0-9]{15}", id.path("autogeneratePattern").asText());
        JsonNode device = collection.path("fields").get(1);
        assertTrue(device.path("id").asText().startsWith("text"));
        assertEquals(0, device.path("max").asInt());
        assertTrue(collection.path("listRule").isNull());
        assertTrue(collection.path("deleteRule").isNull());
        assertTrue(collection.path("indexes").isArray());
        assertFalse(collection.path("created").asText().isEmpty());
    }

    @Test
    void indexesBecomeSqliteIndexesOnTheCollectionsOwnTable() throws SQLException {
        ApiClient.Answer answer = create(TestCollections.telemetryJson("telemetry", "null", "null", "null", "null", "null")
                .replace("ON `telemetry` (`ts`)", "ON `somewhere_else` (`ts`)"));

        assertEquals(200, answer.status(), answer.body());
        assertEquals(List.of("idx_telemetry_device_seq", "idx_telemetry_ts"), sqliteIndexes("telemetry"));
    }

    @Test
    void aUniqueIndexIsEnforced() {
        TestCollections.createTelemetry(client, token, "telemetry");
        TestCollections.insert(client, token, "telemetry", "{\"device\":\"d\",\"seq\":1,\"ts\":\"2025-01-01T00:00:00Z\"}");

        ApiClient.Answer duplicate = client.post("/api/collections/telemetry/records",
                "{\"device\":\"d\",\"seq\":1,\"ts\":\"2025-02-01T00:00:00Z\"}", token);

        assertEquals(400, duplicate.status());
        assertEquals("validation_not_unique", duplicate.json().path("data").path("seq").path("code").asText());
    }

    @Test
    void anInvalidIndexExpressionIsNamedByItsPosition() {
        ApiClient.Answer answer = create("""
                {"name":"bad_index","fields":[{"name":"a","type":"text"}],"indexes":["CREATE INDEX nope"]}""");

        assertEquals(400, answer.status());
        assertEquals("Failed to create collection.", answer.message());
        assertEquals("validation_invalid_index_expression",
                answer.json().path("data").path("indexes").path("0").path("code").asText());
    }

    @Test
    void anIndexOnAMissingColumnIsARawDatabaseError() {
        ApiClient.Answer answer = create("""
                {"name":"raw","fields":[{"name":"a","type":"text"}],"indexes":["CREATE INDEX idx_raw ON raw (missing)"]}""");

        assertEquals(400, answer.status());
        assertTrue(answer.message().startsWith("Failed to create collection. Raw error:"), answer.message());
        assertTrue(answer.message().contains("missing"), answer.message());
        assertEquals(0, answer.json().path("data").size());
        assertEquals(404, client.get("/api/collections/raw", token).status(), "nothing of it is kept");
    }

    @Test
    void anIndexNameUsedByAnotherCollectionIsRefused() {
        TestCollections.createTelemetry(client, token, "telemetry");

        ApiClient.Answer answer = create("""
                {"name":"other","fields":[{"name":"a","type":"text"}],"indexes":["CREATE INDEX idx_telemetry_ts ON other (a)"]}""");

        assertEquals(400, answer.status());
        JsonNode error = answer.json().path("data").path("indexes").path("0");
        assertEquals("validation_existing_index_name", error.path("code").asText());
        assertEquals("telemetry", error.path("params").path("usedTableName").asText());
    }

    @Test
    void aNameTakenIgnoringCaseIsNotUnique() {
        TestCollections.createTelemetry(client, token, "telemetry");

        ApiClient.Answer answer = create("{\"name\":\"TELEMETRY\",\"fields\":[]}");

        assertEquals(400, answer.status());
        assertEquals("validation_collection_name_exists", answer.json().path("data").path("name").path("code").asText());
    }

    @Test
    void nameIsRequiredAndMustBeAWord() {
        assertEquals("validation_required", create("{\"fields\":[]}").json().path("data").path("name").path("code").asText());
        assertEquals("validation_match_invalid",
                create("{\"name\":\"no spaces\",\"fields\":[]}").json().path("data").path("name").path("code").asText());
    }

    @Test
    void fieldProblemsAreReportedUnderTheirIndex() {
        ApiClient.Answer answer = create("""
                {"name":"dups","fields":[{"name":"a","type":"text"},{"name":"A","type":"number"},{"name":"file","type":"file"}]}""");

        assertEquals(400, answer.status());
        JsonNode fields = answer.json().path("data").path("fields");
        assertEquals("validation_duplicated_field_name", fields.path("1").path("name").path("code").asText());
        assertEquals("validation_unsupported_by_test_server", fields.path("2").path("type").path("code").asText());
    }

    @Test
    void anUnknownFieldTypeCannotBeLoaded() {
        ApiClient.Answer answer = create("{\"name\":\"weird\",\"fields\":[{\"name\":\"a\",\"type\":\"hologram\"}]}");

        assertEquals(400, answer.status());
        assertEquals("Failed to load the submitted data due to invalid formatting.", answer.message());
    }

    @Test
    void anInvalidRuleIsRefusedWhenSaved() {
        ApiClient.Answer answer = create(TestCollections.telemetryJson("telemetry", "\"nope = 1\"", "null", "\"device =\"", "null", "null"));

        assertEquals(400, answer.status());
        JsonNode data = answer.json().path("data");
        assertEquals("validation_invalid_rule", data.path("listRule").path("code").asText());
        assertTrue(data.path("listRule").path("message").asText().startsWith("Invalid rule. Raw error: "));
        assertEquals("validation_invalid_rule", data.path("createRule").path("code").asText());
    }

    @Test
    void listPagesCollectionsAndFiltersAndSortsByTheirColumns() {
        TestCollections.createTelemetry(client, token, "telemetry");
        TestCollections.createTelemetry(client, token, "archive");

        ApiClient.Answer all = client.get("/api/collections?sort=name", token);
        ApiClient.Answer bases = client.get("/api/collections?sort=-name&filter=" + ApiClient.encode("type = 'base'"), token);

        assertEquals(4, all.json().path("totalItems").asInt());
        assertEquals("_superusers", all.json().path("items").get(0).path("name").asText());
        assertEquals(2, bases.json().path("totalItems").asInt());
        assertEquals("telemetry", bases.json().path("items").get(0).path("name").asText());
        assertEquals(400, client.get("/api/collections?filter=" + ApiClient.encode("listRule = ''"), token).status());
    }

    @Test
    void viewFindsACollectionByNameOrId() {
        String id = create(TestCollections.telemetryJson("telemetry", "null", "null", "null", "null", "null"))
                .json().path("id").asText();

        assertEquals(id, client.get("/api/collections/telemetry", token).json().path("id").asText());
        assertEquals("telemetry", client.get("/api/collections/" + id, token).json().path("name").asText());
        ApiClient.Answer missing = client.get("/api/collections/nope", token);
        assertEquals(404, missing.status());
        assertEquals("The requested resource wasn't found.", missing.message());
    }

    @Test
    void aGuestGets401AndAUserGets403() {
        String userToken = client.login(server.user());

        ApiClient.Answer guest = client.get("/api/collections", null);
        ApiClient.Answer user = client.post("/api/collections", "{\"name\":\"x\"}", userToken);

        assertEquals(401, guest.status());
        assertEquals("The request requires valid record authorization token.", guest.message());
        assertEquals(403, user.status());
        assertEquals("The authorized record is not allowed to perform this action.", user.message());
    }

    @Test
    void patchChangesRulesAndIndexes() throws SQLException {
        TestCollections.createTelemetry(client, token, "telemetry");

        ApiClient.Answer answer = client.patch("/api/collections/telemetry",
                "{\"listRule\":\"@request.auth.id != ''\",\"indexes\":[\"CREATE INDEX idx_telemetry_note ON telemetry (note)\"]}", token);

        assertEquals(200, answer.status(), answer.body());
        assertEquals("@request.auth.id != ''", answer.json().path("listRule").asText());
        assertTrue(answer.json().path("viewRule").isNull(), "rules not sent stay as they were");
        assertEquals(List.of("idx_telemetry_note"), sqliteIndexes("telemetry"));
    }

    @Test
    void patchingFieldsIsRefusedLoudly() {
        TestCollections.createTelemetry(client, token, "telemetry");

        ApiClient.Answer answer = client.patch("/api/collections/telemetry", "{\"fields\":[{\"name\":\"x\",\"type\":\"text\"}]}", token);

        assertEquals(400, answer.status());
        assertEquals("Failed to update collection.", answer.message());
        assertEquals("validation_unsupported_by_test_server", answer.json().path("data").path("fields").path("code").asText());
    }

    @Test
    void systemCollectionRulesCannotChange() {
        ApiClient.Answer answer = client.patch("/api/collections/_superusers", "{\"listRule\":\"\"}", token);

        assertEquals(400, answer.status());
        assertEquals("validation_collection_system_rule_change", answer.json().path("data").path("listRule").path("code").asText());
    }

    @Test
    void deleteDropsTheCollectionAndItsTable() throws SQLException {
        TestCollections.createTelemetry(client, token, "telemetry");

        assertEquals(204, client.delete("/api/collections/telemetry", token).status());
        assertEquals(404, client.get("/api/collections/telemetry/records", token).status());
        assertEquals(List.of(), sqliteIndexes("telemetry"));
        assertEquals(200, create(TestCollections.telemetryJson("telemetry", "null", "null", "null", "null", "null")).status());
    }

    @Test
    void systemCollectionsCannotBeDeleted() {
        assertEquals(400, client.delete("/api/collections/_superusers", token).status());
    }

    @Test
    void truncateDeletesEveryRecordButKeepsTheCollection() {
        TestCollections.createTelemetry(client, token, "telemetry");
        TestCollections.insert(client, token, "telemetry", "{\"device\":\"d\",\"ts\":\"2025-01-01T00:00:00Z\"}");

        assertEquals(204, client.delete("/api/collections/telemetry/truncate", token).status());
        assertEquals(0, client.get("/api/collections/telemetry/records", token).json().path("totalItems").asInt());
    }

    @Test
    void rulesSetAtCreationAreKeptAsSent() {
        ApiClient.Answer answer = create(TestCollections.telemetryJson("telemetry", "\"\"", "\"owner = @request.auth.id\"", "null", "null", "null"));

        assertEquals("", answer.json().path("listRule").asText());
        assertTrue(answer.json().path("listRule").isTextual());
        assertEquals("owner = @request.auth.id", answer.json().path("viewRule").asText());
        assertTrue(answer.json().path("createRule").isNull());
    }
}
